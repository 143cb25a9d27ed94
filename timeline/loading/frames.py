"""A validated Dataset as pandas DataFrames with real dtypes, ready to filter and draw."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from timeline.dates import PartialDate
from timeline.loading.load import LoadedDataset, QuoteSpans
from timeline.loading.schema import SHORT_TITLE_CHARS, Dataset, Evidence

# Column names shared by the core, the UI and the tests.
ID, TITLE, TYPE, SUMMARY, LOCATION = "id", "title", "type", "summary", "location"
SHORT_TITLE = "short_title"  # the event's label on the chart: its short title, or its title cut short
START, END, ANCHOR = "start", "end", "anchor"
PRECISION, DATE_LABEL, BASIS, DATE_NOTE = "precision", "date_label", "date_basis", "date_note"
ACTORS, THEMES, SOURCES, SEARCH = "actors", "themes", "sources", "search_text"
YEAR_FROM, YEAR_TO = "year_from", "year_to"
DISPUTED = "disputed_fields"  # the fields of an event that a dispute is about, e.g. ("date",)
RELIABILITY, RELIABILITY_REASON = "reliability", "reliability_reason"  # of a source: a grade A-F and why

_DATETIME = "datetime64[s]"  # seconds, not ns: keeps years before 1677 drawable


@dataclass(frozen=True)
class Frames:
    """Every table the app works from; link tables make list filters vectorised."""

    events: pd.DataFrame
    event_actors: pd.DataFrame  # event_id, actor
    event_themes: pd.DataFrame  # event_id, theme
    evidence: pd.DataFrame  # owner_kind, owner_id, source, quote, note, span_start, span_end
    positions: pd.DataFrame
    actors: pd.DataFrame
    themes: pd.DataFrame
    sources: pd.DataFrame
    disputes: pd.DataFrame
    claims: pd.DataFrame
    texts: dict[str, str]

    # Indexed lookups, built on first use and kept with the (cached, read-only) frames.
    @cached_property
    def actor_names(self) -> dict[str, str]:
        """Actor id -> name."""
        return dict(zip(self.actors[ID], self.actors["name"], strict=True))

    @cached_property
    def theme_labels(self) -> dict[str, str]:
        """Theme id -> label."""
        return dict(zip(self.themes[ID], self.themes["label"], strict=True))

    @cached_property
    def actor_roles(self) -> dict[str, str | None]:
        """Actor id -> role (None if the data gives none)."""
        return dict(zip(self.actors[ID], self.actors["role"], strict=True))

    def event(self, event_id: str) -> pd.Series:
        """One event's row (KeyError if there is none)."""
        return self._by_id("events").loc[event_id]

    def position(self, position_id: str) -> pd.Series:
        """One position's row (KeyError if there is none)."""
        return self._by_id("positions").loc[position_id]

    def evidence_of(self, kind: str, owner_id: str) -> pd.DataFrame:
        """The evidence rows of one event, position (kind) in the data's order."""
        return self.evidence.iloc[self._row_numbers("evidence", "owner_kind", "owner_id").get((kind, owner_id), [])]

    def disputes_about(self, kind: str, target: str) -> pd.DataFrame:
        """The disputes about one event, position or source, in the data's order."""
        return self.disputes.iloc[self._row_numbers("disputes", "about_kind", "about_id").get((kind, target), [])]

    def records_of(self, table: str, *columns: str) -> dict:
        """A table's rows as dicts grouped by `columns` (key: a value, or a tuple of them), in the data's order.

        For code that walks many records (exports): one pass over the table, then dict reads.
        """
        key = f"_{table}_records_by_{'_'.join(columns)}"
        if key not in self.__dict__:
            grouped: dict = {}
            for record in getattr(self, table).to_dict("records"):
                group = tuple(record[c] for c in columns) if len(columns) > 1 else record[columns[0]]
                grouped.setdefault(group, []).append(record)
            self.__dict__[key] = grouped
        return self.__dict__[key]

    def _by_id(self, table: str) -> pd.DataFrame:
        key = f"_{table}_by_id"
        if key not in self.__dict__:  # frozen: cache in the instance dict, as cached_property does
            self.__dict__[key] = getattr(self, table).set_index(ID, drop=False)
        return self.__dict__[key]

    def _row_numbers(self, table: str, *columns: str) -> dict:
        key = f"_{table}_rows"
        if key not in self.__dict__:
            frame = getattr(self, table)
            by = list(columns) if len(columns) > 1 else columns[0]
            self.__dict__[key] = frame.groupby(by, sort=False).indices if len(frame) else {}
        return self.__dict__[key]


