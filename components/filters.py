"""The sidebar: filters, lane and colour modes, the count and a reset.

The less-used controls (event types, sources, date basis and precision, lanes, colour,
positions, range slider) sit in an expander that is filled only while open. Streamlit
re-sends and re-draws every element of a full rerun, changed or not: closed, its widgets
were drawn again on every filter change (docs/performance.md).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from components.keys import (
    K_ACTORS,
    K_COLOUR,
    K_LABELS,
    K_LANES,
    K_MIN_GRADE,
    K_MORE_OPEN,
    K_RANGE_SLIDER,
    K_RESET,
    K_SHOW_POSITIONS,
    K_SOURCES,
    K_TEXT,
    K_THEMES,
    K_TYPES,
    K_YEARS,
)
from components.state import apply_view_state, keep_undrawn_values
from timeline.charts.label_layout import AUTO_LIMIT, LABEL_LIMIT
from timeline.loading.frames import Frames
from timeline.loading.schema import GRADES, RELIABILITY_SCALE
from timeline.state.fieldtypes import MAX_TEXT_CHARS
from timeline.state.viewstate import TIMELINE, KnownIds, ViewState
from timeline.vocab import LABEL_MODES

LANE_LABELS = {"actor": "One lane per actor", "theme": "One lane per theme"}
COLOUR_LABELS = {"type": "Event type", "theme": "Theme"}


def _reset(known: KnownIds) -> None:
    apply_view_state(ViewState(), known)


# The expander's filters (registry field -> what one and several values are called) and display options.
# Their values are the view's state even while they are not drawn; Streamlit forgets an
# undrawn widget's value at the end of a run unless it is set anew.
MORE_FILTERS = {
    "types": ("event type", "event types"),
    "sources": ("source", "sources"),
    "date_basis": ("date basis", "date bases"),
    "precision": ("date precision", "date precisions"),
}
MORE_DISPLAY = ("lane_by", "colour_by", "labels", "show_positions", "range_slider")
MORE_KEYS = tuple(TIMELINE.key(name) for name in (*MORE_FILTERS, "min_grade", *MORE_DISPLAY))
MORE_LABEL = "More filters and display"
# Closed, the expander names what it filters by, so that no filter hides in it unseen.
MORE_TITLE = f"{MORE_LABEL} ({', '.join(one for one, _ in MORE_FILTERS.values())}, source grade)"
BASIS_LABELS = {"stated": "Stated", "inferred": "Inferred", "external": "External"}
PRECISION_LABELS = {"day": "Day", "month": "Month", "year": "Year"}
BASIS_HELP = "How the date was established: stated in the source, inferred from it, or known from outside the sources"
PRECISION_HELP = "How precisely the date is known: to the day, the month or only the year"


def render_filters(frames: Frames, known: KnownIds) -> None:
    """Draw the filter widgets in the sidebar; their values live in session state."""
    keep_undrawn_values(MORE_KEYS)
    sb = st.sidebar
    sb.header("Filters")
    if known.first_year < known.last_year:
        sb.slider("Years", known.first_year, known.last_year, key=K_YEARS)
    actor_names, theme_labels = frames.actor_names, frames.theme_labels
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
    sb.text_input("Search titles, summaries and quotes", key=K_TEXT, max_chars=MAX_TEXT_CHARS)
    more = sb.expander(MORE_TITLE, icon=":material/tune:", key=K_MORE_OPEN, on_change="rerun")
    with more:
        if more.open:
            render_more_filters(frames, known)
    if not more.open:
        hidden = hidden_filters_note()
        if hidden:
            sb.caption(hidden)
    sb.button("Reset the view", key=K_RESET, on_click=_reset, args=(known,), width="stretch")


def render_more_filters(frames: Frames, known: KnownIds) -> None:
    """The expander's widgets: two filters, then how the chart draws what is shown."""
    source_titles = _source_labels(frames.sources)
    st.multiselect("Event types", sorted(known.types), key=K_TYPES, placeholder="All types")
    st.multiselect(
        "Sources", list(source_titles), format_func=source_titles.get, key=K_SOURCES, placeholder="All sources"
    )
    _multiselect("Date basis", "date_basis", known, BASIS_LABELS, "Any basis", BASIS_HELP)
    _multiselect("Date precision", "precision", known, PRECISION_LABELS, "Any precision", PRECISION_HELP)
    render_grade_filter()
    st.divider()
    st.radio("Lanes", list(LANE_LABELS), format_func=LANE_LABELS.get, key=K_LANES, horizontal=True)
    st.radio("Colour by", list(COLOUR_LABELS), format_func=COLOUR_LABELS.get, key=K_COLOUR, horizontal=True)
    st.radio(
        "Labels",
        LABEL_MODES,
        key=K_LABELS,
        horizontal=True,
        help="Each event's short title beside its marker. Auto shows them while the view has room "
        f"(up to {AUTO_LIMIT} markers); none are drawn from {LABEL_LIMIT:,} events on.",
    )
    st.toggle(
        "Show positions on the timeline",
        key=K_SHOW_POSITIONS,
        help="Each recorded position as a star coloured by its stance, linked to the event where it was stated",
    )
    st.toggle(
        "Range slider under the chart",
        key=K_RANGE_SLIDER,
        help="An overview strip to drag a time window with. Off by default: it makes every redraw of a "
        "large view nearly three times slower. Without it, scroll to zoom and drag to pan.",
    )


def render_grade_filter() -> None:
    """The minimum reliability grade a quote's source must have (docs/curation.md, "Reliability grades")."""
    st.selectbox(
        "Sources graded at least",
        [None, *GRADES],
        format_func=lambda g: "Any grade, or none" if g is None else f"{g}: {RELIABILITY_SCALE[g]}",
        key=K_MIN_GRADE,
        help="Show only events with a quote from a source graded this or better (A is best; F, "
        "'cannot be judged', ranks last; ungraded sources never pass).",
    )


def _multiselect(label: str, name: str, known: KnownIds, labels: dict, placeholder: str, help_text: str) -> None:
    """A filter of the expander whose options are its registry field's known values."""
    options = list(TIMELINE.field(name).known(known))
    key = TIMELINE.key(name)
    st.multiselect(label, options, format_func=labels.get, key=key, placeholder=placeholder, help=help_text)


def hidden_filters_note() -> str:
    """What the closed expander filters by, so that no filter is in force unseen ('' if none)."""
    counts = {nouns: len(st.session_state.get(TIMELINE.key(name)) or ()) for name, nouns in MORE_FILTERS.items()}
    parts = [f"{n} {nouns[n > 1]}" for nouns, n in counts.items() if n]
    if st.session_state.get(K_MIN_GRADE):
        parts.append(f"source grade {st.session_state[K_MIN_GRADE]} or better")
    if not parts:
        return ""
    return f"Also filtered by {' and '.join(parts)}: see “{MORE_LABEL}”."


def _source_labels(sources: pd.DataFrame) -> dict[str, str]:
    return {
        sid: f"{pub} — {title}"
        for sid, pub, title in zip(sources["id"], sources["publisher"], sources["title"], strict=False)
    }
