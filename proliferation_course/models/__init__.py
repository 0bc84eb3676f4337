"""Stylised teaching models: pure functions that validate their input.

Each model raises :class:`ValueError` naming the bad parameter. None of them
is a prediction.
"""

from .deterrence import (
    RULE_LABELS,
    RULES,
    DeterrenceResult,
    deterrence_score,
    deterrence_threshold,
    evaluate_deterrence,
)

__all__ = [
    "RULES",
    "RULE_LABELS",
    "DeterrenceResult",
    "deterrence_score",
    "deterrence_threshold",
    "evaluate_deterrence",
]
