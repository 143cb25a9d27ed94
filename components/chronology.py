"""The chronology list under the chart: the shown events as text, in pages, one of them open.

One radio group per page (PAGE_SIZE rows): a single element to re-send on a rerun, real
text a screen reader reads ("radio button, 3 of 25"), reached with Tab and walked with the
arrow keys. The open event is the group's chosen row, wherever it was opened from.
"""

from __future__ import annotations

import streamlit as st

from components.keys import K_CHRONO, K_CHRONO_OPEN, K_CHRONO_PAGE, K_CHRONO_SYNCED, K_EVENT, K_LAST_CLICK
from components.navigation import open_event
from components.state import keep_undrawn_values
from timeline.charts.chronology import chronology_rows, clamp_page, page_count, page_of, page_range_text
from timeline.loading.frames import Frames
from timeline.textsafe import escape_markdown as md

LIST_HEADING = "Chronology"
LIST_LABEL = "Chronology: choose an event to open it"
EXPANDER_LABEL = "Chronology: the shown events as a list"


def _open_chosen_row() -> None:
    chosen = st.session_state.get(K_CHRONO)
    if chosen:
        open_event(chosen)  # as a chart click does: the open source closes
        # Opened here: the list stays on its page.
        st.session_state[K_CHRONO_SYNCED] = (chosen, st.session_state.get(K_LAST_CLICK))


def render_chronology(frames: Frames, shown) -> None:
    """The shown events in date order, a page at a time; choosing a row opens the event.

    In an expander filled only while open, as the exports and the event finder are: drawn
    on every rerun, its rows were re-sent and re-drawn on every filter change and every click
    on the chart, which broke the benchmark's bars (docs/performance.md). Its label is a
    button a keyboard reaches and opens with Enter.
    """
    keep_undrawn_values((K_CHRONO_PAGE,))  # the page outlives a closed list and a run of another view
    _turn_to_open_event(shown)
    page = clamp_page(st.session_state.get(K_CHRONO_PAGE), len(shown))
    st.session_state[K_CHRONO_PAGE] = page
    listing = st.expander(EXPANDER_LABEL, icon=":material/list:", key=K_CHRONO_OPEN, on_change="rerun")
    with listing:
        if listing.open:
            _render_page(frames, shown, page)


def _render_page(frames: Frames, shown, page: int) -> None:
    rows = chronology_rows(frames, shown, page)
    labels = {row.event_id: f"{md(row.date)} · **{md(row.label)}** · {md(row.details)}" for row in rows}
    open_id = st.session_state.get(K_EVENT)
    # The open event is the chosen row when it is on this page, else nothing is chosen.
    st.session_state[K_CHRONO] = open_id if open_id in labels else None
    # A heading, so a screen reader jumps to the list; and the event's title (h3) follows an h2.
    st.header(LIST_HEADING, anchor=False)
    st.radio(LIST_LABEL, list(labels), key=K_CHRONO, format_func=labels.get, on_change=_open_chosen_row)
    _pager(len(shown), page)


def _turn_to_open_event(shown) -> None:
    """When an event was opened elsewhere (chart, finder, link), show the page holding it.

    A click on the marker of the event already open turns to it too: the chart's last click
    is part of what the list remembers.
    """
    opened = (st.session_state.get(K_EVENT), st.session_state.get(K_LAST_CLICK))
    if opened == st.session_state.get(K_CHRONO_SYNCED):
        return
    st.session_state[K_CHRONO_SYNCED] = opened
    page = page_of(shown, opened[0])
    if page is not None:
        st.session_state[K_CHRONO_PAGE] = page


def _pager(shown_count: int, page: int) -> None:
    pages = page_count(shown_count)
    if pages == 1:
        return
    left, right = st.columns([1, 2], vertical_alignment="bottom")
    with left:
        st.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key=K_CHRONO_PAGE)
    with right:
        st.caption(page_range_text(page, shown_count))
