"""Small helpers shared by every parser of link (query) parameters."""

from __future__ import annotations


def last_value(value: object) -> str:
    """A parameter's value as text; a repeated parameter arrives as a list and the last one wins."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value)


def shown_in_notice(text: str) -> str:
    """A link's value as quoted in a notice: repr'd (so control characters show) and cut at 40."""
    return repr(text if len(text) <= 40 else text[:39] + "…")
