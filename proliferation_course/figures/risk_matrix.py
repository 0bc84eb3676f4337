"""Plotly face of the risk-matrix model: a heatmap of studies × risks, with the studies' scores.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.risk_matrix.risk_matrix`). A dropdown
switches between views: which risks each study identified, and the severity
of each risk weighted four ways (equal weights, or the security, alliance and
diplomatic, or economic risks emphasised). In an emphasis view a slider sets
the emphasis factor from 1 to 5.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from ..models.risk_matrix import (
    CATEGORY_LABELS,
    MAX_SEVERITY,
    RISK_CATEGORY,
    RISK_LABELS,
    RISKS,
    RiskMatrixResult,
    category_weights,
    risk_matrix,
)
from .style import COLORS, FONT_FAMILY, base_layout

__all__ = [
    "CAPTION",
    "EMPHASIS_STEPS",
    "RISK_SHORT_LABELS",
    "STATUS_CODE",
    "VIEWS",
    "VIEW_LABELS",
    "risk_matrix_figure",
    "risk_matrix_snapshot_figure",
    "risk_view_state",
    "view_weights",
    "wrap_label",
]

#: The views the dropdown offers, in order.
VIEWS: tuple[str, ...] = ("identified", "equal", "security", "diplomacy", "economic")
VIEW_LABELS: dict[str, str] = {
    "identified": "Which risks each study identified",
    "equal": "Severity, equal weights",
    "security": "Severity, security risks weighted up",
    "diplomacy": "Severity, alliance and diplomatic risks weighted up",
    "economic": "Severity, economic risks weighted up",
}
#: Slider positions for the emphasis factor (the weight of the emphasised risks).
EMPHASIS_STEPS: tuple[float, ...] = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
DEFAULT_FACTOR = 3.0
#: How a status is drawn in the "identified" view.
STATUS_CODE: dict[str, int] = {"not documented": 0, "discounted": 1, "identified": 2}
_STATUS_TEXT = {"not documented": "", "discounted": "disc.", "identified": "yes"}
_STATUS_SCALE = [[0.0, "#e9e9e9"], [1 / 3, "#e9e9e9"], [1 / 3, "#9ecae1"], [2 / 3, "#9ecae1"],
                 [2 / 3, COLORS["fails"]], [1.0, COLORS["fails"]]]
_SEVERITY_SCALE = [[0.0, "#f7f7f7"], [0.34, "#fdd0a2"], [0.67, "#f16913"], [1.0, "#8c2d04"]]
_DYNAMIC = [0, 1]
#: What an emphasis slider step changes: column labels and scores, cell colours, cell text.
STEP_KEYS: tuple[str, ...] = ("x", "z", "text")
#: Short column labels for the matrix (the full names are in RISK_LABELS).
RISK_SHORT_LABELS: dict[str, str] = {
    "arms_race": "Arms race",
    "preventive_attack": "Preventive attack",
    "npt_damage": "NPT damage",
    "isolation_us": "Isolation, US ties",
    "economic_burden": "Economic burden",
    "sanctions": "Sanctions",
    "no_test_site": "No test site",
}
#: What the cells show, under the matrix.
CAPTION = ("Cells: <b>yes</b> = identified, <b>disc.</b> = considered and discounted, blank = not documented;<br>"
           "numbers = severity 0-3 (× weight). The coding is the course's reading of secondary sources.")
_CAPTION_NARROW = ("Cells: <b>yes</b> = identified, <b>disc.</b> = considered<br>and discounted, "
                   "blank = not documented;<br>numbers = severity 0-3 (× weight).<br>"
                   "The coding is the course's reading<br>of secondary sources.")
TITLE = "Japan's studies and the essay's seven risks (a teaching device)"
_STUDY_COLUMNS = ("study_id", "order", "label")


def wrap_label(text: str, width: int = 16) -> str:
    """Break a label into lines of at most ``width`` characters, joined by ``<br>``.

    Examples
    --------
    >>> wrap_label("Damage to the non-proliferation regime")
    'Damage to the<br>non-<br>proliferation<br>regime'
    """
    return "<br>".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def view_weights(view: str, factor: float = DEFAULT_FACTOR) -> dict[str, float] | None:
    """The weights a view uses: ``None`` for "identified", else category weights.

    Examples
    --------
    >>> view_weights("equal")["sanctions"], view_weights("economic", 5.0)["sanctions"]
    (1.0, 5.0)
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}; got {view!r}")
    if view == "identified":
        return None
    return category_weights(None if view == "equal" else view, factor)


def _risk_axis_labels(weights: Mapping[str, float] | None) -> list[str]:
    labels = []
    for r in RISKS:
        base = wrap_label(RISK_SHORT_LABELS[r], 10)
        if weights is not None and len(set(weights.values())) > 1:
            base += f"<br><b>×{weights[r]:g}</b>"
        labels.append(base)
    return labels


