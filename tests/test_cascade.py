"""Chapter 8, dominoes: the threshold-cascade model, its animated figure, the live panel and the data.

Expected values come from the model's equations worked by hand,
``p_i(t) = sum_j w_ij x_j(t) + e_i - a c_i`` and ``x_i(t+1) = 1`` if
``x_i(t) = 1`` or ``p_i(t) > theta_i``, or from an independent re-implementation
written here in plain Python. Facts in the tables are checked against the
sources named in each test.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from explorer_checks import (
    check_explorer_figure,
    check_figure_in_japanese,
    check_live_panel,
    check_panel_in_japanese,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from proliferation_course.data import load_table
from proliferation_course.figures.cascade import (
    DYNAMIC_TRACES,
    MAP_POSITIONS,
    PRESET_LABEL,
    ROUND_LABEL,
    cascade_figure,
    check_presets,
    korea_polls_figure,
    latency_table,
    links_table,
    polls_table,
    presets_table,
    pressure_range,
    states_table,
)
from proliferation_course.figures.style import color
from proliferation_course.i18n import speaking
from proliferation_course.models.cascade import (
    PRESET_COLUMNS,
    cascade_inputs,
    preset_arguments,
    run_cascade,
    run_cascade_tables,
)
from proliferation_course.widgets.cascade import CascadePanel, cascade_panel

DATA = Path(__file__).resolve().parent.parent / "data"
PROPERTY = settings(max_examples=150, deadline=None, database=None)


@pytest.fixture(scope="module")
def states() -> pd.DataFrame:
    return load_table("cascade_states")


@pytest.fixture(scope="module")
def links() -> pd.DataFrame:
    return load_table("cascade_links")


@pytest.fixture(scope="module")
def presets() -> pd.DataFrame:
    return load_table("cascade_presets")


DYNAMIC = list(DYNAMIC_TRACES)


def cascade_presets() -> list[dict]:
    """The presets of the ``cascade_presets`` table, in display order, as the model's arguments."""
    rows = check_presets(load_table("cascade_presets")).to_dict("records")
    return [{"id": r["preset_id"], "label": r["label"], **preset_arguments(r)} for r in rows]


