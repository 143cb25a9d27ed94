"""Figures of positions: the actor × theme stance matrix and one actor's record over time."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from timeline.charts.figures import TEMPLATE
from timeline.loading.frames import DATE_LABEL, ID
from timeline.loading.schema import STANCES
from timeline.positions.stances import (
    FIRST_DAY,
    NO_POSITION,
    NO_POSITION_COLOUR,
    NO_POSITION_OUTLINE,
    STANCE_COLOURS,
    STANCE_GLYPHS,
    STANCE_TEXT_COLOURS,
    stance_label,
)
from timeline.textsafe import escape_plotly
from timeline.vocab import CELL_PREFIX

CELL_PX = 50  # the height of one matrix row
# Marker shapes per stance in the record, so that shape too tells stances apart.
RECORD_SYMBOLS = {
    "supports": "triangle-up",
    "mixed": "diamond",
    "neutral": "circle",
    "skeptical": "triangle-down",
    "opposes": "x",
}


def stance_matrix_figure(
    matrix: pd.DataFrame,
    *,
    actor_labels: dict[str, str] | None = None,
    theme_labels: dict[str, str] | None = None,
    selected: str | None = None,
    as_of_label: str = "",
) -> go.Figure:
    """Actors (rows) × themes (columns) as square cells coloured by stance; one trace per stance.

    `matrix` is stance_matrix's frame. Each cell's customdata is 'cell:actor.theme', so a
    click names the cell. A cell dated only to a month or year that may postdate the as-of
    date carries an asterisk; `selected` (a cell key) gets a black frame.
    """
    actor_labels, theme_labels = actor_labels or {}, theme_labels or {}
    actors = list(dict.fromkeys(matrix["actor"]))
    themes = list(dict.fromkeys(matrix["theme"]))
    cells = matrix.assign(
        x=matrix["theme"].map({t: i for i, t in enumerate(themes)}),
        y=matrix["actor"].map({a: i for i, a in enumerate(actors)}),
    )
    cells["hover"] = [_cell_hover(row, actor_labels, theme_labels, as_of_label) for row in cells.itertuples()]
    fig = go.Figure()
    for stance in (*STANCES, None):
        group = cells[cells["stance"] == stance] if stance else cells[cells["stance"].isna()]
        fig.add_trace(_cell_trace(group, stance))
    _matrix_layout(fig, actors, themes, actor_labels, theme_labels)
    if selected in set(cells["cell"]):
        row = cells[cells["cell"] == selected].iloc[0]
        fig.add_shape(
            type="rect",
            x0=row["x"] - 0.48,
            x1=row["x"] + 0.48,
            y0=row["y"] - 0.48,
            y1=row["y"] + 0.48,
            line=dict(color="#000000", width=3),
            name="selected cell",
        )
    return fig


def _cell_trace(group: pd.DataFrame, stance: str | None) -> go.Scatter:
    if stance:
        glyphs = [STANCE_GLYPHS[stance] + ("*" if u else "") for u in group["uncertain"]]
        colour, outline, text_colour = STANCE_COLOURS[stance], STANCE_COLOURS[stance], "#000000"
        text_colour = STANCE_TEXT_COLOURS.get(stance, text_colour)
    else:
        glyphs = [""] * len(group)
        colour, outline, text_colour = NO_POSITION_COLOUR, NO_POSITION_OUTLINE, "#000000"
    return go.Scatter(
        x=group["x"],
        y=group["y"],
        mode="markers+text",
        name=stance_label(stance),
        marker=dict(symbol="square", size=CELL_PX - 8, color=colour, line=dict(color=outline, width=1.5)),
        text=glyphs,
        textposition="middle center",
        textfont=dict(color=text_colour, size=15, family="Arial Black, Arial, sans-serif"),
        customdata=[[CELL_PREFIX + key] for key in group["cell"]],
        hovertext=group["hover"],
        hovertemplate="%{hovertext}<extra></extra>",
        meta="stance:" + (stance or "none"),
    )


def _cell_hover(row, actor_labels: dict[str, str], theme_labels: dict[str, str], as_of_label: str) -> str:
    # Hover labels render a little HTML: everything from the data is escaped first.
    head = (
        f"<b>{escape_plotly(actor_labels.get(row.actor, row.actor))}</b> on "
        f"<b>{escape_plotly(theme_labels.get(row.theme, row.theme))}</b>"
    )
    if as_of_label:
        head += f" (as of {escape_plotly(as_of_label)})"
    if not row.stance:
        return f"{head}<br>{NO_POSITION}"
    stance = f"{escape_plotly(stance_label(row.stance))}: {escape_plotly(row.proposition)}"
    lines = [head, stance, escape_plotly(row.date_label)]
    if row.uncertain:
        lines.append("* dated only to the month or year: may have been stated later")
    if row.tied:
        lines.append(f"{len(row.tied) + 1} positions recorded on this date")
    return "<br>".join(lines)


def _matrix_layout(fig: go.Figure, actors, themes, actor_labels, theme_labels) -> None:
    fig.update_layout(
        template=TEMPLATE,
        height=CELL_PX * len(actors) + 120,
        margin=dict(l=10, r=10, t=60, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.02, xanchor="left", x=0, title_text="Stance: "),
        clickmode="event+select",
        dragmode=False,
        hovermode="closest",
        plot_bgcolor="#FFFFFF",
    )
    fig.update_xaxes(
        tickfont=dict(size=13, color="#222222"),
        tickvals=list(range(len(themes))),
        ticktext=[escape_plotly(theme_labels.get(t, t)) for t in themes],
        side="top",
        range=[-0.5, len(themes) - 0.5],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    fig.update_yaxes(
        tickfont=dict(size=13, color="#222222"),
        tickvals=list(range(len(actors))),
        ticktext=[escape_plotly(actor_labels.get(a, a)) for a in actors],
        range=[len(actors) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )


def actor_record_figure(
    history: pd.DataFrame,
    *,
    theme_labels: dict[str, str] | None = None,
    until: dt.date,
    as_of: dt.date | None = None,
) -> go.Figure:
    """One actor's stances over time: a lane per theme, a marker where each position takes
    effect and a bar in its colour for as long as it stands (until superseded or `until`).

    `history` is that actor's rows of position_chronology, oldest first.
    """
    theme_labels = theme_labels or {}
    themes = [t for t in theme_labels if t in set(history["theme"])] + sorted(set(history["theme"]) - set(theme_labels))
    lane = {t: i for i, t in enumerate(themes)}
    rows = history.assign(y=history["theme"].map(lane))
    following = rows.groupby("theme", sort=False)[FIRST_DAY].shift(-1)
    rows["stands_until"] = following.fillna(pd.Timestamp(until))
    fig = go.Figure()
    for stance in STANCES:
        group = rows[rows["stance"] == stance]
        if group.empty:
            continue
        _add_stands(fig, group, stance)
        fig.add_trace(_record_markers(group, stance, theme_labels))
    if as_of is not None:
        fig.add_vline(x=pd.Timestamp(as_of), line=dict(color="#333333", dash="dash", width=1))
        fig.add_annotation(x=pd.Timestamp(as_of), y=1, yref="paper", text="as of", showarrow=False, yanchor="bottom")
    fig.update_layout(
        template=TEMPLATE,
        height=max(220, 56 * len(themes) + 130),
        margin=dict(l=10, r=10, t=40, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.02, xanchor="left", x=0),
        hovermode="closest",
    )
    fig.update_xaxes(type="date", showgrid=True)
    fig.update_yaxes(
        tickvals=list(range(len(themes))),
        ticktext=[escape_plotly(theme_labels.get(t, t)) for t in themes],
        range=[len(themes) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    return fig


def _add_stands(fig: go.Figure, group: pd.DataFrame, stance: str) -> None:
    """One line trace per stance: a segment from each position to its successor."""
    xs, ys = [], []
    for start, end, y in zip(group[FIRST_DAY], group["stands_until"], group["y"], strict=True):
        xs += [start, end, None]
        ys += [y, y, None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color=STANCE_COLOURS[stance], width=10),
            opacity=0.35,
            hoverinfo="skip",
            showlegend=False,
            meta="stands:" + stance,
        )
    )


def _record_markers(group: pd.DataFrame, stance: str, theme_labels: dict[str, str]) -> go.Scatter:
    partial = group["precision"].astype(str) != "day"
    symbol = RECORD_SYMBOLS[stance]
    hover = [
        f"<b>{escape_plotly(stance_label(stance))}</b> on {escape_plotly(theme_labels.get(theme, theme))}<br>"
        f"{escape_plotly(prop)}<br>{escape_plotly(label)}"
        for theme, prop, label in zip(group["theme"], group["proposition"], group[DATE_LABEL], strict=True)
    ]
    return go.Scatter(
        x=group[FIRST_DAY],
        y=group["y"],
        mode="markers",
        name=stance_label(stance),
        marker=dict(
            symbol=[symbol + "-open" if p and symbol != "x" else symbol for p in partial],
            size=14,
            color=STANCE_COLOURS[stance],
            line=dict(color=STANCE_COLOURS[stance], width=2),
        ),
        customdata=group[[ID]].to_numpy(),
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        meta="record:" + stance,
    )
