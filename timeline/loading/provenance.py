"""Finding quotes in their source texts, and marking the passages found.

The one normalisation, decided here and nowhere else: runs of white space (spaces, tabs,
line breaks) compare equal to a single space. Quote marks, dashes, case and every other
character must match exactly, because analysts copy these quotes into briefings.
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from timeline.loading.passages import closest_passages

_WS_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Character offsets [start, end) of a passage in the original text."""

    start: int
    end: int


class NormalisedText:
    """A text with its white-space runs collapsed, and the way back to the original offsets."""

    def __init__(self, text: str):
        self.original = text
        self.text = _WS_RUN.sub(" ", text)
        self._runs: tuple[list[int], list[int]] | None = None

    def _run_table(self) -> tuple[list[int], list[int]]:
        # Per white-space run: where its single space stands in the normalised text, and
        # how many characters all runs up to it removed. One entry per run, not per
        # character: at 100,000 events a per-character table cost seconds and gigabytes.
        if self._runs is None:
            starts: list[int] = []
            removed = [0]
            for match in _WS_RUN.finditer(self.original):
                starts.append(match.start() - removed[-1])
                removed.append(removed[-1] + match.end() - match.start() - 1)
            self._runs = (starts, removed)
        return self._runs

    def _original_offset(self, position: int) -> int:
        starts, removed = self._run_table()
        return position + removed[bisect.bisect_left(starts, position)]

    def original_span(self, start: int, end: int) -> Span:
        """Map a [start, end) range of the normalised text back to the original text."""
        first = self._original_offset(start)
        if end <= start:
            return Span(first, first)
        return Span(first, self._original_offset(end - 1) + 1)

    def contains(self, quote: str) -> bool:
        """Whether `quote` stands verbatim (up to white space) in the text."""
        needle = normalise_whitespace(quote)
        return bool(needle) and needle in self.text


def normalise_whitespace(text: str) -> str:
    """The comparison form of a quote: white-space runs become one space, ends trimmed."""
    return _WS_RUN.sub(" ", text).strip()


def find_quote(source: NormalisedText, quote: str) -> Span | None:
    """Where `quote` stands in the source, or None if it is not there verbatim."""
    needle = normalise_whitespace(quote)
    if not needle:
        return None
    at = source.text.find(needle)
    if at < 0:
        return None
    return source.original_span(at, at + len(needle))


def closest_passage(source: NormalisedText, quote: str, limit: int = 200) -> str:
    """The passage of the source that most resembles `quote`, for an error message.

    The same matcher as `python -m timeline quote` (timeline.loading.passages), so the hint and the
    command agree on what the curator probably meant. "" when nothing resembles it.
    """
    found = closest_passages(source.original, quote, limit=1)
    if not found:
        return ""
    passage = normalise_whitespace(found[0].text)
    return passage if len(passage) <= limit else passage[: limit - 1] + "…"


def slice_lines(text: str, lines: tuple[int, int] | None) -> str:
    """The lines [first, last] (1-based, inclusive) of a text, or all of it."""
    if lines is None:
        return text
    kept = text.splitlines(keepends=True)[lines[0] - 1 : lines[1]]
    return "".join(kept)


@dataclass(frozen=True)
class Mark:
    """A highlighted passage: its span, a label to show, and whether it is the current one."""

    span: Span
    label: str
    current: bool = False
    anchor: str = ""


def highlight_html(text: str, marks: list[Mark]) -> str:
    """The text as escaped HTML with each mark wrapped in <mark>; overlaps are merged."""
    ordered = sorted(marks, key=lambda m: (m.span.start, -m.span.end))
    out: list[str] = []
    position = 0
    for mark in ordered:
        start = max(mark.span.start, position)
        if start >= mark.span.end:
            continue
        out.append(html.escape(text[position:start]))
        css = "quote current" if mark.current else "quote"
        anchor = f' id="{html.escape(mark.anchor)}"' if mark.anchor else ""
        title = html.escape(mark.label, quote=True)
        out.append(f'<mark class="{css}"{anchor} title="{title}">')
        out.append(html.escape(text[start : mark.span.end]))
        out.append(f'<sup class="ref">{html.escape(mark.label)}</sup></mark>')
        position = mark.span.end
    out.append(html.escape(text[position:]))
    return "".join(out)
