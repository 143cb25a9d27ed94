"""The positions view: a stance matrix as of a date, what changed between two dates, an actor's record.

Its state lives in session state (seeded once from the link) and goes back to the URL
through the query parameters that render_positions_view returns. The sections themselves are
drawn in components.positions_matrix and components.positions_changes; what they share is in
components.positions_common and components.position_detail.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.keys import (
    K_NOTICES,
    K_POS_ASOF,
    K_POS_CELL,
    K_POS_FOCUS,
    K_POS_LAST_CLICK,
    K_POS_MATRIX,
    K_POS_RECORD,
    K_POS_SECTION,
    K_POS_SINCE,
    K_POS_UNTIL,
    K_POS_URL_LOADED,
    K_SOURCE,
)
from components.positions_changes import render_changes_section, render_record_section
from components.positions_common import PositionsContext, open_cell
from components.positions_matrix import render_matrix_section
from components.state import show_url_notices
from timeline.frames import Frames
from timeline.stance_figures import CELL_PREFIX
from timeline.stances import (
    FIRST_DAY,
    SECTIONS,
    PositionsState,
    cell_key,
    default_comparison,
    matrix_axes,
    parse_positions_state,
    position_chronology,
    positions_query_params,
    split_cell_key,
)
from timeline.urlstate import KnownIds

SECTION_LABELS = {"matrix": "Stance matrix", "changes": "What changed", "record": "An actor's record"}


def render_positions_view(frames: Frames, known: KnownIds) -> dict[str, str]:
    """Draw the positions view; return the query parameters of its state."""
    chronology = position_chronology(frames.positions)
    if chronology.empty:
        st.info("This dataset records no positions yet: add them under `positions:` in the data file.")
        return {}
    ctx = _context(frames, known, chronology)
    _seed_from_url(ctx)
    _apply_focus(ctx)
    _apply_matrix_click()
    st.segmented_control(
        "Part of the positions view",
        SECTIONS,
        format_func=SECTION_LABELS.get,
        key=K_POS_SECTION,
        required=True,
        label_visibility="collapsed",
        persist_state="page",
    )
    section = st.session_state.get(K_POS_SECTION) or SECTIONS[0]
    if section == "changes":
        render_changes_section(ctx)
    elif section == "record":
        render_record_section(ctx)
    else:
        render_matrix_section(ctx)
    return positions_query_params(current_positions_state())


def current_positions_state() -> PositionsState:
    """The positions view's state as the widgets hold it."""
    ss = st.session_state
    return PositionsState(
        section=ss.get(K_POS_SECTION) or SECTIONS[0],
        as_of=ss.get(K_POS_ASOF),
        since=ss.get(K_POS_SINCE),
        until=ss.get(K_POS_UNTIL),
        cell=ss.get(K_POS_CELL),
        record=ss.get(K_POS_RECORD),
    )


def clicked_cell(selection: object) -> str | None:
    """The cell key ('actor.theme') of a matrix selection, or None."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for point in points:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if isinstance(data, str) and data.startswith(CELL_PREFIX):
            return data.removeprefix(CELL_PREFIX)
    return None


def _context(frames: Frames, known: KnownIds, chronology: pd.DataFrame) -> PositionsContext:
    """This run's context: the matrix's axes, the names, and dates from the data's first year to today or later."""
    actors, themes = matrix_axes(frames)
    years = chronology[FIRST_DAY].dt.year
    today = dt.date.today()
    first = dt.date(min(known.first_year, int(years.min())), 1, 1)
    last = max(dt.date(max(known.last_year, int(years.max())), 12, 31), today)
    return PositionsContext(
        frames,
        chronology,
        chronology.set_index("id"),
        actors,
        themes,
        dict(zip(frames.actors["id"], frames.actors["name"], strict=True)),
        dict(zip(frames.themes["id"], frames.themes["label"], strict=True)),
        first,
        last,
        today,
    )


def _seed_from_url(ctx: PositionsContext) -> None:
    """On the view's first run in a session, put the link's state (or the defaults) in the widgets."""
    ss = st.session_state
    if ss.get(K_POS_URL_LOADED):
        return
    state, notices = parse_positions_state(
        st.query_params.to_dict(), actors=ctx.actors, themes=ctx.themes, first=ctx.first, last=ctx.last
    )
    since, until = default_comparison(ctx.chronology, ctx.today)
    since, until = ctx.clamp(state.since or since), ctx.clamp(state.until or until)
    ss[K_POS_SECTION] = state.section
    ss[K_POS_ASOF] = ctx.clamp(state.as_of)
    ss[K_POS_SINCE], ss[K_POS_UNTIL] = min(since, until), max(since, until)
    ss[K_POS_CELL] = state.cell
    cell = split_cell_key(state.cell)
    ss[K_POS_RECORD] = state.record or (cell[0] if cell else ctx.actors[0])
    ss[K_POS_URL_LOADED] = True
    if notices:
        ss[K_NOTICES] = notices
        show_url_notices()


def _apply_focus(ctx: PositionsContext) -> None:
    """A position clicked on the timeline: show its cell as of the day it counts from."""
    ss = st.session_state
    position = ss.pop(K_POS_FOCUS, None)
    if position not in ctx.by_id.index:
        return
    row = ctx.by_id.loc[position]
    open_cell(cell_key(row["actor"], row["theme"]), ctx.clamp(row[FIRST_DAY].date()))


def _apply_matrix_click() -> None:
    """A click on a matrix cell selects it (before the cell selector is drawn)."""
    ss = st.session_state
    clicked = clicked_cell(ss.get(K_POS_MATRIX))
    if clicked and clicked != ss.get(K_POS_LAST_CLICK):
        ss[K_POS_CELL] = clicked
        ss[K_SOURCE] = None
    ss[K_POS_LAST_CLICK] = clicked
