"""Where actors stand: positions resolved as of a date, supersession, and what changed.

The rules, decided here once and used by every view:

- **When a position counts.** A position takes effect on the *first* day its date could
  be: one dated "2025-07" counts from 1 July 2025, one dated "2025" from 1 January 2025.
  As of a day inside that period it counts but is flagged `uncertain` (it may have been
  stated after the as-of date). Showing it, flagged, beats hiding a stance that the record
  places in that month; the flag keeps the doubt visible.
- **One cell per actor and theme.** The latest position of an actor on a theme supersedes
  the earlier ones on that theme, whatever their propositions. An actor's spokesperson is
  a separate actor (`represents` is not followed): a premier's words stay the premier's.
- **Order.** By first possible day, then by last possible day (of "2025" and "2025-01-01",
  "2025" may be the later), then by order in the data file (curators add later records
  lower down).
- **Ties.** Positions of one cell with the same date as written ("2025-07-26" twice) are
  tied: the one lower in the file is shown, the others are listed in `tied`.
- **Changes between D1 and D2** compare the cells as of D1 with the cells as of D2, so a
  position counts as new when D1 < its first possible day <= D2. Positions are never
  withdrawn, so a cell can only appear, change stance, or be superseded by a new position
  with the same stance; positions recorded in between are listed in `between`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from timeline.loading.frames import END, ID, PRECISION, START, Frames
from timeline.vocab import CELL_SEP

# Colour-blind-safe diverging palette (Okabe & Ito's blue and orange axis), with a glyph
# per stance so that colour is never the only cue. "No recorded position" is white with
# a grey outline and no glyph, unlike neutral's solid grey "0".
STANCE_COLOURS = {
    "supports": "#0072B2",
    "mixed": "#56B4E9",
    "neutral": "#8C8C8C",
    "skeptical": "#E69F00",
    "opposes": "#D55E00",
}
STANCE_GLYPHS = {"supports": "+", "mixed": "±", "neutral": "0", "skeptical": "−", "opposes": "−−"}
STANCE_TEXT_COLOURS = {"supports": "#FFFFFF"}  # black on every other colour reads better
NO_POSITION = "no recorded position"
NO_POSITION_COLOUR = "#FFFFFF"
NO_POSITION_OUTLINE = "#9E9E9E"

FIRST_DAY, LAST_DAY, ORDER = "first_day", "last_day", "file_order"
APPEARED, CHANGED, SUPERSEDED = "appeared", "changed stance", "superseded"


def position_chronology(positions: pd.DataFrame) -> pd.DataFrame:
    """The positions frame with first_day, last_day and file_order, in the order of the rules above."""
    table = positions.copy()
    table[ORDER] = range(len(table))
    first = table[START]
    precision = table[PRECISION].astype(str)
    last = first.copy()
    months, years = precision == "month", precision == "year"
    last[months] = first[months] + pd.offsets.MonthEnd(0)
    last[years] = first[years] + pd.offsets.YearEnd(0)
    table[FIRST_DAY], table[LAST_DAY] = first, last
    return table.sort_values([FIRST_DAY, LAST_DAY, ORDER], kind="stable").reset_index(drop=True)


def _day(value: dt.date) -> pd.Timestamp:
    return pd.Timestamp(value)


def stances_as_of(chronology: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """One row per (actor, theme) with a position in effect on `as_of`: the latest one.

    Added columns: `uncertain` (its date's period runs past `as_of`), `tied` (ids of the
    other positions of the cell with the same date) and `earlier` (how many it superseded).
    """
    eligible = chronology[chronology[FIRST_DAY] <= _day(as_of)]
    latest = eligible.groupby(["actor", "theme"], sort=False).tail(1).copy()
    same_date = eligible.groupby(["actor", "theme", "date_iso"], sort=False)[ID].agg(tuple)
    keys = zip(latest["actor"], latest["theme"], latest["date_iso"], strict=True)
    latest["tied"] = [tuple(i for i in same_date[key] if i != pid) for key, pid in zip(keys, latest[ID], strict=True)]
    counts = eligible.groupby(["actor", "theme"], sort=False).size()
    latest["earlier"] = [
        counts[(a, t)] - 1 - len(tied)
        for a, t, tied in zip(latest["actor"], latest["theme"], latest["tied"], strict=True)
    ]
    latest["uncertain"] = latest[LAST_DAY] > _day(as_of)
    return latest.reset_index(drop=True)


def cell_key(actor: str, theme: str) -> str:
    """The id of a matrix cell in links and chart clicks: 'actor.theme'."""
    return f"{actor}{CELL_SEP}{theme}"


def split_cell_key(key: object) -> tuple[str, str] | None:
    """(actor, theme) of a cell key, or None if it is not one."""
    if not isinstance(key, str) or key.count(CELL_SEP) != 1:
        return None
    actor, theme = key.split(CELL_SEP)
    return (actor, theme) if actor and theme else None


def matrix_axes(frames: Frames) -> tuple[list[str], list[str]]:
    """The actors and themes that have at least one position, in the data file's order."""
    positions = frames.positions
    actors = [a for a in frames.actors["id"] if a in set(positions["actor"])]
    themes = [t for t in frames.themes["id"] if t in set(positions["theme"])]
    return actors, themes


