"""A deterministic plotly renderer for the static website and for Jupyter.

Plotly 7 emits only ``application/vnd.plotly.v1+json`` in a kernel, which
myst-nb cannot place on a static page. This renderer emits two
representations of each figure:

* ``application/vnd.plotly.v1+json``: the figure as JSON, which JupyterLab
  renders natively;
* ``text/html``: a ``<div>`` with a fixed height (so nothing shifts when the
  figure draws) and the figure's JSON in a ``<script type="application/json">``
  block. The course's own ``course.js`` draws it once plotly.js, loaded from
  one local file only on pages that hold a figure, is ready.

Ids come from a counter, not a UUID, so two builds of a page are identical.
No plotly.js, MathJax or CDN link is written into the page.
"""

from __future__ import annotations

import html
import itertools
import json
from typing import Any

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer
from plotly.io.json import to_json

__all__ = ["RENDERER_NAME", "CourseRenderer", "figure_html", "register"]

RENDERER_NAME = "course"
DEFAULT_HEIGHT = 450
PLOTLY_CONFIG: dict[str, Any] = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
}

_counter = itertools.count(1)


def _title_text(fig_dict: dict[str, Any]) -> str:
    title = fig_dict.get("layout", {}).get("title", {})
    if isinstance(title, dict):
        return str(title.get("text", "") or "")
    return str(title or "")


def _strip_tags(text: str) -> str:
    out, inside = [], False
    for ch in text:
        if ch == "<":
            inside = True
        elif ch == ">":
            inside = False
        elif not inside:
            out.append(ch)
    return "".join(out)


def figure_html(fig_dict: dict[str, Any], div_id: str) -> str:
    """Return the static HTML for one figure: a sized div and its JSON.

    Parameters
    ----------
    fig_dict
        A plotly figure as a dict (``fig.to_dict()``), frames included.
    div_id
        A deterministic id for the figure's ``<div>``.

    Examples
    --------
    >>> out = figure_html({"data": [], "layout": {"height": 300}}, "course-fig-1")
    >>> 'id="course-fig-1"' in out and "height:300px" in out
    True
    """
    payload = dict(fig_dict)
    payload["config"] = {**PLOTLY_CONFIG, **payload.get("config", {})}
    # '</' must not end the script element early.
    data = to_json(payload, validate=False, pretty=False).replace("</", "<\\/")
    height = int(fig_dict.get("layout", {}).get("height") or DEFAULT_HEIGHT)
    label = _strip_tags(_title_text(fig_dict)) or "Interactive figure"
    return (
        f'<div class="course-figure" id="{div_id}" data-figure="{div_id}-data" '
        f'role="figure" aria-label="{html.escape(label, quote=True)}" '
        f'style="height:{height}px"></div>\n'
        f'<script type="application/json" id="{div_id}-data">{data}</script>\n'
    )


class CourseRenderer(MimetypeRenderer):
    """Plotly renderer writing HTML for the static site and JSON for Jupyter."""

    def to_mimebundle(self, fig_dict: dict[str, Any]) -> dict[str, Any]:
        div_id = f"course-fig-{next(_counter)}"
        with_config = dict(fig_dict)
        with_config["config"] = {**PLOTLY_CONFIG, **fig_dict.get("config", {})}
        as_json = json.loads(to_json(with_config, validate=False))
        return {
            "application/vnd.plotly.v1+json": as_json,
            "text/html": figure_html(fig_dict, div_id),
        }


def register(make_default: bool = True) -> None:
    """Register the renderer with plotly as ``"course"`` (and make it the default)."""
    pio.renderers[RENDERER_NAME] = CourseRenderer()
    if make_default:
        pio.renderers.default = RENDERER_NAME
