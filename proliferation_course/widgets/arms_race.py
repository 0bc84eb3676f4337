"""The live face of the arms-race explorer: a panel that calls the model (see :mod:`.panel`).

Every parameter is a control: the preset, the common reaction coefficient
``k``, each actor's fatigue, grievance and starting level, and who watches
whom (the weights ``W``, so that ``K = k W``). All six actors of the model
have their controls; an actor *takes part* when it starts above zero, has a
grievance or watches another actor. An actor that does none of these stays at
zero and moves no one, so the figure leaves it out, as the static figure
leaves out the actors a preset does not name; a preset that leaves an actor
out sets its start, grievance and links to zero.

It needs a running Python kernel (JupyterLab); on the static website the page
shows the precomputed figure instead.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from ..figures.arms_race import (
    DYNAMIC_TRACES,
    REACTION_LABEL,
    actor_name,
    arms_race_layout,
    arms_race_snapshot_figure,
    arms_race_state,
    check_presets,
    eigenvalue_range,
    preset_labels,
)
from ..i18n import N_, _
from ..models.arms_race import (
    ACTORS,
    ArmsRacePreset,
    evaluate_preset,
    preset_from_row,
    reaction_matrix,
    simulate_arms_race,
)
from .panel import ExplorerPanel, Redraw, dropdown, number, slider

__all__ = ["ArmsRacePanel", "arms_race_panel"]

#: Short names of the actors in the controls' names (``fatigue_ca``, ``w_ru_jp``, ...).
CODES: dict[str, str] = {"United States": "us", "Russia": "ru", "China": "cn", "Canada": "ca",
                         "Germany": "de", "Japan": "jp"}
#: The per-actor parameters, with how the controls label them (``{actor}`` is the actor's name).
PARTS: dict[str, str] = {"fatigue": N_("{actor}’s fatigue a"), "grievance": N_("{actor}’s grievance g"),
                         "initial": N_("{actor}’s start")}


def _part_label(part: str, actor: str) -> str:
    """A per-actor control's label: ``Japan’s fatigue a``, ``United States’ start``."""
    return _(PARTS[part]).format(actor=actor_name(actor)).replace("s’s ", "s’ ")


def _control(part: str, i: int) -> str:
    return f"{part}_{CODES[ACTORS[i]]}"


def _weight(i: int, j: int) -> str:
    return f"w_{CODES[ACTORS[i]]}_{CODES[ACTORS[j]]}"


def _pairs() -> list[tuple[int, int]]:
    return [(i, j) for i in range(len(ACTORS)) for j in range(len(ACTORS)) if i != j]


def preset_values(preset: ArmsRacePreset) -> dict[str, float]:
    """Every numeric control's value for a preset. An actor the preset leaves out starts at
    zero, with no grievance and no links, and the preset's mean fatigue."""
    mean_fatigue = round(sum(preset.fatigue) / len(preset.fatigue), 4)
    out = {"k": float(preset.reaction)}
    for i, actor in enumerate(ACTORS):
        here = preset.actors.index(actor) if actor in preset.actors else None
        for part in PARTS:
            own = getattr(preset, part)[here] if here is not None else None
            out[_control(part, i)] = float(own) if own is not None else (
                mean_fatigue if part == "fatigue" else 0.0)
    for i, j in _pairs():
        a, b = ACTORS[i], ACTORS[j]
        inside = a in preset.actors and b in preset.actors
        out[_weight(i, j)] = (float(preset.weights[preset.actors.index(a)][preset.actors.index(b)])
                              if inside else 0.0)
    return out


