"""Widget and session-state keys, shared by the UI and the tests.

The keys of the state a link carries are the view-state registry's (timeline.state.viewstate):
named here for the code that reads them.
"""

from timeline.state.viewstate import BRIEFING, POSITIONS, TIMELINE

K_VIEW = TIMELINE.key("view")
K_YEARS = TIMELINE.key("year_from")  # the slider holds (from, to)
K_ACTORS = TIMELINE.key("actors")
K_THEMES = TIMELINE.key("themes")
K_TYPES = TIMELINE.key("types")
K_SOURCES = TIMELINE.key("sources")
K_TEXT = TIMELINE.key("text")
K_MIN_GRADE = TIMELINE.key("min_grade")
K_RESET = "filter_reset"
K_MORE_OPEN = "more_filters_open"  # the sidebar's "More filters and display" expander
K_LANES = TIMELINE.key("lane_by")
K_COLOUR = TIMELINE.key("colour_by")
K_CHART = "timeline_chart"
K_EVENT = TIMELINE.key("event")
K_FINDER_OPEN = "event_finder_open"  # the "Find an event by name" expander, holding the selector
K_SOURCE = TIMELINE.key("source")
K_CLOSE_SOURCE = "close_source"
K_NOTICES = "_url_notices"
K_URL_LOADED = "_url_loaded"
K_LAST_CLICK = "_last_chart_click"
# Briefing mode (components/briefing.py): plain state keys survive while the view is hidden.
K_BRIEF_SLIDE = BRIEFING.key("slide")
K_BRIEF_PRINT = BRIEFING.key("print_all")
K_BRIEF_PICKED = BRIEFING.key("picks")
K_BRIEF_PICKS = "briefing_picks"
K_BRIEF_PREV = "briefing_prev"
K_BRIEF_NEXT = "briefing_next"
K_BRIEF_EXIT = "briefing_exit"
K_BRIEF_PRINT_TOGGLE = "briefing_print_toggle"
K_BRIEF_FROM_SHOWN = "briefing_picks_from_shown"
K_BRIEF_SORT = "briefing_picks_sort"
K_BRIEF_CLEAR = "briefing_picks_clear"
K_BRIEF_PPTX = "briefing_pptx"
# Exports of the timeline view (components/exports.py); the expander's open state.
K_EXPORTS_OPEN = "exports_open"
K_EXPORT_CSV = "export_csv"
K_EXPORT_JSON = "export_json"
K_EXPORT_HTML = "export_html"
K_EXPORT_PNG = "export_png"
K_EXPORT_SVG = "export_svg"
K_EXPORT_PPTX = "export_pptx"
# Positions (components/positions/view.py) and the positions-on-timeline toggle.
K_SHOW_POSITIONS = TIMELINE.key("show_positions")
K_RANGE_SLIDER = TIMELINE.key("range_slider")
K_LABELS = TIMELINE.key("labels")  # "Labels: auto / on / off"
K_POS_LAST_CLICK = "_positions_last_click"
K_POS_FOCUS = "_positions_focus"  # a position clicked on the timeline, to open in the matrix
K_POS_SECTION = POSITIONS.key("section")
K_POS_ASOF = POSITIONS.key("as_of")
K_POS_ASOF_EVENT = "positions_asof_event"
K_POS_SINCE = POSITIONS.key("since")
K_POS_SINCE_EVENT = "positions_since_event"
K_POS_UNTIL = POSITIONS.key("until")
K_POS_UNTIL_EVENT = "positions_until_event"
K_POS_MATRIX = "positions_matrix"
K_POS_CELL = POSITIONS.key("cell")
K_POS_RECORD = POSITIONS.key("record")
K_POS_RECORD_CHART = "positions_record_chart"
# The chronology list beside the chart (components/chronology.py).
K_CHRONO = "chronology"  # the radio group of one page's events
K_CHRONO_PAGE = "chronology_page"
K_CHRONO_OPEN = "chronology_open"  # the expander holding the list, filled only while open
K_CHRONO_SYNCED = "_chronology_synced"  # (open event, last chart click) the list last turned to
