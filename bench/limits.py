"""The loader's limits lifted for files larger than they allow (benchmarks only)."""

from __future__ import annotations

from pathlib import Path

from timeline.loading.yamlsrc import DEFAULT_LIMITS, Limits

LIFTED = Limits(max_bytes=1024**3, max_values=100_000_000)


def within_limits(path: Path) -> bool:
    """Whether the app opens this file with its default limits (by size; values scale with it)."""
    return path.stat().st_size <= DEFAULT_LIMITS.max_bytes
