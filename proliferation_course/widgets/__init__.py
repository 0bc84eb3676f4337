"""ipywidgets panels: the live faces of the models, for a running kernel."""

from .argument_map import ArgumentMapPanel, argument_map_panel
from .article_x import ArticleXPanel, article_x_panel
from .breakout import BreakoutPanel, breakout_panel
from .deterrence import DeterrencePanel, deterrence_panel
from .risk_matrix import RiskMatrixPanel, risk_matrix_panel
from .window import WindowPanel, window_panel

__all__ = [
    "ArgumentMapPanel",
    "ArticleXPanel",
    "BreakoutPanel",
    "DeterrencePanel",
    "RiskMatrixPanel",
    "WindowPanel",
    "argument_map_panel",
    "article_x_panel",
    "breakout_panel",
    "deterrence_panel",
    "risk_matrix_panel",
    "window_panel",
]
