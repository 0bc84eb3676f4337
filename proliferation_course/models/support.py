"""The support-roles explorer: how far an ally's conventional forces could cover each support role.

The essay's second alternative to proliferation is conventional support to US
nuclear operations (核作戦通常戦力支援): allies escort and refuel US
nuclear-capable aircraft, defend the air, work in space and cyberspace, and
maintain and support the force. It adds a condition: the United States must make
clear what operational planning it shares, or the allies cannot prepare.

The model turns a capability table into a coverage score for each of six roles
``r`` (:data:`ROLES`, in the essay's order):

* the ally's capability level ``L_r`` in 0..3 (0 none documented, 1 being built
  or organisational only, 2 in service, 3 in service and exercised with US
  nuclear-capable forces) gives ``c_r = L_r / 3``;
* each role depends on shared US planning information to a degree
  ``d_r`` in [0, 1] (escort needs routes and timings; air defence of one's own
  territory much less);
* ``s`` in [0, 1] is how much of the relevant operational planning the United
  States shares;
* the information factor is ``f_r = 1 - d_r (1 - s)`` and the role's coverage is
  ``k_r = c_r f_r``;
* the support index is the weighted mean ``S = sum_r w_r k_r / sum_r w_r``, and a
  role counts as *ready* when ``k_r >= tau``.

Pooling several allies takes, role by role, the highest level among them
(:func:`pooled_levels`). This is a teaching model, not an assessment: the levels
and dependences are the course authors' judgements from public sources.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..i18n import N_, _
from ..validation import check_keys
from ._validate import check_integer, check_positive, check_preset_ids_and_share, check_unit_interval

__all__ = [
    "MAX_LEVEL",
    "PRESET_COLUMNS",
    "ROLES",
    "ROLE_LABELS",
    "ROLE_LABELS_JA",
    "SupportResult",
    "ally_levels",
    "check_levels",
    "check_role_values",
    "information_factor",
    "levels_by_ally",
    "pooled_levels",
    "preset_arguments",
    "support_coverage",
]

#: The six support roles, in the order the essay lists them.
ROLES: tuple[str, ...] = ("escort", "refuelling", "air_defence", "space", "cyber", "maintenance")
#: How each role is named on the page (in English: show it with :func:`proliferation_course.i18n._`).
ROLE_LABELS: dict[str, str] = {
    "escort": N_("Escort"),
    "refuelling": N_("Air refuelling"),
    "air_defence": N_("Air defence"),
    "space": N_("Space"),
    "cyber": N_("Cyber"),
    "maintenance": N_("Maintenance and other support"),
}
#: The essay's own wording.
ROLE_LABELS_JA: dict[str, str] = {
    "escort": "護衛",
    "refuelling": "空中給油",
    "air_defence": "防空システム",
    "space": "宇宙",
    "cyber": "サイバー",
    "maintenance": "整備活動・その他の運用支援",
}
#: The highest capability level.
MAX_LEVEL = 3
#: The columns of a ``support_presets`` row that the model reads: the allies and the share ``s``.
PRESET_COLUMNS: tuple[str, str] = ("allies", "sharing")


def preset_arguments(row: Mapping[str, object]) -> dict[str, Any]:
    """The model's arguments for one choice of the figure: its allies and starting share of planning.

    Parameters
    ----------
    row
        One row of the ``support_presets`` table (a dict or a pandas row):
        ``allies``, ally identifiers separated by ``;`` (several are pooled),
        and ``sharing`` in [0, 1]. Its other columns are not read.

    Returns
    -------
    dict
        ``allies`` (a tuple, for :func:`ally_levels`) and ``sharing`` (a float,
        for :func:`support_coverage`).

    Raises
    ------
    ValueError
        If a column is missing, the allies are empty or repeat, or the sharing
        is outside [0, 1]; the message names the preset and the column.

    Examples
    --------
    >>> preset_arguments({"preset_id": "p", "allies": "japan; canada", "sharing": 0.5})
    {'allies': ('japan', 'canada'), 'sharing': 0.5}
    >>> preset_arguments({"preset_id": "q", "allies": "japan", "sharing": 2})
    Traceback (most recent call last):
    ...
    ValueError: preset 'q': sharing must lie in [0, 1], got 2.0
    """
    allies, sharing = check_preset_ids_and_share(row, "allies", "sharing", "ally")
    return {"allies": allies, "sharing": sharing}


def _check_level(name: str, value: object) -> int:
    return check_integer(name, value, 0, MAX_LEVEL)


def _check_mapping(name: str, values: object) -> Mapping[str, object]:
    return check_keys(values, ROLES, name, "role")


def check_levels(levels: object, name: str = "levels") -> dict[str, int]:
    """Return ``{role: level}`` for all six roles, each an integer from 0 to 3.

    Raises
    ------
    ValueError
        If ``levels`` is not a mapping, lacks a role or names an unknown one, or
        if a level is not an integer from 0 to 3; the message names the entry
        (``levels['escort']``).

    Examples
    --------
    >>> check_levels(dict.fromkeys(ROLES, 2))["cyber"]
    2
    """
    values = _check_mapping(name, levels)
    return {r: _check_level(f"{name}[{r!r}]", values[r]) for r in ROLES}


def check_role_values(values: object, name: str, *, unit: bool = True) -> dict[str, float]:
    """Return ``{role: float}`` for all six roles: in [0, 1] if ``unit``, else non-negative and finite.

    Examples
    --------
    >>> check_role_values(dict.fromkeys(ROLES, 0.5), "dependence")["space"]
    0.5
    """
    values = _check_mapping(name, values)
    if unit:
        return {r: check_unit_interval(f"{name}[{r!r}]", values[r]) for r in ROLES}
    return {r: check_positive(f"{name}[{r!r}]", values[r], allow_zero=True) for r in ROLES}


def information_factor(dependence: float, sharing: float) -> float:
    """The share of a role's capability usable at a level of planning-information sharing.

    ``f = 1 - d (1 - s)``: with full sharing (``s = 1``) the whole capability is
    usable; with none, only the part that does not depend on US plans.

    Examples
    --------
    >>> information_factor(0.9, 0.0), information_factor(0.9, 1.0)
    (0.09999999999999998, 1.0)
    >>> information_factor(0.5, 0.5)
    0.75
    """
    d = check_unit_interval("dependence", dependence)
    s = check_unit_interval("sharing", sharing)
    return 1.0 - d * (1.0 - s)


@dataclass(frozen=True)
class SupportResult:
    """The model's answer for one ally (or pool) at one level of sharing.

    Attributes
    ----------
    roles
        The roles, in :data:`ROLES` order.
    levels, capability, coverage, gap
        One value per role: the level 0..3, ``c_r = L_r / 3``, ``k_r = c_r f_r``
        and the part lost for want of shared planning, ``c_r - k_r``.
    sharing, threshold
        ``s`` and ``tau``.
    index
        The weighted support index ``S`` in [0, 1].
    """

    roles: tuple[str, ...]
    levels: tuple[int, ...]
    capability: tuple[float, ...]
    coverage: tuple[float, ...]
    gap: tuple[float, ...]
    sharing: float
    threshold: float
    index: float

    @property
    def ready(self) -> tuple[str, ...]:
        """The roles whose coverage reaches the threshold."""
        return tuple(r for r, k in zip(self.roles, self.coverage, strict=True) if k >= self.threshold)

    @property
    def weakest(self) -> str:
        """The role with the lowest coverage (the first in :data:`ROLES` order on ties)."""
        return min(self.roles, key=lambda r: self.coverage[self.roles.index(r)])


def support_coverage(
    levels: Mapping[str, int],
    dependence: Mapping[str, float],
    sharing: float = 0.5,
    weights: Mapping[str, float] | None = None,
    threshold: float = 0.5,
) -> SupportResult:
    """Score each support role's coverage and the overall support index.

    Parameters
    ----------
    levels
        ``{role: level}`` for the six roles, each an integer from 0 to 3.
    dependence
        ``{role: d_r}``, each in [0, 1]: how much the role depends on shared US
        planning information.
    sharing
        ``s`` in [0, 1]: how much of the relevant operational planning the United
        States shares.
    weights
        ``{role: w_r}``, non-negative and not all zero; equal weights if ``None``.
    threshold
        ``tau`` in [0, 1]: the coverage at which a role counts as ready.

    Returns
    -------
    SupportResult

    Raises
    ------
    ValueError
        Naming the parameter at fault (``levels['cyber']``, ``sharing``, ...).

    Examples
    --------
    >>> lv = {"escort": 3, "refuelling": 2, "air_defence": 2, "space": 1, "cyber": 1, "maintenance": 2}
    >>> dep = dict.fromkeys(ROLES, 0.5)
    >>> res = support_coverage(lv, dep, sharing=1.0)
    >>> res.coverage[0], round(res.index, 4)  # full sharing: coverage = capability
    (1.0, 0.6111)
    >>> res = support_coverage(lv, dep, sharing=0.0)
    >>> res.coverage[0], round(res.index, 4)  # no sharing halves every role when d = 0.5
    (0.5, 0.3056)
    >>> res.ready, res.weakest
    (('escort',), 'space')
    """
    lv = check_levels(levels)
    dep = check_role_values(dependence, "dependence")
    s = check_unit_interval("sharing", sharing)
    tau = check_unit_interval("threshold", threshold)
    w = check_role_values(dict.fromkeys(ROLES, 1.0) if weights is None else weights, "weights", unit=False)
    if sum(w.values()) == 0:
        raise ValueError(_("weights must not all be zero"))
    cap = tuple(lv[r] / MAX_LEVEL for r in ROLES)
    cov = tuple(c * (1.0 - dep[r] * (1.0 - s)) for c, r in zip(cap, ROLES, strict=True))
    gap = tuple(c - k for c, k in zip(cap, cov, strict=True))
    index = sum(w[r] * k for r, k in zip(ROLES, cov, strict=True)) / sum(w.values())
    index = min(max(index, min(cov)), max(cov))  # a weighted mean lies between the extremes (float rounding)
    return SupportResult(roles=ROLES, levels=tuple(lv[r] for r in ROLES), capability=cap, coverage=cov,
                         gap=gap, sharing=s, threshold=tau, index=index)


def pooled_levels(tables: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """Role by role, the highest level among several allies: what they could cover together.

    Examples
    --------
    >>> a = dict.fromkeys(ROLES, 0) | {"escort": 3}
    >>> b = dict.fromkeys(ROLES, 1)
    >>> pooled_levels([a, b])["escort"], pooled_levels([a, b])["space"]
    (3, 1)
    """
    checked = [check_levels(t, f"tables[{i}]") for i, t in enumerate(tables)]
    if not checked:
        raise ValueError("tables must hold at least one ally's levels")
    return {r: max(t[r] for t in checked) for r in ROLES}


def levels_by_ally(capabilities: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Read the ``support_capabilities`` table into ``{ally_id: {role: level}}``.

    Every ally must have exactly one row for each of the six roles.

    Raises
    ------
    ValueError
        Naming the column, ally or role at fault.
    """
    if not isinstance(capabilities, pd.DataFrame):
        raise ValueError(f"capabilities must be a pandas DataFrame, got {type(capabilities).__name__}")
    missing = [c for c in ("ally_id", "role_id", "level") if c not in capabilities.columns]
    if missing:
        raise ValueError(f"capabilities is missing column(s): {', '.join(missing)}")
    if capabilities.empty:
        raise ValueError("capabilities has no rows")
    out: dict[str, dict[str, int]] = {}
    for row in capabilities.itertuples(index=False):
        ally, role = str(row.ally_id), str(row.role_id)
        if role not in ROLES:
            raise ValueError(f"role_id ({ally}) must be one of {', '.join(ROLES)}; got {role!r}")
        if role in out.setdefault(ally, {}):
            raise ValueError(f"capabilities repeats the pair {ally}/{role}")
        out[ally][role] = _check_level(f"level ({ally}/{role})", row.level)
    for ally, levels in out.items():
        lacking = [r for r in ROLES if r not in levels]
        if lacking:
            raise ValueError(f"capabilities lacks role(s) {', '.join(lacking)} for ally {ally!r}")
        out[ally] = {r: levels[r] for r in ROLES}
    return out


def ally_levels(capabilities: pd.DataFrame, allies: Iterable[str]) -> dict[str, int]:
    """The levels of one ally, or role by role the best of several (:func:`pooled_levels`).

    Raises ``ValueError`` naming an ally the ``support_capabilities`` table does not hold.

    Examples
    --------
    >>> from proliferation_course.data import load_table
    >>> caps = load_table("support_capabilities")
    >>> ally_levels(caps, ["canada"])["escort"], ally_levels(caps, ["japan", "canada"])["escort"]
    (1, 3)
    >>> ally_levels(caps, ["france"])
    Traceback (most recent call last):
    ...
    ValueError: capabilities has no rows for the ally 'france' (it holds canada, germany, japan)
    """
    tables = levels_by_ally(capabilities)
    chosen = list(allies)
    for ally in chosen:
        if ally not in tables:
            raise ValueError(f"capabilities has no rows for the ally {ally!r} "
                             f"(it holds {', '.join(sorted(tables))})")
    if len(chosen) == 1:
        return dict(tables[chosen[0]])
    return pooled_levels(tables[a] for a in chosen)
