"""Article X walk-through: a stylised teaching model of a withdrawal from the NPT.

Article X.1 of the Treaty on the Non-Proliferation of Nuclear Weapons lets a
party withdraw "in exercising its national sovereignty" if it decides that
"extraordinary events, related to the subject matter of this Treaty, have
jeopardized the supreme interests of its country", on three months' notice to
all other parties and to the UN Security Council, with a statement of those
events. The model splits the article into six conditions:

* three **procedural** conditions: a sovereign decision (1), three months'
  notice to all other parties and to the Security Council (5), and a statement
  of the extraordinary events in the notice (6);
* three **substantive** conditions: extraordinary events (2), related to the
  subject matter of the treaty (3), that the party decides have jeopardised its
  supreme interests (4).

A reader assesses each condition as ``"met"`` (score 1), ``"arguable"``
(0.5) or ``"not_met"`` (0). The rules are stated, not discovered:

* **Procedure.** ``"invalid"`` if any procedural condition is not met;
  ``"disputed"`` if none is unmet but one is arguable; ``"valid"`` otherwise.
* **Legitimacy.** ``L`` combines the three substantive scores: their mean
  (default) or, for a strict reading, their minimum.
* **Verdict.** ``"invalid"`` when the procedure is invalid; otherwise
  ``"justified"`` when ``L >= justified_at``, ``"unjustified"`` when
  ``L <= unjustified_at``, and ``"contested"`` in between.

This is a teaching model, not a legal opinion or a prediction: the
assessments are readings, and Article X itself leaves the substantive judgement
to the withdrawing party ("if it decides").
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _
from ._validate import check_choice, check_unit_interval

__all__ = [
    "CONDITIONS",
    "CONDITION_IDS",
    "LEVELS",
    "LEVEL_LABELS",
    "LEVEL_SCORES",
    "LEGITIMACY_RULES",
    "PRESET_COLUMNS",
    "PROCEDURE_LABELS",
    "VERDICTS",
    "VERDICT_LABELS",
    "ArticleXResult",
    "Condition",
    "ConditionResult",
    "assess_withdrawal",
    "condition_score",
    "legitimacy_score",
    "preset_arguments",
    "procedure_status",
]


@dataclass(frozen=True)
class Condition:
    """One condition of Article X.1, with the treaty words it paraphrases."""

    id: str
    number: int
    label: str
    kind: str  # "procedural" or "substantive"
    treaty_words: str
    short: str = ""  # a short name, for a figure's row label or a control

    @property
    def tag(self) -> str:
        """``"1 Sovereign decision (P)"``: number, short name, and P (procedural) or S (substantive),
        in the language the package speaks."""
        return _("{number} {name} ({kind})").format(
            number=self.number, name=_(self.short or self.label), kind="P" if self.kind == "procedural" else "S")


#: The six conditions of Article X.1, in the order of the treaty text.
CONDITIONS: tuple[Condition, ...] = (
    Condition("sovereignty", 1, N_("Sovereign decision"), "procedural",
              N_("in exercising its national sovereignty"), N_("Sovereign decision")),
    Condition("extraordinary_events", 2, N_("Extraordinary events"), "substantive",
              N_("extraordinary events"), N_("Extraordinary events")),
    Condition("subject_matter", 3, N_("Related to the treaty's subject matter"), "substantive",
              N_("related to the subject matter of this Treaty"), N_("Subject matter")),
    Condition("supreme_interests", 4, N_("Supreme interests jeopardised"), "substantive",
              N_("if it decides that [they] have jeopardized the supreme interests of its country"),
              N_("Supreme interests")),
    Condition("notice", 5, N_("Three months' notice to parties and Security Council"), "procedural",
              N_("notice ... to all other Parties ... and to the United Nations Security Council "
                 "three months in advance"), N_("Three months' notice")),
    Condition("statement", 6, N_("Statement of the extraordinary events"), "procedural",
              N_("Such notice shall include a statement of the extraordinary events"), N_("Statement of events")),
)
#: Condition identifiers, in treaty order.
CONDITION_IDS: tuple[str, ...] = tuple(c.id for c in CONDITIONS)
_BY_ID = {c.id: c for c in CONDITIONS}

#: Assessment levels, from strongest to weakest.
LEVELS: tuple[str, ...] = ("met", "arguable", "not_met")
#: The score of each level.
LEVEL_SCORES: dict[str, float] = {"met": 1.0, "arguable": 0.5, "not_met": 0.0}
#: How each level is named on the page.
LEVEL_LABELS: dict[str, str] = {"met": N_("met"), "arguable": N_("arguable"), "not_met": N_("not met")}

#: How the substantive scores combine into the legitimacy score L.
LEGITIMACY_RULES: tuple[str, ...] = ("mean", "minimum")
#: Procedural status, and how it is named.
PROCEDURE_LABELS: dict[str, str] = {"valid": N_("procedure valid"), "disputed": N_("procedure disputed"),
                                    "invalid": N_("procedure not met")}
#: Verdicts, in display order.
VERDICTS: tuple[str, ...] = ("justified", "contested", "unjustified", "invalid")
VERDICT_LABELS: dict[str, str] = {
    "justified": N_("justified"),
    "contested": N_("contested"),
    "unjustified": N_("not justified"),
    "invalid": N_("not a valid withdrawal"),
}


#: The columns of the ``article_x_cases`` table that the model reads: a preset (one case
#: in one reading) is six rows, one per condition, each with its assessment.
PRESET_COLUMNS: tuple[str, str] = ("condition_id", "assessment")


def preset_arguments(rows: Iterable[Mapping[Any, Any]], name: str = "the preset") -> dict[str, str]:
    """The model's ``assessments`` for one preset: one case in one reading, checked.

    A preset of this model is not one row but six: the rows of the
    ``article_x_cases`` table for one case and one reading, one per condition.

    Parameters
    ----------
    rows
        Those six rows (dicts, or the records of a pandas DataFrame); only the
        columns of :data:`PRESET_COLUMNS` are read.
    name
        How the preset is named in an error message (e.g. ``"dprk_2003/others"``).

    Returns
    -------
    dict
        ``{condition id: level}``, to pass to :func:`assess_withdrawal`.

    Raises
    ------
    ValueError
        If a column is missing, a condition is missing, repeated or unknown, or
        a level is unknown; the message names the preset.

    Examples
    --------
    >>> rows = [{"condition_id": c, "assessment": "met"} for c in CONDITION_IDS]
    >>> preset_arguments(rows)["notice"]
    'met'
    >>> preset_arguments(rows[:5], name="dprk_1993/others")
    Traceback (most recent call last):
    ...
    ValueError: dprk_1993/others: assessments is missing condition(s) statement
    """
    out: dict[str, str] = {}
    for row in rows:
        missing = [c for c in PRESET_COLUMNS if c not in row]
        if missing:
            raise ValueError(_("{name}: the column(s) {columns} are missing").format(
                name=name, columns=", ".join(missing)))
        cid = str(row["condition_id"])
        if cid in out:
            raise ValueError(_("{name}: the condition {condition} is assessed twice").format(
                name=name, condition=cid))
        out[cid] = str(row["assessment"])
    try:
        return _check_assessments(out)
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None


def condition_score(level: str, name: str = "level") -> float:
    """The score of one assessment level: met 1, arguable 0.5, not met 0.

    Examples
    --------
    >>> condition_score("met"), condition_score("arguable"), condition_score("not_met")
    (1.0, 0.5, 0.0)
    """
    check_choice(name, level, LEVELS)
    return LEVEL_SCORES[level]


def _check_assessments(assessments: object) -> dict[str, str]:
    if not isinstance(assessments, Mapping):
        raise ValueError(_("assessments must be a mapping of condition id to level, got {type}").format(
            type=type(assessments).__name__))
    unknown = [k for k in assessments if k not in _BY_ID]
    if unknown:
        raise ValueError(_("assessments has unknown condition(s) {unknown!r}; expected {expected}").format(
            unknown=unknown, expected=", ".join(CONDITION_IDS)))
    missing = [c for c in CONDITION_IDS if c not in assessments]
    if missing:
        raise ValueError(_("assessments is missing condition(s) {missing}").format(
            missing=", ".join(missing)))
    for cid in CONDITION_IDS:
        check_choice(f"assessments['{cid}']", assessments[cid], LEVELS)
    return {cid: str(assessments[cid]) for cid in CONDITION_IDS}


def procedure_status(assessments: Mapping[str, str]) -> str:
    """``"valid"``, ``"disputed"`` or ``"invalid"``, from the three procedural conditions.

    Examples
    --------
    >>> a = dict.fromkeys(CONDITION_IDS, "met")
    >>> procedure_status(a)
    'valid'
    >>> procedure_status({**a, "notice": "arguable"})
    'disputed'
    >>> procedure_status({**a, "notice": "arguable", "statement": "not_met"})
    'invalid'
    """
    checked = _check_assessments(assessments)
    levels = [checked[c.id] for c in CONDITIONS if c.kind == "procedural"]
    if "not_met" in levels:
        return "invalid"
    if "arguable" in levels:
        return "disputed"
    return "valid"


def legitimacy_score(assessments: Mapping[str, str], rule: str = "mean") -> float:
    """The legitimacy score L in [0, 1], from the three substantive conditions.

    Parameters
    ----------
    assessments
        A level (``"met"``, ``"arguable"``, ``"not_met"``) for each of the six
        conditions in :data:`CONDITION_IDS`.
    rule
        ``"mean"`` (default) or ``"minimum"`` (a strict reading: the weakest
        substantive condition decides).

    Examples
    --------
    >>> a = {**dict.fromkeys(CONDITION_IDS, "met"), "extraordinary_events": "arguable"}
    >>> round(legitimacy_score(a), 4)
    0.8333
    >>> legitimacy_score(a, rule="minimum")
    0.5
    """
    checked = _check_assessments(assessments)
    check_choice("rule", rule, LEGITIMACY_RULES)
    scores = [LEVEL_SCORES[checked[c.id]] for c in CONDITIONS if c.kind == "substantive"]
    if rule == "minimum":
        return min(scores)
    # The sum of halves is exact, so the mean is the correctly rounded value of the
    # exact mean: a mean of exactly 2/3 equals the float 2 / 3 used as a threshold.
    return math.fsum(scores) / len(scores)


@dataclass(frozen=True)
class ConditionResult:
    """One condition as assessed."""

    id: str
    number: int
    label: str
    kind: str
    level: str
    score: float


@dataclass(frozen=True)
class ArticleXResult:
    """The model's full answer for one set of assessments."""

    conditions: tuple[ConditionResult, ...]
    procedure: str
    legitimacy: float
    rule: str
    justified_at: float
    unjustified_at: float
    verdict: str

    @property
    def verdict_label(self) -> str:
        """The verdict in words, with the procedural status (e.g. "justified; procedure valid"), in the
        language the package speaks."""
        if self.verdict == "invalid":
            return _(VERDICT_LABELS["invalid"])
        return _("{verdict}; {procedure}").format(verdict=_(VERDICT_LABELS[self.verdict]),
                                                 procedure=_(PROCEDURE_LABELS[self.procedure]))

    @property
    def levels(self) -> dict[str, str]:
        """``{condition id: level}``."""
        return {c.id: c.level for c in self.conditions}

    @property
    def scores(self) -> dict[str, float]:
        """``{condition id: score}``."""
        return {c.id: c.score for c in self.conditions}

    @property
    def unmet(self) -> tuple[str, ...]:
        """Ids of the conditions assessed as not met, in treaty order."""
        return tuple(c.id for c in self.conditions if c.level == "not_met")


