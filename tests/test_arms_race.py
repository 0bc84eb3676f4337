"""Chapter 9, arms races and crisis stability: model, figures, live panel and data table.

Expected values come from the equations worked by hand:
``dx/dt = (K - A) x + g``; for two actors the equilibrium
``x* = (b g + k h) / (a b - k l)``, ``y* = (a h + l g) / (a b - k l)``, the
eigenvalues ``(-(a+b) ± sqrt((a-b)^2 + 4 k l)) / 2`` and the stability condition
``a b > k l``; the exact path ``x(t) = x* + e^{Mt} (x0 - x*)``. Facts about the
stockpiles are checked against the sources named in each test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from explorer_checks import (
    check_explorer_figure,
    check_figure_in_japanese,
    check_live_panel,
    check_panel_in_japanese,
)
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from proliferation_course.data import load_table
from proliferation_course.figures.arms_race import (
    ACTOR_STYLES,
    DYNAMIC_TRACES,
    REACTION_STEPS,
    Y_MAX,
    arms_race_layout,
    arms_race_state,
    presets_table,
    round_sig,
    stockpiles_figure,
    stockpiles_table,
    verdict_text,
)
from proliferation_course.figures.arms_race import arms_race_figure as _figure
from proliferation_course.i18n import speaking
from proliferation_course.models.arms_race import (
    ACTORS,
    PRESETS,
    ArmsRacePreset,
    critical_reaction,
    eigenvalues,
    equilibrium,
    evaluate_preset,
    get_preset,
    preset_arguments,
    preset_from_row,
    reaction_matrix,
    richardson_matrix,
    simulate_arms_race,
    two_actor_stable,
)
from proliferation_course.references import bibliography
from proliferation_course.widgets.arms_race import ArmsRacePanel
from proliferation_course.widgets.arms_race import arms_race_panel as _panel

#: The presets table (data/arms_race_presets.csv), which the figure and the panel take.
TABLE = load_table("arms_race_presets")


def arms_race_figure(presets: pd.DataFrame | None = None, initial: str | None = None):
    """The static face on the presets table (the page's call)."""
    return _figure(TABLE if presets is None else presets, initial)


def arms_race_panel(initial: str | None = None) -> ArmsRacePanel:
    return _panel(TABLE, initial)

PROPERTY = settings(max_examples=150, deadline=None, database=None)
COEF = st.floats(min_value=0.0, max_value=1.0, allow_nan=False, allow_infinity=False)
FATIGUE = st.floats(min_value=0.05, max_value=1.5, allow_nan=False, allow_infinity=False)
LEVEL = st.floats(min_value=0.0, max_value=3.0, allow_nan=False, allow_infinity=False)


def hand_equilibrium(a, b, k, l, g, h):  # noqa: E741
    d = a * b - k * l
    return (b * g + k * h) / d, (a * h + l * g) / d


def hand_eigen(a, b, k, l):  # noqa: E741
    root = math.sqrt((a - b) ** 2 + 4 * k * l)
    return (-(a + b) + root) / 2, (-(a + b) - root) / 2


def exact_path(m: np.ndarray, g: np.ndarray, x0: np.ndarray, t: float) -> np.ndarray:
    """x(t) = x* + e^{Mt}(x0 - x*), with e^{Mt} by eigen-decomposition (M diagonalisable here)."""
    x_star = np.linalg.solve(-m, g)
    vals, vecs = np.linalg.eig(m)
    expm = (vecs @ np.diag(np.exp(vals * t)) @ np.linalg.inv(vecs)).real
    return x_star + expm @ (x0 - x_star)


# --------------------------------------------------------------------------------------
# Model: hand-computed values
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b", "k", "l", "g", "h"), [
    (0.4, 0.4, 0.2, 0.2, 0.2, 0.2),     # the stable preset: x* = y* = 0.12 / 0.12 = 1
    (0.5, 0.3, 0.1, 0.2, 0.1, 0.3),     # asymmetric: d = 0.13
    (1.0, 1.0, 0.0, 0.0, 0.3, 0.7),     # no reaction: x* = g / a
    (0.4, 0.4, 0.5, 0.5, 0.2, 0.2),     # runaway: x* = 0.18 / -0.09 = -2
])
def test_two_actor_equilibrium_by_hand(a, b, k, l, g, h) -> None:  # noqa: E741
    got = equilibrium([[0, k], [l, 0]], [a, b], [g, h])
    want = hand_equilibrium(a, b, k, l, g, h)
    assert got == pytest.approx(want, abs=1e-12)


