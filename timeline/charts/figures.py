"""Figure builders, in plotly.express's shape: a DataFrame in, a go.Figure out."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from timeline.charts.built_figure import BuiltFigure
from timeline.charts.density import DENSITY_THRESHOLD, add_density_strips
from timeline.charts.figure_labels import label_trace, label_x_range, lay_out_labels
from timeline.charts.label_layout import LABEL_LIMIT, ROW_PX, LabelVerdict, label_verdict, reference_plot_px
from timeline.charts.label_width import label_margin_px
from timeline.charts.legend import SYMBOL_GLYPHS, LegendEntry, add_legend
from timeline.loading.frames import (
    ACTORS,
    ANCHOR,
    DATE_LABEL,
    DISPUTED,
    END,
    ID,
    PRECISION,
    SHORT_TITLE,
    START,
    THEMES,
    TITLE,
    TYPE,
)
from timeline.positions.stances import STANCE_COLOURS, stance_label
from timeline.textsafe import escape_plotly
from timeline.vocab import POSITION_PREFIX

# Okabe & Ito's colour-blind-safe palette (yellow left out: too faint on white), its orange
# (#E69F00) and sky blue (#56B4E9) darkened just enough for 3:1 against white (WCAG 1.4.11).
PALETTE = ("#0072B2", "#C68900", "#009E73", "#D55E00", "#CC79A7", "#4B9DCB", "#000000")
SYMBOLS = ("circle", "diamond", "square", "triangle-up")
WEBGL_THRESHOLD = 5_000
NO_VALUE = "(none)"
TEMPLATE = "plotly_white"
_TEMPLATE_JSON = pio.templates[TEMPLATE].to_plotly_json()  # figures copy it: never changed in place
STACK_STEP = 0.4  # lane units between two stacked markers (a lane of one row is 1 unit, 34 px)
MAX_STACK = 8  # a lane grows to stack at most this many markers close in time; more overlap
LANE_PX = 34
LABEL_ROW_STEP = ROW_PX / LANE_PX  # lane units between two sub-rows of labelled events
RIGHT_MARGIN_PX = 10
SPAN_COLOUR = "rgba(90,90,90,0.45)"
SPAN_LABEL = "uncertain date: the whole month or year"  # the date-span lines' name and legend entry
POSITION_KEY_COLOUR = "#555555"
MIN_VIEW_SPAN = pd.Timedelta(days=60)  # a shorter view is shown two months wide (_short_view_range)
DRAWN_COLUMNS = (
    ID,
    TITLE,
    SHORT_TITLE,
    TYPE,
    START,
    END,
    ANCHOR,
    PRECISION,
    DATE_LABEL,
    ACTORS,
    THEMES,
    DISPUTED,
    "is_range",
)


def timeline_figure(
    events: pd.DataFrame,
    *,
    lane_by: str = "actor",
    colour_by: str = "type",
    lane_labels: dict[str, str] | None = None,
    colour_labels: dict[str, str] | None = None,
    actor_names: dict[str, str] | None = None,
    height: int | None = None,
    positions: pd.DataFrame | None = None,
    theme_labels: dict[str, str] | None = None,
    range_slider: bool = False,
    labels: str = "auto",
) -> go.Figure:
    """Events as markers in lanes on a date axis; ranges as bars; partial dates as spans.

    `range_slider` adds Plotly's overview strip under the chart. It is opt-in: the strip
    redraws a copy of every trace, which nearly triples the browser's redraw time of a
    large view (docs/performance.md).

    `height`, when given, is the height without the legend, which adds a line of text per
    line of entries above the plot (timeline/charts/legend.py).

    `positions` (rows of frames.positions) adds a star per position in its actor's or
    theme's lane, coloured by stance, with customdata ('position:<id>', its event id or '')
    and a dotted link to the event where it was stated when that event is in the same lane.

    `labels` ("auto", "on" or "off"; timeline/charts/label_layout.py) draws each event's short title
    beside its marker, the events of a lane packed into sub-rows so that no two collide.
    """
    lane_labels = lane_labels or {}
    colour_labels = colour_labels or {}
    if _lane_point_count(events, lane_by) > DENSITY_THRESHOLD:
        return _density_figure(events, lane_by, lane_labels, height, range_slider)
    # Only the columns the chart shows: every row is copied once per lane and per colour.
    points = _lane_points(events[[c for c in DRAWN_COLUMNS if c in events]], lane_by, lane_labels)
    lanes = list(dict.fromkeys(points["lane"]))
    marks = None
    if positions is not None and not positions.empty:
        marks = _position_points(positions, lane_by)
        lanes = _merged_lanes(points, marks, lane_labels)
    labelled = labels_verdict(events, lane_by=lane_by, labels=labels).shown
    x_range = _lay_out_labels(points, marks, lanes, lane_labels) if labelled else None
    tops, heights = _place_lanes(lanes, points, marks, LABEL_ROW_STEP if labelled else STACK_STEP)
    points["colour_key"] = _colour_keys(points, colour_by)
    points["hover"] = _hover_texts(points, actor_names or {})
    styles = _colour_styles(points, colour_labels)
    spans = _precision_span_traces(points)
    traces = [*_range_traces(points), *spans, _marker_trace(points, styles)]
    if marks is not None:
        traces += _position_traces(marks, points, actor_names or {}, theme_labels or {})
    if labelled:
        traces.append(label_trace(points))
    layout = _layout(lanes, lane_labels, height, range_slider, tops, heights)
    add_legend(layout, _legend_entries(styles, colour_labels, bool(spans), marks is not None))
    short_range = _short_view_range([points] if marks is None else [points, marks])
    if x_range is not None:  # fixed: the labels were laid out for this range
        layout["xaxis"]["range"] = [x_range[0].strftime("%Y-%m-%d %H:%M"), x_range[1].strftime("%Y-%m-%d %H:%M")]
    elif short_range:
        layout["xaxis"]["range"] = short_range
    return _unvalidated_figure(traces, layout)


def labels_verdict(events: pd.DataFrame, *, lane_by: str = "actor", labels: str = "auto") -> LabelVerdict:
    """Whether timeline_figure labels these events, and the caption's note when it does not."""
    if labels == "off" or len(events) >= LABEL_LIMIT:  # no count: the app asks on every rerun, at any size
        return label_verdict(labels, len(events), len(events), density=False)
    points = _lane_point_count(events, lane_by)
    return label_verdict(labels, len(events), points, density=points > DENSITY_THRESHOLD)


