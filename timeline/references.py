"""References to the sources, and the evidence of a set of shown events, shared by every export."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

import pandas as pd

from timeline.frames import Frames
from timeline.textsafe import safe_url

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~#&$])")


def source_reference(source: Mapping, *, markdown: bool = False) -> str:
    """One formatted reference: 'Author, Publisher, “Title”, kind, date. URL' (URL only if http(s))."""
    esc = md_text if markdown else str
    parts = []
    if source.get("author") and source["author"] != "unidentified":
        parts.append(esc(source["author"]))
    publisher = publisher_name(source)
    parts.append(f"*{esc(publisher)}*" if markdown else publisher)
    parts.append(f"“{esc(source['title'])}”")
    parts.append(f"{source['kind']}, {esc(source['published_label'])}")
    text = ", ".join(parts) + "."
    url = safe_url(source.get("url"))
    if url:
        text += f" <{url}>" if markdown else f" {url}"
    return text


def publisher_name(source: Mapping) -> str:
    """The publisher as a reader should see it ('unidentified publisher', not 'unidentified')."""
    return "unidentified publisher" if source["publisher"] == "unidentified" else source["publisher"]


def event_evidence(frames: Frames, shown: pd.DataFrame) -> pd.DataFrame:
    """The evidence of the shown events, in the events' order then as listed in the data."""
    evidence = frames.evidence[frames.evidence["owner_kind"] == "event"]
    order = {event_id: i for i, event_id in enumerate(shown["id"])}
    rows = evidence[evidence["owner_id"].isin(order)].copy()
    rows["event_rank"] = rows["owner_id"].map(order)
    return rows.sort_values("event_rank", kind="stable").reset_index(drop=True)


def used_sources(frames: Frames, shown: pd.DataFrame) -> pd.DataFrame:
    """The sources the shown events cite, in order of first use, numbered from 1."""
    first_use = list(dict.fromkeys(event_evidence(frames, shown)["source"]))
    sources = frames.sources.set_index("id").loc[first_use].reset_index()
    sources["number"] = range(1, len(sources) + 1)
    return sources


def _names(frames: Frames) -> tuple[dict[str, str], dict[str, str]]:
    actors = dict(zip(frames.actors["id"], frames.actors["name"], strict=False))
    themes = dict(zip(frames.themes["id"], frames.themes["label"], strict=False))
    return actors, themes


def _sources_by_id(frames: Frames) -> dict[str, dict]:
    return {row["id"]: row for row in frames.sources.to_dict("records")}


def one_line(text: str) -> str:
    """Runs of white space as one space (the same normalisation quotes are checked with)."""
    return " ".join(str(text).split())


def md_text(text: str) -> str:
    """Escape what Markdown would act on inside a line, so pasted text stays readable."""
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def event_records(frames: Frames, shown: pd.DataFrame) -> list[dict]:
    """The shown events as plain dicts, each with its evidence and formatted references."""
    actor_names, theme_labels = _names(frames)
    sources = _sources_by_id(frames)
    evidence = event_evidence(frames, shown).groupby("owner_id", sort=False)
    quotes = {event_id: group for event_id, group in evidence}
    records = []
    for event in shown.to_dict("records"):
        items = quotes.get(event["id"])
        records.append(
            {
                "id": event["id"],
                "title": event["title"],
                "date": event["date_iso"],
                "end": event["end_iso"],
                "date_label": event["date_label"],
                "precision": str(event["precision"]),
                "date_basis": str(event["date_basis"]),
                "date_note": event["date_note"],
                "type": str(event["type"]),
                "location": event["location"],
                "actors": [{"id": a, "name": actor_names.get(a, a)} for a in event["actors"]],
                "themes": [{"id": t, "label": theme_labels.get(t, t)} for t in event["themes"]],
                "summary": event["summary"],
                "evidence": [
                    {
                        "source": row.source,
                        "quote": row.quote,
                        "note": row.note,
                        "reference": source_reference(sources[row.source]),
                    }
                    for row in (items.itertuples() if items is not None else ())
                ],
            }
        )
    return records


def quotes_by_event(frames: Frames, shown: pd.DataFrame) -> Iterator[tuple[dict, list]]:
    """(event record, its evidence rows) for each shown event, in order."""
    evidence = event_evidence(frames, shown)
    groups = {event_id: list(group.itertuples()) for event_id, group in evidence.groupby("owner_id", sort=False)}
    for event in shown.to_dict("records"):
        yield event, groups.get(event["id"], [])