def risk_view_state(result: RiskMatrixResult, view: str, study_labels: Sequence[str]) -> dict[str, list]:
    """The ``restyle`` payload for one view: the heatmap (trace 0) and the score bars (trace 1).

    Parameters
    ----------
    result
        The model's output for the view's weights (any weights for "identified").
    view
        One of :data:`VIEWS`.
    study_labels
        Row labels, one per study of ``result``, in its order.
    """
    if view not in VIEWS:
        raise ValueError(f"view must be one of {', '.join(VIEWS)}; got {view!r}")
    if len(study_labels) != len(result.studies):
        raise ValueError("study_labels must give one label per study")
    ylab = [wrap_label(s, 22) for s in study_labels]
    n = len(RISKS)
    if view == "identified":
        z = [[STATUS_CODE[s] for s in row] for row in result.status]
        text = [[_STATUS_TEXT[s] for s in row] for row in result.status]
        hover = [[f"{RISK_LABELS[r]}: {s}" + (f", severity {v}" if v else "")
                  for r, s, v in zip(RISKS, srow, vrow, strict=True)]
                 for srow, vrow in zip(result.status, result.severity, strict=True)]
        values = list(result.identified_share)
        bar_text = [f"{round(v * n)} of {n}" for v in values]
        heat = {"colorscale": _STATUS_SCALE, "zmin": 0, "zmax": 2}
        xlab = _risk_axis_labels(None)
    else:
        w = result.weights
        wmax = max(w.values())
        z = [[round(w[r] * v / (MAX_SEVERITY * wmax), 4) for r, v in zip(RISKS, vrow, strict=True)]
             for vrow in result.severity]
        uneven = len(set(w.values())) > 1
        text = [[("" if v == 0 else (f"{v}×{w[r]:g}" if uneven and w[r] != 1 else f"{v}"))
                 for r, v in zip(RISKS, vrow, strict=True)] for vrow in result.severity]
        # The weight is in the column label and the cell text; leaving it out of the
        # hover text keeps that text the same at every slider step, so steps need not send it.
        hover = [[f"{RISK_LABELS[r]}: {s}, severity {v}"
                  for r, s, v in zip(RISKS, srow, vrow, strict=True)]
                 for srow, vrow in zip(result.status, result.severity, strict=True)]
        values = [round(v, 4) for v in result.weighted_score]
        bar_text = [f"{v:.2f}" for v in values]
        heat = {"colorscale": _SEVERITY_SCALE, "zmin": 0, "zmax": 1}
        xlab = _risk_axis_labels(w)
    state: dict[str, list] = {
        "x": [xlab, values],
        "y": [ylab, ylab],
        "z": [z, None],
        "text": [text, bar_text],
        "customdata": [hover, None],
    }
    for key, value in heat.items():
        state[key] = [value, None]
    return state


def _check_studies(studies: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(studies, pd.DataFrame):
        raise ValueError(f"studies must be a pandas DataFrame, got {type(studies).__name__}")
    missing = [c for c in _STUDY_COLUMNS if c not in studies.columns]
    if missing:
        raise ValueError(f"studies is missing column(s): {', '.join(missing)}")
    if studies.empty:
        raise ValueError("studies has no rows")
    return studies.sort_values("order").reset_index(drop=True)


def _bar_title(view: str) -> str:
    if view == "identified":
        return "Share of risks identified"
    return "Weighted score S"


def risk_matrix_snapshot_figure(
    studies: pd.DataFrame, risks: pd.DataFrame, view: str = "identified", factor: float = DEFAULT_FACTOR,
    weights: Mapping[str, float] | None = None,
) -> go.Figure:
    """The heatmap and bars for one view and one set of weights, with no controls.

    ``weights`` overrides the view's own weights (the live panel uses this);
    ``view`` then only decides between the status and the severity drawing.
    """
    studies = _check_studies(studies)
    order = [str(s) for s in studies["study_id"]]
    w = weights if weights is not None else view_weights(view, factor)
    result = risk_matrix(risks, w, study_order=order)
    state = risk_view_state(result, view, list(studies["label"]))
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        x=state["x"][0], y=state["y"][0], z=state["z"][0], text=state["text"][0],
        customdata=state["customdata"][0], texttemplate="%{text}", textfont={"size": 11},
        colorscale=state["colorscale"][0], zmin=state["zmin"][0], zmax=state["zmax"][0],
        showscale=False, xgap=2, ygap=2, name="Risk matrix",
        hovertemplate="%{y}<br>%{customdata}<extra></extra>", xaxis="x", yaxis="y",
    ))
    fig.add_trace(go.Bar(
        x=state["x"][1], y=state["y"][1], text=state["text"][1], orientation="h",
        textposition="outside", cliponaxis=False, marker={"color": COLORS["triangle"]},
        name="Score", hovertemplate="%{y}: %{x:.2f}<extra></extra>", showlegend=False,
        xaxis="x2", yaxis="y2",
    ))
    fig.update_layout(
        base_layout(title=TITLE, height=640),
        annotations=[{"xref": "paper", "yref": "paper", "x": 0.0, "y": -0.03, "xanchor": "left",
                      "yanchor": "top", "align": "left", "showarrow": False, "text": CAPTION,
                      "font": {"size": 11, "color": COLORS["text"]}}],
        xaxis={"domain": [0.0, 0.72], "side": "top", "tickfont": {"size": 10}, "fixedrange": True,
               "automargin": True, "tickangle": 0},
        yaxis={"domain": [0.0, 0.78], "autorange": "reversed", "automargin": True, "fixedrange": True,
               "tickfont": {"size": 11}},
        xaxis2={"domain": [0.78, 0.97], "anchor": "y2", "range": [0, 1.25], "fixedrange": True,
                "side": "top", "title": {"text": _bar_title(view), "font": {"size": 12}},
                "tickvals": [0, 0.5, 1], "tickfont": {"size": 10}},
        yaxis2={"domain": [0.0, 0.78], "anchor": "x2", "autorange": "reversed", "showticklabels": False,
                "fixedrange": True},
        margin={"l": 10, "r": 20, "t": 100, "b": 120},
        # On a narrow screen course.js stacks the matrix above the bars (see render.py).
        meta={"narrow": {"height": 1000, "margin.t": 125, "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 0.86],
                         "annotations.0.y": 0.485, "annotations.0.x": -0.7, "updatemenus.0.x": -0.7,
                         "xaxis.tickangle": -90, "xaxis.tickfont.size": 9, "title.font.size": 14,
                         "xaxis2.domain": [0.0, 0.86], "yaxis2.domain": [0.0, 0.27],
                         "yaxis2.showticklabels": True, "yaxis2.tickfont": {"size": 10},
                         "title.text": "Japan's studies and the essay's<br>seven risks (a teaching device)",
                         "updatemenus.0.font.size": 10, "annotations.0.text": _CAPTION_NARROW}},
    )
    return fig