def test_worked_examples() -> None:
    assert equilibrium([[0, 0.2], [0.2, 0]], [0.4, 0.4], [0.2, 0.2]) == pytest.approx((1.0, 1.0))
    assert equilibrium([[0, 0.5], [0.5, 0]], [0.4, 0.4], [0.2, 0.2]) == pytest.approx((-2.0, -2.0))
    # k = 0.35: x* = g / (a - k) = 0.2 / 0.05 = 4 (the chapter's "things to try")
    assert equilibrium([[0, 0.35], [0.35, 0]], [0.4, 0.4], [0.2, 0.2]) == pytest.approx((4.0, 4.0))
    # singular A - K: ab = kl exactly
    assert equilibrium([[0, 0.4], [0.4, 0]], [0.4, 0.4], [0.2, 0.2]) is None


@pytest.mark.parametrize(("a", "b", "k", "l"), [
    (0.4, 0.4, 0.2, 0.2), (0.4, 0.4, 0.5, 0.5), (0.5, 0.3, 0.1, 0.2), (0.9, 0.2, 0.0, 0.7),
])
def test_two_actor_eigenvalues_by_hand(a, b, k, l) -> None:  # noqa: E741
    got = eigenvalues([[0, k], [l, 0]], [a, b])
    want = hand_eigen(a, b, k, l)
    assert [z.real for z in got] == pytest.approx(list(want), abs=1e-9)
    assert all(z.imag == 0 for z in got)


def test_matrix_and_reaction_matrix() -> None:
    assert richardson_matrix([[0, 0.2], [0.3, 0]], [0.5, 0.4]).tolist() == [[-0.5, 0.2], [0.3, -0.4]]
    assert reaction_matrix([[0, 1, 0.5], [1, 0, 0], [0.25, 0, 0]], 0.2) == (
        (0.0, 0.2, 0.1), (0.2, 0.0, 0.0), (0.05, 0.0, 0.0))


@pytest.mark.parametrize(("a", "b", "k", "l", "stable"), [
    (0.4, 0.4, 0.2, 0.2, True), (0.4, 0.4, 0.5, 0.5, False), (0.4, 0.4, 0.4, 0.4, False),
    (1.0, 0.1, 0.5, 0.1, True), (1.0, 0.1, 0.5, 0.3, False), (0.2, 0.2, 0.0, 5.0, True),
])
def test_two_actor_condition(a, b, k, l, stable) -> None:  # noqa: E741
    assert two_actor_stable(a, b, k, l) is stable


def test_critical_reaction_by_hand() -> None:
    # two actors, W = [[0,1],[1,0]], a = b = 0.4: rho(A^-1 W) = 1/0.4, k* = 0.4 = sqrt(ab)
    assert critical_reaction([[0, 1], [1, 0]], [0.4, 0.4]) == pytest.approx(0.4)
    # unequal fatigue: k* = sqrt(a b) = sqrt(0.5 * 0.2)
    assert critical_reaction([[0, 1], [1, 0]], [0.5, 0.2]) == pytest.approx(math.sqrt(0.1))
    # three actors of the preset: W has eigenvalues solving -l^3 + (2 + 1/16) l + 1/2 = 0 ...
    w = [[0, 1, 1], [1, 0, 0.25], [1, 0.25, 0]]
    rho = max(abs(np.roots([1, 0, -(2 + 0.0625), -0.5])))  # det(W - l I) = -(l^3 - 2.0625 l - 0.5)
    assert critical_reaction(w, [0.4] * 3) == pytest.approx(0.4 / rho)
    # one-way fear: no loop, never a runaway
    assert critical_reaction([[0, 1, 0], [0, 0, 1], [0, 0, 0]], [0.4] * 3) == math.inf


def test_rk4_matches_the_exact_solution() -> None:
    cases = [
        ([[0, 0.2], [0.2, 0]], [0.4, 0.4], [0.2, 0.2], [1.0, 1.16]),
        ([[0, 0.5], [0.5, 0]], [0.4, 0.4], [0.2, 0.2], [1.0, 1.16]),
        ([[0, 0.2, 0.2], [0.2, 0, 0.05], [0.2, 0.05, 0]], [0.4] * 3, [0.2] * 3, [1.0, 1.16, 0.16]),
    ]
    for k, a, g, x0 in cases:
        res = simulate_arms_race(k, a, g, x0, years=30)
        m = np.array(k) - np.diag(a)
        for t_index in (1, 10, 30):
            exact = exact_path(m, np.array(g), np.array(x0), res.times[t_index])
            got = np.array([path[t_index] for path in res.levels])
            assert np.allclose(got, exact, rtol=1e-7, atol=1e-9), (k, t_index)


