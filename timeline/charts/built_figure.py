"""A figure that is not changed once built, so that its dict form is made only once."""

from __future__ import annotations

import plotly.graph_objects as go


class BuiltFigure(go.Figure):
    """A go.Figure whose `to_dict()` is computed on first use and returned again after.

    st.plotly_chart calls `to_dict()` on every rerun, even for a figure from a cache: a
    deep copy and a base64 pass over every array, which grows with the view (measured in
    docs/performance.md). A BuiltFigure is read-only by contract once
    drawn: to change one, change a copy (`go.Figure(fig)` is a plain, independent figure).
    """

    def to_dict(self) -> dict:
        made = self.__dict__.get("_made_dict")
        if made is None:
            made = self._made_dict = super().to_dict()
        return made
