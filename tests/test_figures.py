"""The timeline figure: lanes, markers, ranges, partial-date spans, escaping."""

import re

import plotly.graph_objects as go
import pytest

from tests.positions_data import write_rich_dataset
from timeline.charts import figures
from timeline.charts.figures import PALETTE, WEBGL_THRESHOLD, timeline_figure
from timeline.charts.label_width import label_margin_px
from timeline.charts.legend import SYMBOL_GLYPHS
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset


@pytest.fixture
def frames(good_path):
    return build_frames(load_dataset(good_path))


def traces(fig, meta):
    return [t for t in fig.data if t.meta == meta]


def markers_by_id(fig):
    """Each event marker's (colour, symbol, hover text), by event id (first lane's marker)."""
    found = {}
    for t in traces(fig, "events"):
        for (event_id,), colour, symbol, text in zip(
            t.customdata, t.marker.color, t.marker.symbol, t.text, strict=True
        ):
            found.setdefault(event_id, (colour, symbol, text))
    return found


def lane_names(fig):
    return list(fig.layout.yaxis.ticktext)


def test_actor_lanes_hold_each_event_of_each_actor(frames):
    labels = dict(zip(frames.actors["id"], frames.actors["name"], strict=False))
    fig = timeline_figure(frames.events, lane_by="actor", lane_labels=labels)
    assert lane_names(fig) == ["China", "Li Qiang", "United States", "A forum reader"]
    ids = [i for t in traces(fig, "events") for i in t.customdata.ravel()]
    # li-proposes names two actors, so it stands in two lanes
    assert sorted(ids) == sorted(["li-proposes", "li-proposes", "us-plan", "conference-2025", "forum-2024"])


def test_theme_lanes_put_untagged_events_in_a_none_lane(frames):
    labels = dict(zip(frames.themes["id"], frames.themes["label"], strict=False))
    fig = timeline_figure(frames.events, lane_by="theme", lane_labels=labels)
    assert lane_names(fig) == ["International cooperation", "Open sharing", "(none)"]


def legend_text(fig) -> str:
    (legend,) = [a for a in fig.layout.annotations if a.name == "legend"]
    return legend.text


def legend_entries(fig) -> list[tuple[str, str, str]]:
    """The legend's (colour, glyph, label) entries, in order."""
    pattern = r'<span style="color:([^;]+);font-size:\d+px">(.)</span>\u00a0([^\u2003<]+)'
    return re.findall(pattern, legend_text(fig))


def test_one_marker_trace_coloured_per_point_and_a_legend_entry_per_colour(frames):
    fig = timeline_figure(frames.events, colour_by="type")
    assert len(traces(fig, "events")) == 1  # one trace: a redraw costs per trace (docs/performance.md)
    assert fig.layout.showlegend is False and not any(t.showlegend for t in fig.data)
    entries = legend_entries(fig)
    assert [label for _, _, label in entries] == [
        "conference",
        "policy",
        "proposal",
        "statement",
        "uncertain date: the whole month or year",  # forum-2024 is known only to the year
    ]
    assert [colour for colour, _, _ in entries[:4]] == list(PALETTE[:4])
    colour_of_type = {label: colour for colour, _, label in entries}
    types = dict(zip(frames.events["id"], frames.events["type"].astype(str), strict=True))
    for event_id, (colour, _, _) in markers_by_id(fig).items():
        assert colour == colour_of_type[types[event_id]], event_id


def test_colours_past_the_palette_change_symbol_in_the_chart_and_the_legend(frames):
    # Each row twice, each with an id and a type of its own: more colours than the palette holds.
    many = frames.events.loc[frames.events.index.repeat(2)]
    many = many.assign(id=[f"e-{i:02}" for i in range(len(many))], type=[f"type-{i:02}" for i in range(len(many))])
    assert len(many) > len(PALETTE)
    fig = timeline_figure(many, colour_by="type")
    glyphs = [glyph for _, glyph, _ in legend_entries(fig)]
    assert glyphs[: len(PALETTE) + 1] == ["●"] * len(PALETTE) + ["◆"]
    symbols = {i: s.removesuffix("-open") for (i,), s in zip(*_marker_columns(fig), strict=True)}
    assert symbols["e-06"] == "circle" and symbols["e-07"] == "diamond"  # the 7th and 8th types, as in the legend


