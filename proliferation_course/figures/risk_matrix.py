"""Plotly face of the risk-matrix model: a heatmap of studies × risks, with the studies' scores.

Every state the static figure can show is computed here by calling the model
(:func:`proliferation_course.models.risk_matrix.risk_matrix`). A dropdown
switches between views: which risks each study identified, and the severity
of each risk under each weighting preset (the ``risk_matrix_presets`` table:
equal weights, or the security, alliance and diplomatic, or economic risks
emphasised). In an emphasis view a slider sets the emphasis factor from 1 to 5.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the indices of the traces a state changes (the
  heatmap and the score bars: every trace of this figure);
* :func:`risk_matrix_state`: the state for one model result and one drawing
  (``"identified"`` or ``"severity"``), a ``restyle`` payload for those traces;
* :func:`drawing_layout`: the title of the bars' axis, which follows the drawing;
* :func:`risk_matrix_snapshot_figure`: the figure for one drawing and one set of
  weights, with no controls.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _, language
from ..models.risk_matrix import (
    CATEGORY_LABELS,
    MAX_SEVERITY,
    NO_EMPHASIS,
    RISK_LABELS,
    RISKS,
    RiskMatrixResult,
    documented_cells,
    preset_arguments,
    risk_matrix,
)
from ..models.risk_matrix import PRESET_COLUMNS as MODEL_COLUMNS
from ..tables import DataTable, data_table
from .controls import check_frame, check_initial, choice, dropdown, records, slider, step
from .style import SPACE, base_layout, color

__all__ = [
    "DRAWINGS",
    "DYNAMIC_TRACES",
    "EMPHASIS_STEPS",
    "IDENTIFIED",
    "IDENTIFIED_LABEL",
    "PRESET_COLUMNS",
    "RISK_SHORT_LABELS",
    "STATUS_CODE",
    "STATUS_LABELS",
    "STUDIES_CAPTION",
    "STUDY_COLUMNS",
    "VIEW_LABEL",
    "bar_title",
    "check_presets",
    "check_studies",
    "documented_cells_table",
    "drawing_layout",
    "emphasis_label",
    "japan_studies_table",
    "risk_matrix_figure",
    "risk_matrix_snapshot_figure",
    "risk_matrix_state",
    "view_label",
    "wrap_label",
]

#: The two drawings of the matrix: the status of each cell, or its weighted severity.
DRAWINGS: tuple[str, str] = ("identified", "severity")
#: The view (and drawing) that shows which risks each study identified; every other view is a preset's.
IDENTIFIED = "identified"
IDENTIFIED_LABEL = N_("Which risks each study identified")
#: The visible label of the view dropdown (the live panel uses the same word); translated where shown.
VIEW_LABEL = N_("Matrix view")
#: Slider positions for the emphasis factor (the weight of the emphasised risks).
EMPHASIS_STEPS: tuple[float, ...] = (1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0)
#: Indices of the traces a state changes: the heatmap and the score bars.
DYNAMIC_TRACES: tuple[int, int] = (0, 1)
#: The columns of the ``risk_matrix_presets`` table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The columns of the ``japan_studies`` table that the figure reads.
STUDY_COLUMNS: tuple[str, ...] = ("study_id", "order", "label")
#: How a status is drawn in the "identified" view.
STATUS_CODE: dict[str, int] = {"not documented": 0, "discounted": 1, "identified": 2}
_STATUS_TEXT = {"not documented": "", "discounted": N_("disc."), "identified": N_("yes")}
#: How a status is named in the hover text and the tables (translated where shown).
STATUS_LABELS: dict[str, str] = {"not documented": N_("not documented"), "discounted": N_("discounted"),
                                 "identified": N_("identified")}
# Palette names of the colour scales: a status scale of three steps, and a sequential
# scale for the weighted severity. Each has a light and a dark value (figures/style.py).
_STATUS_COLOURS = ("heat_0", "series_2", "heat_2")
_SEVERITY_COLOURS = ("heat_0", "heat_1", "heat_2", "heat_3")
#: What an emphasis slider step changes: column labels and scores, cell colours, cell text.
STEP_KEYS: tuple[str, ...] = ("x", "z", "text")
#: Short column labels for the matrix (the full names are in RISK_LABELS).
RISK_SHORT_LABELS: dict[str, str] = {
    "arms_race": N_("Arms race"),
    "preventive_attack": N_("Preventive attack"),
    "npt_damage": N_("NPT damage"),
    "isolation_us": N_("Isolation, US ties"),
    "economic_burden": N_("Economic burden"),
    "sanctions": N_("Sanctions"),
    "no_test_site": N_("No test site"),
}
TITLE = N_("Japan's studies and the essay's seven risks (a teaching device)")


#: The frame's subtitle, notes and source (``layout.meta``), translated where shown.
_SUBTITLE = N_("Left, each study against each of the essay's seven risks; right, each study's share of the "
               "risks it identified, or its weighted risk score. The last row is the essay's own summary, "
               "not a study.")
_NOTES = N_("Cells: \"yes\" = identified, \"disc.\" = considered and discounted, blank = not documented "
            "in the sources consulted; numbers = severity 0 to 3 (× the risk's weight). A teaching device, "
            "not a measurement.")
_SOURCE = N_("The course's coding of secondary sources on each study (data/japan_study_risks.csv, with a "
             "note for every cell); the weightings are the course's choices.")


def wrap_label(text: str, width: int = 16) -> str:
    """Break a label into lines of at most ``width`` characters, joined by ``<br>``.

    Examples
    --------
    >>> wrap_label("Damage to the non-proliferation regime")
    'Damage to the<br>non-<br>proliferation<br>regime'

    Japanese has no spaces to break at: a Japanese label is broken after its first space or
    ideographic space, if any, and otherwise kept on one line.
    """
    if _has_japanese(str(text)):
        return str(text).replace(" ", "<br>", 1)
    return "<br>".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def _has_japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff" for ch in text)


def view_label(preset_label: str) -> str:
    """The dropdown's label for a weighting preset's view.

    >>> view_label("Equal weights")
    'Severity, equal weights'
    """
    return _("Severity, {preset}").format(preset=f"{preset_label[:1].lower()}{preset_label[1:]}")


def emphasis_label(emphasis: str) -> str:
    """The label of the emphasis slider of a preset that emphasises ``emphasis``.

    >>> emphasis_label("economic")
    'Weight of economic risks'
    """
    return _("Weight of {category} risks").format(category=_(CATEGORY_LABELS[emphasis]))


def bar_title(drawing: str) -> str:
    """The title of the bars' axis for a drawing."""
    return _("Share of risks identified") if drawing == IDENTIFIED else _("Weighted score S")


