"""The positions view: a stance matrix as of a date, what changed between two dates, an actor's record.

Its state lives in session state, seeded from the link and written back to it by
components.state through the view-state registry (timeline.state.viewstate.POSITIONS). The
sections themselves are drawn in components.positions.matrix and
components.positions.changes; what they share is in components.positions.common and
components.positions.detail.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.keys import (
    K_POS_ASOF,
    K_POS_CELL,
    K_POS_LAST_CLICK,
    K_POS_MATRIX,
    K_POS_RECORD,
    K_POS_SECTION,
    K_POS_SINCE,
    K_POS_UNTIL,
)
from components.navigation import new_click, open_cell, take_position_focus
from components.positions.changes import render_changes_section, render_record_section
from components.positions.common import PositionsContext
from components.positions.matrix import render_matrix_section
from timeline.loading.frames import Frames
from timeline.positions.stances import (
    FIRST_DAY,
    cell_key,
    default_comparison,
    matrix_axes,
    position_chronology,
    split_cell_key,
)
from timeline.state.viewstate import KnownIds, positions_dates
from timeline.vocab import SECTIONS

SECTION_LABELS = {"matrix": "Stance matrix", "changes": "What changed", "record": "An actor's record"}


def render_positions_view(frames: Frames, known: KnownIds) -> None:
    """Draw the positions view (its state goes to the link through the view-state registry)."""
    chronology = position_chronology(frames.positions)
    if chronology.empty:
        st.info("This dataset records no positions yet: add them under `positions:` in the data file.")
        return
    ctx = _context(frames, known, chronology)
    _fill_defaults(ctx)
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


def _context(frames: Frames, known: KnownIds, chronology: pd.DataFrame) -> PositionsContext:
    """This run's context: the matrix's axes, the names, and dates from the data's first year to today or later."""
    actors, themes = matrix_axes(frames)
    today = dt.date.today()
    first, last = positions_dates(known, today)
    return PositionsContext(
        frames,
        chronology,
        chronology.set_index("id"),
        actors,
        themes,
        frames.actor_names,
        frames.theme_labels,
        first,
        last,
        today,
    )


def _fill_defaults(ctx: PositionsContext) -> None:
    """Dates and actor the link left out: the year up to the latest position, the cell's actor."""
    ss = st.session_state
    if ss.get(K_POS_SINCE) is None or ss.get(K_POS_UNTIL) is None:
        since, until = default_comparison(ctx.chronology, ctx.today)
        since, until = ctx.clamp(ss.get(K_POS_SINCE) or since), ctx.clamp(ss.get(K_POS_UNTIL) or until)
        ss[K_POS_SINCE], ss[K_POS_UNTIL] = min(since, until), max(since, until)
    if ss.get(K_POS_ASOF) is None:
        ss[K_POS_ASOF] = ctx.clamp(None)
    if ss.get(K_POS_RECORD) is None:
        cell = split_cell_key(ss.get(K_POS_CELL))
        ss[K_POS_RECORD] = cell[0] if cell else ctx.actors[0]


def _apply_focus(ctx: PositionsContext) -> None:
    """A position clicked on the timeline: show its cell as of the day it counts from."""
    position = take_position_focus()
    if position not in ctx.by_id.index:
        return
    row = ctx.by_id.loc[position]
    open_cell(cell_key(row["actor"], row["theme"]), ctx.clamp(row[FIRST_DAY].date()))


def _apply_matrix_click() -> None:
    """A click on a matrix cell selects it (before the cell selector is drawn)."""
    click = new_click(K_POS_MATRIX, K_POS_LAST_CLICK)
    if click is not None and click.cell:
        open_cell(click.cell)
