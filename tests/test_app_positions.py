"""AppTest: the positions view (matrix, changes, record), its link, and positions on the timeline."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.keys import (
    K_POS_ASOF,
    K_POS_ASOF_EVENT,
    K_POS_CELL,
    K_POS_FOCUS,
    K_POS_RECORD,
    K_POS_SECTION,
    K_POS_SINCE,
    K_POS_SINCE_EVENT,
    K_POS_UNTIL,
    K_SHOW_POSITIONS,
    K_SOURCE,
    K_VIEW,
)
from tests.conftest import GOOD_YAML, open_more, run_app, write_dataset
from tests.positions_data import write_rich_dataset

D = dt.date


@pytest.fixture
def rich(tmp_path) -> Path:
    return write_rich_dataset(tmp_path)


def positions(monkeypatch, rich, **params) -> AppTest:
    at = run_app(monkeypatch, rich, {"view": "positions", **params})
    assert not at.exception
    return at


def figure(at: AppTest, index: int = 0) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def cell_stances(at: AppTest) -> dict[str, str]:
    """cell key -> stance shown in the matrix (trace meta 'stance:<name>')."""
    return {
        row[0].removeprefix("cell:"): trace["meta"].removeprefix("stance:")
        for trace in figure(at)["data"]
        for row in trace.get("customdata", [])
    }


def url(at: AppTest) -> dict[str, str]:
    params = {key: at.query_params[key] for key in at.query_params}
    return {key: value if isinstance(value, str) else value[-1] for key, value in params.items()}


def texts(at: AppTest) -> str:
    return "\n".join(m.value for m in [*at.markdown, *at.caption, *at.info, *at.subheader])


# --- The matrix ----------------------------------------------------------------------------


def test_bundled_data_positions_view_runs(monkeypatch):
    at = run_app(monkeypatch, None, {"view": "positions"})
    assert not at.exception
    stances = cell_stances(at)
    assert stances and "supports" in stances.values()
    assert set(url(at)) >= {"view", "asof", "d1", "d2"}


def test_the_positions_charts_are_named_for_screen_readers(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2024-07-15")
    names = [chart.proto.alt for chart in at.get("plotly_chart")]
    assert names[0].startswith("Matrix of positions as of 15 July 2024: ")
    assert all(names) and len(set(names)) == len(names)


def test_matrix_as_of_a_date_from_the_link(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2024-07-15")
    assert at.session_state[K_POS_ASOF] == D(2024, 7, 15)
    stances = cell_stances(at)
    assert stances["united-states.cooperation"] == "skeptical"
    assert stances["china.open-sharing"] == "none"
    assert "As of **15 July 2024**, 3 of 15 cells" in texts(at)


def test_the_as_of_date_defaults_to_today_and_goes_to_the_url(monkeypatch, rich):
    at = positions(monkeypatch, rich)
    assert at.session_state[K_POS_ASOF] == D.today()
    assert url(at)["asof"] == D.today().isoformat()
    assert cell_stances(at)["united-states.cooperation"] == "opposes"


def test_changing_the_date_redraws_the_matrix_and_the_url(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2025-07-31")
    assert cell_stances(at)["united-states.cooperation"] == "opposes"
    at.date_input(key=K_POS_ASOF).set_value(D(2025, 1, 1)).run()
    assert cell_stances(at)["united-states.cooperation"] == "skeptical"
    assert url(at)["asof"] == "2025-01-01"


def test_as_of_the_end_of_an_event(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2030-01-01")
    at.selectbox(key=K_POS_ASOF_EVENT).set_value("waic-2024").run()
    assert not at.exception
    assert at.session_state[K_POS_ASOF] == D(2024, 7, 7)  # the conference's last day
    assert at.selectbox(key=K_POS_ASOF_EVENT).value is None  # ready for another jump
    assert cell_stances(at)["china.cooperation"] == "supports"


def test_a_cell_from_the_link_opens_its_position_with_quote_and_tie(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2025-07-31", cell="united-states.open-sharing")
    shown = texts(at)
    assert "United States on Open sharing" in shown
    assert "open sharing would only help rivals" in shown  # the quote of the position shown
    assert "2 positions on this theme are recorded for the same date" in shown
    assert "same date as the one shown" in shown
    assert figure(at)["layout"]["shapes"][0]["line"]["width"] == 3  # the cell is framed
    assert url(at)["cell"] == "united-states.open-sharing"


def test_choosing_a_cell_with_the_keyboard_selector(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2025-07-31")
    assert "Record on this theme" not in texts(at)
    at.selectbox(key=K_POS_CELL).set_value("china.cooperation").run()
    shown = texts(at)
    assert "A global AI cooperation organisation should be created" in shown
    assert "Countries should cooperate internationally on AI" in shown  # the superseded one, in the record
    assert "superseded" in shown
    assert url(at)["cell"] == "china.cooperation"


def test_an_empty_cell_says_no_recorded_position_and_partial_dates_are_flagged(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2025-07-15", cell="reader.cooperation")
    assert "Dated only to July 2025" in texts(at)
    at.selectbox(key=K_POS_CELL).set_value("eu.safety").run()
    assert "**No recorded position**" in texts(at)


def test_show_in_source_highlights_the_position_passage(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2025-07-31", cell="united-states.cooperation")
    at.button(key="pos-show-us-coop-2025-0").click().run()
    assert not at.exception
    assert at.session_state[K_SOURCE] == "report"
    srcdoc = at.get("iframe")[0].proto.srcdoc
    current = srcdoc.split('class="quote current"', 1)[1]
    assert current.split("</mark>")[0].count("called the plan a power play and said Washington opposed it") == 1
    assert "(this position)" in texts(at)
    assert url(at)["source"] == "report"


def test_open_the_event_of_a_position_on_the_timeline(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2025-07-31", cell="china.open-sharing")
    at.button(key="pos-event-china-open-2025").click().run()
    assert not at.exception
    assert at.session_state[K_VIEW] == "timeline"
    assert url(at)["event"] == "waic-2025"


def test_a_dataset_without_positions_says_so(monkeypatch, tmp_path):
    yaml_text = (
        GOOD_YAML[: GOOD_YAML.index("positions:")] + "positions: []\n" + GOOD_YAML[GOOD_YAML.index("disputes:") :]
    )
    at = run_app(monkeypatch, write_dataset(tmp_path, yaml_text), {"view": "positions"})
    assert not at.exception
    assert "records no positions yet" in at.info[0].value


# --- What changed ----------------------------------------------------------------------------


def test_what_changed_between_two_dates_grouped_by_actor(monkeypatch, rich):
    at = positions(monkeypatch, rich, section="changes", d1="2024-07-31", d2="2025-07-31")
    shown = texts(at)
    assert "6 cells changed between 31 July 2024 and 31 July 2025" in shown
    assert "4 new, 1 changed stance, 1 superseded (same stance)" in shown
    assert [s.value for s in at.subheader] == ["China", "United States", "European Union", "A forum reader"]
    assert "changed stance\\: − skeptical → −− opposes" in shown
    assert "Washington was wary of new global bodies" in shown and "said Washington opposed it" in shown
    assert "Also recorded in between: ± mixed (26 July 2025)" in shown
    assert url(at)["section"] == "changes" and url(at)["d1"] == "2024-07-31"


def test_the_default_comparison_is_the_year_up_to_the_latest_position(monkeypatch, rich):
    at = positions(monkeypatch, rich, section="changes")
    assert (at.session_state[K_POS_SINCE], at.session_state[K_POS_UNTIL]) == (D(2024, 7, 26), D(2025, 7, 26))


def test_compare_from_the_end_of_an_event(monkeypatch, rich):
    at = positions(monkeypatch, rich, section="changes", d2="2025-07-31")
    at.selectbox(key=K_POS_SINCE_EVENT).set_value("waic-2024").run()
    assert at.session_state[K_POS_SINCE] == D(2024, 7, 7)
    # The US's stance of 10 July 2024 now falls inside the interval: its cell is new, not changed.
    assert "6 cells changed between 7 July 2024 and 31 July 2025:** 5 new, 1 superseded" in texts(at)


def test_no_change_between_two_dates(monkeypatch, rich):
    at = positions(monkeypatch, rich, section="changes", d1="2020-01-01", d2="2021-01-01")
    assert "No position appeared, changed stance or was superseded" in at.info[0].value


def test_open_a_change_in_the_matrix(monkeypatch, rich):
    at = positions(monkeypatch, rich, section="changes", d1="2024-07-31", d2="2025-07-31")
    at.button(key="pos-open-united-states.cooperation").click().run()
    assert at.session_state[K_POS_SECTION] == "matrix"
    assert at.session_state[K_POS_CELL] == "united-states.cooperation"
    assert at.session_state[K_POS_ASOF] == D(2025, 7, 31)
    assert "United States on International cooperation" in texts(at)


# --- An actor's record -----------------------------------------------------------------------


def test_an_actors_record(monkeypatch, rich):
    at = positions(monkeypatch, rich, section="record", record="united-states", asof="2025-01-01")
    record = figure(at)
    ids = {row[0] for t in record["data"] if t["meta"].startswith("record:") for row in t["customdata"]}
    assert ids == {"us-coop-2024", "us-coop-2025", "us-open-2025-a", "us-open-2025-b"}
    assert "All 4 positions of United States" in at.main.expander[0].label
    at.selectbox(key=K_POS_RECORD).set_value("eu").run()
    assert url(at)["record"] == "eu"


def test_the_record_defaults_to_the_selected_cells_actor(monkeypatch, rich):
    at = positions(monkeypatch, rich, cell="reader.cooperation")
    assert at.session_state[K_POS_RECORD] == "reader"


# --- The link ---------------------------------------------------------------------------------


def test_a_bad_link_is_shown_with_notices_not_an_error(monkeypatch, rich):
    at = positions(
        monkeypatch, rich, asof="31/07/2025", cell="nobody.unused", section="pie", d1="2026-01-01", d2="2024-01-01"
    )
    warning = at.warning[0].value
    for part in ("not a date", "no such actor and theme", "expected one of", "reversed"):
        assert part in warning
    assert (at.session_state[K_POS_SINCE], at.session_state[K_POS_UNTIL]) == (D(2024, 1, 1), D(2026, 1, 1))


def test_the_view_state_survives_a_visit_to_the_timeline(monkeypatch, rich):
    at = positions(monkeypatch, rich, asof="2024-07-15", cell="china.cooperation")
    at.session_state[K_VIEW] = "timeline"
    at.run()
    assert "asof" not in url(at)
    at.session_state[K_VIEW] = "positions"
    at.run()
    assert url(at)["asof"] == "2024-07-15" and url(at)["cell"] == "china.cooperation"


def test_a_position_clicked_on_the_timeline_opens_its_cell(monkeypatch, rich):
    at = run_app(monkeypatch, rich)
    at.session_state[K_POS_FOCUS] = "eu-coop-2025"
    at.session_state[K_VIEW] = "positions"
    at.run()
    assert not at.exception
    assert at.session_state[K_POS_CELL] == "eu.cooperation"
    assert at.session_state[K_POS_ASOF] == D(2025, 1, 1)  # the first day "2025" could be
    assert "European Union on International cooperation" in texts(at)


# --- Positions on the timeline -----------------------------------------------------------------


def position_trace(at: AppTest) -> dict | None:
    return next((t for t in figure(at)["data"] if t.get("meta") == "positions"), None)


def test_positions_on_the_timeline_from_the_link_and_the_toggle(monkeypatch, rich):
    at = run_app(monkeypatch, rich)
    assert position_trace(at) is None
    open_more(at).toggle(key=K_SHOW_POSITIONS).set_value(True).run()
    trace = position_trace(at)
    assert {row[0] for row in trace["customdata"]} == {f"position:{pid}" for pid in _ids(rich)}
    assert url(at)["positions"] == "1"

    at = run_app(monkeypatch, rich, {"positions": "1", "actor": "china"})
    china = {"position:china-coop-2024", "position:china-coop-2025", "position:china-open-2025"}
    assert {row[0] for row in position_trace(at)["customdata"]} == china  # while the toggle is not drawn
    assert open_more(at).toggle(key=K_SHOW_POSITIONS).value is True
    assert {row[0] for row in position_trace(at)["customdata"]} == china


def test_reset_turns_positions_off(monkeypatch, rich):
    at = run_app(monkeypatch, rich, {"positions": "1"})
    at.button(key="filter_reset").click().run()
    assert open_more(at).toggle(key=K_SHOW_POSITIONS).value is False
    assert "positions" not in url(at)


def test_a_bad_positions_flag_is_a_notice(monkeypatch, rich):
    at = run_app(monkeypatch, rich, {"positions": "yes"})
    assert not at.exception
    assert "expected 1 or 0" in at.warning[0].value


def _ids(rich: Path) -> set[str]:
    text = rich.read_text(encoding="utf-8")
    block = text[text.index("positions:") : text.index("disputes:")]
    return {line.split(":", 1)[1].strip() for line in textwrap.dedent(block).splitlines() if line.startswith("  - id:")}
