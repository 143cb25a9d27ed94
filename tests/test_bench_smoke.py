"""The benchmark harness on its smallest size, without a browser: shape of the output, not times."""

import json

import pytest

from bench.__main__ import main
from bench.core import measure_core
from bench.generate import generate_dataset
from bench.limits import DEFAULT_MAX_BYTES, lift_limits, within_limits
from bench.report import format_table
from timeline import yamlsrc
from timeline.load import load_dataset

SIZE = 100


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    return generate_dataset(tmp_path_factory.mktemp("bench"), SIZE)


def test_generated_dataset_validates_with_every_quote_found(generated):
    dataset = load_dataset(generated.path)  # raises DatasetError on any problem, quotes included
    assert len(dataset.events) == generated.events == SIZE
    assert len(dataset.sources) == generated.sources
    assert len(dataset.positions) == generated.positions
    assert {len(e.actors) for e in dataset.events} >= {1, 2}  # several actors per event, sometimes
    assert len({t for e in dataset.events for t in e.themes}) > 3
    assert {e.date.precision.value for e in dataset.events} == {"day", "month", "year"}


def test_generation_is_deterministic(generated, tmp_path):
    again = generate_dataset(tmp_path, SIZE)
    assert again.path.read_bytes() == generated.path.read_bytes()


def test_core_measurement_reports_every_figure(generated):
    figures = measure_core(generated.path, repeats=1)
    timings = ("parse_floor_s", "data_path_s", "interaction_full_s", "interaction_narrowed_s")
    assert all(figures[name] > 0 for name in timings)
    assert figures["data_path_ratio"] == pytest.approx(figures["data_path_s"] / figures["parse_floor_s"])
    assert figures["events"] == SIZE


def test_quick_run_without_browser_writes_the_table_and_json(tmp_path, capsys):
    output = tmp_path / "latest.json"
    assert main(["--quick", "--no-browser", "--output", str(output)]) == 0
    document = json.loads(output.read_text())
    assert {"date", "command", "machine", "settings", "results", "targets", "verdicts"} <= set(document)
    assert document["machine"]["nproc"] >= 1
    (row,) = document["results"]
    assert row["dataset"]["events"] == SIZE and "app" not in row
    assert row["core"]["data_path_s"] > 0
    printed = capsys.readouterr().out
    assert format_table(document["results"]) in printed
    header, _, first = format_table(document["results"]).splitlines()
    assert header.split("|")[1].strip() == "events" and first.split("|")[1].strip() == str(SIZE)


def test_a_file_over_the_default_limit_still_counts_as_over_once_limits_are_lifted(tmp_path, monkeypatch):
    # The bench lifts the limits in its own process; the app's servers keep the defaults.
    monkeypatch.setattr(yamlsrc, "MAX_BYTES", yamlsrc.MAX_BYTES)
    monkeypatch.setattr(yamlsrc, "MAX_VALUES", yamlsrc.MAX_VALUES)
    big, small = tmp_path / "big.yaml", tmp_path / "small.yaml"
    with big.open("wb") as handle:
        handle.truncate(yamlsrc.MAX_BYTES + 1)
    small.write_text("events: []\n")
    lift_limits()
    assert yamlsrc.MAX_BYTES > DEFAULT_MAX_BYTES
    assert not within_limits(big) and within_limits(small)


def test_memory_per_session_is_the_slope_over_every_reading():
    from bench.browser import rss_slope

    assert rss_slope([100, 110, 120, 130]) == pytest.approx(10)
    # least squares over every reading, not the end points' (140 - 100) / 4 = 10
    assert rss_slope([100, 150, 120, 130, 140]) == pytest.approx(6)
    assert rss_slope([100]) == 0.0
