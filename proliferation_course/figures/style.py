"""One visual style for every course figure: colours, font and base layout.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness. Backgrounds are transparent so that a
figure sits on the page's own background.
"""

from __future__ import annotations

from typing import Any

__all__ = ["COLORS", "FONT_FAMILY", "base_layout"]

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

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


def base_layout(title: str, height: int = 450) -> dict[str, Any]:
    """Layout shared by the course's figures: title, height, font, margins, no backgrounds.

    Examples
    --------
    >>> base_layout("A title", 300)["height"]
    300
    """
    return {
        "title": {"text": title, "x": 0, "xanchor": "left", "font": {"size": 16}},
        "height": height,
        "template": "simple_white",
        "font": {"family": FONT_FAMILY, "size": 13, "color": COLORS["text"]},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 10, "r": 10, "t": 90, "b": 40},
        "hoverlabel": {"font": {"family": FONT_FAMILY}},
    }
