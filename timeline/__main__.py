"""Command line: `python -m timeline validate [PATH]`, `export` and the converters."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from timeline.curation.commands import register_commands as register_curation
from timeline.errors import DatasetError
from timeline.exports.cli import register_commands as register_export
from timeline.loading.load import load_dataset
from timeline.timelinejs.cli import register_commands as register_timelinejs

DEFAULT_DATA = Path("data/events.yaml")


def _validate(args: argparse.Namespace) -> int:
    try:
        dataset = load_dataset(args.path)
    except DatasetError as exc:
        for problem in exc.problems:
            print(problem)
        print(f"{len(exc.problems)} problem(s) in {args.path}", file=sys.stderr)
        return 1
    quotes = sum(len(r.evidence) for r in [*dataset.events, *dataset.positions])
    quotes += sum(1 for d in dataset.disputes for c in d.claims if c.quote)
    print(
        f"{args.path}: OK — {len(dataset.sources)} sources, {len(dataset.actors)} actors, "
        f"{len(dataset.themes)} themes, {len(dataset.events)} events, {len(dataset.positions)} positions, "
        f"{len(dataset.disputes)} disputes, {quotes} quotes, all found verbatim"
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m timeline", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check a dataset: schema, references, quotes")
    validate.add_argument("path", nargs="?", type=Path, default=DEFAULT_DATA)
    validate.set_defaults(run=_validate)
    # Converters live in their own modules; each adds its subcommands here.
    register_timelinejs(commands)
    register_curation(commands)  # new, add-source, quote, import-sheet (timeline/curation/)
    register_export(commands, DEFAULT_DATA)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DatasetError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
