"""A deterministic plotly renderer for the static website and for Jupyter.

Plotly emits only ``application/vnd.plotly.v1+json`` in a kernel, which
myst-nb cannot place on a static page. This renderer emits two
representations of each figure:

* ``application/vnd.plotly.v1+json``: the figure as JSON, unchanged, which
  JupyterLab renders natively (with plotly's own title, menus and sliders);
* ``text/html``: the figure in the course's **frame**, in the manner of Our
  World in Data's grapher. A header holds the title, an optional subtitle
  (``layout.meta["subtitle"]``) and the figure's controls as native HTML
  controls, generated from its ``updatemenus`` and ``sliders`` (a ``<select>``
  for a dropdown, ``<button aria-pressed>`` for a row of buttons, a Play
  button for frames, an ``<input type="range">`` with its label and value for
  a slider). Then the chart: a ``<div>`` with a fixed height (so nothing
  shifts when it draws) and the figure's JSON in a ``<script
  type="application/json">`` block, fitted to the frame (:func:`site_layout`:
  no plotly title, the room of the plotly controls given back). Then a footer:
  notes and source (``layout.meta["notes"]``, ``["source"]``), a short
  description (the chart's ``aria-describedby``) and a collapsed table of
  the data it shows, for readers who cannot see the chart.

The course's own ``course.js`` draws the chart once plotly.js (loaded from one
local file only on pages that hold a figure) is ready, enables the controls and
applies each control's precomputed state with ``Plotly.restyle``, ``relayout``,
``update`` or ``animate``. On a dark page it first swaps every palette colour
for its dark value; the figure's JSON carries the pairs it uses
(:func:`proliferation_course.figures.style.dark_pairs`).

On the site, each figure's template is cut to what the figure can use
(:func:`trim_template`). There is no plotly toolbar unless the figure asks for
zoom (``layout.meta["zoom"] = True``).

Ids come from a counter, not a UUID, so two builds of a page are identical.
No plotly.js, MathJax or CDN link is written into the page. Importing this
module changes no plotly setting: the pages call :func:`register`.
"""

from __future__ import annotations

import html
import itertools
import json
import re
from typing import Any

import plotly.io as pio
from plotly.io._base_renderers import MimetypeRenderer
from plotly.io.json import to_json

from .figures.style import SPACE, dark_pairs
from .i18n import N_, _, language

