"""A deterministic plotly renderer for the static website and for Jupyter.

Plotly 7 emits only ``application/vnd.plotly.v1+json`` in a kernel, which
myst-nb cannot place on a static page. This renderer emits two
representations of each figure:

* ``application/vnd.plotly.v1+json``: the figure as JSON, which JupyterLab
  renders natively;
* ``text/html``: a ``<div>`` with a fixed height (so nothing shifts when the
  figure draws) and the figure's JSON in a ``<script type="application/json">``
  block, then a short description (the figure's ``aria-describedby``) and a
  collapsed table of the data it shows, for readers who cannot see the chart.
  The course's own ``course.js`` draws it once plotly.js, loaded from
  one local file only on pages that hold a figure, is ready.

On the site, each figure's template is cut to what the figure can use
(:func:`trim_template`): plotly's ``simple_white`` carries defaults for 24
trace types and four kinds of subplot, 8.6 KB repeated in every figure.

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

__all__ = ["RENDERER_NAME", "CourseRenderer", "data_rows", "data_table_html", "figure_html", "register",
           "trace_types", "trim_template"]

RENDERER_NAME = "course"
DEFAULT_HEIGHT = 450
PLOTLY_CONFIG: dict[str, Any] = {
    "responsive": True,
    "displaylogo": False,
    "modeBarButtonsToRemove": ["sendDataToCloud", "lasso2d", "select2d"],
}

_counter = itertools.count(1)

#: Template layout keys that style one kind of subplot, and the trace types that draw on it.
SUBPLOT_TEMPLATE_KEYS: dict[str, tuple[str, ...]] = {
    "polar": ("scatterpolar", "scatterpolargl", "barpolar"),
    "ternary": ("scatterternary",),
    "scene": ("scatter3d", "surface", "mesh3d", "cone", "streamtube", "volume", "isosurface"),
    "geo": ("scattergeo", "choropleth"),
}


def _types_in(value: Any, found: set[str]) -> None:
    """Collect every ``type`` a restyle or update payload (or a frame) may set."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "type":
                found.update(t for t in (item if isinstance(item, list) else [item]) if isinstance(t, str))
            else:
                _types_in(item, found)
    elif isinstance(value, list):
        for item in value:
            _types_in(item, found)


def trace_types(fig_dict: dict[str, Any]) -> set[str]:
    """Every trace type a figure draws or can switch to (its buttons, sliders and frames).

    Examples
    --------
    >>> sorted(trace_types({"data": [{"x": [1]}, {"type": "bar"}],
    ...                     "layout": {"updatemenus": [{"buttons": [{"args": [{"type": ["heatmap"]}]}]}]}}))
    ['bar', 'heatmap', 'scatter']
    """
    found = {t.get("type") or "scatter" for t in fig_dict.get("data", [])}
    layout = fig_dict.get("layout", {})
    for menu in layout.get("updatemenus", []):
        for button in menu.get("buttons", []):
            _types_in([button.get("args", []), button.get("args2", [])], found)
    for slider in layout.get("sliders", []):
        for step in slider.get("steps", []):
            _types_in(step.get("args", []), found)
    for frame in fig_dict.get("frames", []):
        found.update(t.get("type") or "scatter" for t in frame.get("data", []))
    return found


