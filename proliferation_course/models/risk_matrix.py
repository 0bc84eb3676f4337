"""The risk matrix: which of the essay's seven risks each Japanese study identified.

Albessard's essay lists seven risks that Japan's internal studies of the nuclear
option found (an arms race, preventive attack, damage to the non-proliferation
regime, isolation and strained relations with the United States, economic burden,
sanctions, and the lack of a test site). The course codes each study against each
risk, from the secondary sources, as one of three statuses:

* ``"identified"``: the study, as reported, names the risk as a cost;
* ``"discounted"``: the study considered it and judged it small or manageable;
* ``"not documented"``: the sources consulted say nothing either way.

An identified risk also gets a severity ``s`` from 1 to 3 (1: mentioned as a
secondary cost; 2: a significant cost; 3: decisive, or among the main reasons);
the other two statuses have ``s = 0``. With a non-negative weight ``w_r`` for each
risk, not all zero, a study's weighted risk score is

``S = sum_r w_r s_r / (3 sum_r w_r)``,

which lies in [0, 1]: 1 when every weighted risk is identified as decisive. The
share identified is ``#identified / 7`` and the share documented is
``#(identified or discounted) / 7``.

This is a teaching device, not a measurement: the statuses and severities are the
course authors' reading of secondary sources about studies that are themselves
mostly unpublished.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

import pandas as pd

from ..data import localized
from ..i18n import N_, _, language
from ..validation import check_keys
from . import _validate
from ._validate import check_choice, check_grid, check_integer, check_positive

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "MAX_SEVERITY",
    "NO_EMPHASIS",
    "PRESET_COLUMNS",
    "PresetArguments",
    "RISKS",
    "RISK_CATEGORY",
    "RISK_LABELS",
    "RISK_LABELS_JA",
    "STATUSES",
    "ESSAY_KIND",
    "RiskCoverage",
    "RiskMatrixResult",
    "category_weights",
    "documented_cells",
    "historical_studies",
    "preset_arguments",
    "risk_coverage",
    "check_weights",
    "risk_matrix",
    "validate_risk_table",
    "weighted_risk_score",
]

#: The essay's seven risks, in the essay's order.
RISKS: tuple[str, ...] = (
    "arms_race",
    "preventive_attack",
    "npt_damage",
    "isolation_us",
    "economic_burden",
    "sanctions",
    "no_test_site",
)
#: How each risk is named on the page.
RISK_LABELS: dict[str, str] = {
    "arms_race": N_("Arms race with nuclear states"),
    "preventive_attack": N_("Incentive for preventive attack"),
    "npt_damage": N_("Damage to the non-proliferation regime"),
    "isolation_us": N_("Isolation; strained US relations"),
    "economic_burden": N_("Large economic burden"),
    "sanctions": N_("Sanctions"),
    "no_test_site": N_("No territory to test"),
}
#: The essay's own wording, for reference.
RISK_LABELS_JA: dict[str, str] = {
    "arms_race": "核保有国との軍拡競争の誘発",
    "preventive_attack": "敵対国による予防攻撃の誘因の増大",
    "npt_damage": "不拡散体制の毀損",
    "isolation_us": "国際的孤立や米国との関係悪化",
    "economic_burden": "多大な経済的負担",
    "sanctions": "制裁リスク",
    "no_test_site": "核実験に適した領域の欠如",
}
#: Groups of risks that the weight presets emphasise.
CATEGORIES: tuple[str, ...] = ("security", "diplomacy", "economic", "technical")
CATEGORY_LABELS: dict[str, str] = {
    "security": N_("security"),
    "diplomacy": N_("alliance and diplomacy"),
    "economic": N_("economic"),
    "technical": N_("technical"),
}
RISK_CATEGORY: dict[str, str] = {
    "arms_race": "security",
    "preventive_attack": "security",
    "npt_damage": "diplomacy",
    "isolation_us": "diplomacy",
    "economic_burden": "economic",
    "sanctions": "economic",
    "no_test_site": "technical",
}
#: The three codes a cell can carry.
STATUSES: tuple[str, ...] = ("identified", "discounted", "not documented")
MAX_SEVERITY = 3
_COLUMNS = ("study_id", "risk_id", "status", "severity")


def category_weights(emphasis: str | None = None, factor: float = 3.0) -> dict[str, float]:
    """Weights of 1 for every risk, and ``factor`` for the risks of one category.

    Parameters
    ----------
    emphasis
        One of :data:`CATEGORIES`, or ``None`` for equal weights.
    factor
        The weight given to the emphasised risks (positive).

    Examples
    --------
    >>> category_weights("economic")["sanctions"], category_weights("economic")["arms_race"]
    (3.0, 1.0)
    >>> set(category_weights().values())
    {1.0}
    """
    k = check_positive("factor", factor)
    if emphasis is not None:
        check_choice("emphasis", emphasis, CATEGORIES)
    return {r: (k if RISK_CATEGORY[r] == emphasis else 1.0) for r in RISKS}


#: A preset's ``emphasis`` when it weights every risk alike.
NO_EMPHASIS = "none"
#: The columns of a ``risk_matrix_presets`` row that the model reads: which category it
#: emphasises (or :data:`NO_EMPHASIS`) and the weight of the emphasised risks.
PRESET_COLUMNS: tuple[str, str] = ("emphasis", "factor")


class PresetArguments(TypedDict):
    """What a weighting preset gives :func:`risk_matrix`: the weight of each risk."""

    weights: dict[str, float]


def preset_arguments(row: Mapping[str, object]) -> PresetArguments:
    """The model's arguments for one weighting preset: the seven weights, checked.

    Parameters
    ----------
    row
        One row of the ``risk_matrix_presets`` table (a dict or a pandas row):
        its ``emphasis`` is one of :data:`CATEGORIES` or ``"none"``, its
        ``factor`` the weight of the emphasised risks (the others weigh 1). Its
        other columns (``label``, ``rationale``, ...) are not read.

    Returns
    -------
    dict
        ``weights``, ``{risk: weight}``, to pass to :func:`risk_matrix`.

    Raises
    ------
    ValueError
        If a column is missing, the emphasis is unknown or the factor is not a
        positive number; the message names the preset and the column.

    Examples
    --------
    >>> preset_arguments({"preset_id": "e", "emphasis": "economic", "factor": 2})["weights"]["sanctions"]
    2.0
    >>> preset_arguments({"preset_id": "x", "emphasis": "cultural", "factor": 2})
    Traceback (most recent call last):
    ...
    ValueError: preset 'x': emphasis must be one of none, security, diplomacy, economic, technical; got 'cultural'
    """
    name = _("preset {preset!r}").format(preset=row.get("preset_id", "?"))
    for column in PRESET_COLUMNS:
        if column not in row:
            raise ValueError(_("{name}: the column {column} is missing").format(name=name, column=column))
    try:
        emphasis = check_choice("emphasis", row["emphasis"], (NO_EMPHASIS, *CATEGORIES))
        factor = check_positive("factor", row["factor"])
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None
    return {"weights": category_weights(None if emphasis == NO_EMPHASIS else emphasis, factor)}


def check_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """Return the weights as ``{risk: float}``, checked; equal weights if ``None``.

    Raises
    ------
    ValueError
        If ``weights`` is not a mapping, lacks a risk or names an unknown one, or
        if a weight is negative, NaN, infinite or not a number, or all are zero.
        The message names the parameter (``weights['arms_race']``, ...).

    Examples
    --------
    >>> check_weights({"arms_race": 2, **{r: 1 for r in RISKS[1:]}})["arms_race"]
    2.0
    """
    return _validate.check_weights(weights, RISKS, "risk")


def _check_severity(name: str, value: object) -> int:
    return check_integer(name, value, 0, MAX_SEVERITY)


def weighted_risk_score(severities: Mapping[str, int], weights: Mapping[str, float] | None = None) -> float:
    """One study's weighted risk score ``S = sum w_r s_r / (3 sum w_r)``, in [0, 1].

    Parameters
    ----------
    severities
        ``{risk: severity}`` for all seven risks, each an integer from 0 to 3.
    weights
        ``{risk: weight}`` for all seven risks, non-negative and not all zero;
        equal weights if ``None``.

    Examples
    --------
    >>> sev = {r: 0 for r in RISKS} | {"no_test_site": 3, "economic_burden": 1}
    >>> round(weighted_risk_score(sev), 4)  # (3 + 1) / (3 * 7)
    0.1905
    >>> weighted_risk_score(sev, category_weights("technical", 5.0))  # (15 + 1) / (3 * 11)
    0.48484848484848486
    >>> weighted_risk_score({r: 3 for r in RISKS})
    1.0
    """
    w = check_weights(weights)
    check_keys(severities, RISKS, "severities", "risk", value_word="severity")
    s = {r: _check_severity(f"severities[{r!r}]", severities[r]) for r in RISKS}
    score = sum(w[r] * s[r] for r in RISKS) / (MAX_SEVERITY * sum(w.values()))
    return min(1.0, max(0.0, score))  # only absorbs float rounding at the ends


def validate_risk_table(risks: pd.DataFrame, study_order: Sequence[str] | None = None) -> pd.DataFrame:
    """Check the coding table and return it as a complete study × risk grid.

    Every study must have exactly one row for each of the seven risks; a status
    from :data:`STATUSES`; a severity from 1 to 3 when identified and 0 otherwise.

    Parameters
    ----------
    risks
        The ``japan_study_risks`` table (columns ``study_id``, ``risk_id``,
        ``status``, ``severity``; others are kept).
    study_order
        The studies in display order; by default, the order of first appearance.
        When given, it must name exactly the studies in the table.

    Returns
    -------
    pandas.DataFrame
        The rows sorted by study (in ``study_order``) and risk (in :data:`RISKS`).

    Raises
    ------
    ValueError
        Naming the column, study or risk at fault.
    """
    def check_row(row: Any) -> None:
        where = f"{row.study_id}/{row.risk_id}"
        check_choice(f"risk_id ({row.study_id})", str(row.risk_id), RISKS)
        check_choice(f"status ({where})", str(row.status), STATUSES)
        s = _check_severity(f"severity ({where})", row.severity)
        if row.status == "identified" and s == 0:
            raise ValueError(_("severity ({where}) must be 1 to {most} for an identified risk, got 0").format(
                where=where, most=MAX_SEVERITY))
        if row.status != "identified" and s != 0:
            raise ValueError(_("severity ({where}) must be 0 when the status is {status!r}, got {value}").format(
                where=where, status=row.status, value=s))

    return check_grid(risks, name="risks", columns=_COLUMNS, rows=("study_id", "study", "a"),
                      keys=("risk_id", "risk", RISKS), order=study_order, check_row=check_row)


@dataclass(frozen=True)
class RiskMatrixResult:
    """The matrix and the per-study summaries for one set of weights.

    Attributes
    ----------
    studies, risks
        Row and column ids, in display order.
    status, severity
        One tuple per study, one entry per risk.
    weights
        The weights used, ``{risk: weight}``.
    identified_share, documented_share, weighted_score
        One value per study, each in [0, 1].
    """

    studies: tuple[str, ...]
    risks: tuple[str, ...]
    status: tuple[tuple[str, ...], ...]
    severity: tuple[tuple[int, ...], ...]
    weights: dict[str, float]
    identified_share: tuple[float, ...]
    documented_share: tuple[float, ...]
    weighted_score: tuple[float, ...]

    def summary(self) -> pd.DataFrame:
        """One row per study: the three shares, and the rank by weighted score (1 = highest)."""
        df = pd.DataFrame({
            "study_id": list(self.studies),
            "identified_share": list(self.identified_share),
            "documented_share": list(self.documented_share),
            "weighted_score": list(self.weighted_score),
        })
        df["rank"] = df["weighted_score"].rank(ascending=False, method="min").astype(int)
        return df


def risk_matrix(
    risks: pd.DataFrame,
    weights: Mapping[str, float] | None = None,
    study_order: Sequence[str] | None = None,
) -> RiskMatrixResult:
    """Compute the study × risk matrix, the shares and the weighted scores.

    Parameters
    ----------
    risks
        The ``japan_study_risks`` table (see :func:`validate_risk_table`).
    weights
        ``{risk: weight}`` for the seven risks; equal weights if ``None``.
    study_order
        The studies in display order (default: order of first appearance).

    Returns
    -------
    RiskMatrixResult

    Examples
    --------
    >>> rows = [("a", r, "not documented", 0) for r in RISKS]
    >>> rows[6] = ("a", "no_test_site", "identified", 3)
    >>> rows[4] = ("a", "economic_burden", "discounted", 0)
    >>> df = pd.DataFrame(rows, columns=["study_id", "risk_id", "status", "severity"])
    >>> res = risk_matrix(df)
    >>> round(res.identified_share[0], 4), round(res.documented_share[0], 4), round(res.weighted_score[0], 4)
    (0.1429, 0.2857, 0.1429)
    >>> round(risk_matrix(df, category_weights("technical")).weighted_score[0], 4)  # 9 / (3 * 9)
    0.3333
    """
    w = check_weights(weights)
    table = validate_risk_table(risks, study_order)
    studies = tuple(dict.fromkeys(str(s) for s in table["study_id"]))
    status, severity, ident, docu, score = [], [], [], [], []
    n = len(RISKS)
    for study in studies:
        rows = table.loc[table["study_id"] == study]
        st = tuple(str(x) for x in rows["status"])
        sv = tuple(int(x) for x in rows["severity"])
        status.append(st)
        severity.append(sv)
        ident.append(sum(x == "identified" for x in st) / n)
        docu.append(sum(x != "not documented" for x in st) / n)
        score.append(weighted_risk_score(dict(zip(RISKS, sv, strict=True)), w))
    return RiskMatrixResult(
        studies=studies, risks=RISKS, status=tuple(status), severity=tuple(severity), weights=w,
        identified_share=tuple(ident), documented_share=tuple(docu), weighted_score=tuple(score),
    )


#: The ``kind`` of the ``japan_studies`` row that holds the essay's own summary, which is not a study.
ESSAY_KIND = "essay summary"


def historical_studies(studies: pd.DataFrame) -> list[str]:
    """The ``study_id`` of every historical study, in table order: every row but the essay's summary.

    Parameters
    ----------
    studies
        The ``japan_studies`` table (columns ``study_id`` and ``kind``).

    Examples
    --------
    >>> historical_studies(pd.DataFrame({"study_id": ["a", "essay"], "kind": ["internal study", ESSAY_KIND]}))
    ['a']
    """
    if not isinstance(studies, pd.DataFrame):
        raise ValueError(_("studies must be a pandas DataFrame, got {type}").format(type=type(studies).__name__))
    missing = [c for c in ("study_id", "kind") if c not in studies.columns]
    if missing:
        raise ValueError(_("studies is missing column(s): {columns}").format(columns=", ".join(missing)))
    return [str(s) for s, k in zip(studies["study_id"], studies["kind"], strict=True) if k != ESSAY_KIND]


@dataclass(frozen=True)
class RiskCoverage:
    """Which of the seven risks at least one of a set of studies identified, and which none did.

    Attributes
    ----------
    studies
        The studies considered.
    found, missing
        Risk ids, in the essay's order: identified by at least one of ``studies``, or by none.
    """

    studies: tuple[str, ...]
    found: tuple[str, ...]
    missing: tuple[str, ...]

    def sentence(self) -> str:
        """One sentence for the page: how many risks are on the record, and which are not.

        Examples
        --------
        >>> RiskCoverage(("s",), ("arms_race",), ("sanctions",)).sentence()
        'Risks identified by at least one study: 1 of 2. Not documented for any study: Sanctions.'
        """
        total = len(self.found) + len(self.missing)
        if not self.missing:
            return _("Risks identified by at least one study: {found} of {total}.").format(
                found=len(self.found), total=total)
        return _("Risks identified by at least one study: {found} of {total}. Not documented for any study: "
                 "{missing}.").format(found=len(self.found), total=total,
                                      missing=("、" if language() == "ja" else "; ").join(
                                          _(RISK_LABELS[r]) for r in self.missing))


def risk_coverage(result: RiskMatrixResult, studies: Sequence[str]) -> RiskCoverage:
    """The risks that at least one of ``studies`` identified in ``result``, and the others.

    Parameters
    ----------
    result
        A :func:`risk_matrix` result.
    studies
        The study ids to consider (for the historical record, :func:`historical_studies`).

    Raises
    ------
    ValueError
        If ``studies`` is empty or names a study that is not in ``result``.
    """
    chosen = tuple(str(s) for s in studies)
    if not chosen:
        raise ValueError(_("studies must name at least one study"))
    unknown = [s for s in chosen if s not in result.studies]
    if unknown:
        raise ValueError(_("studies names unknown study id(s): {unknown}; the matrix has {studies}").format(
            unknown=", ".join(unknown), studies=", ".join(result.studies)))
    rows = [result.studies.index(s) for s in chosen]
    found = tuple(r for k, r in enumerate(result.risks)
                  if any(result.status[i][k] == "identified" for i in rows))
    missing = tuple(r for r in result.risks if r not in found)
    return RiskCoverage(chosen, found, missing)


def documented_cells(studies: pd.DataFrame, risks: pd.DataFrame) -> pd.DataFrame:
    """The cells of the coding in which the public record documents a study's view of a risk.

    The essay's own summary is left out (it is not a study). Rows keep the
    order of ``risks`` and all its columns, with two more: ``study`` (the
    study's label) and ``risk`` (the risk's label from :data:`RISK_LABELS`).

    Parameters
    ----------
    studies
        The ``japan_studies`` table (``study_id``, ``label``, ``kind``).
    risks
        The ``japan_study_risks`` table (see :func:`validate_risk_table`).

    Examples
    --------
    >>> studies = pd.DataFrame({"study_id": ["a"], "label": ["Study A"], "kind": ["internal study"]})
    >>> rows = [("a", r, "not documented", 0) for r in RISKS]
    >>> rows[0] = ("a", "arms_race", "discounted", 0)
    >>> table = pd.DataFrame(rows, columns=["study_id", "risk_id", "status", "severity"])
    >>> cells = documented_cells(studies, table)
    >>> cells[["study", "risk", "status"]].values.tolist()
    [['Study A', 'Arms race with nuclear states', 'discounted']]
    """
    historical = historical_studies(studies)
    if "label" not in studies.columns:
        raise ValueError(_("studies is missing column(s): {columns}").format(columns="label"))
    validate_risk_table(risks)
    labels = {str(s): str(label)
              for s, label in zip(studies["study_id"], localized(studies, "label"), strict=True)}
    keep = (risks["status"] != "not documented") & risks["study_id"].astype(str).isin(historical)
    out = risks.loc[keep].copy()
    out["study"] = out["study_id"].astype(str).map(labels)
    out["risk"] = [_(RISK_LABELS[str(r)]) for r in out["risk_id"]]
    return out
