"""A density strip per lane, for views with too many events to draw one marker each.

Above DENSITY_THRESHOLD lane points a marker chart costs seconds to build, tens of
megabytes to send and seconds to draw, and shows an unreadable smear; a heatmap of how
many events fall in each period of each lane costs kilobytes. Markers come back as soon
as the filters narrow the view below the threshold.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

DENSITY_THRESHOLD = 20_000  # lane points (an event with two actors counts twice)
BINS = 240
DENSITY_COLOURS = [[0.0, "#c6dbef"], [1.0, "#08306b"]]  # light to dark blue: more events, darker


def density_counts(lanes: np.ndarray, anchors: pd.Series, lane_count: int, bins: int = BINS):
    """Events per (lane, period): a (lane_count, bins) int array and the periods' midpoints."""
    seconds = anchors.to_numpy().astype("datetime64[s]").astype(np.int64)
    first, last = int(seconds.min()), int(seconds.max()) + 1
    edges = np.linspace(first, last, bins + 1)
    period = np.clip(np.searchsorted(edges, seconds, side="right") - 1, 0, bins - 1)
    counts = np.zeros((lane_count, bins), dtype=np.int64)
    np.add.at(counts, (np.asarray(lanes, dtype=np.int64), period), 1)
    middles = ((edges[:-1] + edges[1:]) / 2).astype(np.int64).astype("datetime64[s]")
    return counts, np.datetime_as_string(middles, unit="D")


def add_density_strips(fig: go.Figure, lanes: np.ndarray, anchors: pd.Series, lane_names: list[str]) -> None:
    """Add one heatmap row per lane (lane i on y=i) counting the events of each period."""
    counts, middles = density_counts(lanes, anchors, len(lane_names))
    shown = np.where(counts > 0, counts, np.nan)  # empty periods stay white
    fig.add_trace(
        go.Heatmap(
            x=middles,
            y=list(range(len(lane_names))),
            z=shown,
            text=[[name] * len(middles) for name in lane_names],
            colorscale=DENSITY_COLOURS,
            showscale=False,
            ygap=6,
            hovertemplate="%{text}: %{z} events around %{x}<extra></extra>",
            name="events per period",
            meta="density",
        )
    )
    fig.add_annotation(
        text=f"{len(anchors):,} markers are too many to draw: darker means more events. "
        "Narrow the years to see each one.",
        xref="paper",
        yref="paper",
        x=1,
        y=1,
        xanchor="right",
        yanchor="top",
        showarrow=False,
        bgcolor="rgba(255,255,255,0.85)",
        font=dict(size=12),
    )
