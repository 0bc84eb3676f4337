"""ipywidgets panels: the live faces of the models, for a running kernel.

Every panel is a thin subclass of :class:`ExplorerPanel` (:mod:`.panel`).
"""

from .argument_map import ArgumentMapPanel, argument_map_panel
from .arms_race import ArmsRacePanel, arms_race_panel
from .article_x import ArticleXPanel, article_x_panel
from .breakout import BreakoutPanel, breakout_panel
from .cascade import CascadePanel, cascade_panel
from .deterrence import DeterrencePanel, deterrence_panel
from .escalation import EscalationPanel, escalation_panel
from .norm import NormPanel, norm_panel
from .options import OptionsPanel, options_panel
from .panel import ExplorerPanel, Redraw
from .risk_matrix import RiskMatrixPanel, risk_matrix_panel
from .strike_range import StrikeRangePanel, strike_range_panel
from .support import SupportPanel, support_panel
from .two_theatre import TwoTheatrePanel, two_theatre_panel
from .window import WindowPanel, window_panel

__all__ = [
    "ArgumentMapPanel",
    "ArmsRacePanel",
    "ArticleXPanel",
    "BreakoutPanel",
    "CascadePanel",
    "DeterrencePanel",
    "EscalationPanel",
    "ExplorerPanel",
    "NormPanel",
    "OptionsPanel",
    "Redraw",
    "RiskMatrixPanel",
    "StrikeRangePanel",
    "SupportPanel",
    "TwoTheatrePanel",
    "WindowPanel",
    "argument_map_panel",
    "arms_race_panel",
    "article_x_panel",
    "breakout_panel",
    "cascade_panel",
    "deterrence_panel",
    "escalation_panel",
    "norm_panel",
    "options_panel",
    "risk_matrix_panel",
    "strike_range_panel",
    "support_panel",
    "two_theatre_panel",
    "window_panel",
]