def _slider(studies: pd.DataFrame, risks: pd.DataFrame, view: str, order: list[str]) -> dict:
    steps = []
    for k in EMPHASIS_STEPS:
        result = risk_matrix(risks, view_weights(view, k), study_order=order)
        state = risk_view_state(result, view, list(studies["label"]))
        # A step sends only what the emphasis changes; the view's button set the rest.
        state = {key: state[key] for key in STEP_KEYS}
        steps.append({"method": "restyle", "label": f"×{k:g}", "value": f"{k:g}",
                      "args": [state, _DYNAMIC]})
    return {
        "name": f"emphasis-{view}",
        "active": EMPHASIS_STEPS.index(DEFAULT_FACTOR),
        "currentvalue": {"prefix": f"Weight of {CATEGORY_LABELS[view]} risks: ", "font": {"size": 13}},
        "pad": {"t": 10, "b": 10},
        "len": 1.0,
        "x": 0.0,
        "y": -0.1,
        "yanchor": "top",
        "steps": steps,
    }


def risk_matrix_figure(studies: pd.DataFrame, risks: pd.DataFrame, initial: str = "identified") -> go.Figure:
    """The static face of the risk matrix: a dropdown of views, and an emphasis slider.

    Parameters
    ----------
    studies
        The ``japan_studies`` table (``study_id``, ``order``, ``label``).
    risks
        The ``japan_study_risks`` table.
    initial
        The view shown first, one of :data:`VIEWS`.

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the study × risk heatmap. Right: each study's share of risks
        identified, or its weighted risk score. Every dropdown entry and slider
        step carries a state computed by the model.
    """
    studies = _check_studies(studies)
    if initial not in VIEWS:
        raise ValueError(f"initial must be one of {', '.join(VIEWS)}; got {initial!r}")
    order = [str(s) for s in studies["study_id"]]
    labels = list(studies["label"])
    buttons, sliders = [], {}
    for view in VIEWS:
        result = risk_matrix(risks, view_weights(view), study_order=order)
        state = risk_view_state(result, view, labels)
        layout: dict = {"xaxis2.title.text": _bar_title(view)}
        if view in RISK_CATEGORY.values():
            sliders[view] = _slider(studies, risks, view, order)
            layout["sliders"] = [sliders[view]]
        else:
            layout["sliders"] = []
        buttons.append({"method": "update", "label": VIEW_LABELS[view], "args": [state, layout, _DYNAMIC]})
    fig = risk_matrix_snapshot_figure(studies, risks, view=initial)
    fig.update_layout(
        updatemenus=[{"type": "dropdown", "buttons": buttons, "x": 0.0, "xanchor": "left",
                      "y": 1.0, "yanchor": "bottom", "direction": "down", "active": VIEWS.index(initial),
                      "pad": {"b": 4}, "font": {"family": FONT_FAMILY, "size": 12}}],
        sliders=[sliders[initial]] if initial in sliders else [],
    )
    return fig
