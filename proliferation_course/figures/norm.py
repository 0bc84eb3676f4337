"""Plotly faces of the norm-strength model and of the NPT membership table.

Every state the static explorer can show is computed here by calling the model
(:func:`proliferation_course.models.norm.evaluate_norm`), so the website needs
no kernel: a dropdown switches between sets of defections (the ``norm_presets``
table), and a slider moves the tipping point with the set held fixed. Only the
traces that change travel with each control, rounded to :data:`ROUND` decimals.

What the controls change, for the live panel and the tests:

* :data:`DYNAMIC_TRACES`: the indices of the traces a state changes (the bars,
  the tipping curve, the tipping-point line, the W and U markers);
* :func:`norm_state`: the state for one model result, a ``restyle`` payload for
  those traces (the same payload the static figure's controls send);
* :func:`defection_layout`: the line above the bars that says who defects;
* :func:`norm_snapshot_figure`: the figure for one model result, with no controls.
"""

from __future__ import annotations

import datetime
import textwrap
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from ..data import localized, text
from ..i18n import N_, _, format_date, language
from ..models.norm import (
    DEFAULT_STEEPNESS,
    DEFAULT_TIPPING_POINT,
    NPT_PARTIES,
    NUCLEAR_WEAPON_STATES,
    NormResult,
    criticality_weight,
    evaluate_norm,
    preset_arguments,
    strength_curve,
    tipping_strength,
)
from ..models.norm import PRESET_COLUMNS as MODEL_COLUMNS
from ..tables import DataTable, data_table
from .controls import check_frame, check_initial, choice, dropdown, records, slider, step
from .style import SPACE, base_layout, color

__all__ = [
    "BAR_LABELS",
    "CURVE_LOWER",
    "DYNAMIC_TRACES",
    "PRESET_COLUMNS",
    "PRESET_LABEL",
    "ROUND",
    "STATE_COLUMNS",
    "TIPPING_LABEL",
    "TIPPING_STEPS",
    "check_presets",
    "defection_layout",
    "describe_defections",
    "key_states_for_display",
    "key_states_table",
    "norm_figure",
    "norm_result",
    "norm_snapshot_figure",
    "norm_state",
    "npt_parties_figure",
    "npt_parties_table",
    "other_parties",
    "state_names",
    "weights_from_table",
]

#: Slider positions for the tipping point tau: 0.80, 0.82, ..., 0.98.
TIPPING_STEPS: tuple[float, ...] = tuple(round(0.80 + 0.02 * i, 2) for i in range(10))
#: Decimals kept in the page's precomputed values.
ROUND: int = 4
#: The tipping curve is drawn for weighted compliance from this value to 1.
CURVE_LOWER: float = 0.75
_CURVE_POINTS = 26
_CURVE_DX = (1.0 - CURVE_LOWER) / (_CURVE_POINTS - 1)
BAR_LABELS: tuple[str, str, str] = (N_("U: states<br>complying"),
                                    N_("W: weighted<br>compliance"),
                                    N_("S: norm<br>strength"))
#: Indices of the traces a state changes: bars, curve, tau line, W marker, U marker.
DYNAMIC_TRACES: tuple[int, ...] = (0, 1, 2, 3, 4)
#: The columns of the ``norm_states`` table that the figure reads.
STATE_COLUMNS: tuple[str, ...] = ("state_id", "state", "latency_score", "negotiation_score",
                                  "exemplar_score", "complies_today")
#: The columns of the ``norm_presets`` table that the figure and the panel read.
PRESET_COLUMNS: tuple[str, ...] = ("preset_id", "label", *MODEL_COLUMNS)
#: The visible labels of the controls (the live panel uses the same words).
PRESET_LABEL, TIPPING_LABEL = N_("Defections"), N_("Tipping point τ")
_BAR_COLORS = ["series_3", "series_2", "accent"]
_BAR_PATTERNS = ["", "/", "."]
#: Characters per line of the text above the bars (it wraps to fit a phone).
_LINE_CHARS = 40
#: On a phone, the NPT chart labels markers at least this many years apart.
_LABEL_GAP_NARROW = 9


