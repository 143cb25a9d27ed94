"""`python -m bench.load --replicas N --sessions K --minutes M`: K viewers at once, behind HAProxy.

It starts N replicas of the app behind HAProxy on loopback (deploy/serve.py), then runs K
viewer sessions over Streamlit's websocket protocol (bench/viewer.py), one asyncio task each,
not one browser each. Every few seconds a viewer does its next action, in turn: open the page,
change the years, pick an actor, open an event (a click on a marker). Starts are spread over
the first seconds; each session stops at the deadline and after at most --max-actions, so the
run ends by itself. It prints p50, p95 and max latency per action, the errors, the reconnects
and the replicas' memory, and writes them as JSON. `--sessions 25,50` runs one size after the other.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench.load_stats import ACTIONS, P95_LIMIT_S, format_runs, largest_within, latency_summary
from bench.viewer import ViewerSession

RAMP_S = 10.0  # sessions start evenly over this long (a burst of K opens is not a viewer's day)
THINK_S = (2.0, 5.0)  # a viewer's pause between actions, drawn uniformly
SAMPLE_EVERY_S = 1.0  # replicas' memory


def year_span(rng: random.Random, first: int, last: int) -> tuple[int, int]:
    """A span of two to five years inside [first, last] (all of it when shorter)."""
    width = min(rng.randint(1, 4), last - first)
    start = rng.randint(first, last - width)
    return start, start + width


@dataclass
class Recorder:
    """Every action's latency or error, and each session's replicas and reconnects."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: {a: [] for a in ACTIONS})
    errors: dict[str, list[str]] = field(default_factory=lambda: {a: [] for a in ACTIONS})
    sessions: list[dict] = field(default_factory=list)
    rss_peak: dict[str, int] = field(default_factory=dict)
    rss_end: dict[str, int] = field(default_factory=dict)
    cpu_s: dict[str, float] = field(default_factory=dict)  # each replica's CPU time during the run
    stopping: bool = False  # set by a `during` task: sessions stop after their current action

    def summary(self) -> dict:
        actions = {a: latency_summary(self.latencies[a], len(self.errors[a])) for a in ACTIONS}
        examples = sorted({e for errors in self.errors.values() for e in errors})[:10]
        return {
            "actions": actions,
            "error_examples": examples,
            "reconnects": sum(s["reconnects"] for s in self.sessions),
            "rss_mb": {r: {"peak": self.rss_peak[r] / 1e6, "end": self.rss_end.get(r, 0) / 1e6} for r in self.rss_peak},
            "replica_cpu_s": dict(self.cpu_s),
            "cpu_s_per_action": _cpu_per_action(self.cpu_s, self.latencies),
        }


def _cpu_per_action(cpu_s: dict[str, float], latencies: dict[str, list[float]]) -> float | None:
    """The replicas' CPU seconds per completed action: what a viewer costs, whatever the machine's load."""
    done = sum(len(values) for values in latencies.values())
    return sum(cpu_s.values()) / done if done and cpu_s else None


async def viewer(
    url: str, rng: random.Random, deadline: float, max_actions: int, recorder: Recorder, think=THINK_S, auth=None
) -> None:
    """One viewer's actions until the deadline or max_actions, each recorded."""
    session = ViewerSession(url, auth)
    record = {"replicas": [], "reconnects": 0, "actions": 0}
    recorder.sessions.append(record)
    try:
        while record["actions"] < max_actions and time.monotonic() < deadline and not recorder.stopping:
            action = ACTIONS[record["actions"] % len(ACTIONS)]
            record["actions"] += 1
            await _act(session, action, rng, recorder)
            record["replicas"].append(session.replica)
            record["reconnects"] = session.reconnects
            await asyncio.sleep(rng.uniform(*think))
    finally:
        await session.close()


async def _act(session: ViewerSession, action: str, rng: random.Random, recorder: Recorder) -> None:
    started = time.perf_counter()
    try:
        await _do(session, action, rng)
    except Exception as exc:  # ActionFailed, a lost connection, a protocol surprise: an error, not a crash
        recorder.errors[action].append(f"{action}: {exc!r}"[:300])
        return
    recorder.latencies[action].append(time.perf_counter() - started)


async def _do(session: ViewerSession, action: str, rng: random.Random) -> None:
    if action == "open" or session.socket is None:
        await session.open()
        if action == "open":
            return
    widgets = session.page.widgets
    if action == "years":
        first, last = (int(bound) for bound in widgets["filter_years"].bounds)
        await session.change_years(*year_span(rng, first, last))
    elif action == "actor":
        await session.pick_actor(rng.choice(widgets["filter_actors"].options))
    elif session.page.event_ids:
        await session.open_event(rng.choice(session.page.event_ids))
    else:  # nothing shown under these filters: the viewer widens them
        await session.change_years(*(int(bound) for bound in widgets["filter_years"].bounds))


async def sample_memory(pids: dict[str, int], recorder: Recorder, stop: asyncio.Event) -> None:
    import psutil

    processes = {name: psutil.Process(pid) for name, pid in pids.items()}
    started = {name: _cpu(process) for name, process in processes.items()}
    while True:
        for name, process in processes.items():
            try:
                rss = process.memory_info().rss
            except psutil.Error:  # a replica killed on purpose (the fault test)
                continue
            recorder.rss_peak[name] = max(recorder.rss_peak.get(name, 0), rss)
            recorder.rss_end[name] = rss
            if now := _cpu(process):
                recorder.cpu_s[name] = now - started[name]
        try:
            await asyncio.wait_for(stop.wait(), SAMPLE_EVERY_S)
            return
        except TimeoutError:
            pass


