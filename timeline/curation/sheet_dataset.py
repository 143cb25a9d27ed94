"""Parsed sheet rows -> the dataset's YAML and its one source text (the sheet's own text).

The same shape as a TimelineJS JSON import (timeline.timelinejs.importer): a group or an actor's name
becomes an actor (kind `organisation`, a placeholder, said so in its note), rows without one
get the actor `unattributed`, every event quotes its row of the source text, and the source is
the sheet itself, dated the day of the import as the latest it can have been written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from timeline.curation.sheet_read import read_sheet
from timeline.curation.sheets import Parsed, Row, parse_sheet
from timeline.loading.frames import date_label
from timeline.timelinejs.importer import ImportedTimeline, slugify
from timeline.timelinejs.read import clip

PLACEHOLDER_ACTOR = "unattributed"
TEXT_LIMIT, SUMMARY_LIMIT = 20_000, 1_000  # the schema's longest text; a summary's sensible length


def import_sheet(path: str | Path, *, imported_on: dt.date, event_type: str = "statement") -> ImportedTimeline:
    """Convert a .csv or .xlsx sheet into a dataset; raise DatasetError listing every bad cell."""
    parsed = parse_sheet(read_sheet(path))
    file_name = Path(path).name
    ids = _Ids()
    source_id = ids.take(Path(file_name).stem, "sheet")
    source_file = f"sources/{source_id}.txt"
    actor_ids = {name: ids.take(name, "actor") for row in parsed.rows for name in row.actors if name not in ids.names}
    theme_ids = {name: ids.take(name, "theme") for row in parsed.rows for name in row.themes if name not in ids.names}
    placeholder = ids.take(PLACEHOLDER_ACTOR, PLACEHOLDER_ACTOR) if any(not r.actors for r in parsed.rows) else None
    events = [
        _event(row, ids, event_type, actor_ids, theme_ids, placeholder, source_id, file_name) for row in parsed.rows
    ]
    actors = [_actor(name, actor_id) for name, actor_id in actor_ids.items()]
    if placeholder:
        actors.append(_actor("Unattributed", placeholder, placeholder=True))
    themes = [_theme(name, theme_id) for name, theme_id in theme_ids.items()]
    source = _source(parsed, source_id, source_file, file_name, imported_on)
    dataset = {"sources": [source], "actors": actors, "themes": themes, "events": events}
    header = (
        f"# Imported from the sheet {file_name} by `python -m timeline import-sheet` on {imported_on.isoformat()}.\n"
        "# Review event types and actors; docs/curation-import.md describes the columns.\n"
    )
    notes = [f"every event has type {event_type!r} (the sheet has no event types): review them"]
    if placeholder:
        notes.append(f"rows without a group or actors have the placeholder actor {placeholder!r}: replace it")
    if parsed.dropped:
        notes.append(f"not imported: the columns {', '.join(sorted(parsed.dropped))}")
    if parsed.eras:
        notes.append(
            f"{len(parsed.eras)} era row(s) not imported as events; they are listed at the end of {source_file}"
        )
    return ImportedTimeline(
        dataset_yaml=header + _dump({k: v for k, v in dataset.items() if v}),
        source_file=source_file,
        source_text=_source_text(parsed, file_name),
        notes=tuple(notes),
    )


class _Ids:
    """Ids unique across the dataset: the first taker keeps a slug, later ones get -2, -3..."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.names: set[str] = set()

    def take(self, text: str, fallback: str) -> str:
        self.names.add(text)
        base = slugify(text, 60) or fallback
        candidate, number = base, 2
        while candidate in self.used:
            candidate, number = f"{base}-{number}", number + 1
        self.used.add(candidate)
        return candidate


def _row_label(row: Row) -> str:
    return f"Row {row.number}"


def _event(row: Row, ids: _Ids, event_type: str, actor_ids, theme_ids, placeholder, source_id, file_name) -> dict:
    event: dict = {"id": ids.take(f"{slugify(row.title, 50)} {row.date.year}", f"row-{row.number}")}
    event.update({"title": clip(row.title, TEXT_LIMIT), "date": row.date.iso()})
    if row.end:
        event["end"] = row.end.iso()
    event["date_basis"] = "stated"
    if row.date_note:
        event["date_note"] = clip(row.date_note, TEXT_LIMIT)
    event["type"] = event_type
    event["actors"] = [actor_ids[name] for name in row.actors] or [placeholder]
    if row.themes:
        event["themes"] = [theme_ids[name] for name in row.themes]
    body = row.body or row.title
    event["summary"] = clip(body.split("\n\n")[0], SUMMARY_LIMIT)
    quote = clip(body, TEXT_LIMIT, ellipsis=False)  # a prefix of the text stays verbatim
    event["evidence"] = [{"source": source_id, "quote": quote, "note": f"{_row_label(row).lower()} of {file_name}"}]
    return event


def _actor(name: str, actor_id: str, placeholder: bool = False) -> dict:
    note = (
        "Placeholder: these rows name no group or actor. Replace it with real actors."
        if placeholder
        else "From the sheet; its kind is not known (organisation is a placeholder)."
    )
    return {"id": actor_id, "name": clip(name, TEXT_LIMIT), "kind": "organisation", "note": note}


def _theme(name: str, theme_id: str) -> dict:
    definition = clip(f"Events the sheet tags “{name}”.", TEXT_LIMIT)
    return {"id": theme_id, "label": clip(name, TEXT_LIMIT), "definition": definition}


def _source(parsed: Parsed, source_id: str, source_file: str, file_name: str, imported_on: dt.date) -> dict:
    day = imported_on.isoformat()
    note = f"Imported from the sheet {file_name}." + (
        f" Its title row says: {parsed.title_text}" if parsed.title_text else ""
    )
    return {
        "id": source_id,
        "title": clip(parsed.title, TEXT_LIMIT) or f"[Sheet {file_name}]",
        "publisher": "unidentified",
        "kind": "explainer",
        "published": day,
        "published_basis": "inferred",
        "published_note": f"The sheet states no date; {day}, the day it was imported, is the latest it can be from.",
        "file": source_file,
        "note": clip(note, TEXT_LIMIT),
    }


def _source_text(parsed: Parsed, file_name: str) -> str:
    """The sheet's text, row by row: what every imported quote is checked against."""
    blocks = [parsed.title or f"[Sheet {file_name}]"]
    if parsed.title_text:
        blocks.append(parsed.title_text)
    blocks.append(f"Imported from the sheet {file_name}.")
    for row in parsed.rows:
        lines = [f"{_row_label(row)} · {date_label(row.date, row.end)}"]
        if row.actors:
            lines.append("Actors: " + "; ".join(row.actors))
        if row.themes:
            lines.append("Themes: " + "; ".join(row.themes))
        blocks.append("\n".join([*lines, row.title]))
        if row.body:
            blocks.append(row.body)
        if row.lines:
            blocks.append("\n".join(row.lines))
    if parsed.eras:
        blocks.append("\n".join(["Eras (not imported as events):", *(f"- {era}" for era in parsed.eras)]))
    return "\n\n".join(blocks) + "\n"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True  # the loader refuses aliases


def _str(dumper: yaml.SafeDumper, value: str):
    # Literal blocks keep a quote's line breaks exactly; one-line texts are quoted only if needed.
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None)


_Dumper.add_representer(str, _str)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
