"""The curation commands of `python -m timeline`: new, add-source, quote, import-sheet.

Each refuses bad input with a DatasetError; `python -m timeline` prints it on stderr, one
line per problem, and exits with status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from timeline.curation.add_source import DEFAULT_KIND, SOURCE_KINDS, add_source
from timeline.curation.files import refuse_existing
from timeline.curation.new_dataset import new_dataset
from timeline.curation.quote import quote_report, read_source_text
from timeline.curation.sheet_dataset import import_sheet
from timeline.loading.schema import EVENT_TYPES
from timeline.timelinejs.importer import write_imported

DEFAULT_DATA = Path("data/events.yaml")  # the same default as `validate`


def register_commands(subparsers) -> None:
    """Add the curation subcommands to `python -m timeline`."""
    new = subparsers.add_parser(
        "new",
        help="create a dataset folder that validates, with one worked example of each record kind",
        description="Create DIR/events.yaml and DIR/sources/, with one example of each record kind.",
    )
    new.add_argument("folder", type=Path, help="the folder to create (or an empty one)")
    new.set_defaults(run=_new)

    add = subparsers.add_parser(
        "add-source",
        help="turn a saved web page, PDF, text file or URL into a source (its text and its record)",
        description="Extract the verbatim text of INPUT into the dataset's sources/ folder and append its source "
        "record (title, publisher, author, date and URL where the document states them) to the YAML.",
    )
    add.add_argument("input", help="a saved page (.html), a PDF, a text file (.txt) or an http(s) URL")
    _data_option(add)
    add.add_argument("--id", dest="source_id", help="the source's id (default: from its title)")
    add.add_argument("--kind", choices=SOURCE_KINDS, default=DEFAULT_KIND, help=f"default: {DEFAULT_KIND}")
    add.set_defaults(run=_add_source)

    quote = subparsers.add_parser(
        "quote",
        help="find the passages of a source closest to words you remember, with an evidence entry to paste",
        description="Print the passages of SOURCE_ID most like WORDS, verbatim with their line numbers, "
        "and a ready-to-paste `evidence:` entry quoting the best one.",
    )
    quote.add_argument("source_id", help="the id of a source in the dataset")
    quote.add_argument("words", help="the words as you remember them")
    _data_option(quote)
    quote.add_argument("-n", "--limit", type=int, default=3, help="how many passages to show (default: 3)")
    quote.set_defaults(run=_quote)

    sheet = subparsers.add_parser(
        "import-sheet",
        help="convert a spreadsheet (.csv or .xlsx: the TimelineJS template, or date/title/...) into a dataset",
        description="Convert a sheet into a dataset that passes `validate`; the sheet's text is written to "
        "sources/ next to the output and every event quotes its row. docs/curation-import.md lists the columns.",
    )
    sheet.add_argument("input", type=Path, help="the sheet (.csv or .xlsx)")
    sheet.add_argument("-o", "--output", type=Path, required=True, help="the dataset to write (OUT.yaml)")
    sheet.add_argument("--event-type", choices=EVENT_TYPES, default="statement", help="default: statement")
    sheet.add_argument("--force", action="store_true", help="replace the output and its source file if they exist")
    sheet.set_defaults(run=_import_sheet)


def _data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"the dataset's YAML file (default: {DEFAULT_DATA})"
    )


def _new(args: argparse.Namespace) -> int:
    dataset = new_dataset(args.folder, today=dt.date.today())
    path = args.folder / "events.yaml"
    print(
        f"{path}: created with {len(dataset.sources)} example source, {len(dataset.events)} event, "
        f"{len(dataset.positions)} position and {len(dataset.disputes)} dispute; it validates.\n"
        f"Next: python -m timeline add-source PAGE.html --data {path}"
    )
    return 0


def _add_source(args: argparse.Namespace) -> int:
    added = add_source(args.input, args.data, today=dt.date.today(), source_id=args.source_id, kind=args.kind)
    source_id = added.record["id"]
    print(
        f"{added.text_file}: the text of {args.input}\n"
        f"{args.data}: source {source_id!r} appended; check its {', '.join(added.to_check)}\n"
        f'Next: python -m timeline quote {source_id} "words you remember" --data {args.data}'
    )
    return 0


def _quote(args: argparse.Namespace) -> int:
    report, found = quote_report(read_source_text(args.data, args.source_id), args.words, max(1, args.limit))
    print(report, file=sys.stdout if found else sys.stderr)
    return 0 if found else 1


def _import_sheet(args: argparse.Namespace) -> int:
    imported = import_sheet(args.input, imported_on=dt.date.today(), event_type=args.event_type)
    source = args.output.parent / imported.source_file
    if not args.force:
        refuse_existing([args.output, source], "--force replaces it")
    dataset = write_imported(imported, args.output)
    for note in imported.notes:
        print(f"note: {note}", file=sys.stderr)
    counts = f"{len(dataset.events)} events, {len(dataset.actors)} actors"
    print(f"{args.output}: {counts}; source text in {source}; it validates")
    return 0