def _marker_columns(fig):
    (markers,) = traces(fig, "events")
    return markers.customdata, markers.marker.symbol


def test_the_legend_sits_above_the_plot_and_the_lanes_keep_their_height(frames, monkeypatch):
    many = frames.events.loc[frames.events.index.repeat(4)]
    many = many.assign(type=[f"a-longer-type-name-{i:02}" for i in range(len(many))])
    short = timeline_figure(frames.events.iloc[:1], colour_by="type")
    long = timeline_figure(many, colour_by="type")
    assert legend_text(short).count("<br>") == 0 and legend_text(long).count("<br>") >= 3
    monkeypatch.setattr(figures, "add_legend", lambda layout, entries: None)
    unlabelled = {"short": timeline_figure(frames.events.iloc[:1]), "long": timeline_figure(many)}
    for name, fig in (("short", short), ("long", long)):
        lines = legend_text(fig).count("<br>") + 1
        (legend,) = [a for a in fig.layout.annotations if a.name == "legend"]
        assert (legend.yref, legend.y, legend.yanchor) == ("paper", 1, "bottom") and legend.yshift > 0
        assert fig.layout.margin.t == unlabelled[name].layout.margin.t + 15 * lines  # room above the dates
        assert plot_height(fig) == plot_height(unlabelled[name])  # the lanes keep their height


def plot_height(fig) -> int:
    return fig.layout.height - fig.layout.margin.t - fig.layout.margin.b


def test_every_marker_symbol_has_a_legend_glyph():
    assert set(figures.SYMBOLS) <= set(SYMBOL_GLYPHS)


def test_partial_dates_are_hollow_and_spanned(frames):
    fig = timeline_figure(frames.events)
    shown = markers_by_id(fig)
    assert shown["forum-2024"][1] == "circle-open"  # year precision
    assert shown["us-plan"][1].endswith("-open") is False  # a day
    spans = traces(fig, "spans")[0]
    # the year-precision event spans the whole of 2024
    assert [str(x)[:10] for x in spans.x if x is not None] == ["2024-01-01", "2024-12-31"]


def test_ranges_are_bars_from_start_to_end(frames):
    bars = traces(timeline_figure(frames.events), "ranges")[0]
    assert list(bars.customdata.ravel()) == ["conference-2025"]
    assert list(bars.base) == ["2025-07-01"]
    assert bars.x[0] == (31 + 31) * 86_400_000  # 1 July to the end of 31 August, inclusive


def test_hover_labels_escape_data(frames):
    events = frames.events.copy()
    events.loc[0, "title"] = "<img src=x onerror=alert(1)>"
    fig = timeline_figure(events)
    texts = [text for t in traces(fig, "events") for text in t.text]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in text for text in texts)
    assert not any("<img" in text for text in texts)


def test_layout_has_a_date_axis_and_explicit_template(frames):
    fig = timeline_figure(frames.events)
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.template.layout.paper_bgcolor is not None  # plotly_white, not the default


@pytest.mark.parametrize("density", [False, True])
def test_range_slider_only_when_asked_for(frames, monkeypatch, density):
    # Off by default: it nearly triples the browser's redraw time of a large view.
    if density:
        monkeypatch.setattr(figures, "DENSITY_THRESHOLD", 1)
    assert timeline_figure(frames.events).layout.xaxis.rangeslider.visible is not True
    with_slider = timeline_figure(frames.events, range_slider=True)
    assert with_slider.layout.xaxis.rangeslider.visible is True
    assert bool(traces(with_slider, "density")) == density


