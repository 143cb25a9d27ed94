"""`python -m timeline validate`: a summary when clean, one line per problem otherwise."""

import subprocess
import sys

from tests.conftest import GOOD_YAML, write_dataset
from timeline.__main__ import main


def test_validate_clean_prints_counts(good_path, capsys):
    assert main(["validate", str(good_path)]) == 0
    out = capsys.readouterr().out
    assert "OK — 2 sources, 4 actors, 2 themes, 4 events, 1 positions, 1 disputes, 6 quotes" in out


def test_validate_reports_each_problem(tmp_path, capsys):
    path = write_dataset(
        tmp_path, GOOD_YAML.replace("type: proposal", "type: speach").replace("2025-07-23\n", "2025-02-30\n", 1)
    )
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(str(path) + ":") for line in lines)


def test_validate_never_shows_a_traceback(tmp_path):
    path = tmp_path / "events.yaml"
    path.write_bytes(b"\x00\xff garbage: [")
    result = subprocess.run([sys.executable, "-m", "timeline", "validate", str(path)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
