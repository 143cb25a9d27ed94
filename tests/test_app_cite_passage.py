""" "Cite a passage" in the Sources view: words typed, passages marked, the chosen one's YAML, nothing written."""

import textwrap
from pathlib import Path

import pytest

from components.cite_passage import choice_key, words_key
from components.keys import K_VIEW
from tests.conftest import run_app
from timeline.loading.load import load_dataset
from timeline.loading.yamlsrc import read_document


@pytest.fixture
def sources_view(monkeypatch, good_path):
    at = run_app(monkeypatch, good_path)
    return at.segmented_control(key=K_VIEW).set_value("sources").run()


def test_words_typed_show_the_closest_passages_marked_and_the_yaml_to_copy(sources_view, good_path):
    before = good_path.read_bytes()
    at = sources_view.text_input(key=words_key("wire")).input("blueprint released by the US on wednesday").run()
    assert not at.exception
    options = [option.replace("\\", "") for option in at.radio(key=choice_key("wire")).options]  # markdown escapes
    assert options[0] == "1. line 3: The U.S. on Wednesday released an AI blueprint."
    srcdoc = next(frame.proto.srcdoc for frame in at.get("iframe") if 'id="cite-current"' in frame.proto.srcdoc)
    assert (
        '<mark class="quote current" id="cite-current" title="1">The U.S. on Wednesday released an AI blueprint.'
        in srcdoc
    )
    yaml_text = at.code[0].value
    assert read_document(yaml_text).data == {
        "evidence": [{"source": "wire", "quote": "The U.S. on Wednesday released an AI blueprint."}]
    }
    assert good_path.read_bytes() == before  # read-only


def test_choosing_another_passage_marks_it_and_changes_the_yaml(sources_view):
    at = sources_view.text_input(key=words_key("wire")).input("China said Li Qiang organisation").run()
    first_yaml = at.code[0].value
    at = at.radio(key=choice_key("wire")).set_value(1).run()
    assert not at.exception
    assert at.code[0].value != first_yaml
    srcdoc = next(frame.proto.srcdoc for frame in at.get("iframe") if 'id="cite-current"' in frame.proto.srcdoc)
    assert '<mark class="quote current" id="cite-current" title="2">' in srcdoc


def test_the_copied_entry_validates_once_pasted_under_an_event(sources_view, good_path):
    at = sources_view.text_input(key=words_key("wire")).input("li qiang said AI must be openly shared").run()
    entry = textwrap.indent(at.code[0].value.rstrip("\n") + "\n", "    ")
    event = (
        "  - id: pasted\n    title: Pasted\n    date: 2025-07-26\n    date_basis: stated\n    type: speech\n"
        "    actors: [li-qiang]\n    summary: A pasted quote.\n" + entry
    )
    text = good_path.read_text(encoding="utf-8")
    good_path.write_text(text.replace("\npositions:", "\n" + event + "positions:", 1), encoding="utf-8")
    pasted = next(e for e in load_dataset(good_path).events if e.id == "pasted")
    assert "“openly shared”" in pasted.evidence[0].quote


def test_words_that_resemble_nothing_say_so(sources_view):
    at = sources_view.text_input(key=words_key("forum")).input("zzzz qqqq").run()
    assert not at.exception
    assert any("No passage of this source resembles" in info.value for info in at.info)
    assert not at.code


def test_a_hostile_source_is_shown_as_text_in_the_passages_and_their_labels(monkeypatch):
    hostile = Path(__file__).parent / "fixtures" / "hostile" / "events.yaml"
    at = run_app(monkeypatch, hostile).segmented_control(key=K_VIEW).set_value("sources").run()
    at = at.text_input(key=words_key("hostile-source")).input("cited passage img onerror").run()
    assert not at.exception
    srcdoc = next(frame.proto.srcdoc for frame in at.get("iframe") if 'id="cite-current"' in frame.proto.srcdoc)
    assert "<img" not in srcdoc and "<script>alert" not in srcdoc
    assert "&lt;img src=x onerror=alert(&#x27;xss-src-img&#x27;)&gt;" in srcdoc
    assert "[md-link]" not in at.radio(key=choice_key("hostile-source")).options[0]  # markdown escaped