class ArmsRacePanel(ExplorerPanel):
    """The panel: preset and ``k``, then each actor's fatigue, grievance and start, then the weights.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
        ``preset``, ``k``; ``fatigue_us``, ``grievance_us``, ``initial_us`` and so on
        for each actor (``us``, ``ru``, ``cn``, ``ca``, ``de``, ``jp``); ``w_ru_us``
        (how much Russia watches the United States) and so on for each pair.
    summary : ipywidgets.HTML
        The verdict, who takes part, the equilibrium and the levels at year 30,
        or why the controls cannot be computed.
    figure : plotly.graph_objects.FigureWidget
        The same figure as the static face, updated live.
    """

    def __init__(self, presets: pd.DataFrame, initial: str | None = None) -> None:
        table = check_presets(presets)
        scenarios = [preset_from_row(r) for r in table.to_dict("records")]
        ids = [p.preset_id for p in scenarios]
        first = scenarios[ids.index(initial)] if initial in ids else scenarios[0]
        if initial is not None and initial not in ids:
            raise ValueError(f"initial must be one of the presets ({', '.join(ids)}), got {initial!r}")
        values = preset_values(first)
        labels = preset_labels(table)
        controls: dict[str, Any] = {
            "preset": dropdown(_("Preset"), [(labels[p.preset_id], p.preset_id) for p in scenarios],
                               first.preset_id),
            "k": slider(_(REACTION_LABEL), values["k"], 0.0, 1.0, 0.01),
        }
        rows: list[list[str]] = [["preset", "k"]]
        for i, actor in enumerate(ACTORS):
            row = []
            for part in PARTS:
                name = _control(part, i)
                high = {"fatigue": 1.5, "grievance": 1.0, "initial": 3.0}[part]
                controls[name] = slider(_part_label(part, actor), values[name], 0.0, high, 0.01)
                row.append(name)
            rows.append(row)
        for i, actor in enumerate(ACTORS):
            row = []
            for j, other in enumerate(ACTORS):
                if i != j:
                    label = _("{actor} watches {other}").format(actor=actor_name(actor), other=actor_name(other))
                    controls[_weight(i, j)] = number(label, values[_weight(i, j)], 0.05)
                    row.append(_weight(i, j))
            rows.append(row)
        self.eig_range = eigenvalue_range(scenarios)
        super().__init__(
            arms_race_snapshot_figure(first, eig_range=self.eig_range), controls, rows=rows,
            traces=DYNAMIC_TRACES, presets={p.preset_id: preset_values(p) for p in scenarios})

    def preset_note(self) -> str:
        return _("A preset sets every control: k, each actor's fatigue, grievance and start, and who "
                 "watches whom. An actor it leaves out starts at zero, with no grievance and no links; "
                 "give it a start, a grievance or a link to bring it into the race.")

    def scenario(self, values: dict[str, Any] | None = None) -> ArmsRacePreset:
        """The scenario the controls describe: the actors that take part, with their parameters.

        Raises ``ValueError``, in the controls' words, when a value is one the model rejects
        or no actor takes part.
        """
        v = self.values() if values is None else values
        n = len(ACTORS)
        weights = [[0.0 if i == j else v[_weight(i, j)] for j in range(n)] for i in range(n)]
        parts = {part: [v[_control(part, i)] for i in range(n)] for part in PARTS}
        try:  # every value of every actor, checked by the model (also those not taking part)
            simulate_arms_race(reaction_matrix(weights, v["k"]), parts["fatigue"], parts["grievance"],
                               parts["initial"], years=1.0)
        except ValueError as err:
            raise ValueError(self._words(str(err))) from None
        active = [i for i in range(n) if parts["initial"][i] > 0 or parts["grievance"][i] > 0
                  or any(weights[i][j] > 0 for j in range(n))]
        if not active:
            raise ValueError(_("no actor takes part: give at least one actor a start, a grievance or a link"))
        return ArmsRacePreset(
            preset_id="live", label="Live", actors=tuple(ACTORS[i] for i in active),
            weights=tuple(tuple(float(weights[i][j]) for j in active) for i in active),
            fatigue=tuple(float(parts["fatigue"][i]) for i in active),
            grievance=tuple(float(parts["grievance"][i]) for i in active),
            initial=tuple(float(parts["initial"][i]) for i in active),
            reaction=float(v["k"]), rationale="set in the live panel")

    def _words(self, message: str) -> str:
        """The model's names of one actor's values (``fatigue[3]``, ``weights[1][0]``) as the labels."""
        def weight(m: re.Match[str]) -> str:
            return _("the weight “{label}”").format(
                label=self.controls[_weight(int(m.group(1)), int(m.group(2)))].description)

        def part(m: re.Match[str]) -> str:
            return str(self.controls[_control(m.group(1), int(m.group(2)))].description)

        message = re.sub(r"\bweights\[(\d+)\]\[(\d+)\]", weight, message)
        return re.sub(r"\b(fatigue|grievance|initial)\[(\d+)\]", part, message)

    def compute(self, values: dict[str, Any]) -> Redraw:
        scenario = self.scenario(values)
        k = scenario.reaction
        result = evaluate_preset(scenario, k)
        state = arms_race_state(scenario, k)
        layout = arms_race_layout(scenario, k, state)
        fitted = eigenvalue_range([scenario], ks=(k,))
        layout["yaxis2.range"] = [min(self.eig_range[0], fitted[0]), max(self.eig_range[1], fitted[1])]
        if result.stable and result.equilibrium is not None:
            balance = _(", ").join(f"{actor_name(a)} {x:.2f}" for a, x in zip(result.actors, result.equilibrium,
                                                                                strict=True))
            where = _("Paths converge to the equilibrium: {balance}.").format(balance=balance)
        else:
            where = _("No balance is reached: the levels grow without bound.")
        final = _(", ").join(f"{actor_name(a)} {x:.3g}" for a, x in zip(result.actors, result.final_levels,
                                                                        strict=True))
        verdict = str(layout["annotations[0].text"]).replace("<br>", _("; "))
        return Redraw(state=state, layout=layout,
                      summary=_("{verdict}. Taking part: {actors}. {where} "
                                "Levels at year {year:g}: {final}.").format(
                          verdict=verdict, actors=_(", ").join(actor_name(a) for a in scenario.actors),
                          where=where, year=result.times[-1], final=final))


def arms_race_panel(presets: pd.DataFrame, initial: str | None = None) -> ArmsRacePanel:
    """Build the live arms-race panel for the ``arms_race_presets`` table, starting on ``initial``.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> panel = arms_race_panel(load_table("arms_race_presets"))
    >>> "Stable" in panel.summary.value
    True
    >>> panel.controls["k"].value = 0.5
    >>> "Runaway" in panel.summary.value
    True
    >>> panel.controls["grievance_jp"].value = 0.1  # Japan joins the race
    >>> "Taking part: United States, Russia, Japan" in panel.summary.value
    True
    >>> panel.controls["fatigue_jp"].value = 0.0
    >>> panel.summary.value  # doctest: +ELLIPSIS
    '<b>Cannot compute:</b> Japan’s fatigue a must be positive, got 0.0. The figure shows no...'

    """
    return ArmsRacePanel(presets, initial)
