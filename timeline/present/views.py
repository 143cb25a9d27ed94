"""What a reader is shown of an event, a position or a source: one view-model for every renderer.

The detail panels, the offline HTML, TimelineJS, CSV/JSON, the citation blocks and the
briefing slides all read events from here, so they carry the same evidence and disputes and
cite a source the same way. Renderers only choose the markup (`PLAIN`, `MARKDOWN`, `HTML`).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from timeline.loading.frames import Frames
from timeline.loading.provenance import normalise_whitespace
from timeline.loading.schema import RELIABILITY_SCALE
from timeline.textsafe import escape_markdown, safe_url

BASIS_TEXT = {
    "stated": "stated in the source",
    "inferred": "inferred from the source",
    "external": "known from outside the sources",
}
UNIDENTIFIED = "unidentified"  # the data's word for a publisher or author nobody could name


def one_line(text: object) -> str:
    """Runs of white space as one space: the normalisation quotes are checked with (provenance)."""
    return normalise_whitespace(str(text))


@dataclass(frozen=True)
class Markup:
    """How a renderer writes text: its escaper, emphasis, and links (None: write URLs out)."""

    escape: Callable[[str], str]
    emphasis: Callable[[str], str]
    link: Callable[[str, str], str] | None


def _html_link(text: str, url: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}" rel="noreferrer">{text}</a>'


PLAIN = Markup(str, lambda text: text, None)
MARKDOWN = Markup(escape_markdown, lambda text: f"*{text}*", lambda text, url: f"[{text}](<{url}>)")
HTML = Markup(html.escape, lambda text: text, _html_link)


def linked(markup: Markup, text: str, url: str | None) -> str:
    """Escaped text, linked to `url` if it is http(s) (written after it where the markup has no links)."""
    shown, href = markup.escape(text), safe_url(url)
    if not href:
        return shown
    return markup.link(shown, href) if markup.link else f"{shown} {href}"


@dataclass(frozen=True)
class SourceRef:
    """A source as it is cited; reliability is None where the data has no grade."""

    id: str
    title: str
    publisher: str
    author: str | None
    kind: str
    published_label: str
    published_iso: str
    url: str | None  # http(s) only
    reliability: str | None = None
    reliability_reason: str | None = None

    @property
    def publisher_text(self) -> str:
        """The publisher as a reader should see it ('unidentified publisher', not 'unidentified')."""
        return "unidentified publisher" if self.publisher == UNIDENTIFIED else self.publisher

    @property
    def author_text(self) -> str | None:
        """The author, or None when there is none or nobody could name them."""
        return None if not self.author or self.author == UNIDENTIFIED else self.author

    @property
    def attribution(self) -> str:
        """The short form under a quote on a slide: 'Reuters, 26 July 2025'."""
        return f"{self.publisher_text}, {self.published_label}"

    @property
    def reliability_text(self) -> str | None:
        """'reliability B (usually reliable): why', or None without a grade."""
        if not self.reliability:
            return None
        text = f"reliability {self.reliability} ({RELIABILITY_SCALE[self.reliability]})"
        return text + (f": {self.reliability_reason}" if self.reliability_reason else "")

    def citation(self, markup: Markup = PLAIN) -> str:
        """The one citation format, the grade only where the data has one.

        'Author, Publisher, “Title”, kind, date — reliability B (usually reliable): why. URL'
        """
        esc = markup.escape
        parts = [esc(self.author_text)] if self.author_text else []
        parts.append(markup.emphasis(esc(self.publisher_text)))
        title = f"“{esc(self.title)}”"
        parts.append(markup.link(title, self.url) if markup.link and self.url else title)
        parts.append(f"{esc(self.kind)}, {esc(self.published_label)}")
        text = ", ".join(parts)
        if self.reliability_text:
            text += f" — {esc(self.reliability_text)}"
        text += "."
        return f"{text} {self.url}" if self.url and not markup.link else text


@dataclass(frozen=True)
class QuoteView:
    """A verbatim quote and where it comes from."""

    text: str
    note: str | None
    source: SourceRef


@dataclass(frozen=True)
class ClaimView:
    """One side of a dispute: a value, backed by a quote from a source or by the public record."""

    value: str
    quote: str | None
    source: SourceRef | None
    external: str | None
    url: str | None

    def origin(self, markup: Markup = PLAIN) -> str:
        """Where the claim comes from: “quote” (citation), or 'public record: reference'."""
        if self.source is not None:
            return f"“{markup.escape(self.quote or '')}” ({self.source.citation(markup)})"
        return "public record: " + linked(markup, self.external or "", self.url)


@dataclass(frozen=True)
class DisputeView:
    """A dispute about a record: what is disputed, each side, and the decision."""

    id: str
    field: str
    summary: str
    decision: str
    claims: tuple[ClaimView, ...]

    @property
    def heading(self) -> str:
        return f"Disputed {self.field}"

    def text(self) -> str:
        """The dispute on one line of plain text (CSV cells, citation blocks, speaker notes)."""
        sides = "; ".join(f"{claim.value}: {claim.origin()}" for claim in self.claims)
        return one_line(f"{self.heading}: {_sentence(self.summary)} Sides: {sides}. Decision: {self.decision}")


@dataclass(frozen=True)
class DateView:
    """A date at its precision, with how it is known."""

    label: str
    precision: str
    basis: str
    note: str | None
    iso: str
    end_iso: str | None = None

    @property
    def basis_text(self) -> str:
        return BASIS_TEXT.get(self.basis, self.basis)

    @property
    def text(self) -> str:
        """'4 July 2024 · precision: day · date stated in the source'."""
        return f"{self.label} · precision: {self.precision} · date {self.basis_text}"


@dataclass(frozen=True)
class Named:
    """An actor or theme as shown: id, name (or label) and, for actors, a role."""

    id: str
    name: str
    role: str | None = None


@dataclass(frozen=True)
class PositionView:
    """A recorded position: who, on what, which stance, when, where stated, its quotes and disputes."""

    id: str
    actor: Named
    theme: Named
    proposition: str
    stance: str
    date: DateView
    event_id: str | None
    quotes: tuple[QuoteView, ...]
    disputes: tuple[DisputeView, ...]


@dataclass(frozen=True)
class EventView:
    """Everything known about an event, as every renderer shows it."""

    id: str
    title: str
    short_title: str  # the label on the chart: the curated one, or the title cut short
    type: str
    summary: str
    location: str | None
    date: DateView
    actors: tuple[Named, ...]
    themes: tuple[Named, ...]
    quotes: tuple[QuoteView, ...]
    positions: tuple[PositionView, ...]
    disputes: tuple[DisputeView, ...]


class Views:
    """Builds the view-models from Frames; source references are made once per source."""

    def __init__(self, frames: Frames):
        self.frames = frames
        self._sources: dict[str, SourceRef] = {}

    def source(self, source_id: str) -> SourceRef:
        """The reference of one source."""
        if source_id not in self._sources:
            row = self.frames.records_of("sources", "id")[source_id][0]
            self._sources[source_id] = SourceRef(
                id=source_id,
                title=row["title"],
                publisher=row["publisher"],
                author=row["author"],
                kind=str(row["kind"]),
                published_label=row["published_label"],
                published_iso=row["published_iso"],
                url=safe_url(row["url"]),
                reliability=_optional(row, "reliability"),
                reliability_reason=_optional(row, "reliability_reason"),
            )
        return self._sources[source_id]

    def quotes(self, kind: str, owner_id: str) -> tuple[QuoteView, ...]:
        """The quotes of one event or position, in the data's order."""
        rows = self.frames.records_of("evidence", "owner_kind", "owner_id").get((kind, owner_id), ())
        return tuple(QuoteView(row["quote"], row["note"], self.source(row["source"])) for row in rows)

    def disputes(self, kind: str, target: str) -> tuple[DisputeView, ...]:
        """The disputes about one event, position or source, each with its sides."""
        rows = self.frames.records_of("disputes", "about_kind", "about_id").get((kind, target), ())
        return tuple(DisputeView(d["id"], d["field"], d["summary"], d["decision"], self._claims(d["id"])) for d in rows)

    def _claims(self, dispute_id: str) -> tuple[ClaimView, ...]:
        return tuple(
            ClaimView(
                c["value"], c["quote"], self.source(c["source"]) if c["source"] else None, c["external"], c["url"]
            )
            for c in self.frames.records_of("claims", "dispute_id").get(dispute_id, ())
        )

    def event(self, event_id: str) -> EventView:
        """One event by id."""
        return self._event(self.frames.event(event_id))

    def events(self, shown: pd.DataFrame) -> list[EventView]:
        """The shown events, in their order."""
        return [self._event(row) for row in shown.to_dict("records")]

    def _event(self, row: Mapping) -> EventView:
        frames = self.frames
        return EventView(
            id=row["id"],
            title=row["title"],
            short_title=row["short_title"],
            type=str(row["type"]),
            summary=row["summary"],
            location=row["location"],
            date=_date(row, row["end_iso"]),
            actors=tuple(Named(a, frames.actor_names.get(a, a), frames.actor_roles.get(a)) for a in row["actors"]),
            themes=tuple(Named(t, frames.theme_labels.get(t, t)) for t in row["themes"]),
            quotes=self.quotes("event", row["id"]),
            positions=tuple(self._position(p) for p in frames.records_of("positions", "event").get(row["id"], ())),
            disputes=self.disputes("event", row["id"]),
        )

    def position(self, position_id: str) -> PositionView:
        """One position by id."""
        return self._position(self.frames.position(position_id))

    def _position(self, row: Mapping) -> PositionView:
        return PositionView(
            id=row["id"],
            actor=Named(row["actor"], self.frames.actor_names.get(row["actor"], row["actor"])),
            theme=Named(row["theme"], self.frames.theme_labels.get(row["theme"], row["theme"])),
            proposition=row["proposition"],
            stance=row["stance"],
            date=_date(row),
            event_id=row["event"],
            quotes=self.quotes("position", row["id"]),
            disputes=self.disputes("position", row["id"]),
        )


def _sentence(text: str) -> str:
    """The text ending as a sentence does, so the next part reads as a new one."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


def _date(row: Mapping, end_iso: str | None = None) -> DateView:
    return DateView(
        label=row["date_label"],
        precision=str(row["precision"]),
        basis=str(row["date_basis"]),
        note=row["date_note"],
        iso=row["date_iso"],
        end_iso=end_iso,
    )


def _optional(row: Mapping, column: str) -> str | None:
    """A column that older datasets do not have (e.g. reliability): None when absent or empty."""
    value = row.get(column)
    return None if value is None or (isinstance(value, float) and pd.isna(value)) or value == "" else str(value)
