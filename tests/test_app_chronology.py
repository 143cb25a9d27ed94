"""AppTest: the chronology list under the chart opens events, and follows the open event."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bench.generate import generate_dataset
from components.chronology import EXPANDER_LABEL, LIST_LABEL
from components.keys import K_ACTORS, K_CHRONO, K_CHRONO_PAGE, K_EVENT
from tests.conftest import open_list, run_app
from timeline.charts.chronology import PAGE_SIZE
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.state.filtering import Filters, filter_events


def detail_title(at: AppTest) -> str | None:
    return at.subheader[0].value if at.subheader else None


def test_choosing_a_row_in_the_list_opens_the_detail_and_puts_it_in_the_url(monkeypatch, good_path):
    at = open_list(run_app(monkeypatch, good_path))
    chronology = at.radio(key=K_CHRONO)
    assert chronology.label == LIST_LABEL
    assert chronology.options[0].startswith("2024 · **A forum reader comments** · ")
    assert chronology.value is None
    chronology.set_value("us-plan").run()
    assert not at.exception
    assert detail_title(at) == "US releases AI blueprint"
    assert at.query_params["event"] == "us-plan"
    assert at.radio(key=K_CHRONO).value == "us-plan"


def test_an_event_opened_elsewhere_is_marked_in_the_list(monkeypatch, good_path):
    at = open_list(run_app(monkeypatch, good_path, {"event": "li-proposes"}))
    assert detail_title(at) == "Li proposes an organisation"
    assert at.radio(key=K_CHRONO).value == "li-proposes"


def test_the_list_follows_the_filters(monkeypatch, good_path):
    at = open_list(run_app(monkeypatch, good_path))
    at.multiselect(key=K_ACTORS).set_value(["china"]).run()
    options = at.radio(key=K_CHRONO).options
    assert len(options) == 2
    assert all("China" in option for option in options)
    assert any(c.value.startswith("Timeline of 2 events, 2025, in ") for c in at.caption)


def test_the_list_is_closed_until_asked_for_and_made_only_while_open(monkeypatch, good_path):
    # Closed, its rows would be re-sent and re-drawn on every filter change and chart click.
    at = run_app(monkeypatch, good_path)
    assert not at.get("radio") and [e.label for e in at.main.expander].count(EXPANDER_LABEL) == 1
    assert len(open_list(at).radio(key=K_CHRONO).options) == 4


def test_a_small_view_has_no_pager(monkeypatch, good_path):
    at = open_list(run_app(monkeypatch, good_path))
    assert not [n for n in at.number_input if n.key == K_CHRONO_PAGE]
    assert at.session_state[K_EVENT] is None


@pytest.fixture(scope="module")
def sixty_events(tmp_path_factory):
    return generate_dataset(tmp_path_factory.mktemp("sixty"), 60).path


def test_a_long_list_pages_and_turns_to_the_page_of_an_event_opened_by_link(monkeypatch, sixty_events):
    at = open_list(run_app(monkeypatch, sixty_events))
    assert len(at.radio(key=K_CHRONO).options) == PAGE_SIZE
    assert at.number_input(key=K_CHRONO_PAGE).label == "Page (of 3)"
    at.number_input(key=K_CHRONO_PAGE).set_value(3).run()
    assert len(at.radio(key=K_CHRONO).options) == 60 - 2 * PAGE_SIZE
    # An event opened elsewhere (here by a link) turns the list to its page and marks its row.
    in_date_order = filter_events(build_frames(load_dataset(sixty_events)), Filters())["id"]
    second_page_event = in_date_order.iloc[PAGE_SIZE + 3]
    at = open_list(run_app(monkeypatch, sixty_events, {"event": second_page_event}))
    assert at.number_input(key=K_CHRONO_PAGE).value == 2
    assert at.radio(key=K_CHRONO).value == second_page_event
