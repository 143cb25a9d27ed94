"""Links are shared and edited by hand: parse_query keeps what fits, drops the rest with a
notice, and never raises. A table of hostile links, then properties over arbitrary parameters."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import Precision
from timeline.loading.schema import GRADES, DateBasis
from timeline.state.fieldtypes import MAX_LIST_ITEMS, MAX_TEXT_CHARS
from timeline.state.filtering import Filters
from timeline.state.viewstate import (
    KNOWN_PARAMS,
    MAX_VALUE_CHARS,
    TIMELINE,
    KnownIds,
    ViewState,
    parse_query,
    query_params,
    view_params,
)
from timeline.vocab import DATE_BASES, PRECISIONS, VIEWS

KNOWN = KnownIds(
    actors=frozenset({"china", "li-qiang", "united-states"}),
    themes=frozenset({"cooperation", "open-sharing"}),
    types=frozenset({"proposal", "policy", "conference"}),
    sources=frozenset({"wire", "forum"}),
    events=frozenset({"li-proposes", "us-plan", "conference-2025"}),
    first_year=2023,
    last_year=2025,
)
DEFAULT = ViewState()


def parse_view_state(params, known):
    """The app-wide part of a link's state, and every notice about the link."""
    state, notices = parse_query(params, known)
    return state.timeline, notices


def to_query_params(state):
    return view_params(TIMELINE, state)


