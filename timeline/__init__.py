"""Pure core of the AI-governance timeline: load, validate, filter, draw, export.

Nothing below this package imports streamlit; the UI lives in app.py and components/.
"""
