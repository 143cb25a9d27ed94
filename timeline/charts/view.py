"""A view's timeline chart from its frames: the one adapter from Frames to `timeline_figure`'s labels.

The app's live chart and every export that draws the chart call it, so both draw the same figure.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from timeline.charts.figures import timeline_figure
from timeline.loading.frames import Frames


def view_figure(
    frames: Frames,
    events: pd.DataFrame,
    *,
    lane_by: str,
    colour_by: str,
    positions: pd.DataFrame | None = None,
    range_slider: bool = False,
    labels: str = "auto",
) -> go.Figure:
    """The timeline chart of a view, exactly as the app draws it."""
    actor_names, theme_labels = frames.actor_names, frames.theme_labels
    return timeline_figure(
        events,
        lane_by=lane_by,
        colour_by=colour_by,
        lane_labels=actor_names if lane_by == "actor" else theme_labels,
        colour_labels=theme_labels if colour_by == "theme" else {},
        actor_names=actor_names,
        positions=positions,
        theme_labels=theme_labels,
        range_slider=range_slider,
        labels=labels,
    )
