"""Stylised teaching models: pure functions that validate their input.

Each model raises :class:`ValueError` naming the bad parameter. None of them
is a prediction. The package level exports each model's main entry points;
the modules hold the rest (constants, helpers).

=================  =========================================================
module             model
=================  =========================================================
``argument_map``   the debate as a map of claims, rebuttals and evidence (ch. 1)
``deterrence``     the deterrence triangle of the three Cs (ch. 2)
``breakout``       the breakout timeline from decision to arsenal (ch. 3)
``window``         surviving the window of vulnerability (ch. 4)
``article_x``      assessing an NPT withdrawal condition by condition (ch. 5)
``risk_matrix``    Japan's studies scored against the risks they found (ch. 6)
``norm``           norm strength: compliance weighted by criticality (ch. 7)
``cascade``        a threshold cascade among latent states (ch. 8)
``arms_race``      the Richardson arms-race model for N actors (ch. 9)
``strike_range``   range rings on a sphere (ch. 10)
``escalation``     an escalation ladder with and without conventional rungs (ch. 10)
``support``        allied support roles and shared planning (ch. 11)
``two_theatre``    allocating scarce assets between two theatres (ch. 12)
``options``        weighing the options against criteria (ch. 13)
=================  =========================================================
"""

from .argument_map import ArgumentMap, validate_map
from .arms_race import ArmsRaceResult, critical_reaction, simulate_arms_race, two_actor_stable
from .article_x import ArticleXResult, assess_withdrawal
from .breakout import BreakoutResult, breakout_timeline, pursuit_durations
from .cascade import CascadeResult, run_cascade
from .deterrence import (
    RULE_LABELS,
    RULES,
    DeterrenceResult,
    deterrence_score,
    deterrence_threshold,
    evaluate_deterrence,
)
from .escalation import LadderResult, compare_ladders, evaluate_ladder
from .norm import NormResult, evaluate_norm
from .options import OptionsResult, rank_options
from .risk_matrix import RiskMatrixResult, weighted_risk_score
from .strike_range import RangeRing, great_circle_km, largest_separation_km, range_ring
from .support import SupportResult, support_coverage
from .two_theatre import TwoTheatreResult, compare_rules
from .window import WindowResult, evaluate_window, survival_probability

__all__ = [
    "RULES",
    "RULE_LABELS",
    "ArgumentMap",
    "ArmsRaceResult",
    "ArticleXResult",
    "BreakoutResult",
    "CascadeResult",
    "DeterrenceResult",
    "LadderResult",
    "NormResult",
    "OptionsResult",
    "RangeRing",
    "RiskMatrixResult",
    "SupportResult",
    "TwoTheatreResult",
    "WindowResult",
    "assess_withdrawal",
    "breakout_timeline",
    "compare_ladders",
    "compare_rules",
    "critical_reaction",
    "deterrence_score",
    "deterrence_threshold",
    "evaluate_deterrence",
    "evaluate_ladder",
    "evaluate_norm",
    "evaluate_window",
    "great_circle_km",
    "largest_separation_km",
    "pursuit_durations",
    "range_ring",
    "rank_options",
    "run_cascade",
    "simulate_arms_race",
    "support_coverage",
    "survival_probability",
    "two_actor_stable",
    "validate_map",
    "weighted_risk_score",
]
