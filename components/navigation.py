"""Where the user is: the only writer of the selection keys (open event, source, view, matrix cell).

Every button, link and chart click that moves the user goes through these functions, so
"open an event" means one thing everywhere. They only set session state: call them from a
widget's on_click, or before the widgets whose keys they set are drawn in a run (Streamlit
refuses a value set after its widget was made). tests/test_navigation.py fails if another
module writes these keys. (The URL adapter, components/state.py, seeds them from a link
through the view-state registry, without naming them.)
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from components.keys import K_EVENT, K_POS_ASOF, K_POS_CELL, K_POS_FOCUS, K_POS_SECTION, K_SOURCE, K_VIEW
from timeline.state.selection import Click, decode_click

SELECTION_KEYS = (K_EVENT, K_SOURCE, K_VIEW, K_POS_CELL, K_POS_FOCUS)


def open_view(view: str) -> None:
    """Switch to a view (only when it changes: the view switch may already be drawn)."""
    if st.session_state.get(K_VIEW) != view:
        st.session_state[K_VIEW] = view


def open_event(event_id: str, *, keep_source: bool = False) -> None:
    """Show an event's detail on the timeline; the open source closes unless keep_source."""
    st.session_state[K_EVENT] = event_id
    if not keep_source:
        st.session_state[K_SOURCE] = None
    open_view("timeline")


def open_source(source_id: str) -> None:
    """Open a source's text beside the current event or position."""
    st.session_state[K_SOURCE] = source_id


def close_source() -> None:
    st.session_state[K_SOURCE] = None


def open_cell(cell: str | None, day: dt.date | None = None) -> None:
    """Select a stance-matrix cell ('actor.theme', None for none), with no source open.

    With a day, show the matrix as of that day too.
    """
    if day is not None:
        st.session_state[K_POS_SECTION] = "matrix"
        st.session_state[K_POS_ASOF] = day
    st.session_state[K_POS_CELL] = cell
    st.session_state[K_SOURCE] = None


def forget_cell() -> None:
    """No cell selected (the one held is not in the matrix), leaving the open source as it is."""
    st.session_state[K_POS_CELL] = None


def open_position(position_id: str) -> None:
    """Show a position in the positions view (its cell, as of the day it counts from)."""
    st.session_state[K_POS_FOCUS] = position_id
    open_view("positions")


def take_position_focus() -> str | None:
    """The position to show that open_position asked for, once."""
    return st.session_state.pop(K_POS_FOCUS, None)


def new_click(chart_key: str, last_click_key: str) -> Click | None:
    """The chart's selection if it changed since it was last handled, else None.

    A chart keeps its selection across reruns: without this bookkeeping the same click
    would be handled again on every rerun, undoing whatever the user did since.
    """
    click = decode_click(st.session_state.get(chart_key))
    changed = click.marker is not None and click.marker != st.session_state.get(last_click_key)
    st.session_state[last_click_key] = click.marker
    return click if changed else None
