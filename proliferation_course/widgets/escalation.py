"""The live face of the escalation-ladder explorer: a panel that calls the model (see :mod:`.panel`).

Besides the theatre and the band, the panel lets the reader choose which of
the theatre's two conventional rungs the "with" ladder keeps. It needs a
running kernel; on the static website the page shows the precomputed figure.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import localized, text
from ..figures.escalation import (
    BAND_LABEL,
    DYNAMIC_TRACES,
    THEATRE_LABEL,
    check_presets,
    escalation_inputs,
    escalation_snapshot_figure,
    escalation_state,
    escalation_ticks,
)
from ..i18n import N_, _
from ..models.escalation import compare_ladders, preset_arguments
from .panel import ExplorerPanel, Redraw, dropdown, number

__all__ = ["KEPT_RUNGS", "EscalationPanel", "escalation_panel"]

#: Which of a theatre's conventional rungs (by level) the "with" ladder keeps.
KEPT_RUNGS: tuple[tuple[str, str], ...] = (
    (N_("Both"), "both"), (N_("Only the lower one"), "lower"), (N_("Only the higher one"), "higher"),
    (N_("Neither"), "none"))


class EscalationPanel(ExplorerPanel):
    """The panel: the theatre, the band b, and the conventional rungs the "with" ladder keeps.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``theatre``, ``band`` (a number box: the model rejects a band outside
        [0, 1]) and ``rungs`` (which conventional rungs are kept).
    """

    def __init__(self, rungs: pd.DataFrame, scenarios: pd.DataFrame, presets: pd.DataFrame) -> None:
        self.rungs, self.scenarios = rungs, scenarios
        self.presets_table = check_presets(presets)
        rows = [{str(k): v for k, v in r.items()} for r in self.presets_table.to_dict("records")]
        first = rows[0]
        controls = {
            "theatre": dropdown(_(THEATRE_LABEL), [(text(r, "label"), str(r["theatre"])) for r in rows],
                                str(first["theatre"])),
            "band": number(_(BAND_LABEL), preset_arguments(first)["band"], step=0.01),
            "rungs": dropdown(_("Conventional rungs kept"), [(_(label), key) for label, key in KEPT_RUNGS],
                              "both"),
        }
        inputs = escalation_inputs(rungs, scenarios, str(first["theatre"]))
        super().__init__(escalation_snapshot_figure(inputs, preset_arguments(first)["band"]), controls,
                         rows=[["theatre", "rungs"], ["band"]], traces=DYNAMIC_TRACES)

    def kept_rungs(self, theatre: str, kept: str) -> pd.DataFrame:
        """The rungs of ``theatre`` with only the conventional rungs that ``kept`` names."""
        own = self.rungs.loc[self.rungs["theatre"] == theatre]
        conventional = own.loc[own["conventional_rung"].astype(bool)].sort_values("level", kind="mergesort")
        drop = {"both": [], "lower": list(conventional["rung_id"])[1:],
                "higher": list(conventional["rung_id"])[:1], "none": list(conventional["rung_id"])}[kept]
        return own.loc[~own["rung_id"].isin(drop)]

    def compute(self, values: dict[str, Any]) -> Redraw:
        kept = self.kept_rungs(values["theatre"], values["rungs"])
        inputs = escalation_inputs(kept, self.scenarios, values["theatre"])
        band = values["band"]
        # A None in the state means "nothing for this trace" (bars have no marker symbol): the
        # panel base applies such a key only to the traces that have it.
        state = escalation_state(inputs, band, full=True)
        without, with_ = compare_ladders(inputs["severities"], inputs["levels"], inputs["nuclear"],
                                         inputs["conventional"], band)
        names = [str(v) for v in localized(kept, "short_label")[kept["conventional_rung"].astype(bool)]]
        return Redraw(
            state=state,
            layout=escalation_ticks(inputs),
            summary=_("Band b = {band:.2f}, with {rungs}: a credible non-nuclear response in "
                      "<b>{without:.0%}</b> of the scenarios without the conventional rungs and "
                      "<b>{with_:.0%}</b> with them; the 'nuclear or nothing' gap falls from {gap_without:.0%} to "
                      "{gap_with:.0%}.").format(
                band=band, rungs=_(", ").join(names) if names else _("no conventional rung"),
                without=without.share("non_nuclear"), with_=with_.share("non_nuclear"),
                gap_without=without.share("gap"), gap_with=with_.share("gap")),
        )


def escalation_panel(rungs: pd.DataFrame, scenarios: pd.DataFrame, presets: pd.DataFrame) -> EscalationPanel:
    """Build the live escalation-ladder panel.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = escalation_panel(load_table("escalation_rungs"), load_table("escalation_scenarios"),
    ...                          load_table("escalation_presets"))
    >>> panel.controls["band"].value = 0.3
    >>> "100%" in panel.summary.value
    True
    """
    return EscalationPanel(rungs, scenarios, presets)
