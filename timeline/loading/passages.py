"""The one fuzzy matcher of passages: `quote` and the validator's "closest passage" hint share it.

A text is cut into sentence-sized candidates (a sentence ends at . ! ? or a blank line; a single
line break does not end one, since saved pages and PDFs wrap lines mid-sentence). Each candidate
grows by the sentences after it until it is about as long as the words searched for, so a
remembered phrase and a remembered paragraph are both compared with passages of their size.
A candidate does not cross a blank line (a new paragraph). The score (0-100) weighs the share
of the words found, in any order (rapidfuzz's token_set_ratio, 70%), with the best character
alignment (partial_ratio, 30%), which breaks ties between passages holding all the words;
case and punctuation aside (the verbatim check is elsewhere).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’')\]]*\s+|\n\s*\n")
# A full stop after these does not end a sentence: initials and "U.S.", titles, "e.g.".
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\.$"
)
MAX_SENTENCES = 5  # a candidate spans at most this many sentences
MIN_SCORE = 40.0  # below this, a candidate has nothing useful in common with the words


@dataclass(frozen=True)
class Passage:
    """A passage of a text: its verbatim words, offsets [start, end), 1-based first line, and score (0-100)."""

    text: str
    start: int
    end: int
    line: int
    score: float


@functools.lru_cache(maxsize=4)  # the validator asks again of the same source for each quote it misses
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The [start, end) offsets of each sentence of `text`, white space at their ends left out."""
    spans = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        if match is not None and _not_an_end(text, match):
            continue
        end = len(text) if match is None else match.start()
        if match is not None and text[match.start()] not in "\n\r\t ":
            end = match.start() + len(match.group().rstrip())  # keep a closing quote mark
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((start + lead, start + len(piece.rstrip())))
        start = len(text) if match is None else match.end()
    return tuple(spans)


def _not_an_end(text: str, match: re.Match) -> bool:
    """Whether a full stop and a space inside a paragraph end no sentence: "U.S. AI", "he said? no"."""
    if "\n" in match.group():
        return False
    following = text[match.end() : match.end() + 1]
    return following.islower() or bool(_ABBREVIATION.search(text, max(0, match.start() - 6), match.start()))


def closest_passages(text: str, words: str, limit: int = 3) -> list[Passage]:
    """The passages of `text` most like `words`, best first, none overlapping, none scoring below MIN_SCORE."""
    query = " ".join(words.split())
    spans = sentence_spans(text)
    if not query or not spans:
        return []
    candidates = _candidates(text, spans, len(query))
    choices = [" ".join(text[start:end].split()) for start, end in candidates]
    ranked = process.extract(
        query, choices, scorer=passage_score, processor=utils.default_process, limit=None, score_cutoff=MIN_SCORE
    )
    # Best score first; among equals the shorter passage (the tighter citation), then the earlier.
    ranked.sort(key=lambda hit: (-hit[1], len(choices[hit[2]]), hit[2]))
    chosen: list[Passage] = []
    for _, score, index in ranked:
        start, end = candidates[index]
        if any(start < p.end and p.start < end for p in chosen):
            continue
        chosen.append(Passage(text[start:end], start, end, text.count("\n", 0, start) + 1, round(score, 1)))
        if len(chosen) == limit:
            break
    return chosen


def passage_score(words: str, passage: str, **kwargs) -> float:
    """How much `passage` looks like `words` (0-100): the words found, then how closely they align."""
    return 0.7 * fuzz.token_set_ratio(words, passage, **kwargs) + 0.3 * fuzz.partial_ratio(words, passage, **kwargs)


def _candidates(text: str, spans: tuple[tuple[int, int], ...], size: int) -> list[tuple[int, int]]:
    """From each sentence, the run of it and its followers that first reaches `size` characters."""
    found = []
    for first in range(len(spans)):
        last = first
        while (
            last + 1 < len(spans)
            and last - first + 1 < MAX_SENTENCES
            and _length(text, spans, first, last) < size
            and not _PARAGRAPH_BREAK.search(text, spans[last][1], spans[last + 1][0])
        ):
            last += 1
        found.append((spans[first][0], spans[last][1]))
    return found


def _length(text: str, spans: tuple[tuple[int, int], ...], first: int, last: int) -> int:
    return len(" ".join(text[spans[first][0] : spans[last][1]].split()))
