"""Briefing mode's slide model: which events, in what order, slide n of N, and each key quote.

A deck is the shown (filtered) events in date order, or a hand-picked list of events in the
order picked. Its state travels in the link as `slide` (a number, or `all` for the
print-all-slides rendering) and `picks` (comma-separated event ids): see timeline.state.viewstate.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from timeline.loading.frames import Frames
from timeline.present.views import DisputeView, QuoteView, Views, one_line

# Key quote: the first listed piece of evidence from the most direct kind of source.
SOURCE_KIND_RANK = {"official": 0, "news": 1, "explainer": 2, "editorial": 3, "commentary": 4, "forum": 5}


@dataclass(frozen=True)
class KeyQuote:
    """The quote a slide shows, with its source's short attribution and full reference."""

    text: str
    source_id: str
    attribution: str  # 'Reuters, 26 July 2025'
    reference: str  # the full reference, as in the citation exports
    url: str | None


@dataclass(frozen=True)
class Slide:
    """One event on one slide."""

    number: int
    total: int
    event_id: str
    title: str
    date_label: str
    precision: str
    summary: str
    quote: KeyQuote | None
    other_quotes: tuple[KeyQuote, ...]
    position: float  # where the event sits on the deck's timeline strip, 0..1
    label: str = ""  # its short title, named on the strip under its dot when it is the current slide
    disputes: tuple[DisputeView, ...] = ()

    @property
    def counter(self) -> str:
        return f"{self.number} / {self.total}"

    @property
    def date_text(self) -> str:
        """The date at its precision, saying so when it is not known to the day."""
        return self.date_label if self.precision == "day" else f"{self.date_label} (known to the {self.precision})"


@dataclass(frozen=True)
class Deck:
    slides: tuple[Slide, ...]
    first_year: int | None
    last_year: int | None

    def __len__(self) -> int:
        return len(self.slides)

    def slide(self, number: int) -> Slide:
        """Slide `number` (1-based), clamped into the deck; the deck must not be empty."""
        return self.slides[clamp_slide(number, len(self.slides)) - 1]


def clamp_slide(number: int, total: int) -> int:
    """A slide number kept within 1..total (1 for an empty deck)."""
    return min(max(int(number), 1), max(total, 1))


# ---- the deck ----------------------------------------------------------------------------------


def deck_events(frames: Frames, shown: pd.DataFrame, picks: tuple[str, ...] = ()) -> pd.DataFrame:
    """The events to present: the picks in their order if any, else the shown events as given."""
    if not picks:
        return shown
    events = frames.events.set_index("id", drop=False)
    return events.loc[[p for p in picks if p in events.index]].reset_index(drop=True)


def build_deck(frames: Frames, shown: pd.DataFrame, picks: tuple[str, ...] = ()) -> Deck:
    """Slides for the shown events (or the picks), each with its key quote, disputes and strip position."""
    events = deck_events(frames, shown, picks)
    positions = strip_positions(events)
    total = len(events)
    slides = []
    for number, (event, position) in enumerate(zip(Views(frames).events(events), positions, strict=True), start=1):
        ordered = key_quotes_first(event.quotes)
        slides.append(
            Slide(
                number=number,
                total=total,
                event_id=event.id,
                title=event.title,
                date_label=event.date.label,
                precision=event.date.precision,
                summary=event.summary,
                quote=ordered[0] if ordered else None,
                other_quotes=tuple(ordered[1:]),
                position=position,
                label=event.short_title,
                disputes=event.disputes,
            )
        )
    first = int(events["year_from"].min()) if total else None
    last = int(events["year_to"].max()) if total else None
    return Deck(tuple(slides), first, last)


def strip_positions(events: pd.DataFrame) -> list[float]:
    """Each event's place between the deck's earliest start and latest end, from 0 to 1."""
    if events.empty:
        return []
    low, high = events["start"].min(), events["end"].max()
    span = (high - low).total_seconds()
    if span <= 0:
        return [0.5] * len(events)
    return [float((anchor - low).total_seconds() / span) for anchor in events["anchor"]]


def key_quotes_first(quotes: tuple[QuoteView, ...]) -> list[KeyQuote]:
    """An event's quotes, key quote first: most direct source kind, then the order listed."""
    ranked = sorted(enumerate(quotes), key=lambda item: (SOURCE_KIND_RANK.get(item[1].source.kind, 99), item[0]))
    return [_key_quote(quote) for _, quote in ranked]


def _key_quote(quote: QuoteView) -> KeyQuote:
    return KeyQuote(
        text=one_line(quote.text),
        source_id=quote.source.id,
        attribution=quote.source.attribution,
        reference=quote.source.citation(),
        url=quote.source.url,
    )


# ---- the timeline strip --------------------------------------------------------------------------


def strip_html(deck: Deck, current: int) -> str:
    """The deck's timeline strip as HTML: a line, a dot per slide at its date, the current one big.

    Plain elements placed by percentage (the app's HTML sanitiser drops inline SVG); styled
    by the `briefing-strip` rules of components/briefing.py.
    """
    if not deck.slides:
        return ""
    now = deck.slide(current)
    others = [s for s in deck.slides if s.number != now.number]
    dots = [
        f'<span class="strip-dot" style="left: {100 * s.position:.2f}%" title="{html.escape(s.counter)}: '
        f'{html.escape(s.title)}"></span>'
        for s in others
    ]
    dots.append(
        f'<span class="strip-dot current" style="left: {100 * now.position:.2f}%" '
        f'title="{html.escape(now.counter)}: {html.escape(now.title)}"></span>'
    )
    dots.append(_strip_label(now))
    return (
        f'<div class="briefing-strip" role="img" aria-label="Event {html.escape(now.counter)} on the timeline, '
        f'{html.escape(now.label)}, {deck.first_year} to {deck.last_year}">'
        f'<span class="strip-year">{deck.first_year}</span><span class="strip-line">{"".join(dots)}</span>'
        f'<span class="strip-year">{deck.last_year}</span></div>'
    )


def _strip_label(slide: Slide) -> str:
    """The current slide's short title under its dot: centred, or flush with the strip's end near one."""
    align = "start" if slide.position < 0.2 else "end" if slide.position > 0.8 else "middle"
    return (
        f'<span class="strip-label strip-label-{align}" style="left: {100 * slide.position:.2f}%">'
        f"{html.escape(slide.label)}</span>"
    )
