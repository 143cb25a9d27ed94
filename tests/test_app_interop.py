"""AppTest: the TimelineJS download of the current view, next to the chart."""

from __future__ import annotations

import json

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import app_test as app_test_module

from components.exports import export_key
from components.keys import K_ACTORS, K_LANES, K_TEXT
from tests.conftest import open_exports, open_more, run_app
from timeline.exports.files import EXPORTS

K_TIMELINEJS_DOWNLOAD = export_key(EXPORTS["timelinejs"])


@pytest.fixture
def deferred_downloads(monkeypatch) -> dict:
    """The data callables of deferred download buttons, by file id.

    AppTest drops its media manager after each run and cannot click a download, so the
    manager it builds is swapped for one that keeps what each button would serve.
    """
    recorded: dict = {}

    class RecordingMediaFileManager(MediaFileManager):
        def add_deferred(self, data_callable, *args, **kwargs):
            file_id = super().add_deferred(data_callable, *args, **kwargs)
            recorded[file_id] = data_callable
            return file_id

    monkeypatch.setattr(app_test_module, "MediaFileManager", RecordingMediaFileManager)
    return recorded


@pytest.fixture
def app(good_path, monkeypatch, deferred_downloads) -> AppTest:
    at = open_exports(run_app(monkeypatch, good_path))
    assert not at.exception
    return at


def downloaded_timelinejs(at: AppTest, recorded: dict) -> dict:
    button = at.download_button(key=K_TIMELINEJS_DOWNLOAD)
    return json.loads(recorded[button.proto.deferred_file_id]())


def test_download_button_serves_the_shown_events(app, deferred_downloads):
    button = app.download_button(key=K_TIMELINEJS_DOWNLOAD)
    assert button.label == "Download for TimelineJS"
    document = downloaded_timelinejs(app, deferred_downloads)
    slides = document["events"]
    # The shown events, in the view's (date) order, grouped like the lanes (by actor).
    assert [s["unique_id"] for s in slides] == ["forum-2024", "conference-2025", "us-plan", "li-proposes"]
    assert [s["group"] for s in slides] == ["A forum reader", "China", "United States", "Li Qiang"]
    assert slides[0]["start_date"] == {"year": 2024}


def test_download_follows_filters_and_lanes(app, deferred_downloads):
    app.multiselect(key=K_ACTORS).set_value(["china"]).run()
    open_more(app).radio(key=K_LANES).set_value("theme").run()
    assert not app.exception
    slides = downloaded_timelinejs(app, deferred_downloads)["events"]
    assert [s["unique_id"] for s in slides] == ["conference-2025", "li-proposes"]
    assert [s["group"] for s in slides] == ["International cooperation", "International cooperation"]


def test_no_download_when_no_event_is_shown(app):
    app.text_input(key=K_TEXT).set_value("no event says this").run()
    assert not app.exception
    assert not [b for b in app.download_button if b.key == K_TIMELINEJS_DOWNLOAD]
