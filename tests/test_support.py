"""Chapter 11's support-roles explorer: the model, its figure and panel, the three data tables, the page.

Expected values are worked by hand from the model's equations

    c_r = L_r / 3,   f_r = 1 - d_r (1 - s),   k_r = c_r f_r,   S = sum w_r k_r / sum w_r,

with the levels of ``data/support_capabilities.csv`` and the dependences of
``data/support_roles.csv``, written out here (not read from the code):

=============  ======  ==========  ===========  =====  =====  ===========
ally           escort  refuelling  air defence  space  cyber  maintenance
=============  ======  ==========  ===========  =====  =====  ===========
Japan          3       2           2            1      1      2
Germany        2       2           2            1      2      0
Canada         1       1           2            1      1      0
pooled (max)   3       2           2            1      2      2
d_r            0.9     0.8         0.3          0.6    0.5    0.3
=============  ======  ==========  ===========  =====  =====  ===========
"""

from __future__ import annotations

import html
import json
import math
import re
from fractions import Fraction as F

import pandas as pd
import plotly.graph_objects as go
import pytest
from explorer_checks import (
    check_explorer_figure,
    check_figure_in_japanese,
    check_live_panel,
    check_panel_in_japanese,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from proliferation_course.data import load_table, read_descriptor
from proliferation_course.figures.style import color
from proliferation_course.figures.support import (
    PRESET_LABEL,
    SHARING_LABEL,
    SHARING_STEPS,
    capabilities_table,
    check_presets,
    dependence_from_roles,
    presets_table,
    roles_table,
    summary_text,
    support_roles_figure,
    support_snapshot_figure,
    support_state,
    support_timeline_figure,
    timeline_table,
)
from proliferation_course.i18n import speaking
from proliferation_course.models.support import (
    PRESET_COLUMNS,
    ROLE_LABELS,
    ROLE_LABELS_JA,
    ROLES,
    ally_levels,
    check_levels,
    information_factor,
    levels_by_ally,
    pooled_levels,
    preset_arguments,
    support_coverage,
)
from proliferation_course.timeline import collect_events
from proliferation_course.widgets.support import SupportPanel, support_panel
from site_helpers import require_site

PRESETS = load_table("support_presets")
#: The choices of the figure's dropdown, in display order, and their labels (from the table).
VIEWS = tuple(str(v) for v in check_presets(PRESETS)["preset_id"])
ALLY_LABELS = dict(zip(PRESETS["preset_id"], PRESETS["label"], strict=True))
#: Every choice starts its slider at s = 0.5 (support_presets.csv; test_presets_table below).
DEFAULT_SHARING = 0.5


def view_levels(capabilities: pd.DataFrame, view: str) -> dict[str, int]:
    row = PRESETS.loc[PRESETS["preset_id"] == view].iloc[0]
    return ally_levels(capabilities, preset_arguments(row)["allies"])


HAND_LEVELS = {
    "japan": (3, 2, 2, 1, 1, 2),
    "germany": (2, 2, 2, 1, 2, 0),
    "canada": (1, 1, 2, 1, 1, 0),
    "pooled": (3, 2, 2, 1, 2, 2),
}
HAND_D = (F(9, 10), F(8, 10), F(3, 10), F(6, 10), F(5, 10), F(3, 10))


def hand_coverage(view: str, s: F) -> list[F]:
    return [F(lv, 3) * (1 - d * (1 - s)) for lv, d in zip(HAND_LEVELS[view], HAND_D, strict=True)]


def levels_of(view: str) -> dict[str, int]:
    return dict(zip(ROLES, HAND_LEVELS[view], strict=True))


DEP = {r: float(d) for r, d in zip(ROLES, HAND_D, strict=True)}


@pytest.fixture(scope="module")
def capabilities() -> pd.DataFrame:
    return load_table("support_capabilities")


@pytest.fixture(scope="module")
def roles() -> pd.DataFrame:
    return load_table("support_roles")


@pytest.fixture(scope="module")
def timeline() -> pd.DataFrame:
    return load_table("support_timeline")


# ---------------------------------------------------------------- the model, by hand

def test_six_roles_in_the_essays_order_with_labels() -> None:
    assert ROLES == ("escort", "refuelling", "air_defence", "space", "cyber", "maintenance")
    assert set(ROLE_LABELS) == set(ROLES) == set(ROLE_LABELS_JA)
    assert ROLE_LABELS_JA["escort"] == "護衛" and ROLE_LABELS_JA["refuelling"] == "空中給油"


def test_information_factor_by_hand() -> None:
    assert information_factor(0.0, 0.0) == 1.0
    assert information_factor(1.0, 0.0) == 0.0
    assert information_factor(1.0, 1.0) == 1.0
    assert math.isclose(information_factor(0.3, 0.5), 0.85)
    assert math.isclose(information_factor(0.8, 0.2), 1 - 0.8 * 0.8)


def test_japan_at_half_sharing_by_hand() -> None:
    res = support_coverage(levels_of("japan"), DEP, sharing=0.5)
    expected = hand_coverage("japan", F(1, 2))
    # escort 1 x 0.55; refuelling 2/3 x 0.6; air defence 2/3 x 0.85; space 1/3 x 0.7; ...
    assert expected[0] == F(11, 20) and expected[1] == F(2, 5)
    for got, want in zip(res.coverage, expected, strict=True):
        assert math.isclose(got, float(want), abs_tol=1e-12)
    assert math.isclose(res.index, float(sum(expected) / 6), abs_tol=1e-12)
    assert math.isclose(res.index, 0.42777777, abs_tol=1e-6)
    assert res.ready == ("escort", "air_defence", "maintenance")
    assert res.weakest == "space"


def test_germany_without_sharing_by_hand() -> None:
    res = support_coverage(levels_of("germany"), DEP, sharing=0.0)
    expected = hand_coverage("germany", F(0))
    assert expected == [F(1, 15), F(2, 15), F(7, 15), F(2, 15), F(1, 3), F(0)]
    for got, want in zip(res.coverage, expected, strict=True):
        assert math.isclose(got, float(want), abs_tol=1e-12)
    assert math.isclose(res.index, float(F(17, 90)), abs_tol=1e-12)
    assert res.ready == ()
    assert res.weakest == "maintenance"


def test_full_sharing_gives_the_capability() -> None:
    res = support_coverage(levels_of("canada"), DEP, sharing=1.0)
    assert res.coverage == res.capability
    assert math.isclose(res.index, 6 / 18)
    assert all(g == 0 for g in res.gap)


def test_gap_is_capability_times_dependence_times_unshared() -> None:
    res = support_coverage(levels_of("japan"), DEP, sharing=0.2)
    for c, d, g in zip(res.capability, DEP.values(), res.gap, strict=True):
        assert math.isclose(g, c * d * 0.8, abs_tol=1e-12)


def test_weights_and_threshold() -> None:
    w = dict.fromkeys(ROLES, 0.0) | {"escort": 1.0}
    res = support_coverage(levels_of("japan"), DEP, sharing=0.5, weights=w)
    assert math.isclose(res.index, 0.55)
    w2 = dict.fromkeys(ROLES, 1.0) | {"escort": 3.0}
    res2 = support_coverage(levels_of("japan"), DEP, sharing=0.5, weights=w2)
    want = (3 * F(11, 20) + sum(hand_coverage("japan", F(1, 2))[1:])) / 8
    assert math.isclose(res2.index, float(want), abs_tol=1e-12)
    assert support_coverage(levels_of("japan"), DEP, sharing=0.5, threshold=0.56).ready == (
        "air_defence", "maintenance")


def test_pooled_levels_by_hand() -> None:
    tables = [levels_of("japan"), levels_of("germany"), levels_of("canada")]
    assert pooled_levels(tables) == levels_of("pooled")
    assert pooled_levels([levels_of("canada")]) == levels_of("canada")


# ---------------------------------------------------------------- bad input

LV = levels_of("japan")


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"levels": [3, 2, 2, 1, 1, 2]}, "levels must be a mapping"),
    ({"levels": {r: 1 for r in ROLES[:-1]}}, "levels lacks the role"),
    ({"levels": LV | {"nuclear": 1}}, "levels names unknown role"),
    ({"levels": LV | {"escort": 4}}, r"levels\['escort'\]"),
    ({"levels": LV | {"escort": -1}}, r"levels\['escort'\]"),
    ({"levels": LV | {"space": 1.5}}, r"levels\['space'\]"),
    ({"levels": LV | {"cyber": True}}, r"levels\['cyber'\]"),
    ({"levels": LV | {"cyber": "2"}}, r"levels\['cyber'\]"),
    ({"dependence": DEP | {"escort": 1.2}}, r"dependence\['escort'\]"),
    ({"dependence": DEP | {"escort": float("nan")}}, r"dependence\['escort'\]"),
    ({"dependence": "high"}, "dependence must be a mapping"),
    ({"sharing": -0.1}, "sharing"),
    ({"sharing": 1.5}, "sharing"),
    ({"sharing": "0.5"}, "sharing"),
    ({"sharing": float("nan")}, "sharing"),
    ({"sharing": True}, "sharing"),
    ({"threshold": 2.0}, "threshold"),
    ({"weights": dict.fromkeys(ROLES, 1.0) | {"space": -1.0}}, r"weights\['space'\]"),
    ({"weights": dict.fromkeys(ROLES, 1.0) | {"space": float("inf")}}, r"weights\['space'\]"),
    ({"weights": dict.fromkeys(ROLES, 0.0)}, "weights must not all be zero"),
])
def test_bad_input_names_the_parameter(kwargs, match) -> None:
    args = {"levels": LV, "dependence": DEP, "sharing": 0.5} | kwargs
    with pytest.raises(ValueError, match=match):
        support_coverage(**args)


