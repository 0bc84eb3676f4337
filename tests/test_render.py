"""The course renderer: the figure frame on the website, the plotly figure in Jupyter.

The website's HTML is checked here as text: the frame's header (title,
subtitle, native controls), the chart's JSON fitted to the frame, the footer
(notes, source, description, data). ``tests/test_browser.py`` checks the same
frames in a real browser.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from proliferation_course.figures import deterrence_triangle_figure, nuclear_forces_figure
from proliferation_course.figures.style import PALETTE, dark_pairs
from proliferation_course.render import (
    RENDERER_NAME,
    SITE_TOP,
    CourseRenderer,
    controls_html,
    figure_html,
    register,
    site_layout,
    site_payload,
    trace_types,
    trim_template,
)

ROOT = Path(__file__).resolve().parent.parent


_JSON_SCRIPT = re.compile(
    r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.DOTALL
)


def _payload(html_text: str) -> tuple[str, dict]:
    (match,) = _JSON_SCRIPT.findall(html_text)
    return match[0], json.loads(match[1])


def test_register_makes_the_course_renderer_the_default(monkeypatch) -> None:
    monkeypatch.setattr(pio.renderers, "default", "json")
    register(make_default=False)
    assert isinstance(pio.renderers[RENDERER_NAME], CourseRenderer)
    assert pio.renderers.default == "json"
    register()
    assert pio.renderers.default == RENDERER_NAME


def test_figure_html_is_self_contained(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    out = figure_html(fig.to_dict(), "course-fig-7")
    low = out.lower()
    assert "cdn" not in low
    assert "http" not in low
    assert "<script src" not in low
    assert 'id="course-fig-7"' in out
    assert out == figure_html(fig.to_dict(), "course-fig-7")
    # the chart's reserved height is the figure's, less the room of plotly's title, menu and slider
    assert f"height:{site_layout(fig.to_dict())['height']}px" in out


def test_figure_html_json_equals_the_figure(presets: pd.DataFrame, forces: pd.DataFrame) -> None:
    for fig in (deterrence_triangle_figure(presets), nuclear_forces_figure(forces)):
        out = figure_html(fig.to_dict(), "f")
        script_id, payload = _payload(out)
        assert script_id == "f-data"
        assert 'data-figure="f-data"' in out
        reference = json.loads(fig.to_json())
        assert payload["data"] == reference["data"]
        # The layout is the figure's fitted to the frame, with its template cut to what it uses;
        # the controls' precomputed states travel unchanged (course.js moves them into HTML).
        template = payload["layout"].pop("template")
        full = reference["layout"].pop("template")
        fitted = site_layout({"layout": reference["layout"]})
        assert payload["layout"] == fitted
        assert payload["layout"]["updatemenus"] == reference["layout"]["updatemenus"]
        assert payload["layout"].get("sliders") == reference["layout"].get("sliders")
        assert template == trim_template({**reference, "layout": {**reference["layout"],
                                                                   "template": full}})["layout"]["template"]
        assert set(template["data"]) == trace_types(reference)
        assert payload["config"]["displaylogo"] is False
        assert payload["config"]["displayModeBar"] is False  # no toolbar: no figure here asks for zoom


def test_trim_template_keeps_what_the_figure_can_use() -> None:
    template = pio.templates["simple_white"].to_plotly_json()
    fig = {"data": [{"type": "bar"}, {"x": [1]}],
           "layout": {"template": template, "polar2": {},
                      "sliders": [{"steps": [{"args": [{"type": ["heatmap", "bar"]}]}]}]}}
    trimmed = trim_template(fig)["layout"]["template"]
    assert set(trimmed["data"]) == {"bar", "scatter", "heatmap"}
    assert trimmed["data"]["bar"] == template["data"]["bar"]
    # polar is declared (as polar2), so its defaults stay; 3-D, ternary and geo go.
    assert "polar" in trimmed["layout"] and {"scene", "ternary", "geo"}.isdisjoint(trimmed["layout"])
    assert trimmed["layout"]["xaxis"] == template["layout"]["xaxis"]
    # A 3-D trace brings back the 3-D defaults; the input is never changed.
    assert "scene" in trim_template({"data": [{"type": "scatter3d"}], "layout": {"template": template}}
                                    )["layout"]["template"]["layout"]
    assert len(fig["layout"]["template"]["data"]) == len(template["data"])
    # No template dict: nothing to trim.
    named = {"data": [], "layout": {"template": "simple_white"}}
    assert trim_template(named)["layout"]["template"] == "simple_white"


def test_mimebundle_has_html_and_plotly_json(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    bundle = CourseRenderer().to_mimebundle(fig.to_dict())
    assert set(bundle) >= {"text/html", "application/vnd.plotly.v1+json"}
    as_json = bundle["application/vnd.plotly.v1+json"]
    reference = json.loads(fig.to_json())
    assert as_json["data"] == reference["data"]
    assert as_json["layout"] == reference["layout"]
    html_text = bundle["text/html"]
    div = re.search(r'<div class="course-figure" id="(course-fig-\d+)"', html_text)
    assert div, html_text[:200]
    script_id, payload = _payload(html_text)
    assert script_id == f"{div.group(1)}-data"
    assert payload["data"] == reference["data"]
    # ids are unique within a build
    again = CourseRenderer().to_mimebundle(fig.to_dict())["text/html"]
    other = re.search(r'id="(course-fig-\d+)"', again).group(1)
    assert other != div.group(1)


_BUILD = """
import plotly.graph_objects as go
from proliferation_course.render import CourseRenderer
r = CourseRenderer()
for n in range(3):
    fig = go.Figure(go.Bar(x=["a", "b"], y=[n, 2]), layout={"title": {"text": f"T{n}"}})
    print(r.to_mimebundle(fig.to_dict())["text/html"])
