"""What a click on a chart selected: one decoder for the timeline and the stance matrix.

Streamlit hands a chart's selection back as {"selection": {"points": [{"customdata": ...}]}};
`point_indices` mixes traces, so points are identified by their customdata only. A point's
customdata is an event id, ('position:<id>', '<event id>' or '') for a position marker, or
'cell:actor.theme' for a matrix cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from timeline.vocab import CELL_PREFIX, POSITION_PREFIX


@dataclass(frozen=True)
class Click:
    """What one chart selection points at; a part is None when the selection names none."""

    event: str | None = None
    position: str | None = None
    cell: str | None = None

    @property
    def marker(self) -> str | None:
        """One string per distinct target, to tell a new click from the one already handled."""
        if self.event:
            return self.event
        if self.position:
            return POSITION_PREFIX + self.position
        return CELL_PREFIX + self.cell if self.cell else None


def decode_click(selection: object) -> Click:
    """The event, position and matrix cell a chart selection points at (the first point naming each).

    A position marker names its position and the event where it was stated (if any): a
    click on it opens that event, and the position itself only when it has no event.
    """
    event = position = cell = None
    for data in _customdata(selection):
        head = data[0]
        if head.startswith(CELL_PREFIX):
            cell = cell or head.removeprefix(CELL_PREFIX) or None
            continue
        if head.startswith(POSITION_PREFIX):
            position = position or head.removeprefix(POSITION_PREFIX) or None
            data = data[1:]
        if data and isinstance(data[0], str) and data[0] and not event:
            event = data[0]
    return Click(event=event, position=position, cell=cell)


def _customdata(selection: object) -> list[list]:
    """Each selected point's customdata as a list whose first item is a non-empty string."""
    try:
        points = selection["selection"]["points"]
    except (KeyError, TypeError):
        return []
    if not isinstance(points, (list, tuple)):
        return []
    found = []
    for point in points:
        data = point.get("customdata") if isinstance(point, dict) else None
        data = list(data) if isinstance(data, (list, tuple)) else [data]
        if data and isinstance(data[0], str) and data[0]:
            found.append(data)
    return found