def _lay_out_labels(
    points: pd.DataFrame, marks: pd.DataFrame | None, lanes: list[str], lane_labels: dict[str, str]
) -> tuple:
    """Sub-rows and label places for the reference width; the x range they were laid out for."""
    margin = label_margin_px([_short(lane_labels.get(lane, lane)) for lane in lanes])
    plot_px = reference_plot_px(margin, RIGHT_MARGIN_PX)
    x_range = label_x_range([points] if marks is None else [points, marks], plot_px, MIN_VIEW_SPAN)
    lay_out_labels(points, x_range, plot_px)
    return x_range


def _short_view_range(frames: list[pd.DataFrame]) -> list[str] | None:
    """Two months around a view that spans less, else None (Plotly fits the data).

    Fitted to one day, Plotly zooms into hours and labels its ticks by the millisecond
    ("23:59:59.9995"); two months keep the axis in dates.
    """
    first = min(frame[START].min() for frame in frames)
    last = max(frame[END].max() for frame in frames)
    if last - first >= MIN_VIEW_SPAN:
        return None
    middle = first + (last - first) / 2
    return [(middle - MIN_VIEW_SPAN / 2).strftime("%Y-%m-%d"), (middle + MIN_VIEW_SPAN / 2).strftime("%Y-%m-%d")]


def _unvalidated_figure(traces: list[dict], layout: dict) -> go.Figure:
    """One figure from plain dicts, skipping plotly.py's validation of every property.

    Validation was most of the build, on every filter change (docs/performance.md); the
    tests validate each kind of figure built here instead.
    """
    return BuiltFigure(dict(data=traces, layout=layout), _validate=False)


def _lane_point_count(events: pd.DataFrame, lane_by: str) -> int:
    """How many markers the events would need: one per lane each stands in."""
    return int(events[ACTORS if lane_by == "actor" else THEMES].map(len).clip(lower=1).sum())


def _density_figure(
    events: pd.DataFrame, lane_by: str, lane_labels: dict[str, str], height: int | None, range_slider: bool
) -> go.Figure:
    """Too many points for markers: a density strip per lane, on the same lanes and layout."""
    # Only the columns lanes need: exploding every text column of 100,000 events costs seconds.
    points = _lane_points(events[[ID, START, ANCHOR, ACTORS if lane_by == "actor" else THEMES]], lane_by, lane_labels)
    lanes = list(dict.fromkeys(points["lane"]))
    fig = BuiltFigure()
    names = [escape_plotly(lane_labels.get(lane, lane)) for lane in lanes]
    lane_index = points["lane"].map({lane: i for i, lane in enumerate(lanes)}).to_numpy()
    add_density_strips(fig, lane_index, points[ANCHOR], names)
    fig.update_layout(_layout(lanes, lane_labels, height, range_slider))
    return fig


