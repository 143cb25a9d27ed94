"""The app's shared vocabulary: view names, chart modes, filter values, link parameters, click markers.

It sits at the bottom of the core and imports nothing of it, so that link parsing
(timeline.state.viewstate), the figure builders and the command line agree on these words
without importing one another.
"""

from __future__ import annotations

# The app's views, in the order of its view switch; the first is the default.
VIEWS = ("timeline", "positions", "sources", "briefing")
# How the timeline draws what it shows; the first of each is the default.
LANE_MODES = ("actor", "theme")
COLOUR_MODES = ("type", "theme")
# The positions view's parts.
SECTIONS = ("matrix", "changes", "record")
# How a date was established, and how precisely it is known (schema.DateBasis, schema.Precision).
DATE_BASES = ("stated", "inferred", "external")
PRECISIONS = ("day", "month", "year")
# Event labels on the timeline; auto labels a view only while it has room (timeline.charts.label_layout).
LABEL_MODES = ("auto", "on", "off")

# Link (query) parameters. The app-wide ones:
P_VIEW, P_FROM, P_TO, P_ACTORS, P_THEMES, P_TYPES, P_SOURCES = "view", "from", "to", "actor", "theme", "type", "src"
P_BASIS, P_PRECISION = "basis", "precision"
P_GRADE = "grade"  # the minimum reliability grade of a quote's source (A-F)
P_TEXT, P_LANES, P_COLOUR, P_EVENT, P_SOURCE = "q", "lanes", "colour", "event", "source"
P_POSITIONS = "positions"  # positions drawn on the timeline (1)
P_SLIDER = "slider"  # the range slider under the timeline (1)
P_LABELS = "labels"  # event labels on the timeline: auto (left out), on or off
# The positions view's:
P_SECTION, P_ASOF, P_SINCE, P_UNTIL, P_CELL, P_RECORD = "section", "asof", "d1", "d2", "cell", "record"
# The briefing's:
P_SLIDE, P_PICKS = "slide", "picks"

# What a chart click hands back in a point's customdata, besides a plain event id.
POSITION_PREFIX = "position:"  # a position marker on the timeline: ('position:<id>', '<event id>' or '')
CELL_PREFIX = "cell:"  # a stance matrix cell: 'cell:actor.theme'
CELL_SEP = "."  # between actor and theme in a cell key: ids never contain a dot, and a URL needs no escaping
