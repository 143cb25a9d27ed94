"""Quotes are found verbatim (white space aside) and highlighted as escaped HTML."""

import pytest

from timeline.loading.provenance import (
    Mark,
    NormalisedText,
    Span,
    closest_passage,
    find_quote,
    highlight_html,
    normalise_whitespace,
    slice_lines,
)

TEXT = "He said that “each country has its own advantages”,\n  and   warned — firmly — of a\t“common challenge”."


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        # white-space runs compare equal, wherever they are
        ("“each country has its own advantages”, and warned", "“each country has its own advantages”,\n  and   warned"),
        ("of a “common challenge”", "of a\t“common challenge”"),
        ("  warned — firmly  ", "warned — firmly"),
        # curly quotes, dashes and case matter
        ('"each country has its own advantages"', None),
        ("warned - firmly", None),
        ("He Said", None),
        ("", None),
    ],
)
def test_find_quote(quote, found):
    span = find_quote(NormalisedText(TEXT), quote)
    assert (TEXT[span.start : span.end] if span else None) == found


def test_normalise_whitespace_is_the_one_rule():
    assert normalise_whitespace(" a \n\t b  ") == "a b"


def test_closest_passage_points_at_the_near_miss():
    passage = closest_passage(NormalisedText(TEXT), '"each country has its own advantages"')
    assert "each country has its own advantages" in passage


@pytest.mark.parametrize(
    ("lines", "expected"),
    [(None, "a\nb\nc\n"), ((2, 2), "b\n"), ((2, 3), "b\nc\n"), ((1, 1), "a\n")],
)
def test_slice_lines(lines, expected):
    assert slice_lines("a\nb\nc\n", lines) == expected


def test_highlight_escapes_text_and_labels():
    text = "<b>x</b> & quote here"
    html = highlight_html(text, [Mark(Span(11, 16), '1"><script>', current=True, anchor="current-0")])
    assert html.startswith("&lt;b&gt;x&lt;/b&gt; &amp; ")
    assert '<mark class="quote current" id="current-0"' in html
    assert "<script>" not in html
    assert ">quote<sup" in html


def test_highlight_merges_overlaps_without_losing_text():
    text = "abcdefghij"
    html = highlight_html(text, [Mark(Span(2, 6), "1"), Mark(Span(4, 8), "2")])
    plain = html.replace('<mark class="quote" title="1">', "").replace('<mark class="quote" title="2">', "")
    for tag in ('<sup class="ref">1</sup></mark>', '<sup class="ref">2</sup></mark>'):
        plain = plain.replace(tag, "")
    assert plain == text
