"""The positions view: a stance matrix as of a date, what changed between two dates, an actor's record.

Its state lives in session state (seeded once from the link) and goes back to the URL
through the query parameters that render_positions_view returns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from components.event_detail import BASIS_TEXT, render_disputes, source_citation
from components.keys import (
    K_EVENT,
    K_NOTICES,
    K_POS_ASOF,
    K_POS_ASOF_EVENT,
    K_POS_CELL,
    K_POS_FOCUS,
    K_POS_LAST_CLICK,
    K_POS_MATRIX,
    K_POS_RECORD,
    K_POS_RECORD_CHART,
    K_POS_SECTION,
    K_POS_SINCE,
    K_POS_SINCE_EVENT,
    K_POS_UNTIL,
    K_POS_UNTIL_EVENT,
    K_POS_URL_LOADED,
    K_SOURCE,
    K_VIEW,
)
from components.source_viewer import render_source_panel
from components.state import show_url_notices
from timeline.frames import Frames
from timeline.stance_figures import CELL_PREFIX, actor_record_figure, stance_matrix_figure
from timeline.stances import (
    APPEARED,
    CHANGED,
    FIRST_DAY,
    SECTIONS,
    STANCE_GLYPHS,
    SUPERSEDED,
    PositionsState,
    cell_history,
    cell_key,
    default_comparison,
    event_last_days,
    matrix_axes,
    parse_positions_state,
    position_chronology,
    positions_query_params,
    split_cell_key,
    stance_changes,
    stance_label,
    stance_matrix,
)
from timeline.textsafe import escape_markdown as md
from timeline.urlstate import KnownIds

SECTION_LABELS = {"matrix": "Stance matrix", "changes": "What changed", "record": "An actor's record"}
CHART_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["zoom", "pan", "select", "lasso2d", "autoScale"]}
KIND_TEXT = {APPEARED: "new", CHANGED: "changed stance", SUPERSEDED: "superseded (same stance)"}
LEGEND = (
    "Stance: "
    + " · ".join(f"**{md(glyph)}** {stance}" for stance, glyph in STANCE_GLYPHS.items())
    + " · white cell, no sign: no recorded position · \\* dated only to the month or year, "
    "so it may have been stated after the as-of date"
)


@dataclass(frozen=True)
class _Context:
    """What every part of the view needs, worked out once per run."""

    frames: Frames
    chronology: pd.DataFrame
    by_id: pd.DataFrame  # the chronology indexed by position id
    actors: list[str]
    themes: list[str]
    actor_names: dict[str, str]
    theme_labels: dict[str, str]
    first: dt.date
    last: dt.date
    today: dt.date

    def clamp(self, day: dt.date | None) -> dt.date:
        return min(max(day or self.today, self.first), self.last)


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
        _changes_section(ctx)
    elif section == "record":
        _record_section(ctx)
    else:
        _matrix_section(ctx)
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


def _context(frames: Frames, known: KnownIds, chronology: pd.DataFrame) -> _Context:
    actors, themes = matrix_axes(frames)
    years = chronology[FIRST_DAY].dt.year
    today = dt.date.today()
    first = dt.date(min(known.first_year, int(years.min())), 1, 1)
    last = max(dt.date(max(known.last_year, int(years.max())), 12, 31), today)
    return _Context(
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


def _seed_from_url(ctx: _Context) -> None:
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


def _apply_focus(ctx: _Context) -> None:
    """A position clicked on the timeline: show its cell as of the day it counts from."""
    ss = st.session_state
    position = ss.pop(K_POS_FOCUS, None)
    if position not in ctx.by_id.index:
        return
    row = ctx.by_id.loc[position]
    ss[K_POS_SECTION] = "matrix"
    ss[K_POS_ASOF] = ctx.clamp(row[FIRST_DAY].date())
    ss[K_POS_CELL] = cell_key(row["actor"], row["theme"])
    ss[K_SOURCE] = None


def _apply_matrix_click() -> None:
    """A click on a matrix cell selects it (before the cell selector is drawn)."""
    ss = st.session_state
    clicked = clicked_cell(ss.get(K_POS_MATRIX))
    if clicked and clicked != ss.get(K_POS_LAST_CLICK):
        ss[K_POS_CELL] = clicked
        ss[K_SOURCE] = None
    ss[K_POS_LAST_CLICK] = clicked


# --- Widgets shared by the parts ---------------------------------------------------------


def _date_input(label: str, key: str, ctx: _Context) -> dt.date:
    ss = st.session_state
    ss[key] = ctx.clamp(ss.get(key))
    st.date_input(
        label,
        key=key,
        min_value=ctx.first,
        max_value=ctx.last,
        format="YYYY-MM-DD",
        persist_state="page",
    )
    return ss.get(key) or ctx.today


def _jump_to_event(picker: str, target: str, days: dict[str, dt.date], ctx: _Context) -> None:
    event = st.session_state.get(picker)
    if event in days:
        st.session_state[target] = ctx.clamp(days[event])
    st.session_state[picker] = None


def _event_picker(label: str, picker: str, target: str, ctx: _Context) -> None:
    """Set a date to the last day of an event, so that what was said there counts."""
    events = ctx.frames.events.sort_values("start", kind="stable")
    titles = dict(zip(events["id"], events["date_label"] + " — " + events["title"], strict=True))
    st.selectbox(
        label,
        list(titles),
        key=picker,
        index=None,
        format_func=titles.get,
        placeholder="Choose an event",
        on_change=_jump_to_event,
        args=(picker, target, event_last_days(events), ctx),
    )


def _day_label(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _open_source(source_id: str) -> None:
    st.session_state[K_SOURCE] = source_id


def _open_event(event_id: str) -> None:
    st.session_state[K_EVENT] = event_id
    st.session_state[K_SOURCE] = None
    st.session_state[K_VIEW] = "timeline"


def _open_cell(cell: str, day: dt.date) -> None:
    st.session_state[K_POS_SECTION] = "matrix"
    st.session_state[K_POS_ASOF] = day
    st.session_state[K_POS_CELL] = cell
    st.session_state[K_SOURCE] = None


def _position_block(ctx: _Context, position_id: str, *, buttons: bool) -> None:
    """One position: stance, proposition, date and its rigour, event and every quote."""
    frames = ctx.frames
    row = ctx.by_id.loc[position_id]
    st.markdown(f"**{md(stance_label(row['stance']))}** — {md(row['proposition'])}")
    basis = str(row["date_basis"])
    st.markdown(
        f"**When:** {md(row['date_label'])} · precision: {row['precision']} · date {BASIS_TEXT.get(basis, basis)}"
    )
    if row["date_note"]:
        st.caption(f"How the date was established: {md(row['date_note'])}")
    if row["event"]:
        title = frames.events.loc[frames.events["id"] == row["event"], "title"].iloc[0]
        st.markdown(f"**Stated at:** {md(title)}")
        if buttons:
            st.button(
                "Open this event on the timeline",
                key=f"pos-event-{position_id}",
                on_click=_open_event,
                args=(row["event"],),
                type="tertiary",
            )
    evidence = frames.evidence
    quotes = evidence[(evidence["owner_kind"] == "position") & (evidence["owner_id"] == position_id)]
    for index, quote in enumerate(quotes.itertuples()):
        st.markdown(f"> “{md(quote.quote)}”\n\n— {source_citation(frames, quote.source)}")
        if quote.note:
            st.caption(md(quote.note))
        if buttons:
            st.button(
                "Show in source",
                key=f"pos-show-{position_id}-{index}",
                on_click=_open_source,
                args=(quote.source,),
                help="Open the source text with this passage highlighted",
            )
    if buttons:  # the full detail: with the disputes about this position
        render_disputes(frames, "position", position_id)


# --- The stance matrix -------------------------------------------------------------------


def _matrix_section(ctx: _Context) -> None:
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        as_of = _date_input("As of", K_POS_ASOF, ctx)
    with right:
        _event_picker("…or as of the end of an event", K_POS_ASOF_EVENT, K_POS_ASOF, ctx)
    matrix = stance_matrix(ctx.chronology, as_of, ctx.actors, ctx.themes)
    filled = int(matrix["id"].notna().sum())
    st.caption(
        f"As of **{_day_label(as_of)}**, {filled} of {len(matrix)} cells hold a recorded position. "
        "Each cell is the actor's latest position on the theme by then; click a cell, or choose it below, "
        "for the proposition and the quote."
    )
    fig = stance_matrix_figure(
        matrix,
        actor_labels=ctx.actor_names,
        theme_labels=ctx.theme_labels,
        selected=st.session_state.get(K_POS_CELL),
        as_of_label=_day_label(as_of),
    )
    st.plotly_chart(fig, key=K_POS_MATRIX, on_select="rerun", selection_mode="points", config=CHART_CONFIG)
    st.caption(LEGEND)
    _cell_selector(ctx, matrix)
    cell = st.session_state.get(K_POS_CELL)
    if cell:
        _cell_detail(ctx, matrix, cell, as_of)


def _cell_selector(ctx: _Context, matrix: pd.DataFrame) -> None:
    """A keyboard-reachable way to open any cell (the same state as a click on the matrix)."""
    names, labels = ctx.actor_names, ctx.theme_labels
    options = {
        row.cell: f"{names[row.actor]} — {labels[row.theme]}: {stance_label(row.stance)}"
        for row in matrix.itertuples()
    }
    if st.session_state.get(K_POS_CELL) not in options:
        st.session_state[K_POS_CELL] = None
    st.selectbox(
        "Open a cell",
        list(options),
        key=K_POS_CELL,
        index=None,
        format_func=options.get,
        placeholder="Click a cell, or choose one here",
        persist_state="page",
    )


def _cell_detail(ctx: _Context, matrix: pd.DataFrame, cell: str, as_of: dt.date) -> None:
    actor, theme = split_cell_key(cell)
    row = matrix[matrix["cell"] == cell].iloc[0]
    history = cell_history(ctx.chronology, actor, theme)
    with st.container(border=True):
        st.subheader(f"{md(ctx.actor_names[actor])} on {md(ctx.theme_labels[theme])}", anchor=False)
        st.caption(f"As of {_day_label(as_of)}")
        if row["id"] is None:
            st.markdown(f"**No recorded position** of {md(ctx.actor_names[actor])} on this theme by then.")
        else:
            if row["uncertain"]:
                st.caption(
                    f"\\* Dated only to {md(row['date_label'])}: it may have been stated after {_day_label(as_of)}."
                )
            _position_block(ctx, row["id"], buttons=True)
            if row["tied"]:
                st.info(
                    f"{len(row['tied']) + 1} positions on this theme are recorded for the same date; the one listed "
                    "last in the data file is shown. The record below lists them all.",
                    icon="ℹ️",
                )
        _history_list(ctx, history, row["id"], as_of)
    source = st.session_state.get(K_SOURCE)
    if row["id"] is not None and source in _position_sources(ctx, row["id"]):
        render_source_panel(ctx.frames, source, None, current_position=row["id"])


def _position_sources(ctx: _Context, position_id: str) -> set[str]:
    evidence = ctx.frames.evidence
    return set(evidence.loc[(evidence["owner_kind"] == "position") & (evidence["owner_id"] == position_id), "source"])


def _history_list(ctx: _Context, history: pd.DataFrame, shown: str | None, as_of: dt.date) -> None:
    """Every position of the cell, oldest first: what superseded what, and what came later."""
    if history.empty or (len(history) == 1 and shown is not None):
        return
    lines = []
    shown_date = history.loc[history["id"] == shown, "date_iso"].tolist()
    for row in history.itertuples():
        if row.id == shown:
            note = "shown above"
        elif row.first_day.date() > as_of:
            note = "recorded later"
        elif row.date_iso in shown_date:
            note = "same date as the one shown"
        else:
            note = "superseded"
        lines.append(
            f"- {md(row.date_label)}: **{md(stance_label(row.stance))}** — {md(row.proposition)}"
            + (f" *({note})*" if note else "")
        )
    st.markdown("**Record on this theme**\n\n" + "\n".join(lines))


# --- What changed ------------------------------------------------------------------------


def _changes_section(ctx: _Context) -> None:
    first_col, second_col = st.columns(2)
    with first_col:
        since = _date_input("From (as of)", K_POS_SINCE, ctx)
        _event_picker("…or from the end of an event", K_POS_SINCE_EVENT, K_POS_SINCE, ctx)
    with second_col:
        until = _date_input("To (as of)", K_POS_UNTIL, ctx)
        _event_picker("…or to the end of an event", K_POS_UNTIL_EVENT, K_POS_UNTIL, ctx)
    if since > until:
        st.caption("The first date is the later one: compared from the earlier date to the later.")
        since, until = until, since
    changes = stance_changes(ctx.chronology, since, until)
    period = f"{_day_label(since)} and {_day_label(until)}"
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


def _change_card(ctx: _Context, change, since: dt.date, until: dt.date) -> None:
    stances, labels = ctx.by_id["stance"], ctx.by_id["date_label"]
    kind = KIND_TEXT[change.kind]
    if change.kind == CHANGED:
        kind += f": {stance_label(stances[change.before])} → {stance_label(stances[change.after])}"
    cell = cell_key(change.actor, change.theme)
    with st.container(border=True):
        st.markdown(f"**{md(ctx.theme_labels[change.theme])}** · {md(kind)}")
        before, after = st.columns(2)
        with before:
            st.caption(f"Before — as of {_day_label(since)}")
            if change.before:
                _position_block(ctx, change.before, buttons=False)
            else:
                st.markdown("*No recorded position*")
        with after:
            st.caption(f"After — as of {_day_label(until)}")
            _position_block(ctx, change.after, buttons=False)
            if change.uncertain:
                st.caption("\\* Dated only to the month or year: it may have been stated after this date.")
        if change.between:
            between = "; ".join(f"{md(stance_label(stances[i]))} ({md(labels[i])})" for i in change.between)
            st.caption(f"Also recorded in between: {between}")
        st.button(
            "Open this cell in the matrix",
            key=f"pos-open-{cell}",
            on_click=_open_cell,
            args=(cell, until),
            type="tertiary",
        )


# --- An actor's record -------------------------------------------------------------------


def _record_section(ctx: _Context) -> None:
    ss = st.session_state
    if ss.get(K_POS_RECORD) not in ctx.actors:
        ss[K_POS_RECORD] = ctx.actors[0]
    st.selectbox("Actor", ctx.actors, key=K_POS_RECORD, format_func=ctx.actor_names.get, persist_state="page")
    actor = ss[K_POS_RECORD]
    history = ctx.chronology[ctx.chronology["actor"] == actor]
    until = max(ctx.today, ctx.chronology[FIRST_DAY].max().date())
    fig = actor_record_figure(history, theme_labels=ctx.theme_labels, until=until, as_of=ss.get(K_POS_ASOF))
    st.plotly_chart(fig, key=K_POS_RECORD_CHART, config=CHART_CONFIG)
    st.caption(
        "A marker where each position counts from, a bar in its stance's colour for as long as it stands "
        "(until the next position on that theme); hollow markers: dated only to the month or year. "
        "The dashed line is the stance matrix's as-of date."
    )
    with st.expander(f"All {len(history)} positions of {md(ctx.actor_names[actor])}, newest first"):
        for position_id in reversed(list(history["id"])):
            _position_block(ctx, position_id, buttons=False)
            st.divider()
