"""Which events and positions a view shows: the Filters a user chose, applied to the frames."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from timeline.loading.frames import BASIS, ID, PRECISION, RELIABILITY, SEARCH, START, TYPE, YEAR_FROM, YEAR_TO, Frames
from timeline.loading.schema import GRADES


@dataclass(frozen=True)
class Filters:
    """A user's filter choices; empty sets and None mean 'no restriction'."""

    year_from: int | None = None
    year_to: int | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
    themes: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    date_basis: frozenset[str] = field(default_factory=frozenset)  # stated, inferred, external
    precision: frozenset[str] = field(default_factory=frozenset)  # day, month, year
    text: str = ""
    min_grade: str | None = None  # only evidence from sources graded this or better (A best, F last)


def filter_events(frames: Frames, filters: Filters) -> pd.DataFrame:
    """The events that pass every filter, in date order (a view of frames.events)."""
    events = frames.events
    mask = pd.Series(True, index=events.index)
    if filters.year_from is not None:
        mask &= events[YEAR_TO] >= filters.year_from
    if filters.year_to is not None:
        mask &= events[YEAR_FROM] <= filters.year_to
    if filters.types:
        mask &= events[TYPE].isin(filters.types)
    mask &= _dated(events, filters)
    mask &= _linked(events, frames.event_actors, "actor", filters.actors)
    mask &= _linked(events, frames.event_themes, "theme", filters.themes)
    if filters.sources:
        evidence = frames.evidence
        chosen = evidence[(evidence["owner_kind"] == "event") & evidence["source"].isin(filters.sources)]
        mask &= events[ID].isin(chosen["owner_id"])
    if filters.min_grade:
        evidence = frames.evidence
        graded = evidence["source"].isin(graded_sources(frames, filters))
        mask &= events[ID].isin(evidence.loc[(evidence["owner_kind"] == "event") & graded, "owner_id"])
    needle = filters.text.strip().lower()
    if needle:
        mask &= events[SEARCH].str.contains(needle, regex=False)
    return events[mask].sort_values(["start", ID], kind="stable")


def graded_sources(frames: Frames, filters: Filters) -> set[str]:
    """Ids of the sources graded filters.min_grade or better; an ungraded source never passes."""
    good_enough = GRADES[: GRADES.index(filters.min_grade) + 1]
    return set(frames.sources.loc[frames.sources[RELIABILITY].isin(good_enough), "id"])


def _dated(records: pd.DataFrame, filters: Filters) -> pd.Series:
    # Events and positions alike: how their date was established and how precisely it is known.
    mask = pd.Series(True, index=records.index)
    if filters.date_basis:
        mask &= records[BASIS].isin(filters.date_basis)
    if filters.precision:
        mask &= records[PRECISION].isin(filters.precision)
    return mask


def _linked(events: pd.DataFrame, links: pd.DataFrame, column: str, wanted: frozenset[str]) -> pd.Series:
    # An event passes when it names at least one of the wanted values.
    if not wanted:
        return pd.Series(True, index=events.index)
    matching = links.loc[links[column].isin(wanted), "event_id"]
    return events[ID].isin(matching)


def filter_positions(frames: Frames, filters: Filters, shown_events: Iterable[str]) -> pd.DataFrame:
    """The positions to draw beside the shown events.

    A position passes the actor and theme filters on its own actor and theme. Then one
    stated at an event is shown exactly when that event is; one without an event passes
    the year, date basis and precision, source, grade and text filters on its own date, quotes
    and proposition, and is hidden by any event-type filter (it has no type).
    """
    positions = frames.positions
    mask = pd.Series(True, index=positions.index)
    if filters.actors:
        mask &= positions["actor"].isin(filters.actors)
    if filters.themes:
        mask &= positions["theme"].isin(filters.themes)
    has_event = positions["event"].notna()
    at_shown = has_event & positions["event"].isin(set(shown_events))
    return positions[mask & (at_shown | (~has_event & _unlinked_pass(frames, filters)))]


def _unlinked_pass(frames: Frames, filters: Filters) -> pd.Series:
    positions = frames.positions
    mask = pd.Series(not filters.types, index=positions.index)
    years = positions[START].dt.year
    if filters.year_from is not None:
        mask &= years >= filters.year_from
    if filters.year_to is not None:
        mask &= years <= filters.year_to
    mask &= _dated(positions, filters)
    evidence = frames.evidence[frames.evidence["owner_kind"] == "position"]
    if filters.sources:
        mask &= positions[ID].isin(evidence.loc[evidence["source"].isin(filters.sources), "owner_id"])
    if filters.min_grade:
        mask &= positions[ID].isin(evidence.loc[evidence["source"].isin(graded_sources(frames, filters)), "owner_id"])
    needle = filters.text.strip().lower()
    if needle:
        quotes = evidence.groupby("owner_id")["quote"].agg(" ".join)
        text = (positions["proposition"] + " \n " + positions[ID].map(quotes).fillna("")).str.lower()
        mask &= text.str.contains(needle, regex=False)
    return mask
