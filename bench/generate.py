"""Synthetic datasets of any size, valid under `load_dataset`, with realistic field sizes.

Every quote is a sentence cut from its generated source text, so the quote checks do
real work; actors, themes, precisions and date bases are mixed as in the curated data.
The output is deterministic for a given (size, seed).
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

ACTORS = (
    ("china", "China", "state"),
    ("united-states", "United States", "state"),
    ("european-union", "European Union", "international-body"),
    ("united-kingdom", "United Kingdom", "state"),
    ("united-nations", "United Nations", "international-body"),
    ("oecd", "OECD", "international-body"),
    ("g7", "Group of Seven", "forum"),
    ("india", "India", "state"),
    ("japan", "Japan", "state"),
    ("li-qiang", "Li Qiang", "person"),
    ("openai", "OpenAI", "company"),
    ("ai-safety-institute", "AI Safety Institute", "government-body"),
)
THEMES = (
    ("cooperation", "International cooperation"),
    ("safety", "Safety and risk"),
    ("open-sharing", "Open sharing"),
    ("export-controls", "Export controls"),
    ("standards", "Technical standards"),
    ("rights", "Human rights"),
    ("compute", "Compute and chips"),
    ("global-south", "Global South"),
)
EVENT_TYPES = ("conference", "summit", "speech", "statement", "proposal", "policy", "regulation", "publication")
WORDS = (
    "governance framework cooperation summit ministers agreed artificial intelligence safety standards "
    "export controls delegates declaration global south chips compute regulators oversight transparency "
    "accountability models frontier risks partnership initiative proposal organisation premier president "
    "conference communique countries companies developers researchers evaluation testing institute"
).split()
FIRST_YEAR, YEARS = 2015, 11
LAST_DAY = dt.date(FIRST_YEAR + YEARS - 1, 12, 31)
SENTENCES_PER_SOURCE = 24  # ~3 KB of text: the length of a news report
EVENTS_PER_SOURCE = 10


@dataclass(frozen=True)
class GeneratedDataset:
    """Where a generated dataset was written and what it holds."""

    path: Path
    events: int
    sources: int
    positions: int
    bytes: int


def generate_dataset(folder: Path, events: int, seed: int = 7) -> GeneratedDataset:
    """Write events.yaml and sources/*.txt for `events` events under `folder`."""
    rng = random.Random(f"{seed}-{events}")
    source_count = max(3, events // EVENTS_PER_SOURCE)
    texts = [_source_sentences(rng) for _ in range(source_count)]
    (folder / "sources").mkdir(parents=True, exist_ok=True)
    for index, sentences in enumerate(texts):
        (folder / "sources" / f"s{index}.txt").write_text(" ".join(sentences) + "\n", encoding="utf-8")
    position_count = max(1, events // 20)
    parts = [
        "sources:\n" + "".join(_source_yaml(rng, i) for i in range(source_count)),
        "actors:\n" + "".join(f"  - {{id: {a}, name: {n}, kind: {k}}}\n" for a, n, k in ACTORS),
        "themes:\n" + "".join(f"  - {{id: {t}, label: {lb}, definition: {lb} in AI policy.}}\n" for t, lb in THEMES),
        "events:\n" + "".join(_event_yaml(rng, i, texts) for i in range(events)),
        "positions:\n" + "".join(_position_yaml(rng, i, texts, events) for i in range(position_count)),
        "disputes:\n" + "".join(_dispute_yaml(rng, i, texts) for i in range(max(1, events // 200))),
    ]
    path = folder / "events.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return GeneratedDataset(path, events, source_count, position_count, path.stat().st_size)


def _sentence(rng: random.Random, shortest: int = 10, longest: int = 20) -> str:
    words = rng.choices(WORDS, k=rng.randint(shortest, longest))
    return " ".join(words).capitalize() + "."


def _source_sentences(rng: random.Random) -> list[str]:
    return [_sentence(rng) for _ in range(SENTENCES_PER_SOURCE)]


def _q(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars.
    return json.dumps(text, ensure_ascii=False)


def _date(rng: random.Random) -> tuple[str, dt.date]:
    day = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(YEARS * 365))
    roll = rng.random()
    if roll < 0.8:
        return day.isoformat(), day
    if roll < 0.95:
        return _q(day.strftime("%Y-%m")), day
    return str(day.year), day


def _basis(rng: random.Random, indent: str) -> str:
    roll = rng.random()
    if roll < 0.7:
        return f"{indent}date_basis: stated\n"
    kind = "inferred" if roll < 0.9 else "external"
    return f"{indent}date_basis: {kind}\n{indent}date_note: {_q('worked out from the report: ' + _sentence(rng))}\n"


def _source_yaml(rng: random.Random, index: int) -> str:
    published = dt.date(FIRST_YEAR, 1, 1) + dt.timedelta(days=rng.randrange(YEARS * 365))
    return (
        f"  - id: s{index}\n    title: {_q(_sentence(rng)[:90])}\n    publisher: Wire {index % 40}\n"
        f"    kind: news\n    published: {published.isoformat()}\n    published_basis: stated\n"
        f"    url: https://example.org/news/{index}\n    file: sources/s{index}.txt\n"
    )


def _evidence_yaml(rng: random.Random, texts: list[list[str]], indent: str) -> str:
    lines = f"{indent}evidence:\n"
    for _ in range(1 if rng.random() < 0.7 else 2):
        source = rng.randrange(len(texts))
        quote = rng.choice(texts[source])
        lines += f"{indent}  - {{source: s{source}, quote: {_q(quote)}}}\n"
    return lines


def _event_yaml(rng: random.Random, index: int, texts: list[list[str]]) -> str:
    date_text, day = _date(rng)
    actors = rng.sample([a[0] for a in ACTORS], k=rng.choice((1, 1, 2, 3)))
    themes = rng.sample([t[0] for t in THEMES], k=rng.choice((0, 1, 1, 2)))
    text = f"  - id: e{index}\n    title: {_q(_sentence(rng)[:80])}\n    date: {date_text}\n"
    if rng.random() < 0.1:
        # Kept inside the last year: the benchmark's "last year only" view then holds ~1/YEARS of the events.
        end = min(day + dt.timedelta(days=rng.randint(1, 120)), LAST_DAY)
        text += f"    end: {end.isoformat()}\n"
    text += _basis(rng, "    ")
    text += f"    type: {rng.choice(EVENT_TYPES)}\n"
    if rng.random() < 0.6:
        text += f"    location: {rng.choice(('Shanghai', 'Geneva', 'Bletchley Park', 'Paris', 'New Delhi'))}\n"
    text += f"    actors: [{', '.join(actors)}]\n    themes: [{', '.join(themes)}]\n"
    text += f"    summary: {_q(_sentence(rng, 20, 40))}\n"
    return text + _evidence_yaml(rng, texts, "    ")


def _position_yaml(rng: random.Random, index: int, texts: list[list[str]], events: int) -> str:
    date_text, _ = _date(rng)
    stance = rng.choice(("supports", "mixed", "neutral", "skeptical", "opposes"))
    return (
        f"  - id: p{index}\n    actor: {rng.choice(ACTORS)[0]}\n    theme: {rng.choice(THEMES)[0]}\n"
        f"    proposition: {_q(_sentence(rng)[:100])}\n    stance: {stance}\n    date: {date_text}\n"
        + _basis(rng, "    ")
        + f"    event: e{rng.randrange(events)}\n"
        + _evidence_yaml(rng, texts, "    ")
    )


def _dispute_yaml(rng: random.Random, index: int, texts: list[list[str]]) -> str:
    source = rng.randrange(len(texts))
    return (
        f"  - id: d{index}\n    about: {{event: e{index}, field: date}}\n"
        f"    summary: Which day it happened\n    claims:\n"
        f"      - {{value: one day, source: s{source}, quote: {_q(rng.choice(texts[source]))}}}\n"
        f"      - {{value: another day, external: The public record}}\n"
        f"    decision: Recorded as the source states.\n"
    )
