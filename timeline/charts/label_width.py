"""How wide an axis label will be drawn, estimated without a browser.

Plotly's `automargin` measures the tick labels after drawing and, when they need more
room than the margin gives, draws the whole chart a second time: for the lane labels that
second pass was about 40% of every redraw (docs/performance.md). A margin estimated here,
slightly wide, leaves automargin nothing to push, so the chart is drawn once; automargin
stays on as the safety net for a label wider than estimated (the cost is only speed).
"""

from __future__ import annotations

import math
import unicodedata

# Advance widths in em of the proportional sans-serif fonts charts are drawn in (Streamlit's
# Source Sans, Plotly's Open Sans in exports), rounded up so an estimate errs wide.
_NARROW = frozenset("fijlrtI!|.,:;'`()[]{} \"-")
_WIDE = frozenset("mwMW@%&")
NARROW_EM, WIDE_EM, CAPITAL_EM, OTHER_EM, FULL_WIDTH_EM = 0.32, 0.9, 0.66, 0.55, 1.05
TICK_GAP_PX = 24  # between the plot's edge and a label, plus the outer padding


def text_width_em(text: str) -> float:
    """Estimated width of one line of text, in em (multiply by the font size in px)."""
    return sum(_char_em(char) for char in text)


def _char_em(char: str) -> float:
    if char in _NARROW:
        return NARROW_EM
    if char in _WIDE:
        return WIDE_EM
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return FULL_WIDTH_EM
    if char.isupper() or char.isdigit():
        return CAPITAL_EM
    return OTHER_EM


def label_margin_px(labels: list[str], font_px: float = 12, minimum: int = 10) -> int:
    """A margin that holds the widest of `labels` drawn beside an axis at `font_px`."""
    if not labels:
        return minimum
    widest = max(text_width_em(label) for label in labels) * font_px
    return max(minimum, math.ceil(widest) + TICK_GAP_PX)
