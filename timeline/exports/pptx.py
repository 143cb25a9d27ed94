"""Briefing slides as a PowerPoint deck: one 16:9 slide per event, the key quote, a source footnote.

Each slide carries the same things as briefing mode: title, date at its precision, the key
quote with its attribution, a timeline strip with the event highlighted and "n / N"; the
full reference (with a link) is the footnote, and the speaker notes hold the summary, the
event's other quotes and every dispute about it.
"""

from __future__ import annotations

import io
import re

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from timeline.present.briefing import Deck, Slide

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
INK, GREY = RGBColor(0x11, 0x11, 0x11), RGBColor(0x55, 0x55, 0x55)
ACCENT, QUOTE_BAR = RGBColor(0xD5, 0x5E, 0x00), RGBColor(0xE6, 0x9F, 0x00)
_BLANK_LAYOUT = 6
# XML 1.0 forbids most control characters; python-pptx would raise on them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def deck_pptx(deck: Deck, *, title: str = "AI governance briefing") -> bytes:
    """The deck as .pptx bytes: exactly one slide per event, in the deck's order."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    prs.core_properties.title = _clean(title)
    for slide in deck.slides:
        _add_slide(prs, deck, slide)
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


def _add_slide(prs, deck: Deck, slide: Slide) -> None:
    page = prs.slides.add_slide(prs.slide_layouts[_BLANK_LAYOUT])
    inner = WIDTH - 2 * MARGIN
    title_size = 40 if len(slide.title) <= 60 else 30 if len(slide.title) <= 95 else 24  # two lines at most
    _text(page, MARGIN, Inches(0.45), inner, Inches(1.5), slide.title, size=title_size, bold=True)
    _text(page, MARGIN, Inches(1.95), inner, Inches(0.5), slide.date_text, size=22, colour=GREY)
    if slide.quote is not None:
        _quote(page, slide, inner)
    _strip(page, deck, slide)
    _text(
        page,
        WIDTH - MARGIN - Inches(2),
        Inches(6.85),
        Inches(2),
        Inches(0.45),
        slide.counter,
        size=16,
        colour=GREY,
        align=PP_ALIGN.RIGHT,
    )
    if slide.quote is not None:
        _footnote(page, slide, inner - Inches(2.2))
    _notes(page, slide)


def _quote(page, slide: Slide, inner: Emu) -> None:
    quote = slide.quote
    size = 30 if len(quote.text) <= 160 else 24 if len(quote.text) <= 320 else 18
    top, height = Inches(2.75), Inches(2.55)
    bar = page.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, top, Inches(0.09), height)
    bar.fill.solid()
    bar.fill.fore_color.rgb = QUOTE_BAR
    bar.line.fill.background()
    bar.shadow.inherit = False
    box = _text(
        page,
        MARGIN + Inches(0.3),
        top,
        inner - Inches(0.3),
        height,
        f"“{quote.text}”",
        size=size,
        italic=True,
        anchor=MSO_ANCHOR.MIDDLE,
    )
    attribution = box.text_frame.add_paragraph()
    run = attribution.add_run()
    run.text = _clean(f"— {quote.attribution}")
    run.font.size, run.font.italic, run.font.color.rgb = Pt(20), False, GREY


def _strip(page, deck: Deck, current: Slide) -> None:
    left, right, y = MARGIN + Inches(0.8), WIDTH - MARGIN - Inches(0.8), Inches(5.85)
    line = page.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, left, y, right, y)
    line.line.width = Pt(2.5)
    line.line.color.rgb = INK
    for text, x, align in (
        (deck.first_year, left - Inches(0.95), PP_ALIGN.RIGHT),
        (deck.last_year, right + Inches(0.25), PP_ALIGN.LEFT),
    ):
        _text(page, x, y - Inches(0.22), Inches(0.7), Inches(0.45), str(text), size=14, colour=GREY, align=align)
    others = [s for s in deck.slides if s.number != current.number]
    for slide in [*others, current]:  # the current dot drawn last, on top
        big = slide.number == current.number
        size = Inches(0.34) if big else Inches(0.14)
        x = left + int((right - left) * slide.position) - size // 2
        dot = page.shapes.add_shape(MSO_SHAPE.OVAL, x, y - size // 2, size, size)
        dot.shadow.inherit = False
        dot.fill.solid()
        dot.fill.fore_color.rgb = ACCENT if big else GREY
        if big:
            dot.line.color.rgb = INK
            dot.line.width = Pt(2.5)
        else:
            dot.line.fill.background()


def _footnote(page, slide: Slide, width: Emu) -> None:
    box = _text(
        page, MARGIN, Inches(6.55), width, Inches(0.8), f"Source: {slide.quote.reference}", size=12, colour=GREY
    )
    if slide.quote.url:
        # The reference ends with the URL: make that run a live link too.
        paragraph = box.text_frame.paragraphs[0]
        paragraph.runs[0].text = _clean(f"Source: {slide.quote.reference.removesuffix(slide.quote.url)}")
        link = paragraph.add_run()
        link.text = slide.quote.url
        link.hyperlink.address = slide.quote.url
        link.font.size = Pt(12)


def _notes(page, slide: Slide) -> None:
    lines = [slide.summary]
    if slide.quote is not None:
        lines += ["", f"Key quote: “{slide.quote.text}” — {slide.quote.reference}"]
    for quote in slide.other_quotes:
        lines += ["", f"“{quote.text}” — {quote.reference}"]
    for dispute in slide.disputes:
        lines += ["", f"⚖ {dispute.text()}"]
    page.notes_slide.notes_text_frame.text = _clean("\n".join(lines))


def _text(
    page,
    left,
    top,
    width,
    height,
    text,
    *,
    size,
    bold=False,
    italic=False,
    colour=INK,
    align=PP_ALIGN.LEFT,
    anchor=MSO_ANCHOR.TOP,
):
    box = page.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    paragraph = frame.paragraphs[0]
    paragraph.alignment = align
    run = paragraph.add_run()
    run.text = _clean(text)
    run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    run.font.color.rgb = colour
    return box


def _clean(text: str) -> str:
    return _CONTROL.sub("", str(text))
