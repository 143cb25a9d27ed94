"""The timeline's event labels in the built figure: texts, sub-rows, no collisions at the reference width."""

from __future__ import annotations

import itertools

import pandas as pd
import plotly.graph_objects as go
import pytest

from timeline.charts.figure_labels import LABEL_COLOUR
from timeline.charts.figures import LANE_PX, RIGHT_MARGIN_PX, labels_verdict, timeline_figure
from timeline.charts.label_layout import AUTO_LIMIT, FONT_PX, GAP_PX, MARKER_HALF_PX, label_width_px, reference_plot_px
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.textsafe import escape_plotly

BUNDLED = "data/events.yaml"


@pytest.fixture(scope="module")
def bundled():
    return build_frames(load_dataset(BUNDLED))


def figure_of(frames, **options):
    names = dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    return timeline_figure(frames.events, lane_labels=names, actor_names=names, **options)


def trace(fig, meta):
    found = [t for t in fig.data if t.meta == meta]
    return found[0] if found else None


def boxes_at_reference_width(fig) -> tuple[list, list]:
    """Every label's and marker's box (x0, x1, y0, y1) in px, as the 1280 px page's chart draws them."""
    plot_px = reference_plot_px(fig.layout.margin.l, RIGHT_MARGIN_PX)
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)

    def px(x) -> float:
        return (pd.Timestamp(x) - first) / (last - first) * plot_px

    labels = []
    for x, y, text, side in zip(*(trace(fig, "labels")[k] for k in ("x", "y", "text", "textposition")), strict=True):
        width = label_width_px(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))
        start = px(x) if side == "middle right" else px(x) - width
        labels.append((start, start + width, y * LANE_PX - 7, y * LANE_PX + 7))  # 14 px of 11 px text
    markers = [
        (px(x) - MARKER_HALF_PX, px(x) + MARKER_HALF_PX, y * LANE_PX - MARKER_HALF_PX, y * LANE_PX + MARKER_HALF_PX)
        for x, y in zip(trace(fig, "events").x, trace(fig, "events").y, strict=True)
    ]
    return labels, markers


def overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def test_every_shown_event_is_labelled_with_its_short_title_and_disputed_ones_with_a_scale(bundled):
    fig = figure_of(bundled)
    labels, events = trace(fig, "labels"), trace(fig, "events")
    assert len(labels.text) == len(events.x)  # one label per marker: an event in two lanes has two
    texts = set(labels.text)
    assert "WAIC 2018" in texts and "Global AI Governance Action Plan" in texts
    assert "⚖ WAIC 2024" in texts  # disputed (waic-2024-length)
    assert labels.hoverinfo == "skip" and labels.textfont.size == FONT_PX and labels.textfont.color == LABEL_COLOUR


def test_bundled_labels_overlap_no_label_and_no_marker_at_the_reference_width(bundled):
    labels, markers = boxes_at_reference_width(figure_of(bundled))
    plot_px = reference_plot_px(figure_of(bundled).layout.margin.l, RIGHT_MARGIN_PX)
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a, b), (a, b)
    for label, marker in itertools.product(labels, markers):
        assert not overlap(label, marker), (label, marker)
    assert all(-0.5 <= x0 and x1 <= plot_px + 0.5 for x0, x1, _, _ in labels)


def test_a_lane_grows_a_sub_row_only_for_items_that_would_collide(good_path):
    frames = build_frames(load_dataset(good_path))
    twins = frames.events[frames.events["id"] == "us-plan"]
    crowded = pd.concat([frames.events, twins.assign(id="us-plan-2")], ignore_index=True)
    alone = timeline_figure(frames.events, lane_labels={})
    twice = timeline_figure(crowded, lane_labels={})
    markers = trace(twice, "events")
    ys = dict(zip((i for (i,) in markers.customdata), markers.y, strict=False))
    assert ys["us-plan"] != ys["us-plan-2"]  # same day, same lane: two sub-rows
    assert twice.layout.yaxis.range[0] > alone.layout.yaxis.range[0]  # the lane grew (y runs downwards)
    lone_rows = {round(y, 6) for y in trace(alone, "events").y}
    assert len(lone_rows) == len(set(trace(alone, "events").y))  # ids in lanes of their own: one row each


