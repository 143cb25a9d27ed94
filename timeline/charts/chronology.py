"""The chronology list beside the chart: one line of text per shown event, in pages.

A Plotly chart is a drawing a screen reader cannot read and a keyboard cannot walk; this
list says the same in text: each event's date at its precision, its label, actors, type,
whether it is disputed, and how many quotes back it. Only the rows of one page are built,
so a view of 10,000 events costs no more than a view of 25.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from timeline.loading.frames import (
    ACTORS,
    DATE_LABEL,
    DISPUTED,
    ID,
    SHORT_TITLE,
    THEMES,
    TYPE,
    YEAR_FROM,
    YEAR_TO,
    Frames,
)

PAGE_SIZE = 25  # rows per page: one screen of a radio group, and cheap to re-send on every rerun


@dataclass(frozen=True)
class ChronologyRow:
    """One shown event as plain text (not escaped: the UI escapes it for markdown)."""

    event_id: str
    date: str
    label: str
    details: str  # actors · type · ⚖ disputed · quotes

    @property
    def text(self) -> str:
        return f"{self.date} · {self.label} · {self.details}"


def page_count(shown_count: int, page_size: int = PAGE_SIZE) -> int:
    """How many pages the list has (one, even when empty)."""
    return max(1, -(-shown_count // page_size))


def page_of(shown: pd.DataFrame, event_id: str | None, page_size: int = PAGE_SIZE) -> int | None:
    """The 1-based page holding the event in the shown order, or None when it is not shown."""
    if not event_id:
        return None
    hits = (shown[ID].to_numpy() == event_id).nonzero()[0]
    return int(hits[0]) // page_size + 1 if len(hits) else None


def clamp_page(page: object, shown_count: int, page_size: int = PAGE_SIZE) -> int:
    """A valid page number: `page` when it exists, else the nearest one (a filter shrank the list)."""
    try:
        number = int(page)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        number = 1
    return min(max(number, 1), page_count(shown_count, page_size))


def page_range_text(page: int, shown_count: int, page_size: int = PAGE_SIZE) -> str:
    """'Events 26–50 of 10,000' for the page shown."""
    if shown_count == 0:
        return "No events"
    first = (page - 1) * page_size + 1
    last = min(page * page_size, shown_count)
    return f"Events {first:,}–{last:,} of {shown_count:,}"


def chronology_rows(frames: Frames, shown: pd.DataFrame, page: int = 1, page_size: int = PAGE_SIZE) -> list:
    """The rows of one page of the shown events, in the order shown (date order)."""
    events = shown.iloc[(page - 1) * page_size : page * page_size]
    # Plain records of the few columns a row needs: iterrows over every column was 10 ms a page.
    columns = [ID, SHORT_TITLE, DATE_LABEL, ACTORS, TYPE, DISPUTED]
    names = frames.actor_names
    evidence = frames.evidence
    quoted = evidence.loc[evidence["owner_id"].isin(events[ID]) & (evidence["owner_kind"] == "event"), "owner_id"]
    quotes = quoted.value_counts()
    return [_row(event, names, int(quotes.get(event[ID], 0))) for event in events[columns].to_dict("records")]


def _row(event: dict, names: dict[str, str], quote_count: int) -> ChronologyRow:
    details = [
        "; ".join(names.get(actor, actor) for actor in event[ACTORS]) or "no actor named",
        str(event[TYPE]),
    ]
    if len(event[DISPUTED]):
        details.append("⚖ disputed")
    details.append(f"{quote_count} quote" + ("" if quote_count == 1 else "s"))
    # The label is the chart's: the curated short title, or the title cut short (frames.cut_title).
    return ChronologyRow(str(event[ID]), str(event[DATE_LABEL]), event[SHORT_TITLE], " · ".join(details))


def timeline_summary(shown: pd.DataFrame, lane_by: str = "actor") -> str:
    """The chart in one sentence, e.g. 'Timeline of 22 events, 2018–2025, in 19 lanes'."""
    if shown.empty:
        return "Timeline of 0 events"
    first, last = int(shown[YEAR_FROM].min()), int(shown[YEAR_TO].max())
    years = str(first) if first == last else f"{first}–{last}"
    column = ACTORS if lane_by == "actor" else THEMES
    lanes = {lane for values in shown[column] for lane in (values or ("",))}
    return f"Timeline of {_count(len(shown), 'event')}, {years}, in {_count(len(lanes), 'lane')}"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")
