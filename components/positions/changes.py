"""The positions view over time: what changed between two dates, and one actor's record."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.keys import (
    K_POS_ASOF,
    K_POS_RECORD,
    K_POS_RECORD_CHART,
    K_POS_SINCE,
    K_POS_SINCE_EVENT,
    K_POS_UNTIL,
    K_POS_UNTIL_EVENT,
)
from components.navigation import open_cell
from components.positions.common import CHART_CONFIG, PositionsContext, date_input, day_label, event_picker
from components.positions.detail import render_position_block
from timeline.charts.stance_figures import actor_record_figure
from timeline.positions.stances import APPEARED, CHANGED, FIRST_DAY, SUPERSEDED, cell_key, stance_changes, stance_label
from timeline.textsafe import escape_markdown as md

KIND_TEXT = {APPEARED: "new", CHANGED: "changed stance", SUPERSEDED: "superseded (same stance)"}


# --- What changed ------------------------------------------------------------------------


def render_changes_section(ctx: PositionsContext) -> None:
    """Every cell whose position appeared, changed stance or was superseded between two dates, by actor."""
    since, until = _comparison_dates(ctx)
    changes = stance_changes(ctx.chronology, since, until)
    period = f"{day_label(since)} and {day_label(until)}"
    if changes.empty:
        st.info(f"No position appeared, changed stance or was superseded between {period}.")
        return
    counts = changes["kind"].value_counts()
    summary = ", ".join(f"{counts[k]} {KIND_TEXT[k]}" for k in KIND_TEXT if k in counts)
    st.markdown(f"**{len(changes)} cells changed between {period}:** {summary}.")
    for actor, group in changes.groupby("actor", sort=False):
        st.subheader(md(ctx.actor_names[actor]), anchor=False)
        for change in group.itertuples():
            _change_card(ctx, change, since, until)


def _comparison_dates(ctx: PositionsContext) -> tuple[dt.date, dt.date]:
    """The two dates to compare, earlier first, from their widgets."""
    first_col, second_col = st.columns(2)
    with first_col:
        since = date_input("From (as of)", K_POS_SINCE, ctx)
        event_picker("…or from the end of an event", K_POS_SINCE_EVENT, K_POS_SINCE, ctx)
    with second_col:
        until = date_input("To (as of)", K_POS_UNTIL, ctx)
        event_picker("…or to the end of an event", K_POS_UNTIL_EVENT, K_POS_UNTIL, ctx)
    if since > until:
        st.caption("The first date is the later one: compared from the earlier date to the later.")
        return until, since
    return since, until


def _change_card(ctx: PositionsContext, change, since: dt.date, until: dt.date) -> None:
    stances = ctx.by_id["stance"]
    kind = KIND_TEXT[change.kind]
    if change.kind == CHANGED:
        kind += f": {stance_label(stances[change.before])} → {stance_label(stances[change.after])}"
    cell = cell_key(change.actor, change.theme)
    with st.container(border=True):
        st.markdown(f"**{md(ctx.theme_labels[change.theme])}** · {md(kind)}")
        _before_and_after(ctx, change, since, until)
        if change.between:
            labels = ctx.by_id["date_label"]
            between = "; ".join(f"{md(stance_label(stances[i]))} ({md(labels[i])})" for i in change.between)
            st.caption(f"Also recorded in between: {between}")
        st.button(
            "Open this cell in the matrix",
            key=f"pos-open-{cell}",
            on_click=open_cell,
            args=(cell, until),
            type="tertiary",
        )


def _before_and_after(ctx: PositionsContext, change, since: dt.date, until: dt.date) -> None:
    """The cell's position as of each date, side by side."""
    before, after = st.columns(2)
    with before:
        st.caption(f"Before — as of {day_label(since)}")
        if change.before:
            render_position_block(ctx, change.before, buttons=False)
        else:
            st.markdown("*No recorded position*")
    with after:
        st.caption(f"After — as of {day_label(until)}")
        render_position_block(ctx, change.after, buttons=False)
        if change.uncertain:
            st.caption("\\* Dated only to the month or year: it may have been stated after this date.")


# --- An actor's record -------------------------------------------------------------------


def render_record_section(ctx: PositionsContext) -> None:
    """One actor's positions over time: a chart of how long each stood, and every position in full."""
    ss = st.session_state
    if ss.get(K_POS_RECORD) not in ctx.actors:
        ss[K_POS_RECORD] = ctx.actors[0]
    st.selectbox("Actor", ctx.actors, key=K_POS_RECORD, format_func=ctx.actor_names.get, persist_state="page")
    actor = ss[K_POS_RECORD]
    history = ctx.chronology[ctx.chronology["actor"] == actor]
    until = max(ctx.today, ctx.chronology[FIRST_DAY].max().date())
    fig = actor_record_figure(history, theme_labels=ctx.theme_labels, until=until, as_of=ss.get(K_POS_ASOF))
    count = f"{len(history)} position" + ("" if len(history) == 1 else "s")
    name = f"Record of {ctx.actor_names.get(actor, actor)}: {count} over time, by theme"
    st.plotly_chart(fig, key=K_POS_RECORD_CHART, config=CHART_CONFIG, alt=name)
    st.caption(
        "A marker where each position counts from, a bar in its stance's colour for as long as it stands "
        "(until the next position on that theme); hollow markers: dated only to the month or year. "
        "The dashed line is the stance matrix's as-of date."
    )
    with st.expander(f"All {len(history)} positions of {md(ctx.actor_names[actor])}, newest first"):
        for position_id in reversed(list(history["id"])):
            render_position_block(ctx, position_id, buttons=False)
            st.divider()