"""


def test_two_builds_are_identical() -> None:
    runs = [
        subprocess.run([sys.executable, "-c", _BUILD], capture_output=True, text=True,
                       check=True, cwd=ROOT).stdout
        for _ in range(2)
    ]
    assert runs[0] == runs[1]
    assert runs[0].count('class="course-figure"') == 3


@pytest.mark.parametrize("title", [
    "Bad </script><script>alert(1)</script> title",
    "Mixed </SCRIPT> case",
    "Comment <!-- <script> trick",
])
def test_script_end_in_title_cannot_break_out(title: str) -> None:
    fig = go.Figure(go.Bar(x=["a"], y=[1]), layout={"title": {"text": title}})
    out = figure_html(fig.to_dict(), "t")
    # only the renderer's own end tag closes a script element
    assert out.lower().count("</script") == 1
    _, payload = _payload(out)
    assert "title" not in payload["layout"]  # the title is the frame's HTML, as plain text
    shown = re.search(r'<p class="course-frame-title" id="t-title">([^<]*)</p>', out)
    assert shown and ">" not in shown.group(1)
    # the JSON block holds no markup that could change how the HTML is parsed
    body = _JSON_SCRIPT.search(out).group(2).lower()
    assert "<script" not in body and "<!--" not in body
    aria = re.search(r'aria-label="([^"]*)"', out).group(1)
    assert "<" not in aria and ">" not in aria




def _escaped(text: str) -> str:
    import html
    return html.escape(" ".join(text.split()))


# --------------------------------------------------------------------------------------
# The frame: header, native controls, chart fitted to the frame, footer
# --------------------------------------------------------------------------------------


class _Controls(HTMLParser):
    """The native controls of a frame: selects with their options, buttons, ranges, labels."""

    def __init__(self) -> None:
        super().__init__()
        self.selects: list[dict] = []
        self.buttons: list[dict] = []
        self.ranges: list[dict] = []
        self.labels: dict[str, str] = {}
        self.outputs: dict[str, str] = {}
        self._open: tuple[str, dict] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "select":
            self.selects.append({**a, "options": []})
        elif tag == "option":
            self._open = ("option", a)
        elif tag == "button":
            self._open = ("button", a)
        elif tag == "input" and a.get("type") == "range":
            self.ranges.append(a)
        elif tag == "label":
            self._open = ("label", a)
        elif tag == "output":
            self._open = ("output", a)

    def handle_data(self, data):
        if not self._open:
            return
        kind, a = self._open
        if kind == "option":
            self.selects[-1]["options"].append((data, "selected" in a))
        elif kind == "button":
            self.buttons.append({**a, "text": data})
        elif kind == "label":
            self.labels[a["for"]] = data
        elif kind == "output":
            self.outputs[a["for"]] = data
        self._open = None


def _controls(out: str) -> _Controls:
    parser = _Controls()
    parser.feed(out)
    return parser


def test_the_frame_holds_title_subtitle_controls_chart_and_footer(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    out = figure_html(fig.to_dict(), "course-fig-3")
    meta = fig.layout.meta
    order = [out.index(s) for s in (
        'class="course-frame-title"', 'class="course-frame-subtitle"', 'class="course-frame-controls"',
        '<div class="course-figure"', 'class="course-frame-notes"', 'class="course-frame-source"',
        'class="course-figure-desc"', 'class="course-figure-data"')]
    assert order == sorted(order), "the frame's parts are out of order"
    assert ">The deterrence triangle (a teaching model)</p>" in out
    for key in ("subtitle", "notes", "source"):
        assert _escaped(meta[key]) in out, key
    # they are text of the page, so they are not repeated in the chart's JSON
    _, payload = _payload(out)
    assert set(payload["layout"]["meta"]) == {"narrow"}
    assert out.startswith('<div class="course-frame" id="course-fig-3-frame">')


def test_a_dropdown_becomes_a_labelled_select(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets, initial="ally_year5")
    parsed = _controls(figure_html(fig.to_dict(), "g"))
    (select,) = parsed.selects
    assert parsed.labels[select["id"]] == "Scenario"
    assert select["data-menu"] == "0" and "disabled" in select  # enabled by course.js once drawn
    labels = list(presets.sort_values("order")["label"])
    assert [o for o, _ in select["options"]] == labels
    assert [o for o, chosen in select["options"] if chosen] == ["Newly armed ally, year 5"]


def test_a_slider_becomes_a_labelled_range_with_its_value(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    parsed = _controls(figure_html(fig.to_dict(), "g"))
    (rng,) = parsed.ranges
    (slider,) = fig.to_dict()["layout"]["sliders"]
    assert parsed.labels[rng["id"]] == "Capabilities:"
    assert (rng["min"], rng["max"], rng["step"]) == ("0", str(len(slider["steps"]) - 1), "1")
    assert rng["value"] == str(slider["active"])
    assert rng["aria-valuetext"] == parsed.outputs[rng["id"]] == "0.95"
    assert rng["data-name"] == "capabilities-us_extended_today"


def test_a_row_of_buttons_becomes_toggle_buttons(forces: pd.DataFrame) -> None:
    out = figure_html(nuclear_forces_figure(forces).to_dict(), "h")
    parsed = _controls(out)
    assert [(b["text"], b["aria-pressed"]) for b in parsed.buttons] == [
        ("All states", "true"), ("Below 1,000 warheads", "false")]
    assert 'role="group" aria-labelledby="h-menu-0-label"' in out
    assert '<span class="course-control-label" id="h-menu-0-label">Scale</span>' in out


def test_a_play_button_and_controls_without_a_name() -> None:
    """Frames give a Play button; a menu without a name gets a generic visible label."""
    layout = {"updatemenus": [
        {"buttons": [{"label": "<b>A</b> & B", "method": "restyle", "args": [{}]},
                     {"label": "C", "method": "restyle", "args": [{}]}], "active": 1},
        {"type": "buttons", "showactive": False,
         "buttons": [{"label": "▶ Play", "method": "animate", "args": [["f0", "f1"], {}]}]}],
        "sliders": [{"steps": [{"value": "x"}]}]}
    parsed = _controls(controls_html(layout, "k"))
    (select,) = parsed.selects
    assert parsed.labels["k-menu-0"] == "Show"
    assert select["options"] == [("A & B", False), ("C", True)]
    (play,) = parsed.buttons
    assert play["class"] == "course-play" and play["text"] == "▶ Play" and "aria-pressed" not in play
    (rng,) = parsed.ranges
    assert parsed.labels[rng["id"]] == "Value" and rng["max"] == "0"
    assert controls_html({}, "k") == ""


def test_the_chart_gives_back_the_room_of_plotly_s_title_and_controls() -> None:
    """Height and margins: the plot area keeps its size once title, menu and slider are HTML."""
    base = {"title": {"text": "T"}, "height": 560, "margin": {"t": 90, "b": 40},
            "updatemenus": [{"buttons": [{"label": "a", "method": "skip"}]}],
            "sliders": [{"pad": {"t": 40, "b": 10}, "steps": [{"label": "1"}]}]}
    fitted = site_layout({"layout": base})
    assert "title" not in fitted
    assert fitted["margin"]["t"] == SITE_TOP
    # 90 - 16 at the top; the slider's block (72 + 50 px) less the 40 px margin it overflowed, plus 8
    assert fitted["height"] == 560 - (90 - SITE_TOP) - (72 + 50 + 8 - 40)
    # a slider placed below the plot inside a large bottom margin: that margin shrinks
    low = {**base, "margin": {"t": 90, "b": 200}, "sliders": [{"y": -0.3, "pad": {"t": 10, "b": 10},
                                                                "steps": [{"label": "1"}]}]}
    fitted = site_layout({"layout": low})
    assert fitted["margin"]["b"] == 200 - 92 and fitted["height"] == 560 - 74 - 92
    # an annotation above the plot keeps the room it needs
    above = {**base, "annotations": [{"yref": "paper", "y": 1.0, "text": "a<br>b"}]}
    assert site_layout({"layout": above})["margin"]["t"] >= 2 * 12
    # the layout for narrow screens loses what concerned plotly's controls and is fitted too
    narrow = {**base, "meta": {"narrow": {"height": 760, "title.text": "short", "updatemenus.0.y": 1.1,
                                          "updatemenus[0].x": 0, "xaxis.domain": [0, 1]}}}
    fitted = site_layout({"layout": narrow})["meta"]["narrow"]
    assert set(fitted) == {"height", "xaxis.domain", "margin.t", "margin.b"}
    assert fitted["height"] == 760 - 74 - 90


def test_the_toolbar_only_for_a_figure_that_asks_for_zoom() -> None:
    plain = site_payload({"data": [], "layout": {}})
    zoom = site_payload({"data": [], "layout": {"meta": {"zoom": True}}})
    assert plain["config"]["displayModeBar"] is False
    assert zoom["config"]["displayModeBar"] is True


def test_the_page_carries_the_dark_values_of_the_palette_colours_it_uses(presets) -> None:
    fig = deterrence_triangle_figure(presets)
    _, payload = _payload(figure_html(fig.to_dict(), "d"))
    pairs = payload["course"]["dark"]
    used = dark_pairs(fig.to_dict())
    assert pairs == used
    # the verdict colours appear only in the controls' states and bars; they are carried
    for name in ("meets", "fails", "accent", "text", "threshold", "axis"):
        assert pairs[PALETTE[name].light] == PALETTE[name].dark, name
    # and nothing the figure does not use
    assert PALETTE["china"].light not in pairs
    assert "course" not in site_payload({"data": [{"type": "bar"}], "layout": {}})


def test_every_palette_colour_has_its_own_light_value() -> None:
    """A light value names one entry, so that its dark value is never ambiguous."""
    from proliferation_course.figures.style import normalise_color

    lights = [normalise_color(s.light) for s in PALETTE.values()]
    assert len(lights) == len(set(lights)), sorted(v for v in lights if lights.count(v) > 1)
    assert all(normalise_color(s.dark) != normalise_color(s.light) for s in PALETTE.values())
