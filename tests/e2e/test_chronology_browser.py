"""The chronology list in a real browser: rows a screen reader names, marked by a chart click."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from components.chronology import EXPANDER_LABEL
from tests.e2e.conftest import wait_for_chart
from tests.e2e.test_timeline_browser import marker_of

WAIT_MS = 30_000
US_PLAN_ROW = re.compile(r"^23 July 2025 · US releases AI blueprint · United States · policy · ⚖ disputed · 1 quote")


def test_each_row_is_a_radio_named_by_its_text_and_a_chart_click_marks_its_row(page, small_server):
    page.goto(small_server.url)
    wait_for_chart(page)
    page.get_by_text(EXPANDER_LABEL).click()  # the list is made only while its expander is open
    group = page.get_by_role("radiogroup", name=re.compile("^Chronology"))
    expect(group.get_by_role("radio")).to_have_count(4, timeout=WAIT_MS)
    row = group.get_by_role("radio", name=US_PLAN_ROW)
    expect(row).not_to_be_checked()
    marker_of(page, "us-plan").click(force=True)
    expect(page.get_by_role("heading", name="US releases AI blueprint")).to_be_visible(timeout=WAIT_MS)
    expect(row).to_be_checked(timeout=WAIT_MS)


def test_a_chart_summary_names_the_chart_in_text(page, small_server):
    page.goto(small_server.url)
    wait_for_chart(page)
    expect(page.get_by_text("Timeline of 4 events, 2024–2025, in 4 lanes")).to_be_visible(timeout=WAIT_MS)
