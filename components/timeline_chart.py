"""The timeline chart, and turning a click on it into the selected event."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.keys import K_CHART, K_EVENT, K_LAST_CLICK, K_SOURCE

CHART_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "toImageButtonOptions": {"format": "png", "filename": "ai-governance-timeline", "scale": 2},
    "modeBarButtonsToAdd": ["toImage"],
}


def clicked_event_id(selection: object) -> str | None:
    """The event id of a chart selection (points carry it in customdata), or None."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return None
    for point in points:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if isinstance(data, str) and data:
            return data
    return None


def apply_chart_click() -> None:
    """If the chart's selection changed since the last run, select that event.

    Runs before any widget is drawn, because the event selector's value can only be
    changed before the selector is created in a run.
    """
    clicked = clicked_event_id(st.session_state.get(K_CHART))
    if clicked and clicked != st.session_state.get(K_LAST_CLICK):
        st.session_state[K_EVENT] = clicked
        st.session_state[K_SOURCE] = None
    st.session_state[K_LAST_CLICK] = clicked


def render_timeline_chart(fig: go.Figure) -> None:
    """Draw the chart; a click reruns the app with the selection in session state."""
    st.plotly_chart(fig, key=K_CHART, on_select="rerun", selection_mode="points", config=CHART_CONFIG)
