"""Plotly figures: the static faces of the models, precomputed so that no kernel is needed.

Importing this package (or any of its modules) registers the course's
deterministic renderer (:mod:`proliferation_course.render`) as plotly's default.
"""

from ..render import register as _register
from .argument_map import argument_map_figure
from .article_x import article_x_figure, npt_milestones_figure
from .breakout import breakout_figure, proliferation_timelines_figure
from .deterrence import (
    deterrence_snapshot_figure,
    deterrence_state,
    deterrence_triangle_figure,
    nuclear_forces_figure,
)
from .risk_matrix import risk_matrix_figure
from .timeline import timeline_figure
from .window import preventive_strikes_figure, window_figure

_register()

__all__ = [
    "argument_map_figure",
    "article_x_figure",
    "breakout_figure",
    "deterrence_snapshot_figure",
    "deterrence_state",
    "deterrence_triangle_figure",
    "npt_milestones_figure",
    "nuclear_forces_figure",
    "preventive_strikes_figure",
    "proliferation_timelines_figure",
    "risk_matrix_figure",
    "timeline_figure",
    "window_figure",
]
