"""Browser measurements: cold start, first view, a filter change, a click, bytes sent, memory per session.

Each app (the timeline, or the baseline) runs in its own Streamlit server and is driven
by headless Chromium through Playwright. A chart counts as painted when Plotly has
emitted `plotly_afterplot` for data that differs from what was drawn before the action.
"""

from __future__ import annotations

import statistics
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.baseline_app import SELECTED_PREFIX
from bench.limits import within_limits
from bench.servers import APP, BASELINE, LIFTED_APP, Server
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

TIMEOUT_MS = 900_000  # 100,000 events take minutes to load on a slow machine
VIEWPORT = {"width": 1400, "height": 1000}
# After an interaction's script run has finished, the browser may still be working on it
# (a second plot, the elements after the chart): its CPU time counts until this much later.
SETTLE_MS = 500

# Counts every plotly_afterplot of every chart on the page, from the first one on.
_HOOK = """
window.__bench = {plots: 0};
new MutationObserver(() => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (!gd.__benchHooked && typeof gd.on === 'function') {
      gd.__benchHooked = true;
      gd.on('plotly_afterplot', () => { window.__bench.plots += 1; });
      // A small chart can be drawn before this observer runs: count that first plot too.
      if (gd._fullLayout && gd._fullData) window.__bench.plots += 1;
    }
  }
}).observe(document, {childList: true, subtree: true});
"""
# What the chart shows: the trace types and their lengths (null before the first plot).
_SIGNATURE = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData || !window.__bench.plots) return null;
  return gd._fullData.map(t => t.type + ':' + ((t.x && t.x.length) || (t.z && t.z.length) || 0)).join(',');
}"""
# A visible paragraph whose text is `text` (exact) or starts with it.
_SHOWS_TEXT = """([text, exact]) => {
  for (const p of document.querySelectorAll('p')) {
    const shown = p.textContent.trim();
    if ((exact ? shown === text : shown.startsWith(text)) && p.checkVisibility()) return true;
  }
  return false;
}"""
_PAINTED_AFTER = (
    "([before, plots]) => { const s = (" + _SIGNATURE + ")(); return s !== null && s !== before"
    " && window.__bench.plots > plots; }"
)
# Page coordinates of a marker to click: the middle one of those the viewport shows, of the
# first clickable marker trace that has any. (A tall chart's middle marker can lie below the
# fold, where a click reaches nothing: that, not WebGL, was the failed click at 100,000 events.)
_A_MARKER = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const box = gd.getBoundingClientRect();
  const clickable = t => t.type.startsWith('scatter') && t.mode.includes('markers') && t.customdata;
  for (const trace of gd._fullData.filter(clickable)) {
    const xa = gd._fullLayout[trace.xaxis.replace('x', 'xaxis')];
    const ya = gd._fullLayout[trace.yaxis.replace('y', 'yaxis')];
    const seen = [];
    for (let i = 0; i < trace.x.length; i++) {
      const px = xa.c2p(xa.d2c(trace.x[i])), py = ya.c2p(ya.d2c(trace.y[i]));
      const x = box.left + xa._offset + px, y = box.top + ya._offset + py;
      const inPlot = px >= 0 && px <= xa._length && py >= 0 && py <= ya._length;
      if (inPlot && x > 0 && y > 0 && x < window.innerWidth && y < window.innerHeight) seen.push({x, y});
    }
    if (seen.length) return seen[Math.floor(seen.length / 2)];
  }
  return null;
}"""


@dataclass(frozen=True)
class AppKind:
    """How to run one app and recognise its answer to a click."""

    name: str
    script: Path
    detail: str  # text that appears once a clicked event is shown
    exact: bool


TIMELINE = AppKind("app", APP, "Evidence", True)
BASELINE_APP = AppKind("baseline", BASELINE, SELECTED_PREFIX, False)


@dataclass
class FrameCounter:
    """Bytes of websocket frames a page received, raw and as permessage-deflate would send them."""

    raw: int = 0
    deflated: int = 0
    runs_finished: int = 0
    _compressor: object = field(default_factory=lambda: zlib.compressobj(6, zlib.DEFLATED, -15))

    def add(self, payload: bytes | str) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        self.raw += len(data)
        self.deflated += len(self._compressor.compress(data) + self._compressor.flush(zlib.Z_SYNC_FLUSH))
        message = ForwardMsg()
        message.ParseFromString(data)
        self.runs_finished += message.WhichOneof("type") == "script_finished"

    def wait_run_finished(self, page, count: int) -> None:
        """Let the page take frames until `count` script runs have finished (the view is complete)."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while self.runs_finished < count:
            if time.monotonic() > deadline:
                raise TimeoutError(f"only {self.runs_finished} of {count} script runs finished")
            page.wait_for_timeout(20)


@dataclass
class Measured:
    """One app's browser figures at one size (seconds, bytes)."""

    cold_start_s: list[float] = field(default_factory=list)
    open_s: list[float] = field(default_factory=list)  # a new visitor's first chart, the server warm
    filter_s: list[float] = field(default_factory=list)
    click_s: list[float] = field(default_factory=list)
    filter_browser_cpu_s: list[float] = field(default_factory=list)
    click_browser_cpu_s: list[float] = field(default_factory=list)
    view_bytes: list[int] = field(default_factory=list)
    view_bytes_deflated: list[int] = field(default_factory=list)
    filter_bytes: list[int] = field(default_factory=list)
    click_bytes: list[int] = field(default_factory=list)
    server_cpu_s: list[float] = field(default_factory=list)
    session_bytes: float | None = None
    server_rss_bytes: int | None = None  # with the data loaded and one session open

    def summary(self) -> dict:
        """Medians of every list, plus the memory figures and the timings' own runs (under
        "samples", in the order measured: the spread of a ratio is computed from them)."""
        lists = {name: values for name, values in vars(self).items() if isinstance(values, list)}
        medians = {name: _median(values) for name, values in lists.items()}
        samples = {name: list(values) for name, values in lists.items() if name.endswith("_s")}
        return {
            **medians,
            "session_bytes": self.session_bytes,
            "server_rss_bytes": self.server_rss_bytes,
            "samples": samples,
        }


