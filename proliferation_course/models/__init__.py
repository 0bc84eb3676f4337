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
=================  =========================================================
"""

from .argument_map import ArgumentMap, validate_map
from .article_x import ArticleXResult, assess_withdrawal
from .breakout import BreakoutResult, breakout_timeline, pursuit_durations
from .deterrence import (
    RULE_LABELS,
    RULES,
    DeterrenceResult,
    deterrence_score,
    deterrence_threshold,
    evaluate_deterrence,
)
from .risk_matrix import RiskMatrixResult, weighted_risk_score
from .window import WindowResult, evaluate_window, survival_probability

__all__ = [
    "RULES",
    "RULE_LABELS",
    "ArgumentMap",
    "ArticleXResult",
    "BreakoutResult",
    "DeterrenceResult",
    "RiskMatrixResult",
    "WindowResult",
    "assess_withdrawal",
    "breakout_timeline",
    "deterrence_score",
    "deterrence_threshold",
    "evaluate_deterrence",
    "evaluate_window",
    "pursuit_durations",
    "survival_probability",
    "validate_map",
    "weighted_risk_score",
]
