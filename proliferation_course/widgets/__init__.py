"""ipywidgets panels: the live faces of the models, for a running kernel."""

from .deterrence import DeterrencePanel, deterrence_panel

__all__ = ["DeterrencePanel", "deterrence_panel"]
