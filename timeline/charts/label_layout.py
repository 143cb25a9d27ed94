"""Event labels on the timeline: whether to draw them, on which side, in which sub-row.

Pure geometry in pixels along the date axis, like vis-timeline's stacking of item boxes:
an item is an event's marker (with its bar or its date span) plus its label, and the items
of a lane go into sub-rows, each in the first row where it overlaps nothing. The lane grows
by a row instead of letting two labels collide.

The server does not know how wide the browser draws the chart. The layout is computed for
the narrowest chart the app supports (REFERENCE_COLUMN_PX, the chart column of the wide
layout on a 1280 px page with the sidebar open, less SAFETY_PX) with the date range fixed
by the figure: on a wider chart the same dates spread over more pixels while labels keep
their size, so every gap only grows. Below 1280 px labels may touch; "Labels: off" hides
them.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.charts.label_width import text_width_em

FONT_PX = 11
ROW_PX = 18  # a sub-row: a 15 px marker or a 14 px line of 11 px text, with room between
MARKER_HALF_PX = 7.5  # half a 13 px marker with its 2 px outline
GAP_PX = 4  # between a marker (or the end of a bar or span) and its label
ITEM_PAD_PX = 8  # between two items of one sub-row
EDGE_PX = 10  # between the plot's edges and the first and last marker
REFERENCE_COLUMN_PX = 530  # the chart column's width at 1280 px (measured in Chromium: 530.7)
SAFETY_PX = 20  # a scrollbar, or a font a little wider than estimated
AUTO_LIMIT = 120  # lane points: "auto" labels at most this many (beyond, lanes grow too deep to read)
LABEL_LIMIT = 2_000  # shown events: no labels from here on, even when asked for
ELLIPSIS = "…"


@dataclass(frozen=True)
class LabelVerdict:
    """Whether a view draws labels, and what the caption says when it does not ('' when nothing)."""

    shown: bool
    note: str = ""


@dataclass(frozen=True)
class Item:
    """One event in one lane, in px from the plot's left edge at the reference width."""

    body_start: float  # the leftmost point drawn: the marker's edge, or the start of its bar or span
    body_end: float
    label_px: float  # the label's estimated width


@dataclass(frozen=True)
class Placement:
    """Where an item's label goes: its sub-row, its side, and its start and width in px."""

    row: int
    side: str  # "right" or "left" of the body
    label_start: float
    label_px: float  # at most the item's label_px: less when the label is cut to fit the plot


def label_verdict(mode: str, events: int, lane_points: int, density: bool) -> LabelVerdict:
    """Whether to label this view: never when off, in density mode or from LABEL_LIMIT events on;
    in auto mode only up to AUTO_LIMIT lane points."""
    if mode == "off":
        return LabelVerdict(False)
    crowded = density or events >= LABEL_LIMIT or (mode == "auto" and lane_points > AUTO_LIMIT)
    if crowded:
        return LabelVerdict(False, f"labels hidden: {events:,} events shown — narrow the years or actors to see them")
    return LabelVerdict(True)


def reference_plot_px(margin_left: float, margin_right: float) -> float:
    """The plot's width the labels are laid out for: the 1280 px page's chart, less a safety margin."""
    return max(REFERENCE_COLUMN_PX - margin_left - margin_right - SAFETY_PX, 120.0)


def label_width_px(text: str) -> float:
    return text_width_em(text) * FONT_PX


def fit_label(text: str, room_px: float) -> str:
    """`text` if it fits in room_px, else its longest run of whole words (or letters) with "…" that does."""
    if label_width_px(text) <= room_px:
        return text
    words = text.rstrip(ELLIPSIS).split(" ")
    while len(words) > 1:
        words.pop()
        cut = " ".join(words).rstrip(" ,;:–—-(") + ELLIPSIS
        if label_width_px(cut) <= room_px:
            return cut
    letters = words[0]
    while letters and label_width_px(letters + ELLIPSIS) > room_px:
        letters = letters[:-1]
    return letters + ELLIPSIS if letters else ""


def pack_lane(items: list[Item], plot_px: float) -> list[Placement]:
    """Each item's label side and sub-row (in the items' order): labels right of their body
    unless the plot ends first, then left; cut when neither side holds them; rows first-fit."""
    sides = [_side(item, plot_px) for item in items]
    extents = [
        (min(item.body_start, start), max(item.body_end, start + width))
        for item, (_, start, width) in zip(items, sides, strict=True)
    ]
    rows_end: list[float] = []
    rows = [0] * len(items)
    for index in sorted(range(len(items)), key=lambda i: extents[i]):
        start, end = extents[index]
        row = next((r for r, last in enumerate(rows_end) if last + ITEM_PAD_PX <= start), len(rows_end))
        if row == len(rows_end):
            rows_end.append(end)
        rows_end[row] = end
        rows[index] = row
    return [Placement(row, side, start, width) for row, (side, start, width) in zip(rows, sides, strict=True)]


def _side(item: Item, plot_px: float) -> tuple[str, float, float]:
    right_room = plot_px - item.body_end - GAP_PX
    left_room = item.body_start - GAP_PX
    if item.label_px <= right_room or right_room >= left_room:
        width = min(item.label_px, max(right_room, 0.0))
        return "right", item.body_end + GAP_PX, width
    width = min(item.label_px, max(left_room, 0.0))
    return "left", item.body_start - GAP_PX - width, width