__all__ = ["RENDERER_NAME", "CourseRenderer", "controls_html", "data_rows", "data_table_html", "figure_html",
           "list_words",
           "is_play", "menu_label", "register", "site_layout", "site_payload", "slider_label", "step_text",
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


def list_words(words: Any) -> str:
    """``words`` as a list in a sentence of the reader's language: ``a, b and c``; ``a、b、c``.

    >>> list_words(["a"]), list_words(["a", "b", "c"])
    ('a', 'a, b and c')
    """
    words = [str(w) for w in words]
    if language() == "ja":
        return "、".join(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _controls(layout: dict[str, Any]) -> str:
    """The figure's controls in words (``a menu with 3 choices and a slider with 5 steps``), or ``""``."""
    parts = []
    for menu in layout.get("updatemenus", []):
        n = len(menu.get("buttons", []))
        if menu.get("type", "dropdown") == "dropdown":
            parts.append(_("a menu with {n} choices").format(n=n))
        else:
            parts.append(_("a row of buttons with {n} choices").format(n=n))
    for slider in layout.get("sliders", []):
        parts.append(_("a slider with {n} steps").format(n=len(slider.get("steps", []))))
    return list_words(parts) if parts else ""


def data_table_html(fig_dict: dict[str, Any], div_id: str, label: str) -> str:
    """A collapsed table of the figure's data, and a description the figure points to."""
    e = html.escape
    rows = data_rows(fig_dict)
    shown = rows[:MAX_DATA_ROWS]
    more = (" " + _("The first {shown} of {rows} rows are shown.").format(shown=MAX_DATA_ROWS, rows=len(rows))
            if len(rows) > len(shown) else "")
    meta = _meta(fig_dict)
    extra = f" {meta['description']}" if meta.get("description") else ""
    controls = _controls(fig_dict.get("layout", {}))
    if controls:
        desc = _("{label}: an interactive chart; it has {controls}.{extra} The data it shows when the page "
                 "opens are in the table under it.").format(label=label, controls=controls, extra=extra)
    else:
        desc = _("{label}: an interactive chart.{extra} The data it shows when the page opens are in the "
                 "table under it.").format(label=label, extra=extra)
    body = "".join(f"<tr><td>{e(a)}</td><td>{e(b)}</td><td>{e(c)}</td><td>{e(d)}</td></tr>"
                   for a, b, c, d in shown)
    caption = _("Data of the figure as first drawn: {label}.{more}").format(label=label, more=more)
    summary, region = _("Show the data of this figure"), _("Data: {label}").format(label=label)
    series, value = _("Series"), _("Value or label")
    return (
        f'<p class="course-figure-desc" id="{div_id}-desc">{e(desc)}</p>\n'
        f'<details class="course-figure-data"><summary>{e(summary)}</summary>'
        f'<div class="course-table-wrap" tabindex="0" role="region" aria-label="{e(region)}">'
        f'<table class="course-table"><caption>{e(caption)}'
        f'</caption><thead><tr><th scope="col">{e(series)}</th><th scope="col">x</th>'
        f'<th scope="col">y</th><th scope="col">{e(value)}</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div></details>\n"
    )


# --------------------------------------------------------------------------------------
# The frame: header (title, subtitle, native controls), chart, footer (notes, source, data)
# --------------------------------------------------------------------------------------

#: Labels of controls that do not name themselves (a figure names its controls with
#: ``figures.controls``: the updatemenu's or slider's ``name``, the slider's ``currentvalue.prefix``).
#: English, marked for translation: :func:`menu_label` and :func:`slider_label` translate them.
FALLBACK_LABELS = {"dropdown": N_("Show"), "buttons": N_("View"), "slider": N_("Value")}
#: Room (px) that plotly's own title, menus and slider take in a figure's margins; the
#: website's frame draws them in HTML and gives that room back (:func:`site_layout`).
TITLE_ROOM, MENU_ROOM, SLIDER_BOX = 40, 40, 72
#: The chart's top margin on the website, once title and menus are in the frame's header.
SITE_TOP = SPACE["m"]


def _meta(fig_dict: dict[str, Any]) -> dict[str, Any]:
    meta = fig_dict.get("layout", {}).get("meta")
    return meta if isinstance(meta, dict) else {}


def _plain(text: Any) -> str:
    """Plotly rich text as plain text: line breaks become spaces, tags go."""
    return " ".join(_strip_tags(str(text or "").replace("<br>", " ").replace("<br />", " ")).split())


def is_play(menu: dict[str, Any]) -> bool:
    """Whether an updatemenu is a Play button: a row whose buttons all animate the figure's frames.

    >>> is_play({"type": "buttons", "buttons": [{"method": "animate", "args": [["f0", "f1"]]}]})
    True
    >>> is_play({"type": "dropdown", "buttons": [{"method": "animate", "args": [[{"data": []}]]}]})
    False
    """
    buttons = menu.get("buttons") or []
    return (menu.get("type", "dropdown") == "buttons" and bool(buttons)
            and all(b.get("method") == "animate" and b.get("args")
                    and (b["args"][0] is None or (isinstance(b["args"][0], list)
                                                  and all(isinstance(n, str | type(None))
                                                          for n in b["args"][0])))
                    for b in buttons))


def slider_label(slider: dict[str, Any]) -> str:
    """The visible label of a slider: its ``currentvalue.prefix`` (``"Capabilities:"``), else its name.

    >>> slider_label({"currentvalue": {"prefix": "Capabilities: "}})
    'Capabilities:'
    """
    prefix = _plain((slider.get("currentvalue") or {}).get("prefix"))
    return prefix or _plain(slider.get("name")) or _(FALLBACK_LABELS["slider"])


def menu_label(menu: dict[str, Any]) -> str:
    """The visible label of a dropdown or button row: its ``name``, else a generic word."""
    return _plain(menu.get("name")) or _(FALLBACK_LABELS[menu.get("type", "dropdown")])


def step_text(step: dict[str, Any]) -> str:
    """What a slider shows for one step: its label, else its value."""
    return _plain(step.get("label") if step.get("label") is not None else step.get("value"))


def controls_html(layout: dict[str, Any], div_id: str) -> str:
    """The figure's controls as native HTML controls, disabled until plotly.js has drawn the chart.

    A dropdown becomes a ``<select>``, a row of buttons a labelled group of
    ``<button aria-pressed>``, a row of Play buttons (frames) plain buttons,
    a slider an ``<input type="range">`` over its step indices with its label and
    an ``<output>``. ``course.js`` applies the precomputed ``args`` of the chosen
    entry; the attributes name the entry (``data-menu``, ``data-item``, ``data-slider``).

    Examples
    --------
    >>> out = controls_html({"sliders": [{"currentvalue": {"prefix": "k: "}, "active": 1,
    ...     "steps": [{"label": "0.1"}, {"label": "0.2"}]}]}, "f")
    >>> 'type="range"' in out and 'max="1"' in out and 'value="1"' in out and ">0.2</output>" in out
    True
    """
    e = html.escape
    parts = []
    for m, menu in enumerate(layout.get("updatemenus") or []):
        buttons = menu.get("buttons") or []
        active = menu.get("active", 0)
        label = menu_label(menu)
        key = f"{div_id}-menu-{m}"
        if is_play(menu):
            items = "".join(
                f'<button type="button" class="course-play" data-menu="{m}" data-item="{j}" '
                f'data-label="{e(_plain(b.get("label")))}" disabled>{e(_plain(b.get("label")))}</button>'
                for j, b in enumerate(buttons))
            parts.append(f'<div class="course-control course-control-play">{items}</div>')
        elif menu.get("type", "dropdown") == "dropdown":
            options = "".join(
                f'<option value="{j}"{" selected" if j == active else ""}>{e(_plain(b.get("label")))}</option>'
                for j, b in enumerate(buttons))
            parts.append(
                f'<div class="course-control course-control-select"><label for="{key}">{e(label)}</label>'
                f'<select id="{key}" data-menu="{m}" disabled>{options}</select></div>')
        else:
            shows = menu.get("showactive", True) is not False
            items = "".join(
                f'<button type="button" data-menu="{m}" data-item="{j}"'
                + (f' aria-pressed="{"true" if j == active else "false"}"' if shows else "")
                + f' disabled>{e(_plain(b.get("label")))}</button>'
                for j, b in enumerate(buttons))
            parts.append(
                f'<div class="course-control course-control-buttons" role="group" '
                f'aria-labelledby="{key}-label"><span class="course-control-label" id="{key}-label">'
                f'{e(label)}</span><span class="course-buttons">{items}</span></div>')
    for s, slider in enumerate(layout.get("sliders") or []):
        steps = slider.get("steps") or []
        active = min(max(int(slider.get("active", 0) or 0), 0), max(len(steps) - 1, 0))
        key = f"{div_id}-slider-{s}"
        now = step_text(steps[active]) if steps else ""
        first, last = (step_text(steps[0]), step_text(steps[-1])) if steps else ("", "")
        parts.append(
            f'<div class="course-control course-control-range">'
            f'<span class="course-range-head"><label for="{key}">{e(slider_label(slider))}</label> '
            f'<output for="{key}" id="{key}-value">{e(now)}</output></span>'
            f'<input type="range" id="{key}" data-slider="{s}" min="0" max="{max(len(steps) - 1, 0)}" '
            f'step="1" value="{active}" aria-valuetext="{e(now)}" '
            f'data-name="{e(str(slider.get("name", "")))}" disabled>'
            f'<span class="course-range-ends" aria-hidden="true"><span>{e(first)}</span>'
            f'<span>{e(last)}</span></span></div>')
    if not parts:
        return ""
    return f'<div class="course-frame-controls" data-controls-for="{div_id}">{"".join(parts)}</div>'


def _top_annotation_room(layout: dict[str, Any], plot_h: float) -> float:
    """Room (px) that annotations placed above the plot area need in the top margin."""
    need = 0.0
    for a in layout.get("annotations") or []:
        if a.get("yref") == "paper" and isinstance(a.get("y"), int | float) and a["y"] >= 1:
            lines = str(a.get("text", "")).count("<br>") + 1
            size = ((a.get("font") or {}).get("size") or 12) * 1.35
            need = max(need, (a["y"] - 1) * plot_h + lines * size + SPACE["s"])
    return need


def _fit(height: float, top: float, bottom: float, layout: dict[str, Any]) -> tuple[int, int, int]:
    """Height and margins once title, menus and sliders are in the frame's HTML.

    The plot area keeps its size: the room plotly gave the title and menus
    (top) and the sliders (bottom) is taken off the figure's height.
    """
    has_title = bool(_title_text({"layout": layout}))
    menus = layout.get("updatemenus") or []
    room = (TITLE_ROOM if has_title else 0) + (MENU_ROOM if menus else 0)
    saved_bottom, new_bottom = 0.0, bottom
    for slider in layout.get("sliders") or []:
        pad = slider.get("pad") or {}
        block = SLIDER_BOX + float(pad.get("t", 0) or 0) + float(pad.get("b", 0) or 0)
        y = slider.get("y", 0)
        if isinstance(y, int | float) and y < 0:
            saved_bottom += block
            if new_bottom >= block + SPACE["xl"]:  # the margin was made to hold the slider
                new_bottom -= block
        else:  # plotly pushes the bottom margin out to the slider
            saved_bottom += max(0.0, block + SPACE["s"] - bottom)
    plot_h = max(height - top - bottom, 100.0)
    new_top = max(SITE_TOP, top - room, _top_annotation_room(layout, plot_h))
    new_height = height - (top - new_top) - saved_bottom
    return int(round(new_height)), int(round(new_top)), int(round(new_bottom))


_CONTROL_PATH = re.compile(r"^(title|updatemenus|sliders)\b")


def site_layout(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """The figure's layout for the website's frame: no title, menus and sliders taken out of the
    margins (``course.js`` moves the controls into the header), the narrow-screen layout likewise.

    The ``updatemenus`` and ``sliders`` stay in the layout: ``course.js`` reads their
    precomputed states from there before it draws the chart.
    """
    layout = dict(fig_dict.get("layout", {}))
    margin = dict(layout.get("margin") or {})
    template_margin = (((layout.get("template") or {}).get("layout") or {}).get("margin") or {}
                       if isinstance(layout.get("template"), dict) else {})
    top = float(margin.get("t", template_margin.get("t", 100)))
    bottom = float(margin.get("b", template_margin.get("b", 80)))
    height = float(layout.get("height") or DEFAULT_HEIGHT)
    new_height, new_top, new_bottom = _fit(height, top, bottom, layout)
    layout["height"] = new_height
    layout["margin"] = {**margin, "t": new_top, "b": new_bottom}
    layout.pop("title", None)
    meta = dict(_meta(fig_dict))
    for key in ("description", "subtitle", "notes", "source"):  # they are in the frame's HTML
        meta.pop(key, None)
    narrow = meta.get("narrow")
    if isinstance(narrow, dict) and narrow:
        narrow = {k: v for k, v in narrow.items() if not _CONTROL_PATH.match(k)}
        n_height = float(narrow.get("height", height))
        n_top = float(narrow.get("margin.t", top))
        n_bottom = float(narrow.get("margin.b", bottom))
        fitted = _fit(n_height, n_top, n_bottom, fig_dict.get("layout", {}))
        if "height" in narrow:
            narrow["height"] = fitted[0]
        narrow["margin.t"], narrow["margin.b"] = fitted[1], fitted[2]
        meta["narrow"] = narrow
    if meta:
        layout["meta"] = meta
    else:
        layout.pop("meta", None)
    return layout


def site_payload(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """What the page stores for ``course.js``: the figure fitted to the frame, its trimmed
    template, its plotly config, and the light-to-dark pairs of the palette colours it uses."""
    payload = trim_template(fig_dict)
    payload["layout"] = site_layout(payload)
    zoom = bool(_meta(fig_dict).get("zoom"))
    payload["config"] = {**PLOTLY_CONFIG, "displayModeBar": zoom, **payload.get("config", {})}
    pairs = dark_pairs({k: payload.get(k) for k in ("data", "layout", "frames")})
    if pairs:
        payload["course"] = {"dark": pairs}
    return payload


def frame_head_html(fig_dict: dict[str, Any], div_id: str) -> str:
    """The frame's header: title, subtitle (``layout.meta["subtitle"]``) and the native controls."""
    e = html.escape
    title = _plain(_title_text(fig_dict))
    meta = _meta(fig_dict)
    out = ['<div class="course-frame-head">']
    if title:
        out.append(f'<p class="course-frame-title" id="{div_id}-title">{e(title)}</p>')
    if meta.get("subtitle"):
        out.append(f'<p class="course-frame-subtitle">{e(_plain(meta["subtitle"]))}</p>')
    out.append(controls_html(fig_dict.get("layout", {}), div_id))
    out.append("</div>")
    return "".join(out)


def frame_foot_html(fig_dict: dict[str, Any]) -> str:
    """Notes (``layout.meta["notes"]``) and source (``layout.meta["source"]``) under the chart."""
    e = html.escape
    meta = _meta(fig_dict)
    out = []
    note, source = _("Note:"), _("Source:")
    if meta.get("notes"):
        out.append(f'<p class="course-frame-notes"><span>{e(note)}</span> {e(_plain(meta["notes"]))}</p>')
    if meta.get("source"):
        out.append(f'<p class="course-frame-source"><span>{e(source)}</span> {e(_plain(meta["source"]))}</p>')
    return "".join(out)


def figure_html(fig_dict: dict[str, Any], div_id: str) -> str:
    """Return the static HTML for one figure: its frame, a sized div and its JSON.

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
    payload = site_payload(fig_dict)
    # '</' must not end the script element early.
    data = to_json(payload, validate=False, pretty=False).replace("</", "<\\/")
    height = int(payload["layout"].get("height") or DEFAULT_HEIGHT)
    label = _plain(_title_text(fig_dict)) or _("Interactive figure")
    return (
        f'<div class="course-frame" id="{div_id}-frame">\n'
        + frame_head_html(fig_dict, div_id) + "\n"
        f'<div class="course-figure" id="{div_id}" data-figure="{div_id}-data" '
        f'role="figure" aria-label="{html.escape(label, quote=True)}" '
        f'aria-describedby="{div_id}-desc" style="height:{height}px"></div>\n'
        f'<script type="application/json" id="{div_id}-data">{data}</script>\n'
        f'<div class="course-frame-foot">{frame_foot_html(fig_dict)}\n'
        + data_table_html(fig_dict, div_id, label)
        + "</div></div>\n"
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
    """Register the renderer with plotly as ``"course"`` (and make it the default).

    Every page that shows a figure calls this once, in its first code cell::

        from proliferation_course.render import register
        register()

    Importing the package never does it (it would change the learner's renderer).
    """
    pio.renderers[RENDERER_NAME] = CourseRenderer()
    if make_default:
        pio.renderers.default = RENDERER_NAME