def build_frames(dataset: LoadedDataset) -> Frames:
    """Turn a validated dataset into DataFrames (one row per record, plus link tables)."""
    evidence = _evidence_frame(dataset)
    return Frames(
        events=_with_none(_events_frame(dataset)),
        event_actors=_links(dataset.events, "actors", "actor"),
        event_themes=_links(dataset.events, "themes", "theme"),
        evidence=_with_none(evidence),
        positions=_with_none(_positions_frame(dataset)),
        actors=_with_none(_records_frame(dataset.actors, ["id", "name", "kind", "role", "represents", "note"])),
        themes=_records_frame(dataset.themes, ["id", "label", "definition"]),
        sources=_with_none(_sources_frame(dataset)),
        disputes=_disputes_frame(dataset),
        claims=_with_none(_claims_frame(dataset)),
        texts=dict(dataset.texts),
    )


def date_label(start: PartialDate, end: PartialDate | None = None) -> str:
    """'4 July 2024', 'July 2024', or a range '4 July 2024 – 7 July 2024'."""
    return start.label() if end is None else f"{start.label()} – {end.label()}"


def cut_title(title: str, limit: int = SHORT_TITLE_CHARS) -> str:
    """The title if it fits in `limit` characters, else cut at a word boundary with "…"."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut and not title[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]  # a word cut in two reads as another word
    return cut.rstrip(" ,;:–—-(") + "…"


def _anchor(date: PartialDate) -> dt.date:
    # Where a marker is drawn: the middle of the period the date could be in.
    first, last = date.first_day(), date.last_day()
    return first + (last - first) / 2


def _as_datetime(values: list) -> pd.Series:
    return pd.Series(np.array(values, dtype="datetime64[D]"), dtype=_DATETIME)


def _events_frame(dataset: LoadedDataset) -> pd.DataFrame:
    events = dataset.events
    frame = pd.DataFrame(
        {
            ID: [e.id for e in events],
            TITLE: [e.title for e in events],
            SHORT_TITLE: [e.short_title or cut_title(e.title) for e in events],
            TYPE: pd.Categorical([e.type for e in events]),
            SUMMARY: [e.summary for e in events],
            LOCATION: [e.location for e in events],
            START: _as_datetime([e.date.first_day() for e in events]),
            END: _as_datetime([(e.end or e.date).last_day() for e in events]),
            ANCHOR: _as_datetime([_anchor(e.date) for e in events]),
            "is_range": [e.end is not None for e in events],
            PRECISION: pd.Categorical([e.date.precision.value for e in events], categories=["day", "month", "year"]),
            DATE_LABEL: [date_label(e.date, e.end) for e in events],
            "date_iso": [e.date.iso() for e in events],
            "end_iso": [e.end.iso() if e.end else None for e in events],
            BASIS: pd.Categorical([e.date_basis.value for e in events], categories=["stated", "inferred", "external"]),
            DATE_NOTE: [e.date_note for e in events],
            ACTORS: [tuple(e.actors) for e in events],
            THEMES: [tuple(e.themes) for e in events],
            SOURCES: [tuple(dict.fromkeys(ev.source for ev in e.evidence)) for e in events],
        }
    )
    disputed: dict[str, tuple[str, ...]] = {}
    for dispute in dataset.disputes:
        if dispute.about.kind == "event":
            disputed[dispute.about.target] = (*disputed.get(dispute.about.target, ()), dispute.about.field)
    frame[DISPUTED] = [disputed.get(e.id, ()) for e in events]
    frame[YEAR_FROM] = frame[START].dt.year.astype("int64")
    frame[YEAR_TO] = frame[END].dt.year.astype("int64")
    # Joined per record, not with a groupby: a Python-level agg is far slower at scale (docs/performance.md).
    event_quotes = pd.Series([" ".join(item.quote for item in e.evidence) for e in events], index=frame.index)
    frame[SEARCH] = (frame[TITLE] + " \n " + frame[SUMMARY] + " \n " + event_quotes).str.lower()
    return frame


def _links(events, attribute: str, column: str) -> pd.DataFrame:
    pairs = [(e.id, value) for e in events for value in getattr(e, attribute)]
    return pd.DataFrame(pairs, columns=["event_id", column]).astype("string" if pairs else object)


def _evidence_rows(kind: str, owner: str, items: list[Evidence], spans: QuoteSpans) -> list:
    rows = []
    for index, item in enumerate(items):
        span = spans.get((kind, owner, index))  # found by the loader when it checked the quote
        rows.append(
            (kind, owner, item.source, item.quote, item.note, span.start if span else -1, span.end if span else -1)
        )
    return rows


def _evidence_frame(dataset: LoadedDataset) -> pd.DataFrame:
    rows = []
    for event in dataset.events:
        rows += _evidence_rows("event", event.id, event.evidence, dataset.spans)
    for position in dataset.positions:
        rows += _evidence_rows("position", position.id, position.evidence, dataset.spans)
    columns = ["owner_kind", "owner_id", "source", "quote", "note", "span_start", "span_end"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({"span_start": "int64", "span_end": "int64"})


def _positions_frame(dataset: Dataset) -> pd.DataFrame:
    positions = dataset.positions
    return pd.DataFrame(
        {
            ID: [p.id for p in positions],
            "actor": [p.actor for p in positions],
            "theme": [p.theme for p in positions],
            "proposition": [p.proposition for p in positions],
            "stance": [p.stance for p in positions],
            START: _as_datetime([p.date.first_day() for p in positions]),
            ANCHOR: _as_datetime([_anchor(p.date) for p in positions]),
            PRECISION: [p.date.precision.value for p in positions],
            DATE_LABEL: [p.date.label() for p in positions],
            "date_iso": [p.date.iso() for p in positions],
            BASIS: [p.date_basis.value for p in positions],
            DATE_NOTE: [p.date_note for p in positions],
            "event": [p.event for p in positions],
        }
    )


def _records_frame(records, columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([[getattr(r, c) for c in columns] for r in records], columns=columns)


def _sources_frame(dataset: Dataset) -> pd.DataFrame:
    columns = ["id", "title", "publisher", "author", "kind", "published_basis", "published_note", "url", "file", "note"]
    columns += [RELIABILITY, RELIABILITY_REASON]  # None where a source is not graded
    frame = pd.DataFrame([[_plain(getattr(s, c)) for c in columns] for s in dataset.sources], columns=columns)
    frame["published_label"] = [s.published.label() for s in dataset.sources]
    frame["published_iso"] = [s.published.iso() for s in dataset.sources]
    frame["lines"] = [f"{s.lines[0]}-{s.lines[1]}" if s.lines else None for s in dataset.sources]
    return frame


def _disputes_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [(d.id, d.about.kind, d.about.target, d.about.field, d.summary, d.decision) for d in dataset.disputes]
    return pd.DataFrame(rows, columns=["id", "about_kind", "about_id", "field", "summary", "decision"])


def _claims_frame(dataset: Dataset) -> pd.DataFrame:
    rows = [
        (d.id, i, c.value, c.source, c.quote, c.external, c.url)
        for d in dataset.disputes
        for i, c in enumerate(d.claims)
    ]
    return pd.DataFrame(rows, columns=["dispute_id", "index", "value", "source", "quote", "external", "url"])


def _with_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing optional text as None (object dtype), not NaN: the UI tests it with `if`."""
    for column in frame.columns:
        if frame[column].dtype == "str" and frame[column].isna().any():
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame


def _plain(value):
    return value.value if hasattr(value, "value") else value
