"""The timeline chart, and turning a click on it into the open event."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from components.keys import K_CHART, K_LAST_CLICK
from components.navigation import new_click, open_event, open_position

CHART_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "toImageButtonOptions": {"format": "png", "filename": "ai-governance-timeline", "scale": 2},
    "modeBarButtonsToAdd": ["toImage"],
}


def apply_chart_click() -> bool:
    """If the chart's selection changed since the last run, open what was clicked; True when
    the click was on a position with no event and the view switched to positions.

    Runs before the event selector is drawn, whose value can only be changed before the
    selector is created in a run, and before the view selector in a full run.
    """
    click = new_click(K_CHART, K_LAST_CLICK)
    if click is None:
        return False
    if click.event:
        open_event(click.event)
        return False
    if click.position:  # a position stated at no event: open it in the positions view
        open_position(click.position)
        return True
    return False


def render_timeline_chart(fig: go.Figure, name: str) -> None:
    """Draw the chart, named `name` for screen readers; a click reruns the app with the selection in session state."""
    st.plotly_chart(fig, key=K_CHART, on_select="rerun", selection_mode="points", config=CHART_CONFIG, alt=name)