def test_stable_paths_converge_and_runaway_paths_grow_at_the_eigenvalue_rate() -> None:
    stable = simulate_arms_race([[0, 0.2], [0.2, 0]], [0.4, 0.4], [0.2, 0.2], [0.0, 3.0], years=60)
    assert stable.final_levels == pytest.approx((1.0, 1.0), abs=1e-4)
    run = simulate_arms_race([[0, 0.5], [0.5, 0]], [0.4, 0.4], [0.2, 0.2], [1.0, 1.0], years=40)
    # the distance from x* = -2 grows by e^{0.1} a year once the decaying mode (e^{-0.9 t}) is gone
    x_star = run.equilibrium[0]
    assert x_star == pytest.approx(-2.0)
    assert (run.levels[0][-1] - x_star) / (run.levels[0][-2] - x_star) == pytest.approx(math.exp(0.1), rel=1e-6)
    assert not run.stable and run.growth_rate == pytest.approx(0.1)


def test_times_and_names() -> None:
    res = simulate_arms_race([[0, 0.1], [0.1, 0]], [0.4, 0.4], [0, 0], [1, 1], years=2,
                             record_every=0.5, actors=["X", "Y"])
    assert res.times == (0.0, 0.5, 1.0, 1.5, 2.0)
    assert res.actors == ("X", "Y")
    assert simulate_arms_race([[0]], [0.5], [0.5], [0.0], years=1).actors == ("Actor 1",)


def test_presets_as_the_chapter_describes_them() -> None:
    assert [p.preset_id for p in PRESETS] == ["two_stable", "two_runaway", "three", "newcomers"]
    assert evaluate_preset("two_stable").stable and not evaluate_preset("two_runaway").stable
    assert evaluate_preset("three").stable and not evaluate_preset("newcomers").stable
    # the two-actor presets differ only in k
    a, b = get_preset("two_stable"), get_preset("two_runaway")
    assert (a.weights, a.fatigue, a.grievance, a.initial) == (b.weights, b.fatigue, b.grievance, b.initial)
    assert a.reaction == 0.2 and b.reaction == 0.5
    three, six = get_preset("three"), get_preset("newcomers")
    assert critical_reaction(three.weights, three.fatigue) > 0.2 > critical_reaction(six.weights, six.fatigue)
    # the six-actor pattern contains the three-actor one
    for i in range(3):
        for j in range(3):
            assert six.weights[i][j] == three.weights[i][j]
    assert six.initial[3:] == (0.0, 0.0, 0.0)


def test_starting_levels_are_the_2025_stockpiles_relative_to_the_us() -> None:
    forces = load_table("nuclear_forces_2025").set_index("state")["military_stockpile"]
    us = forces["United States"]
    three = get_preset("three")
    for name, level in zip(three.actors, three.initial, strict=True):
        assert level == pytest.approx(forces[name] / us, abs=0.005), name


# --------------------------------------------------------------------------------------
# Model: bad input
# --------------------------------------------------------------------------------------

GOOD = {"reaction": [[0, 0.2], [0.2, 0]], "fatigue": [0.4, 0.4], "grievance": [0.2, 0.2],
        "initial": [1.0, 1.0]}


@pytest.mark.parametrize(("changes", "name"), [
    ({"reaction": [[0, -0.1], [0.2, 0]]}, "reaction"),
    ({"reaction": [[0.1, 0.2], [0.2, 0]]}, "reaction"),
    ({"reaction": [[0, 0.2, 0], [0.2, 0]]}, "reaction"),
    ({"reaction": [[0, float("nan")], [0.2, 0]]}, "reaction"),
    ({"reaction": "no"}, "reaction"),
    ({"reaction": [[0, "x"], [0.2, 0]]}, "reaction"),
    ({"reaction": []}, "reaction"),
    ({"reaction": [[0] * 9] * 9}, "reaction"),
    ({"fatigue": [0.4, 0.0]}, "fatigue"),
    ({"fatigue": [0.4]}, "fatigue"),
    ({"fatigue": [0.4, -1]}, "fatigue"),
    ({"fatigue": [0.4, float("inf")]}, "fatigue"),
    ({"grievance": [0.2, -0.1]}, "grievance"),
    ({"grievance": [0.2, True]}, "grievance"),
    ({"initial": [1.0, -1.0]}, "initial"),
    ({"initial": None}, "initial"),
    ({"years": 0}, "years"),
    ({"years": 500}, "years"),
    ({"years": 30.3}, "years"),
    ({"dt": 0.5}, "dt"),
    ({"dt": -0.1}, "dt"),
    ({"record_every": 0.07}, "record_every"),
    ({"actors": ["A", "A"]}, "actors"),
])
def test_bad_input_names_the_parameter(changes, name) -> None:
    with pytest.raises(ValueError, match=name):
        simulate_arms_race(**{**GOOD, **changes})


