"""Which events a view shows: the Filters a user chose, applied to the events frame."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from timeline.frames import ID, RELIABILITY, SEARCH, TYPE, YEAR_FROM, YEAR_TO, Frames
from timeline.schema import GRADES


@dataclass(frozen=True)
class Filters:
    """A user's filter choices; empty sets and None mean 'no restriction'."""

    year_from: int | None = None
    year_to: int | None = None
    actors: frozenset[str] = field(default_factory=frozenset)
    themes: frozenset[str] = field(default_factory=frozenset)
    types: frozenset[str] = field(default_factory=frozenset)
    sources: frozenset[str] = field(default_factory=frozenset)
    text: str = ""
    min_grade: str | None = None  # only evidence from sources graded this or better (A best, F last)

    def is_default(self) -> bool:
        return self == Filters()


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


def _linked(events: pd.DataFrame, links: pd.DataFrame, column: str, wanted: frozenset[str]) -> pd.Series:
    # An event passes when it names at least one of the wanted values.
    if not wanted:
        return pd.Series(True, index=events.index)
    matching = links.loc[links[column].isin(wanted), "event_id"]
    return events[ID].isin(matching)
