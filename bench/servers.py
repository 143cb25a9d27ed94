"""A Streamlit server for one app and dataset, started and stopped by the benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

from tests.e2e.conftest import free_port

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
BASELINE = ROOT / "bench" / "baseline_app.py"
LIFTED_APP = ROOT / "bench" / "lifted_app.py"  # the app, for files over the loader's size limits


class Server:
    """`streamlit run SCRIPT` on a free loopback port with TIMELINE_DATA=data."""

    def __init__(self, script: Path, data: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "TIMELINE_DATA": str(data), "PYTHONPATH": str(ROOT)}
        command = [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.headless=true", f"--server.port={self.port}", "--server.address=127.0.0.1",
            "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
        ]  # fmt: skip
        # cwd=ROOT: both apps read the same .streamlit/config.toml (websocket compression on).
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.stats = psutil.Process(self.process.pid)

    def wait_healthy(self, timeout: float = 120) -> None:
        """Return once /_stcore/health answers; raise if the server died or timed out."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"streamlit exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise TimeoutError("streamlit did not become healthy")

    def rss(self) -> int:
        """Resident memory of the server process, in bytes."""
        return self.stats.memory_info().rss

    def cpu_seconds(self) -> float:
        """User + system CPU time the server has used so far."""
        times = self.stats.cpu_times()
        return times.user + times.system

    def stop(self) -> None:
        """Terminate the server (kill it if it does not stop within 10 s)."""
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stderr.close()