def test_other_functions_reject_bad_input() -> None:
    with pytest.raises(ValueError, match="a"):
        two_actor_stable(0.0, 0.4, 0.1, 0.1)
    with pytest.raises(ValueError, match="l"):
        two_actor_stable(0.4, 0.4, 0.1, -0.1)
    with pytest.raises(ValueError, match="k"):
        reaction_matrix([[0, 1], [1, 0]], -0.2)
    with pytest.raises(ValueError, match="weights"):
        critical_reaction([[0, 1], [1, 1]], [0.4, 0.4])
    with pytest.raises(ValueError, match="preset_id"):
        get_preset("four")
    with pytest.raises(ValueError, match="reaction"):
        evaluate_preset("three", reaction=float("nan"))
    with pytest.raises(ValueError, match="reaction"):
        evaluate_preset("three", reaction=True)


# --------------------------------------------------------------------------------------
# Model: properties
# --------------------------------------------------------------------------------------


@PROPERTY
@given(a=FATIGUE, b=FATIGUE, k=COEF, l=COEF)
def test_eigen_stability_agrees_with_ab_greater_than_kl(a, b, k, l) -> None:  # noqa: E741
    assume(abs(a * b - k * l) > 1e-6)
    res = simulate_arms_race([[0, k], [l, 0]], [a, b], [0.1, 0.1], [0.5, 0.5], years=1)
    assert res.stable == two_actor_stable(a, b, k, l) == (a * b > k * l)


@PROPERTY
@given(a=FATIGUE, b=FATIGUE, k=COEF, l=COEF, g=LEVEL, h=LEVEL, x=LEVEL, y=LEVEL)
def test_levels_never_go_negative(a, b, k, l, g, h, x, y) -> None:  # noqa: E741
    res = simulate_arms_race([[0, k], [l, 0]], [a, b], [g, h], [x, y], years=20)
    assert min(min(p) for p in res.levels) >= -1e-9


@PROPERTY
@given(a=FATIGUE, b=FATIGUE, k=COEF, l=COEF, g=LEVEL, h=LEVEL)
def test_stable_equilibrium_is_non_negative_and_a_fixed_point(a, b, k, l, g, h) -> None:  # noqa: E741
    assume(a * b - k * l > 1e-3)
    x_star = equilibrium([[0, k], [l, 0]], [a, b], [g, h])
    assert x_star is not None and min(x_star) >= -1e-12
    res = simulate_arms_race([[0, k], [l, 0]], [a, b], [g, h], list(x_star), years=5)
    assert res.final_levels == pytest.approx(x_star, abs=1e-8)


@PROPERTY
@given(k1=COEF, k2=COEF, a=FATIGUE, g=LEVEL)
def test_more_reaction_never_lowers_levels_or_growth(k1, k2, a, g) -> None:
    lo, hi = sorted((k1, k2))
    w = get_preset("three").weights
    r_lo = simulate_arms_race(reaction_matrix(w, lo), [a] * 3, [g] * 3, [1.0, 1.16, 0.16], years=10)
    r_hi = simulate_arms_race(reaction_matrix(w, hi), [a] * 3, [g] * 3, [1.0, 1.16, 0.16], years=10)
    assert r_hi.growth_rate >= r_lo.growth_rate - 1e-9
    for p_lo, p_hi in zip(r_lo.levels, r_hi.levels, strict=True):
        assert p_hi[-1] >= p_lo[-1] - 1e-9


@PROPERTY
@given(k=st.floats(min_value=0.0, max_value=0.6, allow_nan=False))
def test_adding_the_newcomers_never_lowers_the_largest_eigenvalue(k) -> None:
    three, six = get_preset("three"), get_preset("newcomers")
    small = eigenvalues(reaction_matrix(three.weights, k), three.fatigue)[0].real
    big = eigenvalues(reaction_matrix(six.weights, k), six.fatigue)[0].real
    assert big >= small - 1e-9


