"""One source of truth for the view: session state, seeded from the link and written back to it.

The one adapter between the URL and the widgets, for every view. It knows no field by name:
the registries in timeline.state.viewstate say which parameter fills which widget's key and how.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from components.keys import K_NOTICES, K_URL_LOADED
from timeline.state.viewstate import (
    BRIEFING,
    POSITIONS,
    REGISTRIES,
    TIMELINE,
    AppState,
    KnownIds,
    Registry,
    ViewState,
    parse_query,
    query_params,
)
from timeline.textsafe import escape_markdown


def seed_state_from_url(known: KnownIds) -> None:
    """On a session's first run, put the link's state, for every view, into the widgets' state."""
    if st.session_state.get(K_URL_LOADED):
        return
    # Every value of a repeated parameter (to_dict keeps only the last), so the parser can say so.
    every_value = {key: st.query_params.get_all(key) for key in st.query_params}
    state, notices = parse_query(every_value, known)
    for registry in REGISTRIES:
        apply_state(registry, getattr(state, registry.view), known)
    st.session_state[K_NOTICES] = notices
    st.session_state[K_URL_LOADED] = True


def apply_state(registry: Registry, state: Any, known: KnownIds) -> None:
    """Set the widgets of one view to show `state` (used for links and for reset)."""
    session: dict[str, Any] = {}
    values = registry.values(state)
    for field in registry.fields:
        shown = field.to_session(values[field.name], known)
        if field.slot is None:
            session[field.key] = shown
        else:  # one part of a widget holding a tuple: the years slider
            parts = list(session.get(field.key, (None, None)))
            parts[field.slot] = shown
            session[field.key] = tuple(parts)
    for key, value in session.items():
        st.session_state[key] = value


def apply_view_state(state: ViewState, known: KnownIds) -> None:
    """Set the app-wide widgets (filters, chart options, open event and source) to show `state`."""
    apply_state(TIMELINE, state, known)


def current_state(registry: Registry, known: KnownIds) -> Any:
    """One view's state as its widgets hold it now."""
    values = {}
    for field in registry.fields:
        held = st.session_state.get(field.key)
        if field.slot is not None:
            held = held[field.slot] if held else None
        values[field.name] = field.from_session(held, known)
    return registry.build(values)


def current_view_state(known: KnownIds) -> ViewState:
    """The app-wide part of the view the widgets show now."""
    return current_state(TIMELINE, known)


def current_app_state(known: KnownIds) -> AppState:
    return AppState(*(current_state(registry, known) for registry in (TIMELINE, POSITIONS, BRIEFING)))


def keep_undrawn_values(keys: tuple[str, ...]) -> None:
    """Set each widget's value anew, so that it outlives a run that does not draw the widget.

    Must run before any of the widgets is drawn in this run (Streamlit refuses a value set
    after its widget was made).
    """
    for key in keys:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


def write_url(known: KnownIds) -> None:
    """Make the address bar hold exactly the view the widgets show (only touching it when it changed)."""
    wanted = query_params(current_app_state(known))
    # get_all, not to_dict: a parameter repeated in the link is rewritten once, with the value used.
    held = {key: st.query_params.get_all(key) for key in st.query_params}
    if held != {key: [value] for key, value in wanted.items()}:
        st.query_params.from_dict(wanted)


def show_url_notices() -> None:
    """Tell the user, once, what a link asked for that could not be shown."""
    notices = st.session_state.pop(K_NOTICES, None)
    if notices:
        # Notices quote the link's own text, which anyone could have written: escape it.
        lines = "\n".join(f"- {escape_markdown(n)}" for n in notices)
        st.warning("Some parts of this link were not used:\n\n" + lines, icon="⚠️")