def stance_matrix(chronology: pd.DataFrame, as_of: dt.date, actors: list[str], themes: list[str]) -> pd.DataFrame:
    """Every (actor, theme) cell in the given order, with the position in effect on `as_of` or none.

    Cells without a position have `id` and `stance` None and `tied` empty.
    """
    grid = pd.DataFrame([(a, t) for a in actors for t in themes], columns=["actor", "theme"])
    grid["cell"] = [cell_key(a, t) for a, t in zip(grid["actor"], grid["theme"], strict=True)]
    current = stances_as_of(chronology, as_of)
    current["cell"] = [cell_key(a, t) for a, t in _pairs(current)]
    matrix = grid.merge(current.drop(columns=["actor", "theme"]), on="cell", how="left")
    matrix = matrix.astype({ID: object, "stance": object})
    matrix[ID] = matrix[ID].where(matrix[ID].notna(), None)
    matrix["stance"] = matrix["stance"].where(matrix["stance"].notna(), None)
    matrix["tied"] = [t if isinstance(t, tuple) else () for t in matrix["tied"]]
    matrix["uncertain"] = matrix["uncertain"].fillna(False).astype(bool)
    matrix["earlier"] = matrix["earlier"].fillna(0).astype("int64")
    return matrix


def _pairs(frame: pd.DataFrame) -> Iterable[tuple[str, str]]:
    return zip(frame["actor"], frame["theme"], strict=True)


def cell_history(chronology: pd.DataFrame, actor: str, theme: str) -> pd.DataFrame:
    """Every position of one cell, oldest first, with `superseded_by` (the next one's id, or None)."""
    history = chronology[(chronology["actor"] == actor) & (chronology["theme"] == theme)].copy()
    following = history[ID].shift(-1)
    history["superseded_by"] = following.astype(object).where(following.notna(), None)
    return history.reset_index(drop=True)


def stance_changes(chronology: pd.DataFrame, since: dt.date, until: dt.date) -> pd.DataFrame:
    """The cells whose position differs between `since` and `until` (swapped if reversed).

    Columns: actor, theme, kind (appeared, changed stance, superseded), before and after
    (position ids; before is None for a cell that appeared), between (ids of positions
    recorded in the interval that neither side shows) and uncertain (after's date runs
    past `until`). Ordered by actor then theme as they first appear in the data.
    """
    since, until = min(since, until), max(since, until)
    old = stances_as_of(chronology, since).set_index(["actor", "theme"])
    new = stances_as_of(chronology, until)
    window = chronology[(chronology[FIRST_DAY] > _day(since)) & (chronology[FIRST_DAY] <= _day(until))]
    stance = dict(zip(chronology[ID], chronology["stance"], strict=True))
    rows = []
    for row in new.itertuples(index=False):
        before = old[ID].get((row.actor, row.theme))
        if before == row.id:
            continue
        if before is None:
            kind = APPEARED
        else:
            kind = CHANGED if stance[before] != row.stance else SUPERSEDED
        cell = window[(window["actor"] == row.actor) & (window["theme"] == row.theme)]
        between = tuple(i for i in cell[ID] if i != row.id)
        rows.append((row.actor, row.theme, kind, before, row.id, between, bool(row.uncertain)))
    columns = ["actor", "theme", "kind", "before", "after", "between", "uncertain"]
    changes = pd.DataFrame(rows, columns=columns).astype({"before": object})
    changes["before"] = changes["before"].where(changes["before"].notna(), None)
    order = {a: i for i, a in enumerate(dict.fromkeys(chronology.sort_values(ORDER)["actor"]))}
    themes = {t: i for i, t in enumerate(dict.fromkeys(chronology.sort_values(ORDER)["theme"]))}
    changes = changes.assign(_a=changes["actor"].map(order), _t=changes["theme"].map(themes))
    return changes.sort_values(["_a", "_t"], kind="stable").drop(columns=["_a", "_t"]).reset_index(drop=True)


def default_comparison(chronology: pd.DataFrame, today: dt.date) -> tuple[dt.date, dt.date]:
    """The year up to the latest recorded position: from that day a year earlier, to that day.

    (On the bundled data: from after WAIC 2024 to WAIC 2025.) With no positions, today twice.
    """
    if chronology.empty:
        return today, today
    latest = chronology[FIRST_DAY].max().date()
    if latest.year == dt.MINYEAR:
        return latest, latest
    try:
        year_before = latest.replace(year=latest.year - 1)
    except ValueError:  # 29 February
        year_before = latest.replace(year=latest.year - 1, day=28)
    return year_before, latest


def event_last_days(events: pd.DataFrame) -> dict[str, dt.date]:
    """Each event's last possible day: 'as of the end of an event' includes what was said there."""
    return {eid: ts.date() for eid, ts in zip(events[ID], events[END], strict=True)}


def stance_label(stance: str | None) -> str:
    """'+ supports', or 'no recorded position'."""
    return f"{STANCE_GLYPHS[stance]} {stance}" if stance else NO_POSITION
