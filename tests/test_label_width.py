"""The lane-label width estimate that sizes the chart's left margin."""

import pytest

from timeline.charts.label_width import TICK_GAP_PX, label_margin_px, text_width_em

# Widths in px of lane labels as headless Chromium drew them in the app (12 px Source Sans),
# read from the tick labels' getBBox() on 2026-11-25: the estimate must not fall short of them.
DRAWN_PX = {
    "People's Republic of China": 132.5,
    "United States": 66.8,
    "Xi Jinping": 49.0,
    "Li Qiang": 40.8,
    "Unnamed Chinese government…": 166.7,
    "Shanghai Municipal Governme…": 164.1,
    "UK AI Safety Summit (Bletch…": 152.0,
    "Alibaba Group": 71.4,
}


@pytest.mark.parametrize(("label", "drawn"), DRAWN_PX.items())
def test_the_estimate_errs_wide_but_not_by_much(label, drawn):
    estimate = text_width_em(label) * 12
    assert drawn <= estimate <= drawn * 1.25


def test_wide_letters_and_full_width_characters_count_for_more():
    assert text_width_em("WWWW") > text_width_em("nnnn") > text_width_em("iiii")
    assert text_width_em("中国外交部") > text_width_em("China MFA")


def test_the_margin_holds_the_widest_label():
    labels = ["EU", "People's Republic of China", "UN"]
    widest = text_width_em("People's Republic of China") * 12
    assert label_margin_px(labels) >= widest + TICK_GAP_PX
    assert label_margin_px(labels) == label_margin_px(["People's Republic of China"])
    assert label_margin_px(labels, font_px=24) > label_margin_px(labels)


def test_no_labels_leave_the_minimum_margin():
    assert label_margin_px([]) == 10
    assert label_margin_px([""], minimum=10) == TICK_GAP_PX
