"""A Streamlit server for one app and dataset, started and stopped by the benchmark."""

from __future__ import annotations

from pathlib import Path

import psutil

from tests.e2e.conftest import StreamlitServer

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
BASELINE = ROOT / "bench" / "baseline_app.py"
LIFTED_APP = ROOT / "bench" / "lifted_app.py"  # the app, for files over the loader's size limits
COUNTERFACTUAL_APP = ROOT / "bench" / "counterfactual_app.py"  # the app with parts swapped (bench/swaps.py)


class Server(StreamlitServer):
    """The tests' server (`streamlit run SCRIPT` on a free loopback port with TIMELINE_DATA=data),
    plus the process's memory and CPU time; cwd is the repository, so both apps read the same
    .streamlit/config.toml (websocket compression on)."""

    def __init__(self, script: Path, data: Path, env: dict[str, str] | None = None):
        super().__init__(data, extra_env={"PYTHONPATH": str(ROOT), **(env or {})}, script=script)
        self.stats = psutil.Process(self.process.pid)

    def rss(self) -> int:
        """Resident memory of the server process, in bytes."""
        return self.stats.memory_info().rss

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far."""
        times = self.stats.cpu_times()
        return times.user + times.system
