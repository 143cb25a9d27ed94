"""The density strip that replaces markers when a view has too many points to draw."""

import numpy as np
import pandas as pd
import pytest

from timeline.charts import figures
from timeline.charts.density import density_counts
from timeline.charts.figures import timeline_figure
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset


@pytest.fixture
def frames(good_path):
    return build_frames(load_dataset(good_path))


def traces(fig, meta):
    return [t for t in fig.data if t.meta == meta]


def test_counts_put_each_point_in_its_lane_and_period():
    anchors = pd.Series(pd.to_datetime(["2020-01-01", "2020-01-02", "2020-12-31", "2020-12-30"]))
    counts, middles = density_counts(np.array([0, 0, 1, 0]), anchors, lane_count=2, bins=4)
    assert counts.tolist() == [[2, 0, 0, 1], [0, 0, 0, 1]]
    assert list(middles) == sorted(middles) and len(middles) == 4


def test_one_day_of_data_still_has_periods():
    anchors = pd.Series(pd.to_datetime(["2024-07-04"] * 3))
    counts, _ = density_counts(np.array([0, 1, 1]), anchors, lane_count=2, bins=10)
    assert counts.sum(axis=1).tolist() == [1, 2]


@pytest.mark.parametrize(
    ("threshold", "density_shown"),
    [
        (3, True),  # 5 lane points (li-proposes names two actors) are over 3
        (5, False),  # at the threshold: markers
    ],
)
def test_too_many_points_become_a_density_strip(frames, monkeypatch, threshold, density_shown):
    monkeypatch.setattr(figures, "DENSITY_THRESHOLD", threshold)
    fig = timeline_figure(frames.events)
    assert bool(traces(fig, "density")) == density_shown
    assert bool(traces(fig, "events")) != density_shown


def test_density_strip_counts_every_lane_point_under_the_lane_ticks(frames, monkeypatch):
    monkeypatch.setattr(figures, "DENSITY_THRESHOLD", 1)
    labels = dict(zip(frames.actors["id"], frames.actors["name"], strict=False))
    fig = timeline_figure(frames.events, lane_labels=labels)
    strip = traces(fig, "density")[0]
    per_lane = np.nansum(np.array(strip.z, dtype=float), axis=1).tolist()
    assert dict(zip(fig.layout.yaxis.ticktext, per_lane, strict=True)) == {
        "China": 2,
        "Li Qiang": 1,
        "United States": 1,
        "A forum reader": 1,
    }
    assert list(strip.y) == list(fig.layout.yaxis.tickvals)


def test_density_hover_escapes_lane_names(frames, monkeypatch):
    monkeypatch.setattr(figures, "DENSITY_THRESHOLD", 1)
    fig = timeline_figure(frames.events, lane_labels={"china": "<script>x</script>"})
    names = {row[0] for row in traces(fig, "density")[0].text}
    assert "&lt;script&gt;x&lt;/script&gt;" in names
    assert not any("<script>" in name for name in names)
