"""Many users at once: 20 browser sessions explore, filter and select on one server.

Each session gets its own lane mode, search and event; every round all sessions act at
once (their reruns overlap on the server), then each is checked to show exactly its own
state. The server's memory per session is measured and reported, and the data folder is
hashed before and after: the app never writes to it.
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
from playwright.sync_api import expect

from components.event_selector import HINT
from tests.e2e.conftest import choose_radio, start_server, wait_for_chart
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.state.filtering import Filters, filter_events

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SESSIONS = 20
ROUND_SECONDS = 20  # new rounds start until then
MAX_MB_PER_SESSION = 20
SEARCH = "Search titles, summaries and quotes"
WAIT = 60_000  # ms: twenty sessions share two cores


def folder_digest(folder: Path) -> str:
    """One hash over every file's path and bytes under `folder`."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def search_word(title: str) -> str:
    """A word of the title to search for: its longest, so the search stays selective."""
    return max(re.findall(r"[A-Za-z]{4,}", title), key=len).lower()


# True once the drawn chart's event markers are exactly the given ids (sorted).
CHART_HOLDS = """(ids) => {
    const gd = document.querySelector('.js-plotly-plot');
    if (!gd || !gd.data || !gd.querySelector('.scatterlayer .point')) return false;
    const shown = new Set();
    for (const trace of gd.data) {
      if (trace.meta === 'events') trace.customdata.forEach(row => shown.add(row[0]));
    }
    return JSON.stringify([...shown].sort()) === JSON.stringify(ids);
}"""


def server_mb(server) -> float:
    return psutil.Process(server.process.pid).memory_info().rss / 2**20


class Session:
    """One user: a browser context and the state it is meant to show in this round."""

    def __init__(self, browser, number: int):
        self.number = number
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.page.set_default_timeout(60_000)
        self.lanes = "theme" if number % 2 else "actor"

    def plan(self, event, total: int, frames) -> None:
        self.event = event
        self.word = search_word(event.title)
        self.shown = sorted(filter_events(frames, Filters(text=self.word))["id"])
        self.total = total

    def filter(self) -> None:
        box = self.page.get_by_label(SEARCH)
        box.fill(self.word)
        box.press("Enter")

    def wait_filtered(self) -> None:
        """Until this session's chart holds exactly the events its own search finds."""
        expect(self.page.get_by_text(f"{len(self.shown)} / {self.total}", exact=False).first).to_be_visible(
            timeout=WAIT
        )
        expect(self.page).to_have_url(re.compile(rf"[?&]q={self.word}(&|$)"), timeout=WAIT)
        self.page.wait_for_function(CHART_HOLDS, arg=self.shown, timeout=WAIT)

    def select(self) -> None:
        # The keyboard-reachable selector: markers of one day in one lane overlap, so a click
        # on the chart cannot always reach a given event.
        self.page.get_by_role("combobox", name="Open an event").click()
        self.page.keyboard.type(self.event.title)
        self.page.keyboard.press("Enter")

    def check_own_state(self) -> None:
        page = self.page
        expect(page.get_by_role("heading", name=self.event.title, exact=True)).to_be_visible(timeout=WAIT)
        expect(page).to_have_url(re.compile(rf"[?&]event={re.escape(self.event.id)}(&|$)"), timeout=WAIT)
        query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
        assert query["q"] == [self.word] and query["event"] == [self.event.id], (self.number, query)
        assert query.get("lanes", ["actor"]) == [self.lanes], (self.number, query)
        assert page.locator("[data-testid='stException']").count() == 0


def open_sessions(browser, server) -> tuple[list[Session], float]:
    """Twenty sessions on the app, their lane modes set; and the server's MB with only the first."""
    first = Session(browser, 0)
    first.page.goto(server.url)
    wait_for_chart(first.page)
    one_session_mb = server_mb(server)
    sessions = [first] + [Session(browser, n) for n in range(1, SESSIONS)]
    # One page load at a time: twenty Chromium pages parsing Streamlit's and Plotly's scripts
    # at once kept two cores busy for 50-80 s, which is the browser's cost, not the server's.
    # The rounds below are what run concurrently.
    for session in sessions:
        if session is not first:
            session.page.goto(server.url, wait_until="commit")
        wait_for_chart(session.page)
        # The selector is in "Find an event by name", filled only while open: opened here, one
        # session at a time, so that the rounds below act on a page that already shows it.
        session.page.get_by_text("Find an event by name").click()
        expect(session.page.get_by_role("combobox", name="Open an event")).to_be_visible(timeout=WAIT)
        expect(session.page.get_by_text(HINT)).to_have_count(0, timeout=WAIT)
        if session.lanes == "theme":
            session.page.get_by_text("More filters and display").click()  # filled only while open
            choose_radio(session.page, "One lane per theme")
    return sessions, one_session_mb


def play_round(sessions: list[Session], events: list, round_number: int, frames) -> None:
    """Every session searches, then opens an event, all at once; then each shows only its own."""
    for session in sessions:
        session.plan(events[(session.number + round_number * 7) % len(events)], len(frames.events), frames)
    for session in sessions:  # all at once: each action returns before its rerun ends
        session.filter()
    for session in sessions:
        session.wait_filtered()
    for session in sessions:
        session.select()
    for session in sessions:
        session.check_own_state()


def test_twenty_sessions_at_once_keep_their_own_state(browser, record_property):
    before = folder_digest(DATA)
    dataset = load_dataset(DATA / "events.yaml")
    frames, events = build_frames(dataset), sorted(dataset.events, key=lambda e: e.id)
    server = start_server()  # the bundled data/, which must come out untouched
    sessions: list[Session] = []
    try:
        sessions, one_session_mb = open_sessions(browser, server)
        rounds, peak_mb, started = 0, server_mb(server), time.monotonic()
        while rounds == 0 or time.monotonic() - started < ROUND_SECONDS:
            play_round(sessions, events, rounds, frames)
            rounds += 1
            peak_mb = max(peak_mb, server_mb(server))
        with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10) as response:
            assert response.status == 200
    finally:
        for session in sessions:
            session.context.close()
        server.stop()

    per_session_mb = (peak_mb - one_session_mb) / (SESSIONS - 1)
    report = (
        f"{SESSIONS} sessions x {rounds} round(s): server RSS {one_session_mb:.0f} MB with one session, "
        f"{peak_mb:.0f} MB at peak, {per_session_mb:.1f} MB per extra session"
    )
    print(report)
    record_property("concurrency", report)
    assert per_session_mb < MAX_MB_PER_SESSION, report
    assert folder_digest(DATA) == before, "the app wrote to data/"
