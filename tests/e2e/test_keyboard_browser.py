"""Keyboard only: from a fresh page, key presses alone reach an event, its quote's source, and back."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from components.keys import K_CHRONO, K_CHRONO_OPEN, K_CLOSE_SOURCE
from tests.e2e.conftest import wait_for_chart

WAIT_MS = 30_000  # a loaded 2-core machine can take seconds per rerun
MAX_TABS = 80  # more would mean the element is not in the tab order at all
IN_LIST = f"() => !!document.activeElement.closest('.st-key-{K_CHRONO}')"
ON_LIST_OPENER = (
    f"() => document.activeElement.tagName === 'SUMMARY' && !!document.activeElement.closest('.st-key-{K_CHRONO_OPEN}')"
)
ON_BUTTON = "(name) => document.activeElement.tagName === 'BUTTON' && document.activeElement.innerText.trim() === name"


def press_until(page, key: str, focused_js: str, arg: object = None) -> int:
    """Press `key` until the focused element passes `focused_js`; how many presses it took."""
    for presses in range(1, MAX_TABS + 1):
        page.keyboard.press(key)
        if page.evaluate(focused_js, arg):
            return presses
    raise AssertionError(f"{MAX_TABS} presses of {key} never reached it")


def settled(page) -> None:
    """Wait until the app's run is over, so the elements to tab through are all drawn."""
    expect(page.locator(".stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=WAIT_MS * 2)


def test_a_keyboard_alone_opens_an_event_shows_its_source_and_gets_back(page, small_server):
    page.goto(small_server.url)
    wait_for_chart(page)
    settled(page)

    # Open the chronology (its expander's label is a button), then into it: the first row has
    # focus; Space chooses it, an arrow the next one.
    press_until(page, "Tab", ON_LIST_OPENER)
    page.keyboard.press("Enter")
    expect(page.get_by_role("radiogroup", name=re.compile("^Chronology"))).to_be_visible(timeout=WAIT_MS)
    settled(page)
    press_until(page, "Tab", IN_LIST)
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="A forum reader comments")).to_be_visible(timeout=WAIT_MS)
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("heading", name="The annual conference")).to_be_visible(timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"[?&]event=conference-2025"), timeout=WAIT_MS)

    # On to the quote's "Show in source"; Enter opens the source with the passage marked.
    settled(page)
    press_until(page, "Tab", ON_BUTTON, "Show in source")
    page.keyboard.press("Enter")
    frame = page.frame_locator("iframe").first
    expect(frame.locator("mark.quote.current").first).to_contain_text("told the annual conference", timeout=WAIT_MS)
    expect(page).to_have_url(re.compile(r"[?&]source=wire"), timeout=WAIT_MS)

    # Close the source, and back to the list.
    expect(page.get_by_role("button", name="Close source")).to_be_visible(timeout=WAIT_MS)
    settled(page)
    press_until(page, "Tab", ON_BUTTON, "Close source")
    page.keyboard.press("Enter")
    expect(page.locator(f".st-key-{K_CLOSE_SOURCE}")).to_have_count(0, timeout=WAIT_MS)
    expect(page).not_to_have_url(re.compile(r"[?&]source="), timeout=WAIT_MS)
    settled(page)
    press_until(page, "Shift+Tab", IN_LIST)
    expect(page.get_by_role("heading", name="The annual conference")).to_be_visible(timeout=WAIT_MS)
