"""TimelineJS interop on the command line: `import-timelinejs` and `export-timelinejs`.

The conversions live in timeline.timelinejs.importer (JSON -> dataset) and timeline.timelinejs.export
(dataset -> JSON); docs/timelinejs.md describes the mapping and what each direction loses.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from timeline.errors import DatasetError, Problem
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.loading.schema import EVENT_TYPES
from timeline.timelinejs.export import timelinejs_json
from timeline.timelinejs.importer import DEFAULT_EVENT_TYPE, GROUP_AS, import_timelinejs, write_imported
from timeline.vocab import LANE_MODES

DEFAULT_DATA = Path("data/events.yaml")  # the same default as `validate`


def register_commands(subparsers) -> None:
    """Add the import-timelinejs and export-timelinejs subcommands to `python -m timeline`."""
    imp = subparsers.add_parser(
        "import-timelinejs",
        help="convert a TimelineJS JSON file into a dataset (YAML plus its source text)",
        description="Convert a TimelineJS JSON file into a dataset that passes `validate`; the file's text "
        "is written to sources/ next to the output and every event quotes it.",
    )
    imp.add_argument("input", type=Path, help="the TimelineJS JSON file")
    imp.add_argument("-o", "--output", type=Path, required=True, help="the dataset to write (OUT.yaml)")
    imp.add_argument(
        "--group-as", choices=GROUP_AS, default="actor", help="what a TimelineJS group becomes (default: actor)"
    )
    imp.add_argument(
        "--event-type",
        choices=EVENT_TYPES,
        default=DEFAULT_EVENT_TYPE,
        help=f"the type given to every event (default: {DEFAULT_EVENT_TYPE})",
    )
    imp.add_argument("--force", action="store_true", help="replace the output and its source file if they exist")
    imp.set_defaults(run=_import)

    exp = subparsers.add_parser(
        "export-timelinejs",
        help="write a dataset's events as a TimelineJS JSON file",
        description="Write every event of a dataset as TimelineJS JSON, with its quotes and sources.",
    )
    exp.add_argument("path", nargs="?", type=Path, default=DEFAULT_DATA, help=f"the dataset (default: {DEFAULT_DATA})")
    exp.add_argument("-o", "--output", type=Path, help="the JSON file to write (default: standard output)")
    exp.add_argument(
        "--group-by", choices=LANE_MODES, default="actor", help="group = first actor's name or first theme's label"
    )
    exp.add_argument("--title", help="a headline for the TimelineJS title slide (default: no title slide)")
    exp.set_defaults(run=_export)


def _import(args: argparse.Namespace) -> int:
    raw = _read_input(args.input)
    imported = import_timelinejs(
        raw, str(args.input), imported_on=dt.date.today(), group_as=args.group_as, event_type=args.event_type
    )
    targets = [args.output, args.output.parent / imported.source_file]
    existing = [path for path in targets if path.exists()]
    if existing and not args.force:
        message = "already exists (--force replaces it)"
        raise DatasetError([Problem(str(path), None, None, None, message) for path in existing])
    dataset = write_imported(imported, args.output)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    print(
        f"{args.output}: {len(dataset.events)} events, {len(dataset.actors)} actors, {len(dataset.themes)} themes; "
        f"source text in {targets[1]}; the dataset validates"
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    frames = build_frames(load_dataset(args.path))
    text = timelinejs_json(frames, group_by=args.group_by, title=args.title)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"{args.output}: {len(frames.events)} events from {args.path}", file=sys.stderr)
    return 0


def _read_input(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DatasetError([Problem(str(path), None, None, None, f"cannot read file: {exc.strerror}")]) from None
