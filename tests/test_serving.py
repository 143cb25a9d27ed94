"""`make serve`'s topology on loopback: HAProxy in front of app replicas, its access gate, and a
short load run through it (bench/load.py). Needs Debian's haproxy (`make test` installs it)."""

from __future__ import annotations

import re
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import InvalidStatus

from bench.load import ACTIONS, run_load, run_sync
from bench.viewer import ViewerSession, basic_auth
from deploy.serve import DEPLOY, Cluster, free_port, running_pids, stop

pytestmark = pytest.mark.serving

PASSWORD = "correct horse battery staple"  # noqa: S105 (a test user's)
RIGHT = basic_auth("viewer", PASSWORD)
WRONG = basic_auth("viewer", "not the password")


@pytest.fixture
def users(tmp_path) -> Path:
    """A users file made by the documented command, with one user."""
    path = tmp_path / "users"
    subprocess.run([str(DEPLOY / "add-user.sh"), str(path), "viewer"], input=PASSWORD + "\n", text=True, check=True)
    return path


def started(cluster: Cluster):
    try:
        cluster.start()
    except BaseException:
        stop(cluster.state)
        raise
    return cluster


@pytest.fixture
def gated(tmp_path, users):
    cluster = started(Cluster(1, free_port(), auth_file=users, state=tmp_path / "state"))
    yield cluster
    stop(cluster.state)


@pytest.fixture
def two_replicas(tmp_path):
    cluster = started(Cluster(2, free_port(), state=tmp_path / "state"))
    yield cluster
    stop(cluster.state)


def status(url: str, authorization: str | None) -> int:
    request = urllib.request.Request(url, headers={"Authorization": authorization} if authorization else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def ws_status(url: str, authorization: str | None) -> int:
    """101 when the websocket opened, else the HTTP status that refused it."""

    async def attempt() -> int:
        headers = {"Authorization": authorization} if authorization else {}
        try:
            async with connect(url, subprotocols=["streamlit"], additional_headers=headers, open_timeout=60):
                return 101
        except InvalidStatus as refused:
            return refused.response.status_code

    return run_sync(attempt())


def a_static_asset(cluster: Cluster) -> str:
    """The path of a script the page loads (read from the replica itself, past the gate)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{cluster.replica_port(1)}/", timeout=60) as response:
        page = response.read().decode()
    return "/" + re.search(r'src="\.?/?(static/js/[^"]+\.js)"', page)[1]


def an_export_url(cluster: Cluster) -> str:
    """A real export's media URL: the CSV download of a session opened with the right credentials."""

    async def export() -> str:
        session = ViewerSession(cluster.url, RIGHT)
        await session.open()
        await session.open_exports()
        url = await session.download_url(session.page.downloads[0])
        await session.close()
        return url

    return run_sync(export())


def test_the_gate_refuses_every_path_without_the_right_credentials_but_the_health_check(gated):
    export = an_export_url(gated)
    paths = ["/", a_static_asset(gated), "/favicon.png", "/_stcore/host-config", export]
    for path in paths:
        assert status(gated.url + path, None) == 401, path
        assert status(gated.url + path, WRONG) == 401, path
        assert status(gated.url + path, RIGHT) == 200, path
    assert status(gated.url + "/media/0123456789abcdef.csv", None) == 401  # not even a 404 to outsiders
    stream = "ws" + gated.url.removeprefix("http") + "/_stcore/stream"
    assert ws_status(stream, None) == 401
    assert ws_status(stream, WRONG) == 401
    assert ws_status(stream, RIGHT) == 101
    assert status(gated.url + "/_stcore/health", None) == 200


def test_a_viewer_with_the_right_credentials_gets_a_working_page_through_the_gate(gated):
    async def view() -> ViewerSession:
        session = ViewerSession(gated.url, RIGHT)
        await session.open()
        await session.open_event(session.page.event_ids[0])
        await session.close()
        return session

    session = run_sync(view())
    assert session.page.headings and session.replica == "replica1"


def test_a_short_load_run_does_every_action_on_both_replicas_without_error(two_replicas):
    pids = {f"replica{n}": two_replicas.replica_pid(n) for n in (1, 2)}
    # Four actions each, then the sessions stop: the generous deadline only bounds a stuck run.
    recorder = run_sync(run_load(two_replicas.url, sessions=4, seconds=240, pids=pids, max_actions=4, think=(0.2, 0.5)))
    summary = recorder.summary()
    assert summary["error_examples"] == []
    for action in ACTIONS:
        assert summary["actions"][action]["count"] >= 1, action
        assert summary["actions"][action]["p95_s"] > 0
    assert {replica for s in recorder.sessions for replica in s["replicas"]} == {"replica1", "replica2"}
    assert set(summary["rss_mb"]) == {"replica1", "replica2"} and all(
        m["peak"] > 50 for m in summary["rss_mb"].values()
    )


def test_serve_stop_ends_exactly_the_processes_it_started(two_replicas):
    started_pids = set(running_pids(two_replicas.state).values())
    assert len(started_pids) == 3  # two replicas and HAProxy
    assert set(stop(two_replicas.state)) == started_pids
    assert running_pids(two_replicas.state) == {}