#: The frame's subtitle, notes and source (``layout.meta``).
_SUBTITLE = N_("Left, how much of the norm still complies when some states defect: counted by states (U), "
               "weighted by how critical each state is (W), and after the tipping curve (S). Right, the "
               "tipping curve that turns W into S.")
_NOTES = N_("A stylised teaching model, not a prediction. The criticality weights and the tipping point "
            "are the course's assumptions; the DPRK defects in every scenario.")
_SOURCE = N_("The course's model (chapter 7); the key states' scores and the scenarios are the course "
             "authors' judgements, with their reasons in the tables below.")
#: Characters per line of the text above the bars in Japanese (each character is about twice as wide).
_LINE_CHARS_JA = 20


def _wrap(line: str) -> list[str]:
    """``line`` broken to fit a phone: at spaces in English, after a Japanese comma or colon (or,
    failing that, at :data:`_LINE_CHARS_JA` characters) in Japanese."""
    if language() != "ja":
        return textwrap.wrap(line, _LINE_CHARS)
    lines, current = [], ""
    for ch in line:
        current += ch
        if len(current) >= _LINE_CHARS_JA:
            cut = max(current.rfind("、"), current.rfind("："))
            if cut <= 0 or cut == len(current) - 1:
                cut = len(current) - 1
            lines.append(current[:cut + 1])
            current = current[cut + 1:]
    return [*lines, current] if current else lines


def _r(value: float) -> float:
    return round(float(value), ROUND) + 0.0


def weights_from_table(states: pd.DataFrame) -> dict[str, float]:
    """Criticality weights of the key states, ``{state_id: 1 + latency + negotiation + exemplar}``.

    Parameters
    ----------
    states
        The ``norm_states`` table (see ``data/datapackage.json``).
    """
    states = check_frame(states, STATE_COLUMNS, name="states")
    return {
        str(row["state_id"]): criticality_weight(int(row["latency_score"]), int(row["negotiation_score"]),
                                                 int(row["exemplar_score"]))
        for row in records(states)
    }



def other_parties(states: pd.DataFrame) -> int:
    """How many non-nuclear-weapon parties are not among the key states: 191 - 5 - len(states)."""
    return NPT_PARTIES - NUCLEAR_WEAPON_STATES - len(check_frame(states, STATE_COLUMNS, name="states"))


def norm_result(states: pd.DataFrame, defectors: Sequence[str], others_defecting: int = 0,
                tipping_point: float = DEFAULT_TIPPING_POINT,
                steepness: float = DEFAULT_STEEPNESS) -> NormResult:
    """Call the model with the key states of ``states`` and the other parties at weight 1."""
    return evaluate_norm(weights_from_table(states), defectors, others=other_parties(states),
                         others_defecting=others_defecting, tipping_point=tipping_point,
                         steepness=steepness)


def state_names(states: pd.DataFrame) -> dict[str, str]:
    """``{state_id: state}``: how the figure and the panel name each key state."""
    states = check_frame(states, STATE_COLUMNS, name="states")
    return {str(row["state_id"]): text(row, "state") for row in records(states)}


def describe_defections(result: NormResult, baseline: NormResult, names: dict[str, str]) -> str:
    """The text above the bars: who defects, and how much more than at ``baseline``.

    Lines are broken with ``<br>`` at about 40 characters, so that the text fits a phone.

    Examples
    --------
    >>> w = {"a": 2.0, "b": 1.0}
    >>> base = evaluate_norm(w, [], others=2)
    >>> describe_defections(evaluate_norm(w, ["a"], others=2), base, {"a": "Aland"})
    'Defecting: Aland.<br>1 more than today: 25.0% of states,<br>40.0% of criticality.'
    """
    who = [names.get(d, d) for d in result.defectors]
    if result.others_defecting == 1:
        who.append(_("1 small state"))
    elif result.others_defecting:
        who.append(_("{count} small states").format(count=result.others_defecting))
    listed = ("、" if language() == "ja" else ", ").join(who) or _("none")
    lines = _wrap(_("Defecting: {states}.").format(states=listed))
    extra_states = result.n_defecting - baseline.n_defecting
    if extra_states <= 0:
        return "<br>".join([*lines, _("This is the starting point.")])
    lost_states = (baseline.unweighted - result.unweighted) * 100
    lost_weight = (baseline.weighted - result.weighted) * 100
    lines += _wrap(_("{extra} more than today: {states:.1f}% of states, {weight:.1f}% of criticality.").format(
        extra=extra_states, states=lost_states, weight=lost_weight))
    return "<br>".join(lines)


