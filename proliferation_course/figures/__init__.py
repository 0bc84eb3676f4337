"""Plotly figures: the static faces of the models, precomputed so that no kernel is needed.

Importing this package changes no plotly setting. A page that shows figures
registers the course's deterministic renderer itself, once::

    from proliferation_course.render import register
    register()

The design system (palette, template, spacing) is in :mod:`.style`; the
controls and checks every explorer shares are in :mod:`.controls`.
"""

from .argument_map import argument_map_figure
from .arms_race import arms_race_figure, stockpiles_figure
from .article_x import article_x_figure, npt_milestones_figure
from .breakout import breakout_figure, proliferation_timelines_figure
from .cascade import cascade_figure, korea_polls_figure
from .controls import check_frame, check_initial
from .deterrence import (
    deterrence_snapshot_figure,
    deterrence_state,
    deterrence_triangle_figure,
    nuclear_forces_figure,
)
from .escalation import escalation_figure
from .norm import norm_figure, npt_parties_figure
from .options import options_figure
from .risk_matrix import risk_matrix_figure
from .strike_range import strike_gap_figure, strike_range_figure
from .support import support_roles_figure, support_timeline_figure
from .timeline import timeline_figure
from .two_theatre import agreements_figure, two_theatre_figure
from .window import preventive_strikes_figure, window_figure

__all__ = [
    "agreements_figure",
    "argument_map_figure",
    "arms_race_figure",
    "article_x_figure",
    "breakout_figure",
    "cascade_figure",
    "check_frame",
    "check_initial",
    "deterrence_snapshot_figure",
    "deterrence_state",
    "deterrence_triangle_figure",
    "escalation_figure",
    "korea_polls_figure",
    "norm_figure",
    "npt_milestones_figure",
    "npt_parties_figure",
    "nuclear_forces_figure",
    "options_figure",
    "preventive_strikes_figure",
    "proliferation_timelines_figure",
    "risk_matrix_figure",
    "stockpiles_figure",
    "strike_gap_figure",
    "strike_range_figure",
    "support_roles_figure",
    "support_timeline_figure",
    "timeline_figure",
    "two_theatre_figure",
    "window_figure",
]