def trim_template(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``fig_dict`` whose template keeps only what the figure can use.

    Keeps the defaults of the trace types in :func:`trace_types`, and every
    layout default except those of subplot kinds (polar, ternary, 3-D, geo)
    that the figure neither declares nor draws on. A figure without a template
    dict is returned unchanged (as a copy).

    Examples
    --------
    >>> fig = {"data": [{"type": "bar"}], "layout": {"template": {
    ...     "data": {"bar": [{}], "surface": [{}]}, "layout": {"font": {}, "scene": {}}}}}
    >>> trim_template(fig)["layout"]["template"]
    {'data': {'bar': [{}]}, 'layout': {'font': {}}}
    """
    out = dict(fig_dict)
    layout = dict(out.get("layout", {}))
    template = layout.get("template")
    if not isinstance(template, dict):
        return out
    types = trace_types(fig_dict)

    def subplot_used(key: str) -> bool:
        declared = any(k == key or (k.startswith(key) and k[len(key):].isdigit()) for k in layout)
        return declared or bool(types & set(SUBPLOT_TEMPLATE_KEYS[key]))

    trimmed = dict(template)
    if isinstance(template.get("data"), dict):
        trimmed["data"] = {k: v for k, v in template["data"].items() if k in types}
    if isinstance(template.get("layout"), dict):
        trimmed["layout"] = {k: v for k, v in template["layout"].items()
                             if k not in SUBPLOT_TEMPLATE_KEYS or subplot_used(k)}
    layout["template"] = trimmed
    out["layout"] = layout
    return out


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


MAX_DATA_ROWS = 400


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return _strip_tags(str(value))


def _as_list(value: Any) -> list:
    if value is None:
        return []
    if isinstance(value, dict) and "bdata" in value:  # typed arrays are not expected here
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def data_rows(fig_dict: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The data of a figure as first drawn: (series, x, y, value) rows, one per point or cell.

    Named traces are the data; unnamed ones (grids, outlines, labels) and
    decorative lines without hover (edges) are left out, unless nothing else is left.

    Examples
    --------
    >>> data_rows({"data": [{"type": "bar", "name": "Score", "x": ["a"], "y": [0.5]}]})
    [('Score', 'a', '0.5', '')]
    """
    traces = fig_dict.get("data", [])
    # Decorative lines (edges, outlines: lines without hover) carry no data a reader needs.
    traces = [t for t in traces
              if not (t.get("mode") == "lines" and t.get("hoverinfo") == "skip")] or traces
    named = [t for t in traces if t.get("name")]
    rows: list[tuple[str, str, str, str]] = []
    for t in named or traces:
        name = _strip_tags(str(t.get("name") or t.get("type", "trace")))
        if t.get("type") == "heatmap":
            xs, ys, zs = _as_list(t.get("x")), _as_list(t.get("y")), _as_list(t.get("z"))
            texts = _as_list(t.get("text"))
            for i, row in enumerate(zs):
                for j, z in enumerate(_as_list(row)):
                    label = texts[i][j] if i < len(texts) and isinstance(texts[i], list) \
                        and j < len(texts[i]) else z
                    rows.append((name, _cell(xs[j] if j < len(xs) else j),
                                 _cell(ys[i] if i < len(ys) else i), _cell(label)))
            continue
        xs, ys = _as_list(t.get("x")), _as_list(t.get("y"))
        texts = _as_list(t.get("text"))
        for k in range(max(len(xs), len(ys))):
            x = xs[k] if k < len(xs) else None
            y = ys[k] if k < len(ys) else None
            if x is None and y is None:
                continue
            text = texts[k] if k < len(texts) else (texts[0] if len(texts) == 1 else "")
            rows.append((name, _cell(x), _cell(y), _cell(text)))
    return rows


def _controls(layout: dict[str, Any]) -> str:
    parts = []
    for menu in layout.get("updatemenus", []):
        n = len(menu.get("buttons", []))
        parts.append(f"a {'menu' if menu.get('type', 'dropdown') == 'dropdown' else 'row of buttons'}"
                     f" with {n} choices")
    for slider in layout.get("sliders", []):
        parts.append(f"a slider with {len(slider.get('steps', []))} steps")
    return "; it has " + " and ".join(parts) if parts else ""


def data_table_html(fig_dict: dict[str, Any], div_id: str, label: str) -> str:
    """A collapsed table of the figure's data, and a description the figure points to."""
    e = html.escape
    rows = data_rows(fig_dict)
    shown = rows[:MAX_DATA_ROWS]
    more = (f" The first {MAX_DATA_ROWS} of {len(rows)} rows are shown." if len(rows) > len(shown)
            else "")
    meta = fig_dict.get("layout", {}).get("meta") or {}
    extra = f" {meta['description']}" if isinstance(meta, dict) and meta.get("description") else ""
    desc = (f"{label}: an interactive chart{_controls(fig_dict.get('layout', {}))}.{extra} "
            f"The data it shows when the page opens are in the table under it.")
    body = "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td><td>{e(c)}</td><td>{e(d)}</td></tr>"
                   for a, b, c, d in shown)
    return (
        f'<p class="course-figure-desc" id="{div_id}-desc">{e(desc)}</p>\n'
        f'<details class="course-figure-data"><summary>Show the data of this figure</summary>'
        f'<div class="course-table-wrap" tabindex="0" role="region" aria-label="Data: {e(label)}">'
        f'<table class="course-table"><caption>Data of the figure as first drawn: {e(label)}.{e(more)}'
        f'</caption><thead><tr><th scope="col">Series</th><th scope="col">x</th>'
        f'<th scope="col">y</th><th scope="col">Value or label</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>\n"
    )


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
    payload = trim_template(fig_dict)
    payload["config"] = {**PLOTLY_CONFIG, **payload.get("config", {})}
    # '</' must not end the script element early.
    data = to_json(payload, validate=False, pretty=False).replace("</", "<\\/")
    height = int(fig_dict.get("layout", {}).get("height") or DEFAULT_HEIGHT)
    label = _strip_tags(_title_text(fig_dict)) or "Interactive figure"
    return (
        f'<div class="course-figure" id="{div_id}" data-figure="{div_id}-data" '
        f'role="figure" aria-label="{html.escape(label, quote=True)}" '
        f'aria-describedby="{div_id}-desc" style="height:{height}px"></div>\n'
        f'<script type="application/json" id="{div_id}-data">{data}</script>\n'
        + data_table_html(fig_dict, div_id, label)
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
