"""Chapter 1's argument map: the data table, the model, the static figure and the live panel.

Expected values are worked out by hand from small maps drawn on paper, or read off the
essay and its sources (Albessard 2025; Bleek 2017; DW, 11 December 2025), never copied
from the code's output.
"""

from __future__ import annotations

import copy
import json
import statistics
from collections import Counter

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from proliferation_course.data import load_table
from proliferation_course.figures.argument_map import (
    DYNAMIC_TRACES,
    KIND_SYMBOLS,
    SIDE_COLORS,
    WHOLE_MAP,
    argument_map_figure,
    focus_annotation,
    focus_choices,
    map_state,
)
from proliferation_course.models.argument_map import (
    KINDS,
    ArgumentMap,
    argument_table,
    evidence_profile,
    focus,
    layout,
    validate_map,
)
from proliferation_course.widgets.argument_map import ArgumentMapPanel, argument_map_panel, focus_outline

PROPERTY = settings(max_examples=150, deadline=None, database=None)


# --------------------------------------------------------------------------------------
# A small map drawn by hand
# --------------------------------------------------------------------------------------
#
#   row  x
#    0   0  c1  claim (ch 2)
#    1   1    e0  evidence for c1 (proposal side, added by the course, ch 2)
#    2   1    r1  rebuttal (ch 3)
#    3   2      e1  evidence for r1 (ch 3)
#    4   1    c1a sub-claim (ch 6)
#    5   2      r2  rebuttal of c1a (ch 5)
#    6   0  c2  claim (ch 7)
#    7   1    r3  rebuttal (ch 8)
#    8   0  c3  claim (ch 13)
#    9   1    a1  alternative (ch 10)
#   10   2      e2  evidence for a1 (ch 11)


def _row(node_id, kind, parent, side, chapter, origin="essay"):
    return {"node_id": node_id, "kind": kind, "parent_id": parent, "side": side, "origin": origin,
            "label": f"Label {node_id}", "summary": f"Summary of {node_id}.", "chapter": chapter,
            "source": "albessard2025", "note": f"Note on {node_id}."}


HAND = [
    _row("c1", "claim", None, "proposal", 2),
    _row("e0", "evidence", "c1", "proposal", 2, origin="course"),
    _row("r1", "rebuttal", "c1", "essay", 3),
    _row("e1", "evidence", "r1", "essay", 3),
    _row("c1a", "claim", "c1", "proposal", 6),
    _row("r2", "rebuttal", "c1a", "essay", 5),
    _row("c2", "claim", None, "proposal", 7),
    _row("r3", "rebuttal", "c2", "essay", 8),
    _row("c3", "claim", None, "proposal", 13),
    _row("a1", "alternative", "c3", "essay", 10),
    _row("e2", "evidence", "a1", "essay", 11),
]

HAND_LAYOUT = {"c1": (0, 0), "e0": (1, 1), "r1": (1, 2), "e1": (2, 3), "c1a": (1, 4), "r2": (2, 5),
               "c2": (0, 6), "r3": (1, 7), "c3": (0, 8), "a1": (1, 9), "e2": (2, 10)}


@pytest.fixture
def hand() -> ArgumentMap:
    return validate_map(copy.deepcopy(HAND))


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return load_table("argument_map")


@pytest.fixture(scope="module")
def amap(table: pd.DataFrame) -> ArgumentMap:
    return validate_map(table)


def test_hand_map_structure(hand: ArgumentMap) -> None:
    assert hand.roots == ("c1", "c2", "c3")
    assert hand.claims == ("c1", "c1a", "c2", "c3")
    assert hand.children("c1") == ("e0", "r1", "c1a")
    assert hand.ancestors("r2") == ("c1a", "c1")
    assert hand.descendants("c1") == ("e0", "r1", "e1", "c1a", "r2")
    assert hand.root_of("e2") == "c3" and hand.root_of("c2") == "c2"
    assert [hand.depth(i) for i in ("c1", "r1", "e1", "r2")] == [0, 1, 2, 2]


def test_hand_layout(hand: ArgumentMap) -> None:
    assert layout(hand) == HAND_LAYOUT


def test_hand_focus_on_a_top_level_claim(hand: ArgumentMap) -> None:
    f = focus(hand, "c1")
    assert f.nodes == ("c1", "e0", "r1", "e1", "c1a", "r2")
    assert f.edges == (("c1", "e0"), ("c1", "r1"), ("r1", "e1"), ("c1", "c1a"), ("c1a", "r2"))
    assert f.root == "c1" and f.chapter == 2
    assert f.chapters == (2, 3, 5, 6)


