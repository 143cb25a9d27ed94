"""Label packing: no two items of a sub-row overlap, sub-rows only where needed, labels dropped when crowded."""

from __future__ import annotations

import itertools
import random

import pytest

from timeline.charts.label_layout import (
    AUTO_LIMIT,
    GAP_PX,
    ITEM_PAD_PX,
    LABEL_LIMIT,
    Item,
    fit_label,
    label_verdict,
    label_width_px,
    pack_lane,
    reference_plot_px,
)

PLOT = 300.0


def marker(at: float, label_px: float = 60.0) -> Item:
    return Item(at - 7.5, at + 7.5, label_px)


def extent(item: Item, placed) -> tuple[float, float]:
    return min(item.body_start, placed.label_start), max(item.body_end, placed.label_start + placed.label_px)


def assert_no_overlap_in_a_row(items, placements):
    for (a, pa), (b, pb) in itertools.combinations(zip(items, placements, strict=True), 2):
        if pa.row == pb.row:
            (a0, a1), (b0, b1) = extent(a, pa), extent(b, pb)
            assert a1 + ITEM_PAD_PX <= b0 or b1 + ITEM_PAD_PX <= a0, (a, pa, b, pb)


def test_items_far_apart_share_one_row():
    items = [marker(10), marker(120), marker(215)]
    assert [p.row for p in pack_lane(items, PLOT)] == [0, 0, 0]


def test_items_whose_labels_would_collide_go_to_a_second_row():
    items = [marker(10), marker(40), marker(200)]
    placements = pack_lane(items, PLOT)
    assert [p.row for p in placements] == [0, 1, 0]  # the third fits after the first again
    assert_no_overlap_in_a_row(items, placements)


def test_labels_go_right_of_their_marker_unless_the_plot_ends_first():
    right, left = pack_lane([marker(50), marker(280)], PLOT)
    assert right.side == "right" and right.label_start == pytest.approx(57.5 + GAP_PX)
    assert left.side == "left" and left.label_start + left.label_px == pytest.approx(272.5 - GAP_PX)


def test_a_label_that_fits_on_neither_side_is_cut_to_the_larger_room():
    (placed,) = pack_lane([marker(150, label_px=400)], PLOT)
    assert placed.label_px == pytest.approx(PLOT - 157.5 - GAP_PX)
    assert 0 <= placed.label_start and placed.label_start + placed.label_px <= PLOT


def test_a_bar_or_date_span_is_part_of_the_item():
    span = Item(20, 140, 50)  # a year-long span around its marker
    point = marker(100)
    placements = pack_lane([span, point], PLOT)
    assert placements[0].label_start >= 140  # the label starts after the span
    assert placements[1].row == 1


def test_random_lanes_never_overlap_and_stay_inside_the_plot():
    rng = random.Random(7)
    for _ in range(200):
        items = []
        for _ in range(rng.randint(1, 25)):
            at = rng.uniform(8, PLOT - 8)
            width = rng.choice([0, 0, rng.uniform(0, 80)])
            items.append(Item(at - 7.5, min(at + 7.5 + width, PLOT), rng.uniform(20, 250)))
        placements = pack_lane(items, PLOT)
        assert_no_overlap_in_a_row(items, placements)
        for placed in placements:
            assert -0.01 <= placed.label_start and placed.label_start + placed.label_px <= PLOT + 0.01
        # a sub-row exists only because its first item collides with one in each row above
        for row in range(1, max(p.row for p in placements) + 1):
            assert any(p.row == row - 1 for p in placements)


@pytest.mark.parametrize(
    ("text", "room", "expected"),
    [
        ("WAIC 2024", 200, "WAIC 2024"),
        ("Global AI Governance Initiative", 90, "Global AI…"),
        ("Supercalifragilistic", 40, None),  # one word: cut inside it
        ("Anything", 5, ""),
    ],
)
def test_fit_label_keeps_whole_words_when_it_can(text, room, expected):
    cut = fit_label(text, room)
    assert label_width_px(cut) <= room
    if expected is not None:
        assert cut == expected
    else:
        assert cut.endswith("…") and text.startswith(cut[:-1])


# (mode, events, lane points, density mode, shown)
VERDICTS = [
    ("auto", 19, 45, False, True),
    ("auto", 100, AUTO_LIMIT + 1, False, False),  # auto: lanes would grow too deep
    ("on", 100, AUTO_LIMIT + 1, False, True),  # on: asked for
    ("on", LABEL_LIMIT - 1, LABEL_LIMIT, False, True),
    ("on", LABEL_LIMIT, LABEL_LIMIT, False, False),  # dropped at 2,000 shown events, asked for or not
    ("auto", LABEL_LIMIT, LABEL_LIMIT, False, False),
    ("on", 500, 25_000, True, False),  # density mode draws no markers
    ("off", 19, 45, False, False),
]


@pytest.mark.parametrize(("mode", "events", "points", "density", "shown"), VERDICTS)
def test_label_verdict(mode, events, points, density, shown):
    verdict = label_verdict(mode, events, points, density)
    assert verdict.shown is shown
    if shown or mode == "off":
        assert verdict.note == ""
    else:
        assert verdict.note == f"labels hidden: {events:,} events shown — narrow the years or actors to see them"


def test_reference_plot_is_the_1280_chart_column_less_margins_and_safety():
    assert reference_plot_px(201, 10) == 530 - 201 - 10 - 20
