"""The app with every marker trace drawn in WebGL, as a view of more than 5,000 points is.

A click on a WebGL marker is picked on a canvas, not on an SVG point: this launcher lets
the browser suite click one on the small test dataset. Nothing else changes.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from timeline.charts import figures

figures.WEBGL_THRESHOLD = 0
runpy.run_path(str(Path(__file__).resolve().parents[2] / "app.py"), run_name="__main__")
