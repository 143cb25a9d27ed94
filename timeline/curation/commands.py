"""The curation commands of `python -m timeline`: new, add-source, quote, import-sheet.

Each refuses bad input with a DatasetError; `python -m timeline` prints it on stderr, one
line per problem, and exits with status 1.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from timeline.curation.new_dataset import new_dataset

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


def _new(args: argparse.Namespace) -> int:
    dataset = new_dataset(args.folder, today=dt.date.today())
    path = args.folder / "events.yaml"
    print(
        f"{path}: created with {len(dataset.sources)} example source, {len(dataset.events)} event, "
        f"{len(dataset.positions)} position and {len(dataset.disputes)} dispute; it validates.\n"
        f"Next: python -m timeline add-source PAGE.html --data {path}"
    )
    return 0
