"""The escalation ladder: a stylised teaching model of "nuclear or nothing".

A defender has a *ladder* of possible responses, each rung with a level
``l_k`` in [0, 1] (how escalatory it is) and a flag saying whether it is
nuclear. A stated set of stylised *scenarios* (provocations) each has a
severity ``s_j`` in [0, 1].

A response is *credible* for a scenario when it is proportionate: its level
lies within a band ``b`` of the scenario's severity,

    |l_k - s_j| <= b.

A response far below the provocation does not answer it; one far above it is
a threat the challenger is unlikely to believe (Kaufmann's objection to
massive retaliation). Each scenario falls in exactly one category:

* ``"non_nuclear"``: at least one non-nuclear rung is credible;
* ``"nuclear_only"``: no non-nuclear rung is, but a nuclear rung is;
* ``"gap"``: no rung is credible, so the defender faces the binary choice
  the essay warns about: escalate to nuclear use or do nothing in kind.

The explorer compares the ladder *without* the conventional rungs that
advanced long-range strike adds with the ladder *with* them, and reports the
share of scenarios in each category. Severities, levels and the band are
the course authors' judgements, not measurements: this is a teaching model,
not a prediction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..i18n import N_
from ._validate import check_unit_interval

__all__ = [
    "CATEGORIES",
    "CATEGORY_LABELS",
    "PRESET_COLUMNS",
    "LadderResult",
    "classify_scenario",
    "compare_ladders",
    "evaluate_ladder",
    "preset_arguments",
]

#: Categories of a scenario, in display order.
CATEGORIES: tuple[str, ...] = ("non_nuclear", "nuclear_only", "gap")
#: How each category is named on the page (translate with ``_``).
CATEGORY_LABELS: dict[str, str] = {
    "non_nuclear": N_("Credible non-nuclear response"),
    "nuclear_only": N_("Only a nuclear response is proportionate"),
    "gap": N_("No proportionate response: nuclear or nothing"),
}
#: The columns of an ``escalation_presets`` row that the model reads: the proportionality band.
PRESET_COLUMNS: tuple[str] = ("band",)
# Comparisons allow for float rounding (a few units in the last place), never more.
_EPS = 1e-12


def _check_levels(levels: Sequence[float], nuclear: Sequence[bool]) -> tuple[list[float], list[bool]]:
    if isinstance(levels, str) or not isinstance(levels, Sequence):
        raise ValueError(f"rung_levels must be a sequence of numbers, got {type(levels).__name__}")
    if isinstance(nuclear, str) or not isinstance(nuclear, Sequence):
        raise ValueError(f"rung_nuclear must be a sequence of booleans, got {type(nuclear).__name__}")
    if len(levels) != len(nuclear):
        raise ValueError(f"rung_nuclear must have one flag per rung ({len(levels)}), got {len(nuclear)}")
    lv = [check_unit_interval(f"rung_levels[{i}]", v) for i, v in enumerate(levels)]
    for i, flag in enumerate(nuclear):
        if not isinstance(flag, bool):
            raise ValueError(f"rung_nuclear[{i}] must be True or False, got {flag!r}")
    return lv, list(nuclear)


def _check_band(band: object) -> float:
    return check_unit_interval("band", band)


def preset_arguments(row: Mapping[str, object]) -> dict[str, float]:
    """The model's arguments for one preset of the ``escalation_presets`` table: its band, checked.

    The preset's theatre chooses the rungs and scenarios (read from their own
    tables); the band is the one number the preset gives the model.

    Examples
    --------
    >>> preset_arguments({"preset_id": "europe", "theatre": "europe", "band": 0.1})
    {'band': 0.1}
    >>> preset_arguments({"preset_id": "x", "band": 1.5})
    Traceback (most recent call last):
    ...
    ValueError: preset 'x': band must lie in [0, 1], got 1.5
    """
    name = f"preset {row['preset_id']!r}" if "preset_id" in row else "the preset"
    if "band" not in row:
        raise ValueError(f"{name}: the column band is missing")
    try:
        return {"band": _check_band(row["band"])}
    except ValueError as err:
        raise ValueError(f"{name}: {err}") from None


def classify_scenario(
    severity: float,
    rung_levels: Sequence[float],
    rung_nuclear: Sequence[bool],
    band: float = 0.1,
) -> tuple[str, int]:
    """The category of one scenario and the rung that answers it.

    Parameters
    ----------
    severity
        The scenario's severity ``s`` in [0, 1].
    rung_levels
        The level ``l_k`` of each available rung, in [0, 1] (may be empty).
    rung_nuclear
        Whether each rung is nuclear (``True``/``False``), one flag per rung.
    band
        The proportionality band ``b`` in [0, 1]: a rung is credible when
        ``|l_k - s| <= b``.

    Returns
    -------
    tuple of (str, int)
        The category (one of :data:`CATEGORIES`) and the index of the
        credible rung closest to ``s`` of the deciding kind (non-nuclear
        first), the lower rung on a tie; ``-1`` for a gap.

    Raises
    ------
    ValueError
        If a number is outside [0, 1] or not a number, if a flag is not a
        boolean, or if the lengths differ; the message names the parameter.

    Examples
    --------
    >>> classify_scenario(0.6, [0.1, 0.45, 0.85], [False, False, True], band=0.1)
    ('gap', -1)
    >>> classify_scenario(0.6, [0.1, 0.45, 0.55, 0.85], [False, False, False, True], band=0.1)
    ('non_nuclear', 2)
    >>> classify_scenario(0.9, [0.1, 0.45, 0.85], [False, False, True], band=0.1)
    ('nuclear_only', 2)
    """
    s = check_unit_interval("severity", severity)
    levels, nuclear = _check_levels(rung_levels, rung_nuclear)
    b = _check_band(band)
    for want_nuclear, category in ((False, "non_nuclear"), (True, "nuclear_only")):
        best, best_gap = -1, None
        for k, (level, is_nuclear) in enumerate(zip(levels, nuclear, strict=True)):
            gap = abs(level - s)
            if is_nuclear != want_nuclear or gap > b + _EPS:
                continue
            if best_gap is None or gap < best_gap - _EPS or (
                    abs(gap - best_gap) <= _EPS and level < levels[best]):
                best, best_gap = k, gap
        if best >= 0:
            return category, best
    return "gap", -1


@dataclass(frozen=True)
class LadderResult:
    """The model's answer for one ladder and one set of scenarios."""

    categories: tuple[str, ...]
    responses: tuple[int, ...]
    band: float

    @property
    def n(self) -> int:
        """Number of scenarios."""
        return len(self.categories)

    def share(self, category: str) -> float:
        """Share of scenarios in ``category`` (0 to 1)."""
        if category not in CATEGORIES:
            raise ValueError(f"category must be one of {', '.join(CATEGORIES)}; got {category!r}")
        return self.categories.count(category) / self.n

    @property
    def shares(self) -> dict[str, float]:
        """Share of scenarios in each category, in :data:`CATEGORIES` order; they sum to 1."""
        return {c: self.share(c) for c in CATEGORIES}