def defection_layout(result: NormResult, baseline: NormResult, names: dict[str, str]) -> dict[str, str]:
    """The ``relayout`` payload for the text above the bars (see :func:`describe_defections`)."""
    return {"annotations[0].text": describe_defections(result, baseline, names)}


def norm_state(result: NormResult) -> dict[str, list[Any]]:
    """Data for the figure's changing traces, as a ``restyle`` payload over :data:`DYNAMIC_TRACES`.

    Keys map to one value per dynamic trace: bars (U, W, S), the tipping curve,
    the tipping-point line, the W marker and the U marker. The bars' and the
    curve's ``x`` are ``None``: those traces place their points by ``x0`` and
    ``dx`` on a grid that never changes, and a ``null`` ``x`` leaves it so. Texts
    come from ``texttemplate``, so they need no payload. Values are rounded to
    :data:`ROUND` decimals.
    """
    tau, k = result.tipping_point, result.steepness
    _, ys = strength_curve(tau, k, lower=CURVE_LOWER, points=_CURVE_POINTS)
    s_at_u = tipping_strength(result.unweighted, tau, k)
    bars = [_r(result.unweighted), _r(result.weighted), _r(result.strength)]
    return {
        "x": [None, None, [_r(tau), _r(tau)], [_r(result.weighted)], [_r(result.unweighted)]],
        "y": [bars, [_r(y) for y in ys], [0.0, 1.05], [_r(result.strength)], [_r(s_at_u)]],
    }


def check_presets(presets: pd.DataFrame) -> pd.DataFrame:
    """The ``norm_presets`` table checked (a DataFrame with the columns the explorer reads,
    at least one row, each row's defections well formed) and sorted by ``order``."""
    presets = check_frame(presets, PRESET_COLUMNS)
    for row in records(presets):
        preset_arguments(row)
    return presets


def _slider(states: pd.DataFrame, preset_id: str, defectors: Sequence[str], others_defecting: int,
            active_tau: float, steepness: float) -> dict[str, Any]:
    steps = [step(f"{tau:.2f}", state=norm_state(norm_result(states, defectors, others_defecting,
                                                              tau, steepness)),
                  traces=DYNAMIC_TRACES)
             for tau in TIPPING_STEPS]
    return slider(steps, label=_(TIPPING_LABEL), active=TIPPING_STEPS.index(active_tau),
                  name=f"tipping-{preset_id}")


