"""The app with the loader's size limits lifted, for datasets larger than they allow.

The hardening limits (timeline.loading.yamlsrc.Limits) refuse a file of 100,000 curated-size
events (~90 MB); the benchmark measures such files through this launcher, which changes nothing
else: it calls app.py's main with lifted limits (app.Parts). Run as `streamlit run bench/lifted_app.py`.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from bench.limits import LIFTED

app = runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"), run_name="bench_app")
app["main"](app["Parts"](limits=LIFTED))
