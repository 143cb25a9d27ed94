"""Writing files so that a failure leaves nothing half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from timeline.errors import DatasetError, Problem
from timeline.loading.yamlsrc import YamlProblem, read_limited


def refuse_existing(paths: list[Path], hint: str = "") -> None:
    """Raise a one-line DatasetError naming the first of `paths` that already exists."""
    existing = [path for path in paths if path.exists()]
    if existing:
        raise one_problem(existing[0], "already exists" + (f" ({hint})" if hint else ""))


def read_input(path: Path) -> bytes:
    """An input file's bytes, within the loader's size limit; any failure is a one-line refusal."""
    try:
        return read_limited(path)
    except FileNotFoundError:
        raise one_problem(path, "no such file") from None
    except OSError as exc:
        raise one_problem(path, f"cannot read file: {exc.strerror or exc}") from None
    except YamlProblem as exc:
        raise one_problem(path, exc.message) from None


def replace_text(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file beside it, so readers see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise


def one_problem(path: object, message: str, line: int | None = None, column: int | None = None) -> DatasetError:
    """A DatasetError of a single problem: the one-line refusal every curation command gives."""
    return DatasetError([Problem(str(path), line, column, None, message)])
