"""`python -m timeline new DIR`: a dataset folder that validates, with one worked example of each record kind.

The example is about itself: its one source is a note the command writes, dated the day it
runs, so every date and quote in it is true and checkable. Nothing in it is a claim about the
world that a curator would have to remove for being invented.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from timeline.curation.files import refuse_existing
from timeline.loading.load import load_dataset
from timeline.loading.schema import Dataset

DATASET_FILE = "events.yaml"
EXAMPLE_SOURCE = "sources/example-note.txt"

_NOTE = """\
Example source: how a timeline dataset works

This example note was written by the command python -m timeline new on {day}.
It stands in for the verbatim text of an article, a statement or a report.
Every event quotes its source word for word, and the validator checks each quote.
The curator of this dataset holds that a timeline is only as good as its quotes.
Some say this note was written by a person; it was written by a program.

Replace it with your own sources: python -m timeline add-source PAGE.html --data {dataset}
"""

_DATASET = """\
# A timeline dataset made by `python -m timeline new` on {iso}.
# One worked example of each record kind follows; the README's schema reference explains
# every field. Replace the examples with your own, then check the file:
#   python -m timeline validate {dataset}
# Add a saved article, PDF or text as a source: python -m timeline add-source PAGE.html --data {dataset}
# Find the exact words to quote:  python -m timeline quote SOURCE_ID "words you remember" --data {dataset}

sources:
  # The verbatim text lives in `file`, relative to this file. add-source writes these for you.
  - id: example-note
    title: "Example source: how a timeline dataset works"
    publisher: unidentified
    author: unidentified
    kind: explainer
    published: {iso}
    published_basis: stated      # the text states its date
    file: {source_file}
    note: Written by `python -m timeline new` as an example; delete it once you have your own sources.

actors:
  - id: example-curator
    name: The curator
    kind: person
    note: An example actor; events and positions name actors by id.

themes:
  - id: provenance
    label: Provenance
    definition: Where a claim comes from and how it is checked.

events:
  - id: example-dataset-created
    title: The example dataset is created
    date: {iso}                 # 2024-07-04, "2024-07" or 2024: the true precision
    date_basis: stated           # stated | inferred (add date_note) | external (add date_note)
    type: launch
    actors: [example-curator]
    themes: [provenance]
    summary: The command python -m timeline new writes an example dataset with one record of each kind.
    evidence:
      # Copy quotes from the source word for word; `quote` finds them for you.
      - source: example-note
        quote: "This example note was written by the command python -m timeline new on {day}."

positions:
  - id: example-curator-verbatim-quotes
    actor: example-curator
    theme: provenance
    proposition: A timeline should quote its sources word for word.
    stance: supports             # supports | mixed | neutral | skeptical | opposes
    date: {iso}
    date_basis: stated
    event: example-dataset-created
    evidence:
      - source: example-note
        quote: "The curator of this dataset holds that a timeline is only as good as its quotes."

disputes:
  - id: example-note-author
    about: {{source: example-note, field: author}}
    summary: Who wrote the example note.
    claims:
      - value: a person
        source: example-note
        quote: "Some say this note was written by a person"
      - value: a program
        source: example-note
        quote: "it was written by a program"
    decision: The dataset records the author as unidentified, since the note names no person.
"""


def new_dataset(folder: str | Path, *, today: dt.date) -> Dataset:
    """Create `folder`/events.yaml and its example source; refuse to replace either. Return the dataset."""
    folder = Path(folder)
    dataset_path = folder / DATASET_FILE
    refuse_existing([dataset_path, folder / EXAMPLE_SOURCE], "choose an empty folder")
    files = _example_files(dataset_path, today)
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Written and validated in a scratch folder first: a failure leaves nothing behind.
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".new-") as scratch_name:
        scratch = Path(scratch_name)
        for relative, text in files.items():
            (scratch / relative).parent.mkdir(parents=True, exist_ok=True)
            (scratch / relative).write_text(text, encoding="utf-8", newline="\n")
        load_dataset(scratch / DATASET_FILE)
        for relative in files:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            os.replace(scratch / relative, folder / relative)
    return load_dataset(dataset_path)


def _example_files(dataset_path: Path, today: dt.date) -> dict[str, str]:
    day = f"{today.day} {today:%B %Y}"
    shown = dataset_path.as_posix()
    return {
        EXAMPLE_SOURCE: _NOTE.format(day=day, dataset=shown),
        DATASET_FILE: _DATASET.format(iso=today.isoformat(), day=day, dataset=shown, source_file=EXAMPLE_SOURCE),
    }