def test_hand_focus_on_a_sub_claim_keeps_its_parent_claim(hand: ArgumentMap) -> None:
    f = focus(hand, "c1a")
    assert f.nodes == ("c1", "c1a", "r2")  # the claim above, the sub-claim, its rebuttal
    assert f.edges == (("c1", "c1a"), ("c1a", "r2"))
    assert f.root == "c1" and f.chapter == 6 and f.chapters == (2, 5, 6)


def test_hand_focus_on_evidence_and_whole_map(hand: ArgumentMap) -> None:
    f = focus(hand, "e2")
    assert f.nodes == ("c3", "a1", "e2") and f.chapters == (10, 11, 13)
    whole = focus(hand)
    assert whole.node_id is None and whole.root is None and whole.chapter is None
    assert whole.nodes == tuple(HAND_LAYOUT)  # reading order
    assert len(whole.edges) == 11 - 3  # a forest: nodes minus trees
    assert whole.chapters == (2, 3, 5, 6, 7, 8, 10, 11, 13)


def test_hand_evidence_profile(hand: ArgumentMap) -> None:
    profile = evidence_profile(hand).set_index("claim")
    c1 = profile.loc["Label c1"]
    # c1: rebuttals r1 (backed by e1) and r2 (none); e0 is the course's, on the proposal side
    assert (c1["rebuttals"], c1["alternatives"], c1["backed"], c1["unbacked"]) == (2, 0, 1, 1)
    assert (c1["essay_evidence"], c1["course_evidence"]) == (1, 1)
    assert c1["chapters"] == "2, 3, 5, 6"
    c3 = profile.loc["Label c3"]
    assert (c3["rebuttals"], c3["alternatives"], c3["backed"], c3["unbacked"]) == (0, 1, 1, 0)


def test_hand_argument_table(hand: ArgumentMap) -> None:
    t = argument_table(hand)
    assert list(t["node_id"]) == list(HAND_LAYOUT)
    assert list(t["claim"]) == ["Label c1"] * 6 + ["Label c2"] * 2 + ["Label c3"] * 3
    assert t.loc[t["node_id"] == "r2", "answers"].item() == "Label c1a"
    assert t.loc[t["node_id"] == "c2", "answers"].item() == ""
    assert t.loc[t["node_id"] == "e1", "detail"].item() == "Summary of e1. Note: Note on e1."


def test_a_dataframe_and_a_list_give_the_same_map(hand: ArgumentMap) -> None:
    df = pd.DataFrame(HAND)
    assert validate_map(df) == hand


def test_origin_and_note_may_be_left_out() -> None:
    rows = [{k: v for k, v in r.items() if k not in ("origin", "note")} for r in HAND
            if r["node_id"] != "e0"]
    amap = validate_map(rows)
    assert {n.origin for n in amap.nodes} == {"essay"}
    assert {n.note for n in amap.nodes} == {""}


# --------------------------------------------------------------------------------------
# Bad input: ValueError naming the node and the field
# --------------------------------------------------------------------------------------


def _with(target: str, /, **changes) -> list[dict]:
    rows = copy.deepcopy(HAND)
    for r in rows:
        if r["node_id"] == target:
            r.update(changes)
    return rows