def drawing_layout(drawing: str) -> dict[str, str]:
    """The ``relayout`` payload that goes with a drawing: the title of the bars' axis."""
    return {"xaxis2.title.text": bar_title(drawing)}


def _colorscale(names: Sequence[str], stepped: bool) -> list[list[Any]]:
    if not stepped:
        return [[round(i / (len(names) - 1), 4), color(n)] for i, n in enumerate(names)]
    scale: list[list[Any]] = []
    for i, n in enumerate(names):
        scale += [[round(i / len(names), 4), color(n)], [round((i + 1) / len(names), 4), color(n)]]
    return scale


def _risk_axis_labels(weights: Mapping[str, float] | None) -> list[str]:
    # One line each, drawn upright (tickangle -90): two-line labels, or level ones, run into
    # each other over columns about 25 px wide on a phone and 55 px on a desktop.
    labels = []
    for r in RISKS:
        base = _(RISK_SHORT_LABELS[r])
        if weights is not None and len(set(weights.values())) > 1:
            base += f" <b>×{weights[r]:g}</b>"
        labels.append(base)
    return labels


def risk_matrix_state(result: RiskMatrixResult, drawing: str,
                      study_labels: Sequence[str]) -> dict[str, list[Any]]:
    """The ``restyle`` payload for one drawing: the heatmap (trace 0) and the score bars (trace 1).

    Parameters
    ----------
    result
        The model's output for the view's weights (any weights for "identified").
    drawing
        One of :data:`DRAWINGS`.
    study_labels
        Row labels, one per study of ``result``, in its order.
    """
    if drawing not in DRAWINGS:
        raise ValueError(_("drawing must be one of {drawings}; got {drawing!r}").format(
            drawings=", ".join(DRAWINGS), drawing=drawing))
    if len(study_labels) != len(result.studies):
        raise ValueError(_("study_labels must give one label per study"))
    ylab = [wrap_label(s, 22) for s in study_labels]
    n = len(RISKS)
    if drawing == IDENTIFIED:
        z: list[list[float]] = [[STATUS_CODE[s] for s in row] for row in result.status]
        text = [[_(_STATUS_TEXT[s]) if _STATUS_TEXT[s] else "" for s in row] for row in result.status]
        hover = [[(_("{risk}: {status}, severity {severity}") if v else _("{risk}: {status}")).format(
                      risk=_(RISK_LABELS[r]), status=_(STATUS_LABELS[s]), severity=v)
                  for r, s, v in zip(RISKS, srow, vrow, strict=True)]
                 for srow, vrow in zip(result.status, result.severity, strict=True)]
        values = list(result.identified_share)
        bar_text = [_("{count} of {total}").format(count=round(v * n), total=n) for v in values]
        heat: dict[str, Any] = {"colorscale": _colorscale(_STATUS_COLOURS, True), "zmin": 0, "zmax": 2}
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
        hover = [[_("{risk}: {status}, severity {severity}").format(
                      risk=_(RISK_LABELS[r]), status=_(STATUS_LABELS[s]), severity=v)
                  for r, s, v in zip(RISKS, srow, vrow, strict=True)]
                 for srow, vrow in zip(result.status, result.severity, strict=True)]
        values = [round(v, 4) for v in result.weighted_score]
        bar_text = [f"{v:.2f}" for v in values]
        heat = {"colorscale": _colorscale(_SEVERITY_COLOURS, False), "zmin": 0, "zmax": 1}
        xlab = _risk_axis_labels(w)
    state: dict[str, list[Any]] = {
        "x": [xlab, values],
        "y": [ylab, ylab],
        "z": [z, None],
        "text": [text, bar_text],
        "customdata": [hover, None],
    }
    for key, value in heat.items():
        state[key] = [value, None]
    return state


