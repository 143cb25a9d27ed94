"""A TimelineJS JSON file -> a dataset of ours: the YAML, plus the file's text as its one source.

Every problem that stops the conversion is collected and raised as one DatasetError whose
messages name the file, the event (`events[3] (unique_id 'x')`) and the field. What the
conversion decides (docs/timelinejs.md says why): a `group` becomes an actor (or a theme),
events without one get the placeholder actor `unattributed`; eras and media are kept only
as text in the source file; every date has basis `stated`, the TimelineJS file as source.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from timeline.loading.frames import date_label
from timeline.loading.load import load_dataset
from timeline.loading.schema import Dataset
from timeline.timelinejs.htmltext import clean_text
from timeline.timelinejs.read import Slide, clip, read_timeline

GROUP_AS = ("actor", "theme")
DEFAULT_EVENT_TYPE = "statement"
PLACEHOLDER_ACTOR = "unattributed"
SOURCE_KIND = "explainer"
TEXT_LIMIT = 20_000  # the schema's longest text field
SUMMARY_LIMIT = 1_000
_DATE_LIKE = re.compile(r"^\d{1,4}(?:-\d{2}){0,2}$")


@dataclass(frozen=True)
class ImportedTimeline:
    """A converted TimelineJS file: the dataset's YAML and its one source text."""

    dataset_yaml: str
    source_file: str  # relative to the YAML file, e.g. "sources/women-in-computing.txt"
    source_text: str
    notes: tuple[str, ...]  # what the conversion dropped or decided, for the user


def import_timelinejs(
    raw: bytes,
    name: str,
    *,
    imported_on: dt.date,
    group_as: str = "actor",
    event_type: str = DEFAULT_EVENT_TYPE,
) -> ImportedTimeline:
    """Convert TimelineJS JSON bytes (`name` is the path shown in errors); raise DatasetError."""
    if group_as not in GROUP_AS:
        raise ValueError(f"group_as must be one of {GROUP_AS}")
    timeline = read_timeline(raw, name)
    file_name = clean_text(Path(name).name) or "timeline.json"
    ids = _Ids()
    source_id = ids.take(Path(file_name).stem, "timelinejs")
    source_file = f"sources/{source_id}.txt"
    groups = list(dict.fromkeys(s.group for s in timeline.slides if s.group))
    group_ids = {group: ids.take(group, "group") for group in groups}
    needs_placeholder = group_as == "theme" or not all(s.group for s in timeline.slides)
    placeholder = ids.take(PLACEHOLDER_ACTOR, PLACEHOLDER_ACTOR) if needs_placeholder else None
    notes = [f"every event has type {event_type!r} (TimelineJS has no event types): review them"]
    events = []
    for slide in timeline.slides:
        event_id = _event_id(slide, ids)
        if slide.unique_id is not None and event_id != slide.unique_id:
            notes.append(f"events[{slide.index}]: unique_id {slide.unique_id!r} became id {event_id!r}")
        group_id = group_ids.get(slide.group)
        actors = [group_id] if group_id and group_as == "actor" else [placeholder]
        themes = [group_id] if group_id and group_as == "theme" else []
        events.append(_event(slide, event_id, event_type, actors, themes, f"{slide.label} of {file_name}", source_id))
    ungrouped = sum(1 for event in events if event["actors"] == [placeholder])
    if ungrouped:
        notes.append(f"{ungrouped} event(s) have the placeholder actor {placeholder!r}: replace it with real actors")
    if timeline.eras:
        notes.append(f"{len(timeline.eras)} era(s) not imported as events; they are listed at the end of {source_file}")
    actors = [_group_actor(g, group_ids[g]) for g in groups] if group_as == "actor" else []
    if placeholder:
        actors.append(_placeholder_actor(placeholder))
    themes = [_group_theme(g, group_ids[g]) for g in groups] if group_as == "theme" else []
    source = _source(timeline, source_id, source_file, file_name, imported_on)
    dataset = {"sources": [source], "actors": actors, "themes": themes, "events": events}
    header = (
        f"# Imported from the TimelineJS file {file_name} by `python -m timeline import-timelinejs`.\n"
        "# Review the event types and actors before use; docs/timelinejs.md describes the mapping.\n"
    )
    return ImportedTimeline(
        dataset_yaml=header + _dump({k: v for k, v in dataset.items() if v}),
        source_file=source_file,
        source_text=_source_text(timeline, file_name),
        notes=tuple(notes),
    )


def write_imported(imported: ImportedTimeline, out: str | Path) -> Dataset:
    """Write the YAML to `out` and its source text next to it, once both pass validation.

    They are written and loaded in a scratch folder beside `out` first, so a conversion that
    did not validate (a DatasetError) leaves nothing behind.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".import-") as scratch_name:
        scratch = Path(scratch_name)
        (scratch / "sources").mkdir()
        (scratch / imported.source_file).write_text(imported.source_text, encoding="utf-8", newline="\n")
        (scratch / out.name).write_text(imported.dataset_yaml, encoding="utf-8", newline="\n")
        dataset = load_dataset(scratch / out.name)
        (out.parent / imported.source_file).parent.mkdir(parents=True, exist_ok=True)
        os.replace(scratch / imported.source_file, out.parent / imported.source_file)
        os.replace(scratch / out.name, out)
    return dataset


def slugify(text: str, max_length: int = 80) -> str:
    """An id-shaped slug: ASCII letters and digits joined by single hyphens ('' if none)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > max_length:  # cut between words where there is one
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
    return slug


