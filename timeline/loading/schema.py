"""The data model of a dataset: sources, actors, themes, events, positions, disputes."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

from timeline.dates import PartialDate, parse_partial_date

SECTIONS = ("sources", "actors", "themes", "events", "positions", "disputes")

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=120)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
SHORT_TITLE_CHARS = 40  # a label on the chart: longer ones would not fit beside a marker
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=SHORT_TITLE_CHARS)]
Date = Annotated[
    PartialDate,
    BeforeValidator(parse_partial_date),
    PlainSerializer(lambda d: d.iso(), return_type=str),
]

_URL_RE = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)


class DateBasis(StrEnum):
    STATED = "stated"
    INFERRED = "inferred"
    EXTERNAL = "external"


SourceKind = Literal["news", "editorial", "explainer", "official", "commentary", "forum"]
ActorKind = Literal[
    "person",
    "state",
    "international-body",
    "government-body",
    "organisation",
    "company",
    "forum",
    "commentator",
]
EventType = Literal[
    "conference",
    "summit",
    "speech",
    "statement",
    "proposal",
    "resolution",
    "initiative",
    "policy",
    "regulation",
    "launch",
    "publication",
    "meeting",
]
Stance = Literal["supports", "mixed", "neutral", "skeptical", "opposes"]
# Source reliability on the Admiralty (NATO) scale: A is best; F means it cannot be judged.
Reliability = Literal["A", "B", "C", "D", "E", "F"]
GRADES: tuple[str, ...] = Reliability.__args__  # best first; F ("cannot be judged") ranks last in a filter
RELIABILITY_SCALE: dict[str, str] = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
STANCES: tuple[str, ...] = Stance.__args__
EVENT_TYPES: tuple[str, ...] = EventType.__args__


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


def _check_url(value: str | None) -> str | None:
    if value is not None and not _URL_RE.match(value):
        raise ValueError("only http:// and https:// links are allowed")
    return value


class Dated(Record):
    """A record with a date, its basis and the note that justifies it."""

    date: Date
    date_basis: DateBasis
    date_note: Text | None = None

    @model_validator(mode="after")
    def _note_needed(self):
        if self.date_basis is not DateBasis.STATED and not self.date_note:
            raise ValueError(f"date_note is required when date_basis is {self.date_basis.value}")
        return self


class Evidence(Record):
    source: Id
    quote: Text
    note: Text | None = None


class Source(Record):
    id: Id
    title: Text
    publisher: Text
    author: Text | None = None
    kind: SourceKind
    published: Date
    published_basis: DateBasis
    published_note: Text | None = None
    url: Text | None = None
    file: Text
    lines: tuple[StrictInt, StrictInt] | None = None  # strict: `true` or 1.0 is not a line number
    note: Text | None = None
    reliability: Reliability | None = None  # None: not graded
    reliability_reason: Text | None = None

    _url = field_validator("url")(_check_url)

    @field_validator("lines", mode="before")
    @classmethod
    def _two_lines(cls, value):
        # Said here once, rather than as pydantic's "Tuple should have at most 2 items".
        if isinstance(value, (list, tuple)) and len(value) != 2:
            raise ValueError(f"lines must be [first, last], not {len(value)} number(s)")
        return value

    @field_validator("lines")
    @classmethod
    def _lines_in_order(cls, value):
        if value is not None and not 1 <= value[0] <= value[1]:
            raise ValueError("lines must be [first, last] with 1 <= first <= last")
        return value

    @model_validator(mode="after")
    def _note_needed(self):
        if self.published_basis is not DateBasis.STATED and not self.published_note:
            raise ValueError("published_note is required unless published_basis is stated")
        return self

    @model_validator(mode="after")
    def _grade_with_reason(self):
        # A grade without its reason cannot be checked; a reason without a grade grades nothing.
        if (self.reliability is None) != (self.reliability_reason is None):
            raise ValueError("reliability and reliability_reason go together: give both or neither")
        return self


class Actor(Record):
    id: Id
    name: Text
    kind: ActorKind
    role: Text | None = None
    represents: Id | None = None
    note: Text | None = None


class Theme(Record):
    id: Id
    label: Text
    definition: Text


class Event(Dated):
    id: Id
    title: Text
    short_title: ShortText | None = None  # the chart's label; without it, the title cut short
    end: Date | None = None
    type: EventType
    location: Text | None = None
    actors: list[Id] = Field(min_length=1)
    themes: list[Id] = Field(default_factory=list)
    summary: Text
    evidence: list[Evidence] = Field(min_length=1)

    @model_validator(mode="after")
    def _end_after_start(self):
        if self.end is not None and self.end.last_day() < self.date.first_day():
            raise ValueError(f"end {self.end.iso()} is before date {self.date.iso()}")
        return self


class Position(Dated):
    id: Id
    actor: Id
    theme: Id
    proposition: Text
    stance: Stance
    event: Id | None = None
    evidence: list[Evidence] = Field(min_length=1)


class DisputeSubject(Record):
    event: Id | None = None
    position: Id | None = None
    source: Id | None = None
    field: Text

    @model_validator(mode="after")
    def _exactly_one(self):
        named = [k for k in ("event", "position", "source") if getattr(self, k)]
        if len(named) != 1:
            raise ValueError("about names exactly one of event, position or source")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in ("event", "position", "source") if getattr(self, k))

    @property
    def target(self) -> str:
        return getattr(self, self.kind)


class Claim(Record):
    value: Text
    source: Id | None = None
    quote: Text | None = None
    external: Text | None = None
    url: Text | None = None

    _url = field_validator("url")(_check_url)

    @model_validator(mode="after")
    def _sourced_or_external(self):
        if self.source and not self.quote:
            raise ValueError("a claim with a source needs its quote")
        if self.quote and not self.source:
            raise ValueError("a claim with a quote needs its source")
        if bool(self.source) == bool(self.external):
            raise ValueError("a claim has either source and quote, or external")
        return self


class Dispute(Record):
    id: Id
    about: DisputeSubject
    summary: Text
    claims: list[Claim] = Field(min_length=2)
    decision: Text


MODELS: dict[str, type[Record]] = {
    "sources": Source,
    "actors": Actor,
    "themes": Theme,
    "events": Event,
    "positions": Position,
    "disputes": Dispute,
}


class Dataset(BaseModel):
    """A whole validated dataset, with the texts of its sources."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    path: str
    sources: list[Source]
    actors: list[Actor]
    themes: list[Theme]
    events: list[Event]
    positions: list[Position]
    disputes: list[Dispute]
    texts: dict[str, str]  # source id -> the text quotes are checked against
