"""The sidebar: filters, lane and colour modes, the count and a reset."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.keys import (
    K_ACTORS,
    K_COLOUR,
    K_LANES,
    K_RANGE_SLIDER,
    K_RESET,
    K_SHOW_POSITIONS,
    K_SOURCES,
    K_TEXT,
    K_THEMES,
    K_TYPES,
    K_YEARS,
)
from components.state import apply_view_state
from timeline.frames import Frames
from timeline.urlstate import KnownIds, ViewState

LANE_LABELS = {"actor": "One lane per actor", "theme": "One lane per theme"}
COLOUR_LABELS = {"type": "Event type", "theme": "Theme"}


def _reset(known: KnownIds) -> None:
    apply_view_state(ViewState(), known)


def render_filters(frames: Frames, known: KnownIds) -> None:
    """Draw the filter widgets in the sidebar; their values live in session state."""
    sb = st.sidebar
    sb.header("Filters")
    if known.first_year < known.last_year:
        sb.slider("Years", known.first_year, known.last_year, key=K_YEARS)
    actor_names = dict(zip(frames.actors["id"], frames.actors["name"], strict=False))
    theme_labels = dict(zip(frames.themes["id"], frames.themes["label"], strict=False))
    source_titles = _source_labels(frames.sources)
    sb.multiselect(
        "Actors",
        sorted(actor_names, key=actor_names.get),
        format_func=actor_names.get,
        key=K_ACTORS,
        placeholder="All actors",
    )
    sb.multiselect(
        "Themes",
        sorted(theme_labels, key=theme_labels.get),
        format_func=theme_labels.get,
        key=K_THEMES,
        placeholder="All themes",
    )
    sb.multiselect("Event types", sorted(known.types), key=K_TYPES, placeholder="All types")
    sb.multiselect(
        "Sources", list(source_titles), format_func=source_titles.get, key=K_SOURCES, placeholder="All sources"
    )
    sb.text_input("Search titles, summaries and quotes", key=K_TEXT, max_chars=200)
    sb.divider()
    sb.radio("Lanes", list(LANE_LABELS), format_func=LANE_LABELS.get, key=K_LANES, horizontal=True)
    sb.radio("Colour by", list(COLOUR_LABELS), format_func=COLOUR_LABELS.get, key=K_COLOUR, horizontal=True)
    sb.toggle(
        "Show positions on the timeline",
        key=K_SHOW_POSITIONS,
        help="Each recorded position as a star coloured by its stance, linked to the event where it was stated",
    )
    sb.toggle(
        "Range slider under the chart",
        key=K_RANGE_SLIDER,
        help="An overview strip to drag a time window with. Off by default: it makes every redraw of a "
        "large view nearly three times slower. Without it, scroll to zoom and drag to pan.",
    )
    sb.button("Reset the view", key=K_RESET, on_click=_reset, args=(known,), width="stretch")


def _source_labels(sources: pd.DataFrame) -> dict[str, str]:
    return {
        sid: f"{pub} — {title}"
        for sid, pub, title in zip(sources["id"], sources["publisher"], sources["title"], strict=False)
    }
