"""The live face of the arms-race explorer: an ipywidgets panel that calls the model.

Every parameter is a control: the preset, the common reaction coefficient
``k``, who reacts to whom (the weights ``W``, so that ``K = k W``), and each
actor's fatigue, grievance and starting level. The callback only reads the
controls, calls the model and updates the figure and the summary. It needs a
running Python kernel (JupyterLab); the website shows the precomputed figure.
"""

from __future__ import annotations

import html

import ipywidgets as w
import plotly.graph_objects as go

from ..figures.arms_race import _ALL, arms_race_snapshot_figure, arms_race_state
from ..models.arms_race import PRESETS, ArmsRacePreset, evaluate_preset, get_preset

__all__ = ["ArmsRacePanel", "arms_race_panel"]

_WIDE = {"description_width": "10em"}


class ArmsRacePanel(w.VBox):
    """The panel: preset and ``k`` on top, per-actor controls, the weights, a summary, the figure.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset`` and ``k``.
    actor_controls : dict[str, dict[str, ipywidgets.FloatSlider]]
        For each actor of the current preset: ``fatigue``, ``grievance``, ``initial``.
    weight_controls : dict[tuple[int, int], ipywidgets.BoundedFloatText]
        ``W[i][j]`` for ``i != j``: how much actor ``i`` watches actor ``j``.
    summary : ipywidgets.HTML
        The verdict, the equilibrium and the levels at year 30.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, initial: str | None = None) -> None:
        first = get_preset(initial) if initial is not None else PRESETS[0]
        self.controls: dict[str, w.Widget] = {
            "preset": w.Dropdown(options=[(p.label, p.preset_id) for p in PRESETS],
                                 value=first.preset_id, description="Preset", style=_WIDE,
                                 layout=w.Layout(width="36em")),
            "k": w.FloatSlider(value=first.reaction, min=0.0, max=1.0, step=0.01,
                               continuous_update=False, readout_format=".2f",
                               description="Reaction k", style=_WIDE),
        }
        self.actor_controls: dict[str, dict[str, w.FloatSlider]] = {}
        self.weight_controls: dict[tuple[int, int], w.BoundedFloatText] = {}
        self.summary = w.HTML()
        self.figure = go.FigureWidget(arms_race_snapshot_figure(first))
        self._actor_box = w.VBox()
        self._weight_box = w.VBox()
        self.controls["preset"].observe(self._on_preset, names="value")
        self.controls["k"].observe(self._update, names="value")
        super().__init__([
            w.HBox([self.controls["preset"], self.controls["k"]]),
            w.HTML("<b>Each actor</b>: fatigue a (restraint, per year), grievance g (standing "
                   "motive to arm), starting level."),
            self._actor_box,
            w.HTML("<b>Who reacts to whom</b>: row actor watches column actor with weight W "
                   "(K = k W)."),
            self._weight_box,
            self.summary,
            self.figure,
        ])
        self._build(first)
        self._update()

    # -- building the per-actor controls ---------------------------------------------

    def _build(self, preset: ArmsRacePreset) -> None:
        self.preset = preset
        slider = dict(continuous_update=False, readout_format=".2f", style={"description_width": "6em"},
                      layout=w.Layout(width="22em"))
        self.actor_controls = {}
        rows = []
        for i, name in enumerate(preset.actors):
            ctl = {
                "fatigue": w.FloatSlider(value=preset.fatigue[i], min=0.05, max=1.5, step=0.01,
                                         description="fatigue a", **slider),
                "grievance": w.FloatSlider(value=preset.grievance[i], min=0.0, max=1.0, step=0.01,
                                           description="grievance g", **slider),
                "initial": w.FloatSlider(value=preset.initial[i], min=0.0, max=3.0, step=0.01,
                                         description="start", **slider),
            }
            for c in ctl.values():
                c.observe(self._update, names="value")
            self.actor_controls[name] = ctl
            rows.append(w.HBox([w.Label(name, layout=w.Layout(width="9em")), *ctl.values()]))
        self._actor_box.children = rows
        n = len(preset.actors)
        self.weight_controls = {}
        cells: list[w.Widget] = [w.Label("")] + [w.Label(a) for a in preset.actors]
        for i, row_name in enumerate(preset.actors):
            cells.append(w.Label(row_name))
            for j in range(n):
                if i == j:
                    cells.append(w.Label("–"))
                    continue
                box = w.BoundedFloatText(value=preset.weights[i][j], min=0.0, max=3.0, step=0.05,
                                         layout=w.Layout(width="6em"))
                box.observe(self._update, names="value")
                self.weight_controls[(i, j)] = box
                cells.append(box)
        self._weight_box.children = [w.GridBox(
            cells, layout=w.Layout(grid_template_columns=f"9em repeat({n}, 7em)"))]

    def _on_preset(self, change: dict) -> None:
        preset = get_preset(change["new"])
        self._building = True
        try:
            self._build(preset)
            self.controls["k"].value = preset.reaction
        finally:
            self._building = False
        self._update()

    # -- the callback ------------------------------------------------------------------

    def current_preset(self) -> ArmsRacePreset:
        """The scenario the controls describe now, as a preset."""
        p = self.preset
        n = len(p.actors)
        weights = tuple(tuple(0.0 if i == j else float(self.weight_controls[(i, j)].value)
                              for j in range(n)) for i in range(n))
        get = self.actor_controls
        return ArmsRacePreset(
            preset_id="live", label="Live", actors=p.actors, weights=weights,
            fatigue=tuple(float(get[a]["fatigue"].value) for a in p.actors),
            grievance=tuple(float(get[a]["grievance"].value) for a in p.actors),
            initial=tuple(float(get[a]["initial"].value) for a in p.actors),
            reaction=float(self.controls["k"].value), rationale="set in the live panel")

    def _update(self, change: dict | None = None) -> None:
        if getattr(self, "_building", False):
            return
        preset = self.current_preset()
        k = preset.reaction
        try:
            result = evaluate_preset(preset, k)
            state, verdict = arms_race_state(preset, k)
        except ValueError as err:
            self.summary.value = f"<b>Cannot compute:</b> {html.escape(str(err))}"
            return
        with self.figure.batch_update():
            for pos, index in enumerate(_ALL):
                trace = self.figure.data[index]
                trace.y = state["y"][pos]
                trace.visible = state["visible"][pos]
                if state["text"][pos] is not None:
                    trace.text = state["text"][pos]
                trace.marker.color = state["marker.color"][pos]
            self.figure.layout.annotations[0].text = verdict
        if result.stable and result.equilibrium is not None:
            balance = ", ".join(f"{a} {x:.2f}" for a, x in zip(result.actors, result.equilibrium,
                                                                 strict=True))
            where = f"Paths converge to the equilibrium: {balance}."
        else:
            where = "No balance is reached: the levels grow without bound."
        final = ", ".join(f"{a} {x:.3g}" for a, x in zip(result.actors, result.final_levels, strict=True))
        self.summary.value = (f"{verdict.replace('<br>', '; ')}. {where} "
                              f"Levels at year {result.times[-1]:g}: {final}.")


def arms_race_panel(initial: str | None = None) -> ArmsRacePanel:
    """Build the live arms-race panel, starting on preset ``initial`` (the first if ``None``).

    Examples
    --------
    >>> panel = arms_race_panel()
    >>> "Stable" in panel.summary.value
    True
    >>> panel.controls["k"].value = 0.5
    >>> "Runaway" in panel.summary.value
    True
    """
    return ArmsRacePanel(initial)