@PROPERTY
@given(k=st.floats(min_value=0.0, max_value=0.6, allow_nan=False))
def test_critical_k_separates_stable_from_runaway(k) -> None:
    for p in PRESETS:
        k_star = critical_reaction(p.weights, p.fatigue)
        assume(abs(k - k_star) > 1e-6)
        assert evaluate_preset(p, k).stable == (k < k_star)


# --------------------------------------------------------------------------------------
# Figure: every precomputed state equals the model's output
# --------------------------------------------------------------------------------------


def _expected_paths(preset: ArmsRacePreset, k: float) -> dict[str, list]:
    res = evaluate_preset(preset, k)
    out = {}
    for name, path in zip(res.actors, res.levels, strict=True):
        cut, gone = [], False
        for v in path:
            cut.append(None if gone else float(f"{v:.3g}"))
            gone = gone or v > Y_MAX
        out[name] = cut
    return out


def _check_payload(payload: dict, indices: list[int], preset: ArmsRacePreset, k: float, where: str) -> None:
    res = evaluate_preset(preset, k)
    paths = _expected_paths(preset, k)
    ys = dict(zip(indices, payload["y"], strict=True))
    for name in ACTORS:
        i = ACTORS.index(name)
        if name in preset.actors:
            assert ys[i] == paths[name], (where, name)
        elif i in ys:
            assert ys[i] == [], (where, name)
    eig = ys[len(ACTORS) + 1]
    want = [float(f"{z.real:.3g}") for z in res.eigenvalues]
    assert eig[: len(want)] == pytest.approx(want, abs=1e-12), where
    assert all(v is None for v in eig[len(want):]), where
    eq = ys[len(ACTORS)]
    for name in ACTORS:
        v = eq[ACTORS.index(name)]
        if name not in preset.actors or not res.stable:
            assert v is None, (where, name)
        else:
            x_star = res.equilibrium[preset.actors.index(name)]
            assert v == (float(f"{x_star:.3g}") if x_star <= Y_MAX else None), (where, name)


def test_every_dropdown_entry_and_slider_step_matches_the_model() -> None:
    fig = arms_race_figure()
    layout = fig.to_dict()["layout"]
    buttons = layout["updatemenus"][0]["buttons"]
    assert [b["label"] for b in buttons] == [p.label for p in PRESETS]
    for button, preset in zip(buttons, PRESETS, strict=True):
        payload, lay, indices = button["args"]
        assert indices == list(range(len(ACTORS) + 2))
        _check_payload(payload, indices, preset, preset.reaction, preset.preset_id)
        assert payload["visible"][: len(ACTORS)] == [a in preset.actors for a in ACTORS]
        assert lay["annotations[0].text"] == verdict_text(preset, preset.reaction,
                                                          evaluate_preset(preset))
        slider = lay["sliders"][0]
        values = [float(s["label"]) for s in slider["steps"]]
        assert values == sorted(set(REACTION_STEPS) | {preset.reaction})
        assert values[slider["active"]] == preset.reaction
        for step in slider["steps"]:
            k = float(step["label"])
            sp, slay, sind = step["args"]
            assert sind == [ACTORS.index(a) for a in preset.actors] + [len(ACTORS), len(ACTORS) + 1]
            assert "visible" not in sp  # a slider step sends only what changes
            _check_payload(sp, sind, preset, k, f"{preset.preset_id} k={k}")
            verdict = slay["annotations[0].text"]
            assert ("Stable" in verdict) == evaluate_preset(preset, k).stable


def test_verdict_states_the_condition() -> None:
    p = get_preset("two_runaway")
    text = verdict_text(p, 0.5, evaluate_preset(p))
    assert "Runaway" in text and "ab = 0.16 < kl = 0.25" in text and "+0.100" in text
    three = get_preset("three")
    text = verdict_text(three, 0.2, evaluate_preset(three))
    assert "k = 0.20 < critical k* = 0.259" in text
    oneway = ArmsRacePreset("x", "x", ("A", "B", "C"), ((0, 1, 0), (0, 0, 1), (0, 0, 0)),
                            (0.4,) * 3, (0.1,) * 3, (0.0,) * 3, 0.9, "")
    assert "no loop" in verdict_text(oneway, 0.9, evaluate_preset(oneway))


