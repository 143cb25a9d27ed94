"""`python -m timeline export`: the app's export files from a link's query string, byte for byte."""

from __future__ import annotations

import io
import shutil
from urllib.parse import parse_qsl

import pytest
from pptx import Presentation
from streamlit.runtime.media_file_manager import MediaFileManager

from tests.conftest import open_exports, run_app
from timeline.__main__ import main
from timeline.exports.files import EXPORT_FILES, EXPORTS, as_bytes

# A view with the disputed event (us-plan), lanes by theme (TimelineJS groups follow them).
VIEW = "?from=2025&to=2025&type=policy,proposal,conference&lanes=theme"


@pytest.fixture
def made_files(monkeypatch) -> dict:
    """file name -> the callable a deferred download button would run (AppTest cannot click one)."""
    files: dict = {}
    original = MediaFileManager.add_deferred

    def record(self, callable_, mimetype, coordinates, file_name=None, **kwargs):
        files[file_name] = callable_
        return original(self, callable_, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return files


def cli_export(fmt: str, data, out, view: str = VIEW) -> bytes:
    assert main(["export", "--format", fmt, "--view", view, str(data), "-o", str(out)]) == 0
    return out.read_bytes()


@pytest.mark.parametrize("fmt", ["csv", "json", "citations-txt", "citations-md", "timelinejs"])
def test_the_command_gives_the_apps_download_of_the_same_view_byte_for_byte(
    monkeypatch, good_path, tmp_path, made_files, fmt
):
    at = open_exports(run_app(monkeypatch, good_path, dict(parse_qsl(VIEW.lstrip("?")))))
    assert not at.exception
    spec = EXPORTS[fmt]
    from_app = as_bytes(made_files[spec.file_name]())
    from_command = cli_export(fmt, good_path, tmp_path / spec.file_name)
    assert from_command == from_app
    assert b"US releases AI blueprint" in from_command and b"A forum reader" not in from_command  # only the view


@pytest.mark.parametrize(
    "view",
    ["?type=policy,proposal&q=US", "type=policy,proposal&q=US", "http://localhost:8501/?type=policy,proposal&q=US"],
)
def test_a_view_is_read_from_a_query_string_or_a_whole_link(good_path, tmp_path, view):
    text = cli_export("citations-txt", good_path, tmp_path / "c.txt", view).decode()
    assert "US releases AI blueprint" in text and "Li proposes" not in text and "annual conference" not in text


def test_every_format_of_the_list_is_a_format_of_the_command(good_path, tmp_path, capsys):
    formats = [spec.key for spec in EXPORT_FILES]
    assert formats == ["csv", "json", "html", "pptx", "png", "svg", "citations-txt", "citations-md", "timelinejs"]
    assert main(["export", "--format", "nope", str(good_path), "-o", str(tmp_path / "x")]) == 1
    assert ", ".join(formats) in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "error: unknown format 'xlsx': expected one of csv, json"),
        (["--format", "csv", "--view", "?actor=nobody"], "error: bad --view '?actor=nobody': "),
        (["--format", "csv", "--view", "?from=abc"], "error: bad --view '?from=abc': "),
        (["--format", "png", "--view", "?q=no+event+says+this"], "error: this view shows no event"),
    ],
    ids=["format", "unknown-actor", "bad-year", "no-chart"],
)
def test_a_bad_format_or_view_is_one_line_and_exit_1(good_path, tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert main(["export", *args, str(good_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message) and err.count("\n") == 1
    assert not out.exists()


def slide_titles(data: bytes) -> list[str]:
    return [slide.shapes[0].text_frame.text for slide in Presentation(io.BytesIO(data)).slides]


def test_a_briefing_link_gives_its_picked_slides_in_order_as_the_briefings_button_does(
    monkeypatch, good_path, tmp_path, made_files
):
    link = "?view=briefing&slide=2&picks=us-plan,forum-2024"
    at = run_app(monkeypatch, good_path, dict(parse_qsl(link.lstrip("?"))))
    assert not at.exception
    from_button = made_files[EXPORTS["pptx"].file_name]()
    from_command = cli_export("pptx", good_path, tmp_path / "b.pptx", link)
    assert (
        slide_titles(from_command)
        == slide_titles(from_button)
        == ["US releases AI blueprint", "A forum reader comments"]
    )


def test_the_offline_page_holds_the_views_chart_and_events(good_path, tmp_path):
    page = cli_export("html", good_path, tmp_path / "p.html").decode()
    assert 'id="timeline-chart"' in page and 'id="event-us-plan"' in page and 'id="event-forum-2024"' not in page
    assert '<section class="dispute">' in page


@pytest.mark.skipif(not shutil.which("chromium"), reason="kaleido needs Chromium")
def test_the_chart_as_svg(good_path, tmp_path):
    assert cli_export("svg", good_path, tmp_path / "c.svg").startswith(b"<svg")
