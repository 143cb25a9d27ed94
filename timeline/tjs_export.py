"""Events of a dataset -> a TimelineJS JSON document (Knight Lab's format).

TimelineJS shows `headline`, `text` and `group` as HTML, so every value from the data is
escaped here and links are written only for http(s) URLs. Dates keep their precision: the
month and day are left out when unknown. `text` carries the summary, the event's facts,
each quote with its source, the date's basis and note, and any dispute about the event.
"""

from __future__ import annotations

import json
from collections import defaultdict
from html import escape

import pandas as pd

from timeline.dates import parse_partial_date
from timeline.frames import Frames
from timeline.textsafe import safe_url

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
    parts = _Parts(frames)
    document: dict = {}
    if title:
        document["title"] = {"text": {"headline": escape(title), "text": ""}}
    document["events"] = [parts.slide(row, group_by) for row in events.itertuples(index=False)]
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


class _Parts:
    """Lookups built once per export, so each slide costs only dictionary reads."""

    def __init__(self, frames: Frames):
        self.actor_names = dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
        self.theme_labels = dict(zip(frames.themes["id"], frames.themes["label"], strict=True))
        self.sources = {row.id: row for row in frames.sources.itertuples(index=False)}
        self.evidence = _grouped(frames.evidence[frames.evidence["owner_kind"] == "event"], "owner_id")
        self.disputes = _grouped(frames.disputes[frames.disputes["about_kind"] == "event"], "about_id")
        self.claims = _grouped(frames.claims, "dispute_id")

    def slide(self, event, group_by: str) -> dict:
        slide = {"start_date": date_object(event.date_iso)}
        if event.end_iso:
            slide["end_date"] = date_object(event.end_iso)
        slide["text"] = {"headline": escape(event.title), "text": self.text_html(event)}
        group = self.group(event, group_by)
        if group:
            slide["group"] = escape(group)
        slide["unique_id"] = event.id
        return slide

    def group(self, event, group_by: str) -> str | None:
        if group_by == "theme":
            return self.theme_labels.get(event.themes[0]) if event.themes else None
        return self.actor_names.get(event.actors[0]) if event.actors else None

    def text_html(self, event) -> str:
        """The slide's body: summary first (an import takes it back from there), then the rest."""
        html = [f"<p>{escape(event.summary)}</p>", self.facts_html(event)]
        for item in self.evidence.get(event.id, []):
            note = f" ({escape(item.note)})" if item.note else ""
            html.append(f"<blockquote>“{escape(item.quote)}”</blockquote><p>— {self.citation(item.source)}{note}</p>")
        if event.date_basis != "stated" or event.date_note:
            note = f": {escape(event.date_note)}" if event.date_note else ""
            html.append(f"<p><em>Date ({escape(str(event.date_basis))})</em>{note}</p>")
        html += [self.dispute_html(dispute) for dispute in self.disputes.get(event.id, [])]
        return "".join(html)

    def facts_html(self, event) -> str:
        facts = [("Type", str(event.type))]
        if event.location:
            facts.append(("Location", event.location))
        facts.append(("Actors", ", ".join(self.actor_names.get(a, a) for a in event.actors)))
        if event.themes:
            facts.append(("Themes", ", ".join(self.theme_labels.get(t, t) for t in event.themes)))
        return "<p>" + " · ".join(f"<em>{name}:</em> {escape(value)}" for name, value in facts) + "</p>"

    def citation(self, source_id: str) -> str:
        source = self.sources[source_id]
        title = _link(source.title, source.url)
        author = f"{escape(source.author)}, " if source.author and source.author != "unidentified" else ""
        return f"{author}{escape(source.publisher)}, {escape(source.published_label)}: {title}"

    def dispute_html(self, dispute) -> str:
        claims = []
        for claim in self.claims.get(dispute.id, []):
            if claim.source:
                origin = f"“{escape(claim.quote)}” ({self.citation(claim.source)})"
            else:
                origin = f"public record: {_link(claim.external, claim.url)}"
            claims.append(f"<li>{escape(claim.value)}: {origin}</li>")
        return (
            f"<p><strong>Disputed {escape(dispute.field)}:</strong> {escape(dispute.summary)}</p>"
            f"<ul>{''.join(claims)}</ul><p><strong>Decision:</strong> {escape(dispute.decision)}</p>"
        )


def _link(text: str, url: str | None) -> str:
    href = safe_url(url)
    return f'<a href="{escape(href, quote=True)}">{escape(text)}</a>' if href else escape(text)


def _grouped(frame: pd.DataFrame, column: str) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for row in frame.itertuples(index=False):
        grouped[getattr(row, column)].append(row)
    return grouped
