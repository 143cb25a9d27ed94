"""The DataFrames have real dtypes and carry what the UI needs."""

import pytest

from tests.conftest import GRADED_YAML, write_dataset
from timeline.loading.frames import RELIABILITY, RELIABILITY_REASON, build_frames, cut_title
from timeline.loading.load import load_dataset


def test_event_frame_dtypes_and_labels(good_path):
    frames = build_frames(load_dataset(good_path))
    events = frames.events.set_index("id")
    assert str(events["start"].dtype) == "datetime64[s]"
    assert events.loc["conference-2025", "date_label"] == "July 2025 – August 2025"
    assert events.loc["forum-2024", "date_label"] == "2024"
    assert str(events.loc["forum-2024", "anchor"])[:10] == "2024-07-01"  # mid-year
    assert events.loc["us-plan", "location"] is None
    assert events.loc["li-proposes", "actors"] == ("li-qiang", "china")


def test_evidence_spans_point_at_the_quote(good_path):
    frames = build_frames(load_dataset(good_path))
    for row in frames.evidence.itertuples():
        text = frames.texts[row.source]
        assert text[row.span_start : row.span_end] == row.quote


def test_link_tables_and_disputes(good_path):
    frames = build_frames(load_dataset(good_path))
    assert set(frames.event_actors["actor"]) == {"china", "li-qiang", "united-states", "reader"}
    assert list(frames.disputes["about_id"]) == ["us-plan"]
    assert list(frames.claims["source"].fillna("-")) == ["wire", "-"]


def test_sources_carry_their_grade_and_its_reason(tmp_path, good_path):
    (tmp_path / "graded").mkdir()
    graded = build_frames(load_dataset(write_dataset(tmp_path / "graded", GRADED_YAML))).sources.set_index("id")
    assert graded.loc["wire", [RELIABILITY, RELIABILITY_REASON]].tolist() == ["B", "a wire service"]
    assert graded.loc["forum", RELIABILITY] == "E"
    ungraded = build_frames(load_dataset(good_path)).sources
    assert ungraded[RELIABILITY].tolist() == [None, None]
    assert ungraded[RELIABILITY_REASON].tolist() == [None, None]


def test_short_title_column_is_the_curated_one_or_the_title(tmp_path):
    from tests.conftest import GOOD_YAML, write_dataset

    text = GOOD_YAML.replace(
        "    title: Li proposes an organisation\n",
        "    title: Li proposes an organisation\n    short_title: Li's proposal\n",
    )
    events = build_frames(load_dataset(write_dataset(tmp_path, text))).events.set_index("id")
    assert events.loc["li-proposes", "short_title"] == "Li's proposal"
    assert events.loc["us-plan", "short_title"] == "US releases AI blueprint"  # short enough already


@pytest.mark.parametrize(
    ("title", "label"),
    [
        # short enough: unchanged
        ("EU AI Act enters into force", "EU AI Act enters into force"),
        ("x" * 40, "x" * 40),
        # cut at the last whole word, with an ellipsis, and no dangling comma
        ("China proposes new global AI cooperation organisation", "China proposes new global AI…"),
        ("First World Artificial Intelligence Conference, Shanghai", "First World Artificial Intelligence…"),
        # one long word: cut inside it
        ("y" * 60, "y" * 39 + "…"),
    ],
)
def test_cut_title_cuts_at_a_word_boundary(title, label):
    assert cut_title(title) == label
    assert len(cut_title(title)) <= 40


def test_frames_take_the_spans_the_loader_found_and_search_no_text_again(good_path, monkeypatch):
    import timeline.loading.provenance

    dataset = load_dataset(good_path)
    assert dataset.spans[("event", "us-plan", 0)] == timeline.loading.provenance.find_quote(
        timeline.loading.provenance.NormalisedText(dataset.texts["wire"]), "on Wednesday released an AI blueprint"
    )

    def no_search(*args, **kwargs):
        raise AssertionError("frames searched a source text again")

    monkeypatch.setattr(timeline.loading.provenance.NormalisedText, "__init__", no_search)
    monkeypatch.setattr(timeline.loading.provenance, "find_quote", no_search)
    frames = build_frames(dataset)
    spans = {(r.owner_kind, r.owner_id): (r.span_start, r.span_end) for r in frames.evidence.itertuples()}
    assert spans[("event", "us-plan")] == (
        dataset.spans[("event", "us-plan", 0)].start,
        dataset.spans[("event", "us-plan", 0)].end,
    )
    assert len(dataset.spans) == len(frames.evidence) and (frames.evidence["span_start"] >= 0).all()