def _lane_points(events: pd.DataFrame, lane_by: str, lane_labels: dict[str, str]) -> pd.DataFrame:
    """One row per (event, lane): an event naming two actors stands in both their lanes."""
    column = ACTORS if lane_by == "actor" else THEMES
    lanes = [values or (NO_VALUE,) for values in events[column]]
    # Rows repeated by position rather than DataFrame.explode, far slower on large views (docs/performance.md).
    rows = np.repeat(np.arange(len(events)), [len(values) for values in lanes])
    points = events.iloc[rows].assign(lane=[lane for values in lanes for lane in values])
    order = {lane: i for i, lane in enumerate(lane_labels)}
    points["lane_rank"] = points["lane"].map(order).fillna(len(order))
    first_seen = points.groupby("lane")[START].transform("min")
    points = points.assign(first_seen=first_seen).sort_values(["lane_rank", "first_seen", "lane", ANCHOR, ID])
    return points.reset_index(drop=True)


def _stack_ranks(points: pd.DataFrame) -> np.ndarray:
    """Each marker's row in its lane: markers closer in time than about one marker width at
    the full view stack in rows 0, 1, 2… so that none hides another (up to MAX_STACK)."""
    if points.empty:
        return np.zeros(0, dtype=int)
    span_days = max((points[END].max() - points[START].min()).days, 1)
    crowd = pd.Timedelta(days=max(span_days / 45, 1))
    new_lane = points["lane"] != points["lane"].shift()
    gap = points[ANCHOR].diff() > crowd
    cluster = (new_lane | gap).cumsum()
    return points.groupby(cluster).cumcount().to_numpy() % MAX_STACK


def _place_lanes(
    lanes: list[str], points: pd.DataFrame, marks: pd.DataFrame | None, event_step: float = STACK_STEP
) -> tuple[dict, dict]:
    """Set each marker's y; return every lane's top and height, in lane units.

    A lane is as tall as its deepest stack of events plus its deepest stack of positions
    (positions below the events; the y axis runs downwards), and at least one unit. Events
    already given rows (sub-rows of labels) keep them, `event_step` apart.
    """
    if "row" not in points:
        points["row"] = _stack_ranks(points)
    event_rows = points.groupby("lane")["row"].max().add(1)
    position_rows = pd.Series(dtype=int)
    if marks is not None:
        marks["row"] = _stack_ranks(marks)
        position_rows = marks.groupby("lane")["row"].max().add(1)
    tops, heights, top = {}, {}, 0.0
    content = {lane: event_rows.get(lane, 0) * event_step + position_rows.get(lane, 0) * STACK_STEP for lane in lanes}
    for lane in lanes:
        tops[lane], heights[lane] = top, max(1.0, content[lane])
        top += heights[lane]
    first_row = {lane: tops[lane] + (heights[lane] - content[lane]) / 2 for lane in lanes}
    points["y"] = points["lane"].map(first_row) + (points["row"] + 0.5) * event_step
    if marks is not None:
        below_events = marks["lane"].map(lambda lane: event_rows.get(lane, 0) * event_step)
        marks["y"] = marks["lane"].map(first_row) + below_events + (marks["row"] + 0.5) * STACK_STEP
    return tops, heights


def _colour_keys(points: pd.DataFrame, colour_by: str) -> pd.Series:
    if colour_by == "theme":
        return points[THEMES].map(lambda themes: themes[0] if themes else NO_VALUE)
    return points[TYPE].astype(str)


def _hover_texts(points: pd.DataFrame, actor_names: dict[str, str]) -> list[str]:
    # Hover labels render a little HTML: everything from the data is escaped first.
    texts = []
    disputed = points[DISPUTED] if DISPUTED in points else [()] * len(points)
    for title, label, precision, actors, fields in zip(
        points[TITLE], points[DATE_LABEL], points[PRECISION], points[ACTORS], disputed, strict=True
    ):
        names = ", ".join(actor_names.get(a, a) for a in actors)
        warning = f"<br>⚖ disputed: {escape_plotly(', '.join(fields))}" if fields else ""
        texts.append(
            f"<b>{escape_plotly(title)}</b><br>{escape_plotly(label)} ({precision} precision)"
            f"<br>{escape_plotly(names)}{warning}"
        )
    return texts


def _scatter_type(size: int) -> str:
    return "scattergl" if size > WEBGL_THRESHOLD else "scatter"


