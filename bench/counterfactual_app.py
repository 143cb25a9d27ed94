"""The app with the parts named in $BENCH_SWAP swapped for the baseline's (bench/swaps.py).

Run as `streamlit run bench/counterfactual_app.py` by `python -m bench.attribution`: it runs
app.py under another name (so the app does not start itself) and calls its main with the
swapped parts (app.Parts, the app's seam for this).
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

from bench.swaps import SWAP_ENV, parse_swaps, swapped_parts

app = runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"), run_name="bench_app")
app["main"](app["Parts"](**swapped_parts(parse_swaps(os.environ.get(SWAP_ENV, "")))))
