"""The Streamlit UI: one module per panel, each exposing render_* functions."""
