"""`python -m deploy.serve start|stop`: the app's replicas behind HAProxy, started and stopped by PID file.

`start` runs N `streamlit run app.py` processes on free loopback ports and HAProxy in front of
them (deploy/haproxy.cfg.in), waits until every one answers its health check, and returns,
leaving them running. Their PID files, logs and the written config are in the state folder
(.serve/ by default); `stop` ends exactly those processes and nothing else.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from string import Template

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
STATE = ROOT / ".serve"
HEALTH = "/_stcore/health"
HAPROXY_PID = "haproxy.pid"
START_TIMEOUT_S = 180  # a loaded 2-core machine starts several Streamlit processes slowly
STOP_TIMEOUT_S = 20


def haproxy_config(replica_ports: list[int], port: int, bind: str = "127.0.0.1", gated: bool = False) -> str:
    """HAProxy's configuration for these replicas, with the access gate when `gated`."""
    servers = "\n".join(
        f"    server replica{i} 127.0.0.1:{p} check cookie replica{i}" for i, p in enumerate(replica_ports, 1)
    )
    gate = (DEPLOY / "gate.cfg.in").read_text(encoding="utf-8").rstrip("\n") if gated else ""
    template = Template((DEPLOY / "haproxy.cfg.in").read_text(encoding="utf-8"))
    return template.substitute(bind=bind, port=port, gate=gate, servers=servers)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def haproxy_binary() -> str:
    """HAProxy's path (Debian puts it in /usr/sbin, not on every user's PATH)."""
    found = shutil.which("haproxy") or ("/usr/sbin/haproxy" if Path("/usr/sbin/haproxy").exists() else None)
    if not found:
        raise SystemExit("haproxy is not installed: `make serve` installs Debian's package")
    return found


@dataclass
class Cluster:
    """N replicas and the balancer in front of them; what was started is recorded in `state`."""

    replicas: int
    port: int
    bind: str = "127.0.0.1"
    auth_file: Path | None = None
    state: Path = STATE
    script: Path = ROOT / "app.py"
    env: dict[str, str] | None = None  # e.g. TIMELINE_DATA; added to this process's environment

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.bind in ("0.0.0.0", "") else self.bind  # noqa: S104 (a comparison)
        return f"http://{host}:{self.port}"

    def start(self) -> None:
        """Start every replica, then HAProxy; return once all answer their health checks."""
        if running_pids(self.state):
            raise SystemExit(f"already serving (PID files in {self.state}): `make serve-stop` first")
        self.state.mkdir(parents=True, exist_ok=True)
        ports = [free_port() for _ in range(self.replicas)]
        try:
            for number, port in enumerate(ports, 1):
                self._start_replica(number, port)
            config = self.state / "haproxy.cfg"
            config.write_text(haproxy_config(ports, self.port, self.bind, self.auth_file is not None), encoding="utf-8")
            self._start_haproxy(config)
            for port in ports:
                wait_healthy(f"http://127.0.0.1:{port}", self.state)
            wait_healthy(self.url, self.state)
        except BaseException:
            stop(self.state)
            raise

    def replica_pid(self, number: int) -> int:
        return int((self.state / f"replica{number}.pid").read_text())

    def replica_port(self, number: int) -> int:
        return int((self.state / f"replica{number}.port").read_text())

    def _start_replica(self, number: int, port: int) -> None:
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script), "--server.headless=true",
            f"--server.port={port}", "--server.address=127.0.0.1", "--browser.gatherUsageStats=false",
            "--server.fileWatcherType=none",
        ]  # fmt: skip
        env = {**os.environ, **(self.env or {})}
        process = _spawn(command, self.state / f"replica{number}.log", env)
        (self.state / f"replica{number}.port").write_text(str(port))
        (self.state / f"replica{number}.pid").write_text(str(process.pid))

    def _start_haproxy(self, config: Path) -> None:
        files = ["-f", str(config)] + (["-f", str(self.auth_file)] if self.auth_file else [])
        checked = subprocess.run([haproxy_binary(), "-c", *files], capture_output=True, text=True)
        if checked.returncode:
            raise SystemExit(f"haproxy refused its configuration:\n{checked.stdout}{checked.stderr}")
        process = _spawn([haproxy_binary(), "-db", *files], self.state / "haproxy.log", dict(os.environ))
        (self.state / HAPROXY_PID).write_text(str(process.pid))


def _spawn(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen:
    """A process in a session of its own (it outlives `make serve`), its output in `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def wait_healthy(url: str, state: Path, timeout: float = START_TIMEOUT_S) -> None:
    """Wait until url's health check answers 200; fail early if a started process has died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        dead = [pid_file.name for pid_file in state.glob("*.pid") if not _alive(int(pid_file.read_text()))]
        if dead:
            raise RuntimeError(f"{', '.join(dead)}: process exited; see the logs in {state}")
        try:
            with urllib.request.urlopen(url + HEALTH, timeout=5) as response:  # noqa: S310 (http only)
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer its health check in {timeout:.0f} s")


def running_pids(state: Path) -> dict[Path, int]:
    """PID files whose process is still the one started (its command line names this state or port)."""
    found = {}
    for pid_file in sorted(state.glob("*.pid")):
        pid = int(pid_file.read_text())
        if _alive(pid) and _ours(pid, pid_file):
            found[pid_file] = pid
    return found


def _ours(pid: int, pid_file: Path) -> bool:
    """Whether pid is still what serve started, not a later process that reuses the number."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return False
    if pid_file.name == HAPROXY_PID:
        return "haproxy" in command and str(pid_file.parent / "haproxy.cfg") in command
    port_file = pid_file.with_suffix(".port")
    return port_file.exists() and f"--server.port={port_file.read_text()}" in command


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited, not yet reaped by its parent) is not alive.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def stop(state: Path = STATE) -> list[int]:
    """End the processes the PID files in `state` name (SIGTERM, then SIGKILL); return their PIDs."""
    pids = running_pids(state)
    for pid in pids.values():
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while any(_alive(pid) for pid in pids.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in pids.values():
        if _alive(pid):
            os.kill(pid, signal.SIGKILL)
    for pid_file in state.glob("*.pid"):
        pid_file.unlink()
    return list(pids.values())


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m deploy.serve", description=__doc__)
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--replicas", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--port", type=int, default=8501, help="HAProxy's port")
    parser.add_argument("--host", default="127.0.0.1", help="HAProxy's address (0.0.0.0: every interface)")
    parser.add_argument("--auth-file", type=Path, help="an HAProxy userlist `viewers` (deploy/add-user.sh)")
    parser.add_argument("--state", type=Path, default=STATE, help="where PID files, logs and the config go")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.action == "stop":
        stopped = stop(args.state)
        print(f"stopped {len(stopped)} process(es): {' '.join(map(str, stopped)) or 'none running'}")
        return 0
    if args.replicas < 1:
        raise SystemExit("--replicas must be at least 1")
    if args.auth_file is not None and not args.auth_file.is_file():
        raise SystemExit(f"{args.auth_file}: no such users file (create it with deploy/add-user.sh)")
    cluster = Cluster(args.replicas, args.port, args.host, args.auth_file and args.auth_file.resolve(), args.state)
    cluster.start()
    gate = f", access gate: {args.auth_file}" if args.auth_file else ""
    print(f"serving {cluster.url} with {args.replicas} replica(s){gate}; stop with `make serve-stop`")
    return 0


if __name__ == "__main__":
    sys.exit(main())
