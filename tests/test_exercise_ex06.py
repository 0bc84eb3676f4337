"""Exercise 6 (Japan's studies, and the argument map): wrong answers are rejected with a reason.

``WRONG`` lists, for every question of ex06, deliberately wrong answers and words
the message must contain; :mod:`tests.test_exercises` also reads it to check that
every registered question has wrong answers. The right answers are recomputed
here from the CSV files with plain pandas, independently of the package's models.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from proliferation_course.exercises import check

DATA = Path(__file__).resolve().parent.parent / "data"
STUDIES = list(pd.read_csv(DATA / "japan_studies.csv").sort_values("order")["study_id"])


def _risks() -> pd.DataFrame:
    return pd.read_csv(DATA / "japan_study_risks.csv")


def _nodes() -> pd.DataFrame:
    return pd.read_csv(DATA / "argument_map.csv", keep_default_na=False).set_index("node_id")


def _identified_counts() -> pd.Series:
    r = _risks()
    return (r["status"] == "identified").groupby(r["study_id"]).sum().reindex(STUDIES)


def _scores(security_weight: float) -> pd.Series:
    """S = sum(w s) / (3 sum w), written out from the chapter's equation."""
    r = _risks()
    w = r["risk_id"].map(lambda k: security_weight if k in ("arms_race", "preventive_attack") else 1.0)
    num = (w * r["severity"]).groupby(r["study_id"]).sum()
    den = 3 * w.groupby(r["study_id"]).sum()
    return (num / den).reindex(STUDIES)


def _rebuttal_evidence(origins: tuple[str, ...] = ("essay",),
                       parents: tuple[str, ...] = ("rebuttal",)) -> pd.Series:
    """Per top-level claim, the evidence of ``origins`` under answers of the kinds ``parents``."""
    nodes = _nodes()

    def top(node_id: str) -> str:
        while nodes.loc[node_id, "parent_id"]:
            node_id = nodes.loc[node_id, "parent_id"]
        return node_id

    ev = nodes[(nodes["kind"] == "evidence") & nodes["origin"].isin(origins)]
    ev = ev[[nodes.loc[p, "kind"] in parents for p in ev["parent_id"]]]
    roots = [n for n in nodes.index if not nodes.loc[n, "parent_id"]]
    return pd.Series([top(n) for n in ev.index], dtype="object").value_counts().reindex(roots, fill_value=0)


_counts = _identified_counts()
_documented = (_risks()["status"] != "not documented").groupby(_risks()["study_id"]).sum().reindex(STUDIES)

WRONG = {
    ("ex06", "q1"): [
        (4, "wrong type"),
        (_counts.to_frame(), "wrong type"),
        (_counts.drop("mofa_1969"), "wrong index"),  # what filtering before groupby gives
        (_counts.drop("mofa_1969").reindex(STUDIES).astype("Int64"), r"no value \(NaN\) for mofa_1969"),
        (_counts / 7, "wrong unit"),
        (_documented, "discounted"),
        (_counts.replace({4: 5}), r"wrong value for jda_1995"),
    ],
    ("ex06", "q2"): [
        ("sanctions", "wrong type"),
        (42, "wrong type"),
        ([], "essay's summary"),
        (["Sanctions"], "labels"),
        (["nuclear_war"], "not a risk id"),
        (["preventive_attack", "sanctions", "arms_race"], "identified by jda_1995"),
        (["sanctions"], "missing 1 risk"),
        (["arms_race", "npt_damage", "isolation_us", "economic_burden", "no_test_site"],
         "at least one study identified"),
    ],
    ("ex06", "q3"): [
        ([0.1, 0.2], "wrong type"),
        (_scores(3.0).drop("essay_2025"), "wrong index"),
        (_scores(1.0), "equal weights"),
        (100 * _scores(3.0), "wrong unit"),
        (3 * _scores(3.0), "3 times too large"),
        (_scores(3.0).replace({0.0: -0.1}), "negative"),
        (_scores(3.0) + 0.01, "wrong value"),
    ],
    ("ex06", "q4"): [
        ({"c_security": 5}, "wrong type"),
        (_rebuttal_evidence().drop("c_premise"), "wrong index"),
        (_rebuttal_evidence().replace({0: np.nan}), "no value"),
        (pd.Series([5, 0, 1, 0, 0], index=["Most reliable protection", "Allies carry more, the US less",
                                            "Rebalancing saves the 1945 order",
                                            "It stays selective: Seoul won't follow",
                                            "A less committed United States"]), "node_id"),
        (_rebuttal_evidence(("essay", "course")), "origin 'course'"),
        (_rebuttal_evidence(parents=("rebuttal", "alternative")), "alternatives"),
        (_rebuttal_evidence().where(lambda s: s.index != "c_security", 2), "sub-claims"),
        (_rebuttal_evidence() + 0.5, "not a count"),
    ],
    ("ex06", "q5"): [
        ("Yes, consistently.", "too short"),
        (["The record supports it."] * 70, "wrong type"),
    ],
}



def test_the_hand_computed_data_are_what_the_questions_assume() -> None:
    """The wrong answers above only test something if the data keep these features."""
    unnamed = set(_risks()["risk_id"]) - set(
        _risks().query("study_id != 'essay_2025' and status == 'identified'")["risk_id"])
    assert unnamed == {"preventive_attack", "sanctions"}, "update the q2 cases in WRONG"
    assert _counts.max() == 7 and _counts.drop("essay_2025").max() < 7
    assert 0 in set(_counts), "question 1's trap (a study with no risk) needs a zero"
    assert (_rebuttal_evidence() == 0).any()
    assert not _rebuttal_evidence().equals(_rebuttal_evidence(parents=("rebuttal", "alternative")))
    assert not _scores(3.0).drop("essay_2025").equals(_scores(1.0).drop("essay_2025"))


@pytest.mark.parametrize(("qid", "answer"), [
    ("q1", _counts),
    ("q1", _counts.astype(float).sample(frac=1, random_state=0)),  # order and float are fine
    ("q2", ["preventive_attack", "sanctions"]),
    ("q2", {"sanctions", "preventive_attack"}),
    ("q2", pd.Index(["sanctions", "preventive_attack"])),
    ("q3", _scores(3.0)),
    ("q3", _scores(3.0).round(4)),
    ("q4", _rebuttal_evidence()),
    ("q4", _rebuttal_evidence().astype(np.int64)),
    ("q5", " ".join(["The studies all rejected the bomb, but the record is thin."] * 8)),
], ids=lambda v: str(v)[:20])
def test_a_right_answer_computed_independently_is_accepted(qid: str, answer: object,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    check("ex06", qid, answer)
    out = capsys.readouterr().out
    assert out.startswith(f"ex06 {qid}: ")
    assert ("Recorded" if qid == "q5" else "Correct") in out

