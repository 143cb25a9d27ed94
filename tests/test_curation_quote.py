"""`python -m timeline quote`: the closest passages, and an evidence entry that validates once pasted."""

import datetime as dt
import textwrap

import pytest

from timeline.__main__ import main
from timeline.curation.new_dataset import new_dataset
from timeline.curation.quote import evidence_yaml, read_source_text
from timeline.errors import DatasetError
from timeline.loading.load import load_dataset
from timeline.loading.passages import closest_passages, sentence_spans
from timeline.loading.provenance import NormalisedText, closest_passage
from timeline.loading.yamlsrc import read_document

ARTICLE = (
    "Ministers met in Geneva on Monday.\n"
    "The U.S. delegate said the draft “goes too far” and asked for a\n"
    "second reading before any vote.\n"
    "\n"
    "Observers called the talks ‘cordial but slow’. A vote is expected in March.\n"
)


@pytest.mark.parametrize(
    ("words", "expected_start"),
    [
        # the words in another order, one misspelt, case ignored
        ("delegate said draft goes to far", "The U.S. delegate said"),
        ("a vote is expected in march", "A vote is expected"),
        # straight quotes for curly ones, as people type them
        ("talks 'cordial but slow'", "Observers called the talks"),
    ],
)
def test_closest_passage_is_the_sentence_meant(words, expected_start):
    best = closest_passages(ARTICLE, words)[0]
    assert best.text.startswith(expected_start)


def test_a_sentence_runs_over_a_line_break_but_not_over_a_paragraph():
    sentences = [ARTICLE[a:b] for a, b in sentence_spans(ARTICLE)]
    assert (
        sentences[1]
        == "The U.S. delegate said the draft “goes too far” and asked for a\nsecond reading before any vote."
    )
    assert sentences[2] == "Observers called the talks ‘cordial but slow’."


def test_passages_are_reported_with_their_line_and_never_overlap():
    found = closest_passages(ARTICLE, "delegate asked for a second reading", limit=3)
    assert found[0].line == 2
    spans = sorted((p.start, p.end) for p in found)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_nothing_alike_gives_no_passage():
    assert closest_passages(ARTICLE, "zzzz qqqq xxxx") == []


def test_the_validators_hint_is_the_quote_commands_best_passage():
    hint = closest_passage(NormalisedText(ARTICLE), 'the draft "goes too far"')
    assert hint == " ".join(closest_passages(ARTICLE, 'the draft "goes too far"')[0].text.split())


@pytest.fixture
def dataset(tmp_path):
    path = tmp_path / "events.yaml"
    new_dataset(tmp_path, today=dt.date(2026, 12, 3))
    (tmp_path / "sources" / "talks.txt").write_text("Preamble line.\n" + ARTICLE, encoding="utf-8")
    text = path.read_text(encoding="utf-8").replace(
        "\nactors:",
        "  - {id: talks, title: Talks, publisher: unidentified, kind: news, published: 2026-12-01,\n"
        "     published_basis: stated, file: sources/talks.txt, lines: [2, 6]}\n\nactors:",
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_the_printed_evidence_entry_validates_once_pasted(dataset, capsys):
    assert main(["quote", "talks", "delegate said the draft goes too far", "--data", str(dataset)]) == 0
    out = capsys.readouterr().out
    assert "sources/talks.txt:3 (score" in out  # line 2 of the source is line 3 of its file
    entry = textwrap.indent(out[out.index("evidence:\n") :], "    ")
    event = (
        "  - id: talks-draft\n    title: The draft is criticised\n    date: 2026-12-01\n    date_basis: stated\n"
        "    type: meeting\n    actors: [example-curator]\n    summary: A delegate criticises the draft.\n" + entry
    )
    dataset.write_text(dataset.read_text(encoding="utf-8").replace("\npositions:", event + "\npositions:"))
    pasted = load_dataset(dataset).events[1].evidence[0]
    assert pasted.quote.startswith("The U.S. delegate said the draft “goes too far” and asked for a second reading")


@pytest.mark.parametrize("quote", ['He said "no" \\ twice', "it’s — “curly”", "colon: and # hash"])
def test_the_evidence_entry_keeps_every_character(quote):
    assert read_document(evidence_yaml("x", quote)).data == {"evidence": [{"source": "x", "quote": quote}]}


def test_an_unknown_source_is_refused_in_one_line_naming_the_sources(dataset, capsys):
    assert main(["quote", "nope", "words", "--data", str(dataset)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"{dataset}: no source 'nope' (the sources are: example-note, talks)"]


def test_no_resembling_passage_exits_1(dataset, capsys):
    assert main(["quote", "talks", "zzzz qqqq", "--data", str(dataset)]) == 1
    assert "resembles" in capsys.readouterr().err


def test_a_source_file_outside_the_folder_is_refused(dataset):
    dataset.write_text(dataset.read_text(encoding="utf-8").replace("file: sources/talks.txt", "file: ../talks.txt"))
    with pytest.raises(DatasetError, match="outside the dataset folder"):
        read_source_text(dataset, "talks")


def test_the_validator_says_so_when_no_passage_resembles_a_quote(tmp_path):
    new_dataset(tmp_path, today=dt.date(2026, 12, 3))
    path = tmp_path / "events.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Some say this note was written by a person", "zzzz qqqq xxxx"),
        encoding="utf-8",
    )
    with pytest.raises(
        DatasetError, match=r"claims\.0\.quote: not found verbatim in source 'example-note'; no passage resembles it"
    ):
        load_dataset(path)
