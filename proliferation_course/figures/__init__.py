"""Plotly figures: the static faces of the models, precomputed so that no kernel is needed.

Importing this package registers the course's deterministic renderer
(:mod:`proliferation_course.render`) as plotly's default.
"""

from ..render import register as _register
from .deterrence import (
    deterrence_snapshot_figure,
    deterrence_state,
    deterrence_triangle_figure,
    nuclear_forces_figure,
)

_register()

__all__ = [
    "deterrence_snapshot_figure",
    "deterrence_state",
    "deterrence_triangle_figure",
    "nuclear_forces_figure",
]
