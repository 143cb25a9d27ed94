"""A bare Streamlit page: what Streamlit's own page gives axe-core, before the app adds anything."""

import streamlit as st

st.title("A bare Streamlit page")
st.write("Nothing of the app: the baseline for tests/e2e/test_accessibility_browser.py.")