def _colour_styles(points: pd.DataFrame, colour_labels: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Each colour key's (colour, symbol), in legend order: by label, with '(none)' last."""
    keys = sorted(points["colour_key"].unique(), key=lambda k: (k == NO_VALUE, colour_labels.get(k, k)))
    return {key: (PALETTE[i % len(PALETTE)], SYMBOLS[(i // len(PALETTE)) % len(SYMBOLS)]) for i, key in enumerate(keys)}


def _marker_trace(points: pd.DataFrame, styles: dict[str, tuple[str, str]]) -> dict:
    """Every event marker in one trace, coloured point by point.

    One trace, not one per colour, was tried to make redraws cheaper; measured properly
    (`python -m bench.figure_redraw`) it redraws in the same time as a trace per colour
    (docs/performance.md). The legend is an annotation (timeline/charts/legend.py).
    """
    colour_key = points["colour_key"]
    colour = colour_key.map({key: style[0] for key, style in styles.items()}).to_numpy()
    symbol = colour_key.map({key: style[1] for key, style in styles.items()}).to_numpy().astype(str)
    open_marker = (points[PRECISION].astype(str) != "day").to_numpy()
    return dict(
        type=_scatter_type(len(points)),
        x=points[ANCHOR].to_numpy(),
        y=points["y"].to_numpy(),
        mode="markers",
        name="events",
        marker=dict(
            color=colour,
            size=13,
            symbol=np.where(open_marker, np.char.add(symbol, "-open"), symbol),
            line=dict(width=2, color=colour),
        ),
        customdata=points[[ID]].to_numpy(),
        text=points["hover"].to_numpy(),
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
        meta="events",
    )


def _legend_entries(
    styles: dict[str, tuple[str, str]], colour_labels: dict[str, str], spans: bool, positions: bool
) -> list[LegendEntry]:
    entries = [
        LegendEntry(SYMBOL_GLYPHS[symbol], colour, escape_plotly(colour_labels.get(key, key)))
        for key, (colour, symbol) in styles.items()
    ]
    if spans:
        entries.append(LegendEntry("━", SPAN_COLOUR, SPAN_LABEL))
    if positions:
        entries.append(LegendEntry("★", POSITION_KEY_COLOUR, "position, coloured by stance"))
    return entries


def _range_traces(points: pd.DataFrame) -> list[dict]:
    ranges = points[points["is_range"]]
    if ranges.empty:
        return []
    duration_ms = (ranges[END] - ranges[START]).dt.total_seconds() * 1000 + 86_400_000
    return [
        dict(
            type="bar",
            base=ranges[START].dt.strftime("%Y-%m-%d").to_numpy(),
            x=duration_ms.to_numpy(),
            y=ranges["y"].to_numpy(),
            orientation="h",
            width=STACK_STEP * 0.8,
            marker=dict(color="rgba(0,114,178,0.25)", line=dict(color="rgba(0,114,178,0.8)", width=1)),
            customdata=ranges[[ID]].to_numpy(),
            text=ranges["hover"].to_numpy(),
            textposition="none",
            hovertemplate="%{text}<extra></extra>",
            name="date ranges",
            showlegend=False,
            meta="ranges",
        )
    ]


def _precision_span_traces(points: pd.DataFrame) -> list[dict]:
    """A thin line over the whole month or year a partial date could fall in."""
    partial = points[(points[PRECISION].astype(str) != "day") & ~points["is_range"]]
    if partial.empty:
        return []
    # For an event without an end, END is the last day its date could be.
    xs = np.column_stack([partial[START].to_numpy(), partial[END].to_numpy(), np.full(len(partial), None)]).ravel()
    ys = np.column_stack([partial["y"], partial["y"], np.full(len(partial), None)]).ravel()
    return [
        dict(
            type="scatter",
            x=xs,
            y=ys,
            mode="lines",
            hoverinfo="skip",
            showlegend=False,
            name=SPAN_LABEL,
            line=dict(color=SPAN_COLOUR, width=3),
            meta="spans",
        )
    ]


def _short(label: str, limit: int = 28) -> str:
    # Long lane names would squeeze the plot; the full name is in every hover label.
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _layout(
    lanes: list[str],
    lane_labels: dict[str, str],
    height: int | None,
    range_slider: bool,
    tops: dict[str, float] | None = None,
    heights: dict[str, float] | None = None,
) -> dict:
    """Axes and size; lanes of one unit each unless tops and heights say otherwise."""
    tops = tops or {lane: float(i) - 0.5 for i, lane in enumerate(lanes)}
    heights = heights or dict.fromkeys(lanes, 1.0)
    total = sum(heights.values())
    first = min(tops.values(), default=0.0)
    # Dates on top, where they stay in sight when many lanes make the chart tall.
    xaxis = dict(type="date", showgrid=True, side="top")
    labels = [_short(lane_labels.get(lane, lane)) for lane in lanes]
    if range_slider:
        xaxis["rangeslider"] = dict(visible=True, thickness=0.06)
    return dict(
        template=_TEMPLATE_JSON,
        height=height or max(380, int(LANE_PX * total) + 220),
        # Room for the lane labels up front: automargin's measuring pass would redraw the chart.
        margin=dict(l=label_margin_px(labels), r=RIGHT_MARGIN_PX, t=40, b=10),
        showlegend=False,  # the legend is an annotation (timeline/charts/legend.py)
        clickmode="event+select",
        dragmode="pan",
        hovermode="closest",
        barmode="overlay",
        xaxis=xaxis,
        yaxis=dict(
            tickvals=[tops[lane] + heights[lane] / 2 for lane in lanes],
            ticktext=[escape_plotly(label) for label in labels],
            range=[first + total + 0.1, first - 0.1],  # reversed: the first lane on top
            showgrid=False,
            zeroline=False,
            fixedrange=True,
        ),
        # A faint rule between lanes: with lanes of different heights, the eye needs the border.
        shapes=[
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                y0=tops[lane],
                y1=tops[lane],
                line=dict(color="#e6e6e6", width=1),
                layer="below",
            )
            for lane in lanes[1:]
        ],
    )


def _position_points(positions: pd.DataFrame, lane_by: str) -> pd.DataFrame:
    """One row per position, in its actor's or theme's lane, in lane and date order."""
    marks = positions.assign(lane=positions["actor" if lane_by == "actor" else "theme"])
    marks[END] = marks[START]
    return marks.sort_values(["lane", ANCHOR, ID], kind="stable").reset_index(drop=True)


def _merged_lanes(points: pd.DataFrame, marks: pd.DataFrame, lane_labels: dict[str, str]) -> list[str]:
    """The events' lane order (label order, then first seen) over the events' and positions' lanes."""
    order = {lane: i for i, lane in enumerate(lane_labels)}
    first_seen = pd.concat([points[["lane", START]], marks[["lane", START]]]).groupby("lane")[START].min()
    return sorted(first_seen.index, key=lambda lane: (order.get(lane, len(order)), first_seen[lane], lane))


def _position_traces(marks: pd.DataFrame, points: pd.DataFrame, actor_names: dict, theme_labels: dict) -> list[dict]:
    titles = dict(zip(points[ID], points[TITLE], strict=False))
    where = zip(points[ID], points["lane"], points[ANCHOR], points["y"], strict=True)
    events_at = {(eid, lane): (x, y) for eid, lane, x, y in where}
    xs, ys, hover = [], [], []
    for row in marks.itertuples():
        linked = events_at.get((row.event, row.lane))
        if linked is not None:
            xs += [row.anchor, linked[0], None]
            ys += [row.y, linked[1], None]
        text = (
            f"<b>Position</b>: {escape_plotly(actor_names.get(row.actor, row.actor))} — "
            f"{escape_plotly(stance_label(row.stance))} on {escape_plotly(theme_labels.get(row.theme, row.theme))}"
            f"<br>{escape_plotly(row.proposition)}<br>{escape_plotly(row.date_label)}"
        )
        if row.event:
            text += f"<br>stated at: {escape_plotly(titles.get(row.event, row.event))}"
        hover.append(text)
    traces = []
    if xs:
        traces.append(
            dict(
                type="scatter",
                x=xs,
                y=ys,
                mode="lines",
                line=dict(color="rgba(60,60,60,0.6)", width=1, dash="dot"),
                hoverinfo="skip",
                showlegend=False,
                meta="position-links",
            )
        )
    colours = [STANCE_COLOURS[s] for s in marks["stance"]]
    ids = [[POSITION_PREFIX + pid, event or ""] for pid, event in zip(marks[ID], marks["event"], strict=True)]
    partial = marks[PRECISION].astype(str) != "day"
    traces.append(
        dict(
            type="scatter",
            x=marks[ANCHOR].to_numpy(),
            y=marks["y"].to_numpy(),
            mode="markers",
            name="positions (★, coloured by stance)",
            showlegend=False,
            marker=dict(
                symbol=np.where(partial, "star-open", "star"),
                size=14,
                color=colours,
                line=dict(width=np.where(partial, 2, 1), color=np.where(partial, colours, "#000000")),
            ),
            customdata=ids,
            text=hover,
            hovertemplate="%{text}<extra></extra>",
            meta="positions",
        )
    )
    return traces