def _csv(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------------------
# An independent re-implementation, from the equations
# --------------------------------------------------------------------------------------


def _reference(thresholds, exposure, coverage, weights, seeds_idx, a):
    """Plain-Python cascade: returns the list of nuclear sets, round by round."""
    n = len(thresholds)
    nuclear = set(seeds_idx)
    history = [frozenset(nuclear)]
    while True:
        joiners = set()
        for i in range(n):
            if i in nuclear:
                continue
            p = sum(weights[i][j] for j in nuclear) + exposure[i] - a * coverage[i]
            if p > thresholds[i]:
                joiners.add(i)
        if not joiners:
            return history
        nuclear |= joiners
        history.append(frozenset(nuclear))


# --------------------------------------------------------------------------------------
# The model: values by hand
# --------------------------------------------------------------------------------------


def test_two_states_by_hand() -> None:
    # B: p = 0.5 * 1 + 0.1 - 0.2 * 1 = 0.4 > 0.35, so B joins in round 1.
    res = run_cascade(["A", "B"], [1.0, 0.35], [0.0, 0.1], [1.0, 1.0],
                      [[0.0, 0.0], [0.5, 0.0]], seeds=["A"], assurance=0.2)
    assert res.final == ("A", "B") and res.rounds == 1 and res.followers == ("B",)
    assert res.pressure[0][1] == pytest.approx(0.4)
    assert res.joined_round("A") == 0 and res.joined_round("B") == 1
    # a = 0.3 gives p = 0.3 < 0.35: B stays out.
    res = run_cascade(["A", "B"], [1.0, 0.35], [0.0, 0.1], [1.0, 1.0],
                      [[0.0, 0.0], [0.5, 0.0]], seeds=["A"], assurance=0.3)
    assert res.final == ("A",) and res.rounds == 0 and res.joined_round("B") is None


def test_threshold_must_be_strictly_exceeded() -> None:
    # p = 0.5 exactly equals theta = 0.5: no move (0.5 is exact in binary).
    res = run_cascade(["A", "B"], [1.0, 0.5], [0.0, 0.0], [0.0, 0.0],
                      [[0.0, 0.0], [0.5, 0.0]], seeds=["A"], assurance=0.0)
    assert res.final == ("A",)


def test_a_chain_takes_one_round_per_link() -> None:
    # A -> B -> C -> D, each link 1.0, every threshold 0.5: three rounds.
    w = np.zeros((4, 4))
    w[1, 0] = w[2, 1] = w[3, 2] = 1.0
    res = run_cascade(list("ABCD"), [0.5] * 4, [0.0] * 4, [0.0] * 4, w, seeds=["A"], assurance=0.0)
    assert res.rounds == 3
    assert [res.joined_round(s) for s in "ABCD"] == [0, 1, 2, 3]
    assert res.status[1] == (True, True, False, False)


def test_assurance_only_reaches_covered_states() -> None:
    # Same pressure 0.6 on B (covered) and C (not covered); threshold 0.5; a = 0.5.
    w = [[0, 0, 0], [0.6, 0, 0], [0.6, 0, 0]]
    res = run_cascade(["A", "B", "C"], [1.0, 0.5, 0.5], [0, 0, 0], [0.0, 1.0, 0.0], w,
                      seeds=["A"], assurance=0.5)
    assert res.final == ("A", "C")


def test_no_first_mover_with_the_course_tables_is_a_fixed_point(states, links) -> None:
    for a in (0.0, 0.5, 1.0):
        res = run_cascade_tables(states, links, seeds=[], assurance=a)
        assert res.final == () and res.rounds == 0


def test_korea_follows_japan_by_hand_from_the_csv(states, links) -> None:
    rows = {r["state_id"]: r for r in _csv("cascade_states")}
    link = {(r["from_id"], r["to_id"]): float(r["weight"]) for r in _csv("cascade_links")}
    kor = rows["KOR"]
    for a, joins in ((0.1, True), (0.3, True), (0.5, False)):
        p = link[("JPN", "KOR")] + 0.05 + float(kor["exposure"]) - a * float(kor["coverage"])
        assert (p > float(kor["threshold"])) is joins
        res = run_cascade_tables(states, links, seeds=["JPN"], assurance=a)
        assert res.pressure[0][res.states.index("KOR")] == pytest.approx(p)
        assert (res.joined_round("KOR") == 1) is joins


def test_the_proposal_moves_iran_in_round_one_whatever_the_assurance(states, links) -> None:
    rows = {r["state_id"]: r for r in _csv("cascade_states")}
    link = {(r["from_id"], r["to_id"]): float(r["weight"]) for r in _csv("cascade_links")}
    # Iran: exposure 0.35, coverage 0, links from JPN, DEU, CAN plus g = 0.05 from each.
    p = float(rows["IRN"]["exposure"]) + sum(link[(s, "IRN")] + 0.05 for s in ("JPN", "DEU", "CAN"))
    assert p == pytest.approx(0.75)
    for a in (0.0, 0.5, 1.0):
        res = run_cascade_tables(states, links, seeds=["JPN", "DEU", "CAN"], assurance=a)
        assert res.joined_round("IRN") == 1
        assert res.pressure[0][res.states.index("IRN")] == pytest.approx(p)


def test_removing_the_channels_stops_the_proposals_cascade(states, links) -> None:
    full = run_cascade_tables(states, links, ["JPN", "DEU", "CAN"], 0.5)
    assert set(full.followers) == {"IRN", "SAU", "KOR", "EGY", "TWN", "TUR"}
    quiet = run_cascade_tables(states, links, ["JPN", "DEU", "CAN"], 0.5,
                               channel_scale={"adversary response": 0.0})
    assert quiet.followers == ()
    # Graefrath and Raymond's view: no allies following; a nuclear Japan alone moves nobody.
    gr = run_cascade_tables(states, links, ["JPN"], 0.3, channel_scale={"allies following": 0.0})
    assert gr.followers == ()


def test_cascade_inputs_builds_the_weight_matrix(states, links) -> None:
    kw = cascade_inputs(states, links, norm_erosion=0.05)
    w, ids = kw["weights"], kw["states"]
    i, j = ids.index("KOR"), ids.index("JPN")
    assert w[i, j] == pytest.approx(0.45)  # 0.40 link + 0.05 norm erosion
    assert w[ids.index("BRA"), ids.index("CAN")] == pytest.approx(0.05)
    assert np.all(np.diag(w) == 0)
    shifted = cascade_inputs(states, links, threshold_shift=0.1)["thresholds"]
    assert shifted[ids.index("JPN")] == pytest.approx(1.02)


# --------------------------------------------------------------------------------------
# The model: bad input
# --------------------------------------------------------------------------------------

GOOD = dict(states=["A", "B"], thresholds=[0.5, 0.5], exposure=[0.0, 0.0], coverage=[1.0, 1.0],
            weights=[[0.0, 0.0], [0.5, 0.0]], seeds=["A"], assurance=0.2)


@pytest.mark.parametrize("change, name", [
    ({"states": "AB"}, "states"),
    ({"states": [], "thresholds": [], "exposure": [], "coverage": [], "weights": np.zeros((0, 0)),
      "seeds": []}, "states"),
    ({"states": ["A", "A"]}, "states"),
    ({"thresholds": [0.5]}, "thresholds"),
    ({"thresholds": [0.5, 0.0]}, "thresholds"),
    ({"thresholds": [0.5, -1.0]}, "thresholds"),
    ({"thresholds": [0.5, math.nan]}, "thresholds"),
    ({"thresholds": [0.5, math.inf]}, "thresholds"),
    ({"thresholds": [0.5, "high"]}, "thresholds"),
    ({"thresholds": [0.5, True]}, "thresholds"),
    ({"thresholds": 0.5}, "thresholds"),
    ({"exposure": [0.0, -0.1]}, "exposure"),
    ({"exposure": [0.0, math.inf]}, "exposure"),
    ({"coverage": [0.0, 1.5]}, "coverage"),
    ({"coverage": [0.0, math.nan]}, "coverage"),
    ({"weights": [[0.0, 0.0]]}, "weights"),
    ({"weights": [[0.0, -0.1], [0.5, 0.0]]}, "weights"),
    ({"weights": [[0.0, math.nan], [0.5, 0.0]]}, "weights"),
    ({"weights": [[0.2, 0.0], [0.5, 0.0]]}, "weights"),
    ({"weights": [["x", 0.0], [0.5, 0.0]]}, "weights"),
    ({"seeds": ["C"]}, "seeds"),
    ({"seeds": ["A", "A"]}, "seeds"),
    ({"seeds": "A"}, "seeds"),
    ({"assurance": 1.5}, "assurance"),
    ({"assurance": -0.1}, "assurance"),
    ({"assurance": math.nan}, "assurance"),
    ({"assurance": "high"}, "assurance"),
])
def test_bad_input_names_the_parameter(change: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        run_cascade(**{**GOOD, **change})


@pytest.mark.parametrize("kwargs, name", [
    ({"norm_erosion": -0.01}, "norm_erosion"),
    ({"norm_erosion": math.nan}, "norm_erosion"),
    ({"threshold_shift": math.nan}, "threshold_shift"),
    ({"threshold_shift": "up"}, "threshold_shift"),
    ({"threshold_shift": -1.0}, "threshold_shift"),
    ({"channel_scale": {"nonsense": 1.0}}, "channel_scale"),
    ({"channel_scale": {"regional": -1.0}}, "channel_scale"),
    ({"channel_scale": [1.0]}, "channel_scale"),
])
def test_bad_table_options_name_the_parameter(states, links, kwargs: dict, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        cascade_inputs(states, links, **kwargs)


def test_bad_tables_are_refused(states, links) -> None:
    with pytest.raises(ValueError, match="states"):
        cascade_inputs(states.drop(columns="threshold"), links)
    with pytest.raises(ValueError, match="links"):
        cascade_inputs(states, "links")
    bad = pd.concat([links, pd.DataFrame([{"from_id": "XXX", "to_id": "JPN", "weight": 0.1,
                                           "channel": "regional"}])], ignore_index=True)
    with pytest.raises(ValueError, match="links"):
        cascade_inputs(states, bad)
    self_link = pd.concat([links, pd.DataFrame([{"from_id": "JPN", "to_id": "JPN", "weight": 0.1,
                                                 "channel": "regional"}])], ignore_index=True)
    with pytest.raises(ValueError, match="self-link"):
        cascade_inputs(states, self_link)


# --------------------------------------------------------------------------------------
# The model: properties
# --------------------------------------------------------------------------------------


@st.composite
def networks(draw):
    n = draw(st.integers(min_value=1, max_value=7))
    val = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
    thresholds = [draw(st.floats(min_value=0.01, max_value=1.5)) for _ in range(n)]
    exposure = [draw(val) for _ in range(n)]
    coverage = [draw(val) for _ in range(n)]
    weights = [[0.0 if i == j else draw(st.floats(min_value=0.0, max_value=0.6)) for j in range(n)]
               for i in range(n)]
    seeds = draw(st.sets(st.integers(min_value=0, max_value=n - 1)))
    a = draw(val)
    return thresholds, exposure, coverage, weights, sorted(seeds), a


def _run(net, **change):
    thresholds, exposure, coverage, weights, seeds, a = net
    names = [f"S{i}" for i in range(len(thresholds))]
    kw = dict(states=names, thresholds=thresholds, exposure=exposure, coverage=coverage,
              weights=weights, seeds=[names[i] for i in seeds], assurance=a)
    kw.update(change)
    return run_cascade(**kw)


@PROPERTY
@given(networks())
def test_matches_the_reference_implementation(net) -> None:
    thresholds, exposure, coverage, weights, seeds, a = net
    res = _run(net)
    ref = _reference(thresholds, exposure, coverage, weights, seeds, a)
    got = [frozenset(i for i, x in enumerate(row) if x) for row in res.status]
    assert got == ref


@PROPERTY
@given(networks())
def test_converges_within_n_minus_s_rounds_and_ends_at_a_fixed_point(net) -> None:
    thresholds, exposure, coverage, weights, seeds, a = net
    res = _run(net)
    assert res.rounds <= len(thresholds) - len(seeds)
    # Every round that is recorded adds at least one state; nobody goes back.
    for before, after in zip(res.status, res.status[1:], strict=False):
        assert all(a_ >= b for a_, b in zip(after, before, strict=True)) and after != before
    # At the fixed point nobody outside is over the threshold.
    last = res.pressure[-1]
    for i, x in enumerate(res.status[-1]):
        if not x:
            assert last[i] <= thresholds[i]
    assert len(res.pressure) == len(res.status)


@PROPERTY
@given(networks(), st.floats(min_value=0.0, max_value=1.0))
def test_more_assurance_never_adds_a_proliferator(net, extra) -> None:
    a = net[5]
    more = min(1.0, a + extra)
    assert set(_run(net, assurance=more).final) <= set(_run(net).final)


@PROPERTY
@given(networks(), st.integers(min_value=0, max_value=6))
def test_another_first_mover_never_removes_a_proliferator(net, k) -> None:
    n = len(net[0])
    seeds = sorted(set(net[4]) | {k % n})
    names = [f"S{i}" for i in range(n)]
    assert set(_run(net).final) <= set(_run(net, seeds=[names[i] for i in seeds]).final)


@PROPERTY
@given(networks(), st.floats(min_value=0.0, max_value=0.5))
def test_higher_thresholds_never_add_a_proliferator(net, shift) -> None:
    higher = [t + shift for t in net[0]]
    assert set(_run(net, thresholds=higher).final) <= set(_run(net).final)


# --------------------------------------------------------------------------------------
# The animated figure: every state comes from the model
# --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fig(states, links, presets):
    return cascade_figure(states, links, presets).to_dict()


def _frames(fig: dict) -> dict[str, dict]:
    return {f["name"]: f for f in fig["frames"]}


def _effective(fig: dict, name: str) -> dict[int, dict]:
    """The data of a frame, with its baseframe chain applied (as plotly.js does)."""
    frames = _frames(fig)
    chain = []
    while name:
        chain.append(frames[name])
        name = frames[name].get("baseframe")
    out: dict[int, dict] = {}
    for frame in reversed(chain):
        for index, data in zip(frame["traces"], frame["data"], strict=True):
            out.setdefault(index, {}).update(data)
    return out


def _check_state(data: dict[int, dict], res, t: int, names: dict[str, str]) -> None:
    k = min(t, res.rounds)
    nuclear = {s for s, x in zip(res.states, res.status[k], strict=True) if x}
    labels = data[2].get("text") or []
    assert {lab.split("<br>")[0] for lab in labels} == {names[s] for s in nuclear}
    assert set(data[3].get("text") or []) == {names[s] for s in res.states if s not in nuclear}
    bars = {}
    for index in (6, 7, 8):
        for s, x in zip(data[index].get("y") or [], data[index].get("x") or [], strict=True):
            bars[s] = (index, x)
    assert set(bars) == set(res.states)
    for i, s in enumerate(res.states):
        index, x = bars[s]
        p, theta = res.pressure[k][i], res.thresholds[i]
        assert x == pytest.approx(round(p, 2), abs=1e-9)
        expected = 6 if s in nuclear else (7 if p > theta else 8)
        assert index == expected, (s, t)
    caption = data[4]["text"][0]
    assert f"{len(nuclear)} nuclear" in caption
    assert f"ound {t}" in caption


def test_every_frame_equals_the_models_round(fig, states, links) -> None:
    names = dict(zip(states["state_id"], states["state"], strict=True))
    n_steps = len(fig["layout"]["sliders"][0]["steps"])
    assert n_steps == 5  # the presets need at most 4 rounds
    assert len(fig["frames"]) == len(cascade_presets()) * n_steps
    for p in cascade_presets():
        res = run_cascade_tables(states, links, p["seeds"], p["assurance"])
        assert res.rounds < n_steps
        for t in range(n_steps):
            _check_state(_effective(fig, f"{p['id']}-r{t}"), res, t, names)


def test_every_preset_button_shows_the_models_fixed_point_and_swaps_its_controls(fig, states, links):
    names = dict(zip(states["state_id"], states["state"], strict=True))
    menu, play = fig["layout"]["updatemenus"]
    buttons = menu["buttons"]
    assert len(buttons) == len(cascade_presets()) == 6
    labels = [b["label"] for b in buttons]
    assert len(set(labels)) == len(labels)
    for b, p in zip(buttons, cascade_presets(), strict=True):
        # A one-frame animation queued after any running Play: it never interrupts one.
        assert b["method"] == "animate" and b["args"][1]["mode"] == "afterall"
        (frame,) = b["args"][0]
        assert frame["traces"] == DYNAMIC
        layout = frame["layout"]
        res = run_cascade_tables(states, links, p["seeds"], p["assurance"])
        data = dict(zip(DYNAMIC, frame["data"], strict=True))
        _check_state(data, res, len(layout["sliders"][0]["steps"]) - 1, names)
        steps = layout["sliders"][0]["steps"]
        for t, step in enumerate(steps):  # each slider step shows the model's round t
            upd, idx = step["args"][0], step["args"][-1]
            assert step["method"] in ("restyle", "update") and idx == DYNAMIC
            _check_state({index: {key: upd[key][i] for key in ("x", "y", "text")}
                          for i, index in enumerate(DYNAMIC)}, res, t, names)
        assert layout["sliders"][0]["active"] == len(steps) - 1
        frame_names = [f"{p['id']}-r{t}" for t in range(len(steps))]
        assert layout["updatemenus"][0] == {}
        assert list(layout["updatemenus"][1]) == ["buttons"]
        assert layout["updatemenus"][1]["buttons"][0]["args"][0] == frame_names


def test_consecutive_presets_differ(fig) -> None:
    """No button re-selects the state of the one before it (the browser test clicks them in order)."""
    buttons = fig["layout"]["updatemenus"][0]["buttons"]
    for before, after in zip(buttons, buttons[1:], strict=False):
        assert before["args"][0][0]["data"] != after["args"][0][0]["data"]


def test_slider_steps_differ_and_play_animates_the_initial_preset(fig) -> None:
    slider = fig["layout"]["sliders"][0]
    assert len(slider["steps"]) >= 3
    captions = [step["args"][0]["text"][2][0] for step in slider["steps"]]
    assert len(set(captions)) == len(captions)  # every step changes at least the caption
    play = fig["layout"]["updatemenus"][1]["buttons"][0]
    names = [f"proposal-high-r{t}" for t in range(len(slider["steps"]))]
    assert play["method"] == "animate" and play["args"][0] == names
    texts = [_effective(fig, n)[4]["text"][0] for n in names]
    assert texts == ["▶ " + c for c in captions]
    # Never interrupt: a queued Play cannot reject a running one (no uncaught page error).
    assert play["args"][1]["fromcurrent"] is False and play["args"][1]["mode"] == "afterall"


def test_frames_send_only_what_changes(fig) -> None:
    for frame in fig["frames"]:
        assert set(frame["traces"]) <= set(DYNAMIC)
        assert frame.get("layout", {}) == {"sliders": [{"active": int(frame["name"].rsplit("-r", 1)[1])}]}
        for data in frame["data"]:
            assert set(data) <= {"type", "x", "y", "text"}
            for v in data.get("x") or []:
                assert v is None or isinstance(v, str) or round(v, 2) == v
    assert len(json.dumps(fig, separators=(",", ":"), ensure_ascii=False)) < 110_000


def test_initial_view_and_description(fig) -> None:
    assert fig["layout"]["title"]["text"]
    assert fig["layout"]["height"] > 0
    desc = fig["layout"]["meta"]["description"]
    assert 2 <= desc.count(". ") + 1 <= 6
    ids = [p["id"] for p in cascade_presets()]
    assert fig["layout"]["updatemenus"][0]["active"] == ids.index("proposal-high")


def test_figure_rejects_bad_input(states, links, presets) -> None:
    with pytest.raises(ValueError, match="initial"):
        cascade_figure(states, links, presets, initial="nowhere")
    with pytest.raises(ValueError, match="states"):
        cascade_figure(states.drop(columns="threshold"), links, presets)
    odd = pd.concat([states, states.iloc[[0]].assign(state_id="XYZ", state="Nowhere")],
                    ignore_index=True)
    with pytest.raises(ValueError, match="position"):
        cascade_figure(odd, links, presets)
    with pytest.raises(ValueError, match="presets is missing column"):
        cascade_figure(states, links, presets.drop(columns="seeds"))
    with pytest.raises(ValueError, match="preset 'japan-low': assurance"):
        cascade_figure(states, links, presets.assign(assurance=[1.5] + [0.5] * (len(presets) - 1)))
    with pytest.raises(ValueError, match="unknown: XYZ"):
        cascade_figure(states, links, presets.assign(seeds="XYZ"))
    with pytest.raises(ValueError, match="presets has no rows"):
        cascade_figure(states, links, presets.iloc[0:0])


def test_first_preset_is_shown_when_initial_is_none(states, links, presets) -> None:
    f = cascade_figure(states, links, presets, initial=None).to_dict()
    assert f["layout"]["updatemenus"][0]["active"] == 0
    assert f["layout"]["sliders"][0]["name"] == "round-japan-low"


# --------------------------------------------------------------------------------------
# The presets and the figure's contract
# --------------------------------------------------------------------------------------


def test_preset_arguments_by_hand() -> None:
    assert preset_arguments({"preset_id": "p", "seeds": " CAN;DEU ; JPN", "assurance": 0.5}) == {
        "seeds": ("CAN", "DEU", "JPN"), "assurance": 0.5}
    assert PRESET_COLUMNS == ("seeds", "assurance")


@pytest.mark.parametrize(("row", "match"), [
    ({"preset_id": "p", "assurance": 0.5}, "preset 'p': the column seeds is missing"),
    ({"preset_id": "p", "seeds": "JPN"}, "preset 'p': the column assurance is missing"),
    ({"preset_id": "p", "seeds": "", "assurance": 0.5}, "preset 'p': seeds must name at least one"),
    ({"preset_id": "p", "seeds": "JPN;;KOR", "assurance": 0.5}, "no empty entry"),
    ({"preset_id": "p", "seeds": "JPN; JPN", "assurance": 0.5}, "must not repeat"),
    ({"preset_id": "p", "seeds": 3, "assurance": 0.5}, "separated by ';'"),
    ({"preset_id": "p", "seeds": "JPN", "assurance": -0.1}, "preset 'p': assurance must lie in"),
    ({"seeds": "JPN", "assurance": "high"}, "the preset: assurance"),
])
def test_bad_presets_name_the_preset_and_column(row: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        preset_arguments(row)


def test_presets_table_has_a_source_and_basis_for_every_row(presets, states) -> None:
    assert list(presets["preset_id"]) == [p["id"] for p in cascade_presets()]
    for row in presets.to_dict("records"):
        assert row["source"] and row["basis"].startswith("judgement: "), row["preset_id"]
        assert set(preset_arguments(row)["seeds"]) <= set(states["state_id"])


def test_the_figure_follows_the_explorer_contract(states, links, presets) -> None:
    f = cascade_figure(states, links, presets)
    check_explorer_figure(f)
    check_explorer_figure(korea_polls_figure(load_table("rok_nuclear_polls")))
    d = f.to_dict()["layout"]
    assert d["updatemenus"][0]["name"] == PRESET_LABEL
    assert d["sliders"][0]["currentvalue"]["prefix"] == f"{ROUND_LABEL}: "
    for key in ("subtitle", "notes", "source", "description", "narrow"):
        assert d["meta"][key], key


def test_thresholds_are_the_course_threshold_style_at_each_state(states, links, presets) -> None:
    """One dashed tick per state, in the palette's threshold colour, at the state's threshold."""
    d = cascade_figure(states, links, presets).to_dict()
    shapes = d["layout"]["shapes"]
    assert len(shapes) == len(states)
    order = list(d["layout"]["yaxis2"]["categoryarray"])
    for shape in shapes:
        assert shape["line"]["color"] == color("threshold") and shape["line"]["dash"] == "dash"
        assert shape["xref"] == "x2" and shape["yref"] == "y2"
        k = round((shape["y0"] + shape["y1"]) / 2)
        theta = float(states.loc[states["state_id"] == order[k], "threshold"].iloc[0])
        assert shape["x0"] == shape["x1"] == pytest.approx(round(theta, 2))
    assert d["data"][5]["name"] == "Threshold θ" and d["data"][5]["line"]["dash"] == "dash"
    # A restyle of x or y makes plotly.js guess the axis type again from the first traces on the
    # axis: the legend entry holds a state, so the states' axis stays a category axis.
    assert d["layout"]["yaxis2"]["type"] == "category" and d["data"][5]["y"][0] in order


def test_the_pressure_axis_fits_every_bar_threshold_and_label(states, links, fig) -> None:
    lo, hi = fig["layout"]["xaxis2"]["range"]
    results = [run_cascade_tables(states, links, p["seeds"], p["assurance"]) for p in cascade_presets()]
    values = [v for r in results for row in r.pressure for v in row] + list(results[0].thresholds)
    assert lo <= min(values) - 0.1 + 1e-9 and hi > max(values) + 0.4  # room for "1.25: joins"
    assert hi - lo < (max(values) - min(values)) + 0.8  # no empty stretch beyond the labels' room
    assert [lo, hi] == pressure_range(results)


def test_map_labels_have_room(states) -> None:
    """Each region is a column and the states of a column are at least 1.2 apart, so labels do not meet."""
    by_column: dict[float, list[float]] = {}
    for s in states["state_id"]:
        x, y = MAP_POSITIONS[s]
        by_column.setdefault(x, []).append(y)
    xs = sorted(by_column)
    assert all(b - a >= 2.6 for a, b in zip(xs, xs[1:], strict=False))
    for ys in by_column.values():
        ys.sort()
        assert all(b - a >= 1.2 - 1e-9 for a, b in zip(ys, ys[1:], strict=False))


# --------------------------------------------------------------------------------------
# The live panel
# --------------------------------------------------------------------------------------


@pytest.fixture()
def panel(states, links, presets):
    return cascade_panel(states, links, presets)


def test_panel_follows_its_controls(panel) -> None:
    assert isinstance(panel, CascadePanel)
    c = panel.controls
    # First preset: Japan first, a = 0.1 -> South Korea follows in round 1.
    assert "South Korea" in panel.summary.value
    nuclear_labels = list(panel.figure.data[2].text)
    assert any(lab.startswith("South Korea") for lab in nuclear_labels)
    c["assurance"].value = 0.5
    assert panel.result.followers == ()
    assert "none" in panel.summary.value
    assert [lab.split("<br>")[0] for lab in panel.figure.data[2].text] == ["Japan"]
    c["seeds"].value = ("CAN", "DEU", "JPN")
    assert set(panel.result.followers) == {"IRN", "SAU", "KOR", "EGY", "TWN", "TUR"}
    c["adversary_response"].value = 0.0
    assert panel.result.followers == ()
    c["adversary_response"].value = 1.0
    c["round"].value = 1
    shown = {lab.split("<br>")[0] for lab in panel.figure.data[2].text}
    assert shown == {"Canada", "Germany", "Japan", "Iran"}
    assert "Round 1 of 4" in panel.figure.data[4].text[0]


def test_panel_preset_sets_first_movers_and_assurance_only(panel) -> None:
    c = panel.controls
    c["norm_erosion"].value = 0.1
    c["preset"].value = "iran-high"
    assert c["seeds"].value == ("IRN",) and c["assurance"].value == 0.5
    assert c["norm_erosion"].value == 0.1  # kept as the learner set it
    assert "First movers" in panel.preset_note() and "US assurance a" in panel.preset_note()


def test_panel_threshold_and_norm_controls_change_the_figure(panel) -> None:
    before = list(panel.figure.data[2].text)
    panel.controls["threshold_shift"].value = -0.3  # every threshold stays positive
    panel.controls["norm_erosion"].value = 0.2
    assert "Cannot compute" not in panel.summary.value
    assert list(panel.figure.data[2].text) != before
    # The dashed ticks move with the thresholds, and the axis follows the pressures.
    theta = panel.result.thresholds[0]
    assert any(sh.x0 == pytest.approx(round(theta, 2)) for sh in panel.figure.layout.shapes)
    lo, hi = panel.figure.layout.xaxis2.range
    assert hi > max(max(row) for row in panel.result.pressure)


def test_panel_explains_a_threshold_shift_below_zero(panel) -> None:
    panel.controls["threshold_shift"].value = -0.6
    assert not panel.computed
    # Thresholds 0.57, 0.57 and 0.52 (table) fall to zero or below; the others stay above it.
    assert ("the shift of all thresholds (-0.6) leaves a threshold at or below zero for South Korea, "
            "Saudi Arabia, Iran; every threshold must stay above zero") in panel.summary.value


def test_panel_follows_the_explorer_contract(panel) -> None:
    check_live_panel(panel, rejected={"threshold_shift": -0.6})


# --------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------


def test_latency_counts_match_the_nuclear_latency_dataset() -> None:
    """Facility counts from the Nuclear Latency dataset v1.2 (Fuhrmann and Tkach 2015).

    FACTS.md records 9 rows for Japan, 8 for Germany and 4 for South Korea; Iran
    has 10 (Natanz, Fordow, Karaj and earlier sites).
    """
    rows = {r["state_id"]: r for r in _csv("latent_capability")}
    total = {k: int(r["enrichment_facilities"]) + int(r["reprocessing_facilities"]) for k, r in rows.items()}
    assert total["JPN"] == 9 and total["DEU"] == 8 and total["KOR"] == 4 and total["IRN"] == 10
    for k in ("POL", "TUR", "SAU"):
        assert total[k] == 0
    for k, r in rows.items():
        assert int(r["operating_at_end"]) <= total[k]
        assert int(r["covert_facilities"]) <= total[k]
        assert "fuhrmanntkach2015" in r["source"]


def test_the_tables_name_the_same_states(states, links) -> None:
    latency = load_table("latent_capability")
    assert set(states["state_id"]) == set(latency["state_id"])
    assert set(links["from_id"]) | set(links["to_id"]) <= set(states["state_id"])
    assert not (links["from_id"] == links["to_id"]).any()


def test_thresholds_are_off_the_pressure_grid(states, links) -> None:
    """No preset sits on a knife edge: every pressure is at least 0.02 from its threshold."""
    for p in cascade_presets():
        res = run_cascade_tables(states, links, p["seeds"], p["assurance"])
        for status, pressure in zip(res.status, res.pressure, strict=True):
            for x, pr, theta in zip(status, pressure, res.thresholds, strict=True):
                if not x:
                    assert abs(pr - theta) >= 0.02 - 1e-9


def test_polls_match_their_sources() -> None:
    polls = {r["poll_id"]: r for r in _csv("rok_nuclear_polls")}
    # Dong-A Ilbo, 24 February 2022: 71 in favour, 26 against, 1,500 respondents, 1-4 December 2021.
    assert polls["chicago_2021"]["in_favour"] == "71" and polls["chicago_2021"]["against"] == "26"
    assert polls["chicago_2021"]["sample_size"] == "1500"
    # Dong-A Ilbo, 31 January 2023 and 6 February 2024 (Chey Institute / Gallup Korea).
    assert float(polls["chey_2022"]["in_favour"]) == 76.6 and polls["chey_2022"]["sample_size"] == "1000"
    assert float(polls["chey_2023"]["in_favour"]) == 72.8 and polls["chey_2023"]["sample_size"] == "1043"
    # NK News, June 2023 (KINU): from 71.3 to 60.2 per cent.
    assert float(polls["kinu_2021"]["in_favour"]) == 71.3 and float(polls["kinu_2023"]["in_favour"]) == 60.2
    # CSIS (Cha 2024): 34 yes, 53 no, 13 not sure.
    assert polls["csis_2024"]["in_favour"] == "34" and polls["csis_2024"]["against"] == "53"
    for r in polls.values():
        if r["against"]:
            assert float(r["in_favour"]) + float(r["against"]) <= 100


# --------------------------------------------------------------------------------------
# In Japanese
# --------------------------------------------------------------------------------------

_KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def test_the_figures_are_japanese_on_a_japanese_page(states, links, presets) -> None:
    check_figure_in_japanese(lambda: cascade_figure(states, links, presets))
    check_figure_in_japanese(lambda: korea_polls_figure(load_table("rok_nuclear_polls")))


def test_the_japanese_figure_names_states_and_scenarios_in_japanese(states, links, presets) -> None:
    with speaking("ja"):
        fig = cascade_figure(states, links, presets).to_dict()
    assert "日本" in fig["layout"]["yaxis2"]["ticktext"]
    options = [b["label"] for b in fig["layout"]["updatemenus"][0]["buttons"]]
    assert "日本が最初、安心供与が高い（a = 0.5）" in options
    caption = fig["data"][4]["text"][0]
    assert caption.startswith("ラウンド") and "核武装" in caption, caption


def test_the_panel_is_japanese(states, links, presets) -> None:
    check_panel_in_japanese(lambda: cascade_panel(states, links, presets))
    with speaking("ja"):
        panel = cascade_panel(states, links, presets)
    assert "不動点" in panel.summary.value and "韓国" in panel.summary.value, panel.summary.value
    assert "日本" in [label for label, _ in panel.controls["seeds"].options]


def test_a_rejected_combination_is_explained_in_japanese(states, links, presets) -> None:
    with speaking("ja"):
        panel = cascade_panel(states, links, presets)
        panel.controls["threshold_shift"].value = -0.6
    assert not panel.computed
    said = panel.summary.value
    assert "閾値が0以下になる" in said and "すべての閾値のずらし" in said and "韓国" in said, said
    assert "threshold_shift" not in said and "South Korea" not in said, said


@pytest.mark.parametrize("make", [
    lambda: states_table(load_table("cascade_states")),
    lambda: links_table(load_table("cascade_links")),
    lambda: presets_table(load_table("cascade_presets")),
    lambda: latency_table(load_table("latent_capability")),
    lambda: polls_table(load_table("rok_nuclear_polls")),
])
def test_the_chapter_tables_have_japanese_captions_and_headings(make) -> None:
    with speaking("ja"):
        table = make()
    for text in (table.caption, table.note_heading, *table.header):
        assert _KANA_OR_KANJI.search(text) or not re.search(r"[A-Za-z][a-z]{2,}", text), text
    with speaking("en"):
        assert not _KANA_OR_KANJI.search(make().caption)
