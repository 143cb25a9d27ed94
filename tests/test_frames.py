"""The DataFrames have real dtypes and carry what the UI needs."""

from timeline.frames import build_frames
from timeline.load import load_dataset


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


def test_frames_take_the_spans_the_loader_found_and_search_no_text_again(good_path, monkeypatch):
    import timeline.provenance

    dataset = load_dataset(good_path)
    assert dataset.spans[("event", "us-plan", 0)] == timeline.provenance.find_quote(
        timeline.provenance.NormalisedText(dataset.texts["wire"]), "on Wednesday released an AI blueprint"
    )

    def no_search(*args, **kwargs):
        raise AssertionError("frames searched a source text again")

    monkeypatch.setattr(timeline.provenance.NormalisedText, "__init__", no_search)
    monkeypatch.setattr(timeline.provenance, "find_quote", no_search)
    frames = build_frames(dataset)
    spans = {(r.owner_kind, r.owner_id): (r.span_start, r.span_end) for r in frames.evidence.itertuples()}
    assert spans[("event", "us-plan")] == (
        dataset.spans[("event", "us-plan", 0)].start,
        dataset.spans[("event", "us-plan", 0)].end,
    )
    assert len(dataset.spans) == len(frames.evidence) and (frames.evidence["span_start"] >= 0).all()
