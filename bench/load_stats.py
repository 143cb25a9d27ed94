"""The load test's figures: latency percentiles, the verdict per replica count, the table."""

from __future__ import annotations

import math

ACTIONS = ("open", "years", "actor", "event")
P95_LIMIT_S = 1.0


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share in 0..1) of values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def latency_summary(seconds: list[float], errors: int) -> dict:
    """p50, p95 and max of one action's latencies, with how many were done and failed."""
    if not seconds:
        return {"count": 0, "errors": errors, "p50_s": None, "p95_s": None, "max_s": None}
    return {
        "count": len(seconds),
        "errors": errors,
        "p50_s": percentile(seconds, 0.50),
        "p95_s": percentile(seconds, 0.95),
        "max_s": max(seconds),
    }


def within_limit(run: dict, limit: float = P95_LIMIT_S) -> bool:
    """Whether every action's p95 was under the limit, with no error at all."""
    actions = run["actions"].values()
    return all(a["errors"] == 0 and a["p95_s"] is not None and a["p95_s"] < limit for a in actions)


def largest_within(runs: list[dict], limit: float = P95_LIMIT_S) -> dict[int, int | None]:
    """Per replica count, the most sessions of a run within the limit (None: no run was)."""
    best: dict[int, int | None] = {}
    for run in runs:
        fits = run["sessions"] if within_limit(run, limit) else None
        previous = best.get(run["replicas"])
        best[run["replicas"]] = max((k for k in (previous, fits) if k is not None), default=None)
    return best


def format_runs(runs: list[dict]) -> str:
    """A Markdown table: one row per run, p50/p95/max per action, errors, memory and CPU per action."""
    actions = (f"{a} p50/p95/max s (n)" for a in ACTIONS)
    titles = ["data", "replicas", "sessions", *actions, "errors", "MB/replica (peak)", "cpu s/action"]
    lines = ["| " + " | ".join(titles) + " |", "|" + "---|" * len(titles)]
    for run in runs:
        errors = sum(a["errors"] for a in run["actions"].values())
        memory = ", ".join(f"{v['peak']:.0f}" for v in run["rss_mb"].values())
        cpu = run.get("cpu_s_per_action")
        cells = [run["data"], run["replicas"], run["sessions"], *(_latencies(run["actions"][a]) for a in ACTIONS)]
        lines.append("| " + " | ".join(map(str, [*cells, errors, memory, "-" if cpu is None else f"{cpu:.2f}"])) + " |")
    return "\n".join(lines)


def _latencies(action: dict) -> str:
    if action["p50_s"] is None:
        return "-"
    return f"{action['p50_s']:.2f}/{action['p95_s']:.2f}/{action['max_s']:.2f} ({action['count']})"