class _Ids:
    """Ids are unique across the whole dataset file: the first taker keeps a slug, later ones get -2, -3..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, text: str, fallback: str) -> str:
        base = slugify(text) or fallback
        candidate, number = base, 2
        while candidate in self.used:
            candidate, number = f"{base}-{number}", number + 1
        self.used.add(candidate)
        return candidate


def _event_id(slide: Slide, ids: _Ids) -> str:
    if slide.unique_id is not None:
        return ids.take(slide.unique_id, f"event-{slide.index + 1}")
    return ids.take(f"{slugify(slide.title, 60)} {slide.date.year}", f"event-{slide.index + 1}")


def _event(slide: Slide, event_id: str, event_type: str, actors: list, themes: list, where: str, source: str) -> dict:
    """One event; its evidence quotes the slide's text (`where` says which slide) from `source`."""
    body = slide.body or slide.media_text or slide.title
    event: dict = {"id": event_id, "title": slide.title, "date": slide.date.iso()}
    if slide.end is not None:
        event["end"] = slide.end.iso()
    event["date_basis"] = "stated"
    if slide.display_dates:
        shown = " – ".join(f"“{text}”" for text in slide.display_dates)
        event["date_note"] = clip(f"TimelineJS shows the date as {shown}.", TEXT_LIMIT)
    event["type"] = event_type
    event["actors"] = actors
    if themes:
        event["themes"] = themes
    event["summary"] = clip(body.split("\n\n")[0], SUMMARY_LIMIT)
    quote = clip(body, TEXT_LIMIT, ellipsis=False)  # a prefix of the text stays verbatim
    event["evidence"] = [{"source": source, "quote": quote, "note": where}]
    return event


def _group_actor(group: str, actor_id: str) -> dict:
    note = "A TimelineJS group, imported as an actor; its kind is not known (organisation is a placeholder)."
    return {"id": actor_id, "name": clip(group, TEXT_LIMIT), "kind": "organisation", "note": note}


def _placeholder_actor(actor_id: str) -> dict:
    note = "Placeholder: TimelineJS records no actors and these events have no group. Replace it with real actors."
    return {"id": actor_id, "name": "Unattributed", "kind": "organisation", "note": note}


def _group_theme(group: str, theme_id: str) -> dict:
    definition = clip(f"Events the TimelineJS file puts in the group “{group}”.", TEXT_LIMIT)
    return {"id": theme_id, "label": clip(group, TEXT_LIMIT), "definition": definition}


def _source(timeline, source_id: str, source_file: str, file_name: str, imported_on: dt.date) -> dict:
    day = imported_on.isoformat()
    notes = [f"Imported from the TimelineJS file {file_name}."]
    if timeline.title_text:
        notes.append(f"Its title slide says: {timeline.title_text}")
    if timeline.eras:
        notes.append(f"Its {len(timeline.eras)} era(s) were not imported as events; the text lists them at its end.")
    return {
        "id": source_id,
        "title": clip(timeline.title, TEXT_LIMIT) or f"[TimelineJS timeline {file_name}]",
        "publisher": "unidentified",
        "kind": SOURCE_KIND,
        "published": day,
        "published_basis": "inferred",
        "published_note": (
            f"The TimelineJS file states no publication date; {day}, the day it was imported, "
            "is the latest it can have been published."
        ),
        "file": source_file,
        "note": clip(" ".join(notes), TEXT_LIMIT),
    }


def _source_text(timeline, file_name: str) -> str:
    """The file's text, slide by slide: what every imported quote is checked against."""
    blocks = [timeline.title or f"[TimelineJS timeline {file_name}]"]
    if timeline.title_text:
        blocks.append(timeline.title_text)
    blocks.append(f"Imported from the TimelineJS file {file_name}.")
    for slide in timeline.slides:
        lines = [f"{slide.label} · {date_label(slide.date, slide.end)}"]
        if slide.group:
            lines.append(f"Group: {slide.group}")
        blocks.append("\n".join([*lines, slide.title]))
        blocks.extend(part for part in (slide.body, slide.media_text) if part)
        if slide.extras:
            blocks.append("\n".join(slide.extras))
    if timeline.eras:
        eras = [f"- {text}" for text in timeline.eras]
        blocks.append("\n".join(["Eras (background bands in TimelineJS; not imported as events):", *eras]))
    return "\n\n".join(blocks) + "\n"


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True  # the loader refuses aliases; never write any


def _str_representer(dumper: yaml.SafeDumper, value: str):
    # Dates always quoted (PyYAML leaves '0629' plain: not octal); long texts as literal blocks.
    style = "'" if _DATE_LIKE.match(value) else "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_representer)


def _dump(data: dict) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
