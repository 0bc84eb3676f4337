"""The plotly JSON output is for Jupyter; the site uses the HTML beside it (a myst-nb mime plugin)."""

from __future__ import annotations

from typing import Any

__all__ = ["PlotlyJsonMime"]


class PlotlyJsonMime:
    """myst-nb mime plugin: the plotly JSON is for Jupyter; the site uses the HTML beside it.

    Registered under the ``myst_nb.mime_renderers`` entry point (``pyproject.toml``).
    It renders ``application/vnd.plotly.v1+json`` as nothing, so myst-nb picks
    the ``text/html`` representation written by :mod:`proliferation_course.render`
    instead of warning about an unknown mime type.
    """

    mime_priority_overrides: tuple = ()

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        if data.mime_type == "application/vnd.plotly.v1+json":
            return []
        return None
