"""The stance rules: as-of resolution, partial dates, ties, supersession, changes, links."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tests.positions_data import write_rich_dataset
from timeline.dates import parse_partial_date
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.loading.schema import STANCES
from timeline.positions.stances import (
    APPEARED,
    CHANGED,
    NO_POSITION_COLOUR,
    STANCE_COLOURS,
    STANCE_GLYPHS,
    SUPERSEDED,
    cell_history,
    cell_key,
    default_comparison,
    event_last_days,
    matrix_axes,
    position_chronology,
    split_cell_key,
    stance_changes,
    stance_label,
    stance_matrix,
    stances_as_of,
)
from timeline.state.filtering import Filters, filter_positions
from timeline.state.viewstate import MAX_VALUE_CHARS, POSITIONS, KnownIds, PositionsState, parse_query, view_params

D = dt.date


def make_positions(*rows: tuple) -> pd.DataFrame:
    """A positions frame as frames.py builds it, from (id, actor, theme, stance, date[, event]) rows."""
    dates = [parse_partial_date(row[4]) for row in rows]
    first = np.array([d.first_day() for d in dates], dtype="datetime64[D]")
    return pd.DataFrame(
        {
            "id": [r[0] for r in rows],
            "actor": [r[1] for r in rows],
            "theme": [r[2] for r in rows],
            "proposition": [f"proposition of {r[0]}" for r in rows],
            "stance": [r[3] for r in rows],
            "start": pd.Series(first, dtype="datetime64[s]"),
            "precision": [d.precision.value for d in dates],
            "date_label": [d.label() for d in dates],
            "date_iso": [d.iso() for d in dates],
            "event": [r[5] if len(r) > 5 else None for r in rows],
        }
    )


def current(positions: pd.DataFrame, day: dt.date) -> dict[tuple[str, str], str]:
    table = stances_as_of(position_chronology(positions), day)
    return {(a, t): i for a, t, i in zip(table["actor"], table["theme"], table["id"], strict=True)}


@pytest.fixture(scope="module")
def frames(tmp_path_factory):
    return build_frames(load_dataset(write_rich_dataset(tmp_path_factory.mktemp("rich"))))


@pytest.fixture(scope="module")
def chronology(frames):
    return position_chronology(frames.positions)


# --- Chronology: the first and last day a date could be, and the order ---------------------


@pytest.mark.parametrize(
    ("written", "first", "last"),
    [
        ("2025-07-26", D(2025, 7, 26), D(2025, 7, 26)),
        ("2025-07", D(2025, 7, 1), D(2025, 7, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),  # a leap year's February
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2025", D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_chronology_knows_the_period_a_partial_date_covers(written, first, last):
    table = position_chronology(make_positions(("p", "a", "t", "supports", written)))
    assert table["first_day"][0].date() == first
    assert table["last_day"][0].date() == last


def test_chronology_orders_by_first_day_then_last_day_then_file_order():
    positions = make_positions(
        ("late", "a", "t", "supports", "2025-03-01"),
        ("year", "a", "t", "supports", "2025"),  # same first day as 'day', but may be later
        ("day", "a", "t", "supports", "2025-01-01"),
        ("tie-1", "a", "t", "supports", "2025-02-02"),
        ("tie-2", "a", "t", "supports", "2025-02-02"),
    )
    assert list(position_chronology(positions)["id"]) == ["day", "year", "tie-1", "tie-2", "late"]


def test_chronology_of_no_positions_is_empty():
    assert position_chronology(make_positions()).empty


# --- As of a date -------------------------------------------------------------------------


def test_a_position_counts_from_its_own_day_inclusive():
    positions = make_positions(("p", "china", "coop", "supports", "2025-07-26"))
    assert current(positions, D(2025, 7, 25)) == {}
    assert current(positions, D(2025, 7, 26)) == {("china", "coop"): "p"}


@pytest.mark.parametrize(
    ("written", "day", "counts", "uncertain"),
    [
        # A month: from its first day, uncertain until its last day.
        ("2025-07", D(2025, 6, 30), False, None),
        ("2025-07", D(2025, 7, 1), True, True),
        ("2025-07", D(2025, 7, 30), True, True),
        ("2025-07", D(2025, 7, 31), True, False),
        # A year: from 1 January, uncertain until 31 December.
        ("2025", D(2024, 12, 31), False, None),
        ("2025", D(2025, 1, 1), True, True),
        ("2025", D(2025, 12, 31), True, False),
        # A day is never uncertain.
        ("2025-07-26", D(2025, 7, 26), True, False),
    ],
)
def test_a_partial_date_counts_from_its_first_possible_day_flagged_uncertain(written, day, counts, uncertain):
    table = stances_as_of(position_chronology(make_positions(("p", "a", "t", "neutral", written))), day)
    assert (len(table) == 1) is counts
    if counts:
        assert bool(table["uncertain"][0]) is uncertain


def test_a_later_position_on_the_theme_supersedes_whatever_its_proposition():
    positions = make_positions(
        ("old", "china", "coop", "supports", "2024-07-04"),
        ("other-theme", "china", "safety", "supports", "2024-07-04"),
        ("new", "china", "coop", "opposes", "2025-07-26"),
    )
    assert current(positions, D(2025, 1, 1)) == {("china", "coop"): "old", ("china", "safety"): "other-theme"}
    assert current(positions, D(2025, 7, 26)) == {("china", "coop"): "new", ("china", "safety"): "other-theme"}
    table = stances_as_of(position_chronology(positions), D(2025, 7, 26)).set_index("id")
    assert table.loc["new", "earlier"] == 1


def test_actors_are_not_merged_with_those_they_represent(chronology):
    # Li Qiang represents China, but his words stay in his own row.
    table = stances_as_of(chronology, D(2025, 12, 31))
    assert set(table.loc[table["actor"] == "li-qiang", "theme"]) == {"safety"}
    assert "safety" not in set(table.loc[table["actor"] == "china", "theme"])


def test_a_tie_on_one_date_shows_the_last_in_the_file_and_lists_the_others():
    positions = make_positions(
        ("before", "us", "open", "supports", "2024-01-01"),
        ("tie-a", "us", "open", "mixed", "2025-07-26"),
        ("tie-b", "us", "open", "opposes", "2025-07-26"),
    )
    table = stances_as_of(position_chronology(positions), D(2025, 7, 26))
    row = table.iloc[0]
    assert (row["id"], row["stance"], row["tied"], row["earlier"]) == ("tie-b", "opposes", ("tie-a",), 1)


def test_a_year_and_its_first_day_are_not_a_tie():
    positions = make_positions(("year", "a", "t", "mixed", "2025"), ("day", "a", "t", "supports", "2025-01-01"))
    row = stances_as_of(position_chronology(positions), D(2025, 12, 31)).iloc[0]
    # "2025" may be as late as 31 December, so it comes after "2025-01-01".
    assert (row["id"], row["tied"]) == ("year", ())


def test_the_rich_fixture_as_of_two_dates(chronology):
    assert current_ids(chronology, D(2024, 7, 31)) == {
        "china.cooperation": "china-coop-2024",
        "li-qiang.safety": "li-safety-2024",
        "united-states.cooperation": "us-coop-2024",
    }
    assert current_ids(chronology, D(2025, 7, 31)) == {
        "china.cooperation": "china-coop-2025",
        "china.open-sharing": "china-open-2025",
        "li-qiang.safety": "li-safety-2024",
        "united-states.cooperation": "us-coop-2025",
        "united-states.open-sharing": "us-open-2025-b",
        "eu.cooperation": "eu-coop-2025",
        "reader.cooperation": "reader-coop-2025",
    }


def current_ids(chronology, day) -> dict[str, str]:
    table = stances_as_of(chronology, day)
    return {cell_key(a, t): i for a, t, i in zip(table["actor"], table["theme"], table["id"], strict=True)}


# --- The matrix ---------------------------------------------------------------------------


def test_matrix_axes_are_actors_and_themes_with_positions_in_file_order(frames):
    actors, themes = matrix_axes(frames)
    assert actors == ["china", "li-qiang", "united-states", "eu", "reader"]  # not 'nobody'
    assert themes == ["cooperation", "open-sharing", "safety"]  # not 'unused'


def test_matrix_has_every_cell_in_order_with_none_for_no_position(frames, chronology):
    actors, themes = matrix_axes(frames)
    matrix = stance_matrix(chronology, D(2024, 7, 15), actors, themes)
    assert list(matrix["cell"]) == [cell_key(a, t) for a in actors for t in themes]
    filled = matrix[matrix["id"].notna()]
    assert dict(zip(filled["cell"], filled["stance"], strict=True)) == {
        "china.cooperation": "supports",
        "li-qiang.safety": "supports",
        "united-states.cooperation": "skeptical",
    }
    empty = matrix[matrix["id"].isna()].iloc[0]
    assert empty["id"] is None and empty["stance"] is None and empty["tied"] == () and not empty["uncertain"]
    # Li Qiang's "July 2024" may postdate 15 July 2024.
    assert matrix.set_index("cell").loc["li-qiang.safety", "uncertain"]


def test_matrix_before_any_position_is_all_empty(frames, chronology):
    actors, themes = matrix_axes(frames)
    matrix = stance_matrix(chronology, D(2000, 1, 1), actors, themes)
    assert len(matrix) == len(actors) * len(themes)
    assert matrix["id"].isna().all()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("china.cooperation", ("china", "cooperation")),
        ("united-states.open-sharing", ("united-states", "open-sharing")),
        ("china", None),
        ("a.b.c", None),
        (".theme", None),
        ("actor.", None),
        ("", None),
        (None, None),
        (42, None),
    ],
)
def test_split_cell_key(key, expected):
    assert split_cell_key(key) == expected


# --- Supersession and a cell's history ---------------------------------------------------


def test_cell_history_is_oldest_first_with_successors(chronology):
    history = cell_history(chronology, "united-states", "cooperation")
    assert list(history["id"]) == ["us-coop-2024", "us-coop-2025"]
    assert list(history["superseded_by"]) == ["us-coop-2025", None]
    assert cell_history(chronology, "eu", "safety").empty


# --- What changed -------------------------------------------------------------------------


def test_changes_between_the_two_waic_rounds(chronology):
    changes = stance_changes(chronology, D(2024, 7, 31), D(2025, 7, 31))
    rows = {
        cell_key(a, t): (kind, before, after, between)
        for a, t, kind, before, after, between in zip(
            changes["actor"],
            changes["theme"],
            changes["kind"],
            changes["before"],
            changes["after"],
            changes["between"],
            strict=True,
        )
    }
    assert rows == {
        "china.cooperation": (SUPERSEDED, "china-coop-2024", "china-coop-2025", ()),
        "china.open-sharing": (APPEARED, None, "china-open-2025", ()),
        "united-states.cooperation": (CHANGED, "us-coop-2024", "us-coop-2025", ()),
        "united-states.open-sharing": (APPEARED, None, "us-open-2025-b", ("us-open-2025-a",)),
        "eu.cooperation": (APPEARED, None, "eu-coop-2025", ()),
        "reader.cooperation": (APPEARED, None, "reader-coop-2025", ()),
    }
    # Li Qiang's safety position did not change: it is not listed.
    assert "li-qiang" not in set(changes["actor"])
    # Grouped by actor in file order (China, United States, EU, reader), then theme.
    assert list(dict.fromkeys(changes["actor"])) == ["china", "united-states", "eu", "reader"]


def test_changes_flag_a_partial_date_that_may_postdate_the_second_date(chronology):
    changes = stance_changes(chronology, D(2024, 7, 31), D(2025, 7, 26)).set_index("after")
    assert changes.loc["reader-coop-2025", "uncertain"]  # "July 2025" may be after the 26th
    assert changes.loc["eu-coop-2025", "uncertain"]  # "2025" too
    assert not changes.loc["china-open-2025", "uncertain"]


def test_changes_window_excludes_the_first_date_and_includes_the_second():
    positions = make_positions(("a", "x", "t", "supports", "2025-01-10"), ("b", "x", "t", "opposes", "2025-01-20"))
    assert stance_changes(position_chronology(positions), D(2025, 1, 10), D(2025, 1, 20))["after"].tolist() == ["b"]
    assert stance_changes(position_chronology(positions), D(2025, 1, 10), D(2025, 1, 19)).empty
    first = stance_changes(position_chronology(positions), D(2025, 1, 9), D(2025, 1, 10))
    assert first[["kind", "after"]].values.tolist() == [[APPEARED, "a"]]


def test_changes_with_reversed_dates_are_the_same_and_equal_dates_are_none(chronology):
    forward = stance_changes(chronology, D(2024, 7, 31), D(2025, 7, 31))
    backward = stance_changes(chronology, D(2025, 7, 31), D(2024, 7, 31))
    pd.testing.assert_frame_equal(forward, backward)
    assert stance_changes(chronology, D(2025, 7, 31), D(2025, 7, 31)).empty


def test_a_stance_that_changed_and_changed_back_is_superseded_with_the_middle_between():
    positions = make_positions(
        ("one", "x", "t", "supports", "2024-01-01"),
        ("two", "x", "t", "opposes", "2024-06-01"),
        ("three", "x", "t", "supports", "2024-09-01"),
    )
    row = stance_changes(position_chronology(positions), D(2024, 2, 1), D(2024, 12, 1)).iloc[0]
    assert (row["kind"], row["before"], row["after"], row["between"]) == (SUPERSEDED, "one", "three", ("two",))


def test_no_changes_frame_has_the_columns():
    changes = stance_changes(position_chronology(make_positions()), D(2024, 1, 1), D(2025, 1, 1))
    assert changes.empty
    assert list(changes.columns) == ["actor", "theme", "kind", "before", "after", "between", "uncertain"]


# --- Defaults -------------------------------------------------------------------------------


def test_default_comparison_is_the_year_up_to_the_latest_position(chronology):
    assert default_comparison(chronology, D(2030, 1, 1)) == (D(2024, 7, 26), D(2025, 7, 26))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ((), (D(2030, 1, 1), D(2030, 1, 1))),
        ((("p", "a", "t", "supports", "2024-02-29"),), (D(2023, 2, 28), D(2024, 2, 29))),
        ((("p", "a", "t", "supports", "1"),), (D(1, 1, 1), D(1, 1, 1))),
    ],
)
def test_default_comparison_edges(rows, expected):
    assert default_comparison(position_chronology(make_positions(*rows)), D(2030, 1, 1)) == expected


def test_event_last_days_take_a_range_to_its_end(frames):
    days = event_last_days(frames.events)
    assert days["waic-2024"] == D(2024, 7, 7)
    assert days["us-2024"] == D(2024, 7, 10)


# --- Positions on the timeline ----------------------------------------------------------


ALL_EVENTS = ("waic-2024", "us-2024", "waic-2025")


# fmt: off
@pytest.mark.parametrize(
    ("filters", "shown_events", "expected"),
    [
        # No filter: every position (those at events, and the two without one).
        (Filters(), ALL_EVENTS, "all"),
        # A position at an event is shown exactly when the event is.
        (Filters(), ("us-2024",), {"us-coop-2024", "li-safety-2024", "eu-coop-2025", "reader-coop-2025"}),
        # Actor and theme filters apply to the position's own actor and theme.
        (Filters(actors=frozenset({"eu", "li-qiang"})), ALL_EVENTS, {"eu-coop-2025", "li-safety-2024"}),
        (Filters(themes=frozenset({"open-sharing"})), ALL_EVENTS, {"china-open-2025", "us-open-2025-a", "us-open-2025-b"}),
        # Positions without an event: years, types, sources and text apply to them directly.
        (Filters(year_from=2025), (), {"eu-coop-2025", "reader-coop-2025"}),
        (Filters(year_to=2024), (), {"li-safety-2024"}),
        (Filters(types=frozenset({"conference"})), (), set()),
        (Filters(sources=frozenset({"forum"})), (), {"reader-coop-2025"}),
        (Filters(text="STUDY the proposal"), (), {"eu-coop-2025"}),
        (Filters(text="safe, reliable"), (), {"li-safety-2024"}),  # the proposition or the quote
        # ... and so do date basis and precision, on the position's own date.
        (Filters(precision=frozenset({"year"})), (), {"eu-coop-2025"}),
        (Filters(precision=frozenset({"month"})), (), {"li-safety-2024", "reader-coop-2025"}),
        (Filters(date_basis=frozenset({"stated"})), (), set()),
        (Filters(date_basis=frozenset({"inferred"})), (), {"li-safety-2024", "eu-coop-2025", "reader-coop-2025"}),
    ],
)
# fmt: on
def test_filter_positions(frames, filters, shown_events, expected):
    ids = set(filter_positions(frames, filters, shown_events)["id"])
    assert ids == (set(frames.positions["id"]) if expected == "all" else expected)


# --- The link ---------------------------------------------------------------------------------

ACTORS, THEMES = ["china", "united-states"], ["cooperation", "open-sharing"]
FIRST, LAST = D(2000, 1, 1), D(2030, 12, 31)


KNOWN = KnownIds(
    frozenset(ACTORS), frozenset(THEMES), frozenset(), frozenset(), frozenset(), FIRST.year, LAST.year,
    position_actors=tuple(ACTORS), position_themes=tuple(THEMES),
)  # fmt: skip


def parse(params):
    state, notices = parse_query(params, KNOWN, today=D(2025, 8, 1))
    return state.positions, notices


def positions_query_params(state):
    return view_params(POSITIONS, state)


# fmt: off
@pytest.mark.parametrize(
    ("params", "expected", "notices"),
    [
        # Nothing: all defaults, no notice.
        ({}, PositionsState(), []),
        # Everything, well formed.
        (
            {"section": "changes", "asof": "2025-07-26", "d1": "2024-07-07", "d2": "2025-07-28",
             "cell": "china.cooperation", "record": "united-states"},
            PositionsState("changes", D(2025, 7, 26), D(2024, 7, 7), D(2025, 7, 28), "china.cooperation", "united-states"),
            [],
        ),
        # Repeated parameters: the last wins, with a notice; other views' parameters give none.
        ({"asof": ["2024-01-01", "2025-01-01"], "view": "positions"}, PositionsState(as_of=D(2025, 1, 1)), ["more than once"]),
        # Malformed or impossible dates are dropped.
        ({"asof": "2025-7-26"}, PositionsState(), ["not a date"]),
        ({"asof": "2025-02-30"}, PositionsState(), ["not a date"]),
        ({"d1": "yesterday"}, PositionsState(), ["not a date"]),
        ({"asof": "２０２５-０１-０１"}, PositionsState(), ["not a date"]),
        # Out of range: clamped, with a notice.
        ({"asof": "1900-01-01"}, PositionsState(as_of=FIRST), ["outside the dates"]),
        ({"d2": "2099-01-01"}, PositionsState(until=LAST), ["outside the dates"]),
        # Reversed comparison: swapped.
        ({"d1": "2025-01-01", "d2": "2024-01-01"}, PositionsState(since=D(2024, 1, 1), until=D(2025, 1, 1)), ["reversed"]),
        # Unknown section, cell or record.
        ({"section": "pie"}, PositionsState(), ["expected one of matrix, changes, record"]),
        ({"cell": "china.unknown"}, PositionsState(), ["no such actor and theme"]),
        ({"cell": "nobody.cooperation"}, PositionsState(), ["no such actor and theme"]),
        ({"cell": "china-cooperation"}, PositionsState(), ["no such actor and theme"]),
        ({"record": "nobody"}, PositionsState(), ["no actor with positions"]),
        # Oversized values are dropped before anything else.
        ({"cell": "x" * (MAX_VALUE_CHARS + 1)}, PositionsState(), ["value too long"]),
    ],
)
# fmt: on
def test_parse_positions_state(params, expected, notices):
    state, found = parse(params)
    assert state == expected
    assert len(found) == len(notices)
    for notice, wanted in zip(found, notices, strict=True):
        assert wanted in notice


def test_positions_query_params_round_trip():
    state = PositionsState("record", D(2025, 7, 26), D(2024, 7, 7), D(2025, 7, 28), "china.open-sharing", "china")
    params = positions_query_params(state)
    assert params == {
        "section": "record",
        "asof": "2025-07-26",
        "d1": "2024-07-07",
        "d2": "2025-07-28",
        "cell": "china.open-sharing",
        "record": "china",
    }
    assert parse(params) == (state, [])
    assert positions_query_params(PositionsState()) == {}


# --- Constants the views rely on ------------------------------------------------------------


def test_every_stance_has_a_colour_and_a_distinct_glyph_and_none_differs_from_neutral():
    assert tuple(STANCE_COLOURS) == STANCES == tuple(STANCE_GLYPHS)
    assert len(set(STANCE_COLOURS.values())) == len(STANCES)
    assert len(set(STANCE_GLYPHS.values())) == len(STANCES)
    assert NO_POSITION_COLOUR not in STANCE_COLOURS.values()
    assert stance_label("neutral") == "0 neutral"
    assert stance_label(None) == "no recorded position"