def norm_snapshot_figure(result: NormResult, baseline: NormResult | None = None,
                         names: dict[str, str] | None = None) -> go.Figure:
    """The norm-strength figure for one model result, with no controls.

    Left: bars of unweighted compliance U, weighted compliance W and norm
    strength S. Right: the tipping curve S(W), the tipping point and where W
    and U fall on it. The live panel wraps this figure; the static face adds a
    dropdown and a slider.
    """
    state = norm_state(result)
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x0=0, dx=1, y=state["y"][0], texttemplate="%{y:.3f}", textposition="outside",
        cliponaxis=False, customdata=[_(label).replace("<br>", "" if language() == "ja" else " ")
                                      for label in BAR_LABELS],
        marker={"color": [color(c) for c in _BAR_COLORS], "pattern": {"shape": _BAR_PATTERNS}},
        hovertemplate="%{customdata}: %{y:.3f}<extra></extra>", showlegend=False, xaxis="x", yaxis="y"))
    fig.add_trace(go.Scatter(
        x0=CURVE_LOWER, dx=_CURVE_DX, y=state["y"][1], mode="lines", name=_("Tipping curve S(W)"),
        line={"color": color("accent"), "width": 2.5, "shape": "spline"},
        hovertemplate=_("W = %{x:.3f} gives S = %{y:.3f}") + "<extra></extra>", xaxis="x2", yaxis="y2"))
    # The tipping point moves with the slider, so it is a trace, drawn in the threshold style.
    fig.add_trace(go.Scatter(
        x=state["x"][2], y=state["y"][2], mode="lines", name=_(TIPPING_LABEL),
        line={"color": color("threshold"), "dash": "dash", "width": 2}, hoverinfo="skip",
        xaxis="x2", yaxis="y2"))
    fig.add_trace(go.Scatter(
        x=state["x"][3], y=state["y"][3], texttemplate="W = %{x:.3f}", mode="markers+text",
        textposition="middle left", name=_("Weighted reading (W, S)"),
        marker={"symbol": "diamond", "size": 13, "color": color("series_1"),
                "line": {"color": color("background"), "width": 1}},
        hovertemplate=_("weighted: W = %{x:.3f}, S = %{y:.3f}") + "<extra></extra>", xaxis="x2", yaxis="y2"))
    fig.add_trace(go.Scatter(
        x=state["x"][4], y=state["y"][4], texttemplate="U = %{x:.3f}", mode="markers+text",
        textposition="bottom left", name=_("If every state counted equally (U)"),
        marker={"symbol": "circle-open", "size": 12, "color": color("text"),
                "line": {"width": 2, "color": color("text")}},
        hovertemplate=_("unweighted: U = %{x:.3f}, S(U) = %{y:.3f}") + "<extra></extra>",
        xaxis="x2", yaxis="y2"))
    annotation = describe_defections(result, baseline or result, names or {})
    fig.update_layout(
        base_layout(title=_("Critical states and the norm (a teaching model)"), height=560),
        xaxis={"domain": [0.0, 0.42], "fixedrange": True, "tickfont": {"size": 11},
               "tickmode": "array", "tickvals": [0, 1, 2], "ticktext": [_(label) for label in BAR_LABELS],
               "tickangle": 0,
               "range": [-0.6, 2.6]},
        yaxis={"domain": [0.0, 0.84], "range": [0, 1.12], "fixedrange": True,
               "title": {"text": _("Share (0 to 1)")}},
        xaxis2={"domain": [0.55, 1.0], "anchor": "y2", "range": [CURVE_LOWER, 1.0], "fixedrange": True,
                "title": {"text": _("Weighted compliance W")}},
        yaxis2={"domain": [0.0, 0.84], "anchor": "x2", "range": [0, 1.05], "fixedrange": True,
                "title": {"text": _("Norm strength S")}},
        showlegend=False,
        annotations=[{"xref": "paper", "yref": "paper", "x": 0.0, "y": 1.0, "xanchor": "left",
                      "yanchor": "top", "showarrow": False, "align": "left", "text": annotation,
                      "font": {"size": 12, "color": color("text")}}],
        bargap=0.3,
        margin={"l": SPACE["s"], "r": SPACE["m"], "t": 90, "b": SPACE["xl"]},
        # On a narrow screen course.js stacks the two panels (see render.py).
        meta={"narrow": {"height": 820, "title.font.size": 14,
                         "xaxis.domain": [0.0, 1.0], "yaxis.domain": [0.5, 0.9],
                         "xaxis2.domain": [0.14, 1.0], "yaxis2.domain": [0.0, 0.38],
                         "annotations[0].font.size": 12},
              "subtitle": _(_SUBTITLE), "notes": _(_NOTES), "source": _(_SOURCE)},
    )
    fig.layout.meta["description"] = _(
        "Left: three bars for the same set of defections, the share of states that comply (U), "
        "the share of criticality that complies (W) and the norm's strength after the tipping "
        "curve (S). Right: the tipping curve, S against W, with a dashed line at the tipping "
        "point; a diamond marks the weighted reading and an open circle where the unweighted "
        "share would fall. When critical states defect, W and S fall much further than U."
    )
    return fig


