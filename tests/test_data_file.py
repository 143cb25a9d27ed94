"""The bundled dataset, data/events.yaml: what the data review (issue 19) fixed stays fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.dates import Precision
from timeline.loading.load import load_dataset
from timeline.loading.schema import DateBasis

DATA = Path(__file__).parents[1] / "data" / "events.yaml"
BLETCHLEY = "wu-zhaohui-bletchley-open-source-statement"


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(DATA)


def by_id(records, record_id):
    return next(r for r in records if r.id == record_id)


def test_the_bletchley_call_for_open_source_sharing_is_wu_zhaohuis_on_1_november_2023(dataset):
    event = by_id(dataset.events, BLETCHLEY)
    assert event.actors[0] == "wu-zhaohui"
    assert (event.date.iso(), event.date.precision, event.date_basis) == (
        "2023-11-01",
        Precision.DAY,
        DateBasis.EXTERNAL,
    )
    assert "Bletchley Park" in event.location
    assert "“global cooperation to share AI knowledge" in event.evidence[0].quote
    position = next(p for p in dataset.positions if p.event == BLETCHLEY)
    assert (position.actor, position.date.iso(), position.date_basis) == (
        "wu-zhaohui",
        "2023-11-01",
        DateBasis.EXTERNAL,
    )


def test_the_reports_unnamed_spokesperson_is_a_dispute_decided_for_wu_zhaohui(dataset):
    dispute = by_id(dataset.disputes, "bletchley-speaker")
    assert (dispute.about.event, dispute.about.field) == (BLETCHLEY, "actors")
    sourced, external = dispute.claims
    assert (
        sourced.source == "cointelegraph-xi-wic-2023" and "a spokesperson from the Chinese government" in sourced.quote
    )
    assert "Wu Zhaohui" in external.value and external.url.startswith("https://")
    assert "Wu Zhaohui" in dispute.decision


def test_no_record_keeps_an_unnamed_spokesperson(dataset):
    assert "chinese-government-spokesperson" not in {a.id for a in dataset.actors}
    assert all("spokesperson" not in p.actor for p in dataset.positions)


def test_every_day_read_off_the_undated_editorial_rests_on_an_outside_anchor(dataset):
    # The editorial says "on Thursday" and "on Monday" but carries no date: the day comes from outside.
    editorial = "editorial-ai-must-be-harnessed"
    dated_by_it = [
        r
        for r in (*dataset.events, *dataset.positions)
        if {e.source for e in r.evidence} == {editorial} and r.date.precision is Precision.DAY
    ]
    assert dated_by_it
    assert {r.id: r.date_basis for r in dated_by_it} == {r.id: DateBasis.EXTERNAL for r in dated_by_it}
    assert by_id(dataset.sources, editorial).published_basis is DateBasis.EXTERNAL


def test_a_vote_and_a_conference_are_events_not_stances(dataset):
    assert {"unga-2024-adopts-china-ai-resolution", "waic-2024-open-inclusive-platform"}.isdisjoint(
        p.id for p in dataset.positions
    )
    assert not [p for p in dataset.positions if p.actor == "european-union"]  # no EU statement is quoted


def test_every_bundled_source_has_a_grade_and_a_reason(dataset):
    assert {s.id: bool(s.reliability and s.reliability_reason) for s in dataset.sources} == {
        s.id: True for s in dataset.sources
    }


def test_the_unsigned_explainers_grade_and_reason_warn_the_reader(dataset):
    explainer = by_id(dataset.sources, "explainer-li-qiang-ai-cooperation-organization")
    assert explainer.reliability in ("D", "E")  # evidence of errors: worse than "fairly reliable"
    reason = explainer.reliability_reason.lower()
    for warning in ("no author", "wrong year", "reuters does not report", "machine-written"):
        assert warning in reason
