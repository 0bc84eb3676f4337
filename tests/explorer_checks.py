"""Checks every explorer must pass: its static figure and its live panel follow the contract.

Each explorer's test file calls :func:`check_explorer_figure` on its static
figure and :func:`check_live_panel` on its panel (CONTRIBUTING.md, "How to add
an explorer"). They test the shape shared by every explorer; the explorer's
own file tests its numbers against the model.
"""

from __future__ import annotations

import json
import re
from typing import Any

import ipywidgets as w
import plotly.graph_objects as go

from proliferation_course.figures.style import MIN_FONT_SIZE, PALETTE, normalise_color
from proliferation_course.render import FALLBACK_LABELS, controls_html, menu_label, slider_label
from proliferation_course.widgets.panel import NOT_COMPUTED, READOUT_CH, TRACK_CH, ExplorerPanel

_COLOUR = re.compile(r"^(#[0-9a-fA-F]{3,8}|rgba?\(.*\)|hsla?\(.*\))$")
_TRANSPARENT = {"rgba(0,0,0,0)", "transparent"}
_LIGHT = {normalise_color(s.light) for s in PALETTE.values()}


def _walk(value: Any, path: str = ""):
    """Every (path, leaf) of a nested dict/list; restyle/relayout path keys are kept as written."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    else:
        yield path, value


def font_sizes(fig_dict: dict[str, Any]) -> list[tuple[str, float]]:
    """Every text size the figure sets, in its traces, layout, template, frames and control states."""
    found = []
    for path, leaf in _walk(fig_dict):
        if isinstance(leaf, int | float) and re.search(r"font\.size$|font\.size\[\d+\]$", path):
            found.append((path, leaf))
    return found


def colours(fig_dict: dict[str, Any]) -> set[str]:
    """Every colour value the figure names anywhere (normalised)."""
    return {normalise_color(leaf) for _, leaf in _walk(fig_dict)
            if isinstance(leaf, str) and _COLOUR.match(leaf.strip())}


def check_explorer_figure(fig: go.Figure) -> None:
    """The static face: named controls, text of at least 11 px, palette colours only."""
    d = fig.to_dict()
    layout = d["layout"]
    for menu in layout.get("updatemenus", []):
        assert menu.get("name") and menu_label(menu) not in FALLBACK_LABELS.values(), (
            f"a menu has no visible label (give it one with figures.controls): {menu.get('buttons', [{}])[0]}")
    for slider in layout.get("sliders", []):
        assert slider_label(slider) != FALLBACK_LABELS["slider"], "a slider has no visible label"
    html_controls = controls_html(layout, "f")
    assert html_controls.count("<label") == (
        sum(m.get("type", "dropdown") == "dropdown" for m in layout.get("updatemenus", []))
        + len(layout.get("sliders", []))), "a select or range has no <label>"
    small = [(p, s) for p, s in font_sizes(d) if s < MIN_FONT_SIZE]
    assert not small, f"text smaller than {MIN_FONT_SIZE} px: {small[:5]}"
    raw = colours(d) - _LIGHT - _TRANSPARENT
    assert not raw, f"colours that are not palette entries: {sorted(raw)}"
    assert layout.get("title", {}).get("text"), "the figure has no title (its frame and accessible name)"


def _snapshot(panel: ExplorerPanel) -> str:
    fig = panel.figure.to_dict()
    data = [fig["data"][i] for i in panel.traces]
    return json.dumps([data, fig["layout"].get("shapes"), fig["layout"].get("annotations"),
                       panel.summary.value], sort_keys=True, default=str)


def _extremes(control: w.ValueWidget) -> list[Any]:
    if isinstance(control, w.Dropdown):
        return [o[1] if isinstance(o, tuple) else o for o in control.options]
    if isinstance(control, w.SelectMultiple):  # nothing chosen, and everything
        return [(), tuple(o[1] if isinstance(o, tuple) else o for o in control.options)]
    if hasattr(control, "min") and hasattr(control, "max"):
        return [control.min, control.max]
    return [0.0, 100.0]  # a number box: zero (often rejected) and a large value


def _ch(value: str) -> float:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)ch", str(value))
    assert match, f"widths are given in ch, got {value!r}"
    return float(match.group(1))


def check_live_panel(panel: ExplorerPanel, rejected: dict[str, Any] | None) -> None:
    """The live face: sized controls, every control alive at its extremes, a rejected
    combination explained in the controls' words with the figure marked as not computed.

    ``rejected=None`` only for a panel whose controls cannot make a combination the
    model rejects (say why in the test: for instance one dropdown of valid entries)."""
    assert isinstance(panel, ExplorerPanel)
    assert panel.computed, panel.summary.value
    for name, control in panel.controls.items():
        desc = _ch(control.style.description_width)
        width = _ch(control.layout.width)
        assert desc >= len(control.description), f"{name}: the label {control.description!r} is cut"
        if isinstance(control, w.Dropdown):
            longest = max(len(str(o[0] if isinstance(o, tuple) else o)) for o in control.options)
            assert width >= desc + longest, f"{name}: the dropdown cuts its longest entry"
        elif isinstance(control, w.FloatSlider | w.IntSlider):
            assert width >= desc + TRACK_CH + READOUT_CH, f"{name}: no room for the slider's track"
    for name, control in panel.controls.items():
        start = control.value
        for value in _extremes(control):
            if value == control.value:
                continue
            before = _snapshot(panel)
            control.value = value
            after = _snapshot(panel)
            assert after != before or "Cannot compute" in panel.summary.value, (
                f"setting {name} to {value!r} changed nothing")
        control.value = start
        assert panel.computed, f"{name}: back at {start!r}, the panel still cannot compute"
    if rejected is None:
        return
    starts = {name: panel.controls[name].value for name in rejected}
    for name, value in rejected.items():
        panel.controls[name].value = value
    assert not panel.computed, f"{rejected} was not rejected"
    summary = panel.summary.value
    assert summary.startswith("<b>Cannot compute:</b>"), summary
    assert any(words in summary for words in panel.names.values()), (
        f"the message names no control as the learner sees it: {summary}")
    assert all(panel.figure.data[i].visible is False for i in panel.traces), "the old state still stands"
    assert str(panel.figure.layout.title.text).endswith(NOT_COMPUTED)
    for name, value in starts.items():
        panel.controls[name].value = value
    assert panel.computed, panel.summary.value


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
#: An English word: three or more letters, at least two of them lower case ("Hazard", "month"),
#: which acronyms, units and symbols ("NPT", "km", "S(t)", "ICBM") are not.
_ENGLISH_WORD = re.compile(r"\b[A-Za-z][a-z]{2,}\b")


def english_texts(fig_dict: dict[str, Any]) -> list[str]:
    """The texts a reader sees in a figure (title, axes, frame, legend, controls, their options)
    that are English: an English word and no Japanese character.

    Used on a figure made while the package speaks Japanese: every such text is one that the
    Japanese reader would see in English."""
    layout = fig_dict.get("layout", {})
    meta = layout.get("meta") or {}
    seen: list[tuple[str, Any]] = [("title", (layout.get("title") or {}).get("text"))]
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            seen.append((f"{key}.title", (value.get("title") or {}).get("text")))
    if isinstance(meta, dict):
        seen += [(f"meta.{k}", meta.get(k)) for k in ("subtitle", "notes", "source", "description")]
    for i, trace in enumerate(fig_dict.get("data", [])):
        if trace.get("showlegend", True) is not False and trace.get("name"):
            seen.append((f"data[{i}].name", trace.get("name")))
    for annotation in layout.get("annotations", []) or []:
        seen.append(("annotation", annotation.get("text")))
    for menu in layout.get("updatemenus", []) or []:
        seen.append(("menu", menu_label(menu)))
        seen += [("menu option", b.get("label")) for b in menu.get("buttons", [])]
    for slider in layout.get("sliders", []) or []:
        seen.append(("slider", slider_label(slider)))
        seen += [("slider step", s.get("label")) for s in slider.get("steps", [])]
    return [f"{where}: {text!r}" for where, text in seen
            if isinstance(text, str) and _ENGLISH_WORD.search(re.sub(r"<[^>]+>", " ", text))
            and not _JAPANESE.search(text)]


def check_figure_in_japanese(make: Any) -> None:
    """``make()`` builds a figure; built while the package speaks Japanese, none of its visible
    texts is English (:func:`english_texts`); built in English, its title is English."""
    from proliferation_course.i18n import speaking

    with speaking("ja"):
        japanese = make().to_dict()
    found = english_texts(japanese)
    assert not found, "English in the Japanese figure:\n" + "\n".join(found)
    with speaking("en"):
        english = make().to_dict()
    title = (english["layout"].get("title") or {}).get("text") or ""
    bare = re.sub(r"[（(][^)）]*[)）]", "", title)  # a Japanese term in brackets is allowed
    assert not _JAPANESE.search(bare), f"Japanese in the English title {title!r}"


def check_panel_in_japanese(make: Any) -> None:
    """``make()`` builds a live panel; built while the package speaks Japanese, every control's
    label (its description) has Japanese in it."""
    from proliferation_course.i18n import speaking

    with speaking("ja"):
        panel = make()
    english = [f"{name}: {control.description!r}" for name, control in panel.controls.items()
               if getattr(control, "description", "") and _ENGLISH_WORD.search(control.description)
               and not _JAPANESE.search(control.description)]
    assert not english, "English control labels in the Japanese panel:\n" + "\n".join(english)
