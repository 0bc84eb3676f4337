"""The course's design system for figures: one palette, one template, one spacing scale.

Every colour a figure draws is a named entry of :data:`PALETTE`, with a value
for a light page and one for a dark page. Figure modules name entries
(``color("meets")``), never colour values: a test fails on a colour value in a
figure module (``tests/test_architecture.py``). On the website, ``course.js``
swaps each light value for its dark value when the page is dark, in traces,
markers, colour scales, legends, shapes, annotations and in the precomputed
states of every control; the renderer attaches to each figure only the pairs
it uses (:func:`dark_pairs`).

:data:`TEMPLATE` replaces plotly's ``simple_white``: the course font, an
11 px minimum text size, automargins, opaque menus (for Jupyter, where plotly
draws the controls), shapes at full opacity and one threshold style
(:func:`threshold_line`). :data:`SPACE` is the spacing scale for margins and pads.

The hues start from the Okabe-Ito palette, darkened where needed so that every
mark has a contrast of at least 3:1 on the page (white, or the theme's dark
``#14181e``), and text colours at least 4.5:1.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from typing import Any, NamedTuple

import plotly.graph_objects as go

__all__ = [
    "COLORS",
    "FONT_FAMILY",
    "MIN_FONT_SIZE",
    "PALETTE",
    "SPACE",
    "TEMPLATE",
    "TRANSPARENT",
    "Swatch",
    "base_layout",
    "color",
    "dark_pairs",
    "normalise_color",
    "threshold_line",
]

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: No text in a figure is smaller than this (px).
MIN_FONT_SIZE = 11

#: The spacing scale (px) for margins, pads and gaps: use these, not other numbers.
SPACE: dict[str, int] = {"xs": 4, "s": 8, "m": 16, "l": 24, "xl": 40}


class Swatch(NamedTuple):
    """One palette entry: its value on a light page and on a dark page, and what it means."""

    light: str
    dark: str
    meaning: str


#: The semantic palette. Figures use these names (``color("fails")``), never the values.
PALETTE: dict[str, Swatch] = {
    # Outcomes of a model: reserved for verdicts, never for an actor or a category.
    "meets": Swatch("#007a55", "#3fcf9b", "a condition met, deterrence holds, a test passed"),
    "fails": Swatch("#c24a00", "#ff9157", "a condition failed, deterrence fails, a test failed"),
    "contested": Swatch("#8a6500", "#e8b443", "disputed, partly met, in between"),
    # Actors: one colour each, the same in every figure.
    "united_states": Swatch("#1f5fae", "#74aef5", "the United States"),
    "china": Swatch("#c0182e", "#ff7b88", "China"),
    "russia": Swatch("#8a4a16", "#e0a572", "Russia (and the Soviet Union)"),
    "japan": Swatch("#b02f7c", "#f08cc8", "Japan"),
    "dprk": Swatch("#4a4a4a", "#c9c9c9", "North Korea (the DPRK)"),
    "south_korea": Swatch("#00798a", "#4fd0dc", "South Korea"),
    "germany": Swatch("#5b6a00", "#bfcf55", "Germany"),
    "france": Swatch("#4a4fc0", "#a9acff", "France"),
    "united_kingdom": Swatch("#7a3fb0", "#c9a2f2", "the United Kingdom"),
    "canada": Swatch("#a3291f", "#ff9a8a", "Canada"),
    "india": Swatch("#b36200", "#f5ae5b", "India"),
    "pakistan": Swatch("#2e7d32", "#86d28a", "Pakistan"),
    "israel": Swatch("#0b6e99", "#6cc6ef", "Israel"),
    "other": Swatch("#6b6b6b", "#a8a8a8", "any other actor, or several pooled"),
    # Neutral categories: ordered series without a meaning of their own (deployed, stored, ...).
    "series_1": Swatch("#2f4b7c", "#9db4e0", "first neutral category (the strongest)"),
    "series_2": Swatch("#5f86b8", "#6d8fc4", "second neutral category"),
    "series_3": Swatch("#8c8c8c", "#7d848c", "third neutral category (the weakest)"),
    # A sequential scale for heatmap cells, from nothing recorded to the strongest value;
    # on a dark page it runs from near the page to bright, so that empty cells do not glare.
    "heat_0": Swatch("#eceef1", "#252c35", "a heatmap cell with nothing recorded (zero)"),
    "heat_1": Swatch("#fdd0a2", "#6e3b17", "a heatmap's low values"),
    "heat_2": Swatch("#f16913", "#c4611b", "a heatmap's middle values"),
    "heat_3": Swatch("#8c2d04", "#ffb27a", "a heatmap's highest values"),
    # Two regions of one war, in a figure with no actor colours (chapter 12's two theatres).
    "theatre_1": Swatch("#33658a", "#86bbd8", "theatre 1 of a two-theatre war (the one already at war)"),
    "theatre_2": Swatch("#7b2d6e", "#e39ad6", "theatre 2 of a two-theatre war (the one a shock hits)"),
    "accent": Swatch("#0f6cbd", "#6cb4ff", "the one thing a figure is about (e.g. the model's shape)"),
    "accent_fill": Swatch("rgba(15, 108, 189, 0.2)", "rgba(108, 180, 255, 0.22)",
                          "a translucent area of the accent"),
    # Unordered categories (the timeline's themes, the argument map's sides): distinct hues
    # from Okabe-Ito, at 4.5:1 on both pages, so that they may also colour text.
    "category_1": Swatch("#0072b2", "#56b4e9", "first unordered category (blue)"),
    "category_2": Swatch("#b34d00", "#f29a52", "second unordered category (vermilion)"),
    "category_3": Swatch("#a8507f", "#e59ac4", "third unordered category (reddish purple)"),
    "category_4": Swatch("#00795a", "#44d1a0", "fourth unordered category (bluish green)"),
    "category_5": Swatch("#8f6300", "#e6b34a", "fifth unordered category (ochre)"),
    "category_6": Swatch("#5a55b0", "#aaa6ff", "sixth unordered category (indigo)"),
    "category_7": Swatch("#555555", "#c4c4c4", "seventh unordered category (grey)"),
    "band": Swatch("rgba(98, 109, 120, 0.08)", "rgba(167, 176, 186, 0.1)",
                   "alternate bands behind rows or lanes (not data)"),
    # Ink: text, axes, grid, reference lines.
    "text": Swatch("#222222", "#dfe4ea", "text, labels, outlines drawn as ink"),
    "muted": Swatch("#626d78", "#a7b0ba", "secondary text and marks"),
    "axis": Swatch("#5c6670", "#9aa4ae", "axis lines and ticks"),
    "grid": Swatch("#d9dde2", "#353c46", "grid lines and fixed guides (not data)"),
    "threshold": Swatch("#6b4c9a", "#c9b3ff", "a threshold or reference value (dashed)"),
    "threshold_fill": Swatch("rgba(107, 76, 154, 0.14)", "rgba(201, 179, 255, 0.16)",
                             "a band between two thresholds (a translucent area of the threshold)"),
    "background": Swatch("#ffffff", "#14181e", "the page behind the figure (menus, marker edges)"),
}

#: No colour at all (a bar drawn only by its outline and hatching): the same on light and dark pages.
TRANSPARENT = "rgba(0,0,0,0)"

#: Older names still used by the figure modules that are not yet migrated, with their
#: values unchanged. Migrated modules call :func:`color` with a :data:`PALETTE` name instead.
COLORS: dict[str, str] = {
    "text": "#222222",
    "grid": "#9a9a9a",
    "triangle": "#0072B2",
    "triangle_fill": "rgba(0, 114, 178, 0.25)",
    "holds": "#009E73",
    "fails": "#D55E00",
    "threshold": "#6b4c9a",
    "deployed": "#D55E00",
    "stored": "#0072B2",
    "retired": "#999999",
}
#: Dark values for the older colours (so that dark mode reaches the figures not yet migrated).
_LEGACY_DARK: dict[str, str] = {
    "#9a9a9a": "#9aa4ae", "#0072b2": "#74aef5", "rgba(0,114,178,0.25)": "rgba(108,180,255,0.22)",
    "#009e73": "#3fcf9b", "#d55e00": "#ff9157", "#999999": "#9aa4ae",
}


def color(name: str) -> str:
    """The light-page value of the palette entry ``name`` (the renderer adds the dark one).

    Examples
    --------
    >>> color("meets")
    '#007a55'
    >>> color("green")
    Traceback (most recent call last):
    ...
    KeyError: "no palette entry 'green'; the palette has: meets, fails, contested, ..."
    """
    try:
        return PALETTE[name].light
    except KeyError:
        raise KeyError(f"no palette entry {name!r}; the palette has: "
                       f"{', '.join(list(PALETTE)[:3])}, ...") from None


def normalise_color(value: str) -> str:
    """A colour string in one spelling (lower case, no spaces), to compare colours.

    >>> normalise_color("RGBA(15, 108, 189, 0.2)")
    'rgba(15,108,189,0.2)'
    """
    return re.sub(r"\s+", "", value).lower()


def _dark_map() -> dict[str, str]:
    out = {normalise_color(s.light): s.dark for s in PALETTE.values()}
    out.update(_LEGACY_DARK)
    return out


_DARK = _dark_map()


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def dark_pairs(fig_dict: dict[str, Any]) -> dict[str, str]:
    """The palette colours a figure uses (anywhere: traces, layout, frames, controls) and their dark values.

    Keys are normalised light values (:func:`normalise_color`).

    Examples
    --------
    >>> dark_pairs({"data": [{"marker": {"color": ["#007A55", "#123456"]}}]})
    {'#007a55': '#3fcf9b'}
    """
    found = {}
    for text in _strings(fig_dict):
        key = normalise_color(text)
        if key in _DARK:
            found[key] = _DARK[key]
    return dict(sorted(found.items()))


def threshold_line(**where: Any) -> dict[str, Any]:
    """A layout shape in the course's one threshold style: a dashed line in ``threshold``.

    ``where`` gives the position (``xref``, ``x0``, ``y0``, ...), as for any plotly shape.

    >>> threshold_line(xref="paper", x0=0, x1=1, yref="y", y0=0.25, y1=0.25)["line"]["dash"]
    'dash'
    """
    return {"type": "line", **where, "line": {"color": color("threshold"), "dash": "dash", "width": 2}}


_AXIS: dict[str, Any] = {
    "showline": True, "linecolor": PALETTE["axis"].light, "ticks": "outside",
    "tickcolor": PALETTE["axis"].light, "ticklen": 4, "showgrid": False,
    "gridcolor": PALETTE["grid"].light, "zeroline": False, "zerolinecolor": PALETTE["grid"].light,
    "automargin": True, "title": {"standoff": SPACE["s"], "font": {"size": 13}},
    "tickfont": {"size": 12},
}

#: The course template (a plotly template as a dict). :func:`base_layout` sets it.
TEMPLATE: dict[str, Any] = {
    "layout": {
        "font": {"family": FONT_FAMILY, "size": 13, "color": PALETTE["text"].light},
        "title": {"x": 0, "xanchor": "left", "font": {"size": 16}},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "colorway": [PALETTE[k].light for k in ("series_1", "series_2", "series_3", "accent")],
        "xaxis": _AXIS,
        "yaxis": _AXIS,
        "legend": {"font": {"size": 12}, "bgcolor": "rgba(0,0,0,0)", "title": {"font": {"size": 12}}},
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": 13}, "align": "left"},
        "shapedefaults": {"opacity": 1, "line": {"width": 0}},
        "annotationdefaults": {"font": {"size": 12}, "arrowcolor": PALETTE["axis"].light,
                               "arrowhead": 0, "arrowwidth": 1},
        # Opaque menus: in Jupyter plotly draws the controls over the chart.
        "updatemenudefaults": {"bgcolor": PALETTE["background"].light,
                               "bordercolor": PALETTE["axis"].light, "font": {"size": 12}},
        "sliderdefaults": {"bgcolor": PALETTE["grid"].light, "bordercolor": PALETTE["axis"].light,
                           "font": {"size": 12}, "currentvalue": {"font": {"size": 13}}},
        "margin": {"l": SPACE["s"], "r": SPACE["s"], "t": 90, "b": SPACE["xl"]},
        "colorscale": {"sequential": [[0.0, PALETTE["background"].light],
                                      [1.0, PALETTE["series_1"].light]]},
    },
    "data": {
        "bar": [{"marker": {"line": {"width": 0}}, "textfont": {"size": 12}}],
        "scatter": [{"textfont": {"size": 12}}],
        "heatmap": [{"colorbar": {"outlinewidth": 0, "ticks": "outside",
                                  "tickcolor": PALETTE["axis"].light, "tickfont": {"size": 12}}}],
    },
}


def base_layout(title: str, height: int = 450) -> dict[str, Any]:
    """Layout shared by the course's figures: title, height and the course template.

    The top margin holds the title and the controls where plotly draws them
    (Jupyter); on the website the renderer moves both into the figure's HTML
    frame and takes that room back.

    Examples
    --------
    >>> base_layout("A title", 300)["height"]
    300
    """
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "height": height,
        # A Template object, so that plotly replaces its default template instead of merging into it.
        "template": go.layout.Template(copy.deepcopy(TEMPLATE)),
        "font": {"family": FONT_FAMILY, "size": 13, "color": PALETTE["text"].light},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 10, "r": 10, "t": 90, "b": 40},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
