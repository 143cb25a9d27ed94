"""The timeline's legend: one text annotation above the plot, in lines that wrap.

Plotly's own horizontal legend gave every entry the width of the longest one ("uncertain
date: the whole month or year"), so with a dozen event types it stacked them one per row,
about 200 px above the chart, and squeezed the lanes. It also cost more to redraw on every
filter change than one line of text does (docs/performance.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.charts.label_width import text_width_em

# A text glyph for each marker symbol the timeline uses (figures.SYMBOLS).
SYMBOL_GLYPHS = {"circle": "●", "diamond": "◆", "square": "■", "triangle-up": "▲"}
FONT_PX = 11
GLYPH_PX = 16  # glyphs larger than the labels: a text "●" is smaller than a 13 px marker
LINE_PX = 15  # Plotly draws a line of 11 px text about 1.3 em apart
# Entries go on one line until it is this wide (estimated, erring wide): a chart column on a
# 1280 px screen holds it.
WRAP_PX = 420
GAP = "\u2003"  # an em space between entries: Plotly keeps it (ordinary spaces collapse)
ABOVE_TICKS_PX = 26  # the date axis's labels are on top: the legend sits above them


@dataclass(frozen=True)
class LegendEntry:
    glyph: str
    colour: str  # a CSS colour of our own (never from the data)
    label: str  # already escaped for Plotly

    def markup(self) -> str:
        glyph = f'<span style="color:{self.colour};font-size:{GLYPH_PX}px">{self.glyph}</span>'
        return f"{glyph}\u00a0{self.label}"

    def width_px(self) -> float:
        return text_width_em(self.glyph) * GLYPH_PX + text_width_em(f" {self.label}{GAP}") * FONT_PX


def legend_lines(entries: list[LegendEntry], wrap_px: float = WRAP_PX) -> list[str]:
    """The entries' markup, as many to a line as fit in wrap_px (at least one)."""
    lines: list[list[str]] = []
    width = 0.0
    for entry in entries:
        entry_px = entry.width_px()
        if not lines or width + entry_px > wrap_px:
            lines.append([])
            width = 0.0
        lines[-1].append(entry.markup())
        width += entry_px
    return [GAP.join(line) for line in lines]


def add_legend(layout: dict, entries: list[LegendEntry]) -> None:
    """Put the entries above the plot, from the figure's left edge; the plot keeps its height."""
    layout["showlegend"] = False
    lines = legend_lines(entries)
    if not lines:
        return
    extra = LINE_PX * len(lines)
    layout["margin"]["t"] += extra
    layout["height"] += extra
    layout.setdefault("annotations", []).append(
        dict(
            text="<br>".join(lines),
            xref="paper",
            yref="paper",
            x=0,
            y=1,
            xanchor="left",
            yanchor="bottom",
            xshift=4 - layout["margin"]["l"],  # over the lane labels too: the whole width is free
            yshift=ABOVE_TICKS_PX,
            align="left",
            showarrow=False,
            font=dict(size=FONT_PX),
            name="legend",
        )
    )