def assess_withdrawal(
    assessments: Mapping[str, str],
    rule: str = "mean",
    justified_at: float = 2 / 3,
    unjustified_at: float = 1 / 3,
) -> ArticleXResult:
    """Assess a withdrawal under Article X.1, condition by condition.

    Parameters
    ----------
    assessments
        ``{condition id: level}`` for the six conditions of
        :data:`CONDITION_IDS`, each level ``"met"``, ``"arguable"`` or
        ``"not_met"``.
    rule
        How the substantive scores combine into L: ``"mean"`` or ``"minimum"``.
    justified_at
        L at or above which a procedurally valid (or disputed) withdrawal is
        called justified; in [0, 1].
    unjustified_at
        L at or below which it is called not justified; in [0, 1] and strictly
        below ``justified_at``.

    Returns
    -------
    ArticleXResult
        Per-condition levels and scores, the procedural status, L and the
        verdict.

    Raises
    ------
    ValueError
        If a condition is missing, unknown or has an unknown level, if ``rule``
        is unknown, or if a threshold is outside [0, 1], NaN, not a number, or
        ``unjustified_at >= justified_at``. The message names the parameter.

    Examples
    --------
    >>> res = assess_withdrawal(dict.fromkeys(CONDITION_IDS, "met"))
    >>> res.procedure, res.legitimacy, res.verdict, res.verdict_label
    ('valid', 1.0, 'justified', 'justified; procedure valid')
    >>> a = {**dict.fromkeys(CONDITION_IDS, "met"),
    ...      "extraordinary_events": "not_met", "supreme_interests": "arguable"}
    >>> res = assess_withdrawal(a)
    >>> round(res.legitimacy, 4), res.verdict
    (0.5, 'contested')
    >>> assess_withdrawal({**a, "notice": "not_met"}).verdict
    'invalid'
    """
    checked = _check_assessments(assessments)
    check_choice("rule", rule, LEGITIMACY_RULES)
    hi = check_unit_interval("justified_at", justified_at)
    lo = check_unit_interval("unjustified_at", unjustified_at)
    if not lo < hi:
        raise ValueError(_("unjustified_at ({low!r}) must be below justified_at ({high!r})").format(
            low=lo, high=hi))
    procedure = procedure_status(checked)
    legitimacy = legitimacy_score(checked, rule)
    if procedure == "invalid":
        verdict = "invalid"
    elif legitimacy >= hi:
        verdict = "justified"
    elif legitimacy <= lo:
        verdict = "unjustified"
    else:
        verdict = "contested"
    conditions = tuple(
        ConditionResult(c.id, c.number, c.label, c.kind, checked[c.id], LEVEL_SCORES[checked[c.id]])
        for c in CONDITIONS
    )
    return ArticleXResult(conditions=conditions, procedure=procedure, legitimacy=legitimacy,
                          rule=rule, justified_at=hi, unjustified_at=lo, verdict=verdict)
