"""AppTest: the chronology list under the chart opens events, and follows the open event."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from components.chronology import LIST_LABEL
from components.keys import K_ACTORS, K_CHRONO, K_CHRONO_PAGE, K_EVENT
from tests.conftest import run_app


def detail_title(at: AppTest) -> str | None:
    return at.subheader[0].value if at.subheader else None


def test_choosing_a_row_in_the_list_opens_the_detail_and_puts_it_in_the_url(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path)
    chronology = at.radio(key=K_CHRONO)
    assert chronology.label == LIST_LABEL
    assert chronology.options[0].startswith("2024 · A forum reader comments")
    assert chronology.value is None
    chronology.set_value("us-plan").run()
    assert not at.exception
    assert detail_title(at) == "US releases AI blueprint"
    assert at.query_params["event"] == "us-plan"
    assert at.radio(key=K_CHRONO).value == "us-plan"


def test_an_event_opened_elsewhere_is_marked_in_the_list(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"event": "li-proposes"})
    assert detail_title(at) == "Li proposes an organisation"
    assert at.radio(key=K_CHRONO).value == "li-proposes"


def test_the_list_follows_the_filters(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path)
    at.multiselect(key=K_ACTORS).set_value(["china"]).run()
    options = at.radio(key=K_CHRONO).options
    assert len(options) == 2
    assert all("China" in option for option in options)
    assert any(c.value.startswith("Timeline of 2 events, 2025, in ") for c in at.caption)


def test_a_small_view_has_no_pager(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path)
    assert not [n for n in at.number_input if n.key == K_CHRONO_PAGE]
    assert at.session_state[K_EVENT] is None
