"""AppTest: the export buttons of the timeline view, and briefing mode's controls and link."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from components.exports import export_key
from components.keys import (
    K_ACTORS,
    K_BRIEF_CLEAR,
    K_BRIEF_EXIT,
    K_BRIEF_FROM_SHOWN,
    K_BRIEF_NEXT,
    K_BRIEF_PICKS,
    K_BRIEF_PPTX,
    K_BRIEF_PREV,
    K_BRIEF_PRINT_TOGGLE,
    K_BRIEF_SORT,
    K_EXPORTS_OPEN,
    K_TEXT,
    K_VIEW,
)
from tests.conftest import open_exports, run_app
from timeline.exports import files as export_files

# The export panel's buttons by widget key: one per entry of the core's export list.
EXPORT_FILES = {export_key(spec): spec for spec in export_files.EXPORT_FILES}
K_EXPORT_CSV, K_EXPORT_JSON, K_EXPORT_HTML, K_EXPORT_PPTX, K_EXPORT_PNG, K_EXPORT_SVG = (
    export_key(export_files.EXPORTS[name]) for name in ("csv", "json", "html", "pptx", "png", "svg")
)
K_EXPORT_CITATIONS_TEXT, K_EXPORT_CITATIONS_MD = (
    export_key(export_files.EXPORTS[name]) for name in ("citations-txt", "citations-md")
)

ALL_IDS = ["forum-2024", "conference-2025", "us-plan", "li-proposes"]  # date order


@pytest.fixture
def made_files(monkeypatch) -> dict[str, tuple]:
    """file name -> (make, mime) of every deferred download the last run registered.

    AppTest cannot click a download; this catches the callable the button would run.
    """
    files: dict[str, tuple] = {}
    original = MediaFileManager.add_deferred

    def record(self, callable_, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = (callable_, mimetype)
        return original(self, callable_, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return files


def download_buttons(at: AppTest) -> dict[str, object]:
    """Download buttons by widget key."""
    return {button.proto.id.rsplit("-", 1)[-1]: button for button in at.get("download_button")}


def make(files: dict, key: str) -> bytes:
    spec = EXPORT_FILES[key]
    maker, mime = files[spec.file_name]
    assert mime == spec.mime
    data = maker()
    return data.encode("utf-8") if isinstance(data, str) else data


def slide_bodies(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if h.proto.body.startswith('<section class="briefing-slide')]


# ---- exports of the timeline view ---------------------------------------------------------------


def test_export_buttons_are_made_only_while_their_expander_is_open(monkeypatch, good_path, made_files):
    # Closed (as every page opens), nothing of it is sent on a rerun: it was a third of the page.
    at = run_app(monkeypatch, good_path)
    assert "Export this view" in [e.label for e in at.main.expander]
    assert not set(EXPORT_FILES) & set(download_buttons(at))
    assert set(EXPORT_FILES) <= set(download_buttons(open_exports(at)))
    at.session_state[K_EXPORTS_OPEN] = False
    assert not set(EXPORT_FILES) & set(download_buttons(at.run()))


def test_every_export_button_is_there(monkeypatch, good_path, made_files):
    at = open_exports(run_app(monkeypatch, good_path))
    assert not at.exception
    buttons = download_buttons(at)
    assert set(EXPORT_FILES) <= set(buttons)
    for key, spec in EXPORT_FILES.items():
        assert buttons[key].proto.label == spec.label
        assert not buttons[key].proto.disabled
        assert buttons[key].proto.deferred_file_id, "made on click, not on every run"
    assert {spec.file_name for spec in EXPORT_FILES.values()} <= set(made_files)


def test_csv_and_json_buttons_give_the_shown_events(monkeypatch, good_path, made_files):
    at = open_exports(run_app(monkeypatch, good_path))
    rows = list(csv.DictReader(io.StringIO(make(made_files, K_EXPORT_CSV).decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ALL_IDS
    document = json.loads(make(made_files, K_EXPORT_JSON))
    assert [e["id"] for e in document["events"]] == ALL_IDS
    # filtering the view changes what the buttons export
    at.multiselect(key=K_ACTORS).set_value(["china"]).run()
    rows = list(csv.DictReader(io.StringIO(make(made_files, K_EXPORT_CSV).decode("utf-8-sig"))))
    assert [r["id"] for r in rows] == ["conference-2025", "li-proposes"]
    assert [e["id"] for e in json.loads(make(made_files, K_EXPORT_JSON))["events"]] == [
        "conference-2025",
        "li-proposes",
    ]


def test_html_citation_and_pptx_buttons(monkeypatch, good_path, made_files):
    open_exports(run_app(monkeypatch, good_path))
    page = make(made_files, K_EXPORT_HTML).decode("utf-8")
    assert all(f'id="event-{event_id}"' in page for event_id in ALL_IDS)
    assert "4 of 4 events" in page
    assert "[1] " in make(made_files, K_EXPORT_CITATIONS_TEXT).decode("utf-8")
    assert "## Sources" in make(made_files, K_EXPORT_CITATIONS_MD).decode("utf-8")
    prs = Presentation(io.BytesIO(make(made_files, K_EXPORT_PPTX)))
    assert len(prs.slides) == 4


@pytest.mark.skipif(shutil.which("chromium") is None, reason="kaleido needs Debian's chromium (make test installs it)")
def test_image_buttons_draw_with_kaleido(monkeypatch, good_path, made_files):
    open_exports(run_app(monkeypatch, good_path))
    assert make(made_files, K_EXPORT_PNG).startswith(b"\x89PNG")
    assert make(made_files, K_EXPORT_SVG).startswith(b"<svg")


def test_no_export_buttons_when_nothing_is_shown(monkeypatch, good_path, made_files):
    at = open_exports(run_app(monkeypatch, good_path))
    at.text_input(key=K_TEXT).input("nothing matches this").run()
    assert not at.exception
    assert not set(EXPORT_FILES) & set(download_buttons(at))


# ---- briefing mode ------------------------------------------------------------------------------


def test_briefing_steps_forward_and_back_and_keeps_the_slide_in_the_link(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing"})
    assert not at.exception
    assert 'data-slide="1"' in slide_bodies(at)[0] and "1 / 4" in slide_bodies(at)[0]
    assert at.button(key=K_BRIEF_PREV).disabled
    at.button(key=K_BRIEF_NEXT).click().run()
    at.button(key=K_BRIEF_NEXT).click().run()
    assert "3 / 4" in slide_bodies(at)[0] and "US releases AI blueprint" in slide_bodies(at)[0]
    assert at.query_params["slide"] == "3"
    at.button(key=K_BRIEF_NEXT).click().run()
    assert at.button(key=K_BRIEF_NEXT).disabled
    at.button(key=K_BRIEF_PREV).click().run()
    assert "3 / 4" in slide_bodies(at)[0]
    # nothing else on screen: no chart, no export buttons, no event selector
    assert not at.get("plotly_chart") and not at.selectbox
    assert set(download_buttons(at)) == {K_BRIEF_PPTX}


def test_briefing_link_opens_the_slide_and_the_picks(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing", "slide": "2", "picks": "li-proposes,forum-2024,nope"})
    assert not at.exception
    body = slide_bodies(at)[0]
    assert "2 / 2" in body and "A forum reader comments" in body
    assert any("unknown event" in w.value and "nope" in w.value for w in at.warning)  # (markdown-escaped)
    assert at.query_params["picks"] == "li-proposes,forum-2024"


def test_briefing_slide_number_is_clamped_to_the_deck(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing", "slide": "40"})
    assert "4 / 4" in slide_bodies(at)[0]
    assert at.query_params["slide"] == "4"


def test_briefing_picks_from_the_picker(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing", "actor": "china"})
    assert "1 / 2" in slide_bodies(at)[0]
    at.multiselect(key=K_BRIEF_PICKS).set_value(["us-plan", "forum-2024"]).run()
    assert "1 / 2" in slide_bodies(at)[0] and "US releases AI blueprint" in slide_bodies(at)[0]
    assert at.query_params["picks"] == "us-plan,forum-2024"
    at.button(key=K_BRIEF_SORT).click().run()
    assert at.query_params["picks"] == "forum-2024,us-plan"
    at.button(key=K_BRIEF_CLEAR).click().run()
    assert "picks" not in at.query_params
    at.button(key=K_BRIEF_FROM_SHOWN).click().run()
    assert at.query_params["picks"] == "conference-2025,li-proposes"
    assert at.multiselect(key=K_BRIEF_PICKS).value == ["conference-2025", "li-proposes"]


def test_briefing_picks_survive_a_visit_to_the_timeline(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing", "picks": "us-plan"})
    at.segmented_control(key=K_VIEW).set_value("timeline").run()
    assert not at.exception
    at.segmented_control(key=K_VIEW).set_value("briefing").run()
    assert at.query_params["picks"] == "us-plan"
    assert at.multiselect(key=K_BRIEF_PICKS).value == ["us-plan"]


def test_print_all_slides_and_exit(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing"})
    at.button(key=K_BRIEF_PRINT_TOGGLE).click().run()
    body = slide_bodies(at)[0]
    assert body.count('class="briefing-slide"') == 4
    assert at.query_params["slide"] == "all"
    assert not at.button(key=K_BRIEF_PRINT_TOGGLE).label.startswith("Print")
    at.button(key=K_BRIEF_EXIT).click().run()
    assert not at.exception
    assert at.segmented_control(key=K_VIEW).value == "timeline"
    assert at.get("plotly_chart")
    assert "slide" not in at.query_params


def test_briefing_pptx_button_makes_the_deck(monkeypatch, good_path, made_files):
    run_app(monkeypatch, good_path, {"view": "briefing", "picks": "us-plan,li-proposes"})
    maker, _ = made_files["ai-governance-briefing.pptx"]
    prs = Presentation(io.BytesIO(maker()))
    assert len(prs.slides) == 2


def test_briefing_with_nothing_to_show(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path, {"view": "briefing", "q": "nothing matches this"})
    assert not at.exception
    assert not slide_bodies(at)
    assert any("No event to present" in i.value for i in at.info)
    assert at.button(key=K_BRIEF_EXIT)