def check_studies(studies: pd.DataFrame) -> pd.DataFrame:
    """The ``japan_studies`` table checked (the columns the figure reads, at least one row),
    sorted by ``order``."""
    return check_frame(studies, STUDY_COLUMNS, name="studies")



def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``risk_matrix_presets`` table checked (the columns the explorer reads, at least one
    row, each row's emphasis and factor valid) and sorted by ``order``."""
    presets = check_frame(presets, PRESET_COLUMNS)
    for row in records(presets):
        preset_arguments(row)
    if IDENTIFIED in {str(p) for p in presets["preset_id"]}:
        raise ValueError(_("presets: the preset_id {preset!r} is the view of the statuses; rename the preset")
                         .format(preset=IDENTIFIED))
    return presets


def risk_matrix_snapshot_figure(
    studies: pd.DataFrame, risks: pd.DataFrame, drawing: str = IDENTIFIED,
    weights: Mapping[str, float] | None = None,
) -> go.Figure:
    """The heatmap and bars for one drawing and one set of weights, with no controls.

    The live panel wraps this figure and updates it; the static face adds a
    dropdown of views and an emphasis slider.
    """
    studies = check_studies(studies)
    order = [str(s) for s in studies["study_id"]]
    result = risk_matrix(risks, weights, study_order=order)
    state = risk_matrix_state(result, drawing, [str(x) for x in localized(studies, "label")])
    fig = go.Figure()
    fig.add_trace(go.Heatmap(
        x=state["x"][0], y=state["y"][0], z=state["z"][0], text=state["text"][0],
        customdata=state["customdata"][0], texttemplate="%{text}", textfont={"size": 12},
        colorscale=state["colorscale"][0], zmin=state["zmin"][0], zmax=state["zmax"][0],
        showscale=False, xgap=2, ygap=2, name=_("Risk matrix"),
        hovertemplate="%{y}<br>%{customdata}<extra></extra>", xaxis="x", yaxis="y",
    ))
    fig.add_trace(go.Bar(
        x=state["x"][1], y=state["y"][1], text=state["text"][1], orientation="h",
        textposition="outside", cliponaxis=False, marker={"color": color("accent")},
        textfont={"color": color("text")},
        name=_("Score"), hovertemplate="%{y}: %{x:.2f}<extra></extra>", showlegend=False,
        xaxis="x2", yaxis="y2",
    ))
    fig.update_layout(
        base_layout(title=_(TITLE), height=600),
        xaxis={"domain": [0.0, 0.74], "side": "top", "tickfont": {"size": 12}, "fixedrange": True,
               "automargin": True, "tickangle": -90, "showline": False, "ticks": ""},
        yaxis={"domain": [0.0, 1.0], "autorange": "reversed", "automargin": True, "fixedrange": True,
               "tickfont": {"size": 12}, "showline": False, "ticks": ""},
        xaxis2={"domain": [0.8, 0.97], "anchor": "y2", "range": [0, 1.25], "fixedrange": True,
                "side": "top", "title": {"text": bar_title(drawing), "font": {"size": 12}},
                "tickvals": [0, 0.5, 1], "tickfont": {"size": 11}},
        yaxis2={"domain": [0.0, 1.0], "anchor": "x2", "autorange": "reversed", "showticklabels": False,
                "fixedrange": True},
        margin={"l": SPACE["s"], "r": SPACE["l"], "t": 90, "b": SPACE["m"]},
        # On a narrow screen course.js stacks the matrix above the bars (see render.py).
        meta={"narrow": {"height": 860, "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.4, 1.0],
                         "xaxis.tickfont.size": 11, "title.font.size": 14,
                         "xaxis2.domain": [0.0, 0.86], "yaxis2.domain": [0.0, 0.33],
                         "xaxis2.side": "bottom", "yaxis2.showticklabels": True,
                         "yaxis2.tickfont": {"size": 11}},
              "subtitle": _(_SUBTITLE), "notes": _(_NOTES), "source": _(_SOURCE)},
    )
    fig.layout.meta["description"] = _(
        "A matrix of {rows} rows (five studies from 1968 to 1995 and the essay's summary) and "
        "seven columns (the essay's risks). In the first view each cell says whether the study "
        "identified the risk, considered and discounted it, or is not documented on it; the bars give "
        "the share of the seven risks each study identified. In the other views each cell's colour is "
        "its weighted severity and the bars give the weighted risk score S.").format(rows=len(order))
    return fig


def _slider(studies: pd.DataFrame, risks: pd.DataFrame, row: Mapping[str, Any],
            order: list[str]) -> dict[str, Any]:
    labels = [str(x) for x in localized(studies, "label")]
    steps = []
    for k in EMPHASIS_STEPS:
        weights = preset_arguments({**row, "factor": k})["weights"]
        state = risk_matrix_state(risk_matrix(risks, weights, study_order=order), "severity", labels)
        # A step sends only what the emphasis changes; the view's entry set the rest.
        steps.append(step(f"×{k:g}", value=f"{k:g}", state={key: state[key] for key in STEP_KEYS},
                          traces=DYNAMIC_TRACES))
    factor = float(row["factor"])
    if factor not in EMPHASIS_STEPS:
        raise ValueError(_("preset {preset!r}: factor must be one of the slider's steps {steps}; got {factor:g}")
                         .format(preset=row["preset_id"], steps=", ".join(f"{k:g}" for k in EMPHASIS_STEPS),
                                 factor=factor))
    return slider(steps, label=emphasis_label(str(row["emphasis"])), active=EMPHASIS_STEPS.index(factor),
                  name=f"emphasis-{row['preset_id']}")


def risk_matrix_figure(studies: pd.DataFrame, risks: pd.DataFrame, presets: pd.DataFrame,
                       initial: str | None = IDENTIFIED) -> go.Figure:
    """The static face of the risk matrix: a dropdown of views, and an emphasis slider.

    Parameters
    ----------
    studies
        The ``japan_studies`` table (``study_id``, ``order``, ``label``).
    risks
        The ``japan_study_risks`` table.
    presets
        The ``risk_matrix_presets`` table: one severity view per weighting preset.
    initial
        The view shown first: ``"identified"`` or a preset's ``preset_id``
        (``None``: the first view).

    Returns
    -------
    plotly.graph_objects.Figure
        Left: the study × risk heatmap. Right: each study's share of risks
        identified, or its weighted risk score. Every dropdown entry and slider
        step carries a state computed by the model.
    """
    studies = check_studies(studies)
    presets = check_presets(presets)
    rows = records(presets)
    views = [IDENTIFIED, *(str(r["preset_id"]) for r in rows)]
    initial = check_initial(initial, views, what="the views")
    order = [str(s) for s in studies["study_id"]]
    labels = [str(x) for x in localized(studies, "label")]
    first = risk_matrix(risks, None, study_order=order)
    entries = [choice(_(IDENTIFIED_LABEL), state=risk_matrix_state(first, IDENTIFIED, labels),
                      layout={**drawing_layout(IDENTIFIED), "sliders": []}, traces=DYNAMIC_TRACES)]
    sliders: dict[str, dict[str, Any]] = {}
    weights: dict[str, dict[str, float]] = {}
    for row in rows:
        pid = str(row["preset_id"])
        weights[pid] = preset_arguments(row)["weights"]
        state = risk_matrix_state(risk_matrix(risks, weights[pid], study_order=order), "severity", labels)
        layout: dict[str, Any] = {**drawing_layout("severity"), "sliders": []}
        if row["emphasis"] != NO_EMPHASIS:
            sliders[pid] = _slider(studies, risks, row, order)
            layout["sliders"] = [sliders[pid]]
        entries.append(choice(view_label(text(row, "label")), state=state, layout=layout,
                              traces=DYNAMIC_TRACES))
    if initial == IDENTIFIED:
        fig = risk_matrix_snapshot_figure(studies, risks, IDENTIFIED)
    else:
        fig = risk_matrix_snapshot_figure(studies, risks, "severity", weights[initial])
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(VIEW_LABEL), active=views.index(initial))],
        sliders=[sliders[initial]] if initial in sliders else [],
    )
    return fig