def test_integral_float_level_is_accepted() -> None:
    assert check_levels(LV | {"escort": 3.0})["escort"] == 3


def test_bad_information_factor_and_pool() -> None:
    with pytest.raises(ValueError, match="dependence"):
        information_factor(-0.1, 0.5)
    with pytest.raises(ValueError, match="sharing"):
        information_factor(0.5, 2)
    with pytest.raises(ValueError, match="at least one"):
        pooled_levels([])
    with pytest.raises(ValueError, match=r"tables\[1\]\['escort'\]"):
        pooled_levels([LV, LV | {"escort": 7}])


def test_bad_capability_tables(capabilities: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="must be a pandas DataFrame"):
        levels_by_ally([1, 2])
    with pytest.raises(ValueError, match="missing column"):
        levels_by_ally(capabilities.drop(columns=["level"]))
    with pytest.raises(ValueError, match="no rows"):
        levels_by_ally(capabilities.iloc[0:0])
    with pytest.raises(ValueError, match="repeats the pair japan/escort"):
        levels_by_ally(pd.concat([capabilities, capabilities.iloc[[0]]]))
    with pytest.raises(ValueError, match="lacks role"):
        levels_by_ally(capabilities.iloc[1:])
    bad = capabilities.copy()
    bad.loc[0, "role_id"] = "submarines"
    with pytest.raises(ValueError, match="role_id"):
        levels_by_ally(bad)
    bad = capabilities.copy()
    bad.loc[0, "level"] = 5
    with pytest.raises(ValueError, match=r"level \(japan/escort\)"):
        levels_by_ally(bad)