def norm_figure(states: pd.DataFrame, presets: pd.DataFrame, initial: str | None = "japan_germany",
                steepness: float = DEFAULT_STEEPNESS,
                tipping_point: float = DEFAULT_TIPPING_POINT) -> go.Figure:
    """The static face of the norm-strength explorer: defection sets and a tipping-point slider.

    Parameters
    ----------
    states
        The ``norm_states`` table.
    presets
        The ``norm_presets`` table: the sets of defections the dropdown offers,
        the first (by ``order``) being the starting point the others are compared with.
    initial
        ``preset_id`` of the defection set shown first; the first preset if ``None``.
    steepness
        ``k`` of the tipping curve, fixed on the static face.
    tipping_point
        ``tau`` shown first; one of :data:`TIPPING_STEPS`.

    Returns
    -------
    plotly.graph_objects.Figure
        Every dropdown entry and slider step carries a state computed by the model.
    """
    states = check_frame(states, STATE_COLUMNS, name="states")
    presets = check_presets(presets)
    ids = [str(i) for i in presets["preset_id"]]
    initial = check_initial(initial, ids)
    tipping_point = round(float(tipping_point), 2)
    if tipping_point not in TIPPING_STEPS:
        raise ValueError(_("tipping_point must be one of {steps}, got {value!r}").format(
            steps=TIPPING_STEPS, value=tipping_point))
    names = state_names(states)
    scenarios = {str(row["preset_id"]): preset_arguments(row) for row in records(presets)}
    results = {pid: norm_result(states, **args, tipping_point=tipping_point, steepness=steepness)
               for pid, args in scenarios.items()}
    baseline = results[ids[0]]
    entries, sliders = [], {}
    for row in records(presets):
        pid = str(row["preset_id"])
        args = scenarios[pid]
        sliders[pid] = _slider(states, pid, args["defectors"], args["others_defecting"],
                               tipping_point, steepness)
        entries.append(choice(text(row, "label"), state=norm_state(results[pid]),
                              layout={"sliders": [sliders[pid]],
                                      **defection_layout(results[pid], baseline, names)},
                              traces=DYNAMIC_TRACES))
    fig = norm_snapshot_figure(results[initial], baseline, names)
    fig.update_layout(
        updatemenus=[dropdown(entries, label=_(PRESET_LABEL), active=ids.index(initial))],
        sliders=[sliders[initial]],
    )
    return fig


def npt_parties_figure(parties: pd.DataFrame) -> go.Figure:
    """NPT parties in the years for which a source gives a count, 1970 to 2025.

    Parameters
    ----------
    parties
        The ``npt_parties_by_year`` table.

    Returns
    -------
    plotly.graph_objects.Figure
        Markers at the sourced years, joined by a dotted line (the years between
        are not data); hovering a marker names who gives the count.
    """
    df = check_frame(parties, ("year", "parties", "counted_by"), name="parties")
    df = df.sort_values("year").reset_index(drop=True)
    years = [int(y) for y in df["year"]]
    counts = [int(p) for p in df["parties"]]
    # On a phone, labels closer than _LABEL_GAP_NARROW years overlap ("188188189190191"): keep the
    # latest, and going back, each label at least that far from the last one kept.
    narrow_text, kept = [""] * len(years), None
    for i in range(len(years) - 1, -1, -1):
        if kept is None or kept - years[i] >= _LABEL_GAP_NARROW:
            narrow_text[i], kept = str(counts[i]), years[i]
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=years, y=counts, mode="lines+markers+text", text=[str(c) for c in counts],
        textposition="top center", customdata=list(localized(df, "counted_by")),
        line={"color": color("accent"), "dash": "dot", "width": 2},
        marker={"size": 9, "color": color("accent"), "symbol": "circle"},
        name=_("States parties (as counted by the source)"),
        hovertemplate=_("%{x}: %{y} parties, as counted by %{customdata}") + "<extra></extra>"))
    fig.update_layout(
        base_layout(title=_("NPT parties, 1970 to 2025 (years with a sourced count)"), height=430),
        xaxis={"title": {"text": _("Year")}, "range": [1967, 2028], "dtick": 5},
        yaxis={"title": {"text": _("States parties")}, "range": [0, 215]},
        showlegend=False,
        meta={"narrow": {"title.text": _("NPT parties, 1970 to 2025"), "title.font.size": 14,
                         "xaxis.dtick": 10, "data[0].text": narrow_text},
              "notes": _("Markers are the years for which a source gives a count; the dotted line only "
                         "joins them. On a small screen some labels are left out: hover or tap a marker "
                         "for its count."),
              "source": _("A different source for each year (from the treaty's Article IX.3 to UNODA), "
                          "named in the table below; sources count differently, for example on the DPRK.")},
    )
    fig.layout.meta["description"] = _(
        "Number of NPT states parties in the years for which a source states it, from at least 43 at "
        "entry into force in 1970 (a lower bound, not a count) to 191 in 2025. Markers are the sourced "
        "counts; the dotted line only joins them, "
        "and the years between are not data. Sources count differently, for example on the DPRK; the "
        "table below gives each row's source and caveats."
    )
    return fig


