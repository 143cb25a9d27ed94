"""The timeline chart, and turning a click on it into the selected event."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.keys import K_CHART, K_EVENT, K_LAST_CLICK, K_POS_FOCUS, K_SOURCE, K_VIEW
from timeline.figures import POSITION_PREFIX

CHART_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "toImageButtonOptions": {"format": "png", "filename": "ai-governance-timeline", "scale": 2},
    "modeBarButtonsToAdd": ["toImage"],
}


def clicked_event_id(selection: object) -> str | None:
    """The event id of a chart selection (points carry it in customdata), or None.

    A position's marker carries ('position:<id>', '<event id>'): it stands for the event
    where the position was stated, and for nothing when it has none.
    """
    for data in _clicked_customdata(selection):
        if data[0].startswith(POSITION_PREFIX):
            data = data[1:]
        if data and isinstance(data[0], str) and data[0]:
            return data[0]
    return None


def clicked_position_id(selection: object) -> str | None:
    """The id of the first position marker in a chart selection, or None."""
    for data in _clicked_customdata(selection):
        if data[0].startswith(POSITION_PREFIX):
            return data[0].removeprefix(POSITION_PREFIX)
    return None


def _clicked_customdata(selection: object) -> list[list]:
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return []
    found = []
    for point in points:
        data = point.get("customdata") if isinstance(point, dict) else None
        data = list(data) if isinstance(data, (list, tuple)) else [data]
        if data and isinstance(data[0], str) and data[0]:
            found.append(data)
    return found


def apply_chart_click() -> bool:
    """If the chart's selection changed since the last run, select that event; True when
    the click was on a position with no event and the view switched to positions.

    Runs before the event selector is drawn, whose value can only be changed before the
    selector is created in a run, and before the view selector in a full run.
    """
    selection = st.session_state.get(K_CHART)
    clicked = clicked_event_id(selection)
    position = None if clicked else clicked_position_id(selection)
    marker = clicked or (POSITION_PREFIX + position if position else None)
    changed = bool(marker) and marker != st.session_state.get(K_LAST_CLICK)
    st.session_state[K_LAST_CLICK] = marker
    if changed and clicked:
        st.session_state[K_EVENT] = clicked
        st.session_state[K_SOURCE] = None
    elif changed:  # a position stated at no event: open it in the positions view
        st.session_state[K_POS_FOCUS] = position
        st.session_state[K_VIEW] = "positions"
    return changed and not clicked


def render_timeline_chart(fig: go.Figure) -> None:
    """Draw the chart; a click reruns the app with the selection in session state."""
    st.plotly_chart(fig, key=K_CHART, on_select="rerun", selection_mode="points", config=CHART_CONFIG)