CASES = [
    # good links keep everything
    ({}, DEFAULT, []),
    ({"event": "us-plan", "source": "wire"}, ViewState(event="us-plan", source="wire"), []),
    ({"actor": "china,li-qiang", "from": "2024"}, ViewState(filters=Filters(year_from=2024, actors=frozenset({"china", "li-qiang"}))), []),
    ({"view": "sources", "lanes": "theme", "colour": "theme"}, ViewState(view="sources", lane_by="theme", colour_by="theme"), []),
    # unknown ids
    ({"event": "nope"}, DEFAULT, [r"^ignored event='nope': no such event in this dataset$"]),
    ({"source": "../../etc/passwd"}, DEFAULT, [r"ignored source='\.\./\.\./etc/passwd': no such source"]),
    ({"actor": "china,nope"}, ViewState(filters=Filters(actors=frozenset({"china"}))), [r"ignored unknown actor\(s\) in actor: 'nope'"]),
    ({"theme": "x,y"}, DEFAULT, [r"ignored unknown theme\(s\) in theme: 'x', 'y'"]),
    ({"type": "<script>alert(1)</script>"}, DEFAULT, [r"ignored unknown event type\(s\) in type: '<script>alert\(1\)</script>'"]),
    ({"src": "wire,,, ,"}, ViewState(filters=Filters(sources=frozenset({"wire"}))), []),
    # look-alike and oddly encoded ids are not the ids they look like
    ({"event": "US-PLAN"}, DEFAULT, [r"ignored event='US-PLAN'"]),
    ({"event": "us\u2010plan"}, DEFAULT, [r"ignored event='us‐plan'"]),
    ({"event": "us-plan\u202e"}, DEFAULT, [r"ignored event='us-plan\\u202e'"]),
    ({"event": "us-plan\x00"}, DEFAULT, [r"ignored event='us-plan\\x00'"]),
    ({"event": "%75s-plan"}, DEFAULT, [r"ignored event='%75s-plan'"]),
    ({"event": "\ufffd\ufffd"}, DEFAULT, [r"ignored event='\ufffd\ufffd'"]),
    # date basis and precision: known words only
    ({"basis": "inferred,external", "precision": "day"}, ViewState(filters=Filters(date_basis=frozenset({"inferred", "external"}), precision=frozenset({"day"}))), []),
    ({"basis": "guessed", "precision": "DAY,week"}, DEFAULT, [r"ignored unknown date basis\(s\) in basis: 'guessed'", r"ignored unknown date precision\(s\) in precision: 'DAY', 'week'"]),
    # malformed years
    ({"from": "abc"}, DEFAULT, [r"^ignored from='abc': not a year$"]),
    ({"from": "２０２４"}, DEFAULT, [r"ignored from='２０２４': not a year"]),
    ({"from": "-5"}, DEFAULT, [r"ignored from='-5': not a year"]),
    ({"from": "1e3"}, DEFAULT, [r"ignored from='1e3': not a year"]),
    ({"from": "20245"}, DEFAULT, [r"ignored from='20245': not a year"]),
    ({"from": " 2024"}, DEFAULT, [r"ignored from=' 2024': not a year"]),
    ({"from": "1900"}, ViewState(filters=Filters(year_from=2023)), [r"from=1900 is outside the data \(2023–2025\); used 2023"]),
    ({"to": "9999"}, ViewState(filters=Filters(year_to=2025)), [r"to=9999 is outside the data \(2023–2025\); used 2025"]),
    ({"from": "2025", "to": "2023"}, ViewState(filters=Filters(year_from=2023, year_to=2025)), [r"the year range 2025–2023 was reversed; swapped it"]),
    # choices
    ({"view": "admin"}, DEFAULT, [r"ignored view='admin': expected one of timeline, positions, sources, briefing"]),
    ({"lanes": "javascript:alert(1)"}, DEFAULT, [r"ignored lanes='javascript:alert\(1\)'"]),
    ({"colour": ":red[x]"}, DEFAULT, [r"ignored colour=':red\[x\]'"]),
    ({"positions": "yes"}, DEFAULT, [r"ignored positions='yes': expected 1 or 0"]),
    ({"slider": "true"}, DEFAULT, [r"ignored slider='true': expected 1 or 0"]),
    # the minimum reliability grade: a letter from A to F
    ({"grade": "B"}, ViewState(filters=Filters(min_grade="B")), []),
    ({"grade": "f"}, ViewState(filters=Filters(min_grade="F")), []),
    ({"grade": "G"}, DEFAULT, [r"^ignored grade='G': expected a grade from A to F$"]),
    ({"grade": "AB"}, DEFAULT, [r"ignored grade='AB'"]),
    ({"labels": "always"}, DEFAULT, [r"ignored labels='always': expected one of auto, on, off"]),
    ({"labels": "off"}, ViewState(labels="off"), []),
    # huge values
    ({"q": "x" * 300}, ViewState(filters=Filters(text="x" * MAX_TEXT_CHARS)), [r"search text cut to 200 characters"]),
    ({"event": "x" * (MAX_VALUE_CHARS + 1)}, DEFAULT, [r"^ignored link parameter 'event': value too long$"]),
    ({"actor": "china," * 300}, ViewState(filters=Filters(actors=frozenset({"china"}))), []),
    ({"actor": ",".join(f"a{i}" for i in range(400))}, DEFAULT, [r"ignored unknown actor\(s\) in actor: 'a0', 'a1', 'a2', 'a3', 'a4'$"]),
    # repeated parameters: the last one wins, and the user is told
    ({"event": ["li-proposes", "us-plan"]}, ViewState(event="us-plan"), [r"given more than once \(the last was used\): event"]),
    ({"event": []}, DEFAULT, []),
    # unknown parameters: one notice, however many
    ({"utm_source": "mail"}, DEFAULT, [r"^ignored unknown link parameter 'utm_source'$"]),
    ({f"p{i}": "1" for i in range(1000)}, DEFAULT, [r"^ignored unknown link parameters 'p0', 'p1', 'p2', 'p3', 'p4' and 995 more$"]),
    ({"<img src=x onerror=alert(1)>": "1"}, DEFAULT, [r"ignored unknown link parameter '<img src=x onerror=alert\(1\)>'"]),
    # values that are not text at all (a caller's mistake must not crash the page either)
    ({"event": None, "from": 2024, "q": 5}, ViewState(filters=Filters(year_from=2024, text="5")), [r"ignored event='None'"]),
]  # fmt: skip


@pytest.mark.parametrize(("params", "expected_state", "expected_notices"), CASES)
def test_hostile_links_are_parsed_into_what_fits(params, expected_state, expected_notices):
    state, notices = parse_view_state(params, KNOWN)
    assert state == expected_state
    assert len(notices) == len(expected_notices), notices
    for pattern, notice in zip(expected_notices, notices, strict=True):
        assert re.search(pattern, notice), (pattern, notice)


def test_a_list_is_cut_to_its_first_items():
    names = ["china"] + [f"x{i}" for i in range(MAX_LIST_ITEMS)] + ["li-qiang"]
    state, _ = parse_view_state({"actor": ",".join(names)}, KNOWN)
    assert state.filters.actors == {"china"}  # 'li-qiang' came after the first MAX_LIST_ITEMS


# ---- properties ---------------------------------------------------------------------------