@pytest.mark.parametrize(
    ("rows", "match"),
    [
        (_with("r1", parent_id="zz"), r"node 'r1': field 'parent_id' names 'zz', which is not a node"),
        (_with("r1", parent_id="r1"), r"node 'r1': field 'parent_id' names the node itself"),
        (_with("r1", kind="objection"), r"node 'r1': field 'kind' must be one of claim, rebuttal"),
        (_with("r1", side="both"), r"node 'r1': field 'side' must be one of proposal, essay"),
        (_with("r1", origin="press"), r"node 'r1': field 'origin' must be one of essay, course"),
        (_with("r1", origin="course"), r"node 'r1': field 'origin' is 'course', but only evidence"),
        (_with("c1", side="essay"), r"node 'c1': field 'side' must be 'proposal' for a claim"),
        (_with("r1", side="proposal"), r"node 'r1': field 'side' must be 'essay' for a rebuttal"),
        (_with("a1", side="proposal"), r"node 'a1': field 'side' must be 'essay' for a alternative"),
        (_with("e1", side="proposal"), r"node 'e1': field 'side' is 'proposal', but the node it"),
        (_with("e2", parent_id="e1"), r"node 'e2': field 'parent_id' names the evidence 'e1'"),
        (_with("r2", parent_id="r1"), r"node 'r2': field 'parent_id' names the rebuttal 'r1', but a "
                                      r"rebuttal must answer a claim"),
        (_with("a1", parent_id="r3"), r"node 'a1': field 'parent_id' names the rebuttal 'r3', but a "
                                      r"alternative must answer a claim"),
        (_with("c1a", parent_id="r1"), r"node 'c1a': field 'parent_id' names the rebuttal 'r1', but "
                                       r"a claim can only support another claim"),
        (_with("r3", parent_id=None), r"node 'r3': field 'parent_id' is empty, but only claims"),
        (_with("e1", parent_id=""), r"node 'e1': field 'parent_id' is empty, but only claims"),
        (_with("c1", chapter=0), r"node 'c1': field 'chapter' must lie in 1..13, got 0"),
        (_with("c1", chapter=14), r"node 'c1': field 'chapter' must lie in 1..13, got 14"),
        (_with("c1", chapter=2.0), r"node 'c1': field 'chapter' must be a whole number"),
        (_with("c1", chapter=True), r"node 'c1': field 'chapter' must be a whole number"),
        (_with("c1", chapter="2"), r"node 'c1': field 'chapter' must be a whole number"),
        (_with("c1", label=""), r"node 'c1': field 'label' is empty"),
        (_with("c1", label="x" * 41), r"node 'c1': field 'label' has 41 characters; at most 40"),
        (_with("c1", summary="  "), r"node 'c1': field 'summary' is empty"),
        (_with("c1", source="Albessard 2025"), r"node 'c1': field 'source' must be BibTeX keys"),
        (_with("c1", source="a;b"), r"node 'c1': field 'source' must be BibTeX keys"),
        (_with("c1", note=3), r"node 'c1': field 'note' must be text"),
        (_with("c1", node_id="C1"), r"node 'C1': field 'node_id' must be lower-case"),
        (_with("c1", node_id="1c"), r"node '1c': field 'node_id' must be lower-case"),
        (_with("c1", node_id=None), r"nodes\[0\]: field 'node_id' is empty"),
        (_with("c1", label=7), r"node 'c1': field 'label' must be text"),
    ],
)
def test_bad_node_is_refused_naming_node_and_field(rows: list[dict], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        validate_map(rows)


def test_duplicate_id_is_refused() -> None:
    rows = copy.deepcopy(HAND) + [_row("r1", "rebuttal", "c2", "essay", 8)]
    with pytest.raises(ValueError, match=r"node 'r1': field 'node_id' repeats an earlier node"):
        validate_map(rows)


def test_cycle_is_refused() -> None:
    # c1 -> c1a -> c1: two claims supporting each other, with a rebuttal hanging off them
    rows = _with("c1", parent_id="c1a")
    with pytest.raises(ValueError, match=r"field 'parent_id' closes a cycle \((c1 -> c1a -> c1|c1a -> "
                                         r"c1 -> c1a)\)"):
        validate_map(rows)


def test_longer_cycle_is_refused() -> None:
    rows = [
        _row("c1", "claim", "c3", "proposal", 2),
        _row("c2", "claim", "c1", "proposal", 2),
        _row("c3", "claim", "c2", "proposal", 2),
        _row("r1", "rebuttal", "c1", "essay", 3),
    ]
    with pytest.raises(ValueError, match=r"closes a cycle \(c1 -> c3 -> c2 -> c1\)"):
        validate_map(rows)


def test_unanswered_claim_is_refused() -> None:
    rows = [r for r in copy.deepcopy(HAND) if r["node_id"] != "r3"]
    with pytest.raises(ValueError, match=r"node 'c2': field 'kind' is claim, but no rebuttal"):
        validate_map(rows)


def test_claim_answered_only_through_a_sub_claim_is_accepted() -> None:
    rows = [r for r in copy.deepcopy(HAND) if r["node_id"] not in ("r1", "e1")]
    assert validate_map(rows).children("c1") == ("e0", "c1a")


@pytest.mark.parametrize("bad", [None, 3, "c1", b"c1", {"node_id": "c1"}])
def test_nodes_of_the_wrong_type(bad) -> None:
    with pytest.raises(ValueError, match=r"nodes"):
        validate_map(bad)


def test_a_row_that_is_not_a_mapping() -> None:
    with pytest.raises(ValueError, match=r"nodes\[1\] must be a mapping"):
        validate_map([HAND[0], ("c2", "claim")])


def test_empty_map() -> None:
    with pytest.raises(ValueError, match=r"nodes is empty"):
        validate_map([])


def test_missing_field_and_column() -> None:
    rows = copy.deepcopy(HAND)
    del rows[2]["chapter"]
    with pytest.raises(ValueError, match=r"nodes\[2\]: field 'chapter' is missing"):
        validate_map(rows)
    with pytest.raises(ValueError, match=r"nodes is missing column\(s\): side"):
        validate_map(pd.DataFrame(HAND).drop(columns="side"))


def test_focus_on_an_unknown_node(hand: ArgumentMap) -> None:
    with pytest.raises(ValueError, match=r"node_id must be a node of the map; got 'zz'"):
        focus(hand, "zz")
    with pytest.raises(ValueError, match=r"node_id must be a node of the map"):
        hand.children("zz")


# --------------------------------------------------------------------------------------
# Properties, on random well-formed maps
# --------------------------------------------------------------------------------------


@st.composite
def maps(draw) -> list[dict]:
    """A random well-formed map: claims (some with sub-claims), each answered, with evidence."""
    rows: list[dict] = []
    counter = iter(range(10_000))

    def new(kind, parent, side, origin="essay"):
        node_id = f"{kind[0]}{next(counter)}"
        rows.append(_row(node_id, kind, parent, side, draw(st.integers(1, 13)), origin))
        return node_id

    def claim(parent, depth):
        c = new("claim", parent, "proposal")
        for _ in range(draw(st.integers(0, 2))):
            new("evidence", c, "proposal", origin=draw(st.sampled_from(["essay", "course"])))
        answers = draw(st.integers(1, 3))
        for _ in range(answers):
            a = new(draw(st.sampled_from(["rebuttal", "alternative"])), c, "essay")
            for _ in range(draw(st.integers(0, 2))):
                new("evidence", a, "essay", origin=draw(st.sampled_from(["essay", "course"])))
        if depth < 2 and draw(st.booleans()):
            claim(c, depth + 1)

    for _ in range(draw(st.integers(1, 4))):
        claim(None, 0)
    return rows


def _subtree_rows(amap: ArgumentMap, pos: dict, node_id: str) -> list[int]:
    return sorted(pos[i][1] for i in (node_id, *amap.descendants(node_id)))


@PROPERTY
@given(rows=maps())
def test_layout_is_a_tidy_outline(rows: list[dict]) -> None:
    amap = validate_map(rows)
    pos = layout(amap)
    assert sorted(y for _, y in pos.values()) == list(range(len(rows)))  # one row per node
    for n in amap.nodes:
        x, y = pos[n.node_id]
        if n.parent_id is None:
            assert x == 0
        else:
            px, py = pos[n.parent_id]
            assert x == px + 1 and y > py  # one column right, somewhere below
        block = _subtree_rows(amap, pos, n.node_id)
        assert block == list(range(y, y + len(block)))  # a sub-tree fills consecutive rows


@PROPERTY
@given(rows=maps(), data=st.data())
def test_focus_is_the_connected_part_of_the_tree(rows: list[dict], data) -> None:
    amap = validate_map(rows)
    node_id = data.draw(st.sampled_from([r["node_id"] for r in rows]))
    f = focus(amap, node_id)
    expected = {node_id, *amap.ancestors(node_id), *amap.descendants(node_id)}
    assert set(f.nodes) == expected and len(f.nodes) == len(expected)
    assert len(f.edges) == len(f.nodes) - 1  # a connected tree
    assert all(a in expected and b in expected and amap.node(b).parent_id == a for a, b in f.edges)
    assert f.chapters == tuple(sorted({amap.node(i).chapter for i in expected}))
    assert f.chapter in f.chapters and f.root == amap.root_of(node_id)
    order = list(amap.order)
    assert [order.index(i) for i in f.nodes] == sorted(order.index(i) for i in f.nodes)
    if amap.node(node_id).parent_id is None:  # a top-level claim: a block of rows
        assert _subtree_rows(amap, layout(amap), node_id) == sorted(layout(amap)[i][1] for i in f.nodes)


@PROPERTY
@given(rows=maps())
def test_whole_map_focus_and_profile_add_up(rows: list[dict]) -> None:
    amap = validate_map(rows)
    whole = focus(amap)
    assert set(whole.nodes) == {r["node_id"] for r in rows}
    assert len(whole.edges) == len(rows) - len(amap.roots)
    profile = evidence_profile(amap)
    kinds = Counter(r["kind"] for r in rows)
    assert profile["rebuttals"].sum() == kinds["rebuttal"]
    assert profile["alternatives"].sum() == kinds["alternative"]
    assert (profile["backed"] + profile["unbacked"]).sum() == kinds["rebuttal"] + kinds["alternative"]
    evidence = Counter(r["origin"] for r in rows if r["kind"] == "evidence")
    assert profile["essay_evidence"].sum() == evidence["essay"]
    assert profile["course_evidence"].sum() == evidence["course"]


@PROPERTY
@given(rows=maps(), seed=st.randoms(use_true_random=False))
def test_reordering_rows_keeps_the_tree(rows: list[dict], seed) -> None:
    shuffled = list(rows)
    seed.shuffle(shuffled)
    a, b = validate_map(rows), validate_map(shuffled)
    for r in rows:
        i = r["node_id"]
        assert set(a.children(i)) == set(b.children(i)) and a.depth(i) == b.depth(i)
        assert set(focus(a, i).nodes) == set(focus(b, i).nodes)


@PROPERTY
@given(rows=maps(), data=st.data())
def test_pointing_a_claim_at_its_own_descendant_is_a_cycle(rows: list[dict], data) -> None:
    amap = validate_map(rows)
    candidates = [c for c in amap.claims
                  if any(amap.node(d).kind == "claim" for d in amap.descendants(c))]
    if not candidates:
        return
    top = data.draw(st.sampled_from(candidates))
    below = data.draw(st.sampled_from([d for d in amap.descendants(top) if amap.node(d).kind == "claim"]))
    bad = [dict(r, parent_id=below) if r["node_id"] == top else r for r in rows]
    with pytest.raises(ValueError, match=r"field 'parent_id' closes a cycle"):
        validate_map(bad)


# --------------------------------------------------------------------------------------
# The real table: facts from the essay and its sources
# --------------------------------------------------------------------------------------


def test_the_five_top_level_claims_follow_the_essay(amap: ArgumentMap) -> None:
    assert amap.roots == ("c_security", "c_burden", "c_order", "c_selective", "c_premise")
    assert amap.claims == ("c_security", "c_germany", "c_japan", "c_burden", "c_order",
                           "c_selective", "c_premise")
    assert amap.node("c_japan").parent_id == amap.node("c_germany").parent_id == "c_security"


def test_every_kind_is_used_and_the_three_alternatives_come_in_order(amap: ArgumentMap) -> None:
    kinds = Counter(n.kind for n in amap.nodes)
    assert set(kinds) == set(KINDS)
    alternatives = [n for n in amap.nodes if n.kind == "alternative"]
    assert [a.node_id for a in alternatives] == ["a_conventional", "a_support", "a_cross"]
    assert [a.chapter for a in alternatives] == [10, 11, 12]  # chapters 10-12 of the course
    assert all(a.parent_id == "c_premise" for a in alternatives)


@pytest.mark.parametrize(
    ("node_id", "chapter"),
    [  # the chapter map of the course (COURSE.md), point by point of the essay
        ("r_wunderwaffe", 2), ("r_isr", 2), ("r_triad", 2), ("r_magical", 2), ("r_time", 3),
        ("r_window", 4), ("r_us_retreat", 4), ("r_us_exposure", 4), ("r_article_x", 5),
        ("r_japan_studies", 6), ("r_norm_pillar", 7), ("r_critical_states", 7), ("r_a_la_carte", 7),
        ("r_adversaries", 8), ("r_south_korea", 8), ("r_no_control", 8), ("r_arms_race", 9),
        ("r_more_burden", 9),
    ],
)
def test_each_rebuttal_sits_in_its_chapter(amap: ArgumentMap, node_id: str, chapter: int) -> None:
    assert amap.node(node_id).kind == "rebuttal"
    assert amap.node(node_id).chapter == chapter


def test_only_four_pieces_of_evidence_are_the_courses(amap: ArgumentMap) -> None:
    added = {n.node_id for n in amap.nodes if n.origin == "course"}
    assert added == {"e_waltz", "e_small_forces", "e_history", "e_near_peers"}
    for node_id in added:
        assert amap.node(node_id).note.startswith("The course's addition")


def test_proposal_claims_cite_the_essay(amap: ArgumentMap) -> None:
    for claim in amap.claims:
        assert "albessard2025" in amap.node(claim).source.split("; ")


def test_the_south_korea_claim_and_its_answer(amap: ArgumentMap) -> None:
    claim = amap.node("c_selective")
    assert "South Korea" in claim.summary and "no incentive" in claim.summary
    assert "r_south_korea" in amap.children("c_selective")


def test_pursuit_to_acquisition_years_from_bleek() -> None:
    # Bleek (2017), as coded in the Our World in Data compilation: (pursue, acquire)
    bleek = {"United States": (1942, 1945), "Soviet Union": (1943, 1949),
             "United Kingdom": (1941, 1952), "France": (1954, 1960), "China": (1955, 1964),
             "Israel": (1955, 1967), "South Africa": (1974, 1979), "Pakistan": (1972, 1987),
             "India": (1964, 1987), "North Korea": (1980, 2006)}
    years = sorted(b - a for a, b in bleek.values())
    assert (years[0], years[-1]) == (3, 26)
    assert statistics.median(years) == 10
    assert sum(y > 10 for y in years) == len(years) // 2  # "half took more than ten"
    summary = load_table("argument_map").set_index("node_id").loc["e_history", "summary"]
    assert "3 years (the United States)" in summary and "26 (North Korea)" in summary
    assert "half took more than ten" in summary


def test_the_b52_flight_matches_the_report(amap: ArgumentMap) -> None:
    # DW, 11 December 2025: two B-52s, three F-35s and three F-15s, on Wednesday 10 December
    node = amap.node("e_b52")
    assert "10 December 2025" in node.summary
    assert "two US B-52" in node.summary and "three Japanese F-35s and three F-15s" in node.summary
    assert node.source.split("; ") == ["albessard2025", "dw2025b52"]


def test_real_evidence_profile(amap: ArgumentMap) -> None:
    p = evidence_profile(amap).set_index("claim")
    # counted by hand from data/argument_map.csv
    security = p.loc["Most reliable protection"]
    assert (security["rebuttals"], security["backed"], security["unbacked"]) == (9, 4, 5)
    assert (security["essay_evidence"], security["course_evidence"]) == (5, 3)
    selective = p.loc["It stays selective: Seoul won't follow"]
    assert (selective["rebuttals"], selective["backed"], selective["essay_evidence"]) == (3, 0, 0)
    premise = p.loc["A less committed United States"]
    assert (premise["alternatives"], premise["backed"], premise["essay_evidence"]) == (3, 3, 5)
    assert p["rebuttals"].sum() + p["alternatives"].sum() == 18 + 3


# --------------------------------------------------------------------------------------
# The static figure: every dropdown state is the model's focus
# --------------------------------------------------------------------------------------


def _segments(xs: list, ys: list) -> list[tuple]:
    """Elbow edges as (parent point, child point), read from the None-separated lists."""
    out, i = [], 0
    while i < len(xs):
        out.append(((xs[i], ys[i]), (xs[i + 2], ys[i + 2])))
        assert xs[i + 3] is None and ys[i + 3] is None
        i += 4
    return out


def test_one_entry_per_top_level_claim_plus_whole_map(amap: ArgumentMap) -> None:
    fig = argument_map_figure(amap)
    (menu,) = fig.layout.updatemenus
    labels = [b.label for b in menu.buttons]
    assert labels == ["Whole map"] + [amap.node(r).label for r in amap.roots]
    assert menu.active == 0
    assert fig.layout.title.text and fig.layout.height > 0
    assert "narrow" in fig.layout.meta


def test_every_entry_carries_the_models_focus(amap: ArgumentMap) -> None:
    fig = json.loads(argument_map_figure(amap).to_json())  # as the page carries it
    pos = {k: list(v) for k, v in layout(amap).items()}
    values = [WHOLE_MAP, *amap.roots]
    for button, value in zip(fig["layout"]["updatemenus"][0]["buttons"], values, strict=True):
        state, relayout, traces = button["args"]
        assert traces == DYNAMIC_TRACES
        f = focus(amap, None if value == WHOLE_MAP else value)
        assert state == json.loads(json.dumps(map_state(amap, value)))
        # focused nodes: exactly the model's nodes, at their layout positions
        shown = [list(p) for p in zip(state["x"][2], state["y"][2], strict=True)]
        assert shown == [pos[i] for i in f.nodes]
        assert [t.split(" · ch. ")[0] for t in state["text"][2]] == [amap.node(i).label for i in f.nodes]
        # dimmed labels: blank exactly where a node is focused
        blank = {i for i, t in zip(amap.order, state["text"][0], strict=True) if t == ""}
        assert blank == set(f.nodes)
        # focused edges: one elbow per (parent, child) of the focus
        segments = _segments(state["x"][1], state["y"][1])
        assert segments == [(tuple(pos[a]), tuple(pos[b])) for a, b in f.edges]
        # the annotation names the chapters
        (chapters,) = [a for a in relayout["annotations"] if "chapter" in a["text"]]
        assert chapters == focus_annotation(amap, value)
        if f.chapter is not None:
            assert f"chapter {f.chapter}" in chapters["text"]
            assert ", ".join(str(c) for c in f.chapters) in chapters["text"]


def test_entries_differ_from_each_other(amap: ArgumentMap) -> None:
    states = [b.args[0]["x"][2] + b.args[0]["y"][2]
              for b in argument_map_figure(amap).layout.updatemenus[0].buttons]
    assert len({tuple(s) for s in states}) == len(states)


def test_colours_and_shapes(amap: ArgumentMap) -> None:
    state = map_state(amap, WHOLE_MAP)
    for node_id, color, symbol in zip(amap.order, state["marker.color"][2], state["marker.symbol"][2],
                                      strict=True):
        node = amap.node(node_id)
        assert symbol == KIND_SYMBOLS[node.kind]
        in_alternative = any(amap.node(i).kind == "alternative"
                             for i in (node_id, *amap.ancestors(node_id)))
        expected = SIDE_COLORS["alternative"] if in_alternative else SIDE_COLORS[node.side]
        assert color == expected


def test_hover_shows_the_summary(amap: ArgumentMap) -> None:
    fig = argument_map_figure(amap)
    hover = dict(zip(amap.order, fig.data[1].customdata, strict=True))
    for n in amap.nodes:
        flat = hover[n.node_id].replace("<br>", " ")
        assert n.summary.split()[0] in flat and n.summary.split()[-1] in flat
        assert f"Chapter {n.chapter}" in flat


def test_buttons_do_not_resend_the_summaries(amap: ArgumentMap) -> None:
    """The hover summaries live once, on the dimmed trace; the focused trace lets hover through."""
    fig = argument_map_figure(amap)
    assert fig.data[3].hoverinfo == "skip"
    assert fig.data[1].hoverinfo != "skip"
    for button in fig.layout.updatemenus[0].buttons:
        assert "customdata" not in button.args[0], button.label
    # the dimmed trace sits under every focused node, so each has a hover
    pos = layout(amap)
    under = set(zip(fig.data[1].x, fig.data[1].y, strict=True))
    assert all(pos[i] in under for i in amap.order)


def test_initial_focus_and_bad_initial(amap: ArgumentMap) -> None:
    fig = argument_map_figure(amap, initial="c_order")
    assert fig.layout.updatemenus[0].active == 3
    assert list(fig.data[3].x) == [layout(amap)[i][0] for i in focus(amap, "c_order").nodes]
    with pytest.raises(ValueError, match=r"initial must be one of"):
        argument_map_figure(amap, initial="c_japan")  # a sub-claim is not in the static dropdown
    with pytest.raises(ValueError, match=r"node 'r1': field 'parent_id'"):
        argument_map_figure(_with("r1", parent_id="zz"))


def test_focus_choices(amap: ArgumentMap) -> None:
    top = focus_choices(amap)
    assert [v for _, v in top] == [WHOLE_MAP, *amap.roots]
    every = focus_choices(amap, claims="all")
    assert [v for _, v in every] == [WHOLE_MAP, *amap.claims]
    assert dict((v, k) for k, v in every)["c_japan"].startswith("  ↳ ")
    with pytest.raises(ValueError, match=r"claims must be one of top, all"):
        focus_choices(amap, claims="some")


# --------------------------------------------------------------------------------------
# The live panel
# --------------------------------------------------------------------------------------


@pytest.fixture
def panel(table: pd.DataFrame) -> ArgumentMapPanel:
    return argument_map_panel(table)


def _focused(panel: ArgumentMapPanel) -> list[tuple]:
    trace = panel.figure.data[3]
    return list(zip(trace.x, trace.y, strict=True))


def test_panel_starts_on_the_whole_map(panel: ArgumentMapPanel, amap: ArgumentMap) -> None:
    assert panel.controls["claim"].value == WHOLE_MAP
    assert len(_focused(panel)) == len(amap)
    assert "The whole map" in panel.summary.value
    assert f"{len(amap)} nodes" in panel.summary.value


def test_panel_follows_the_dropdown(panel: ArgumentMapPanel, amap: ArgumentMap) -> None:
    pos = layout(amap)
    panel.controls["claim"].value = "c_selective"
    assert _focused(panel) == [pos[i] for i in ("c_selective", "r_adversaries", "r_south_korea",
                                                "r_no_control")]
    assert "South Korea would want its own" in panel.summary.value
    assert "Most reliable protection" not in panel.summary.value
    (chapters,) = [a for a in panel.figure.layout.annotations if "chapter" in a.text]
    assert chapters.text == "In chapter 8 · its sub-tree in 8"
    # the sub-claim about Japan keeps the claim it supports, and not its sibling about Germany
    panel.controls["claim"].value = "c_japan"
    shown = panel.summary.value
    assert "Most reliable protection" in shown and "A nuclear Japan resists China" in shown
    assert "A German bomb" not in shown and "Studies of 1968, 1970 and 1995" in shown
    assert len(_focused(panel)) == len(focus(amap, "c_japan").nodes) == 8
    # dimmed labels: blank for the focused nodes only
    dim = dict(zip(amap.order, panel.figure.data[1].text, strict=True))
    assert dim["c_japan"] == "" and dim["c_germany"].startswith("A German bomb")
    panel.controls["claim"].value = WHOLE_MAP
    assert len(_focused(panel)) == len(amap)


def test_panel_outline_lists_sources_and_marks_the_courses_additions(amap: ArgumentMap) -> None:
    text = focus_outline(amap, "c_burden")
    assert "Sources: Albessard 2025" in text
    assert "(added by the course)" in text  # China's arsenal, from SIPRI
    assert "chapter 9" in text


def test_panel_accepts_a_validated_map(amap: ArgumentMap) -> None:
    assert ArgumentMapPanel(amap).map is amap


# --------------------------------------------------------------------------------------
# The explorer contract and the design system
# --------------------------------------------------------------------------------------


def test_the_figure_follows_the_design_system(amap: ArgumentMap) -> None:
    """A labelled dropdown, text of at least 11 px, palette colours only; the key is a legend
    (dark mode recolours it), not HTML with colour values in an annotation."""
    from explorer_checks import check_explorer_figure

    fig = argument_map_figure(amap)
    check_explorer_figure(fig)
    assert [m.name for m in fig.layout.updatemenus] == ["Focus on a claim"]
    key = [t.name for t in fig.data[4:]]
    assert key == ["claim", "rebuttal", "evidence", "alternative",
                   "the proposal", "the essay", "its alternatives"]
    assert all("<span" not in a.text for a in fig.layout.annotations)
    assert set(fig.layout.meta) >= {"subtitle", "notes", "source", "description", "narrow"}


def test_the_panel_follows_the_contract(panel: ArgumentMapPanel) -> None:
    """Every entry of the dropdown changes the figure; its one control (valid entries only)
    can make no combination the model rejects, so there is no rejected case to show."""
    from explorer_checks import check_live_panel

    check_live_panel(panel, rejected=None)
    assert panel.controls["claim"].description == "Focus on a claim"


# ---- In Japanese ----

def test_the_figure_is_japanese_when_the_package_speaks_japanese() -> None:
    from explorer_checks import check_figure_in_japanese

    check_figure_in_japanese(lambda: argument_map_figure(validate_map(load_table("argument_map"))))


def test_the_panel_is_japanese_when_the_package_speaks_japanese() -> None:
    from explorer_checks import check_panel_in_japanese

    from proliferation_course.i18n import speaking

    check_panel_in_japanese(lambda: argument_map_panel(load_table("argument_map")))
    with speaking("ja"):
        panel = argument_map_panel(load_table("argument_map"))
        panel.controls["claim"].value = "c_selective"
    assert "韓国も独自の核を望む" in panel.summary.value and "（第8章）" in panel.summary.value
    assert panel.figure.layout.annotations[0].text == "第8章・下位項目：第8章"


def test_the_page_s_tables_are_japanese_when_the_package_speaks_japanese() -> None:
    from proliferation_course.figures.argument_map import claim_tables, profile_table
    from proliferation_course.i18n import speaking

    with speaking("ja"):
        amap = validate_map(load_table("argument_map"))
        profile, claims = profile_table(amap), claim_tables(amap)
        shown = claims[0].to_html()
    assert profile.header[0] == "最上位の主張" and profile.rows[0][0] == "最も確実な防護"
    assert claims[0].caption == "議論マップ、主張1：最も確実な防護"
    assert claims[0].header == ("ノード", "種類", "陣営", "応答・支持する対象", "章")
    rows = [row for table in claims for row in table.rows]
    assert {row[1] for row in rows} == {"主張", "反論", "証拠", "代替案"}
    assert {row[2] for row in rows} == {"提案", "論考"}
    assert "<strong>出典：</strong>" in shown and "<strong>要約：</strong>" in shown