def test_many_points_switch_to_webgl(frames):
    import pandas as pd

    many = pd.concat([frames.events] * (WEBGL_THRESHOLD // len(frames.events) + 1), ignore_index=True)
    fig = timeline_figure(many)
    assert {t.type for t in traces(fig, "events")} == {"scattergl"}


def test_hover_flags_disputed_events(frames):
    fig = timeline_figure(frames.events)
    shown = markers_by_id(fig)
    assert shown["us-plan"][2].endswith("<br>⚖ disputed: date")  # us-plan has a date dispute
    assert "disputed" not in shown["li-proposes"][2]


def test_events_close_in_time_stack_in_a_taller_lane(frames):
    import pandas as pd

    from timeline.charts.figures import STACK_STEP

    twins = frames.events[frames.events["id"] == "us-plan"]
    crowded = pd.concat([frames.events, twins.assign(id="us-plan-2"), twins.assign(id="us-plan-3")], ignore_index=True)
    names = dict(zip(frames.actors["id"], frames.actors["name"], strict=True))
    fig = timeline_figure(crowded, lane_labels=names, labels="off")  # labelled, sub-rows: test_figure_labels.py
    ys = {i: y for t in traces(fig, "events") for (i,), y in zip(t.customdata, t.y, strict=True)}
    stacked = sorted(ys[i] for i in ("us-plan", "us-plan-2", "us-plan-3"))
    # three markers on one day: three rows, one step apart, none hiding another
    assert [round(b - a, 6) for a, b in zip(stacked, stacked[1:], strict=False)] == [STACK_STEP, STACK_STEP]
    ticks = dict(zip(fig.layout.yaxis.ticktext, fig.layout.yaxis.tickvals, strict=True))
    assert ticks["United States"] == pytest.approx(sum(stacked) / 3)  # the label sits mid-lane
    # the lane grew to hold the stack, and the lanes below moved down
    us_top = min(stacked) - STACK_STEP / 2
    assert ticks["Li Qiang"] < us_top < ticks["A forum reader"] - 0.5


@pytest.fixture
def rich_frames(tmp_path):
    return build_frames(load_dataset(write_rich_dataset(tmp_path)))


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"lane_by": "theme", "colour_by": "theme"},
        {"range_slider": True},
        {"positions": True},
        {"positions": True, "lane_by": "theme"},
        {"webgl": True},
    ],
    ids=["default", "themes", "slider", "positions", "positions-by-theme", "webgl"],
)
def test_every_kind_of_figure_passes_plotly_validation(frames, rich_frames, monkeypatch, options):
    # Figures are built unvalidated (for speed): plotly.py's validation must accept them whole.
    options = dict(options)
    if options.pop("webgl", False):
        monkeypatch.setattr(figures, "WEBGL_THRESHOLD", 0)
    if options.pop("positions", False):
        options["positions"] = rich_frames.positions
    drawn = set()
    for events in (frames.events, rich_frames.events):  # partial dates in one, ranges in the other
        fig = timeline_figure(events, **options)
        go.Figure(fig.to_dict())  # raises ValueError naming any property plotly does not know
        drawn |= {trace.meta for trace in fig.data}
    assert {"events", "ranges", "spans"} <= drawn
    assert ("positions" in drawn) == ("positions" in options)


def test_the_validation_check_catches_a_misspelt_property(rich_frames):
    spec = timeline_figure(rich_frames.events).to_dict()
    spec["data"][0]["hovertemplat"] = "%{text}"
    with pytest.raises(ValueError, match="hovertemplat"):
        go.Figure(spec)


@pytest.mark.parametrize("density", [False, True])
def test_the_left_margin_holds_the_lane_labels(frames, monkeypatch, density):
    # Sized up front, so Plotly's automargin never redraws the chart to widen it.
    if density:
        monkeypatch.setattr(figures, "DENSITY_THRESHOLD", 1)
    names = {"china": "People's Republic of China (a lane label longer than the cut)"}
    fig = timeline_figure(frames.events, lane_labels=names)
    shown = list(fig.layout.yaxis.ticktext)
    assert "People's Republic of China…" in shown  # cut to 28 characters: the width is of what is drawn
    assert fig.layout.margin.l == label_margin_px(shown) > label_margin_px(["united-states"])


def test_a_view_shorter_than_two_months_is_shown_two_months_wide(frames):
    # Fitted to one day, Plotly would zoom into hours and label ticks by the millisecond.
    one = frames.events[frames.events["id"] == "us-plan"]  # 23 July 2025
    assert list(timeline_figure(one, labels="off").layout.xaxis.range) == ["2025-06-23", "2025-08-22"]
    assert timeline_figure(frames.events, labels="off").layout.xaxis.range is None  # years: Plotly fits the data


def test_the_short_view_range_holds_the_positions_too(frames, rich_frames):
    one = frames.events[frames.events["id"] == "us-plan"]
    fig = timeline_figure(one, positions=rich_frames.positions, labels="off")  # positions from other years
    assert fig.layout.xaxis.range is None