def _median(values: list) -> float | None:
    return statistics.median(values) if values else None


def open_page(browser, url: str):
    """A fresh browser context (a new Streamlit session) on url, counting its websocket bytes."""
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(_HOOK)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    counter = FrameCounter()
    page.on("websocket", lambda ws: ws.on("framereceived", counter.add))
    page.goto(url)
    return context, page, counter


class MainThread:
    """CPU time of the page's main thread (Chromium's ThreadTime metric).

    Less noisy than wall-clock time on a shared machine: it counts the work the page did
    (scripts, style, layout, paint), not time spent waiting for a core or for the server.
    """

    def __init__(self, context, page):
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Performance.enable")

    def cpu_s(self) -> float:
        return thread_time(self.cdp.send("Performance.getMetrics")["metrics"])


def thread_time(metrics: list[dict]) -> float:
    """The ThreadTime value (seconds) of a Performance.getMetrics answer."""
    for metric in metrics:
        if metric["name"] == "ThreadTime":
            return float(metric["value"])
    raise KeyError("ThreadTime missing from the browser's performance metrics")


@dataclass(frozen=True)
class ChartMark:
    """What the chart showed and how many plots the page had drawn, read before an action."""

    shows: str | None
    plots: int


def chart_mark(page) -> ChartMark:
    """The chart's state now: take it before the action whose redraw is awaited.

    Read after the action, a redraw that was quick (before the read) would count as the
    state to leave, and the wait would never end: that was CI's "chart not redrawn" with
    the new points already shown.
    """
    return ChartMark(page.evaluate(_SIGNATURE), page.evaluate("window.__bench ? window.__bench.plots : 0"))


def wait_painted(page, before: ChartMark | None = None) -> str:
    """Wait until the chart is plotted again after `before` and shows something else; return what it shows."""
    before = before or ChartMark(None, 0)
    try:
        page.wait_for_function(_PAINTED_AFTER, arg=[before.shows, before.plots], timeout=TIMEOUT_MS, polling=20)
    except PlaywrightTimeoutError as exc:
        raise TimeoutError(f"chart not redrawn: {_chart_state(page, before)}") from exc
    return page.evaluate(_SIGNATURE)


def _chart_state(page, before: ChartMark) -> str:
    """What the page showed when a redraw did not come: for the error message."""
    state = page.evaluate(
        "() => ({shows: (" + _SIGNATURE + ")(), plots: window.__bench ? window.__bench.plots : null,"
        " sliders: [...document.querySelectorAll('[role=slider]')].map(s => s.getAttribute('aria-valuenow'))})"
    )
    return f"before {before.shows!r} after {before.plots} plots; now {state}"


def wait_shown(page, kind: AppKind) -> None:
    """Wait until a paragraph with the app's answer to a click is visible.

    A cheap check every 20 ms, as for the chart: Playwright's text locator re-scans the
    whole page on every frame, which cost the app, with its larger page, more than the
    baseline (its text matching showed in the app's click profile at 10,000 events).
    """
    page.wait_for_function(_SHOWS_TEXT, arg=[kind.detail, kind.exact], timeout=TIMEOUT_MS, polling=20)


def launch(kind: AppKind, data: Path) -> Server:
    """A server for one app on one dataset, answering its health check."""
    script = LIFTED_APP if kind is TIMELINE and not within_limits(data) else kind.script
    server = Server(script, data)
    try:
        server.wait_healthy(timeout=TIMEOUT_MS / 1000)
    except Exception:
        server.stop()
        raise
    return server


def cold_start(browser, kind: AppKind, data: Path, measured: Measured) -> Server:
    """Launch a server, open the app and wait for the chart; the server is left running."""
    started = time.perf_counter()
    server = launch(kind, data)
    try:
        context, page, counter = open_page(browser, server.url)
        wait_painted(page)
        painted = time.perf_counter()
        counter.wait_run_finished(page, 1)  # the rest of the view comes after the chart
    except Exception:
        server.stop()
        raise
    measured.cold_start_s.append(painted - started)
    measured.view_bytes.append(counter.raw)
    measured.view_bytes_deflated.append(counter.deflated)
    context.close()
    return server


