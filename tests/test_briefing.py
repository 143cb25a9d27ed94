"""Briefing mode's slide model: the link's slide and picks, the deck, key quotes, the strip."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

from components.briefing import slide_html
from tests.conftest import GOOD_YAML, SOURCE_TEXT, write_dataset
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.present.briefing import build_deck, clamp_slide, deck_events, strip_html, strip_positions
from timeline.state.fieldtypes import ALL_SLIDES
from timeline.state.filtering import Filters, filter_events
from timeline.state.viewstate import (
    BRIEFING,
    KNOWN_PARAMS,
    MAX_VALUE_CHARS,
    BriefingState,
    KnownIds,
    parse_query,
    view_params,
)
from timeline.vocab import P_PICKS, P_SLIDE

KNOWN = frozenset({"li-proposes", "us-plan", "conference-2025", "forum-2024"})


def parse_briefing_params(params, known_events):
    """The briefing's part of a link, and every notice about the link."""
    empty = frozenset()
    known = KnownIds(empty, empty, empty, empty, frozenset(known_events), 2023, 2025)
    state, notices = parse_query(params, known)
    return state.briefing, notices


def to_briefing_params(state):
    return view_params(BRIEFING, state)


# A second, official source quoting the US plan: it should become that event's key quote.
OFFICIAL = """\
  - id: gov
    title: The plan
    publisher: The Government
    kind: official
    published: 2025-07-23
    published_basis: stated
    url: https://example.gov/plan
    file: sources/gov.txt
"""


@pytest.fixture
def frames(tmp_path):
    yaml_text = GOOD_YAML.replace("sources:\n", "sources:\n" + OFFICIAL, 1).replace(
        '{source: wire, quote: "on Wednesday released an AI blueprint"}',
        '{source: wire, quote: "on Wednesday released an AI blueprint"}\n'
        '      - {source: gov, quote: "We hereby release <America’s> AI Action Plan"}',
    )
    path = write_dataset(
        tmp_path, yaml_text, {"wire.txt": SOURCE_TEXT, "gov.txt": "We hereby release <America’s> AI Action Plan.\n"}
    )
    return build_frames(load_dataset(path))


@pytest.fixture
def shown(frames):
    return filter_events(frames, Filters())


# ---- the link --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "expected", "notice"),
    [
        # defaults
        ({}, BriefingState(), None),
        ({P_SLIDE: ""}, BriefingState(), None),
        # a slide number, or "all" for the print-all rendering
        ({P_SLIDE: "3"}, BriefingState(slide=3), None),
        ({P_SLIDE: ["2", "4"]}, BriefingState(slide=4), "link parameters given more than once"),
        ({P_SLIDE: "all"}, BriefingState(print_all=True), None),
        ({P_SLIDE: "ALL"}, BriefingState(print_all=True), None),
        # malformed slide numbers are dropped with a notice
        ({P_SLIDE: "0"}, BriefingState(), "ignored slide='0'"),
        ({P_SLIDE: "-2"}, BriefingState(), "ignored slide='-2'"),
        ({P_SLIDE: "two"}, BriefingState(), "ignored slide='two'"),
        ({P_SLIDE: "99999"}, BriefingState(), "ignored slide='99999'"),
        ({P_SLIDE: "³"}, BriefingState(), "ignored slide='³'"),
        # picks keep their order, drop duplicates, blanks and unknown ids
        ({P_PICKS: "us-plan,li-proposes"}, BriefingState(picks=("us-plan", "li-proposes")), None),
        ({P_PICKS: " us-plan , ,us-plan,"}, BriefingState(picks=("us-plan",)), None),
        ({P_PICKS: "us-plan,nope"}, BriefingState(picks=("us-plan",)), "ignored unknown event(s) in picks: 'nope'"),
        ({P_PICKS: "<script>"}, BriefingState(), "ignored unknown event(s) in picks: '<script>'"),
        ({P_PICKS: "x" * (MAX_VALUE_CHARS + 1)}, BriefingState(), "ignored link parameter 'picks': value too long"),
        # other parameters are not the briefing's business
        ({"view": "briefing", "q": "x"}, BriefingState(), None),
    ],
)
def test_parse_briefing_params(params, expected, notice):
    state, notices = parse_briefing_params(params, KNOWN)
    assert state == expected
    if notice is None:
        assert notices == []
    else:
        assert any(n.startswith(notice) for n in notices), notices


def test_parse_never_raises_on_odd_values():
    for value in [None, 3, ["a"], [], "\x00", "1" * 10_000, ",,,", "all,1"]:
        parse_briefing_params({P_SLIDE: value, P_PICKS: value}, KNOWN)


def test_parse_keeps_at_most_max_picks():
    known = frozenset(f"e{i}" for i in range(300))
    state, notices = parse_briefing_params({P_PICKS: ",".join(f"e{i}" for i in range(300))}, known)
    assert len(state.picks) == 200 and state.picks[:2] == ("e0", "e1")
    assert "kept the first 200 picked events" in notices


@pytest.mark.parametrize(
    "state",
    [
        BriefingState(),
        BriefingState(slide=7),
        BriefingState(print_all=True),
        BriefingState(slide=2, picks=("forum-2024", "li-proposes")),
    ],
)
def test_params_round_trip(state):
    params = to_briefing_params(state)
    assert set(params) <= set(KNOWN_PARAMS)
    assert parse_briefing_params(params, KNOWN) == (state, [])


