"""Knight Lab TimelineJS: reading, importing and exporting its JSON."""
