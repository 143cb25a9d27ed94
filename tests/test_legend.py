"""The timeline's legend: entries in wrapped lines of one annotation."""

from timeline.charts.legend import GAP, WRAP_PX, LegendEntry, add_legend, legend_lines


def entry(label: str, colour: str = "#0072B2") -> LegendEntry:
    return LegendEntry("●", colour, label)


def test_entries_share_a_line_until_it_is_full():
    entries = [entry(f"type {i}") for i in range(12)]
    lines = legend_lines(entries)
    assert 1 < len(lines) < len(entries)  # several to a line, not one per row
    assert sum(line.count(GAP) + 1 for line in lines) == len(entries)
    for line in lines:
        labels = [part.split("\u00a0")[1] for part in line.split(GAP)]
        assert sum(entry(label).width_px() for label in labels) <= WRAP_PX


def test_an_entry_wider_than_a_line_gets_a_line_of_its_own():
    wide = entry("x" * 200)
    assert wide.width_px() > WRAP_PX
    assert len(legend_lines([entry("a"), wide, entry("b")])) == 3


def test_an_entry_draws_its_glyph_in_its_colour_and_the_label_as_given():
    markup = LegendEntry("◆", "#E69F00", "speech &amp; remarks").markup()
    assert markup == '<span style="color:#E69F00;font-size:16px">◆</span>\u00a0speech &amp; remarks'


def layout() -> dict:
    return dict(height=400, margin=dict(l=120, r=10, t=40, b=10))


def test_the_legend_annotation_grows_the_top_margin_by_its_lines():
    shown = layout()
    add_legend(shown, [entry(f"type {i}") for i in range(12)])
    (legend,) = shown["annotations"]
    lines = legend["text"].count("<br>") + 1
    assert lines > 1
    assert shown["margin"]["t"] == 40 + 15 * lines and shown["height"] == 400 + 15 * lines
    assert legend["xshift"] == 4 - 120  # from the figure's left edge, over the lane labels
    assert shown["showlegend"] is False


def test_no_entries_no_annotation():
    shown = layout()
    add_legend(shown, [])
    assert "annotations" not in shown and shown["margin"]["t"] == 40 and shown["showlegend"] is False
