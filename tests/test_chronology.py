"""The chronology list's pure part: row text, labels, paging and the chart's text summary."""

from __future__ import annotations

import pandas as pd
import pytest

from timeline.charts.chronology import (
    PAGE_SIZE,
    chronology_rows,
    clamp_page,
    page_count,
    page_of,
    page_range_text,
    timeline_summary,
)
from timeline.loading.frames import SHORT_TITLE, build_frames
from timeline.loading.load import load_dataset
from timeline.state.filtering import Filters, filter_events


@pytest.fixture
def frames(good_path):
    return build_frames(load_dataset(good_path))


@pytest.fixture
def shown(frames):
    return filter_events(frames, Filters())


def test_rows_list_every_shown_event_in_date_order_with_date_label_actors_type_and_quote_count(frames, shown):
    rows = chronology_rows(frames, shown)
    assert [row.event_id for row in rows] == ["forum-2024", "conference-2025", "us-plan", "li-proposes"]
    assert rows[0].text == "2024 · A forum reader comments · A forum reader · statement · 1 quote"
    assert rows[1].text.startswith("July 2025 – August 2025 · The annual conference · China · conference")
    assert rows[3].text == "26 July 2025 · Li proposes an organisation · Li Qiang; China · proposal · 1 quote"


def test_a_disputed_event_row_says_so_with_the_scales_mark(frames, shown):
    rows = {row.event_id: row.text for row in chronology_rows(frames, shown)}
    assert "⚖ disputed" in rows["us-plan"]
    assert "⚖" not in rows["li-proposes"]


def test_rows_follow_the_filters(frames):
    shown = filter_events(frames, Filters(actors=frozenset({"china"})))
    assert [row.event_id for row in chronology_rows(frames, shown)] == ["conference-2025", "li-proposes"]


def test_a_row_is_labelled_as_the_chart_labels_the_event(frames, shown):
    # The short title when the data has one, else the title cut short: frames' short_title column.
    shown = shown.assign(**{SHORT_TITLE: ["Forum post", "The annual conference", "US plan", "Li's proposal"]})
    assert [row.label for row in chronology_rows(frames, shown)] == list(shown[SHORT_TITLE])
    assert chronology_rows(frames, shown)[0].text.startswith("2024 · Forum post · ")


def many_events(count: int) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"e{i}" for i in range(count)]})


@pytest.mark.parametrize(
    ("count", "pages"), [(0, 1), (1, 1), (PAGE_SIZE, 1), (PAGE_SIZE + 1, 2), (10_000, 10_000 // PAGE_SIZE)]
)
def test_the_list_has_as_many_pages_as_it_needs(count, pages):
    assert page_count(count) == pages


def test_page_of_finds_the_page_holding_an_event_and_none_for_an_event_not_shown():
    shown = many_events(10_000)
    assert page_of(shown, "e0") == 1
    assert page_of(shown, f"e{PAGE_SIZE}") == 2
    assert page_of(shown, "e9999") == page_count(10_000)
    assert page_of(shown, "elsewhere") is None
    assert page_of(shown, None) is None


@pytest.mark.parametrize(
    ("page", "count", "expected"), [(3, 100, 3), (9, 100, 4), (0, 100, 1), (None, 100, 1), ("2", 100, 2), (5, 0, 1)]
)
def test_a_page_number_is_clamped_to_the_pages_that_exist(page, count, expected):
    assert clamp_page(page, count) == expected


def test_a_page_of_ten_thousand_events_holds_only_its_rows(frames, shown):
    big = pd.concat([shown] * 2_500, ignore_index=True)
    rows = chronology_rows(frames, big, page=400)
    assert len(rows) == PAGE_SIZE
    assert page_range_text(400, len(big)) == "Events 9,976–10,000 of 10,000"
    assert page_range_text(1, 3) == "Events 1–3 of 3"


def test_the_summary_names_the_event_count_the_years_and_the_lanes(frames, shown):
    assert timeline_summary(shown) == "Timeline of 4 events, 2024–2025, in 4 lanes"
    assert timeline_summary(shown, "theme") == "Timeline of 4 events, 2024–2025, in 3 lanes"
    one = filter_events(frames, Filters(year_to=2024))
    assert timeline_summary(one) == "Timeline of 1 event, 2024, in 1 lane"
    assert timeline_summary(shown.iloc[:0]) == "Timeline of 0 events"