def test_default_state_writes_no_params():
    assert to_briefing_params(BriefingState()) == {}
    assert to_briefing_params(BriefingState(print_all=True)) == {P_SLIDE: ALL_SLIDES}


@pytest.mark.parametrize(("number", "total", "expected"), [(1, 5, 1), (0, 5, 1), (-3, 5, 1), (9, 5, 5), (3, 0, 1)])
def test_clamp_slide(number, total, expected):
    assert clamp_slide(number, total) == expected


# ---- the deck ----------------------------------------------------------------------------------


def test_deck_is_the_shown_events_in_date_order(frames, shown):
    deck = build_deck(frames, shown)
    assert [s.event_id for s in deck.slides] == ["forum-2024", "conference-2025", "us-plan", "li-proposes"]
    assert [s.counter for s in deck.slides] == ["1 / 4", "2 / 4", "3 / 4", "4 / 4"]
    assert (deck.first_year, deck.last_year) == (2024, 2025)


def test_deck_follows_the_filters(frames):
    shown = filter_events(frames, Filters(actors=frozenset({"china"})))
    assert [s.event_id for s in build_deck(frames, shown).slides] == ["conference-2025", "li-proposes"]


def test_picks_override_the_filters_and_keep_their_order(frames):
    shown = filter_events(frames, Filters(actors=frozenset({"china"})))
    deck = build_deck(frames, shown, ("li-proposes", "forum-2024", "gone"))
    assert [s.event_id for s in deck.slides] == ["li-proposes", "forum-2024"]
    assert deck.slides[1].counter == "2 / 2"
    assert list(deck_events(frames, shown, ())["id"]) == list(shown["id"])


def test_empty_deck(frames):
    deck = build_deck(frames, frames.events.iloc[0:0])
    assert len(deck) == 0 and deck.first_year is None
    assert strip_html(deck, 1) == ""


def test_slide_clamps_its_number(frames, shown):
    deck = build_deck(frames, shown)
    assert deck.slide(0).number == 1 and deck.slide(99).number == 4


def test_date_text_says_the_precision(frames, shown):
    slides = {s.event_id: s for s in build_deck(frames, shown).slides}
    assert slides["li-proposes"].date_text == "26 July 2025"
    assert slides["forum-2024"].date_text == "2024 (known to the year)"
    assert slides["conference-2025"].date_text.endswith("(known to the month)")


def test_key_quote_prefers_the_most_direct_source(frames, shown):
    slides = {s.event_id: s for s in build_deck(frames, shown).slides}
    plan = slides["us-plan"]
    assert plan.quote.source_id == "gov" and plan.quote.text == "We hereby release <America’s> AI Action Plan"
    assert plan.quote.attribution == "The Government, 23 July 2025"
    assert plan.quote.url == "https://example.gov/plan"
    assert [q.source_id for q in plan.other_quotes] == ["wire"]
    # with one source kind, the first quote listed
    assert slides["li-proposes"].quote.text == "China said on Saturday it wanted to create an organisation"
    assert slides["forum-2024"].quote.reference.startswith("Test Forum, “[Forum comment]”, forum, July 2025.")


# ---- the strip and the slide's HTML ----------------------------------------------------------------


def test_strip_positions_run_from_the_first_to_the_last_date(frames, shown):
    positions = strip_positions(shown)
    assert all(0 <= p <= 1 for p in positions)
    assert positions == sorted(positions)
    assert strip_positions(shown.iloc[[0]]) == [pytest.approx(0.5, abs=0.01)]  # the middle of its year


def test_strip_highlights_only_the_current_slide(frames, shown):
    deck = build_deck(frames, shown)
    strip = strip_html(deck, 3)
    assert strip.count('class="strip-dot current"') == 1
    assert strip.count('class="strip-dot') == 4
    assert 'title="3 / 4: US releases AI blueprint"' in strip
    assert "2024" in strip and "2025" in strip


def test_strip_names_the_current_slide_by_its_short_title(frames, shown):
    deck = build_deck(frames, shown)
    strip = strip_html(deck, 3)
    assert strip.count('class="strip-label') == 1
    assert re.search(r'<span class="strip-label[^"]*" style="left: [\d.]+%">US releases AI blueprint</span>', strip)
    assert 'aria-label="Event 3 / 4 on the timeline, US releases AI blueprint, 2024 to 2025"' in strip
    first = strip_html(deck, 1)
    assert f">{html.escape(deck.slide(1).label)}</span>" in first


def test_strip_label_escapes_the_data(frames, shown):
    deck = build_deck(frames, shown)
    hostile = dataclasses.replace(deck.slides[0], label="<img src=x onerror=alert(1)>")
    strip = strip_html(dataclasses.replace(deck, slides=(hostile, *deck.slides[1:])), 1)
    assert "<img" not in strip and "&lt;img src=x onerror=alert(1)&gt;" in strip


def test_slide_html_escapes_the_data(frames, shown):
    deck = build_deck(frames, shown)
    text = slide_html(deck, 3)
    assert '<h2 class="briefing-title">US releases AI blueprint</h2>' in text
    assert "“We hereby release &lt;America’s&gt; AI Action Plan”" in text
    assert '<a href="https://example.gov/plan"' in text
    assert "3 / 4" in text
    assert "<America" not in text
