"""The event selector: a keyboard-reachable way to open any shown event.

It sits in an expander that is filled only while open. Drawn, its options (one label per
shown event, up to MAX_LISTED_EVENTS) were re-sent and re-drawn on every filter change and
every click: at 10,000 events that was a tenth of a filter change's time and a fifth of a
click's (docs/performance.md).
"""

from __future__ import annotations

import streamlit as st

from components.keys import K_EVENT, K_FINDER_OPEN
from components.state import keep_undrawn_values
from timeline.loading.frames import Frames

MAX_LISTED_EVENTS = 5_000  # the event selector lists at most this many of the shown events
HINT = "Click a marker to see its evidence here."  # while no event is open and the finder is closed


def render_event_finder(frames: Frames, shown) -> None:
    """The selector in its expander, and a hint while no event is open."""
    keep_undrawn_values((K_EVENT,))  # the open event outlives the selector's closing
    finder = st.expander("Find an event by name", icon=":material/search:", key=K_FINDER_OPEN, on_change="rerun")
    with finder:
        if finder.open:
            render_event_selector(frames, shown)
    if not finder.open and not st.session_state.get(K_EVENT):
        st.caption(HINT)


def render_event_selector(frames: Frames, shown) -> None:
    """A keyboard-reachable way to open any shown event (the same state as a chart click)."""
    # Every option is sent on every run: 100,000 of them were 10 MB per view (docs/performance.md).
    ids = list(shown["id"].iloc[:MAX_LISTED_EVENTS])
    current = st.session_state.get(K_EVENT)
    if current and current not in ids:
        ids.insert(0, current)
    listed = frames.events[frames.events["id"].isin(ids)]
    labels = dict(zip(listed["id"], listed["date_label"] + " — " + listed["title"], strict=False))
    hint = "Click a marker, or choose an event here"
    if len(shown) > MAX_LISTED_EVENTS:
        hint = f"The first {MAX_LISTED_EVENTS:,} of {len(shown):,} events: narrow the filters to list the others"
    st.selectbox("Open an event", ids, key=K_EVENT, format_func=labels.get, placeholder=hint)
