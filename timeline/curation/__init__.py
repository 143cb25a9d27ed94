"""Curation: getting a curator's own reading into a dataset (new, add-source, quote, import-sheet)."""