ids = st.sampled_from(sorted(KNOWN.actors | KNOWN.themes | KNOWN.types | KNOWN.sources | KNOWN.events))
values = st.one_of(
    st.text(max_size=60),
    ids,
    st.lists(ids, max_size=4).map(",".join),
    st.integers(min_value=-10, max_value=100_000).map(str),
    st.text(alphabet="0123456789,-%<>\"'&;:[]$\\\x00\u202e", max_size=30),
)
params_strategy = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_PARAMS), st.text(max_size=20)),
    st.one_of(values, st.lists(values, max_size=3)),
    max_size=20,
)


@settings(max_examples=400, deadline=None)
@given(params=params_strategy)
def test_any_params_give_a_state_within_the_dataset(params):
    state, notices = parse_view_state(params, KNOWN)
    f = state.filters
    assert state.view in VIEWS
    assert state.event in KNOWN.events | {None}
    assert state.source in KNOWN.sources | {None}
    assert f.actors <= KNOWN.actors and f.themes <= KNOWN.themes
    assert f.types <= KNOWN.types and f.sources <= KNOWN.sources
    assert f.date_basis <= set(DATE_BASES) and f.precision <= set(PRECISIONS)
    years = [y for y in (f.year_from, f.year_to) if y is not None]
    assert all(KNOWN.first_year <= y <= KNOWN.last_year for y in years)
    assert years == sorted(years)
    assert len(f.text) <= MAX_TEXT_CHARS
    assert f.min_grade in (None, *GRADES)
    assert all(isinstance(n, str) and len(n) < 1_000 for n in notices)
    # Bounded, however long the link: one per parameter, plus unknown, repeated, two swaps, picks' second.
    assert len(notices) <= len(KNOWN_PARAMS) + 5


states = st.builds(
    ViewState,
    view=st.sampled_from(VIEWS),
    filters=st.builds(
        Filters,
        year_from=st.one_of(st.none(), st.just(2023)),
        year_to=st.one_of(st.none(), st.integers(2024, 2025)),
        actors=st.frozensets(st.sampled_from(sorted(KNOWN.actors))),
        themes=st.frozensets(st.sampled_from(sorted(KNOWN.themes))),
        types=st.frozensets(st.sampled_from(sorted(KNOWN.types))),
        sources=st.frozensets(st.sampled_from(sorted(KNOWN.sources))),
        date_basis=st.frozensets(st.sampled_from(DATE_BASES)),
        precision=st.frozensets(st.sampled_from(PRECISIONS)),
        text=st.text(max_size=MAX_TEXT_CHARS).map(str.strip),
        min_grade=st.one_of(st.none(), st.sampled_from(GRADES)),
    ),
    lane_by=st.sampled_from(("actor", "theme")),
    colour_by=st.sampled_from(("type", "theme")),
    event=st.one_of(st.none(), st.sampled_from(sorted(KNOWN.events))),
    source=st.one_of(st.none(), st.sampled_from(sorted(KNOWN.sources))),
    show_positions=st.booleans(),
    range_slider=st.booleans(),
    labels=st.sampled_from(("auto", "on", "off")),
)


@settings(max_examples=300, deadline=None)
@given(state=states)
def test_a_view_survives_the_round_trip_through_its_link(state):
    assert parse_view_state(to_query_params(state), KNOWN) == (state, [])


# ---- the whole app's state, from a query string ---------------------------------------------------


def test_a_query_string_is_read_like_the_mapping_of_its_values():
    query = "?actor=china&from=2024&actor=li-qiang&view=briefing&slide=2&picks=us-plan&q=open+sharing"
    mapping = {"actor": ["china", "li-qiang"], "from": ["2024"], "view": ["briefing"], "slide": ["2"],
               "picks": ["us-plan"], "q": ["open sharing"]}  # fmt: skip
    state, notices = parse_query(query, KNOWN)
    assert (state, notices) == parse_query(mapping, KNOWN)
    assert state.timeline.filters == Filters(year_from=2024, actors=frozenset({"li-qiang"}), text="open sharing")
    assert (state.timeline.view, state.briefing.slide, state.briefing.picks) == ("briefing", 2, ("us-plan",))
    assert notices == ["link parameters given more than once (the last was used): actor"]


def test_the_link_of_an_app_state_holds_the_open_views_own_part_only():
    state, _ = parse_query("view=briefing&slide=3&actor=china&asof=2024-01-01", KNOWN)
    assert query_params(state) == {"view": "briefing", "actor": "china", "slide": "3"}
    on_timeline = replace(state, timeline=replace(state.timeline, view="timeline"))
    assert query_params(on_timeline) == {"actor": "china"}


def test_the_filter_vocabulary_is_the_schemas():
    assert DATE_BASES == tuple(DateBasis) and PRECISIONS == tuple(Precision)