def key_states_for_display(states: pd.DataFrame, milestones: pd.DataFrame) -> pd.DataFrame:
    """The key states with their weight and their NPT date, taken from ``npt_milestones``.

    Dates are not repeated in ``norm_states``: each row points to its milestone
    by ``milestone_event_id``, and this joins the two. A state without a
    milestone gets an empty date.

    Returns
    -------
    pandas.DataFrame
        ``norm_states`` with ``weight`` (``1 + latency + negotiation + exemplar``),
        ``npt_date`` and ``npt_event`` added.
    """
    states = check_frame(states, (*STATE_COLUMNS, "milestone_event_id"), name="states")
    milestones = check_frame(milestones, ("event_id", "date", "description"), name="milestones")
    by_id = {str(r["event_id"]): r for r in records(milestones)}
    out = states.copy()
    weights = weights_from_table(states)
    out["weight"] = [int(weights[str(s)]) for s in out["state_id"]]
    dates, events = [], []
    for event_id in out["milestone_event_id"]:
        if pd.isna(event_id) or not str(event_id):
            dates.append("")
            events.append("")
            continue
        if str(event_id) not in by_id:
            raise ValueError(_("states names milestone {event!r}, which is not in npt_milestones").format(
                event=event_id))
        row = by_id[str(event_id)]
        dates.append(str(row["date"]))
        events.append(text(row, "description"))
    out["npt_date"] = dates
    out["npt_event"] = events
    return out


def key_states_table(states: pd.DataFrame, milestones: pd.DataFrame) -> DataTable:
    """The table of the key states and their scores under the figure, in the reader's language."""
    shown = key_states_for_display(states, milestones)
    shown = shown.assign(state=localized(shown, "state"), role=localized(shown, "role"),
                         note=localized(shown, "note"))
    if language() == "ja":
        # A date known only to the year (the Republic of Korea's ratification) stays a year.
        shown = shown.assign(npt_date=[format_date(datetime.date.fromisoformat(d)) if len(d) == 10
                                       else (f"{d}年" if d else "") for d in shown["npt_date"]])
    return data_table(
        shown,
        {"state": _("State"), "latency_facilities": _("Facilities"), "latency_score": _("Latency L"),
         "negotiation_score": _("Negotiation N"), "exemplar_score": _("Example E"), "weight": _("Weight w"),
         "npt_date": _("NPT ratification or accession"), "role": _("Role in the norm")},
        caption=_("Key states of the non-proliferation norm and their criticality scores (a teaching assumption)"),
        note_column="note",
        note_heading=_("Why these scores"),
    )


def npt_parties_table(parties: pd.DataFrame) -> DataTable:
    """The table of the NPT's parties by year under their figure, in the reader's language."""
    shown = parties.assign(counted_by=localized(parties, "counted_by"), note=localized(parties, "note"))
    return data_table(
        shown,
        {"year": _("Year"), "parties": _("Parties"), "counted_by": _("Counted by")},
        caption=_("NPT states parties in the years for which a source gives a count"),
        note_column="note",
        note_heading=_("About this count"),
    )
