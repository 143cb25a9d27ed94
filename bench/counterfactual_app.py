"""The app with the parts named in $BENCH_SWAP swapped for the baseline's (bench/swaps.py).

Run as `streamlit run bench/counterfactual_app.py` by `python -m bench.attribution`.
"""

from __future__ import annotations

import os
import runpy
from pathlib import Path

from bench.swaps import SWAP_ENV, apply_swaps, parse_swaps

apply_swaps(parse_swaps(os.environ.get(SWAP_ENV, "")))
runpy.run_path(str(Path(__file__).resolve().parents[1] / "app.py"), run_name="__main__")
