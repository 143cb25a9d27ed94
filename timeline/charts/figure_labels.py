"""The timeline's event labels as figure parts: their sub-rows, the date range, one text trace.

The geometry is timeline/charts/label_layout.py's; this module turns lane points (figures.py) into
its pixels and back into dates. The labels are one text trace, not annotations: annotations
are drawn and measured one by one and redrawn on every frame of a pan, a trace is drawn in
one pass (docs/performance.md, "Event labels").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from timeline.charts.label_layout import EDGE_PX, FONT_PX, MARKER_HALF_PX, Item, fit_label, label_width_px, pack_lane
from timeline.loading.frames import ANCHOR, DISPUTED, END, PRECISION, SHORT_TITLE, START, TITLE, cut_title
from timeline.textsafe import escape_plotly

LABEL_COLOUR = "#333333"  # 12.6:1 on white
DISPUTED_MARK = "⚖ "


def label_texts(points: pd.DataFrame) -> list[str]:
    """Each point's label: its short title (or its title cut short), with ⚖ when disputed."""
    titles = points[SHORT_TITLE] if SHORT_TITLE in points else points[TITLE].map(cut_title)
    disputed = points[DISPUTED] if DISPUTED in points else [()] * len(points)
    return [f"{DISPUTED_MARK}{title}" if fields else title for title, fields in zip(titles, disputed, strict=True)]


def label_x_range(frames: list[pd.DataFrame], plot_px: float, min_span: pd.Timedelta) -> tuple:
    """The date axis's range (first, last) for labelled points: every body, EDGE_PX from the edges."""
    first = min(frame[START].min() for frame in frames)
    last = max(_body_ends(frame).max() for frame in frames)
    span = last - first
    if span < min_span:
        middle = first + span / 2
        first, last, span = middle - min_span / 2, middle + min_span / 2, min_span
    pad = span * (EDGE_PX / max(plot_px - 2 * EDGE_PX, 1.0))
    return first - pad, last + pad


def lay_out_labels(points: pd.DataFrame, x_range: tuple, plot_px: float) -> None:
    """Give every point its sub-row ('row'), its label text, side and x (at its side's edge)."""
    first, last = x_range
    per_px = (last - first) / plot_px

    def px(dates: pd.Series) -> np.ndarray:
        return ((dates - first) / per_px).to_numpy(dtype=float)

    marker = px(points[ANCHOR])
    spanned = (points[PRECISION].astype(str) != "day").to_numpy() | points["is_range"].to_numpy()
    body_start = np.where(spanned, np.minimum(px(points[START]), marker - MARKER_HALF_PX), marker - MARKER_HALF_PX)
    body_end = np.where(spanned, np.maximum(px(_body_ends(points)), marker + MARKER_HALF_PX), marker + MARKER_HALF_PX)
    texts = label_texts(points)
    rows, sides, starts, kept = np.zeros(len(points), dtype=int), [""] * len(points), np.zeros(len(points)), list(texts)
    for _, where in points.groupby("lane", sort=False).indices.items():
        items = [Item(body_start[i], body_end[i], label_width_px(texts[i])) for i in where]
        for i, placed in zip(where, pack_lane(items, plot_px), strict=True):
            rows[i], sides[i], starts[i] = placed.row, placed.side, placed.label_start
            kept[i] = fit_label(texts[i], placed.label_px)
            if sides[i] == "left":
                starts[i] += placed.label_px  # a left label is drawn from its right end
    points["row"] = rows
    points["label"] = kept
    points["label_side"] = sides
    points["label_x"] = first + per_px * starts


def label_trace(points: pd.DataFrame) -> dict:
    """Every label in one text trace, beside its marker; it takes no hover or click."""
    labelled = points[points["label"] != ""]
    return dict(
        type="scatter",
        x=labelled["label_x"].to_numpy(),
        y=labelled["y"].to_numpy(),
        mode="text",
        text=[escape_plotly(text) for text in labelled["label"]],
        textposition=np.where(labelled["label_side"] == "left", "middle left", "middle right"),
        textfont=dict(size=FONT_PX, color=LABEL_COLOUR),
        hoverinfo="skip",
        showlegend=False,
        name="labels",
        meta="labels",
    )


def _body_ends(points: pd.DataFrame) -> pd.Series:
    # A bar is drawn to the end of its last day (figures._range_traces); a span to its last day.
    if "is_range" not in points:  # position marks
        return points[END]
    return points[END] + pd.to_timedelta(points["is_range"].to_numpy().astype("int64"), unit="D")