def test_initial_figure_and_bad_arguments() -> None:
    fig = arms_race_figure(initial="three")
    assert fig.layout.updatemenus[0].active == 2
    assert fig.layout.sliders[0].name == "reaction-three"
    assert [t.visible for t in fig.data[: len(ACTORS)]] == [True, True, True, False, False, False]
    assert fig.layout.meta["description"] and fig.layout.title.text and fig.layout.height
    assert {ACTOR_STYLES[a]["dash"] for a in ACTORS}.__len__() == len(ACTORS)
    with pytest.raises(ValueError, match="initial"):
        arms_race_figure(initial="nope")
    with pytest.raises(ValueError, match="presets"):
        arms_race_figure(TABLE.iloc[0:0])
    with pytest.raises(ValueError, match="distinct"):
        arms_race_figure(pd.concat([TABLE.iloc[[0]], TABLE.iloc[[0]]]))


def test_state_rounds_to_three_significant_digits() -> None:
    state = arms_race_state(get_preset("three"), 0.2)
    for path in state["y"][:3]:
        for v in path:
            assert v is None or v == round_sig(v)
    assert round_sig(123456.0) == 123000.0 and round_sig(float("inf")) is None


def test_figure_json_is_small() -> None:
    assert len(arms_race_figure().to_json()) < 120_000


# --------------------------------------------------------------------------------------
# Live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel() -> ArmsRacePanel:
    return arms_race_panel()


def test_panel_starts_on_the_first_preset(panel) -> None:
    assert panel.controls["preset"].value == "two_stable"
    assert "Stable" in panel.summary.value and "United States 1.00" in panel.summary.value
    assert list(panel.figure.data[0].y) == _expected_paths(get_preset("two_stable"), 0.2)["United States"]


def test_panel_preset_switch_sets_every_control(panel) -> None:
    panel.controls["preset"].value = "newcomers"
    six = get_preset("newcomers")
    assert panel.controls["k"].value == 0.2
    assert panel.controls["w_jp_cn"].value == six.weights[5][2] == 1.0
    assert panel.controls["grievance_ca"].value == 0.05
    assert "Runaway" in panel.summary.value
    assert panel.figure.data[5].visible is True
    assert list(panel.figure.data[5].y) == _expected_paths(six, 0.2)["Japan"]
    panel.controls["preset"].value = "two_stable"
    # the actors the preset leaves out start at zero, with no grievance and no links, and are not drawn
    assert panel.controls["initial_jp"].value == 0.0 and panel.controls["w_jp_cn"].value == 0.0
    assert [t.visible for t in panel.figure.data[:6]] == [True, True, False, False, False, False]
    assert "Taking part: United States, Russia." in panel.summary.value


def test_every_control_changes_the_result(panel) -> None:
    panel.controls["preset"].value = "newcomers"  # every actor takes part, so every control acts
    for name, c in panel.controls.items():
        if name == "preset":
            continue
        before = (panel.summary.value, tuple(tuple(t.y) for t in panel.figure.data[:8]))
        c.value = c.value + 0.1
        after = (panel.summary.value, tuple(tuple(t.y) for t in panel.figure.data[:8]))
        assert after != before, c.description


def test_an_actor_joins_the_race_from_the_controls(panel) -> None:
    assert panel.figure.data[5].visible is False
    panel.controls["grievance_jp"].value = 0.1
    assert panel.figure.data[5].visible is True
    assert "Taking part: United States, Russia, Japan" in panel.summary.value
    # Japan, alone and unwatched, grows towards g / a = 0.25
    assert panel.figure.data[5].y[-1] == pytest.approx(0.25, abs=0.005)


@pytest.mark.parametrize(("name", "value", "words"), [
    ("fatigue_ca", 0.0, "Canada’s fatigue a must be positive"),
    ("w_ru_us", -1.0, "the weight “Russia watches United States” must be"),
])
def test_panel_rejects_in_the_controls_words(panel, name, value, words) -> None:
    panel.controls[name].value = value
    assert not panel.computed
    assert words in panel.summary.value, panel.summary.value


def test_panel_with_no_actor_taking_part(panel) -> None:
    for name, c in panel.controls.items():
        if name.startswith(("initial_", "grievance_", "w_")):
            c.value = 0.0
    assert not panel.computed and "no actor takes part" in panel.summary.value


def test_the_panel_follows_the_explorer_contract() -> None:
    check_live_panel(arms_race_panel("newcomers"), rejected={"fatigue_us": 0.0})


def test_the_figures_follow_the_explorer_contract() -> None:
    check_explorer_figure(arms_race_figure())
    check_explorer_figure(stockpiles_figure(load_table("warhead_stockpiles")))


