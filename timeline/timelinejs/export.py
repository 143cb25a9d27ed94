"""Events of a dataset -> a TimelineJS JSON document (Knight Lab's format).

TimelineJS shows `headline`, `text` and `group` as HTML, so every value from the data is
escaped here and links are written only for http(s) URLs. Dates keep their precision: the
month and day are left out when unknown. `text` carries the summary, the event's facts,
each quote with its source, the date's basis and note, and any dispute about the event.
"""

from __future__ import annotations

import json
from html import escape

import pandas as pd

from timeline.dates import parse_partial_date
from timeline.exports.html import dispute_html
from timeline.loading.frames import Frames
from timeline.present.views import HTML, EventView, Views

GROUP_BY = ("actor", "theme")


def timelinejs_document(
    frames: Frames, events: pd.DataFrame | None = None, *, group_by: str = "actor", title: str | None = None
) -> dict:
    """The events (default: every event of `frames`) as a TimelineJS document, a JSON-ready dict.

    `group_by` picks each event's TimelineJS group: its first actor's name or its first theme's label.
    """
    if group_by not in GROUP_BY:
        raise ValueError(f"group_by must be one of {GROUP_BY}")
    events = frames.events if events is None else events
    slides = _Slides(frames)
    document: dict = {}
    if title:
        document["title"] = {"text": {"headline": escape(title), "text": ""}}
    document["events"] = [slides.slide(row, group_by) for row in events.itertuples(index=False)]
    return document


def timelinejs_json(
    frames: Frames, events: pd.DataFrame | None = None, *, group_by: str = "actor", title: str | None = None
) -> str:
    """timelinejs_document(...) as JSON text (UTF-8, indented), ready to save or download."""
    document = timelinejs_document(frames, events, group_by=group_by, title=title)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def date_object(iso: str) -> dict[str, int]:
    """A date written as in our data ('2024-07-04', '2024-07', '2024') as a TimelineJS date object."""
    date = parse_partial_date(iso)
    parts = {"year": date.year, "month": date.month, "day": date.day}
    return {key: value for key, value in parts.items() if value is not None}


class _Slides:
    """Event views -> TimelineJS slides; the view-model's lookups are shared by every slide."""

    def __init__(self, frames: Frames):
        self.views = Views(frames)

    def slide(self, row, group_by: str) -> dict:
        event = self.views.event(row.id)
        slide = {"start_date": date_object(event.date.iso)}
        if event.date.end_iso:
            slide["end_date"] = date_object(event.date.end_iso)
        slide["text"] = {"headline": escape(event.title), "text": text_html(event)}
        group = _group(event, group_by)
        if group:
            slide["group"] = escape(group)
        slide["unique_id"] = event.id
        return slide


def _group(event: EventView, group_by: str) -> str | None:
    named = event.themes if group_by == "theme" else event.actors
    return named[0].name if named else None


def text_html(event: EventView) -> str:
    """The slide's body: summary first (an import takes it back from there), then the rest."""
    html = [f"<p>{escape(event.summary)}</p>", _facts_html(event)]
    for quote in event.quotes:
        note = f" ({escape(quote.note)})" if quote.note else ""
        html.append(f"<blockquote>“{escape(quote.text)}”</blockquote><p>— {quote.source.citation(HTML)}{note}</p>")
    if event.date.basis != "stated" or event.date.note:
        note = f": {escape(event.date.note)}" if event.date.note else ""
        html.append(f"<p><em>Date ({escape(event.date.basis)})</em>{note}</p>")
    html += [dispute_html(dispute) for dispute in event.disputes]
    return "".join(html)


def _facts_html(event: EventView) -> str:
    facts = [("Type", event.type)]
    if event.location:
        facts.append(("Location", event.location))
    facts.append(("Actors", ", ".join(a.name for a in event.actors)))
    if event.themes:
        facts.append(("Themes", ", ".join(t.name for t in event.themes)))
    return "<p>" + " · ".join(f"<em>{name}:</em> {escape(value)}" for name, value in facts) + "</p>"
