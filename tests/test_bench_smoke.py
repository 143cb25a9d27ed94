"""The benchmark harness on its smallest size, without a browser: shape of the output, not times."""

import json

import pytest

from bench.__main__ import main
from bench.core import measure_core
from bench.generate import generate_dataset
from bench.limits import LIFTED, within_limits
from bench.report import format_table
from timeline.loading import yamlsrc
from timeline.loading.load import load_dataset
from timeline.loading.yamlsrc import DEFAULT_LIMITS

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


def test_the_lifted_limits_open_a_file_the_default_limits_refuse_and_change_no_module_constant(tmp_path):
    # The bench passes its limits to the loader; the app's servers and the rest of the process keep the defaults.
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(DEFAULT_LIMITS.max_bytes + 1)
    small = tmp_path / "small.yaml"
    small.write_text("events: []\n")
    assert not within_limits(big) and within_limits(small)
    with pytest.raises(yamlsrc.YamlProblem, match="the limit is 20,971,520"):
        yamlsrc.read_limited(big)
    assert len(yamlsrc.read_limited(big, LIFTED.max_bytes)) == DEFAULT_LIMITS.max_bytes + 1
    assert (yamlsrc.MAX_BYTES, yamlsrc.MAX_VALUES) == (DEFAULT_LIMITS.max_bytes, DEFAULT_LIMITS.max_values)
    assert LIFTED.max_bytes > DEFAULT_LIMITS.max_bytes and LIFTED.max_values > DEFAULT_LIMITS.max_values


def test_memory_per_session_is_the_slope_over_every_reading():
    from bench.browser import rss_slope

    assert rss_slope([100, 110, 120, 130]) == pytest.approx(10)
    # least squares over every reading, not the end points' (140 - 100) / 4 = 10
    assert rss_slope([100, 150, 120, 130, 140]) == pytest.approx(6)
    assert rss_slope([100]) == 0.0


def test_browser_cpu_is_the_main_threads_thread_time():
    from bench.browser import thread_time

    metrics = [{"name": "TaskDuration", "value": 9.0}, {"name": "ThreadTime", "value": 1.25}]
    assert thread_time(metrics) == 1.25
    with pytest.raises(KeyError, match="ThreadTime"):
        thread_time([{"name": "TaskDuration", "value": 9.0}])


def _browser_row(filter_cpu: float | None) -> dict:
    app = {"cold_start_s": 4.4, "filter_s": 0.4, "click_s": 0.2, "view_bytes": 80_000, "view_bytes_deflated": 14_000}
    app |= {"session_bytes": 2e5, "server_cpu_s": 0.1}
    base = {"cold_start_s": 4.0, "filter_s": 0.25, "click_s": 0.16}
    if filter_cpu is not None:
        app |= {"filter_browser_cpu_s": filter_cpu, "click_browser_cpu_s": 0.2}
        base |= {"filter_browser_cpu_s": 0.2, "click_browser_cpu_s": 0.08}
    return {"dataset": {"events": SIZE, "bytes": 90_000}, "core": {}, "app": app, "baseline": base}


def test_the_table_gives_browser_cpu_beside_wall_clock_and_a_dash_for_older_results():
    from bench.report import table_row

    row = table_row(_browser_row(0.42))
    assert row["filter s app/base"] == "0.40/0.25 (1.60x)"
    assert row["browser cpu s filter app/base"] == "0.42/0.20 (2.10x)"
    assert row["browser cpu s click app/base"] == "0.20/0.08 (2.50x)"
    older = table_row(_browser_row(None))  # results written before browser CPU was measured
    assert older["browser cpu s filter app/base"] == "-" and older["filter s app/base"] == "0.40/0.25 (1.60x)"


def test_swaps_are_named_parts_and_unknown_names_are_refused():
    from bench.swaps import parse_swaps

    assert parse_swaps("") == ()
    assert parse_swaps(" sidebar , figure ") == ("sidebar", "figure")
    with pytest.raises(ValueError, match="unknown part.*sidebars"):
        parse_swaps("sidebars")


