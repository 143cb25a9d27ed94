"""BuiltFigure: the dict form st.plotly_chart asks for on every rerun is made once."""

import json

import plotly.graph_objects as go
import plotly.io as pio
import plotly.tools
import pytest

from timeline.charts import figures
from timeline.charts.built_figure import BuiltFigure
from timeline.charts.figures import timeline_figure
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset


@pytest.fixture
def frames(good_path):
    return build_frames(load_dataset(good_path))


def chart_spec(fig) -> dict:
    """What st.plotly_chart sends for a figure (streamlit/elements/plotly_chart.py), parsed."""
    figure = plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)
    return json.loads(pio.to_json(figure, validate=False))


@pytest.mark.parametrize("density", [False, True])
def test_timeline_figures_are_built_figures_that_send_what_a_plain_copy_sends(frames, monkeypatch, density):
    if density:
        monkeypatch.setattr(figures, "DENSITY_THRESHOLD", 1)
    fig = timeline_figure(frames.events)
    assert isinstance(fig, BuiltFigure)
    plain = go.Figure(fig)
    assert type(plain) is go.Figure
    assert chart_spec(fig) == chart_spec(plain)
    assert chart_spec(fig) == chart_spec(fig)  # the second time from the kept dict


def test_the_dict_is_made_once(frames, monkeypatch):
    fig = timeline_figure(frames.events)
    calls = []
    made = go.Figure.to_dict
    monkeypatch.setattr(go.Figure, "to_dict", lambda self: calls.append(1) or made(self))
    first, second = fig.to_dict(), fig.to_dict()
    assert first is second
    assert calls == [1]


def test_a_copy_changes_without_touching_the_built_figure(frames):
    fig = timeline_figure(frames.events)
    before = chart_spec(fig)
    copy = go.Figure(fig)
    copy.update_layout(title="changed", template="plotly_dark")
    assert chart_spec(fig) == before
    assert chart_spec(copy)["layout"]["title"]["text"] == "changed"