def _cpu(process) -> float:
    try:
        times = process.cpu_times()
    except Exception:  # psutil.Error: a replica killed on purpose keeps its last reading
        return 0.0
    return times.user + times.system


async def run_load(
    url: str,
    sessions: int,
    seconds: float,
    pids: dict[str, int],
    seed: int = 0,
    max_actions: int | None = None,
    during: Callable[[Recorder], Awaitable[None]] | None = None,
    think: tuple[float, float] = THINK_S,
    auth: str | None = None,
) -> Recorder:
    """K viewers against url for about `seconds`; `during(recorder)` runs alongside (e.g. a fault)."""
    recorder = Recorder()
    deadline = time.monotonic() + seconds
    limit = max_actions or math.ceil(seconds / think[0]) + 1
    stop = asyncio.Event()
    memory = asyncio.create_task(sample_memory(pids, recorder, stop))

    async def started_later(number: int) -> None:
        await asyncio.sleep(min(RAMP_S, seconds / 4) * number / sessions)
        await viewer(url, random.Random(seed * 100_003 + number), deadline, limit, recorder, think, auth)

    tasks = [started_later(n) for n in range(sessions)] + ([during(recorder)] if during else [])
    try:
        await asyncio.gather(*tasks)
    finally:
        stop.set()
        await memory
    return recorder


def run_sync(coroutine: Coroutine):
    """asyncio.run in a thread of its own, for callers whose thread already runs an event loop
    (in a pytest session, Playwright's sync API keeps one running after the browser tests)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def warm_up(cluster) -> None:
    """One session on each replica, straight to its port: the dataset is loaded before the
    timing starts, as a server that has been up for a while has it (the figure is of viewers,
    not of a replica's first load)."""
    for number in range(1, cluster.replicas + 1):
        session = ViewerSession(f"http://127.0.0.1:{cluster.replica_port(number)}")
        await session.open()
        await session.close()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__)
    parser.add_argument("--replicas", type=int, default=1)
    parser.add_argument("--sessions", type=_counts, default=(25,), help="concurrent viewers, e.g. 25 or 25,50,100")
    parser.add_argument("--minutes", type=float, default=1.0, help="length of each run")
    data = parser.add_mutually_exclusive_group()
    data.add_argument("--data", type=Path, help="the dataset (default: the bundled data/events.yaml)")
    data.add_argument("--events", type=int, help="a generated dataset of this many events (bench/generate.py)")
    parser.add_argument("--max-actions", type=int, help="per session (default: as many as the minutes allow)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--output", type=Path, help="append the runs to this JSON file")
    return parser


def _counts(text: str) -> tuple[int, ...]:
    counts = tuple(int(part) for part in text.split(",") if part.strip())
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("sessions: positive counts, e.g. 25 or 25,50")
    return counts


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # `kill`: still stop the replicas (finally)
    from bench.limits import within_limits
    from bench.servers import APP, LIFTED_APP
    from deploy.serve import Cluster, free_port, stop

    with tempfile.TemporaryDirectory(prefix="timeline-load-") as tmp:
        data, label = _dataset(args, Path(tmp))
        script = APP if within_limits(data) else LIFTED_APP  # as `make bench` does for large files
        cluster = Cluster(
            args.replicas, free_port(), state=Path(tmp) / "serve", script=script, env={"TIMELINE_DATA": str(data)}
        )
        cluster.start()
        runs = []
        try:
            pids = {f"replica{n}": cluster.replica_pid(n) for n in range(1, args.replicas + 1)}
            for sessions in args.sessions:
                _say(f"{label}, {args.replicas} replica(s), {sessions} sessions, {args.minutes} min")
                recorder = asyncio.run(
                    run_load(cluster.url, sessions, args.minutes * 60, pids, args.seed, args.max_actions)
                )
                run = {"data": label, "replicas": args.replicas, "sessions": sessions, "minutes": args.minutes}
                runs.append(run | recorder.summary() | {"load_average": [round(x, 2) for x in os.getloadavg()]})
                print(format_runs(runs[-1:]), flush=True)
        finally:
            stop(cluster.state)
    if args.output:
        _append(args.output, runs)
    print(format_runs(runs))
    for replicas, sessions in largest_within(runs).items():
        print(f"{replicas} replica(s): largest K with every p95 under {P95_LIMIT_S:.0f} s and no error: {sessions}")
    return 0


def _dataset(args: argparse.Namespace, tmp: Path) -> tuple[Path, str]:
    if args.events:
        from bench.generate import generate_dataset

        return generate_dataset(tmp / "data", args.events).path, f"{args.events:,} events"
    from components.cached import DEFAULT_DATA

    path = args.data or DEFAULT_DATA
    return path.resolve(), "bundled" if args.data is None else path.name


def _append(path: Path, runs: list[dict]) -> None:
    earlier = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    path.write_text(json.dumps(earlier + runs, indent=2) + "\n", encoding="utf-8")


def _say(message: str) -> None:
    print(f"[bench.load] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
