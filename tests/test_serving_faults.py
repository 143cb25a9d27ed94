"""Faults during a load run through HAProxy (docs/hardening.md): a replica killed, the data
replaced. Short and bounded: each waits on conditions (sessions on both replicas, actions done
after the fault), never on fixed sleeps, and the run's deadline only bounds a stuck one."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest

from bench.generate import generate_dataset
from bench.load import Recorder, run_load, run_sync
from bench.viewer import ViewerSession
from deploy.serve import Cluster, free_port, stop

pytestmark = pytest.mark.serving

SESSIONS = 6
THINK = (0.3, 0.8)
BOUND_S = 240  # the longest a run may take on a loaded machine; a passing run takes far less
ACTIONS_AFTER_FAULT = 3  # by every session, before the run stops


async def until(condition, what: str, timeout: float = BOUND_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        await asyncio.sleep(0.2)


def on_each_replica(recorder: Recorder) -> bool:
    """Every session has done an action, and both replicas hold some."""
    done = [s["replicas"][-1] for s in recorder.sessions if s["replicas"]]
    return len(done) == SESSIONS and set(done) == {"replica1", "replica2"}


def after(recorder: Recorder, marks: list[int], actions: int) -> bool:
    return all(s["actions"] >= mark + actions for s, mark in zip(recorder.sessions, marks, strict=True))


@pytest.fixture
def cluster(tmp_path):
    cluster = Cluster(
        2, free_port(), state=tmp_path / "state", env={"TIMELINE_DATA": str(tmp_path / "live" / "events.yaml")}
    )
    yield cluster
    stop(cluster.state)


def serve(cluster: Cluster, data: Path, tmp_path: Path) -> None:
    """Serve `data`'s folder through the symlink `live` (replaced atomically in the data test)."""
    (tmp_path / "live").symlink_to(data.parent, target_is_directory=True)
    try:
        cluster.start()
    except BaseException:
        stop(cluster.state)
        raise


def test_killing_a_replica_mid_run_moves_its_sessions_to_the_other_and_no_viewer_sees_an_error(cluster, tmp_path):
    serve(cluster, generate_dataset(tmp_path / "v1", 60).path, tmp_path)
    pids = {f"replica{n}": cluster.replica_pid(n) for n in (1, 2)}
    at_kill: list[str] = []

    async def kill_replica1(recorder: Recorder) -> None:
        await until(lambda: on_each_replica(recorder), "sessions on both replicas")
        at_kill.extend(s["replicas"][-1] for s in recorder.sessions)
        marks = [s["actions"] for s in recorder.sessions]
        os.kill(pids["replica1"], signal.SIGKILL)
        await until(lambda: after(recorder, marks, ACTIONS_AFTER_FAULT), "actions after the kill")
        recorder.stopping = True

    recorder = run_sync(
        run_load(cluster.url, SESSIONS, BOUND_S, pids, max_actions=10_000, during=kill_replica1, think=THINK)
    )
    summary = recorder.summary()
    assert summary["error_examples"] == [], summary["error_examples"]
    assert recorder.stopping, "the run ended before its sessions acted after the kill"
    for session, replica in zip(recorder.sessions, at_kill, strict=True):
        if replica == "replica2":  # never noticed: no reconnect, never moved
            assert session["reconnects"] == 0 and set(session["replicas"]) == {"replica2"}
        else:  # moved to the live replica, where its actions worked (a working page)
            assert session["replicas"][-1] == "replica2"
    assert "replica1" in at_kill and "replica2" in at_kill


def test_replacing_the_data_mid_run_gives_new_sessions_the_new_version_and_running_ones_keep_working(cluster, tmp_path):
    first = generate_dataset(tmp_path / "v1", 60)
    second = generate_dataset(tmp_path / "v2", 40)  # fewer: events some sessions have open disappear
    serve(cluster, first.path, tmp_path)
    pids = {f"replica{n}": cluster.replica_pid(n) for n in (1, 2)}
    seen: dict[str, int | None] = {}

    async def replace_the_data(recorder: Recorder) -> None:
        await until(lambda: on_each_replica(recorder), "sessions on both replicas")
        marks = [s["actions"] for s in recorder.sessions]
        swap = tmp_path / "live.new"
        swap.symlink_to(second.path.parent, target_is_directory=True)
        os.replace(swap, tmp_path / "live")  # atomic: a reader sees the old folder or the new one
        for number in (1, 2):  # a new visitor on each replica, straight to it
            seen[f"replica{number}"] = await new_visitor(f"http://127.0.0.1:{cluster.replica_port(number)}")
        seen["balancer"] = await new_visitor(cluster.url)
        await until(lambda: after(recorder, marks, ACTIONS_AFTER_FAULT), "actions after the replacement")
        recorder.stopping = True

    recorder = run_sync(
        run_load(cluster.url, SESSIONS, BOUND_S, pids, max_actions=10_000, during=replace_the_data, think=THINK)
    )
    summary = recorder.summary()
    assert summary["error_examples"] == [], summary["error_examples"]
    assert recorder.stopping, "the run ended before its sessions acted after the replacement"
    assert seen == {"replica1": 40, "replica2": 40, "balancer": 40}


async def new_visitor(url: str) -> int | None:
    """The number of events the page of a new session says the dataset holds."""
    session = ViewerSession(url)
    await session.open()
    await session.close()
    return session.page.events_in_dataset
