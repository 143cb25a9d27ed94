"""Real browser: click a stance-matrix cell and read its quote; click a position on the timeline."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import StreamlitServer, start_server, wait_for_chart
from tests.positions_data import write_rich_dataset

# Where a point with this customdata is drawn on the page: Plotly's own calc data and axes,
# so that the click lands on the marker whatever the layout.
POINT_AT = """(key) => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const layout = gd._fullLayout, box = gd.getBoundingClientRect();
    for (const points of gd.calcdata || []) {
      const data = points[0].trace.customdata || [];
      for (let i = 0; i < points.length; i++) {
        const value = Array.isArray(data[i]) ? data[i][0] : data[i];
        if (value === key) {
          return {x: box.left + layout._size.l + layout.xaxis.c2p(points[i].x),
                  y: box.top + layout._size.t + layout.yaxis.c2p(points[i].y)};
        }
      }
    }
  }
  return null;
}"""


@pytest.fixture(scope="module")
def rich_server(tmp_path_factory) -> Iterator[StreamlitServer]:
    server = start_server(write_rich_dataset(tmp_path_factory.mktemp("rich-positions")))
    try:
        yield server
    finally:
        server.stop()


def click_point(page, key: str) -> None:
    spot = page.evaluate(POINT_AT, key)
    assert spot is not None, f"no point {key!r} on the page"
    page.mouse.click(spot["x"], spot["y"])


def test_click_a_matrix_cell_and_see_its_quote(rich_server, page):
    page.goto(f"{rich_server.url}/?view=positions&asof=2025-07-31")
    wait_for_chart(page)
    expect(page.get_by_text("7 of 15 cells hold a recorded position")).to_be_visible()
    click_point(page, "cell:united-states.cooperation")
    expect(page.get_by_role("heading", name="United States on International cooperation")).to_be_visible()
    expect(page.get_by_text("called the plan a power play and said Washington opposed it")).to_be_visible()
    expect(page).to_have_url(re.compile(r"cell=united-states\.cooperation"))
    # "Show in source" opens the source with the position's passage as the current one.
    page.get_by_role("button", name="Show in source").click()
    frame = page.frame_locator("iframe").first
    expect(frame.locator("mark.quote.current")).to_have_text(re.compile("called the plan a power play"))
    expect(page).to_have_url(re.compile(r"source=report"))


def test_a_shared_link_reopens_the_same_cell(rich_server, page):
    page.goto(f"{rich_server.url}/?view=positions&asof=2025-07-15&cell=reader.cooperation")
    wait_for_chart(page)
    expect(page.get_by_role("heading", name="A forum reader on International cooperation")).to_be_visible()
    expect(page.get_by_text("this looks like a power play")).to_be_visible()
    expect(page.get_by_text("Dated only to July 2025")).to_be_visible()


def test_click_a_position_on_the_timeline_opens_the_event_where_it_was_stated(rich_server, page):
    page.goto(f"{rich_server.url}/?positions=1")
    wait_for_chart(page)
    click_point(page, "position:china-open-2025")
    expect(page).to_have_url(re.compile(r"event=waic-2025"))
    expect(page.get_by_role("heading", name="WAIC 2025")).to_be_visible()


def test_click_a_position_stated_at_no_event_opens_it_in_the_positions_view(rich_server, page):
    # The chart and detail rerun alone on a click (a fragment); this click must rerun the page.
    page.goto(f"{rich_server.url}/?positions=1")
    wait_for_chart(page)
    click_point(page, "position:li-safety-2024")
    expect(page).to_have_url(re.compile(r"view=positions"))
    expect(page).to_have_url(re.compile(r"cell=li-qiang"))
    expect(page.get_by_role("heading", name=re.compile(r"^Li Qiang on "))).to_be_visible()