def test_the_controls_send_the_state_function_s_payload() -> None:
    fig = arms_race_figure()
    (menu,) = fig.to_dict()["layout"]["updatemenus"]
    assert menu["name"] == "Scenario"
    for button, preset in zip(menu["buttons"], PRESETS, strict=True):
        state, layout, traces = button["args"]
        assert traces == list(DYNAMIC_TRACES)
        assert state == arms_race_state(preset, preset.reaction)
        assert {k: v for k, v in layout.items() if k != "sliders"} == arms_race_layout(preset, preset.reaction)
        assert layout["sliders"][0]["currentvalue"]["prefix"] == "Reaction coefficient k: "


def test_axes_fit_the_data() -> None:
    """Issue 21: the level axis ends just above the highest point drawn, not at 5 for data near 1,
    and the eigenvalue panel shows one slot per actor."""
    fig = arms_race_figure()
    assert list(fig.layout.yaxis.range) == [0, 1.5]  # two_stable: levels 1 to 1.16
    assert list(fig.layout.xaxis2.range) == [-0.5, 1.5]
    for button, preset in zip(fig.layout.updatemenus[0].buttons, PRESETS, strict=True):
        state, layout, _ = button.args
        top = layout["yaxis.range"][1]
        shown = [v for path in state["y"][:7] for v in path if v is not None]
        assert min(max(shown), Y_MAX) <= top <= min(max(shown) * 1.08 + 0.5, Y_MAX) + 1e-9, preset.preset_id
        assert layout["xaxis2.range"] == [-0.5, len(preset.actors) - 0.5]


def test_presets_are_data() -> None:
    """The presets come from data/arms_race_presets.csv, row by row, with a source and a basis."""
    assert [p.preset_id for p in PRESETS] == list(TABLE.sort_values("order")["preset_id"])
    for row in TABLE.to_dict("records"):
        assert preset_from_row(row) == get_preset(row["preset_id"])
        assert row["source"] and row["basis"].startswith("judgement: ")
    row = TABLE.to_dict("records")[0]
    for column in ("actors", "weights", "fatigue", "grievance", "initial", "reaction"):
        with pytest.raises(ValueError, match=f"preset 'two_stable': the column {column} is missing"):
            preset_arguments({k: v for k, v in row.items() if k != column})
    for column, bad, words in (("actors", "United States; Atlantis", "distinct actors"),
                               ("actors", "Russia; Russia", "distinct actors"),
                               ("weights", "0 1; 1", "square"), ("weights", "0 1; 1 0; 0 0", "square"),
                               ("weights", "0 1; x 0", "numbers"), ("fatigue", "0.4", "2 entries"),
                               ("fatigue", "0.4; 0", "positive"), ("grievance", "0.2; -1", "grievance"),
                               ("initial", "1; nan", "initial"), ("reaction", -0.1, "reaction")):
        with pytest.raises(ValueError, match=f"preset 'two_stable': the column {column}.*{words}"):
            preset_arguments({**row, column: bad})
    broken = TABLE.copy()
    broken.loc[2, "fatigue"] = "0.4; 0.4"
    with pytest.raises(ValueError, match="preset 'three': the column fatigue"):
        arms_race_figure(broken)


def test_panel_values_match_the_equations(panel) -> None:
    panel.controls["k"].value = 0.1
    # a = b = 0.4, k = l = 0.1, g = h = 0.2: x* = 0.2 / 0.3
    assert "0.67" in panel.summary.value
    panel.controls["k"].value = 0.45
    assert "Runaway" in panel.summary.value and "ab = 0.16 < kl = 0.20" in panel.summary.value


# --------------------------------------------------------------------------------------
# Data: warhead stockpiles
# --------------------------------------------------------------------------------------


@pytest.fixture
def stockpiles() -> pd.DataFrame:
    return load_table("warhead_stockpiles")


def test_stockpiles_table_has_the_selected_years(stockpiles) -> None:
    us = stockpiles[stockpiles["state"] == "United States"]
    assert list(us["year"]) == [*range(1945, 1966, 5), 1967, *range(1970, 1986, 5), 1986,
                                *range(1990, 2021, 5), 2023, 2025]
    assert set(stockpiles["state"]) == {"United States", "Russia", "United Kingdom", "France", "China",
                                        "Israel", "India", "Pakistan", "North Korea", "South Africa"}


def test_2025_rows_equal_the_2025_military_stockpiles(stockpiles) -> None:
    forces = load_table("nuclear_forces_2025").set_index("state")["military_stockpile"]
    latest = stockpiles[stockpiles["year"] == 2025].set_index("state")["warheads"]
    assert set(latest.index) == set(forces.index)
    for state, n in latest.items():
        assert n == forces[state], state


