"""WCAG contrast of the chart's colours against its background.

Text (lane labels, legend, tick labels) needs 4.5:1; markers, which are graphics, 3:1
(WCAG 2.2, success criteria 1.4.3 and 1.4.11).
"""

from __future__ import annotations

import pytest

from timeline.charts.figures import PALETTE, POSITION_KEY_COLOUR, timeline_figure
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset

NAMED = {"white": "#ffffff", "black": "#000000"}
TEXT_RATIO, MARKER_RATIO = 4.5, 3.0


def relative_luminance(colour: str) -> float:
    """WCAG's relative luminance of a '#rrggbb' colour (or a CSS name in NAMED)."""
    hex_digits = NAMED.get(colour.lower(), colour).lstrip("#")
    channels = [int(hex_digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#777777", "white", 4.48)],
)
def test_the_contrast_formula_matches_wcag_reference_values(first, second, expected):
    assert contrast(first, second) == pytest.approx(expected, abs=0.01)


@pytest.fixture(scope="module")
def figure():
    frames = build_frames(load_dataset("data/events.yaml"))
    return timeline_figure(frames.events).to_plotly_json()


def backgrounds(figure) -> set[str]:
    template = figure["layout"]["template"]["layout"]
    return {figure["layout"].get("plot_bgcolor") or template["plot_bgcolor"], template["paper_bgcolor"]}


@pytest.mark.parametrize("colour", [*PALETTE, POSITION_KEY_COLOUR])
def test_every_marker_colour_of_the_palette_has_3_to_1_against_the_background(figure, colour):
    for background in backgrounds(figure):
        assert contrast(colour, background) >= MARKER_RATIO, (colour, background)


def test_every_marker_drawn_for_the_bundled_data_has_3_to_1_against_the_background(figure):
    events = next(trace for trace in figure["data"] if trace.get("meta") == "events")
    for colour in set(events["marker"]["color"]) | set(events["marker"]["line"]["color"]):
        assert contrast(colour, "white") >= MARKER_RATIO, colour


def test_the_chart_text_colour_has_4_5_to_1_against_the_background(figure):
    layout = figure["layout"]
    text_colour = (layout.get("font") or {}).get("color") or layout["template"]["layout"]["font"]["color"]
    colours = {text_colour}
    for annotation in layout.get("annotations", []):  # the legend's labels and any other text
        colours.add((annotation.get("font") or {}).get("color") or text_colour)
    for colour in colours:
        for background in backgrounds(figure):
            assert contrast(colour, background) >= TEXT_RATIO, (colour, background)
