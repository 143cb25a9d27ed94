"""The positions figures: the matrix, an actor's record, and positions on the main timeline."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.positions_data import write_rich_dataset
from timeline.charts.figures import timeline_figure
from timeline.charts.stance_figures import actor_record_figure, stance_matrix_figure
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.loading.schema import STANCES
from timeline.positions.stances import (
    NO_POSITION,
    NO_POSITION_COLOUR,
    STANCE_COLOURS,
    matrix_axes,
    position_chronology,
    stance_matrix,
)
from timeline.vocab import CELL_PREFIX, POSITION_PREFIX

D = dt.date


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    return build_frames(load_dataset(write_rich_dataset(tmp_path_factory.mktemp("rich"))))


@pytest.fixture(scope="module")
def chronology(frames):
    return position_chronology(frames.positions)


def matrix_at(frames, chronology, day):
    actors, themes = matrix_axes(frames)
    return stance_matrix(chronology, day, actors, themes)


def traces(fig, prefix):
    return {t.meta: t for t in fig.data if str(t.meta).startswith(prefix)}


# --- The stance matrix --------------------------------------------------------------------------


def test_matrix_has_a_trace_per_stance_and_one_for_no_position(frames, chronology):
    fig = stance_matrix_figure(matrix_at(frames, chronology, D(2025, 7, 31)))
    assert [t.meta for t in fig.data] == [f"stance:{s}" for s in STANCES] + ["stance:none"]
    assert [t.name for t in fig.data] == [
        "+ supports",
        "± mixed",
        "0 neutral",
        "− skeptical",
        "−− opposes",
        NO_POSITION,
    ]


def test_every_cell_is_drawn_once_and_named_in_customdata(frames, chronology):
    matrix = matrix_at(frames, chronology, D(2025, 7, 31))
    fig = stance_matrix_figure(matrix)
    keys = [row[0] for trace in fig.data for row in trace.customdata]
    assert sorted(keys) == sorted(CELL_PREFIX + cell for cell in matrix["cell"])
    supports = traces(fig, "stance:supports")["stance:supports"]
    assert {row[0] for row in supports.customdata} == {
        "cell:china.cooperation",
        "cell:china.open-sharing",
        "cell:li-qiang.safety",
    }


def test_no_position_looks_unlike_neutral(frames, chronology):
    fig = stance_matrix_figure(matrix_at(frames, chronology, D(2025, 7, 31)))
    by_meta = {t.meta: t for t in fig.data}
    empty, neutral = by_meta["stance:none"], by_meta["stance:neutral"]
    assert empty.marker.color == NO_POSITION_COLOUR
    assert empty.marker.line.color != empty.marker.color  # an outline on white
    assert set(empty.text) == {""}
    assert neutral.marker.color == STANCE_COLOURS["neutral"] != NO_POSITION_COLOUR
    assert neutral.text == ("0*",)  # the EU's "2025" may postdate 31 July 2025
    assert all(t.marker.symbol == "square" for t in fig.data)


def test_uncertain_cells_carry_an_asterisk_and_say_why_on_hover(frames, chronology):
    fig = stance_matrix_figure(matrix_at(frames, chronology, D(2024, 7, 15)))
    supports = {
        row[0]: (text, hover)
        for t in fig.data
        if t.meta == "stance:supports"
        for row, text, hover in zip(t.customdata, t.text, t.hovertext, strict=True)
    }
    text, hover = supports["cell:li-qiang.safety"]
    assert text == "+*"
    assert "may have been stated later" in hover
    assert supports["cell:china.cooperation"][0] == "+"


def test_tied_cells_say_so_on_hover(frames, chronology):
    fig = stance_matrix_figure(matrix_at(frames, chronology, D(2025, 7, 31)))
    opposes = next(t for t in fig.data if t.meta == "stance:opposes")
    hover = dict(zip((row[0] for row in opposes.customdata), opposes.hovertext, strict=True))
    assert "2 positions recorded on this date" in hover["cell:united-states.open-sharing"]


def test_axes_follow_the_matrix_order_with_labels(frames, chronology):
    matrix = matrix_at(frames, chronology, D(2025, 7, 31))
    fig = stance_matrix_figure(matrix, actor_labels={"china": "China"}, theme_labels={"safety": "Safety"})
    assert fig.layout.yaxis.ticktext == ("China", "li-qiang", "united-states", "eu", "reader")
    assert fig.layout.xaxis.ticktext == ("cooperation", "open-sharing", "Safety")
    assert tuple(fig.layout.yaxis.range) == (4.5, -0.5)  # first actor on top
    assert fig.layout.xaxis.fixedrange and fig.layout.yaxis.fixedrange


def test_the_selected_cell_is_framed(frames, chronology):
    matrix = matrix_at(frames, chronology, D(2025, 7, 31))
    assert stance_matrix_figure(matrix).layout.shapes == ()
    assert stance_matrix_figure(matrix, selected="no.such").layout.shapes == ()
    shape = stance_matrix_figure(matrix, selected="united-states.open-sharing").layout.shapes[0]
    # Row 2 (United States), column 1 (Open sharing).
    assert (shape.x0, shape.x1, shape.y0, shape.y1) == pytest.approx((0.52, 1.48, 1.52, 2.48))


def test_matrix_hover_and_labels_escape_the_data():
    matrix = pd.DataFrame(
        {
            "actor": ["a"],
            "theme": ["t"],
            "cell": ["a.t"],
            "id": ["p"],
            "stance": ["supports"],
            "proposition": ["<script>x</script>"],
            "date_label": ["2025"],
            "uncertain": [False],
            "tied": [()],
        }
    )
    fig = stance_matrix_figure(matrix, actor_labels={"a": '<b>"A"</b>'}, theme_labels={"t": "T & U"})
    hover = fig.data[0].hovertext[0]
    assert "<script>" not in hover and "&lt;script&gt;" in hover
    # Quote marks stay as they are: Plotly would show "&quot;" literally.
    assert fig.layout.yaxis.ticktext == ('&lt;b&gt;"A"&lt;/b&gt;',)
    assert fig.layout.xaxis.ticktext == ("T &amp; U",)


# --- An actor's record ------------------------------------------------------------------------


def test_record_draws_each_stance_with_bars_until_superseded(chronology):
    history = chronology[chronology["actor"] == "united-states"]
    fig = actor_record_figure(
        history, theme_labels={"cooperation": "Cooperation", "open-sharing": "Open"}, until=D(2026, 1, 1)
    )
    markers = {t.meta: t for t in fig.data if str(t.meta).startswith("record:")}
    assert set(markers) == {"record:skeptical", "record:opposes", "record:mixed"}
    assert fig.layout.yaxis.ticktext == ("Cooperation", "Open")
    skeptical = next(t for t in fig.data if t.meta == "stands:skeptical")
    # From 10 July 2024 until the opposing position of 26 July 2025 superseded it.
    assert [pd.Timestamp(x) for x in skeptical.x[:2]] == [pd.Timestamp(2024, 7, 10), pd.Timestamp(2025, 7, 26)]
    opposes = next(t for t in fig.data if t.meta == "stands:opposes")
    assert pd.Timestamp(opposes.x[1]) == pd.Timestamp(2026, 1, 1)  # still standing
    assert {row[0] for row in markers["record:opposes"].customdata} == {"us-coop-2025", "us-open-2025-b"}


def test_record_marks_partial_dates_hollow_and_the_as_of_date(chronology):
    history = chronology[chronology["actor"] == "li-qiang"]
    fig = actor_record_figure(history, until=D(2026, 1, 1), as_of=D(2025, 1, 1))
    marker = next(t for t in fig.data if t.meta == "record:supports")
    assert tuple(marker.marker.symbol) == ("triangle-up-open",)  # "July 2024"
    assert fig.layout.shapes[0].x0 == pd.Timestamp(2025, 1, 1)


# --- Positions on the main timeline -----------------------------------------------------------


def test_timeline_without_positions_is_unchanged(frames):
    base = timeline_figure(frames.events)
    assert timeline_figure(frames.events, positions=None).to_json() == base.to_json()
    assert timeline_figure(frames.events, positions=frames.positions.iloc[:0]).to_json() == base.to_json()
    assert not any(t.meta in ("positions", "position-links") for t in base.data)


def test_timeline_positions_trace_routes_to_the_event(frames):
    fig = timeline_figure(frames.events, positions=frames.positions)
    trace = next(t for t in fig.data if t.meta == "positions")
    data = {row[0]: row[1] for row in trace.customdata}
    assert set(data) == {POSITION_PREFIX + pid for pid in frames.positions["id"]}
    assert data["position:china-coop-2025"] == "waic-2025"
    assert data["position:eu-coop-2025"] == ""  # stated at no event
    assert list(trace.marker.color) == [STANCE_COLOURS[s] for s in _stances_in_trace(frames, trace)]
    # The event traces are still there, unchanged in number.
    assert sum(t.meta == "events" for t in fig.data) == sum(
        t.meta == "events" for t in timeline_figure(frames.events).data
    )


def _stances_in_trace(frames, trace):
    stance = dict(zip(frames.positions["id"], frames.positions["stance"], strict=True))
    return [stance[row[0].removeprefix(POSITION_PREFIX)] for row in trace.customdata]


def test_timeline_positions_add_lanes_and_link_to_their_events(frames):
    only_waic = frames.events[frames.events["id"] == "waic-2025"]
    positions = frames.positions[frames.positions["id"].isin(["china-coop-2025", "eu-coop-2025"])]
    fig = timeline_figure(only_waic, positions=positions, lane_labels={"china": "China", "eu": "EU"})
    # The EU has no event shown, but its position needs a lane.
    assert "EU" in fig.layout.yaxis.ticktext
    links = next(t for t in fig.data if t.meta == "position-links")
    assert len(links.x) == 3  # one dotted segment: China's position to WAIC 2025 in China's lane


def test_timeline_positions_by_theme_stand_in_their_theme_lane(frames):
    fig = timeline_figure(frames.events, lane_by="theme", positions=frames.positions)
    trace = next(t for t in fig.data if t.meta == "positions")
    lanes = list(fig.layout.yaxis.ticktext)
    y_of = {row[0]: y for row, y in zip(trace.customdata, trace.y, strict=True)}
    assert lanes[round(y_of["position:li-safety-2024"] - 0.4)] == "safety"


def test_timeline_position_hover_is_escaped(frames):
    positions = frames.positions.head(1).assign(proposition="<img src=x>")
    fig = timeline_figure(frames.events, positions=positions)
    hover = next(t for t in fig.data if t.meta == "positions").text[0]
    assert "<img" not in hover and "&lt;img" in hover
