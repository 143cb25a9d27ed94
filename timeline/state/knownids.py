"""What a link may name in a dataset: its ids and years (KnownIds), and what parsers check against."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from timeline.loading.frames import START, Frames
from timeline.positions.stances import matrix_axes


@dataclass(frozen=True)
class KnownIds:
    """What a link may name: the ids and year bounds of the loaded dataset."""

    actors: frozenset[str]
    themes: frozenset[str]
    types: frozenset[str]
    sources: frozenset[str]
    events: frozenset[str]
    first_year: int
    last_year: int
    position_actors: tuple[str, ...] = ()  # the stance matrix's rows and columns, in data order
    position_themes: tuple[str, ...] = ()
    position_years: tuple[int, int] | None = None  # the first and last year of a position


def known_ids(frames: Frames) -> KnownIds:
    """The ids and years a link to this dataset may name."""
    actors, themes = matrix_axes(frames)
    years = frames.positions[START].dt.year
    return KnownIds(
        actors=frozenset(frames.actors["id"]),
        themes=frozenset(frames.themes["id"]),
        types=frozenset(frames.events["type"].astype(str)),
        sources=frozenset(frames.sources["id"]),
        events=frozenset(frames.events["id"]),
        first_year=int(frames.events["year_from"].min()),
        last_year=int(frames.events["year_to"].max()),
        position_actors=tuple(actors),
        position_themes=tuple(themes),
        position_years=(int(years.min()), int(years.max())) if len(years) else None,
    )


def positions_dates(known: KnownIds, today: dt.date) -> tuple[dt.date, dt.date]:
    """The days the positions view offers: from the data's first year to today or its last year."""
    first, last = known.first_year, known.last_year
    if known.position_years:
        first, last = min(first, known.position_years[0]), max(last, known.position_years[1])
    return dt.date(first, 1, 1), max(dt.date(last, 12, 31), today)


@dataclass(frozen=True)
class Context:
    """What parsers check a link against."""

    known: KnownIds
    first_day: dt.date  # the positions view's dates
    last_day: dt.date