def test_attribution_table_gives_each_variant_as_a_ratio_to_the_baseline():
    from bench.attribution import FIGURES, format_attribution

    base = dict.fromkeys(FIGURES, 0.2)
    app = {**base, "filter_s": 0.3}
    header, rule, *rows = format_attribution({"baseline": base, "app": app}).splitlines()
    assert header.split("|")[2].strip() == "filter_s" and rule.startswith("|---|")
    assert rows[0].startswith("| baseline | 0.200 (1.00x)")
    assert rows[1].startswith("| app | 0.300 (1.50x) | 0.200 (1.00x)")


@pytest.mark.parametrize(
    ("swaps", "sidebar_widgets", "traces", "finders"),
    [
        ("", 6, None, 1),
        ("sidebar", 1, None, 1),
        ("figure", 6, 1, 1),
        ("sidebar,figure", 1, 1, 1),
        ("selector", 6, None, 0),
        ("sidebar,figure,selector", 1, 1, 0),
    ],
)
def test_the_counterfactual_app_swaps_only_the_named_parts(monkeypatch, swaps, sidebar_widgets, traces, finders):
    from streamlit.testing.v1 import AppTest

    from bench.servers import COUNTERFACTUAL_APP
    from bench.swaps import SWAP_ENV

    monkeypatch.setenv(SWAP_ENV, swaps)
    at = AppTest.from_file(str(COUNTERFACTUAL_APP), default_timeout=60).run()
    assert not at.exception
    widgets = [e for e in at.sidebar if type(e).__name__ not in {"SpecialBlock", "Header", "Divider", "Markdown"}]
    assert len(widgets) == sidebar_widgets
    assert [e.label for e in at.main.expander].count("Find an event by name") == finders
    (chart,) = at.get("plotly_chart")
    spec = json.loads(chart.proto.spec)
    if traces is None:
        assert len(spec["data"]) > 1 and legend_annotations(spec)  # the app's own figure
    else:
        assert len(spec["data"]) == traces and spec["data"][0]["type"] == "scatter"


def legend_annotations(spec: dict) -> list[dict]:
    return [a for a in spec["layout"].get("annotations", []) if a.get("name") == "legend"]


def test_the_redraw_variants_draw_the_same_markers(generated):
    from bench.figure_redraw import figure_pair, variant

    def traces(spec, meta):
        return [t for t in spec["data"] if meta is None or t.get("meta") == meta]

    def markers(spec, meta="events"):
        found = traces(spec, meta)
        return sorted(zip((x for t in found for x in t["x"]), (y for t in found for y in t["y"]), strict=True))

    before, after = figure_pair(generated.path)
    assert 0 < len(markers(after)) < len(markers(before))  # the last year only
    (app_markers,) = traces(before, "events")
    split = variant(before, "one trace per colour")
    per_colour = traces(split, "events")
    assert len(per_colour) == len(set(app_markers["marker"]["color"])) > 1
    assert all(isinstance(t["marker"]["color"], str) for t in per_colour)
    assert markers(split) == markers(before)
    baseline = variant(before, "baseline")
    assert len(baseline["data"]) == 1 and markers(baseline, None) == markers(before)
    assert not variant(before, "app without lane rules")["layout"]["shapes"] and before["layout"]["shapes"]
    assert not legend_annotations(variant(before, "app without legend")) and legend_annotations(before)
    assert not any("text" in t for t in variant(before, "app without hover texts")["data"])
    assert not traces(variant(before, "app without date spans"), "spans") and traces(before, "spans")
    assert not traces(variant(before, "app without range bars"), "ranges") and traces(before, "ranges")
    assert markers(variant(before, "app without legend")) == markers(before)
    labelled_before, _ = figure_pair(generated.path, labels="on")
    assert traces(labelled_before, "labels") and not traces(variant(labelled_before, "app without labels"), "labels")
    as_notes = variant(labelled_before, "labels as annotations")
    (labels,) = traces(labelled_before, "labels")
    assert not traces(as_notes, "labels")
    assert len(as_notes["layout"]["annotations"]) == len(labels["text"]) + len(labelled_before["layout"]["annotations"])
    with pytest.raises(ValueError, match="unknown variant"):
        variant(before, "two traces")


