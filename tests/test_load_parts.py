"""The pure parts of the load test (bench/load.py, bench/viewer.py) and of `make serve` (deploy/serve.py)."""

import json
import random

import pytest
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.load import year_span
from bench.load_stats import largest_within, latency_summary, percentile
from bench.viewer import (
    Page,
    chart_event_ids,
    choice_state,
    click_state,
    read_message,
    rerun_message,
    widget_key,
    years_state,
)
from deploy.serve import haproxy_config
from timeline.state.selection import decode_click

# --- latencies and the table's verdict


def test_percentiles_are_nearest_rank():
    values = [0.1 * n for n in range(1, 21)]  # 0.1 .. 2.0
    assert percentile(values, 0.5) == pytest.approx(1.0)
    assert percentile(values, 0.95) == pytest.approx(1.9)
    assert percentile([3.0], 0.95) == 3.0


def test_latency_summary_gives_counts_and_none_for_an_action_never_done():
    assert latency_summary([0.2, 0.4, 0.1], errors=1) == {
        "count": 3,
        "errors": 1,
        "p50_s": 0.2,
        "p95_s": 0.4,
        "max_s": 0.4,
    }
    assert latency_summary([], errors=2)["p95_s"] is None


def _run(replicas: int, sessions: int, p95: float, errors: int = 0) -> dict:
    action = {"count": 10, "errors": errors, "p50_s": p95 / 2, "p95_s": p95, "max_s": p95}
    return {"replicas": replicas, "sessions": sessions, "actions": {"open": action, "years": action}}


def test_largest_sessions_within_the_limit_per_replica_count():
    runs = [
        _run(1, 25, 0.5), _run(1, 50, 0.9), _run(1, 100, 1.4),
        _run(2, 25, 0.4), _run(2, 50, 0.6, errors=1),  # an error disqualifies a run however fast
        _run(3, 25, 1.2),
    ]  # fmt: skip
    assert largest_within(runs) == {1: 50, 2: 25, 3: None}


def test_the_table_gives_each_action_the_errors_memory_and_cpu_per_action():
    from bench.load import Recorder
    from bench.load_stats import format_runs

    recorder = Recorder(rss_peak={"replica1": 250e6}, cpu_s={"replica1": 3.0})
    recorder.latencies["open"] = [0.5, 0.7]
    recorder.latencies["years"] = [0.2]
    recorder.errors["event"] = ["event: ActionFailed('x')"]
    run = {"data": "bundled", "replicas": 1, "sessions": 25} | recorder.summary()
    assert run["cpu_s_per_action"] == 1.0  # 3 CPU seconds over 3 completed actions
    row = format_runs([run]).splitlines()[2]
    assert row == "| bundled | 1 | 25 | 0.50/0.70/0.70 (2) | 0.20/0.20/0.20 (1) | - | - | 1 | 250 | 1.00 |"


def test_a_year_span_stays_inside_the_slider_and_is_never_empty():
    rng = random.Random(3)
    for _ in range(200):
        first, last = year_span(rng, 2018, 2025)
        assert 2018 <= first < last <= 2025 and last - first <= 4
    assert year_span(rng, 2024, 2025) == (2024, 2025)


# --- the protocol: what the viewer reads and sends


@pytest.mark.parametrize(
    ("widget_id", "key"),
    [
        ("$$ID-0123abcd-filter_years", "filter_years"),
        ("$$ID-0123abcd-a-key-with-dashes", "a-key-with-dashes"),
        ("$$ID-0123abcd-None", "None"),
        ("$$ID-0123abcd", None),  # a widget without a key
        ("something-else", None),
    ],
)
def test_a_widget_key_is_read_from_its_id(widget_id, key):
    assert widget_key(widget_id) == key


def _element_message(fragment_id: str = "") -> ForwardMsg:
    message = ForwardMsg()
    message.delta.fragment_id = fragment_id
    return message


