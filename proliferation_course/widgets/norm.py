"""The live face of the norm-strength explorer: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import text
from ..figures.controls import check_frame
from ..figures.norm import (
    DYNAMIC_TRACES,
    PRESET_LABEL,
    STATE_COLUMNS,
    TIPPING_LABEL,
    check_presets,
    defection_layout,
    norm_result,
    norm_snapshot_figure,
    norm_state,
    state_names,
)
from ..i18n import N_, _
from ..models.norm import DEFAULT_STEEPNESS, DEFAULT_TIPPING_POINT, MAX_STEEPNESS, preset_arguments
from .panel import ExplorerPanel, Redraw, dropdown, number, slider

__all__ = ["SMALL_STATES_LABEL", "NormPanel", "norm_panel"]

#: The label of the number box for the other parties that defect.
SMALL_STATES_LABEL = N_("Small states defecting")
_CHOICES = [(N_("complies"), False), (N_("defects"), True)]


class NormPanel(ExplorerPanel):
    """The panel: a set of defections, a defect/comply choice per key state, the model's parameters.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``defect_<state_id>`` (one per key state: complies or defects),
        ``others_defecting`` (a number box: the model rejects what is out of range),
        ``tipping_point`` and ``steepness``.
    summary : ipywidgets.HTML
        U, W and S, and how much more the defections weigh than their number.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, states: pd.DataFrame, presets: pd.DataFrame) -> None:
        self.states = check_frame(states, STATE_COLUMNS, name="states")
        self.state_names = state_names(self.states)
        rows = [{str(k): v for k, v in r.items()} for r in check_presets(presets).to_dict("records")]
        scenarios = {str(r["preset_id"]): preset_arguments(r) for r in rows}
        first = scenarios[str(rows[0]["preset_id"])]
        self.baseline = norm_result(self.states, **first)
        controls: dict[str, Any] = {
            "preset": dropdown(_(PRESET_LABEL), [(text(r, "label"), str(r["preset_id"])) for r in rows],
                               str(rows[0]["preset_id"])),
        }
        for sid, name in self.state_names.items():
            controls[f"defect_{sid}"] = dropdown(name, [(_(label), value) for label, value in _CHOICES],
                                                 sid in first["defectors"])
        controls["others_defecting"] = number(_(SMALL_STATES_LABEL), float(first["others_defecting"]), step=1)
        controls["tipping_point"] = slider(_(TIPPING_LABEL), DEFAULT_TIPPING_POINT, 0.5, 0.99, 0.01)
        controls["steepness"] = slider(_("Steepness k"), DEFAULT_STEEPNESS, 0.0, MAX_STEEPNESS, 1.0, ".0f")
        keys = [f"defect_{sid}" for sid in self.state_names]
        super().__init__(
            norm_snapshot_figure(self.baseline, self.baseline, self.state_names),
            controls,
            rows=[["preset"], keys[: (len(keys) + 1) // 2], keys[(len(keys) + 1) // 2:],
                  ["others_defecting"], ["tipping_point", "steepness"]],
            traces=DYNAMIC_TRACES,
            presets={pid: {**{f"defect_{sid}": sid in args["defectors"] for sid in self.state_names},
                           "others_defecting": float(args["others_defecting"])}
                     for pid, args in scenarios.items()},
            names={"others": _("the other parties")},
        )

    def compute(self, values: dict[str, Any]) -> Redraw:
        defectors = [sid for sid in self.state_names if values[f"defect_{sid}"]]
        small = values["others_defecting"]
        if isinstance(small, float) and small.is_integer():
            small = int(small)  # a whole number typed in the box; anything else, the model rejects
        result = norm_result(self.states, defectors, small, values["tipping_point"], values["steepness"])
        ratio = (_("no state defects") if result.n_defecting == 0 else
                 _("the defections weigh {times:.1f} times their number").format(times=result.multiplier))
        return Redraw(
            state=norm_state(result),
            layout=defection_layout(result, self.baseline, self.state_names),
            summary=_("U = {u:.3f} (share of states complying), W = {w:.3f} (criticality-weighted), "
                      "S = <b>{s:.3f}</b> (norm strength); {ratio}.").format(
                          u=result.unweighted, w=result.weighted, s=result.strength, ratio=ratio),
        )


def norm_panel(states: pd.DataFrame, presets: pd.DataFrame) -> NormPanel:
    """Build the live norm-strength panel for the ``norm_states`` and ``norm_presets`` tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = norm_panel(load_table("norm_states"), load_table("norm_presets"))
    >>> panel.controls["defect_japan"].value = True
    >>> panel.figure.data[0].y[1] < 0.95  # weighted compliance falls
    True
    """
    return NormPanel(states, presets)
