"""The live face of the proliferation cascade: a panel that calls the model (see :mod:`.panel`).

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed, animated figure instead.
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w
import pandas as pd

from ..data import text
from ..figures.cascade import (
    DYNAMIC_TRACES,
    cascade_snapshot_figure,
    cascade_state,
    check_presets,
    check_tables,
    preset_rows,
    state_names,
    threshold_layout,
)
from ..i18n import N_, _
from ..models.cascade import preset_arguments, run_cascade_tables
from .panel import ExplorerPanel, Redraw, dropdown, slider

__all__ = ["CHANNELS", "CascadePanel", "cascade_panel"]

#: The channels of pressure in the ``cascade_links`` table: (control name, channel, label).
CHANNELS: tuple[tuple[str, str, str], ...] = (
    ("allies_following", "allies following", N_("Allies following ×")),
    ("adversary_response", "adversary response", N_("Adversary response ×")),
    ("regional", "regional", N_("Regional rivals ×")),
)


class CascadePanel(ExplorerPanel):
    """The panel: a scenario, any first movers, assurance, the norm, the thresholds, each channel, a round.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``seeds``, ``assurance``, ``norm_erosion``, ``threshold_shift``,
        one factor per link channel (``allies_following``, ``adversary_response``,
        ``regional``) and ``round``.
    result : CascadeResult
        The last cascade computed.
    summary : ipywidgets.HTML
        The fixed point and who followed, or why it cannot be computed.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, states: pd.DataFrame, links: pd.DataFrame, presets: pd.DataFrame) -> None:
        self.states, self.links = check_tables(states, links)
        self.state_names = state_names(self.states)
        rows = preset_rows(check_presets(presets))
        first = preset_arguments(rows[0])
        n = len(self.state_names)
        seeds = w.SelectMultiple(options=[(name, s) for s, name in self.state_names.items()],
                                 value=first["seeds"], rows=6, description=_("First movers"))
        rounds = w.IntSlider(value=n, min=0, max=n, description=_("Show round"), continuous_update=False)
        controls: dict[str, w.ValueWidget] = {
            "preset": dropdown(_("Scenario"), [(text(r, "label"), str(r["preset_id"])) for r in rows],
                               str(rows[0]["preset_id"])),
            "seeds": seeds,
            "assurance": slider(_("US assurance a"), first["assurance"], 0.0, 1.0, 0.05),
            "norm_erosion": slider(_("Norm erosion g"), 0.05, 0.0, 0.2, 0.01),
            "threshold_shift": slider(_("Shift all thresholds"), 0.0, -0.6, 0.5, 0.05, "+.2f"),
            **{key: slider(_(label), 1.0, 0.0, 2.0, 0.1, ".1f") for key, _channel, label in CHANNELS},
            "round": rounds,
        }
        self.result = run_cascade_tables(self.states, self.links, **first)
        super().__init__(
            cascade_snapshot_figure(self.result, self.states, self.links),
            controls,
            rows=[["preset"], ["seeds", "assurance", "norm_erosion", "threshold_shift"],
                  [key for key, _channel, _label in CHANNELS], ["round"]],
            traces=DYNAMIC_TRACES,
            presets={str(r["preset_id"]): preset_arguments(r) for r in rows},
            names={"threshold_shift": _("the shift of all thresholds")},
        )

    def compute(self, values: dict[str, Any]) -> Redraw:
        self.result = res = run_cascade_tables(
            self.states, self.links, seeds=list(values["seeds"]), assurance=values["assurance"],
            norm_erosion=values["norm_erosion"], threshold_shift=values["threshold_shift"],
            channel_scale={channel: values[key] for key, channel, _label in CHANNELS})
        movers = _(", ").join(self.state_names[s] for s in values["seeds"]) or _("no first mover")
        title = _("{movers} · assurance a = {assurance:.2f}").format(movers=movers, assurance=values["assurance"])
        follow = _(", ").join(self.state_names[s] for s in res.followers) or _("none")
        return Redraw(
            state=cascade_state(res, values["round"], self.state_names, title),
            layout=threshold_layout(res),
            summary=_("Fixed point after <b>{rounds}</b> round(s): <b>{nuclear}</b> state(s) nuclear. "
                      "Not chosen as first movers but nuclear: <b>{followers}</b>.").format(
                rounds=res.rounds, nuclear=len(res.final), followers=html.escape(follow)),
        )


def cascade_panel(states: pd.DataFrame, links: pd.DataFrame, presets: pd.DataFrame) -> CascadePanel:
    """Build the live cascade panel for the ``cascade_states``, ``cascade_links`` and
    ``cascade_presets`` tables.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = cascade_panel(load_table("cascade_states"), load_table("cascade_links"),
    ...                       load_table("cascade_presets"))
    >>> panel.result.followers  # Japan first, low assurance
    ('KOR', 'TWN', 'TUR', 'SAU', 'IRN', 'EGY')
    >>> panel.controls["assurance"].value = 0.5
    >>> panel.result.followers
    ()
    """
    return CascadePanel(states, links, presets)
