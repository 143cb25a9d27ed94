"""One click decoder serves both charts: events and position markers on the timeline, cells in the matrix."""

from __future__ import annotations

import pytest

from timeline.state.selection import Click, decode_click
from timeline.vocab import CELL_PREFIX, POSITION_PREFIX


def points(*customdata) -> dict:
    return {"selection": {"points": [{"customdata": data} for data in customdata]}}


@pytest.mark.parametrize(
    ("customdata", "event", "position"),
    [
        (["waic-2025"], "waic-2025", None),
        ([POSITION_PREFIX + "china-coop-2025", "waic-2025"], "waic-2025", "china-coop-2025"),
        ([POSITION_PREFIX + "eu-coop-2025", ""], None, "eu-coop-2025"),
        ([POSITION_PREFIX + "eu-coop-2025"], None, "eu-coop-2025"),
    ],
)
def test_a_click_on_a_position_routes_to_its_event(customdata, event, position):
    click = decode_click(points(customdata))
    assert (click.event, click.position) == (event, position)


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (points(["cell:china.cooperation"]), "china.cooperation"),
        (points("cell:eu.safety"), "eu.safety"),
        ({"selection": {"points": []}}, None),
        (points(["not-a-cell"]), None),
        ({"selection": {"points": [{"x": 1}]}}, None),
        (None, None),
        ("junk", None),
    ],
)
def test_a_click_on_a_matrix_cell_names_the_cell(selection, expected):
    assert decode_click(selection).cell == expected


@pytest.mark.parametrize(
    "selection",
    [
        None,
        "junk",
        {},
        {"selection": None},
        {"selection": {"points": "x"}},
        points(None),
        points([]),
        points([""]),
        points([3]),
    ],
)
def test_a_selection_that_names_nothing_decodes_to_an_empty_click(selection):
    assert decode_click(selection) == Click()
    assert Click().marker is None


def test_the_first_point_naming_an_event_wins_and_markers_tell_targets_apart():
    click = decode_click(points(["a"], ["b"]))
    assert click.event == "a" and click.marker == "a"
    assert Click(position="p").marker == POSITION_PREFIX + "p"
    assert Click(cell="c.t").marker == CELL_PREFIX + "c.t"
    assert len({Click(event="x").marker, Click(position="x").marker, Click(cell="x").marker}) == 3
