"""Real-browser fixtures: a Streamlit server on a free loopback port, and Debian's chromium.

Every test here is marked `browser`. Playwright cannot download browsers on these
machines, so it drives /usr/bin/chromium (installed by `make test`).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """`streamlit run app.py` on a free port; `url` is its address."""

    def __init__(self, data: Path | None = None, extra_env: dict[str, str] | None = None, script: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, **(extra_env or {})}
        if data is not None:
            env["TIMELINE_DATA"] = str(data)
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                str(script or ROOT / "app.py"),
                "--server.headless=true",
                f"--server.port={self.port}",
                "--server.address=127.0.0.1",
                "--browser.gatherUsageStats=false",
                "--server.fileWatcherType=none",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def wait_healthy(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError("streamlit did not become healthy")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()


def start_server(
    data: Path | None = None, extra_env: dict[str, str] | None = None, script: Path | None = None
) -> StreamlitServer:
    server = StreamlitServer(data, extra_env, script)
    try:
        server.wait_healthy()
    except Exception:
        server.stop()
        raise
    return server


@pytest.fixture(scope="session")
def app_server() -> Iterator[StreamlitServer]:
    """The app on the bundled data/events.yaml."""
    server = start_server()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def wait_for_chart(page) -> None:
    """Wait until the Plotly chart has drawn its markers."""
    from playwright.sync_api import expect

    expect(page.locator(".js-plotly-plot .cartesianlayer .scatterlayer .point").first).to_be_visible(timeout=60_000)


@pytest.fixture(scope="module")
def small_server(tmp_path_factory) -> Iterator[StreamlitServer]:
    """The app on the small inline test dataset (tests/conftest.py), one server per module."""
    from tests.conftest import write_dataset

    server = start_server(data=write_dataset(tmp_path_factory.mktemp("data")))
    try:
        yield server
    finally:
        server.stop()


def choose_radio(page, name: str, attempts: int = 5) -> None:
    """Check a Streamlit radio option and wait until the app shows it checked.

    A click that lands while the expander holding the radio is still being filled (its own
    rerun) can be redrawn away; on a busy machine that happened ("Clicking the checkbox did
    not change its state"). So click, wait for the checked state, and click again if it
    did not hold: every wait is on a condition.
    """
    from playwright.sync_api import expect

    radio = page.get_by_role("radio", name=name)
    for _ in range(attempts - 1):
        expect(radio).to_be_visible(timeout=60_000)
        radio.click(force=True)
        try:
            expect(radio).to_be_checked(timeout=15_000)
            return
        except AssertionError:
            continue
    radio.click(force=True)
    expect(radio).to_be_checked(timeout=15_000)
