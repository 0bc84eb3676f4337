"""Checks for exercise 6, "What did Japan's studies actually find?".

The questions practise chapter 6 (Japan's internal studies of the nuclear
option, coded in ``japan_study_risks`` and scored by the risk-matrix model) and
chapter 1 (the argument map of the debate). Every expected answer is computed
here from the course's tables and models.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, number, register, words
from ..models.argument_map import ArgumentMap, validate_map
from ..models.risk_matrix import MAX_SEVERITY, RISK_CATEGORY, RISK_LABELS, RISKS, weighted_risk_score

#: The row of ``japan_studies`` that is the essay's own summary, not a study.
ESSAY_ROW = "essay_2025"
#: Question 3: the weight of the security risks (the others keep a weight of 1).
SECURITY_WEIGHT = 3.0
#: Question 3: answers within this distance of the model's score are accepted.
SCORE_TOL = 5e-4


def _studies() -> list[str]:
    """Study ids of ``japan_studies``, in display order (the essay's summary last)."""
    s = load_table("japan_studies").sort_values("order")
    return [str(x) for x in s["study_id"]]


def _risks() -> pd.DataFrame:
    return load_table("japan_study_risks")


def _map() -> ArgumentMap:
    return validate_map(load_table("argument_map"))


def _series(value: Any, index: list[str], what: str, hint: str) -> pd.Series:
    """Check that ``value`` is a Series with exactly the entries ``index``; say what is wrong if not."""
    if isinstance(value, pd.DataFrame):
        raise Fail(f"wrong type: expected a pandas Series ({what}), got a DataFrame. "
                    "Hint: select one column, e.g. df['column'], to get a Series")
    if not isinstance(value, pd.Series):
        raise Fail(f"wrong type: expected a pandas Series ({what}), got {type(value).__name__}. "
                    "Hint: build one with pd.Series(values, index=...) or from a groupby")
    got = [str(i) for i in value.index]
    if len(set(got)) != len(got):
        raise Fail(f"wrong index: some entries repeat ({', '.join(got)}); give one entry per id")
    if sorted(got) != sorted(index):
        missing = [i for i in index if i not in got]
        extra = [i for i in got if i not in index]
        parts = []
        if missing:
            parts.append(f"missing {', '.join(missing)}")
        if extra:
            parts.append(f"unexpected {', '.join(extra)}")
        raise Fail(f"wrong index: expected one entry for each of {', '.join(index)} ({'; '.join(parts)}). "
                    f"Hint: {hint}")
    empty = [i for i, v in zip(got, value.isna(), strict=True) if v]
    if empty:
        raise Fail(f"wrong value: no value (NaN) for {', '.join(empty)}. Hint: {hint}")
    value = value.copy()
    value.index = got
    return value


# Question 1 ---------------------------------------------------------------------------------------


def _identified_counts(risks: pd.DataFrame, studies: list[str]) -> dict[str, int]:
    return {s: int(((risks["study_id"] == s) & (risks["status"] == "identified")).sum()) for s in studies}


@register("ex06", "q1", "For each study, the number of the essay's seven risks it identified "
                         "(a Series indexed by study_id)")
def _ex06_q1(answer: Any) -> str:
    studies, risks = _studies(), _risks()
    s = _series(answer, studies, "the number of risks identified, by study_id",
                "count per study_id over the whole table; a study that identified no risk still "
                "needs an entry of 0 (filtering the rows first drops it: use reindex(..., fill_value=0))")
    expected = _identified_counts(risks, studies)
    documented = {st: int(((risks["study_id"] == st) & (risks["status"] != "not documented")).sum())
                  for st in studies}
    values = {st: number(s[st], f"the number of risks {st} identified") for st in studies}
    n = len(RISKS)
    if all(0 <= v <= 1 for v in values.values()) and any(not float(v).is_integer() for v in values.values()):
        if all(math.isclose(values[st], expected[st] / n, abs_tol=1e-6) for st in studies):
            raise Fail(f"wrong unit: you gave shares of the {n} risks (identified_share); "
                        f"the question asks for counts (multiply by {n})")
    for st in studies:
        got = values[st]
        if not float(got).is_integer():
            raise Fail(f"wrong value for {st}: {got!r} is not a whole number; count the risks")
        if int(got) != expected[st]:
            if int(got) == documented[st]:
                raise Fail(f"wrong value for {st}: you gave {int(got)}. Hint: you also counted the risks "
                            "the study considered and discounted; count only status 'identified'")
            raise Fail(f"wrong value for {st}: you gave {int(got)}. Hint: count the rows of "
                        f"japan_study_risks with study_id {st!r} and status 'identified'")
    return ("Correct: no single study names more than "
            f"{max(v for k, v in expected.items() if k != ESSAY_ROW)} of the {n} risks; the essay's "
            f"summary names all {expected.get(ESSAY_ROW, n)}.")


# Question 2 ---------------------------------------------------------------------------------------


def _named_by(risks: pd.DataFrame) -> dict[str, list[str]]:
    """For each risk, the historical studies (not the essay's summary) that identified it."""
    hist = risks[(risks["study_id"] != ESSAY_ROW) & (risks["status"] == "identified")]
    return {r: [str(s) for s in hist.loc[hist["risk_id"] == r, "study_id"]] for r in RISKS}


@register("ex06", "q2", "The risks that no historical study (the essay's summary excluded) "
                         "is documented to have identified")
def _ex06_q2(answer: Any) -> str:
    if isinstance(answer, str):
        raise Fail("wrong type: expected a collection of risk ids (a list, e.g. ['arms_race']), "
                    "got a single str")
    if isinstance(answer, pd.DataFrame) or not isinstance(answer, Iterable | pd.Index | np.ndarray):
        raise Fail(f"wrong type: expected a list of risk ids (e.g. ['arms_race']), got {type(answer).__name__}")
    items = list(answer.values if isinstance(answer, pd.Series) else answer)
    if not all(isinstance(x, str) for x in items):
        bad = next(x for x in items if not isinstance(x, str))
        raise Fail(f"wrong type: every entry should be a risk id (a str), got {type(bad).__name__} {bad!r}")
    labels = {v: k for k, v in RISK_LABELS.items()}
    if any(x in labels for x in items):
        raise Fail("wrong value: give the risk ids of the column risk_id (such as 'arms_race'), "
                    "not their labels (such as 'Arms race with nuclear states')")
    unknown = [x for x in items if x not in RISKS]
    if unknown:
        raise Fail(f"wrong value: {', '.join(map(repr, unknown))} is not a risk id; the risks are "
                    f"{', '.join(RISKS)}")
    named_by = _named_by(_risks())
    expected = {r for r in RISKS if not named_by[r]}
    got = set(items)
    if not got:
        raise Fail("wrong value: you gave no risk. Hint: leave out the essay's summary row "
                    f"({ESSAY_ROW}), which lists all seven risks, before you look for unnamed ones")
    if got == set(RISKS) - expected:
        raise Fail("wrong value: you listed the risks that at least one study identified; the "
                    "question asks for those that no study identified")
    extra = sorted(got - expected, key=RISKS.index)
    if extra:
        r = extra[0]
        raise Fail(f"wrong value: {r!r} was identified by {', '.join(named_by[r])} (status 'identified', "
                    "whatever its severity). Hint: a risk counts as named if any historical study "
                    "identified it")
    missing = expected - got
    if missing:
        raise Fail(f"wrong value: you are missing {len(missing)} risk(s) that no historical study "
                    "identified. Hint: check every one of the seven risks, in every category")
    names = " and ".join(f"'{RISK_LABELS[r]}'" for r in RISKS if r in expected)
    return (f"Correct: only the essay's summary names {names}. 'Not documented' is not 'ignored', "
            "but here the summary goes beyond the record a reader can check.")


# Question 3 ---------------------------------------------------------------------------------------


def _security_weights(factor: float = SECURITY_WEIGHT) -> dict[str, float]:
    return {r: (factor if RISK_CATEGORY[r] == "security" else 1.0) for r in RISKS}


def _scores(risks: pd.DataFrame, studies: list[str], weights: dict[str, float] | None) -> dict[str, float]:
    out = {}
    for st in studies:
        rows = risks[risks["study_id"] == st]
        sev = {str(r): int(v) for r, v in zip(rows["risk_id"], rows["severity"], strict=True)}
        out[st] = weighted_risk_score(sev, weights)
    return out


@register("ex06", "q3", "The weighted risk score of each study with the security risks weighted 3 "
                         "(a Series indexed by study_id)")
def _ex06_q3(answer: Any) -> str:
    studies, risks = _studies(), _risks()
    s = _series(answer, studies, "the weighted risk score, by study_id",
                "one score for every row of japan_studies, the essay's summary included; "
                "risk_matrix(...).studies and .weighted_score give both")
    got = {st: number(s[st], f"the weighted risk score of {st}") for st in studies}
    expected = _scores(risks, studies, _security_weights())
    if any(v > 1 for v in got.values()):
        if all(math.isclose(got[st], 100 * expected[st], abs_tol=100 * SCORE_TOL) for st in studies):
            raise Fail("wrong unit: you gave percentages; the score is a number between 0 and 1")
        if all(math.isclose(got[st], MAX_SEVERITY * expected[st], abs_tol=SCORE_TOL) for st in studies):
            raise Fail("wrong value: your scores are 3 times too large. Hint: the score divides by "
                        f"{MAX_SEVERITY} times the sum of the weights, so that it lies in [0, 1]")
        raise Fail("wrong value: a weighted risk score lies between 0 and 1. Hint: "
                    "S = sum(w_r * s_r) / (3 * sum(w_r))")
    if any(v < 0 for v in got.values()):
        raise Fail("wrong value: a weighted risk score lies between 0 and 1, and yours has a negative entry")
    equal = _scores(risks, studies, None)
    if all(math.isclose(got[st], equal[st], abs_tol=SCORE_TOL) for st in studies) \
            and any(not math.isclose(equal[st], expected[st], abs_tol=SCORE_TOL) for st in studies):
        raise Fail("wrong value: these are the scores with equal weights. Hint: give the risks of the "
                    "'security' category (RISK_CATEGORY) a weight of 3, e.g. with "
                    "category_weights('security')")
    for st in studies:
        close(got[st], expected[st], SCORE_TOL,
              f"for {st}, use the severities of its seven rows, a weight of 3 for the security risks "
              "and 1 for the others, and S = sum(w_r * s_r) / (3 * sum(w_r))")
    top = max((st for st in studies if st != ESSAY_ROW), key=lambda st: expected[st])
    return (f"Correct: with the security risks emphasised, {top} still scores highest among the studies "
            f"({expected[top]:.3f}), well below the essay's summary ({expected[ESSAY_ROW]:.3f}).")


# Question 4 ---------------------------------------------------------------------------------------


def _rebuttal_evidence(amap: ArgumentMap, *, origins: tuple[str, ...] = ("essay",),
                       parents: tuple[str, ...] = ("rebuttal",), direct: bool = False) -> dict[str, int]:
    """Per top-level claim, the evidence under its answers of the kinds ``parents``.

    The question's definition is the default; the keywords describe the usual slips
    (counting the course's additions, counting evidence for alternatives, or
    leaving out the rebuttals of sub-claims).
    """
    counts = {root: 0 for root in amap.roots}
    for n in amap.nodes:
        if n.kind != "evidence" or n.origin not in origins or n.parent_id is None:
            continue
        parent = amap.node(n.parent_id)
        if parent.kind not in parents:
            continue
        root = amap.root_of(n.node_id)
        if direct and parent.parent_id != root:
            continue
        counts[root] += 1
    return counts


@register("ex06", "q4", "For each top-level claim, the pieces of the essay's own evidence under its "
                         "rebuttals (a Series indexed by node_id)")
def _ex06_q4(answer: Any) -> str:
    amap = _map()
    roots = list(amap.roots)
    labels = {amap.node(r).label: r for r in roots}
    if isinstance(answer, pd.Series) and sorted(map(str, answer.index)) == sorted(labels):
        raise Fail("wrong index: you used the claims' labels; index the Series by node_id "
                    f"({', '.join(roots)})")
    s = _series(answer, roots, "evidence count by top-level claim",
                "one entry for every top-level claim (parent_id empty), with 0 where no evidence "
                "supports a rebuttal: reindex(..., fill_value=0)")
    expected = _rebuttal_evidence(amap)
    slips = [
        (_rebuttal_evidence(amap, origins=("essay", "course")),
         "you counted the evidence the course added too (origin 'course'); count only origin 'essay'"),
        (_rebuttal_evidence(amap, parents=("rebuttal", "alternative")),
         "you counted evidence for the essay's alternatives too; count only evidence whose parent "
         "is a rebuttal"),
        (_rebuttal_evidence(amap, direct=True),
         "you left out the rebuttals of the sub-claims; a rebuttal of a sub-claim (such as "
         "c_japan) counts for the top-level claim above it"),
    ]
    for root in roots:
        got = number(s[root], f"the evidence count of {root}")
        if not float(got).is_integer() or got < 0:
            raise Fail(f"wrong value for {root}: {got!r} is not a count (a whole number from 0)")
        if int(got) == expected[root]:
            continue
        for alt, hint in slips:
            if int(got) == alt[root]:
                raise Fail(f"wrong value for {root}: you gave {int(got)}. Hint: {hint}")
        raise Fail(f"wrong value for {root}: you gave {int(got)}. Hint: for each evidence node of "
                    "origin 'essay' whose parent is a rebuttal, follow parent_id up to the top-level "
                    "claim (ArgumentMap.root_of does it) and count per claim")
    bare = [r for r in roots if expected[r] == 0]
    return (f"Correct: {len(bare)} of the {len(roots)} top-level claims have no evidence under any "
            "rebuttal; the essay answers them by argument, or with alternatives.")


# Question 5 ---------------------------------------------------------------------------------------


@register("ex06", "q5", "A written argument (at least 60 words): does the record support the essay's "
                         "claim that Japan consistently rejected nuclear weapons after strategic assessment?")
def _ex06_q5(answer: Any) -> str:
    return words(answer, 60)