def test_stockpile_facts_from_the_sources(stockpiles) -> None:
    v = stockpiles.set_index(["state", "year"])["warheads"]
    assert v[("United States", 1967)] == 31255          # official peak (DoD 2010 fact sheet)
    assert v[("United States", 2020)] == 3750           # official figure for Sept 2020 (State 2021)
    assert v[("United States", 2023)] == 3748 - 40      # FAS 3,708, 40 below NNSA's 3,748
    assert v[("Russia", 1986)] == max(v[("Russia", y)] for y in stockpiles.loc[
        stockpiles["state"] == "Russia", "year"])       # the Soviet peak
    assert v[("China", 2025)] == 600 and v[("China", 2023)] == 410
    assert v[("South Africa", 1990)] == 0
    by_year = stockpiles.groupby("year")["warheads"].sum()
    assert by_year.idxmax() == 1986 and 64000 < by_year[1986] < 65000
    uk = stockpiles[(stockpiles["state"] == "United Kingdom") & (stockpiles["year"] >= 1965)]["warheads"]
    assert uk.min() >= 225 and uk.max() <= 500


def test_disagreements_are_noted(stockpiles) -> None:
    notes = stockpiles.set_index(["state", "year"])["note"]
    assert "3,748" in notes[("United States", 2023)] and "differ" in notes[("United States", 2023)]
    assert "500" in notes[("China", 2023)] and "differ" in notes[("China", 2023)]


def test_stockpiles_figure(stockpiles) -> None:
    fig = stockpiles_figure(stockpiles)
    assert len(fig.data) == 10
    us = next(t for t in fig.data if t.name == "United States")
    assert us.y[us.x.index(1967)] == 31255
    buttons = fig.layout.updatemenus[0].buttons
    assert [b.label for b in buttons] == ["All, linear", "Below 1,000", "Log scale"]
    ranges = [b.args[0]["yaxis.range"] for b in buttons]
    assert len({tuple(r) for r in ranges}) == 3
    assert fig.layout.meta["description"]
    with pytest.raises(ValueError, match="stockpiles"):
        stockpiles_figure(stockpiles.drop(columns=["warheads"]))


def test_every_source_key_of_the_chapter_is_in_the_bibliography(stockpiles) -> None:
    keys = set(bibliography().entries)
    for cell in stockpiles["source"]:
        for key in str(cell).split("; "):
            assert key in keys, key


# --------------------------------------------------------------------------------------
# In Japanese
# --------------------------------------------------------------------------------------

def test_the_figures_are_japanese_on_a_japanese_page() -> None:
    check_figure_in_japanese(lambda: _figure(load_table("arms_race_presets")))
    check_figure_in_japanese(lambda: stockpiles_figure(load_table("warhead_stockpiles")))


def test_the_japanese_figures_name_actors_scenarios_and_verdicts_in_japanese() -> None:
    with speaking("ja"):
        fig = _figure(load_table("arms_race_presets")).to_dict()
        stock = stockpiles_figure(load_table("warhead_stockpiles")).to_dict()
    assert [t["name"] for t in fig["data"][:3]] == ["米国", "ロシア", "中国"]
    assert [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]][:2] == ["2主体、安定", "2主体、暴走"]
    assert fig["layout"]["annotations"][0]["text"].startswith("<b>安定</b>")
    assert "北朝鮮" in [t["name"] for t in stock["data"]]


def test_the_panel_is_japanese() -> None:
    check_panel_in_japanese(lambda: arms_race_panel())
    with speaking("ja"):
        panel = arms_race_panel()
    assert "参加する主体：米国、ロシア" in panel.summary.value, panel.summary.value
    assert panel.controls["fatigue_us"].description == "米国の疲労 a"


def test_a_rejected_combination_is_explained_in_japanese() -> None:
    with speaking("ja"):
        panel = arms_race_panel()
        for name, control in panel.controls.items():
            if name.startswith(("initial_", "grievance_", "w_")):
                control.value = 0.0
    assert not panel.computed
    assert "参加する主体がない" in panel.summary.value, panel.summary.value
    assert "no actor takes part" not in panel.summary.value


def test_the_chapter_tables_have_japanese_captions_and_headings() -> None:
    with speaking("ja"):
        tables = [presets_table(load_table("arms_race_presets")),
                  stockpiles_table(load_table("warhead_stockpiles"))]
    assert tables[0].caption.startswith("軍拡競争") and "主体" in tables[0].header
    assert "核弾頭数" in tables[1].header and "125行" in tables[1].caption
    with speaking("en"):
        assert stockpiles_table(load_table("warhead_stockpiles")).caption.endswith("(the full table has 125 rows)")
