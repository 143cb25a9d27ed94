"""The event view-model: Frames lookups, one citation format, and disputes and grades in every export."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest
from pptx import Presentation

from tests.conftest import write_dataset
from timeline.exports.pptx import deck_pptx
from timeline.exports.tables import citations_markdown, citations_text, events_to_csv, events_to_json, timeline_html
from timeline.loading.frames import Frames, build_frames
from timeline.loading.load import load_dataset
from timeline.present.briefing import build_deck
from timeline.present.views import HTML, MARKDOWN, PLAIN, SourceRef, Views
from timeline.timelinejs.export import timelinejs_document

DISPUTE_SUMMARY = "Which day the plan came out"
DECISION = "Both agree; recorded as 23 July 2025."


@pytest.fixture
def frames(tmp_path) -> Frames:
    return build_frames(load_dataset(write_dataset(tmp_path)))


@pytest.fixture
def graded(frames) -> Frames:
    """The frames as the reliability grades will give them: two more columns in sources."""
    sources = frames.sources.assign(reliability=["B", None], reliability_reason=["a wire with a record", None])
    return dataclasses.replace(frames, sources=sources)


def ref(**changes) -> SourceRef:
    fields = dict(
        id="s", title="A title", publisher="Pub", author="Ann Author", kind="news",
        published_label="4 July 2024", published_iso="2024-07-04", url="https://example.org/a",
    )  # fmt: skip
    return SourceRef(**(fields | changes))


# ---- lookups ------------------------------------------------------------------------------------


def test_frames_look_up_names_records_evidence_and_disputes(frames):
    assert frames.actor_names["li-qiang"] == "Li Qiang"
    assert frames.theme_labels["cooperation"] == "International cooperation"
    assert frames.event("us-plan")["title"] == "US releases AI blueprint"
    assert list(frames.evidence_of("event", "us-plan")["quote"]) == ["on Wednesday released an AI blueprint"]
    assert list(frames.disputes_about("event", "us-plan")["id"]) == ["plan-date"]
    assert frames.disputes_about("event", "li-proposes").empty and frames.evidence_of("event", "nope").empty
    assert [r["id"] for r in frames.records_of("positions", "event")["li-proposes"]] == ["china-open-sharing"]
    assert [r["quote"] for r in frames.records_of("evidence", "owner_kind", "owner_id")[("event", "us-plan")]] == [
        "on Wednesday released an AI blueprint"
    ]


def test_an_event_view_holds_its_date_people_quotes_positions_and_disputes(frames):
    event = Views(frames).event("us-plan")
    assert event.date.text == "23 July 2025 · precision: day · date inferred from the source"
    assert [a.name for a in event.actors] == ["United States"]
    assert [q.source.id for q in event.quotes] == ["wire"]
    (dispute,) = event.disputes
    assert (dispute.field, dispute.summary, dispute.decision) == ("date", DISPUTE_SUMMARY, DECISION)
    assert [c.source.id if c.source else c.external for c in dispute.claims] == [
        "wire",
        "The White House, 23 July 2025",
    ]
    li = Views(frames).event("li-proposes")
    assert [(a.name, a.role) for a in li.actors] == [("Li Qiang", "Premier"), ("China", None)]
    assert [p.actor.name for p in li.positions] == ["China"]


# ---- one citation format --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # an author and a URL
        ({}, "Ann Author, Pub, “A title”, news, 4 July 2024. https://example.org/a"),
        # nobody could name the author: left out; nor the publisher: said so
        ({"author": "unidentified"}, "Pub, “A title”, news, 4 July 2024. https://example.org/a"),
        ({"author": None, "publisher": "unidentified"}, "unidentified publisher, “A title”, news, 4 July 2024. https://example.org/a"),
        # no link without a URL; a grade and its reason before the URL
        ({"url": None, "author": None}, "Pub, “A title”, news, 4 July 2024."),
        ({"author": None, "reliability": "B", "reliability_reason": "a wire"}, "Pub, “A title”, news, 4 July 2024 — reliability B (usually reliable): a wire. https://example.org/a"),
    ],
)  # fmt: skip
def test_the_one_citation_format(changes, expected):
    assert ref(**changes).citation() == expected


def test_markdown_and_html_citations_say_the_same_with_the_title_linked():
    source = ref(title="A [title] <b>")
    assert source.citation(MARKDOWN) == (
        "Ann Author, *Pub*, [“A \\[title\\] \\<b\\>”](<https://example.org/a>), news, 4 July 2024."
    )
    assert source.citation(HTML) == (
        'Ann Author, Pub, <a href="https://example.org/a" rel="noreferrer">“A [title] &lt;b&gt;”</a>, news, 4 July 2024.'
    )
    assert source.citation(PLAIN).startswith("Ann Author, Pub, “A [title] <b>”")


# ---- disputes in every export ----------------------------------------------------------------------


def test_a_dispute_reads_as_one_line_with_each_side_and_the_decision(frames):
    (dispute,) = Views(frames).event("us-plan").disputes
    assert dispute.text() == (
        "Disputed date: Which day the plan came out. Sides: "
        "2025-07-23: “on Wednesday released” (Test Wire, “China proposes an AI organisation”, news, "
        "26 July 2025. https://example.org/wire); "
        "2025-07-23: public record: The White House, 23 July 2025 https://example.org/plan. "
        "Decision: Both agree; recorded as 23 July 2025."
    )


def test_csv_has_a_disputes_column(frames):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(events_to_csv(frames, frames.events).decode("utf-8-sig")))}
    assert DISPUTE_SUMMARY in rows["us-plan"]["disputes"] and DECISION in rows["us-plan"]["disputes"]
    assert "public record: The White House, 23 July 2025 https://example.org/plan" in rows["us-plan"]["disputes"]
    assert rows["li-proposes"]["disputes"] == ""


def test_json_has_a_list_of_disputes_with_each_side(frames):
    events = {e["id"]: e for e in json.loads(events_to_json(frames, frames.events))["events"]}
    (dispute,) = events["us-plan"]["disputes"]
    assert dispute["summary"] == DISPUTE_SUMMARY and dispute["decision"] == DECISION
    assert dispute["claims"][0]["quote"] == "on Wednesday released" and dispute["claims"][0]["source"] == "wire"
    assert dispute["claims"][1] == {
        "value": "2025-07-23",
        "external": "The White House, 23 July 2025",
        "url": "https://example.org/plan",
    }
    assert events["li-proposes"]["disputes"] == []


def test_the_offline_html_has_a_dispute_section(frames):
    page = timeline_html(frames, frames.events, None)
    article = page[page.index('id="event-us-plan"') :].split("</article>")[0]
    assert '<section class="dispute"><p><strong>Disputed date:</strong> Which day the plan came out</p>' in article
    assert "<strong>Decision:</strong> Both agree; recorded as 23 July 2025.</p></section>" in article
    assert page.count('<section class="dispute">') == 1


@pytest.mark.parametrize("make", [citations_text, citations_markdown], ids=["text", "markdown"])
def test_citations_have_a_dispute_line(frames, make):
    block = make(frames, frames.events)
    (line,) = [line for line in block.splitlines() if "Disputed date" in line]
    assert "Which day the plan came out" in line and "Decision" in line and "recorded as 23 July 2025" in line


def test_each_powerpoint_slide_notes_its_disputes(frames):
    prs = Presentation(io.BytesIO(deck_pptx(build_deck(frames, frames.events))))
    notes = [slide.notes_slide.notes_text_frame.text for slide in prs.slides]
    disputed = [n for n in notes if "Disputed date" in n]
    assert len(disputed) == 1 and DECISION in disputed[0] and "The US administration" in disputed[0]


def test_timelinejs_keeps_its_disputes(frames):
    slides = {s["unique_id"]: s for s in timelinejs_document(frames)["events"]}
    assert "<strong>Disputed date:</strong>" in slides["us-plan"]["text"]["text"]


# ---- reliability grades, when the data has them ---------------------------------------------------


def test_a_graded_source_shows_its_grade_in_every_export(graded):
    assert (
        Views(graded)
        .source("wire")
        .citation()
        .endswith("26 July 2025 — reliability B (usually reliable): a wire with a record. https://example.org/wire")
    )
    document = json.loads(events_to_json(graded, graded.events))
    wire = next(s for s in document["sources"] if s["id"] == "wire")
    assert (wire["reliability"], wire["reliability_reason"]) == ("B", "a wire with a record")
    forum = next(s for s in document["sources"] if s["id"] == "forum")
    assert "reliability" not in forum and "reliability" not in forum["reference"]
    csv_text = events_to_csv(graded, graded.events).decode("utf-8-sig")
    assert "reliability B (usually reliable): a wire with a record" in csv_text
    assert "reliability B (usually reliable): a wire with a record" in timeline_html(graded, graded.events, None)
    assert "reliability B (usually reliable): a wire with a record" in citations_text(graded, graded.events)


def test_sources_without_grades_cite_no_reliability(frames):
    assert "reliability" not in events_to_csv(frames, frames.events).decode("utf-8-sig")
    assert "reliability" not in events_to_json(frames, frames.events)
    assert Views(frames).source("wire").reliability is None
