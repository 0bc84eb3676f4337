"""Checks for exercise 6, "What did Japan's studies actually find?".

The questions practise chapter 6 (Japan's internal studies of the nuclear
option, coded in ``japan_study_risks`` and scored by the risk-matrix model) and
chapter 1 (the argument map of the debate). Every expected answer is computed
here from the course's tables and models.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ..data import load_table
from ..exercises import Fail, close, matches, numbers, register, written
from ..i18n import N_, _
from ..models.argument_map import ArgumentMap, validate_map
from ..models.risk_matrix import (
    MAX_SEVERITY,
    RISK_LABELS,
    RISKS,
    RiskMatrixResult,
    category_weights,
    historical_studies,
    risk_coverage,
    risk_matrix,
)

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


def _matrix(weights: dict[str, float] | None = None) -> RiskMatrixResult:
    """The model's matrix of the course's coding, the studies in display order."""
    return risk_matrix(_risks(), weights, study_order=_studies())


def _map() -> ArgumentMap:
    return validate_map(load_table("argument_map"))


# Question 1 ---------------------------------------------------------------------------------------


def _counts(shares: tuple[float, ...], result: RiskMatrixResult) -> dict[str, int]:
    """Shares of the seven risks (the model's), as counts by study."""
    return {s: round(v * len(RISKS)) for s, v in zip(result.studies, shares, strict=True)}


#: The hint when a Series answer is not a Series at all.
SERIES_HINT = N_('build one with pd.Series(values, index=...) or from a groupby')


@register("ex06", "q1")
def _ex06_q1(answer: Any) -> str:
    """For each study, the number of the essay's seven risks it identified (a Series indexed by study_id)

    Hint: `study_risks["status"] == "identified"` is True or False for each row; grouped by `study_id`
    and summed, it counts. A study with no identified risk still needs an entry of 0:
    `reindex(studies["study_id"], fill_value=0)`.
    """
    studies, result = _studies(), _matrix()
    values = numbers(answer, studies, _('the number of risks identified'),
                     _('count per study_id over the whole table; a study that identified no risk still needs an '
                       'entry of 0 (filtering the rows first drops it: use reindex(..., fill_value=0))'),
                     type_hint=_(SERIES_HINT))
    expected = _counts(result.identified_share, result)
    documented = _counts(result.documented_share, result)
    n = len(RISKS)
    if all(0 <= v <= 1 for v in values.values()) and any(not float(v).is_integer() for v in values.values()):
        if matches(values, {st: expected[st] / n for st in studies}, 1e-6):
            raise Fail(_('wrong unit: you gave shares of the {n} risks (identified_share); the question asks '
                         'for counts (multiply by {n})').format(n=n))
    for st in studies:
        got = values[st]
        if not float(got).is_integer():
            raise Fail(_('wrong value for {st}: {got!r} is not a whole number; count the risks')
                         .format(st=st, got=got))
        if int(got) != expected[st]:
            if int(got) == documented[st]:
                raise Fail(_('wrong value for {st}: you gave {got}. Hint: you also counted the risks the study '
                             "considered and discounted; count only status 'identified'")
                             .format(st=st, got=int(got)))
            raise Fail(_('wrong value for {st}: you gave {got}. Hint: count the rows of japan_study_risks with '
                         "study_id {st!r} and status 'identified'").format(st=st, got=int(got)))
    return (_("Correct: no single study names more than {most} of the {n} risks; the essay's summary names all "
              '{essay_row}.')
              .format(most=max(v for k, v in expected.items() if k != ESSAY_ROW), n=n,
                      essay_row=expected.get(ESSAY_ROW, n)))


# Question 2 ---------------------------------------------------------------------------------------


def _named_by(result: RiskMatrixResult, historical: list[str]) -> dict[str, list[str]]:
    """For each risk, the historical studies (not the essay's summary) that identified it."""
    return {r: [s for s in historical if result.status[result.studies.index(s)][k] == "identified"]
            for k, r in enumerate(RISKS)}


@register("ex06", "q2")
def _ex06_q2(answer: Any) -> str:
    """The risks that no historical study (the essay's summary excluded) is documented to have identified

    Hint: Leave out the rows of `essay_2025`, collect in a set the `risk_id` of the rows whose status is
    `identified`, and keep the risks of `RISKS` that are not in it.
    """
    if isinstance(answer, str):
        raise Fail(_("wrong type: expected a collection of risk ids (a list, e.g. ['arms_race']), got a single "
                     'str'))
    if isinstance(answer, pd.DataFrame) or not isinstance(answer, Iterable | pd.Index | np.ndarray):
        raise Fail(_("wrong type: expected a list of risk ids (e.g. ['arms_race']), got {kind}")
                     .format(kind=type(answer).__name__))
    items = list(answer.values if isinstance(answer, pd.Series) else answer)
    if not all(isinstance(x, str) for x in items):
        bad = next(x for x in items if not isinstance(x, str))
        raise Fail(_('wrong type: every entry should be a risk id (a str), got {kind} {bad!r}')
                     .format(kind=type(bad).__name__, bad=bad))
    labels = {v: k for k, v in RISK_LABELS.items()}
    if any(x in labels for x in items):
        raise Fail(_("wrong value: give the risk ids of the column risk_id (such as 'arms_race'), not their "
                     "labels (such as 'Arms race with nuclear states')"))
    unknown = [x for x in items if x not in RISKS]
    if unknown:
        raise Fail(_('wrong value: {unknown} is not a risk id; the risks are {risks}')
                     .format(unknown=', '.join(map(repr, unknown)), risks=', '.join(RISKS)))
    result = _matrix()
    historical = historical_studies(load_table("japan_studies").sort_values("order"))
    named_by = _named_by(result, historical)
    expected = set(risk_coverage(result, historical).missing)
    got = set(items)
    if not got:
        raise Fail(_("wrong value: you gave no risk. Hint: leave out the essay's summary row ({essay_row}), "
                     'which lists all seven risks, before you look for unnamed ones').format(essay_row=ESSAY_ROW))
    if got == set(RISKS) - expected:
        raise Fail(_('wrong value: you listed the risks that at least one study identified; the question asks '
                     'for those that no study identified'))
    extra = sorted(got - expected, key=RISKS.index)
    if extra:
        r = extra[0]
        raise Fail(_("wrong value: {r!r} was identified by {named_by} (status 'identified', whatever its "
                     'severity). Hint: a risk counts as named if any historical study identified it')
                     .format(r=r, named_by=', '.join(named_by[r])))
    missing = expected - got
    if missing:
        raise Fail(_('wrong value: you are missing {missing} risk(s) that no historical study identified. Hint: '
                     'check every one of the seven risks, in every category').format(missing=len(missing)))
    names = _(" and ").join(_("'{label}' ({risk})").format(label=_(RISK_LABELS[r]), risk=r)
                            for r in RISKS if r in expected)
    return (_("Correct: only the essay's summary names {names}. 'Not documented' is not 'ignored', but here the "
              'summary goes beyond the record a reader can check.').format(names=names))


# Question 3 ---------------------------------------------------------------------------------------


def _scores(weights: dict[str, float] | None) -> dict[str, float]:
    """Each study's weighted risk score S, from the model."""
    result = _matrix(weights)
    return dict(zip(result.studies, result.weighted_score, strict=True))


@register("ex06", "q3")
def _ex06_q3(answer: Any) -> str:
    """The weighted risk score of each study with the security risks weighted 3 (a Series indexed by
    study_id)

    Hint: `category_weights("security", factor=3.0)` gives the weights, and `risk_matrix(study_risks,
    weights=..., study_order=list(studies["study_id"]))` scores every row; its `.studies` and
    `.weighted_score` make the Series.
    """
    studies = _studies()
    got = numbers(answer, studies, _('the weighted risk score'),
                  _("one score for every row of japan_studies, the essay's summary included; "
                    'risk_matrix(...).studies and .weighted_score give both'), type_hint=_(SERIES_HINT))
    expected = _scores(category_weights("security", SECURITY_WEIGHT))
    if any(v > 1 for v in got.values()):
        if matches(got, {st: 100 * v for st, v in expected.items()}, 100 * SCORE_TOL):
            raise Fail(_('wrong unit: you gave percentages; the score is a number between 0 and 1'))
        if matches(got, {st: MAX_SEVERITY * v for st, v in expected.items()}, SCORE_TOL):
            raise Fail(_('wrong value: your scores are 3 times too large. Hint: the score divides by '
                         '{max_severity} times the sum of the weights, so that it lies in [0, 1]')
                         .format(max_severity=MAX_SEVERITY))
        raise Fail(_('wrong value: a weighted risk score lies between 0 and 1. Hint: S = sum(w_r * s_r) / (3 * '
                     'sum(w_r))'))
    if any(v < 0 for v in got.values()):
        raise Fail(_('wrong value: a weighted risk score lies between 0 and 1, and yours has a negative entry'))
    equal = _scores(None)
    if matches(got, equal, SCORE_TOL) and not matches(equal, expected, SCORE_TOL):
        raise Fail(_('wrong value: these are the scores with equal weights. Hint: give the risks of the '
                     "'security' category (RISK_CATEGORY) a weight of 3, e.g. with category_weights('security')"))
    for st in studies:
        close(got[st], expected[st], SCORE_TOL,
              _('for {st}, use the severities of its seven rows, a weight of 3 for the security risks and 1 for '
                'the others, and S = sum(w_r * s_r) / (3 * sum(w_r))').format(st=st))
    top = max((st for st in studies if st != ESSAY_ROW), key=lambda st: expected[st])
    return (_('Correct: with the security risks emphasised, {top} still scores highest among the studies '
              "({top_score:.3f}), well below the essay's summary ({essay_score:.3f}).")
              .format(top=top, top_score=expected[top], essay_score=expected[ESSAY_ROW]))


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


@register("ex06", "q4")
def _ex06_q4(answer: Any) -> str:
    """For each top-level claim, the pieces of the essay's own evidence under its rebuttals (a Series
    indexed by node_id)

    Hint: Select the evidence nodes of origin `essay` whose parent is a rebuttal, map each to its
    top-level claim with `argument_map.root_of`, and count per claim (`value_counts`); claims with none
    need a 0.
    """
    amap = _map()
    roots = list(amap.roots)
    labels = {amap.node(r).label: r for r in roots}
    if isinstance(answer, pd.Series) and sorted(map(str, answer.index)) == sorted(labels):
        raise Fail(_("wrong index: you used the claims' labels; index the Series by node_id ({roots})")
                     .format(roots=', '.join(roots)))
    counts = numbers(answer, roots, _('the evidence count'),
                     _('one entry for every top-level claim (parent_id empty), with 0 where no evidence '
                       'supports a rebuttal: reindex(..., fill_value=0)'), type_hint=_(SERIES_HINT))
    expected = _rebuttal_evidence(amap)
    slips = [
        (_rebuttal_evidence(amap, origins=("essay", "course")),
         _("you counted the evidence the course added too (origin 'course'); count only origin 'essay'")),
        (_rebuttal_evidence(amap, parents=("rebuttal", "alternative")),
         _("you counted evidence for the essay's alternatives too; count only evidence whose parent is a "
           'rebuttal')),
        (_rebuttal_evidence(amap, direct=True),
         _('you left out the rebuttals of the sub-claims; a rebuttal of a sub-claim (such as c_japan) counts '
           'for the top-level claim above it')),
    ]
    for root in roots:
        got = counts[root]
        if not float(got).is_integer() or got < 0:
            raise Fail(_('wrong value for {root}: {got!r} is not a count (a whole number from 0)')
                         .format(root=root, got=got))
        if int(got) == expected[root]:
            continue
        for alt, hint in slips:
            if int(got) == alt[root]:
                raise Fail(_('wrong value for {root}: you gave {got}. Hint: {hint}')
                             .format(root=root, got=int(got), hint=hint))
        raise Fail(_("wrong value for {root}: you gave {got}. Hint: for each evidence node of origin 'essay' "
                     'whose parent is a rebuttal, follow parent_id up to the top-level claim '
                     '(ArgumentMap.root_of does it) and count per claim').format(root=root, got=int(got)))
    bare = [r for r in roots if expected[r] == 0]
    return (_('Correct: {bare} of the {roots} top-level claims have no evidence under any rebuttal; the essay '
              'answers them by argument, or with alternatives.').format(bare=len(bare), roots=len(roots)))


# Question 5 ---------------------------------------------------------------------------------------


written("ex06", "q5", N_("A written argument (at least 60 words): does the record support the essay's claim that "
                        'Japan consistently rejected nuclear weapons after strategic assessment?'))
