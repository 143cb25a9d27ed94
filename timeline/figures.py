"""Figure builders, in plotly.express's shape: a DataFrame in, a go.Figure out."""

from __future__ import annotations

import html

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from timeline.frames import ACTORS, ANCHOR, DATE_LABEL, END, ID, PRECISION, START, THEMES, TITLE, TYPE

# Okabe & Ito's colour-blind-safe palette (yellow left out: too faint on white).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000")
SYMBOLS = ("circle", "diamond", "square", "triangle-up")
LANE_MODES = ("actor", "theme")
COLOUR_MODES = ("type", "theme")
WEBGL_THRESHOLD = 5_000
NO_VALUE = "(none)"
TEMPLATE = "plotly_white"


def timeline_figure(
    events: pd.DataFrame,
    *,
    lane_by: str = "actor",
    colour_by: str = "type",
    lane_labels: dict[str, str] | None = None,
    colour_labels: dict[str, str] | None = None,
    actor_names: dict[str, str] | None = None,
    height: int | None = None,
) -> go.Figure:
    """Events as markers in lanes on a date axis; ranges as bars; partial dates as spans."""
    lane_labels = lane_labels or {}
    points = _lane_points(events, lane_by, lane_labels)
    lanes = list(dict.fromkeys(points["lane"]))
    points["y"] = points["lane"].map({lane: i for i, lane in enumerate(lanes)}) + _crowd_offsets(points)
    points["colour_key"] = _colour_keys(points, colour_by)
    points["hover"] = _hover_texts(points, actor_names or {})
    fig = go.Figure()
    _add_ranges(fig, points)
    _add_precision_spans(fig, points)
    _add_markers(fig, points, colour_labels or {})
    _layout(fig, lanes, lane_labels, height)
    return fig


def _lane_points(events: pd.DataFrame, lane_by: str, lane_labels: dict[str, str]) -> pd.DataFrame:
    """One row per (event, lane): an event naming two actors stands in both their lanes."""
    column = ACTORS if lane_by == "actor" else THEMES
    points = events.assign(lane=events[column].map(lambda values: values or (NO_VALUE,))).explode("lane")
    order = {lane: i for i, lane in enumerate(lane_labels)}
    points["lane_rank"] = points["lane"].map(order).fillna(len(order))
    first_seen = points.groupby("lane")[START].transform("min")
    points = points.assign(first_seen=first_seen).sort_values(["lane_rank", "first_seen", "lane", ANCHOR, ID])
    return points.reset_index(drop=True)


def _crowd_offsets(points: pd.DataFrame) -> np.ndarray:
    """Small vertical offsets so that events close in time in one lane do not hide each other."""
    if points.empty:
        return np.zeros(0)
    span_days = max((points[END].max() - points[START].min()).days, 1)
    crowd = pd.Timedelta(days=max(span_days / 120, 1))
    new_lane = points["lane"] != points["lane"].shift()
    gap = points[ANCHOR].diff() > crowd
    cluster = (new_lane | gap).cumsum()
    rank = points.groupby(cluster).cumcount().to_numpy()
    levels = np.array([0.0, 0.22, -0.22, 0.11, -0.11, 0.33, -0.33])
    return levels[rank % len(levels)]


def _colour_keys(points: pd.DataFrame, colour_by: str) -> pd.Series:
    if colour_by == "theme":
        return points[THEMES].map(lambda themes: themes[0] if themes else NO_VALUE)
    return points[TYPE].astype(str)


def _hover_texts(points: pd.DataFrame, actor_names: dict[str, str]) -> list[str]:
    # Hover labels render a little HTML: everything from the data is escaped first.
    texts = []
    for title, label, precision, actors in zip(
        points[TITLE], points[DATE_LABEL], points[PRECISION], points[ACTORS], strict=False
    ):
        names = ", ".join(actor_names.get(a, a) for a in actors)
        texts.append(
            f"<b>{html.escape(title)}</b><br>{html.escape(label)} ({precision} precision)<br>{html.escape(names)}"
        )
    return texts


def _scatter_class(size: int):
    return go.Scattergl if size > WEBGL_THRESHOLD else go.Scatter


def _add_markers(fig: go.Figure, points: pd.DataFrame, colour_labels: dict[str, str]) -> None:
    keys = sorted(points["colour_key"].unique(), key=lambda k: (k == NO_VALUE, colour_labels.get(k, k)))
    scatter = _scatter_class(len(points))
    for index, key in enumerate(keys):
        group = points[points["colour_key"] == key]
        symbol = SYMBOLS[(index // len(PALETTE)) % len(SYMBOLS)]
        open_marker = group[PRECISION].astype(str) != "day"
        fig.add_trace(
            scatter(
                x=group[ANCHOR],
                y=group["y"],
                mode="markers",
                name=html.escape(colour_labels.get(key, key)),
                marker=dict(
                    color=PALETTE[index % len(PALETTE)],
                    size=13,
                    symbol=np.where(open_marker, symbol + "-open", symbol),
                    line=dict(width=2, color=PALETTE[index % len(PALETTE)]),
                ),
                customdata=group[[ID]].to_numpy(),
                text=group["hover"],
                hovertemplate="%{text}<extra></extra>",
                meta="events",
            )
        )


def _add_ranges(fig: go.Figure, points: pd.DataFrame) -> None:
    ranges = points[points["is_range"]]
    if ranges.empty:
        return
    duration_ms = (ranges[END] - ranges[START]).dt.total_seconds() * 1000 + 86_400_000
    fig.add_trace(
        go.Bar(
            base=ranges[START].dt.strftime("%Y-%m-%d"),
            x=duration_ms,
            y=ranges["y"],
            orientation="h",
            width=0.5,
            marker=dict(color="rgba(0,114,178,0.25)", line=dict(color="rgba(0,114,178,0.8)", width=1)),
            customdata=ranges[[ID]].to_numpy(),
            text=ranges["hover"],
            textposition="none",
            hovertemplate="%{text}<extra></extra>",
            name="date ranges",
            showlegend=False,
            meta="ranges",
        )
    )


def _add_precision_spans(fig: go.Figure, points: pd.DataFrame) -> None:
    """A thin line over the whole month or year a partial date could fall in."""
    partial = points[(points[PRECISION].astype(str) != "day") & ~points["is_range"]]
    if partial.empty:
        return
    # For an event without an end, END is the last day its date could be.
    xs = np.column_stack([partial[START].to_numpy(), partial[END].to_numpy(), np.full(len(partial), None)]).ravel()
    ys = np.column_stack([partial["y"], partial["y"], np.full(len(partial), None)]).ravel()
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=True,
            name="uncertain date: the whole month or year",
            line=dict(color="rgba(90,90,90,0.45)", width=3),
            meta="spans",
        )
    )


def _layout(fig: go.Figure, lanes: list[str], lane_labels: dict[str, str], height: int | None) -> None:
    fig.update_layout(
        template=TEMPLATE,
        height=height or max(360, 46 * len(lanes) + 200),
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        clickmode="event+select",
        dragmode="pan",
        hovermode="closest",
        barmode="overlay",
    )
    fig.update_xaxes(type="date", rangeslider=dict(visible=True, thickness=0.08), showgrid=True)
    fig.update_yaxes(
        tickvals=list(range(len(lanes))),
        ticktext=[html.escape(lane_labels.get(lane, lane)) for lane in lanes],
        autorange="reversed",
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