# ---------------------------------------------------------------- properties

levels_st = st.fixed_dictionaries({r: st.integers(0, 3) for r in ROLES})
unit_map = st.fixed_dictionaries({r: st.floats(0, 1) for r in ROLES})
weight_map = st.fixed_dictionaries({r: st.floats(0.01, 10) for r in ROLES})
unit = st.floats(0, 1)


@settings(max_examples=200, deadline=None)
@given(levels_st, unit_map, unit, weight_map)
def test_coverage_is_bounded_by_capability(lv, dep, s, w) -> None:
    res = support_coverage(lv, dep, sharing=s, weights=w)
    for c, k, g in zip(res.capability, res.coverage, res.gap, strict=True):
        assert 0.0 <= k <= c + 1e-12 <= 1.0 + 1e-12
        assert math.isclose(c - k, g, abs_tol=1e-12)
    assert min(res.coverage) <= res.index <= max(res.coverage)


@settings(max_examples=150, deadline=None)
@given(levels_st, unit_map, unit, unit)
def test_more_sharing_never_lowers_coverage(lv, dep, s1, s2) -> None:
    lo, hi = sorted((s1, s2))
    a = support_coverage(lv, dep, sharing=lo)
    b = support_coverage(lv, dep, sharing=hi)
    assert all(kb >= ka - 1e-12 for ka, kb in zip(a.coverage, b.coverage, strict=True))
    assert b.index >= a.index - 1e-12
    assert len(b.ready) >= len(a.ready)


