"""One view state for every view: links are read by one adapter, through one registry.

Repeated link parameters reach the parser in every view (the last value is used and the
user is told), and the two filters added through the registry, date basis and precision,
work from the sidebar and from a link.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from components.keys import K_BRIEF_SLIDE, K_EVENT, K_POS_ASOF
from tests.conftest import GOOD_YAML, open_more, run_app, write_dataset
from tests.positions_data import write_rich_dataset
from timeline.state.viewstate import TIMELINE

K_BASIS, K_PRECISION = TIMELINE.key("date_basis"), TIMELINE.key("precision")
REPEATED = "given more than once (the last was used)"


@pytest.fixture
def good_path(tmp_path):
    return write_dataset(tmp_path, GOOD_YAML)


@pytest.fixture
def rich(tmp_path):
    return write_rich_dataset(tmp_path)


def chart_ids(at: AppTest) -> set[str]:
    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {row[0] for trace in figure["data"] for row in trace.get("customdata") or () if isinstance(row, list)}


def warnings(at: AppTest) -> str:
    """The notices shown, as the user reads them (markdown escapes removed)."""
    return "\n".join(w.value for w in at.warning).replace("\\", "")


# ---- repeated parameters, in every view ---------------------------------------------------------


def test_a_repeated_parameter_on_the_timeline_uses_the_last_value_and_says_so(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"event": ["li-proposes", "us-plan"]})
    assert not at.exception
    assert at.session_state[K_EVENT] == "us-plan"
    assert REPEATED in warnings(at) and "event" in warnings(at)


def test_a_repeated_parameter_in_the_positions_view_uses_the_last_value_and_says_so(monkeypatch, rich):
    at = run_app(monkeypatch, rich, {"view": "positions", "asof": ["2024-07-15", "2025-01-01"]})
    assert not at.exception
    assert at.session_state[K_POS_ASOF] == dt.date(2025, 1, 1)
    assert REPEATED in warnings(at) and "asof" in warnings(at)


def test_a_repeated_parameter_in_the_briefing_uses_the_last_value_and_says_so(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing", "slide": ["1", "2"]})
    assert not at.exception
    assert at.session_state[K_BRIEF_SLIDE] == 2
    assert REPEATED in warnings(at) and "slide" in warnings(at)
    assert at.query_params["slide"] in ("2", ["2"])  # written back once, as one value


# ---- the two filters added through the registry --------------------------------------------------


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"basis": "stated"}, {"forum-2024", "li-proposes"}),
        ({"precision": "day"}, {"us-plan", "li-proposes"}),
        ({"basis": "external,inferred", "precision": "month"}, {"conference-2025"}),
    ],
)
def test_date_basis_and_precision_filter_from_a_link(monkeypatch, good_path, params, shown):
    at = run_app(monkeypatch, good_path, params)
    assert not at.exception and not at.warning
    assert chart_ids(at) == shown
    assert {key: at.query_params[key] for key in params} == params  # kept in the link


def test_date_basis_and_precision_filter_from_the_sidebar_and_are_named_while_hidden(monkeypatch, good_path):
    at = open_more(run_app(monkeypatch, good_path))
    at.multiselect(key=K_BASIS).set_value(["stated"]).run()
    at.multiselect(key=K_PRECISION).set_value(["day"]).run()
    assert chart_ids(at) == {"li-proposes"}
    assert at.query_params["basis"] == "stated" and at.query_params["precision"] == "day"
    at.session_state["more_filters_open"] = False
    at.run()
    assert chart_ids(at) == {"li-proposes"}  # still in force with the expander closed
    assert any("1 date basis and 1 date precision" in c.value for c in at.sidebar.caption)


def test_a_bad_date_basis_in_a_link_is_a_notice(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"basis": "guessed"})
    assert not at.exception
    assert "ignored unknown date basis(s) in basis: 'guessed'" in warnings(at)
    assert len(chart_ids(at)) == 4


def test_reset_clears_the_new_filters(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"basis": "stated", "precision": "day"})
    at.button(key="filter_reset").click().run()
    assert dict(at.query_params) == {} and len(chart_ids(at)) == 4
