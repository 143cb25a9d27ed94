"""Parts of the app swapped for what the baseline app does, to measure what each part costs.

`python -m bench.attribution` runs bench/counterfactual_app.py with BENCH_SWAP naming the
parts to swap. Nothing else of the app changes, and the app itself never imports this.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st

import components.cached as cached
from components.keys import K_YEARS
from timeline.charts.built_figure import BuiltFigure
from timeline.charts.figures import WEBGL_THRESHOLD
from timeline.loading.frames import Frames
from timeline.state.knownids import KnownIds

SWAP_ENV = "BENCH_SWAP"
SWAPS = ("sidebar", "figure", "selector")


def years_only(frames: Frames, known: KnownIds) -> None:
    """The sidebar of the baseline: the years slider and nothing else."""
    st.sidebar.header("Filters")
    if known.first_year < known.last_year:
        st.sidebar.slider("Years", known.first_year, known.last_year, key=K_YEARS)


@st.cache_resource(max_entries=64)
def plain_scatter(_frames: Frames, version: tuple, ids: str, *unused) -> go.Figure:
    """The figure of the baseline: one scatter, a point per event and actor, on a lane per actor."""
    points = cached.rows_by_id(_frames.events, ids)[["id", "anchor", "actors"]].explode("actors")
    lanes = points["actors"].astype("category").cat.codes
    scatter = go.Scattergl if len(points) > WEBGL_THRESHOLD else go.Scatter
    trace = scatter(x=points["anchor"], y=lanes, mode="markers", customdata=np.asarray(points[["id"]]))
    return BuiltFigure(data=[trace])


def no_finder(frames: Frames, shown) -> None:
    """The baseline has no event selector: a click is its only way to pick an event."""


def parse_swaps(text: str) -> tuple[str, ...]:
    """The swap names of a BENCH_SWAP value ('sidebar,figure'); unknown names are an error."""
    names = tuple(name.strip() for name in text.split(",") if name.strip())
    unknown = sorted(set(names) - set(SWAPS))
    if unknown:
        raise ValueError(f"{SWAP_ENV}: unknown part(s) {', '.join(unknown)}; known: {', '.join(SWAPS)}")
    return names


def swapped_parts(names: tuple[str, ...]) -> dict:
    """The app.Parts fields that replace the named parts with the baseline's."""
    parts = {"sidebar": ("render_filters", years_only), "figure": ("build_figure", plain_scatter)}
    parts["selector"] = ("render_event_finder", no_finder)
    return dict(parts[name] for name in names)