@settings(max_examples=150, deadline=None)
@given(levels_st, unit_map, unit, st.sampled_from(ROLES))
def test_a_higher_level_never_lowers_coverage(lv, dep, s, role) -> None:
    if lv[role] == 3:
        return
    a = support_coverage(lv, dep, sharing=s)
    b = support_coverage(lv | {role: lv[role] + 1}, dep, sharing=s)
    assert b.index >= a.index - 1e-12
    i = ROLES.index(role)
    assert b.coverage[i] >= a.coverage[i]


@settings(max_examples=100, deadline=None)
@given(levels_st, unit, weight_map, st.floats(0.1, 10))
def test_no_dependence_means_sharing_does_not_matter_and_weights_scale(lv, s, w, k) -> None:
    res = support_coverage(lv, dict.fromkeys(ROLES, 0.0), sharing=s, weights=w)
    assert res.coverage == res.capability
    scaled = support_coverage(lv, dict.fromkeys(ROLES, 0.0), sharing=s, weights={r: k * v for r, v in w.items()})
    assert math.isclose(res.index, scaled.index, abs_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(st.lists(levels_st, min_size=1, max_size=4))
def test_pool_is_at_least_each_member(tables) -> None:
    pool = pooled_levels(tables)
    for t in tables:
        assert all(pool[r] >= t[r] for r in ROLES)
    assert all(any(pool[r] == t[r] for t in tables) for r in ROLES)


# ---------------------------------------------------------------- the figure

def _menu(fig: go.Figure) -> dict:
    """The figure's dropdown as plain JSON (lists, not the tuples graph objects hold)."""
    return json.loads(fig.to_json())["layout"]["updatemenus"][0]


def test_dependence_and_levels_read_from_the_tables(capabilities, roles) -> None:
    assert dependence_from_roles(roles) == DEP
    for view in VIEWS:
        assert view_levels(capabilities, view) == levels_of(view)


def test_one_dropdown_entry_per_view_in_order(capabilities, roles) -> None:
    fig = support_roles_figure(capabilities, roles, PRESETS)
    labels = [b["label"] for b in fig.layout.updatemenus[0].buttons]
    assert labels == [ALLY_LABELS[v] for v in VIEWS]
    assert fig.layout.updatemenus[0].active == 0


def test_every_entry_and_slider_step_matches_the_model(capabilities, roles) -> None:
    fig = support_roles_figure(capabilities, roles, PRESETS)
    for view, button in zip(VIEWS, _menu(fig)["buttons"], strict=True):
        trace_update, layout_update, indices = button["args"]
        assert indices == [0, 1]
        half = hand_coverage(view, F(1, 2))
        assert trace_update["x"][1] == [round(float(k), 3) for k in half]
        assert trace_update["x"][0] == [round(lv / 3, 3) for lv in HAND_LEVELS[view]]
        slider = layout_update["sliders"][0]
        assert slider["active"] == SHARING_STEPS.index(DEFAULT_SHARING)
        assert [st_["value"] for st_ in slider["steps"]] == [f"{s:.1f}" for s in SHARING_STEPS]
        for step, s in zip(slider["steps"], SHARING_STEPS, strict=True):
            upd, lay, idx = step["args"]
            assert idx == [1], "a slider step must send only the coverage trace"
            assert set(upd) == {"x", "text"}
            want = hand_coverage(view, F(s).limit_denominator(10))
            assert upd["x"][0] == [round(float(k), 3) for k in want]
            index = float(sum(want) / 6)
            assert lay["annotations[0].text"].startswith(f"Support index S = {index:.2f}")
            ready = sum(1 for k in want if k >= F(1, 2))
            assert f"roles ready: {ready} of 6" in lay["annotations[0].text"]


def test_initial_traces_show_japan_at_half_sharing(capabilities, roles) -> None:
    fig = support_roles_figure(capabilities, roles, PRESETS)
    assert list(fig.data[1].x) == [0.55, 0.4, 0.567, 0.233, 0.25, 0.567]
    assert list(fig.data[1].text) == ["0.55 ready", "0.40", "0.57 ready", "0.23", "0.25", "0.57 ready"]
    assert fig.layout.annotations[0].text.startswith("Support index S = 0.43<br>roles ready: 3 of 6")
    assert fig.layout.shapes[0].x0 == 0.5
    assert fig.layout.title.text.startswith("Support roles") and fig.layout.height
    assert len(fig.layout.meta["description"].split(". ")) >= 2


def test_every_control_changes_the_figure(capabilities, roles) -> None:
    menu = _menu(support_roles_figure(capabilities, roles, PRESETS))
    states = [json.dumps(b["args"][0]) for b in menu["buttons"]]
    assert len(set(states)) == len(states)
    for button in menu["buttons"]:
        steps = [json.dumps(s["args"][0]) for s in button["args"][1]["sliders"][0]["steps"]]
        assert len(set(steps)) == len(steps), "two slider steps show the same state"


def test_pooled_view_has_no_role_below_the_best_ally(capabilities, roles) -> None:
    menu = _menu(support_roles_figure(capabilities, roles, PRESETS))
    xs = {v: b["args"][0]["x"][0] for v, b in zip(VIEWS, menu["buttons"], strict=True)}
    for i in range(6):
        assert xs["pooled"][i] == max(xs[v][i] for v in ("japan", "germany", "canada"))


def test_initial_view_and_bad_figure_input(capabilities, roles) -> None:
    fig = support_roles_figure(capabilities, roles, PRESETS, initial="canada")
    assert fig.layout.updatemenus[0].active == 2
    assert list(fig.data[0].x) == [0.333, 0.333, 0.667, 0.333, 0.333, 0.0]
    with pytest.raises(ValueError, match="initial"):
        support_roles_figure(capabilities, roles, PRESETS, initial="france")
    with pytest.raises(ValueError, match="roles lacks"):
        support_roles_figure(capabilities, roles.iloc[1:], PRESETS)
    with pytest.raises(ValueError, match="roles is missing"):
        support_roles_figure(capabilities, roles.drop(columns=["plan_dependence"]), PRESETS)
    with pytest.raises(ValueError, match="no rows for the ally 'france'"):
        ally_levels(capabilities, ["france"])
    with pytest.raises(ValueError, match="presets is missing column"):
        support_roles_figure(capabilities, roles, PRESETS.drop(columns="allies"))
    with pytest.raises(ValueError, match="preset 'japan': sharing"):
        support_roles_figure(capabilities, roles, PRESETS.assign(sharing=[1.5, 0.5, 0.5, 0.5]))
    with pytest.raises(ValueError, match="the ally 'france'"):
        support_roles_figure(capabilities, roles, PRESETS.assign(allies="france"))


def test_figure_stays_small(capabilities, roles) -> None:
    assert len(support_roles_figure(capabilities, roles, PRESETS).to_json()) < 60_000


def test_snapshot_and_state_helpers() -> None:
    res = support_coverage(levels_of("japan"), DEP, sharing=1.0)
    fig = support_snapshot_figure(levels_of("japan"), DEP, sharing=1.0, label="Japan")
    assert isinstance(fig, go.Figure) and "Japan" in fig.layout.title.text
    assert list(fig.data[1].x) == support_state(res)["x"][1]
    assert support_state(res, with_capability=False)["x"] == [support_state(res)["x"][1]]
    assert "roles ready: 6 of 6" not in summary_text(res)


def test_timeline_figure_shows_every_event(timeline) -> None:
    fig = support_timeline_figure(timeline)
    points = sorted((x, y, t) for tr in fig.data for x, y, t in zip(tr.x, tr.y, tr.text, strict=True))
    rows = sorted((d.strftime("%Y-%m-%d"), tr, str(o))
                  for d, tr, o in zip(timeline["date"], timeline["track"], timeline["order"], strict=True))
    assert points == rows
    assert len({tr.marker.symbol for tr in fig.data}) == len(fig.data) == 4
    assert fig.layout.meta["description"] and fig.layout.title.text and fig.layout.height
    with pytest.raises(ValueError, match="timeline is missing"):
        support_timeline_figure(timeline.drop(columns=["track"]))


# ---------------------------------------------------------------- the live panel

@pytest.fixture
def panel(capabilities, roles) -> SupportPanel:
    return support_panel(capabilities, roles, PRESETS)


def test_panel_starts_like_the_static_face(panel, capabilities, roles) -> None:
    static = support_roles_figure(capabilities, roles, PRESETS)
    assert list(panel.figure.data[1].x) == list(static.data[1].x)
    assert "support index S = 0.428" in panel.summary.value
    assert "weakest role: Space" in panel.summary.value


def test_moving_the_sharing_slider_updates_bars_and_summary(panel) -> None:
    panel.controls["sharing"].value = 0.0
    assert list(panel.figure.data[1].x) == [round(float(k), 3) for k in hand_coverage("japan", F(0))]
    assert "roles ready: 0 of 6" in panel.figure.layout.annotations[0].text
    panel.controls["ally"].value = "pooled"
    assert list(panel.figure.data[0].x) == [round(lv / 3, 3) for lv in HAND_LEVELS["pooled"]]


def test_dependence_weights_and_threshold_controls(panel) -> None:
    panel.controls["d_escort"].value = 0.0
    assert panel.figure.data[1].x[0] == 1.0
    panel.controls["threshold"].value = 0.6
    assert panel.figure.layout.shapes[0].x0 == 0.6
    for r in ROLES:
        panel.controls[f"w_{r}"].value = 0.0 if r != "cyber" else 1.0
    assert "support index S = 0.250" in panel.summary.value


def test_all_weights_zero_is_reported_and_the_figure_marked_not_computed(panel) -> None:
    before = list(panel.figure.data[1].x)
    for r in ROLES:
        panel.controls[f"w_{r}"].value = 0.0
    assert "Cannot compute" in panel.summary.value
    assert "the weights of the six roles must not all be zero" in panel.summary.value
    assert not panel.computed and panel.figure.data[1].visible is False
    assert list(panel.figure.data[1].x) == before
    panel.controls["w_space"].value = 1.0
    assert panel.computed and panel.figure.data[1].visible is not False


def test_choosing_an_ally_keeps_the_learners_other_controls(panel) -> None:
    panel.controls["sharing"].value = 0.2
    panel.controls["d_escort"].value = 0.1
    panel.controls["ally"].value = "canada"
    assert panel.controls["sharing"].value == 0.2 and panel.controls["d_escort"].value == 0.1
    want = support_coverage(levels_of("canada"), {**DEP, "escort": 0.1}, sharing=0.2)
    assert list(panel.figure.data[1].x) == support_state(want)["x"][1]
    assert panel.summary.value.startswith("<b>Canada</b>")


def test_panel_follows_the_explorer_contract(panel) -> None:
    check_live_panel(panel, rejected={f"w_{r}": 0.0 for r in ROLES})


# ---------------------------------------------------------------- the presets and the figure's contract

def test_preset_arguments_by_hand() -> None:
    assert PRESET_COLUMNS == ("allies", "sharing")
    assert preset_arguments({"preset_id": "p", "allies": "japan;germany ; canada", "sharing": 0.3}) == {
        "allies": ("japan", "germany", "canada"), "sharing": 0.3}


@pytest.mark.parametrize(("row", "match"), [
    ({"preset_id": "p", "sharing": 0.5}, "preset 'p': the column allies is missing"),
    ({"preset_id": "p", "allies": "japan"}, "preset 'p': the column sharing is missing"),
    ({"preset_id": "p", "allies": "", "sharing": 0.5}, "at least one ally"),
    ({"preset_id": "p", "allies": "japan; japan", "sharing": 0.5}, "must not repeat"),
    ({"preset_id": "p", "allies": 7, "sharing": 0.5}, "separated by ';'"),
    ({"preset_id": "p", "allies": "japan", "sharing": -0.5}, "preset 'p': sharing must lie in"),
    ({"allies": "japan", "sharing": "half"}, "the preset: sharing"),
])
def test_bad_presets_name_the_preset_and_column(row: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        preset_arguments(row)


def test_presets_table(capabilities) -> None:
    assert VIEWS == ("japan", "germany", "canada", "pooled")
    for row in PRESETS.to_dict("records"):
        args = preset_arguments(row)
        assert args["sharing"] == DEFAULT_SHARING
        assert set(args["allies"]) <= set(capabilities["ally_id"])
        assert row["source"] and row["basis"].startswith("judgement: "), row["preset_id"]
    assert preset_arguments(PRESETS.iloc[3])["allies"] == ("japan", "germany", "canada")


def test_the_figures_follow_the_explorer_contract(capabilities, roles, timeline) -> None:
    fig = support_roles_figure(capabilities, roles, PRESETS)
    check_explorer_figure(fig)
    check_explorer_figure(support_timeline_figure(timeline))
    layout = fig.to_dict()["layout"]
    assert layout["updatemenus"][0]["name"] == PRESET_LABEL
    assert layout["sliders"][0]["currentvalue"]["prefix"] == f"{SHARING_LABEL}: "
    for key in ("subtitle", "notes", "source", "description", "narrow"):
        assert layout["meta"][key], key
    (line,) = layout["shapes"]
    assert line["line"]["color"] == color("threshold") and line["line"]["dash"] == "dash"
    # Role labels come from the model's one copy, wrapped for the axis.
    assert [t.replace("<br>", " ") for t in fig.data[1].y] == [ROLE_LABELS[r] for r in ROLES]


# ---------------------------------------------------------------- the data

def test_tables_are_declared_for_chapter_11() -> None:
    resources = {r["name"]: r for r in read_descriptor()["resources"]}
    for name in ("support_roles", "support_capabilities", "support_timeline"):
        assert resources[name]["chapters"] == ["ch11_support"]
        fields = {f["name"]: f for f in resources[name]["schema"]["fields"]}
        assert fields["source"]["constraints"]["required"] is True


def test_capability_table_is_a_complete_grid(capabilities) -> None:
    grid = levels_by_ally(capabilities)
    assert set(grid) == {"japan", "germany", "canada"}
    assert {a: tuple(v.values()) for a, v in grid.items()} == {
        a: HAND_LEVELS[a] for a in ("japan", "germany", "canada")}
    # Level 3 needs an exercise with US nuclear-capable aircraft: only Japan's escort has one.
    threes = capabilities[capabilities["level"] == 3]
    assert list(zip(threes["ally_id"], threes["role_id"], strict=True)) == [("japan", "escort")]
    assert "dw2025b52" in threes.iloc[0]["source"]
    # Level 0 rows say that nothing was documented, not that nothing exists.
    for note in capabilities.loc[capabilities["level"] == 0, "note"]:
        assert "not documented" in note


def test_facts_from_the_sources(capabilities, timeline) -> None:
    by_id = timeline.set_index("event_id")
    assert str(by_id.loc["washington_declaration", "date"]) == "2023-04-26"
    assert "washdecl2023" in by_id.loc["washington_declaration", "source"]
    assert str(by_id.loc["ncg_first_meeting", "date"]) == "2023-07-18"
    flight = by_id.loc["us_japan_b52_2025"]
    assert str(flight["date"]) == "2025-12-10"
    assert "Two US B-52" in flight["what"] and "three Japanese F-35s and three F-15s" in flight["what"]
    assert set(flight["source"].split("; ")) == {"dw2025b52", "cna2025b52"}
    assert "71 aircraft from 14 nations" in by_id.loc["steadfast_noon_2025", "what"]
    assert "more than 60 aircraft" in by_id.loc["steadfast_noon_2024", "what"]
    assert str(by_id.loc["us_japan_guidelines", "date"]) == "2024-12-27"
    canada = capabilities.set_index(["ally_id", "role_id"])
    assert "88 F-35s" in canada.loc[("canada", "escort"), "evidence"]
    assert "C$3 billion" in canada.loc[("canada", "refuelling"), "note"]  # the sources disagree, and say so
    assert "C$3.6 billion" in canada.loc[("canada", "refuelling"), "note"]


def test_timeline_is_chronological_and_joins_the_course_timeline(timeline) -> None:
    ordered = timeline.sort_values("order")
    assert list(ordered["date"]) == sorted(ordered["date"])
    events = collect_events(tables=["support_timeline"])
    assert len(events) == len(timeline)
    assert set(events["theme"]) == {"Alliance cooperation"}
    assert "US-Japan: Two B-52s fly with Japanese fighters over the Sea of Japan" in set(events["label"])


def test_roles_table_matches_the_model(roles) -> None:
    assert list(roles.sort_values("order")["role_id"]) == list(ROLES)
    assert dict(zip(roles["role_id"], roles["label_ja"], strict=True)) == ROLE_LABELS_JA


# ---------------------------------------------------------------- the built page

CH11 = "book/chapters/ch11_support.html"


def _site_page() -> str:
    page = require_site() / CH11
    assert page.is_file(), f"missing {CH11}"
    return page.read_text(encoding="utf-8")


@pytest.mark.build
def test_built_page_figure_is_the_models_figure(capabilities, roles) -> None:
    page = _site_page()
    blocks = dict(re.findall(r'<script type="application/json" id="(course-fig-\d+-data)">(.*?)</script>',
                             page, flags=re.S))
    assert len(blocks) == 2
    first = json.loads(blocks[sorted(blocks, key=lambda k: int(k.split("-")[2]))[0]].replace("<\\/", "</"))
    expected = json.loads(support_roles_figure(capabilities, roles, PRESETS).to_json())
    assert first["data"] == expected["data"]
    assert first["layout"]["updatemenus"] == expected["layout"]["updatemenus"]
    assert len(page.encode("utf-8")) < 250_000


@pytest.mark.build
def test_built_page_promises() -> None:
    page = _site_page()
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    for needle in ("teaching model", "How the model works", "jupyter lab", "The other side",
                   "10 December 2025", "26 April 2023",
                   "dependent on US decisions", "核作戦通常戦力支援"):
        assert needle.lower() in text.lower(), needle
    assert page.count('class="course-quiz-question"') == 5


# ---------------------------------------------------------------- in Japanese

def test_the_figures_speak_japanese(capabilities, roles, timeline) -> None:
    check_figure_in_japanese(lambda: support_roles_figure(capabilities, roles, PRESETS))
    check_figure_in_japanese(lambda: support_timeline_figure(timeline))


def test_the_panel_speaks_japanese(capabilities, roles) -> None:
    check_panel_in_japanese(lambda: support_panel(capabilities, roles, PRESETS))


def test_the_japanese_figure_names_roles_choices_and_events_in_japanese(capabilities, roles, timeline) -> None:
    with speaking("ja"):
        fig = support_roles_figure(capabilities, roles, PRESETS)
        events = support_timeline_figure(timeline)
    assert [b["label"] for b in fig.layout.updatemenus[0].buttons] == [
        "日本", "ドイツ", "カナダ", "3か国の合算（役割ごとに最高の水準）"]
    assert fig.data[1].y[0] == "護衛" and "支援指数 S = " in fig.layout.annotations[0].text
    assert "日米" in events.data[0].y and "年" in events.layout.xaxis.tickformat
    assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", str(c)) for t in events.data for c in t.customdata)


def test_a_rejected_combination_is_explained_in_japanese(capabilities, roles) -> None:
    with speaking("ja"):
        panel = support_panel(capabilities, roles, PRESETS)
        for r in ROLES:
            panel.controls[f"w_{r}"].value = 0.0
    assert not panel.computed
    assert "六つの役割の重み" in panel.summary.value and "must not" not in panel.summary.value
    with speaking("ja"):
        panel.controls["w_escort"].value = 1.0
    assert panel.computed and "支援指数 S = " in panel.summary.value


def test_the_tables_speak_japanese(capabilities, roles, timeline) -> None:
    with speaking("ja"):
        tables = [roles_table(roles), capabilities_table(capabilities), presets_table(PRESETS),
                  timeline_table(timeline)]
    for table in tables:
        # Japanese headings and caption (the shared "Sources"/"Basis" headings are the tables module's).
        assert re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", table.caption)
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h) for h in table.header[:3])
    assert tables[0].rows[0][0] == "護衛" and tables[1].rows[0][:2] == ("日本", "護衛")
    # The reasons of the roles and choices, and what happened at each event, are translated columns.
    for table in tables:
        assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", note) for note in table.notes)
    assert all(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", row[-1]) for row in (*tables[1].rows, *tables[3].rows))
    with speaking("en"):
        assert roles_table(roles).header[:3] == ("Role", "Essay's wording", "Dependence on shared planning d")
        assert capabilities_table(capabilities).rows[0][:2] == ("Japan", "Escort")