def test_the_page_learns_widgets_chart_ids_caption_and_errors_from_forward_messages():
    page = Page()
    slider = _element_message()
    slider.delta.new_element.slider.id = "$$ID-aa-filter_years"
    slider.delta.new_element.slider.min, slider.delta.new_element.slider.max = 2018, 2025
    actors = _element_message()
    actors.delta.new_element.multiselect.id = "$$ID-bb-filter_actors"
    actors.delta.new_element.multiselect.options.extend(["China", "OECD"])
    chart = _element_message("fragment-1")
    chart.hash = "chart-hash-for-this-test"
    chart.delta.new_element.plotly_chart.id = "$$ID-cc-timeline_chart"
    spec = {"data": [{"customdata": [["e1", "x"], ["e2"], ["e1"]]}, {"customdata": [["position:p1", "e3"]]}, {}]}
    chart.delta.new_element.plotly_chart.spec = json.dumps(spec)
    caption = _element_message()
    caption.delta.new_element.markdown.body = "**10 / 19** events shown · colour: event type"
    failure = _element_message()
    failure.delta.new_element.exception.type = "KeyError"
    finished = ForwardMsg(script_finished=ForwardMsg.FINISHED_SUCCESSFULLY)
    for message in (slider, actors, chart, caption, failure, finished):
        read_message(message, page)
    assert page.widgets["filter_years"].bounds == (2018, 2025)
    assert page.widgets["filter_actors"].options == ["China", "OECD"]
    assert page.widgets["timeline_chart"].fragment_id == "fragment-1"
    assert page.event_ids == ["e1", "e2"]  # each once; a position's marker is not an event's
    assert page.events_in_dataset == 19
    assert page.errors == ["KeyError: "] and page.finished == ForwardMsg.FINISHED_SUCCESSFULLY


def test_chart_event_ids_are_remembered_by_message_hash():
    first = chart_event_ids("same-figure", json.dumps({"data": [{"customdata": [["a"]]}]}))
    assert chart_event_ids("same-figure", "not even json") == first == ["a"]


def test_a_rerun_carries_every_widget_state_and_the_fragment():
    states = {
        "y": years_state("$$ID-aa-filter_years", 2020, 2022),
        "a": choice_state("$$ID-bb-filter_actors", ["China"]),
    }
    message = BackMsg()
    message.ParseFromString(rerun_message("", states, "fragment-1"))
    client = message.rerun_script
    assert client.fragment_id == "fragment-1"
    by_id = {w.id: w for w in client.widget_states.widgets}
    assert list(by_id["$$ID-aa-filter_years"].double_array_value.data) == [2020.0, 2022.0]
    assert list(by_id["$$ID-bb-filter_actors"].string_array_value.data) == ["China"]


def test_the_click_the_viewer_sends_is_the_one_the_app_decodes():
    state = click_state("$$ID-cc-timeline_chart", "uk-ai-safety-summit-2023")
    assert decode_click(json.loads(state.string_value)).event == "uk-ai-safety-summit-2023"


# --- the balancer's configuration


def test_haproxy_config_has_affinity_health_checks_redispatch_and_websocket_timeouts():
    config = haproxy_config([5001, 5002], 8501)
    assert "bind 127.0.0.1:8501" in config
    assert "server replica1 127.0.0.1:5001 check cookie replica1" in config
    assert "server replica2 127.0.0.1:5002 check cookie replica2" in config
    for line in ("cookie TIMELINE_REPLICA insert", "option httpchk GET /_stcore/health", "option redispatch",
                 "retry-on conn-failure empty-response", "timeout tunnel 1h"):  # fmt: skip
        assert line in config
    assert "http_auth" not in config  # the gate is off by default
    assert "$" not in config  # every placeholder filled


def test_haproxy_config_with_the_gate_asks_every_path_but_the_health_check_for_a_viewer():
    config = haproxy_config([5001], 8501, bind="0.0.0.0", gated=True)
    assert "bind 0.0.0.0:8501" in config
    assert "acl health_check path /_stcore/health" in config
    assert "http-request auth" in config and "unless health_check || viewer" in config
    assert config.index("http-request auth") < config.index("default_backend")