def test_format_redraws_gives_ratios_to_the_baseline():
    from bench.figure_redraw import format_redraws

    rows = format_redraws(1000, {"app": 30.0, "baseline": 10.0}).splitlines()
    assert rows[0].startswith("| 1,000 events |")
    assert rows[2:] == ["| app | 30.0 | 3.00x |", "| baseline | 10.0 | 1.00x |"]


def test_attribution_variants_can_be_chosen_and_other_checkouts_added(tmp_path):
    from bench.attribution import VARIANTS, chosen_variants

    assert chosen_variants(None, []) == VARIANTS
    assert [v.name for v in chosen_variants(["app"], [])] == ["baseline", "app"]
    with pytest.raises(SystemExit, match="unknown variant.*apps"):
        chosen_variants(["apps"], [])
    other = tmp_path / "old" / "app.py"
    with pytest.raises(SystemExit, match="not a file"):
        chosen_variants(["app"], [other])
    other.parent.mkdir()
    other.write_text("")
    added = chosen_variants(["app"], [other])[-1]
    assert added.name == f"app at {other.parent}" and added.kind.script == other.resolve()
    assert added.kind.detail == VARIANTS[1].kind.detail  # recognised as the app's click answer


def test_attribution_names_the_variant_an_interaction_failed_in(monkeypatch, tmp_path):
    from bench import attribution

    class StubServer:
        stopped = False

        def wait_healthy(self, timeout):
            pass

        def stop(self):
            self.stopped = True

    server = StubServer()
    monkeypatch.setattr(attribution.Variant, "server", lambda self, data: server)

    def times_out(*_args):
        raise TimeoutError("chart not redrawn")

    monkeypatch.setattr(attribution, "interact", times_out)
    (app,) = [v for v in attribution.VARIANTS if v.name == "app"]
    with pytest.raises(RuntimeError, match=r"^app: TimeoutError\('chart not redrawn'\)"):
        attribution.measure(None, tmp_path / "events.yaml", 1, 1, (app,))
    assert server.stopped


def _span(name, ts, dur, tid=1):
    return {"name": name, "ph": "X", "pid": 7, "tid": tid, "ts": ts, "dur": dur}


def test_main_thread_self_time_subtracts_nested_events_and_ignores_other_threads():
    from bench.profile import BUSY, main_thread_times

    events = [
        {"name": "thread_name", "ph": "M", "pid": 7, "tid": 1, "args": {"name": "CrRendererMain"}},
        {"name": "thread_name", "ph": "M", "pid": 7, "tid": 2, "args": {"name": "Compositor"}},
        _span("RunTask", 0, 10_000),
        _span("FunctionCall", 1_000, 6_000),
        _span("UpdateLayoutTree", 2_000, 1_000),  # inside FunctionCall
        _span("Paint", 8_000, 1_000),  # inside RunTask, after FunctionCall
        _span("RunTask", 20_000, 2_000),
        _span("Paint", 0, 50_000, tid=2),  # another thread: not the page's main thread
        {"name": "Instant", "ph": "I", "pid": 7, "tid": 1, "ts": 3_000},
    ]
    times = main_thread_times(events)
    assert times[BUSY] == pytest.approx(12.0)
    assert times["RunTask"] == pytest.approx(3.0 + 2.0)
    assert times["FunctionCall"] == pytest.approx(5.0)
    assert times["UpdateLayoutTree"] == pytest.approx(1.0)
    assert times["Paint"] == pytest.approx(1.0)
    assert sum(v for k, v in times.items() if k != BUSY) == pytest.approx(times[BUSY])


