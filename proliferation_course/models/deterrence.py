"""The deterrence triangle: a stylised teaching model of the three Cs.

Deterrence rests on three factors, each scored in [0, 1]:

* capabilities ``c``: can the defender inflict the threatened punishment?
* credibility ``r``: would the challenger believe the threat would be carried out?
* communication ``m``: is the threat clearly conveyed and understood?

The factors combine into one score ``D`` in [0, 1] under a rule the reader chooses:

* ``"product"``: ``D = c * r * m`` (the factors are complements: any zero gives zero);
* ``"weakest_link"``: ``D = min(c, r, m)`` (deterrence is as strong as its weakest factor);
* ``"weighted_mean"``: ``D = (w_c c + w_r r + w_m m) / (w_c + w_r + w_m)``
  (the factors are substitutes: strength in one makes up for weakness in another).

Deterrence *holds* in the model when ``D`` exceeds ``B / (B + C)``, where ``B`` is
the challenger's expected gain and ``C`` the punishment it risks. This is a
teaching model, not a prediction: the scores are judgements, and real
deterrence is not one number.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..i18n import N_, _
from ._validate import check_choice, check_positive, check_unit_interval

__all__ = [
    "PRESET_COLUMNS",
    "RULES",
    "RULE_LABELS",
    "DeterrenceResult",
    "deterrence_score",
    "deterrence_threshold",
    "evaluate_deterrence",
    "preset_arguments",
]

#: Combination rules the model knows, in display order.
RULES: tuple[str, ...] = ("product", "weakest_link", "weighted_mean")
#: How each rule is named on the page (English, marked for translation: show ``_(RULE_LABELS[rule])``).
RULE_LABELS: dict[str, str] = {
    "product": N_("Product"),
    "weakest_link": N_("Weakest link"),
    "weighted_mean": N_("Weighted mean"),
}

#: The columns of a ``deterrence_presets`` row that the model reads: its three factors.
PRESET_COLUMNS: tuple[str, str, str] = ("capabilities", "credibility", "communication")


def preset_arguments(row: Mapping[str, object]) -> dict[str, float]:
    """The model's arguments for one scenario preset: its three factors, checked.

    Parameters
    ----------
    row
        One row of the ``deterrence_presets`` table (a dict or a pandas row).
        Its other columns (``label``, ``rationale``, ...) are not read.

    Returns
    -------
    dict
        ``capabilities``, ``credibility`` and ``communication`` as floats, to
        pass to :func:`evaluate_deterrence` as keyword arguments.

    Raises
    ------
    ValueError
        If a factor is missing or outside [0, 1]; the message names the preset
        and the column.

    Examples
    --------
    >>> preset_arguments({"preset_id": "a", "capabilities": 0.9, "credibility": 0.3,
    ...                   "communication": 0.4, "label": "A"})
    {'capabilities': 0.9, 'credibility': 0.3, 'communication': 0.4}
    >>> preset_arguments({"preset_id": "b", "capabilities": 0.9, "credibility": 0.3})
    Traceback (most recent call last):
    ...
    ValueError: preset 'b': the column communication is missing
    """
    name = _("preset {preset!r}").format(preset=row["preset_id"]) if "preset_id" in row else _("the preset")
    out = {}
    for column in PRESET_COLUMNS:
        if column not in row:
            raise ValueError(_("{preset}: the column {column} is missing").format(preset=name, column=column))
        try:
            out[column] = check_unit_interval(column, row[column])
        except ValueError as err:
            raise ValueError(f"{name}: {err}") from None
    return out


def deterrence_score(
    capabilities: float,
    credibility: float,
    communication: float,
    rule: str = "product",
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
) -> float:
    """Combine the three factors of deterrence into one score in [0, 1].

    Parameters
    ----------
    capabilities, credibility, communication
        The three factors, each in [0, 1].
    rule
        ``"product"``, ``"weakest_link"`` or ``"weighted_mean"``.
    weights
        Non-negative weights ``(w_c, w_r, w_m)``, not all zero; used only by
        ``"weighted_mean"`` but always validated.

    Returns
    -------
    float
        The combined score ``D`` in [0, 1].

    Raises
    ------
    ValueError
        If a factor is outside [0, 1], NaN or not a number, if ``rule`` is
        unknown, or if the weights are negative, NaN or all zero. The message
        names the parameter.

    Examples
    --------
    >>> deterrence_score(1.0, 0.5, 0.5)
    0.25
    >>> deterrence_score(1.0, 0.5, 0.5, rule="weakest_link")
    0.5
    >>> round(deterrence_score(1.0, 0.5, 0.5, rule="weighted_mean"), 4)
    0.6667
    >>> deterrence_score(1.0, 0.0, 1.0)
    0.0
    """
    c = check_unit_interval("capabilities", capabilities)
    r = check_unit_interval("credibility", credibility)
    m = check_unit_interval("communication", communication)
    check_choice("rule", rule, RULES)
    if not isinstance(weights, tuple | list) or len(weights) != 3:
        raise ValueError(_("weights must be three numbers (w_c, w_r, w_m), got {value!r}").format(value=weights))
    w = [
        check_positive(f"weights[{i}]", wi, allow_zero=True) for i, wi in enumerate(weights)
    ]
    if sum(w) == 0:
        raise ValueError(_("weights must not all be zero"))
    if rule == "product":
        return c * r * m
    if rule == "weakest_link":
        return min(c, r, m)
    score = (w[0] * c + w[1] * r + w[2] * m) / sum(w)
    # A weighted mean lies between the smallest and largest factor; keeping it
    # there only absorbs float rounding (a unit in the last place), never data.
    return max(min(c, r, m), min(max(c, r, m), score))


def deterrence_threshold(gain: float = 1.0, cost: float = 3.0) -> float:
    """The score a defender must exceed to deter: ``B / (B + C)``.

    A challenger weighing a gain ``B`` against a punishment ``C`` that comes
    with probability ``D`` is deterred when ``D * C > (1 - D) * B``, that is
    when ``D > B / (B + C)``.

    Parameters
    ----------
    gain
        The challenger's expected gain ``B`` (positive).
    cost
        The punishment ``C`` the challenger risks (positive).

    Examples
    --------
    >>> deterrence_threshold(1.0, 3.0)
    0.25
    """
    b = check_positive("gain", gain)
    k = check_positive("cost", cost)
    return b / (b + k)


@dataclass(frozen=True)
class DeterrenceResult:
    """The model's full answer for one set of inputs."""

    capabilities: float
    credibility: float
    communication: float
    rule: str
    score: float
    threshold: float

    @property
    def holds(self) -> bool:
        """True when the score exceeds the challenger's threshold."""
        return self.score > self.threshold

    @property
    def weakest_factor(self) -> str:
        """The factor with the lowest score (the first in c, r, m order on ties)."""
        factors = {
            "capabilities": self.capabilities,
            "credibility": self.credibility,
            "communication": self.communication,
        }
        return min(factors, key=factors.__getitem__)


def evaluate_deterrence(
    capabilities: float,
    credibility: float,
    communication: float,
    rule: str = "product",
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
    gain: float = 1.0,
    cost: float = 3.0,
) -> DeterrenceResult:
    """Score the three factors and compare the score with the challenger's threshold.

    Examples
    --------
    >>> res = evaluate_deterrence(0.9, 0.3, 0.4, gain=1.0, cost=3.0)
    >>> round(res.score, 3), res.threshold, res.holds, res.weakest_factor
    (0.108, 0.25, False, 'credibility')
    """
    score = deterrence_score(capabilities, credibility, communication, rule, weights)
    return DeterrenceResult(
        capabilities=float(capabilities),
        credibility=float(credibility),
        communication=float(communication),
        rule=rule,
        score=score,
        threshold=deterrence_threshold(gain, cost),
    )
