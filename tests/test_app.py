"""AppTest: the app's flows on a small dataset (and a smoke run on the bundled data)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from components.event_selector import HINT
from components.keys import (
    K_ACTORS,
    K_COLOUR,
    K_EVENT,
    K_FINDER_OPEN,
    K_LABELS,
    K_LANES,
    K_MIN_GRADE,
    K_MORE_OPEN,
    K_RANGE_SLIDER,
    K_RESET,
    K_SHOW_POSITIONS,
    K_SOURCES,
    K_TEXT,
    K_THEMES,
    K_TYPES,
    K_VIEW,
    K_YEARS,
)
from tests.conftest import GOOD_YAML, GRADED_YAML, open_finder, open_more, run_app, write_dataset
from timeline.state.viewstate import TIMELINE

K_BASIS, K_PRECISION = TIMELINE.key("date_basis"), TIMELINE.key("precision")


def chart_ids(at: AppTest) -> set[str]:
    charts = at.get("plotly_chart")
    if not charts:
        return set()
    spec = json.loads(charts[0].proto.spec)
    return {row[0] for trace in spec["data"] if trace.get("meta") == "events" for row in trace["customdata"]}


def count_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "events shown" in c.value)


@pytest.fixture
def at(monkeypatch, good_path):
    return run_app(monkeypatch, good_path)


def test_bundled_data_runs_without_exception(monkeypatch):
    at = run_app(monkeypatch, None)
    assert not at.exception
    assert chart_ids(at)
    assert not at.error


def test_small_dataset_shows_every_event(at):
    assert not at.exception
    assert chart_ids(at) == {"li-proposes", "us-plan", "conference-2025", "forum-2024"}
    assert count_caption(at).startswith("**4 / 4**")


def test_the_chart_is_named_for_screen_readers_by_what_it_shows(at):
    def name() -> str:
        return at.get("plotly_chart")[0].proto.alt

    assert name() == "Timeline of 4 events, 2024–2025, in 4 lanes"
    assert name() in [c.value for c in at.caption]  # the same sentence, shown above the chart
    at.slider(key=K_YEARS).set_value((2024, 2024)).run()
    assert name() == "Timeline of 1 event, 2024, in 1 lane"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        (K_ACTORS, ["united-states"], {"us-plan"}),
        (K_THEMES, ["open-sharing"], {"li-proposes"}),
        (K_TYPES, ["conference"], {"conference-2025"}),
        (K_SOURCES, ["forum"], {"forum-2024"}),
        (K_YEARS, (2024, 2024), {"forum-2024"}),
    ],
)
def test_each_filter_changes_what_is_shown(at, key, value, expected):
    if key in (K_TYPES, K_SOURCES):
        open_more(at)
    widget = at.slider(key=key) if key == K_YEARS else at.multiselect(key=key)
    widget.set_value(value).run()
    assert not at.exception
    assert chart_ids(at) == expected
    assert count_caption(at).startswith(f"**{len(expected)} / 4**")


def test_text_search_and_empty_result(at):
    at.text_input(key=K_TEXT).input("blueprint").run()
    assert chart_ids(at) == {"us-plan"}
    at.text_input(key=K_TEXT).input("nothing matches this").run()
    assert not at.get("plotly_chart")
    assert any("No event matches" in i.value for i in at.info)


def test_reset_restores_every_filter(at):
    at.multiselect(key=K_ACTORS).set_value(["china"]).run()
    open_more(at).radio(key=K_LANES).set_value("theme").run()
    at.button(key=K_RESET).click().run()
    assert chart_ids(at) == {"li-proposes", "us-plan", "conference-2025", "forum-2024"}
    assert at.radio(key=K_LANES).value == "actor"
    assert dict(at.query_params) == {}


def test_selecting_an_event_shows_its_panel(at):
    open_finder(at).selectbox(key=K_EVENT).select("us-plan").run()
    assert not at.exception
    assert at.subheader[0].value == "US releases AI blueprint"
    texts = " ".join(m.value for m in at.markdown)
    assert "23 July 2025" in texts and "inferred from the source" in texts
    assert "on Wednesday released an AI blueprint" in texts
    assert any("on Wednesday" in c.value for c in at.caption)  # the date note
    # the dispute about this event, with both claims and the decision
    assert "Disputed date" in texts and "public record" in texts and "Decision" in texts
    assert at.query_params["event"] == "us-plan"


def test_the_event_selector_is_made_only_while_its_finder_is_open(at):
    # Drawn, its options were re-sent on every filter change and click (docs/performance.md).
    assert not at.main.selectbox
    assert HINT in [c.value for c in at.caption]
    open_finder(at).selectbox(key=K_EVENT).select("us-plan").run()
    at.session_state[K_FINDER_OPEN] = False
    for _ in range(3):  # Streamlit forgets an undrawn widget's value at the end of the first run
        at.multiselect(key=K_ACTORS).set_value(["united-states"]).run()
        assert not at.main.selectbox and at.subheader[0].value == "US releases AI blueprint"
        assert at.query_params["event"] == "us-plan"
    assert HINT not in [c.value for c in at.caption]
    assert open_finder(at).selectbox(key=K_EVENT).value == "us-plan"


def test_show_in_source_opens_the_highlighted_text(at):
    open_finder(at).selectbox(key=K_EVENT).select("li-proposes").run()
    at.button(key="show-event-li-proposes-0").click().run()
    assert not at.exception
    assert at.query_params["source"] == "wire"
    frame = at.get("iframe")[0].proto
    html = frame.srcdoc
    assert '<mark class="quote current" id="current-0"' in html
    assert "China said on Saturday it wanted to create an organisation" in html
    # the other cited passages of this source lead back to their events
    assert at.button(key="passage-wire-2").label.startswith("[2]")


def test_lane_and_colour_modes_reach_the_chart_and_url(at):
    open_more(at)
    at.radio(key=K_LANES).set_value("theme").run()
    at.radio(key=K_COLOUR).set_value("theme").run()
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert "Open sharing" in spec["layout"]["yaxis"]["ticktext"]
    assert at.query_params["lanes"] == "theme" and at.query_params["colour"] == "theme"


def test_range_slider_is_opt_in_and_kept_in_the_link(monkeypatch, at, good_path):
    def slider_shown(app: AppTest) -> bool:
        spec = json.loads(app.get("plotly_chart")[0].proto.spec)
        return spec["layout"]["xaxis"].get("rangeslider", {}).get("visible") is True

    assert not slider_shown(at) and "slider" not in at.query_params
    open_more(at).toggle(key=K_RANGE_SLIDER).set_value(True).run()
    assert slider_shown(at) and at.query_params["slider"] == "1"
    linked = run_app(monkeypatch, good_path, {"slider": "1"})
    assert slider_shown(linked)
    assert open_more(linked).toggle(key=K_RANGE_SLIDER).value is True and slider_shown(linked)
    linked.button(key=K_RESET).click().run()
    assert not slider_shown(linked) and "slider" not in linked.query_params


def label_texts(app: AppTest) -> list[str]:
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    return [text for trace in spec["data"] if trace.get("meta") == "labels" for text in trace["text"]]


def test_labels_are_on_by_default_and_the_choice_is_kept_in_the_link(monkeypatch, at, good_path):
    assert "⚖ US releases AI blueprint" in label_texts(at) and "labels" not in at.query_params
    open_more(at).radio(key=K_LABELS).set_value("off").run()
    assert label_texts(at) == [] and at.query_params["labels"] == "off"
    assert "labels hidden" not in count_caption(at)  # the reader chose it: nothing to explain
    linked = run_app(monkeypatch, good_path, {"labels": "off"})
    assert label_texts(linked) == [] and open_more(linked).radio(key=K_LABELS).value == "off"
    linked.button(key=K_RESET).click().run()
    assert label_texts(linked) and "labels" not in linked.query_params


def test_a_view_too_crowded_for_labels_says_so_in_the_caption(monkeypatch, tmp_path):
    from timeline.charts.label_layout import AUTO_LIMIT

    many = "".join(
        GOOD_YAML.split("events:")[1].split("positions:")[0].replace("- id: ", f"- id: copy{n}-")
        for n in range(AUTO_LIMIT // 4)
    )
    text = GOOD_YAML.replace("events:", "events:" + many, 1)
    text = text.split("disputes:")[0].replace("event: li-proposes", "event: copy0-li-proposes")  # no disputes
    at = run_app(monkeypatch, write_dataset(tmp_path, text))
    assert not at.exception
    assert label_texts(at) == []
    assert "labels hidden: " in count_caption(at) and "narrow the years or actors to see them" in count_caption(at)
    open_more(at).radio(key=K_LABELS).set_value("on").run()
    assert label_texts(at) and "labels hidden" not in count_caption(at)


def sidebar_keys(at: AppTest) -> set[str]:
    return {w.key for kind in ("multiselect", "radio", "toggle", "selectbox") for w in at.sidebar.get(kind)}


def test_the_less_used_controls_are_drawn_only_while_their_expander_is_open(at):
    # Closed, they would be re-sent and re-drawn on every filter change (docs/performance.md).
    more = {K_TYPES, K_SOURCES, K_BASIS, K_PRECISION, K_MIN_GRADE}
    more |= {K_LANES, K_COLOUR, K_LABELS, K_SHOW_POSITIONS, K_RANGE_SLIDER}
    assert sidebar_keys(at) == {K_ACTORS, K_THEMES}
    assert more | {K_ACTORS, K_THEMES} == sidebar_keys(open_more(at))
    at.session_state[K_MORE_OPEN] = False
    assert sidebar_keys(at.run()) == {K_ACTORS, K_THEMES}


def test_values_set_in_the_expander_hold_while_it_is_closed(at):
    open_more(at)
    at.multiselect(key=K_TYPES).set_value(["conference", "proposal"]).run()
    at.radio(key=K_LANES).set_value("theme").run()
    at.toggle(key=K_RANGE_SLIDER).set_value(True).run()
    at.session_state[K_MORE_OPEN] = False
    for _ in range(3):  # Streamlit forgets an undrawn widget's value at the end of the first run
        at.multiselect(key=K_ACTORS).set_value(["china"]).run()
        assert chart_ids(at) == {"li-proposes", "conference-2025"}
        spec = json.loads(at.get("plotly_chart")[0].proto.spec)
        assert "International cooperation" in spec["layout"]["yaxis"]["ticktext"]  # theme lanes
        assert spec["layout"]["xaxis"]["rangeslider"]["visible"] is True
        assert at.query_params["type"] == "conference,proposal" and at.query_params["lanes"] == "theme"
    # No filter is in force unseen: the closed expander's filters are named under it.
    assert "Also filtered by 2 event types" in " ".join(c.value for c in at.sidebar.caption)
    open_more(at)
    assert at.multiselect(key=K_TYPES).value == ["conference", "proposal"]
    assert at.radio(key=K_LANES).value == "theme" and at.toggle(key=K_RANGE_SLIDER).value is True
    assert not any("Also filtered" in c.value for c in at.sidebar.caption)


def test_a_link_sets_the_closed_expanders_filters_and_reset_clears_them(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"src": "forum", "colour": "theme"})
    assert chart_ids(at) == {"forum-2024"}
    assert "Also filtered by 1 source:" in " ".join(c.value for c in at.sidebar.caption)
    at.button(key=K_RESET).click().run()
    assert len(chart_ids(at)) == 4 and dict(at.query_params) == {}
    assert not any("Also filtered" in c.value for c in at.sidebar.caption)
    assert open_more(at).multiselect(key=K_SOURCES).value == [] and at.radio(key=K_COLOUR).value == "type"


def test_url_reproduces_the_view(monkeypatch, good_path):
    params = {"actor": "china", "lanes": "theme", "event": "li-proposes", "source": "wire", "q": "organisation"}
    at = run_app(monkeypatch, good_path, params)
    assert not at.exception
    assert at.multiselect(key=K_ACTORS).value == ["china"]
    assert open_more(at).radio(key=K_LANES).value == "theme"
    assert at.text_input(key=K_TEXT).value == "organisation"
    assert chart_ids(at) == {"li-proposes"}
    assert at.subheader[0].value == "Li proposes an organisation"
    assert at.get("iframe")


def test_bad_link_values_are_dropped_with_a_notice(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"actor": "china,nobody", "from": "abc", "event": "nope", "zzz": "1"})
    assert not at.exception
    notice = at.warning[0].value
    assert "nobody" in notice and "not a year" in notice and "no such event" in notice
    assert at.multiselect(key=K_ACTORS).value == ["china"]


def test_sources_view_lists_every_source_with_marks(at):
    at.segmented_control(key=K_VIEW).set_value("sources").run()
    assert not at.exception
    assert len(at.main.expander) == 2
    assert at.query_params["view"] == "sources"


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        (GOOD_YAML.replace("type: proposal", "type: speach"), "type: Input should be"),
        ("sources: [\n", "YAML syntax error"),
    ],
)
def test_broken_dataset_shows_the_error_page(monkeypatch, tmp_path, yaml_text, expected):
    at = run_app(monkeypatch, write_dataset(tmp_path, yaml_text))
    assert not at.exception
    assert at.title[0].value == "This dataset cannot be shown"
    assert expected in at.code[0].value


def test_missing_dataset_shows_the_error_page(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path / "nope.yaml")
    assert not at.exception
    assert "file not found" in at.code[0].value


def test_the_chart_cache_sends_no_spinner():
    # A spinner's placeholder was sent ahead of the chart on every filter change (a cache
    # miss), at a measured cost in the browser (docs/performance.md); the dataset's stays.
    from components.cached import cached_figure, load_frames

    assert cached_figure._info.show_spinner is False
    assert load_frames._info.show_spinner == "Loading the dataset…"


def test_the_header_states_the_bundled_datas_scope_only_for_the_bundled_data(monkeypatch, good_path):
    bundled = run_app(monkeypatch, None)
    assert any("four documents centred on China's proposals" in c.value for c in bundled.caption)
    other = run_app(monkeypatch, good_path)
    assert not any("four documents" in c.value for c in other.caption)


def test_every_quote_in_the_detail_panel_names_its_sources_grade(monkeypatch, tmp_path):
    at = run_app(monkeypatch, write_dataset(tmp_path, GRADED_YAML))
    open_finder(at).selectbox(key=K_EVENT).select("forum-2024").run()
    assert not at.exception
    quote = next(m.value for m in at.markdown if "this looks like a power play" in m.value)
    assert "reliability E \\(unreliable\\)" in quote
    open_finder(at).selectbox(key=K_EVENT).select("li-proposes").run()
    texts = [m.value for m in at.markdown if "“" in m.value]  # the event's quote and its position's
    assert len(texts) == 2 and all("reliability B \\(usually reliable\\)" in t for t in texts)


def test_the_sources_view_shows_each_grade_and_its_reason(monkeypatch, tmp_path, good_path):
    graded_dir = tmp_path / "graded"
    graded_dir.mkdir()
    at = run_app(monkeypatch, write_dataset(graded_dir, GRADED_YAML))
    at.segmented_control(key=K_VIEW).set_value("sources").run()
    assert [e.label[:4] for e in at.main.expander] == ["[B] ", "[E] "]
    captions = [c.value for c in at.caption]
    assert "Source reliability E \\(unreliable\\)\\: an anonymous forum reader" in captions
    ungraded = run_app(monkeypatch, good_path)
    ungraded.segmented_control(key=K_VIEW).set_value("sources").run()
    assert "Source reliability not graded" in [c.value for c in ungraded.caption]


def test_a_minimum_grade_from_the_sidebar_or_a_link_narrows_the_view(monkeypatch, tmp_path):
    path = write_dataset(tmp_path, GRADED_YAML)  # the wire graded B, the forum E
    at = open_more(run_app(monkeypatch, path))
    at.selectbox(key=K_MIN_GRADE).set_value("B").run()
    assert not at.exception
    assert chart_ids(at) == {"li-proposes", "us-plan", "conference-2025"}
    assert at.query_params["grade"] == "B"
    linked = run_app(monkeypatch, path, {"grade": "A"})
    assert chart_ids(linked) == set()
    # the closed expander says which filter it holds
    assert "source grade A or better" in " ".join(c.value for c in linked.sidebar.caption)
    linked.button(key=K_RESET).click().run()
    assert chart_ids(linked) == {"li-proposes", "us-plan", "conference-2025", "forum-2024"}
    assert "grade" not in linked.query_params