def test_labels_off_or_crowded_views_draw_none_and_keep_the_old_stacking(bundled):
    assert trace(figure_of(bundled, labels="off"), "labels") is None
    many = pd.concat([bundled.events.assign(id=bundled.events["id"] + f"-{n}") for n in range(8)], ignore_index=True)
    assert labels_verdict(many, labels="auto").shown is False  # more than AUTO_LIMIT lane points
    names = dict(zip(bundled.actors["id"], bundled.actors["name"], strict=True))
    assert trace(timeline_figure(many, lane_labels=names), "labels") is None
    assert trace(timeline_figure(many, lane_labels=names, labels="on"), "labels") is not None
    assert AUTO_LIMIT < 8 * 45


def test_labels_keep_hollow_markers_and_date_spans(bundled):
    fig = figure_of(bundled)
    symbols = list(trace(fig, "events").marker.symbol)
    assert any(s.endswith("-open") for s in symbols) and any(not s.endswith("-open") for s in symbols)
    assert trace(fig, "spans") is not None


def test_a_labelled_view_fixes_the_date_range_it_was_laid_out_for(bundled):
    fig = figure_of(bundled)
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert first < bundled.events["start"].min() and last > bundled.events["end"].max()
    one = bundled.events[bundled.events["id"] == "eu-ai-act-entry-into-force"]
    first, last = (pd.Timestamp(v) for v in timeline_figure(one).layout.xaxis.range)
    assert last - first >= pd.Timedelta(days=60)  # a short view is still two months wide


def test_label_texts_are_escaped(good_path, tmp_path):
    from tests.conftest import GOOD_YAML, write_dataset

    text = GOOD_YAML.replace("    title: Li proposes an organisation\n", "    title: Li <b>bold</b> & co\n")
    frames = build_frames(load_dataset(write_dataset(tmp_path, text)))
    labels = trace(timeline_figure(frames.events), "labels")
    assert escape_plotly("Li <b>bold</b> & co") in labels.text


def test_labelled_figure_is_valid_plotly(bundled):
    go.Figure(figure_of(bundled).to_dict())  # validates every property


def test_labels_sit_beside_their_marker(bundled):
    fig = figure_of(bundled)
    labels, markers = boxes_at_reference_width(fig)
    for (x0, x1, y0, _), (m0, m1, my0, _) in zip(labels, markers, strict=True):
        assert y0 + 7 == pytest.approx(my0 + MARKER_HALF_PX)  # same row
        assert x0 >= m1 + GAP_PX - 0.5 or x1 <= m0 - GAP_PX + 0.5


def test_labels_verdict_of_a_view_from_2000_events_on_is_hidden_and_explained(bundled):
    big = pd.concat([bundled.events.assign(id=bundled.events["id"] + f"-{n}") for n in range(106)], ignore_index=True)
    assert len(big) >= 2_000
    verdict = labels_verdict(big, labels="on")
    assert not verdict.shown and verdict.note.startswith(f"labels hidden: {len(big):,} events shown")
    assert labels_verdict(big.iloc[:1_999], labels="on").shown


def test_with_positions_shown_no_label_overlaps_a_position_star(bundled):
    fig = figure_of(bundled, positions=bundled.positions)
    labels, markers = boxes_at_reference_width(fig)
    plot_px = reference_plot_px(fig.layout.margin.l, RIGHT_MARGIN_PX)
    first, last = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    stars = trace(fig, "positions")
    half = 8  # a 14 px star and its outline
    for x, y in zip(stars.x, stars.y, strict=True):
        at = (pd.Timestamp(x) - first) / (last - first) * plot_px
        star = (at - half, at + half, y * LANE_PX - half, y * LANE_PX + half)
        assert not any(overlap(label, star) for label in labels), star
    for a, b in itertools.combinations(labels, 2):
        assert not overlap(a, b), (a, b)