def interact(browser, kind: AppKind, server: Server, measured: Measured) -> None:
    """In a new session: open the page, narrow the years to the last one, then click a marker.

    The opening is the "open" figure: a fresh browser context (no cache, no cookies: a new
    visitor) on a server already warm, so unlike the cold start it excludes the server's own
    start and the first load of the data, which both apps pay alike. The filter and the click
    each start from a settled page; each one's browser CPU time counts until the page settled.
    """
    started = time.perf_counter()
    context, page, counter = open_page(browser, server.url)
    try:
        wait_painted(page)
        measured.open_s.append(time.perf_counter() - started)
        counter.wait_run_finished(page, 1)
        page.wait_for_timeout(SETTLE_MS)
        main_thread = MainThread(context, page)
        before = chart_mark(page)
        cpu, sent, cpu_before, started = server.cpu_seconds(), counter.raw, main_thread.cpu_s(), time.perf_counter()
        page.get_by_role("slider").first.press("End")
        wait_painted(page, before)
        measured.filter_s.append(time.perf_counter() - started)
        counter.wait_run_finished(page, 2)
        measured.filter_bytes.append(counter.raw - sent)
        page.wait_for_timeout(SETTLE_MS)
        measured.filter_browser_cpu_s.append(main_thread.cpu_s() - cpu_before)
        point = marker_to_click(page, kind)
        sent, cpu_before, started = counter.raw, main_thread.cpu_s(), time.perf_counter()
        page.mouse.click(point["x"], point["y"])
        wait_shown(page, kind)
        measured.click_s.append(time.perf_counter() - started)
        counter.wait_run_finished(page, 3)
        measured.click_bytes.append(counter.raw - sent)
        page.wait_for_timeout(SETTLE_MS)
        measured.click_browser_cpu_s.append(main_thread.cpu_s() - cpu_before)
        measured.server_cpu_s.append((server.cpu_seconds() - cpu) / 2)
    finally:
        context.close()


def marker_to_click(page, kind: AppKind) -> dict:
    """Page coordinates of a marker the window shows, on the narrowed chart."""
    point = page.evaluate(_A_MARKER)
    if point is None:
        raise RuntimeError(f"{kind.name}: no clickable marker after narrowing the years")
    return point


def session_memory(browser, server: Server, sessions: int, measured: Measured) -> None:
    """Server RSS growth per open session: the slope of RSS over 0, 1, ... N open sessions.

    A slope over every step, not (RSS with N - RSS with 0) / N: the allocator takes and returns
    memory in steps larger than a session, which made the two-point figure swing both ways.
    """
    warm, page, counter = open_page(browser, server.url)  # loads the caches: not a per-session cost
    wait_painted(page)
    counter.wait_run_finished(page, 1)
    readings = [server.rss()]
    measured.server_rss_bytes = readings[0]
    contexts = []
    try:
        for _ in range(sessions):
            context, page, counter = open_page(browser, server.url)
            contexts.append(context)
            wait_painted(page)
            counter.wait_run_finished(page, 1)
            readings.append(server.rss())
        measured.session_bytes = rss_slope(readings)
    finally:
        for context in [warm, *contexts]:
            context.close()


def rss_slope(readings: list[int]) -> float:
    """Least-squares bytes per session of RSS readings taken after 0, 1, 2, ... sessions."""
    if len(readings) < 2:
        return 0.0
    return float(np.polyfit(np.arange(len(readings)), np.asarray(readings, dtype=float), 1)[0])


def measure_pair(browser, data: Path, cold_starts: int, repeats: int, sessions: int) -> dict:
    """The app's and the baseline's browser figures on one dataset, runs interleaved.

    Interleaving puts both apps under the same background load, which on a shared
    machine changes from minute to minute.
    """
    kinds = (TIMELINE, BASELINE_APP)
    measured = {kind.name: Measured() for kind in kinds}
    servers: dict[str, Server] = {}
    stage = "cold start"
    try:
        for _ in range(cold_starts):
            for kind in kinds:
                stage = f"{kind.name} cold start"
                if kind.name in servers:
                    servers.pop(kind.name).stop()
                servers[kind.name] = cold_start(browser, kind, data, measured[kind.name])
        for _ in range(repeats):
            for kind in kinds:
                stage = f"{kind.name} filter and click"
                interact(browser, kind, servers[kind.name], measured[kind.name])
        for kind in kinds:
            stage = f"{kind.name} memory per session"
            # On a server of its own: the interactions' closed sessions were freed while it
            # was measured, which read as negative memory per session at 10,000 events.
            servers.pop(kind.name).stop()
            servers[kind.name] = launch(kind, data)
            session_memory(browser, servers[kind.name], sessions, measured[kind.name])
    except Exception as exc:
        raise RuntimeError(f"{stage}: {exc!r}") from exc
    finally:
        for server in servers.values():
            server.stop()
    return {name: figures.summary() for name, figures in measured.items()}


def launch_browser(playwright):
    """Headless Debian chromium with the browser suite's arguments."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
