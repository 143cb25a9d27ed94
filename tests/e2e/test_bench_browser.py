"""The benchmark's browser harness on its smallest size: every figure measured, not their values.

A full `make bench` takes about 20 minutes and CI asserts no times; this checks that the
harness still recognises both apps' paint and click answers and reads every figure.
"""

import pytest

import bench.browser
from bench.attribution import VARIANTS, measure
from bench.browser import measure_pair
from bench.generate import generate_dataset

SIZE = 100


@pytest.fixture(autouse=True)
def _fail_clearly_before_the_test_timeout(monkeypatch):
    # The harness waits up to 15 minutes for 100,000 events; here a missed redraw should fail
    # with its own message (what the chart and the slider showed), not pytest-timeout's.
    monkeypatch.setattr(bench.browser, "TIMEOUT_MS", 100_000)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return generate_dataset(tmp_path_factory.mktemp("bench-browser"), SIZE)


def test_one_pass_of_the_browser_benchmark_measures_every_figure_of_both_apps(browser, dataset):
    figures = measure_pair(browser, dataset.path, cold_starts=1, repeats=1, sessions=1)
    for name in ("app", "baseline"):
        measured = figures[name]
        for key in ("cold_start_s", "open_s", "filter_s", "click_s", "filter_browser_cpu_s", "click_browser_cpu_s"):
            assert measured[key] > 0, (name, key)
        assert measured["view_bytes"] > measured["view_bytes_deflated"] > 0
        assert measured["filter_bytes"] > 0 and measured["click_bytes"] > 0
        assert measured["session_bytes"] is not None and measured["server_rss_bytes"] > 0
    # The app's view carries more than one scatter: a harness that read the wrong page would not.
    assert figures["app"]["view_bytes"] > figures["baseline"]["view_bytes"]


def test_attribution_measures_the_app_with_both_parts_swapped(browser, dataset):
    chosen = [v for v in VARIANTS if v.name in ("baseline", "app, both")]
    medians = measure(browser, dataset.path, repeats=1, rounds=1, variants=chosen)
    assert set(medians) == {"baseline", "app, both"}
    assert all(value > 0 for figures in medians.values() for value in figures.values())


def test_one_round_of_the_figure_redraw_measures_every_variant(browser, dataset):
    from bench.figure_redraw import VARIANTS as REDRAWS
    from bench.figure_redraw import figure_pair
    from bench.figure_redraw import measure as measure_redraws

    medians = measure_redraws(browser, *figure_pair(dataset.path), rounds=1)
    assert list(medians) == list(REDRAWS) and all(ms > 0 for ms in medians.values())


@pytest.mark.parametrize("action", ["filter", "click"])
def test_one_session_of_the_profile_breaks_down_both_apps_action(browser, dataset, tmp_path, action):
    from bench.attribution import chosen_variants
    from bench.profile import BUSY, profile_variants

    results = profile_variants(browser, dataset.path, 1, chosen_variants(["app"], []), tmp_path, action)
    assert list(results) == ["baseline", "app"]
    for name, parts in results.items():
        assert parts["events"][BUSY] > 0 and parts["events"].get("FunctionCall", 0) > 0, name
        assert sum(parts["scripts"].values()) > 0, name
        if action == "filter":  # Plotly redraws the chart: a profile that missed the redraw would not show it
            assert any("plotly" in script.lower() and ms > 0 for script, ms in parts["scripts"].items()), name
    # The app answers a click with its detail panel (markdown), the baseline with one line.
    if action == "click":
        assert any("markdown" in script.lower() and ms > 0 for script, ms in results["app"]["scripts"].items())