def test_script_self_time_is_by_file_without_build_hash_and_without_idle():
    from bench.profile import script_times

    def node(node_id, url, function="f"):
        return {"id": node_id, "callFrame": {"url": url, "functionName": function}}

    profile = {
        "nodes": [
            node(1, "", "(idle)"),
            node(2, "http://127.0.0.1:8501/static/js/PlotlyChart.D9Z0_fxz.js"),
            node(3, "http://127.0.0.1:8501/static/js/react-dom.Dzbslgj4.js?v=1"),
            node(4, "", "(program)"),
            node(5, "http://127.0.0.1:8501/static/js/app.js"),
        ],
        "samples": [1, 2, 2, 3, 4, 5],
        "timeDeltas": [9_000, 1_000, 500, 250, 2_000, 100],
    }
    assert script_times(profile) == {
        "PlotlyChart.js": pytest.approx(1.5),
        "react-dom.js": pytest.approx(0.25),
        "(program)": pytest.approx(2.0),
        "app.js": pytest.approx(0.1),
    }


def test_profile_table_puts_busy_time_first_and_gives_differences_from_the_baseline():
    from bench.profile import BUSY, format_breakdown

    results = {
        "baseline": {"events": {BUSY: 100.0, "FunctionCall": 40.0, "Paint": 5.0}},
        "app": {"events": {BUSY: 150.0, "FunctionCall": 90.0, "Layout": 7.0}},
    }
    lines = format_breakdown(results, "events", "event", rows=2).splitlines()
    assert lines[0] == "| event | baseline | app | app − baseline |"
    assert lines[2] == f"| {BUSY} | 100.0 | 150.0 | +50.0 |"
    assert lines[3] == "| FunctionCall | 40.0 | 90.0 | +50.0 |"
    assert lines[4] == "| Layout | 0.0 | 7.0 | +7.0 |"  # the two largest rows; Paint (5 ms) is cut
    assert len(lines) == 5


def test_ratio_spread_brackets_the_ratio_and_widens_with_noisier_runs():
    from bench.report import ratio_spread

    base = [0.20, 0.21, 0.22, 0.23, 0.24]
    steady = ratio_spread([0.30, 0.31, 0.33, 0.34, 0.36], base)
    noisy = ratio_spread([0.20, 0.25, 0.33, 0.45, 0.60], base)
    assert steady[0] <= 0.33 / 0.22 <= steady[1]
    assert noisy[1] - noisy[0] > 3 * (steady[1] - steady[0])
    assert ratio_spread([0.3] * 5, [0.2] * 5) == pytest.approx((1.5, 1.5))
    assert ratio_spread([0.3, 0.3], [0.2, 0.2]) is None  # two pairs say nothing of a spread
    assert ratio_spread(base, base) == ratio_spread(base, base)  # the same runs, the same range


def test_ratio_spread_keeps_each_interleaved_pair_together():
    from bench.report import ratio_spread

    # Background load moves both apps' runs alike: resampled as pairs, the ratio holds still.
    base = [0.1, 0.2, 0.4, 0.8, 1.6]
    assert ratio_spread([1.5 * b for b in base], base) == pytest.approx((1.5, 1.5))


def test_the_table_gives_the_spread_of_each_ratio_where_the_run_has_it():
    from bench.report import table_row

    row = _browser_row(0.42) | {"ratio_spreads": {"filter": [1.41, 1.83], "cold_start": None}}
    cells = table_row(row)
    assert cells["filter s app/base"] == "0.40/0.25 (1.60x, 1.41–1.83)"
    assert cells["cold s app/base"] == "4.40/4.00 (1.10x)"
    assert cells["click s app/base"] == "0.20/0.16 (1.25x)"  # no spread recorded for it


