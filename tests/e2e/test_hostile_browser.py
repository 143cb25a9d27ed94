"""In a real browser: hostile data runs nothing and reads literally; hostile links only earn a notice.

The dataset tests/fixtures/hostile/ carries payloads in every text field (<script>, an
<img onerror>, javascript: and markdown links, an image from 127.0.0.1:1, Streamlit
directives, math, entities, a right-to-left override). Nothing may run (no dialog), no
element may be injected, no request may leave for the payloads' address, and the text
must show as written: in the detail panel, the hover label and the highlighted source.
"""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import start_server, wait_for_chart
from timeline.loading.load import load_dataset

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile" / "events.yaml"
INJECTED = (
    "img[src='x'], [onerror], [onload], a[href^='javascript' i], iframe[src^='javascript' i], base, object, embed"
)
NOTICE = "Some parts of this link were not used"


@pytest.fixture(scope="module")
def hostile_server():
    server = start_server(data=HOSTILE)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def watched(page):
    """The page, with every dialog and every request to the payloads' address recorded."""
    page.dialogs, page.leaks = [], []

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("request", lambda request: page.leaks.append(request.url) if "127.0.0.1:1/" in request.url else None)
    return page


def assert_nothing_ran(page) -> None:
    for frame in page.frames:  # every image has loaded or failed, so any onerror has fired
        frame.wait_for_function("() => [...document.images].every(image => image.complete)")
    assert page.dialogs == []
    assert page.leaks == []
    for frame in page.frames:
        assert frame.locator(INJECTED).count() == 0, frame.url
        assert frame.locator("script", has_text="xss-").count() == 0, frame.url
        hrefs = frame.eval_on_selector_all("a[href]", "links => links.map(a => a.getAttribute('href'))")
        assert all(h.startswith(("http://", "https://", "#")) for h in hrefs), hrefs
    assert page.locator("[data-testid='stException']").count() == 0


def shown_text(frame, leaving_out: str = "") -> str:
    """What a reader sees (less `leaving_out` elements), without the invisible word joiners
    that the markdown escaping puts into URLs."""
    script = """(selector) => {
        const body = document.body.cloneNode(true);
        if (selector) body.querySelectorAll(selector).forEach(element => element.remove());
        document.documentElement.appendChild(body);  // innerText needs a rendered element
        const text = body.innerText;
        body.remove();
        return text;
    }"""
    return frame.evaluate(script, leaving_out).replace("\u2060", "")


def test_the_detail_panel_and_source_viewer_show_every_payload_as_text(watched, hostile_server):
    dataset = load_dataset(HOSTILE)
    event, source, position, dispute = dataset.events[0], dataset.sources[0], dataset.positions[0], dataset.disputes[0]
    watched.goto(hostile_server.url + "/?event=hostile-point&source=hostile-source")
    wait_for_chart(watched)
    expect(watched.get_by_role("heading", level=3).filter(has_text="EVENT-TITLE").first).to_be_visible()
    viewer = watched.frame_locator("iframe[srcdoc]").first
    expect(viewer.locator("mark.current")).to_have_count(1)
    assert_nothing_ran(watched)

    text = shown_text(watched)
    fields = [event.title, event.location, event.summary, event.evidence[0].note, event.evidence[0].quote]
    fields += [a.name for a in dataset.actors] + [dataset.actors[1].role, dataset.themes[0].label]
    fields += [source.title, source.publisher, source.author, source.published_note, source.note]
    fields += [position.proposition, dispute.about.field, dispute.summary, dispute.decision]
    fields += [claim.value for claim in dispute.claims] + [dispute.claims[1].external]
    missing = [field for field in fields if field not in text]
    assert missing == []

    source_frame = next(f for f in watched.frames if f.url == "about:srcdoc")
    # the source text exactly, less the passage numbers that the highlighting adds
    assert shown_text(source_frame, leaving_out="sup.ref").strip() == dataset.texts["hostile-source"].strip()
    expect(viewer.locator("mark.current")).to_have_text(re.compile(re.escape(event.evidence[0].quote)))


def test_the_hover_label_shows_the_title_as_text(watched, hostile_server):
    title = load_dataset(HOSTILE).events[0].title
    watched.goto(hostile_server.url)
    wait_for_chart(watched)
    watched.locator(".js-plotly-plot .scatterlayer .trace .point").first.hover(force=True)
    label = watched.locator(".js-plotly-plot .hoverlayer .hovertext").first
    expect(label).to_be_visible()
    shown = label.text_content()
    assert title in shown or load_dataset(HOSTILE).events[1].title in shown
    assert_nothing_ran(watched)


@pytest.mark.parametrize(
    ("query", "ready"),
    [
        ("view=sources", "Sources"),
        ("view=positions&cell=hostile-state.hostile-theme", "ACTOR-NAME"),
        ("view=briefing", "RANGE-TITLE"),
    ],
)
def test_the_other_views_run_nothing_either(watched, hostile_server, query, ready):
    watched.goto(f"{hostile_server.url}/?{query}")
    expect(watched.get_by_role("heading").filter(has_text=ready).first).to_be_visible(timeout=60_000)
    if query == "view=sources":
        watched.locator("[data-testid='stMain'] [data-testid='stExpander'] summary").first.click()
        expect(watched.get_by_text("Hostile source text.", exact=False).first).to_be_visible()
    assert_nothing_ran(watched)
    assert "<img src=x onerror=alert('xss-img')>" in shown_text(watched)


# ---- hostile links ---------------------------------------------------------------------------


HOSTILE_LINKS = [
    # unknown ids, malformed dates and choices, unknown parameters
    ("event=nope&from=abc&to=99999&actor=china,nobody&lanes=sideways&utm_source=x", "ignored event='nope'"),
    # repeated parameters
    ("event=us-plan&event=li-proposes", "given more than once"),
    # huge values
    ("event=" + "x" * 5000, "value too long"),
    ("q=" + "y" * 1500, "search text cut to 200 characters"),
    # odd encodings: invalid UTF-8, NUL, markup, a right-to-left override
    (
        "event=%FF%FE&source=%00&colour=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E",
        "ignored colour='<img src=x onerror=alert(1)>'",
    ),
    ("actor=" + urllib.parse.quote("\u202echina") + "&type=%3Ascript%3A", "ignored unknown actor"),
    # the other views' own parameters
    ("view=positions&asof=2024-02-30&cell=%3Cscript%3E&section=nope", "ignored"),
    ("view=briefing&slide=99999&picks=nope,%3Cb%3E", "ignored"),
]


@pytest.mark.parametrize(("query", "notice"), HOSTILE_LINKS)
def test_hostile_links_show_a_notice_and_no_error(watched, small_server, query, notice):
    watched.goto(f"{small_server.url}/?{query}")
    warning = watched.locator("[data-testid='stAlert']").filter(has_text=NOTICE).first
    expect(warning).to_be_visible(timeout=60_000)
    expect(warning).to_contain_text(notice)
    assert_nothing_ran(watched)
