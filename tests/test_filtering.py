"""Each filter narrows the events; all of them combine."""

import pytest

from tests.conftest import GRADED_YAML, write_dataset
from timeline.loading.frames import build_frames
from timeline.loading.load import load_dataset
from timeline.state.filtering import Filters, filter_events, filter_positions

ALL = ["forum-2024", "conference-2025", "us-plan", "li-proposes"]  # in date order


@pytest.fixture
def frames(good_path):
    return build_frames(load_dataset(good_path))


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ALL),
        # years: an event counts if any part of it falls in the range
        (Filters(year_from=2025), ["conference-2025", "us-plan", "li-proposes"]),
        (Filters(year_to=2024), ["forum-2024"]),
        (Filters(year_from=2024, year_to=2024), ["forum-2024"]),
        # actors, themes, types, sources: any of the chosen values
        (Filters(actors=frozenset({"china"})), ["conference-2025", "li-proposes"]),
        (Filters(actors=frozenset({"united-states", "reader"})), ["forum-2024", "us-plan"]),
        (Filters(themes=frozenset({"open-sharing"})), ["li-proposes"]),
        (Filters(types=frozenset({"policy", "statement"})), ["forum-2024", "us-plan"]),
        (Filters(sources=frozenset({"forum"})), ["forum-2024"]),
        # how the date was established, and how precisely it is known: any of the chosen values
        (Filters(date_basis=frozenset({"stated"})), ["forum-2024", "li-proposes"]),
        (Filters(date_basis=frozenset({"inferred", "external"})), ["conference-2025", "us-plan"]),
        (Filters(precision=frozenset({"day"})), ["us-plan", "li-proposes"]),
        (Filters(precision=frozenset({"month", "year"})), ["forum-2024", "conference-2025"]),
        (Filters(date_basis=frozenset({"stated"}), precision=frozenset({"day"})), ["li-proposes"]),
        # free text: titles, summaries and quotes, case-insensitive
        (Filters(text="BLUEPRINT"), ["us-plan"]),
        (Filters(text="power play"), ["forum-2024"]),
        (Filters(text="organisation"), ["li-proposes"]),
        (Filters(text="no such words"), []),
        # combined
        (Filters(year_from=2025, actors=frozenset({"china"}), types=frozenset({"conference"})), ["conference-2025"]),
    ],
)
def test_filter_events(frames, filters, expected):
    assert list(filter_events(frames, filters)["id"]) == expected


def test_range_overlapping_the_start_of_the_year_window_is_kept(frames):
    # conference-2025 runs July–August 2025: a window starting in 2025 keeps it.
    shown = filter_events(frames, Filters(year_from=2025, year_to=2025))
    assert "conference-2025" in set(shown["id"])


# --- The minimum reliability grade (GRADED_YAML: the wire is graded B, the forum E) ---


@pytest.fixture
def graded(tmp_path):
    (tmp_path / "graded").mkdir()
    return build_frames(load_dataset(write_dataset(tmp_path / "graded", GRADED_YAML)))


@pytest.mark.parametrize(
    ("min_grade", "expected"),
    [
        (None, ALL),
        ("A", []),  # no source is that good
        ("B", ["conference-2025", "us-plan", "li-proposes"]),  # the wire's events, not the forum's
        ("D", ["conference-2025", "us-plan", "li-proposes"]),
        ("E", ALL),
        ("F", ALL),  # F ("cannot be judged") ranks last: every graded source passes
    ],
)
def test_a_minimum_grade_keeps_events_with_a_quote_from_a_source_that_good(graded, min_grade, expected):
    assert list(filter_events(graded, Filters(min_grade=min_grade))["id"]) == expected


def test_an_ungraded_source_never_passes_a_minimum_grade(frames):
    assert list(filter_events(frames, Filters(min_grade="F"))["id"]) == []


def test_a_position_without_an_event_needs_a_quote_from_a_source_that_good(tmp_path):
    (tmp_path / "graded").mkdir()
    unlinked = GRADED_YAML.replace("    event: li-proposes\n", "", 1)
    frames = build_frames(load_dataset(write_dataset(tmp_path / "graded", unlinked)))
    shown = filter_events(frames, Filters())["id"]
    assert list(filter_positions(frames, Filters(min_grade="B"), shown)["id"]) == ["china-open-sharing"]
    assert list(filter_positions(frames, Filters(min_grade="A"), shown)["id"]) == []