#: The caption of the studies' table.
STUDIES_CAPTION = N_("Japan's internal studies of the nuclear option, and the essay's summary")


def japan_studies_table(studies: pd.DataFrame) -> DataTable:
    """The table of the studies under the figure, in the reader's language."""
    ja = language() == "ja"
    years = [(f"{a}年" if ja else f"{a}") if a == b else (f"{a}–{b}年" if ja else f"{a}-{b}")
             for a, b in zip(studies["year_start"], studies["year_end"], strict=True)]
    shown = studies.assign(years=years, **{c: localized(studies, c)
                                           for c in ("label", "commissioning_body", "main_finding", "note")})
    return data_table(
        shown,
        {"label": _("Study"), "years": _("Years"), "commissioning_body": _("Body"),
         "main_finding": _("Main finding")},
        caption=_(STUDIES_CAPTION),
        note_column="note",
        note_heading=_("How it is known"),
    )


def documented_cells_table(studies: pd.DataFrame, risks: pd.DataFrame) -> DataTable:
    """The cells in which the public record documents a study's view of a risk, in the reader's
    language (:func:`proliferation_course.models.risk_matrix.documented_cells`)."""
    cells = documented_cells(studies, risks)
    shown = cells.assign(status=[_(STATUS_LABELS[str(s)]) for s in cells["status"]],
                         note=localized(cells, "note"))
    return data_table(
        shown,
        {"study": _("Study"), "risk": _("Risk"), "status": _("Status"), "severity": _("Severity (0-3)")},
        caption=_("Risks the public record documents for each study (the course's coding)"),
        note_column="note",
        note_heading=_("Why"),
    )