def test_measured_summary_keeps_the_timings_runs_in_order_for_the_spread():
    from bench.browser import Measured

    measured = Measured(filter_s=[0.3, 0.1, 0.2], view_bytes=[10, 20])
    summary = measured.summary()
    assert summary["filter_s"] == 0.2 and summary["view_bytes"] == 15
    assert summary["samples"]["filter_s"] == [0.3, 0.1, 0.2]
    assert "view_bytes" not in summary["samples"]


def test_each_browser_ratio_comes_with_its_spread(monkeypatch):
    import bench.browser
    from bench.__main__ import RATIOS, _browser_figures

    def figures(scale: float) -> dict:
        runs = {key: [scale * t for t in (0.2, 0.3, 0.25, 0.22, 0.28)] for _, key in RATIOS}
        return {**{key: bench.browser._median(values) for key, values in runs.items()}, "samples": runs}

    monkeypatch.setattr(bench.browser, "measure_pair", lambda *args: {"app": figures(1.2), "baseline": figures(1.0)})
    result = _browser_figures(None, None, 1, 5, 1)
    assert set(result["ratio_spreads"]) == {name for name, _ in RATIOS} == set(result["ratios"])
    for name, spread in result["ratio_spreads"].items():
        assert spread == pytest.approx((1.2, 1.2)) and result["ratios"][name] == pytest.approx(1.2)


def test_the_lifted_app_runs_the_app_through_its_parts_seam(monkeypatch, good_path):
    from streamlit.testing.v1 import AppTest

    from bench.servers import LIFTED_APP

    monkeypatch.setenv("TIMELINE_DATA", str(good_path))
    at = AppTest.from_file(str(LIFTED_APP), default_timeout=60).run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1 and at.title[0].value.startswith("Global AI governance")


def _verdict_row(events: int, filter_ratio: float, spread_upper: float, open_ratio: float, app_bytes: int) -> dict:
    return {
        "dataset": {"events": events},
        "ratios": {"filter": filter_ratio, "click": 1.2, "open": open_ratio},
        "ratio_spreads": {"filter": [1.0, spread_upper]},
        "app": {"view_bytes": app_bytes},
        "baseline": {"view_bytes": 1_000},
    }


@pytest.mark.parametrize(
    ("row", "verdict", "met"),
    [
        # the filter change: the median within 1.5x, and the spread's upper bound within 1.7x
        (_verdict_row(100, 1.49, 1.6, 1.1, 1_000), "filter_within_1.5x_baseline_up_to_10000", True),
        (_verdict_row(100, 1.51, 1.6, 1.1, 1_000), "filter_within_1.5x_baseline_up_to_10000", False),
        (_verdict_row(100, 1.4, 1.71, 1.1, 1_000), "filter_spread_within_1.7x_up_to_10000", False),
        (_verdict_row(100, 1.4, 1.69, 1.1, 1_000), "filter_spread_within_1.7x_up_to_10000", True),
        # a new visitor's first view, and the 10,000-event view's bytes
        (_verdict_row(10_000, 1.4, 1.6, 1.21, 1_000), "open_within_1.2x_baseline_up_to_10000", False),
        (_verdict_row(10_000, 1.4, 1.6, 1.19, 2_000), "view_bytes_within_2x_baseline_at_10000", True),
        (_verdict_row(10_000, 1.4, 1.6, 1.19, 2_001), "view_bytes_within_2x_baseline_at_10000", False),
        (_verdict_row(1_000, 1.4, 1.6, 1.19, 9_000), "view_bytes_within_2x_baseline_at_10000", None),
    ],
)
def test_verdicts_hold_the_decided_browser_targets(row, verdict, met):
    from bench.report import verdicts

    assert verdicts([row])[verdict] is met


def test_the_table_gives_the_first_view_beside_the_cold_start():
    from bench.report import table_row

    row = _browser_row(0.42)
    row["app"]["open_s"], row["baseline"]["open_s"] = 1.2, 1.0
    assert table_row(row)["open s app/base"] == "1.20/1.00 (1.20x)"
    assert table_row(_browser_row(0.42))["open s app/base"] == "-"  # older results
