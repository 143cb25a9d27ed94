"""The stance matrix of the positions view: every actor's latest position on every theme as of a date."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from components.keys import K_POS_ASOF, K_POS_ASOF_EVENT, K_POS_CELL, K_POS_MATRIX, K_SOURCE
from components.navigation import forget_cell
from components.positions.common import CHART_CONFIG, PositionsContext, date_input, day_label, event_picker
from components.positions.detail import position_quotes, render_position_block
from components.source_viewer import render_source_panel
from timeline.charts.stance_figures import stance_matrix_figure
from timeline.positions.stances import STANCE_GLYPHS, cell_history, split_cell_key, stance_label, stance_matrix
from timeline.textsafe import escape_markdown as md

LEGEND = (
    "Stance: "
    + " · ".join(f"**{md(glyph)}** {stance}" for stance, glyph in STANCE_GLYPHS.items())
    + " · white cell, no sign: no recorded position · \\* dated only to the month or year, "
    "so it may have been stated after the as-of date"
)


def render_matrix_section(ctx: PositionsContext) -> None:
    """The matrix as of a chosen date, a selector for its cells and the open cell's detail."""
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        as_of = date_input("As of", K_POS_ASOF, ctx)
    with right:
        event_picker("…or as of the end of an event", K_POS_ASOF_EVENT, K_POS_ASOF, ctx)
    matrix = stance_matrix(ctx.chronology, as_of, ctx.actors, ctx.themes)
    filled = int(matrix["id"].notna().sum())
    st.caption(
        f"As of **{day_label(as_of)}**, {filled} of {len(matrix)} cells hold a recorded position. "
        "Each cell is the actor's latest position on the theme by then; click a cell, or choose it below, "
        "for the proposition and the quote."
    )
    fig = stance_matrix_figure(
        matrix,
        actor_labels=ctx.actor_names,
        theme_labels=ctx.theme_labels,
        selected=st.session_state.get(K_POS_CELL),
        as_of_label=day_label(as_of),
    )
    name = f"Matrix of positions as of {day_label(as_of)}: {filled} of {len(matrix)} actor and theme cells hold one"
    st.plotly_chart(fig, key=K_POS_MATRIX, on_select="rerun", selection_mode="points", config=CHART_CONFIG, alt=name)
    st.caption(LEGEND)
    _cell_selector(ctx, matrix)
    cell = st.session_state.get(K_POS_CELL)
    if cell:
        _cell_detail(ctx, matrix, cell, as_of)


def _cell_selector(ctx: PositionsContext, matrix: pd.DataFrame) -> None:
    """A keyboard-reachable way to open any cell (the same state as a click on the matrix)."""
    names, labels = ctx.actor_names, ctx.theme_labels
    options = {
        row.cell: f"{names[row.actor]} — {labels[row.theme]}: {stance_label(row.stance)}" for row in matrix.itertuples()
    }
    if st.session_state.get(K_POS_CELL) not in options:
        forget_cell()
    st.selectbox(
        "Open a cell",
        list(options),
        key=K_POS_CELL,
        index=None,
        format_func=options.get,
        placeholder="Click a cell, or choose one here",
        persist_state="page",
    )


def _cell_detail(ctx: PositionsContext, matrix: pd.DataFrame, cell: str, as_of: dt.date) -> None:
    actor, theme = split_cell_key(cell)
    row = matrix[matrix["cell"] == cell].iloc[0]
    with st.container(border=True):
        st.subheader(f"{md(ctx.actor_names[actor])} on {md(ctx.theme_labels[theme])}", anchor=False)
        st.caption(f"As of {day_label(as_of)}")
        if row["id"] is None:
            st.markdown(f"**No recorded position** of {md(ctx.actor_names[actor])} on this theme by then.")
        else:
            _shown_position(ctx, row, as_of)
        _history_list(cell_history(ctx.chronology, actor, theme), row["id"], as_of)
    source = st.session_state.get(K_SOURCE)
    # Only a source this position quotes: K_SOURCE may still hold one opened for another cell or on the timeline.
    if row["id"] is not None and source in set(position_quotes(ctx.frames, row["id"])["source"]):
        render_source_panel(ctx.frames, source, None, current_position=row["id"])


def _shown_position(ctx: PositionsContext, row: pd.Series, as_of: dt.date) -> None:
    """The cell's position as of the date, with a word on an uncertain date or a tie."""
    if row["uncertain"]:
        st.caption(f"\\* Dated only to {md(row['date_label'])}: it may have been stated after {day_label(as_of)}.")
    render_position_block(ctx, row["id"], buttons=True)
    if row["tied"]:
        st.info(
            f"{len(row['tied']) + 1} positions on this theme are recorded for the same date; the one listed "
            "last in the data file is shown. The record below lists them all.",
            icon="ℹ️",
        )


def _history_list(history: pd.DataFrame, shown: str | None, as_of: dt.date) -> None:
    """Every position of the cell, oldest first: what superseded what, and what came later."""
    if history.empty or (len(history) == 1 and shown is not None):
        return
    shown_date = history.loc[history["id"] == shown, "date_iso"].tolist()
    lines = [
        f"- {md(row.date_label)}: **{md(stance_label(row.stance))}** — {md(row.proposition)}"
        f" *({_history_note(row, shown, shown_date, as_of)})*"
        for row in history.itertuples()
    ]
    st.markdown("**Record on this theme**\n\n" + "\n".join(lines))


def _history_note(row, shown: str | None, shown_date: list[str], as_of: dt.date) -> str:
    if row.id == shown:
        return "shown above"
    if row.first_day.date() > as_of:
        return "recorded later"
    if row.date_iso in shown_date:
        return "same date as the one shown"
    return "superseded"
