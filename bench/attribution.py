"""`python -m bench.attribution`: where the app's extra time over the baseline goes.

On one generated dataset, in headless Chromium, the baseline, the app, and the app with
its sidebar, its figure, its event selector or all of them swapped for the baseline's
(bench/swaps.py) each narrow the years and click a marker, as in the benchmark. Runs are
interleaved over rounds. It prints each one's medians, wall-clock and browser main-thread
CPU time, and their ratios to the baseline's: the share of a gap that a swap removes is
what that part costs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from bench.browser import BASELINE_APP, TIMELINE, AppKind, Measured, interact, launch_browser
from bench.generate import generate_dataset
from bench.limits import within_limits
from bench.servers import COUNTERFACTUAL_APP, Server
from bench.swaps import SWAP_ENV

T = TypeVar("T")

FIGURES = ("filter_s", "filter_browser_cpu_s", "click_s", "click_browser_cpu_s")


@dataclass(frozen=True)
class Variant:
    name: str
    kind: AppKind
    swaps: tuple[str, ...] = ()

    def server(self, data: Path) -> Server:
        if not self.swaps:
            return Server(self.kind.script, data)
        return Server(COUNTERFACTUAL_APP, data, env={SWAP_ENV: ",".join(self.swaps)})


VARIANTS = (
    Variant("baseline", BASELINE_APP),
    Variant("app", TIMELINE),
    Variant("app, baseline's sidebar", TIMELINE, ("sidebar",)),
    Variant("app, baseline's figure", TIMELINE, ("figure",)),
    Variant("app, both", TIMELINE, ("sidebar", "figure")),
    Variant("app, no event selector", TIMELINE, ("selector",)),
    Variant("app, all three", TIMELINE, ("sidebar", "figure", "selector")),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench.attribution", description=__doc__)
    parser.add_argument("--size", type=int, default=1_000, help="events in the generated dataset")
    parser.add_argument("--repeats", type=int, default=5, help="sessions per variant and round")
    parser.add_argument("--rounds", type=int, default=2, help="times every variant is run, interleaved")
    parser.add_argument(
        "--only",
        action="append",
        default=None,
        metavar="VARIANT",
        help="a variant to run, by its name in the table (repeatable; the baseline always runs)",
    )
    add_also_option(parser, "measured as a variant")
    return parser


def add_also_option(parser: argparse.ArgumentParser, what_is_done: str) -> None:
    """--also APP_PY (repeatable): another checkout of the app, beside this one."""
    parser.add_argument(
        "--also",
        type=Path,
        action="append",
        default=[],
        metavar="APP_PY",
        help=f"another checkout's app.py (e.g. of an earlier commit, from `git worktree add`), {what_is_done}",
    )


def on_generated_dataset(size: int, run: Callable[[object, Path, Path], T]) -> T | None:
    """`run(browser, dataset, folder)` on a generated dataset of `size` events, in headless
    Chromium; None (the reason printed) when the file is over the loader's limits."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="timeline-bench-") as tmp:
        dataset = generate_dataset(Path(tmp), size)
        if not within_limits(dataset.path):
            print("this size is over the loader's limits: use python -m bench for it", file=sys.stderr)
            return None
        with sync_playwright() as playwright:
            browser = launch_browser(playwright)
            try:
                return run(browser, dataset.path, Path(tmp))
            finally:
                browser.close()


def chosen_variants(only: list[str] | None, also: list[Path]) -> tuple[Variant, ...]:
    """The baseline, the named variants (all when `only` is None), then one per other app.py."""
    unknown = set(only or ()) - {v.name for v in VARIANTS}
    if unknown:
        known = "; ".join(v.name for v in VARIANTS)
        raise SystemExit(f"--only: unknown variant(s) {', '.join(sorted(unknown))}; known: {known}")
    picked = [v for v in VARIANTS if v.name == "baseline" or only is None or v.name in only]
    for script in also:
        if not script.is_file():
            raise SystemExit(f"--also: {script} is not a file")
        # Streamlit puts the script's folder first on sys.path: that checkout's own modules load.
        picked.append(Variant(f"app at {script.parent}", replace(TIMELINE, script=script.resolve())))
    return tuple(picked)


def measure(browser, data: Path, repeats: int, rounds: int, variants=VARIANTS) -> dict[str, dict]:
    """Each variant's medians (seconds) over rounds x repeats sessions."""
    measured = {variant.name: Measured() for variant in variants}
    for _ in range(rounds):
        for variant in variants:
            server = variant.server(data)
            try:
                server.wait_healthy(timeout=600)
                for _ in range(repeats):
                    interact(browser, variant.kind, server, measured[variant.name])
            except Exception as exc:  # name the variant: the traceback does not
                raise RuntimeError(f"{variant.name}: {exc!r}") from exc
            finally:
                server.stop()
    return {name: {key: figures.summary()[key] for key in FIGURES} for name, figures in measured.items()}


def format_attribution(medians: dict[str, dict]) -> str:
    """A Markdown table: each variant's medians and their ratios to the baseline's."""
    base = medians["baseline"]
    lines = ["| variant | " + " | ".join(FIGURES) + " |", "|---|" + "---|" * len(FIGURES)]
    for name, figures in medians.items():
        cells = [f"{figures[key]:.3f} ({figures[key] / base[key]:.2f}x)" for key in FIGURES]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    variants = chosen_variants(args.only, args.also)
    medians = on_generated_dataset(
        args.size, lambda browser, data, _: measure(browser, data, args.repeats, args.rounds, variants)
    )
    if medians is None:
        return 2
    print(f"{args.size:,} events, {args.rounds} rounds x {args.repeats} sessions per variant, medians:")
    print(format_attribution(medians))
    return 0


if __name__ == "__main__":
    sys.exit(main())