def evaluate_ladder(
    severities: Sequence[float],
    rung_levels: Sequence[float],
    rung_nuclear: Sequence[bool],
    band: float = 0.1,
) -> LadderResult:
    """Classify every scenario against one ladder.

    Examples
    --------
    >>> res = evaluate_ladder([0.12, 0.6, 0.9], [0.1, 0.45, 0.85], [False, False, True])
    >>> res.categories, round(res.share("non_nuclear"), 3)
    (('non_nuclear', 'gap', 'nuclear_only'), 0.333)
    """
    if isinstance(severities, str) or not isinstance(severities, Sequence) or len(severities) == 0:
        raise ValueError("severities must be a non-empty sequence of numbers in [0, 1]")
    for i, s in enumerate(severities):
        check_unit_interval(f"severities[{i}]", s)
    results = [classify_scenario(s, rung_levels, rung_nuclear, band) for s in severities]
    return LadderResult(categories=tuple(r[0] for r in results),
                        responses=tuple(r[1] for r in results), band=float(band))


def compare_ladders(
    severities: Sequence[float],
    rung_levels: Sequence[float],
    rung_nuclear: Sequence[bool],
    rung_conventional: Sequence[bool],
    band: float = 0.1,
) -> tuple[LadderResult, LadderResult]:
    """The ladder without, then with, the rungs flagged as advanced conventional capabilities.

    Parameters
    ----------
    rung_conventional
        One flag per rung: ``True`` for a rung that advanced conventional
        strike adds (it must not be nuclear). The "without" ladder leaves
        these rungs out; the "with" ladder keeps every rung. Response indices
        refer to the full list of rungs in both results.

    Examples
    --------
    >>> without, with_ = compare_ladders([0.6], [0.45, 0.55, 0.85], [False, False, True],
    ...                                  [False, True, False], band=0.1)
    >>> without.categories, with_.categories, with_.responses
    (('gap',), ('non_nuclear',), (1,))
    """
    levels, nuclear = _check_levels(rung_levels, rung_nuclear)
    if isinstance(rung_conventional, str) or not isinstance(rung_conventional, Sequence) \
            or len(rung_conventional) != len(levels):
        raise ValueError(f"rung_conventional must have one flag per rung ({len(levels)})")
    for i, flag in enumerate(rung_conventional):
        if not isinstance(flag, bool):
            raise ValueError(f"rung_conventional[{i}] must be True or False, got {flag!r}")
        if flag and nuclear[i]:
            raise ValueError(f"rung_conventional[{i}] flags a nuclear rung as conventional")
    keep = [i for i, flag in enumerate(rung_conventional) if not flag]
    base = evaluate_ladder(severities, [levels[i] for i in keep], [nuclear[i] for i in keep], band)
    without = LadderResult(categories=base.categories,
                           responses=tuple(keep[r] if r >= 0 else -1 for r in base.responses),
                           band=base.band)
    return without, evaluate_ladder(severities, levels, nuclear, band)
