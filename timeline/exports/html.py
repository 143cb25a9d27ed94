"""The current view as one standalone HTML file: the interactive chart plus every event's detail.

The file opens by double-click, offline: plotly.js is embedded, nothing is fetched (a
Content-Security-Policy forbids it too), and the only outside addresses in it are the
sources' own URLs, shown as links. Everything from the data is HTML-escaped.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from timeline.exports.references import source_numbers, used_sources
from timeline.loading.frames import Frames
from timeline.present.views import HTML, DisputeView, EventView, SourceRef, Views

CHART_ID = "timeline-chart"
EXPORT_TEMPLATE = "plotly_white"
# Inline script and style only (plotly.js is inline); nothing may be fetched.
_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
)
_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; background: #fff;
       margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; line-height: 1.5; }
h1 { font-size: 1.7rem; margin: 0.5rem 0 0.2rem; }
.meta { color: #444; margin: 0 0 1rem; }
#detail { border: 2px solid #0072B2; border-radius: 8px; padding: 0.5rem 1rem; margin: 1rem 0; min-height: 3rem; }
#detail .hint { color: #555; }
article.event { border-top: 1px solid #ddd; padding: 0.6rem 0; }
article.event h3 { margin: 0.2rem 0; font-size: 1.2rem; }
article.event:target { background: #fff6d8; }
.date { color: #333; font-weight: 600; }
.facts { color: #444; margin: 0.2rem 0; }
figure.quote { margin: 0.6rem 0 0.6rem 1rem; }
figure.quote blockquote { margin: 0; font-style: italic; border-left: 4px solid #E69F00; padding-left: 0.8rem; }
figure.quote figcaption { color: #444; font-size: 0.92rem; margin-top: 0.2rem; }
ol.sources li { margin-bottom: 0.3rem; }
section.dispute { border-left: 4px solid #D55E00; padding-left: 0.8rem; margin: 0.6rem 0; }
a { color: #0b57d0; }
@media print { #detail, .js-plotly-plot .modebar { display: none; } article.event { break-inside: avoid; } }
"""
_SCRIPT = """
(function () {
  var plot = document.getElementById("%(chart)s");
  var detail = document.getElementById("detail");
  function show(id) {
    var article = document.getElementById("event-" + id);
    if (!article || !detail) { return; }
    var copy = article.cloneNode(true);
    copy.removeAttribute("id");
    detail.replaceChildren(copy);
    detail.scrollIntoView({ block: "nearest" });
  }
  if (plot && plot.on) {
    plot.on("plotly_click", function (data) {
      var point = data && data.points && data.points[0];
      if (!point || point.customdata === undefined) { return; }
      var id = Array.isArray(point.customdata) ? point.customdata[0] : point.customdata;
      show(String(id));
    });
  }
})();
"""


def timeline_html(
    frames: Frames,
    shown: pd.DataFrame,
    fig: go.Figure | None,
    *,
    title: str = "AI governance timeline",
    subtitle: str = "",
) -> str:
    """A whole HTML document for the shown events; `fig` (or None for no chart) embedded offline."""
    esc = html.escape
    events = Views(frames).events(shown)
    sources = used_sources(frames, shown)
    numbers = source_numbers(sources)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>",
        f"<header><h1>{esc(title)}</h1>",
        f'<p class="meta">{len(events)} event(s){" · " + esc(subtitle) if subtitle else ""}</p></header>',
    ]
    if fig is not None and events:
        parts.append(_chart_html(fig))
        parts.append(
            '<section id="detail" aria-live="polite"><p class="hint">Click a marker to see its event here.'
            " Every event is also listed below.</p></section>"
        )
    parts.append(f'<section id="events"><h2>Events ({len(events)})</h2>')
    parts += [_event_html(event, numbers) for event in events]
    parts.append("</section>")
    parts.append(_sources_html(sources, numbers))
    parts.append(f"<script>{_SCRIPT % {'chart': CHART_ID}}</script></body></html>")
    return "\n".join(parts)


def _chart_html(fig: go.Figure) -> str:
    figure = go.Figure(fig)
    figure.update_layout(template=EXPORT_TEMPLATE)
    config = {"displaylogo": False, "responsive": True, "scrollZoom": True}
    # include_plotlyjs=True embeds the whole library; "cdn" would need the network.
    return figure.to_html(full_html=False, include_plotlyjs=True, include_mathjax=False, div_id=CHART_ID, config=config)


def _event_html(event: EventView, numbers: dict[str, int]) -> str:
    esc = html.escape
    facts = [f"<strong>Who:</strong> {esc(', '.join(a.name for a in event.actors))}"]
    if event.location:
        facts.append(f"<strong>Where:</strong> {esc(event.location)}")
    facts.append(f"<strong>Type:</strong> {esc(event.type)}")
    if event.themes:
        facts.append(f"<strong>Themes:</strong> {esc(', '.join(t.name for t in event.themes))}")
    lines = [
        f'<article class="event" id="event-{esc(event.id)}" data-event="{esc(event.id)}">',
        f"<h3>{esc(event.title)}</h3>",
        f'<p class="date">{esc(event.date.text)}</p>',
    ]
    if event.date.note:
        lines.append(f'<p class="facts">How the date was established: {esc(event.date.note)}</p>')
    lines.append(f'<p class="facts">{" · ".join(facts)}</p>')
    lines.append(f"<p>{esc(event.summary)}</p>")
    for quote in event.quotes:
        number = numbers.get(quote.source.id)
        lines.append(
            f'<figure class="quote"><blockquote>“{esc(quote.text)}”</blockquote>'
            f'<figcaption>— <a href="#source-{esc(quote.source.id)}">[{number}]</a> {quote.source.citation(HTML)}'
            "</figcaption></figure>"
        )
    lines += [f'<section class="dispute">{dispute_html(dispute)}</section>' for dispute in event.disputes]
    lines.append("</article>")
    return "\n".join(lines)


def dispute_html(dispute: DisputeView) -> str:
    """A dispute as HTML: what is disputed, each side with its backing, the decision (also TimelineJS's)."""
    esc = html.escape
    sides = "".join(f"<li>{esc(claim.value)}: {claim.origin(HTML)}</li>" for claim in dispute.claims)
    return (
        f"<p><strong>{esc(dispute.heading)}:</strong> {esc(dispute.summary)}</p>"
        f"<ul>{sides}</ul><p><strong>Decision:</strong> {esc(dispute.decision)}</p>"
    )


def _sources_html(sources: list[SourceRef], numbers: dict[str, int]) -> str:
    items = [
        f'<li id="source-{html.escape(source.id)}" value="{numbers[source.id]}">{source.citation(HTML)}</li>'
        for source in sources
    ]
    return f'<section id="sources"><h2>Sources</h2><ol class="sources">{"".join(items)}</ol></section>'
