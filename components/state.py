"""One source of truth for the view: session state, seeded from and written to the URL."""

from __future__ import annotations

import streamlit as st

from components.keys import (
    K_ACTORS,
    K_COLOUR,
    K_EVENT,
    K_LABELS,
    K_LANES,
    K_MIN_GRADE,
    K_NOTICES,
    K_RANGE_SLIDER,
    K_SHOW_POSITIONS,
    K_SOURCE,
    K_SOURCES,
    K_TEXT,
    K_THEMES,
    K_TYPES,
    K_URL_LOADED,
    K_VIEW,
    K_YEARS,
)
from timeline.filtering import Filters
from timeline.textsafe import escape_markdown
from timeline.urlstate import KnownIds, ViewState, parse_view_state, to_query_params


def seed_state_from_url(known: KnownIds) -> None:
    """On a session's first run, put the link's view into the widgets' state."""
    if st.session_state.get(K_URL_LOADED):
        return
    # Every value of a repeated parameter (to_dict keeps only the last), so the parser can say so.
    every_value = {key: st.query_params.get_all(key) for key in st.query_params}
    state, notices = parse_view_state(every_value, known)
    apply_view_state(state, known)
    st.session_state[K_NOTICES] = notices
    st.session_state[K_URL_LOADED] = True


def apply_view_state(state: ViewState, known: KnownIds) -> None:
    """Set every widget's state to show `state` (used for links and for reset)."""
    f = state.filters
    st.session_state[K_VIEW] = state.view
    st.session_state[K_YEARS] = (
        f.year_from if f.year_from is not None else known.first_year,
        f.year_to if f.year_to is not None else known.last_year,
    )
    st.session_state[K_ACTORS] = sorted(f.actors)
    st.session_state[K_THEMES] = sorted(f.themes)
    st.session_state[K_TYPES] = sorted(f.types)
    st.session_state[K_SOURCES] = sorted(f.sources)
    st.session_state[K_TEXT] = f.text
    st.session_state[K_MIN_GRADE] = f.min_grade
    st.session_state[K_LANES] = state.lane_by
    st.session_state[K_COLOUR] = state.colour_by
    st.session_state[K_EVENT] = state.event
    st.session_state[K_SOURCE] = state.source
    st.session_state[K_SHOW_POSITIONS] = state.show_positions
    st.session_state[K_RANGE_SLIDER] = state.range_slider
    st.session_state[K_LABELS] = state.labels


def keep_undrawn_values(keys: tuple[str, ...]) -> None:
    """Set each widget's value anew, so that it outlives a run that does not draw the widget.

    Must run before any of the widgets is drawn in this run (Streamlit refuses a value set
    after its widget was made).
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def current_view_state(known: KnownIds) -> ViewState:
    """The view the widgets show now."""
    ss = st.session_state
    year_from, year_to = ss.get(K_YEARS) or (known.first_year, known.last_year)
    filters = Filters(
        year_from=year_from if year_from != known.first_year else None,
        year_to=year_to if year_to != known.last_year else None,
        actors=frozenset(ss.get(K_ACTORS) or ()),
        themes=frozenset(ss.get(K_THEMES) or ()),
        types=frozenset(ss.get(K_TYPES) or ()),
        sources=frozenset(ss.get(K_SOURCES) or ()),
        text=(ss.get(K_TEXT) or "").strip(),
        min_grade=ss.get(K_MIN_GRADE),
    )
    return ViewState(
        view=ss.get(K_VIEW) or "timeline",
        filters=filters,
        lane_by=ss.get(K_LANES) or "actor",
        colour_by=ss.get(K_COLOUR) or "type",
        event=ss.get(K_EVENT),
        source=ss.get(K_SOURCE),
        show_positions=bool(ss.get(K_SHOW_POSITIONS)),
        range_slider=bool(ss.get(K_RANGE_SLIDER)),
        labels=ss.get(K_LABELS) or "auto",
    )


def write_url(state: ViewState, view_params: dict[str, str] | None = None) -> None:
    """Make the address bar hold exactly this view (only touching it when it changed).

    `view_params` are the parameters a view keeps for its own state (e.g. an as-of date).
    """
    wanted = {**to_query_params(state), **(view_params or {})}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)


def show_url_notices() -> None:
    """Tell the user, once, what a link asked for that could not be shown."""
    notices = st.session_state.pop(K_NOTICES, None)
    if notices:
        # Notices quote the link's own text, which anyone could have written: escape it.
        lines = "\n".join(f"- {escape_markdown(n)}" for n in notices)
        st.warning("Some parts of this link were not used:\n\n" + lines, icon="⚠️")
