"""Briefing mode and exports in a real browser: stepping through slides, printing, the offline page."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from components.keys import K_EXPORT_HTML, K_EXPORT_PNG
from tests.e2e.conftest import wait_for_chart


def export_button(page, key: str):
    """A download button of "Export this view", by its widget key."""
    return page.locator(f".st-key-{key}").get_by_role("button")


def current_slide(page):
    return page.locator("section.briefing-slide")


def open_briefing(page, url: str) -> None:
    """Open a briefing link and wait for its first slide: a cold app on a loaded machine takes a while."""
    page.goto(url)
    expect(current_slide(page).first).to_be_visible(timeout=60_000)


def expect_slide(page, number: int, title: str) -> None:
    slide = current_slide(page)
    expect(slide).to_have_attribute("data-slide", str(number))
    expect(slide.locator(".briefing-counter")).to_have_text(f"{number} / 4")
    expect(slide.locator("h2.briefing-title")).to_have_text(title)
    expect(page).to_have_url(
        re.compile(rf"slide={number}\b") if number > 1 else re.compile(r"view=briefing(?!.*slide=)")
    )


def test_briefing_walks_forward_and_back(page, small_server):
    open_briefing(page, f"{small_server.url}/?view=briefing")
    expect_slide(page, 1, "A forum reader comments")
    # nothing else on screen: no sidebar, header, app title or view switch
    expect(page.locator('section[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator('header[data-testid="stHeader"]')).to_be_hidden()
    expect(page.get_by_role("heading", name="Global AI governance: an evidence-linked timeline")).to_be_hidden()
    expect(current_slide(page).locator(".strip-dot.current")).to_have_count(1)
    expect(current_slide(page).locator("blockquote")).to_have_text("“this looks like a power play”")
    previous = page.get_by_role("button", name=re.compile("^Previous"))
    following = page.get_by_role("button", name=re.compile("^Next"))
    expect(previous).to_be_disabled()

    following.click()
    expect_slide(page, 2, "The annual conference")
    following.click()
    expect_slide(page, 3, "US releases AI blueprint")
    page.keyboard.press("ArrowRight")  # a presenter's clicker or keyboard
    expect_slide(page, 4, "Li proposes an organisation")
    expect(following).to_be_disabled()
    page.keyboard.press("ArrowLeft")
    expect_slide(page, 3, "US releases AI blueprint")
    previous.click()
    expect_slide(page, 2, "The annual conference")
    previous.click()
    expect_slide(page, 1, "A forum reader comments")


def test_briefing_link_with_picks_and_exit(page, small_server):
    open_briefing(page, f"{small_server.url}/?view=briefing&picks=li-proposes,us-plan&slide=2")
    slide = current_slide(page)
    expect(slide.locator(".briefing-counter")).to_have_text("2 / 2")
    expect(slide.locator("h2.briefing-title")).to_have_text("US releases AI blueprint")
    page.get_by_role("button", name=re.compile("Exit briefing")).click()
    wait_for_chart(page)
    expect(page.locator('section[data-testid="stSidebar"]')).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"slide=|picks="))


def test_print_all_slides_gives_one_page_per_slide(page, small_server):
    open_briefing(page, f"{small_server.url}/?view=briefing&slide=all")
    expect(page.locator("section.briefing-slide")).to_have_count(4)
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name=re.compile("Back to one slide"))).to_be_hidden()
    pdf = page.pdf(landscape=True, print_background=True)
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 4


def test_offline_page_export_opens_without_network_and_shows_a_clicked_event(browser, page, small_server, tmp_path):
    page.goto(small_server.url)
    wait_for_chart(page)
    page.get_by_text("Export this view").click()
    with page.expect_download() as info:
        export_button(page, K_EXPORT_HTML).click()
    download = info.value
    assert download.suggested_filename == "ai-governance-timeline.html"
    path = tmp_path / "timeline.html"
    download.save_as(path)

    # Double-clicking the file: a browser with no network, every request recorded.
    context = browser.new_context(offline=True, viewport={"width": 1300, "height": 900})
    offline = context.new_page()
    requests, problems = [], []
    offline.on("request", lambda request: requests.append(request.url))
    offline.on("console", lambda message: message.type == "error" and problems.append(message.text))
    offline.on("pageerror", lambda error: problems.append(str(error)))
    try:
        offline.goto(path.as_uri())
        wait_for_chart(offline)
        expect(offline.locator("article.event")).to_have_count(4)
        point = offline.evaluate(
            """() => {
                const gd = document.getElementById('timeline-chart');
                const t = gd.data.findIndex(tr => tr.meta === 'events' && tr.customdata.some(r => r[0] === 'us-plan'));
                return {trace: t, point: gd.data[t].customdata.findIndex(r => r[0] === 'us-plan'),
                        bars: gd.data.filter(tr => tr.type === 'bar').length};
            }"""
        )
        marker = (
            offline.locator(".scatterlayer .trace")
            .nth(point["trace"] - point["bars"])
            .locator(".point")
            .nth(point["point"])
        )
        marker.click(force=True)
        expect(offline.locator("#detail h3")).to_have_text("US releases AI blueprint")
        expect(offline.locator("#detail blockquote")).to_contain_text("on Wednesday released an AI blueprint")
    finally:
        context.close()
    outside = [url for url in requests if not url.startswith(("file:", "data:", "blob:"))]
    assert outside == []
    assert problems == []


def test_chart_png_download_is_drawn_on_the_server(page, small_server, tmp_path):
    page.goto(small_server.url)
    wait_for_chart(page)
    page.get_by_text("Export this view").click()
    with page.expect_download(timeout=90_000) as info:
        export_button(page, K_EXPORT_PNG).click()
    path = tmp_path / "chart.png"
    info.value.save_as(path)
    assert path.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
