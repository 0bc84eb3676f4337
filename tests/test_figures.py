"""Plotly figures and the course renderer.

Every state the static deterrence figure can show (each preset button, each slider step)
is checked against scores computed independently from the model's equations.
"""

from __future__ import annotations

import json
import math
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from proliferation_course.figures import deterrence_triangle_figure, nuclear_forces_figure
from proliferation_course.models import RULE_LABELS, deterrence_threshold
from proliferation_course.render import RENDERER_NAME, CourseRenderer, figure_html, trace_types, trim_template

ROOT = Path(__file__).resolve().parent.parent
FACTORS = ("capabilities", "credibility", "communication")
LABEL_TO_RULE = {label: rule for rule, label in RULE_LABELS.items()}


def _layout(fig: go.Figure) -> dict:
    return fig.to_dict()["layout"]


def _positions(fig: go.Figure, indices: list[int]) -> dict[str, int]:
    """Which entry of an update payload feeds the triangle, the labels and the bars."""
    pos = {}
    for i, trace_index in enumerate(indices):
        trace = fig.data[trace_index]
        if trace.type == "bar":
            pos["bars"] = i
        elif trace.fill == "toself":
            pos["triangle"] = i
        elif trace.mode == "text":
            pos["labels"] = i
    assert set(pos) == {"triangle", "labels", "bars"}, pos
    return pos


def _check_state(fig, state: dict, indices: list[int], c: float, r: float, m: float,
                 hand_scores, threshold: float, where: str) -> None:
    pos = _positions(fig, indices)
    expected = hand_scores(c, r, m)
    # bars: one per rule, identified by its label
    labels = list(state["x"][pos["bars"]])
    values = list(state["y"][pos["bars"]])
    assert sorted(labels) == sorted(RULE_LABELS.values()), where
    for label, value in zip(labels, values, strict=True):
        rule = LABEL_TO_RULE[label]
        assert value == pytest.approx(expected[rule], abs=1e-12), (where, rule)
        # the bar text says whether it deters, against the threshold
        text = state["text"][pos["bars"]][labels.index(label)]
        assert ("deters" in text) == (expected[rule] > threshold), (where, rule, text)
    # triangle: each vertex sits at the factor's value from the origin
    xs, ys = state["x"][pos["triangle"]], state["y"][pos["triangle"]]
    assert len(xs) == len(ys) == 4, where
    assert (xs[0], ys[0]) == (xs[-1], ys[-1]), where  # closed polygon
    for k, value in enumerate((c, r, m)):
        assert math.hypot(xs[k], ys[k]) == pytest.approx(value, abs=1e-3), (where, FACTORS[k])
    # capabilities point up, credibility lower left, communication lower right
    assert xs[0] == pytest.approx(0.0, abs=1e-3) and ys[0] >= 0
    assert xs[1] <= 0 and ys[1] <= 0 and xs[2] >= 0 and ys[2] <= 0, where
    if r > 0.01 and m > 0.01:
        assert xs[1] < 0 < xs[2], where
    # labels name the three factors with their values
    texts = state["text"][pos["labels"]]
    for name, value, text in zip(FACTORS, (c, r, m), texts, strict=True):
        assert name.capitalize() in text and f"{value:.2f}" in text, (where, text)


# --------------------------------------------------------------------------------------
# Deterrence triangle
# --------------------------------------------------------------------------------------


def test_one_button_per_preset_in_display_order(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    (menu,) = _layout(fig)["updatemenus"]
    by_order = presets.sort_values("order")
    assert [b["label"] for b in menu["buttons"]] == list(by_order["label"])
    assert menu["active"] == 0


@pytest.mark.parametrize(("gain", "cost"), [(1.0, 3.0), (1.0, 1.0), (3.0, 1.0)])
def test_every_button_and_slider_step_matches_the_model(presets, hand_scores, gain, cost) -> None:
    threshold = gain / (gain + cost)
    fig = deterrence_triangle_figure(presets, gain=gain, cost=cost)
    (menu,) = _layout(fig)["updatemenus"]
    rows = presets.sort_values("order").to_dict("records")
    assert len(menu["buttons"]) == len(rows)
    for button, row in zip(menu["buttons"], rows, strict=True):
        c, r, m = (float(row[f]) for f in FACTORS)
        assert button["method"] == "update"
        state, layout_update, indices = button["args"]
        _check_state(fig, state, indices, c, r, m, hand_scores, threshold,
                     f"button {row['preset_id']}")
        (slider,) = layout_update["sliders"]
        steps = slider["steps"]
        values = [float(s["value"]) for s in steps]
        assert values == sorted(values) and len(set(values)) == len(values)
        assert values[0] == 0.0 and values[-1] == 1.0
        assert len(values) >= 21
        # the preset's own capabilities value is a step, and the active one
        assert c in values, row["preset_id"]
        assert values[slider["active"]] == c, row["preset_id"]
        for step, v in zip(steps, values, strict=True):
            assert step["method"] == "restyle"
            assert float(step["label"]) == v
            step_state, step_indices = step["args"]
            assert step_indices == indices
            _check_state(fig, step_state, step_indices, v, r, m, hand_scores, threshold,
                         f"slider {row['preset_id']} at {v}")


def test_threshold_line(presets: pd.DataFrame) -> None:
    for gain, cost in [(1.0, 3.0), (2.0, 2.0), (4.0, 1.0)]:
        fig = deterrence_triangle_figure(presets, gain=gain, cost=cost)
        (shape,) = _layout(fig)["shapes"]
        assert shape["y0"] == pytest.approx(gain / (gain + cost))
        assert shape["y1"] == pytest.approx(gain / (gain + cost))
        assert f"{gain / (gain + cost):.2f}" in _layout(fig)["annotations"][0]["text"]


def test_initial_bars_show_the_first_preset(presets: pd.DataFrame, hand_scores) -> None:
    # shuffled rows: "first" means first by the order column
    shuffled = presets.sample(frac=1.0, random_state=3)
    assert list(shuffled["order"]) != sorted(shuffled["order"])
    fig = deterrence_triangle_figure(shuffled)
    first = presets.sort_values("order").iloc[0]
    expected = hand_scores(*(float(first[f]) for f in FACTORS))
    bars = fig.data[5]
    assert bars.type == "bar"
    for label, value in zip(bars.x, bars.y, strict=True):
        assert value == pytest.approx(expected[LABEL_TO_RULE[label]], abs=1e-12)
    (slider,) = _layout(fig)["sliders"]
    assert first["preset_id"] in slider["name"]


def test_initial_preset_can_be_chosen(presets: pd.DataFrame, hand_scores) -> None:
    ordered = presets.sort_values("order").reset_index(drop=True)
    target = ordered.iloc[len(ordered) - 1]
    fig = deterrence_triangle_figure(presets, initial=str(target["preset_id"]))
    expected = hand_scores(*(float(target[f]) for f in FACTORS))
    for label, value in zip(fig.data[5].x, fig.data[5].y, strict=True):
        assert value == pytest.approx(expected[LABEL_TO_RULE[label]], abs=1e-12)
    layout = _layout(fig)
    assert layout["updatemenus"][0]["active"] == len(ordered) - 1
    (slider,) = layout["sliders"]
    assert target["preset_id"] in slider["name"]
    values = [float(s["value"]) for s in slider["steps"]]
    assert values[slider["active"]] == float(target["capabilities"])


def test_initial_triangle(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    first = presets.sort_values("order").iloc[0]
    tri = fig.data[3]
    for k, f in enumerate(FACTORS):
        assert math.hypot(tri.x[k], tri.y[k]) == pytest.approx(float(first[f]), abs=1e-3)


def test_missing_column(presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="credibility"):
        deterrence_triangle_figure(presets.drop(columns=["credibility"]))
    with pytest.raises(ValueError, match="preset_id"):
        deterrence_triangle_figure(presets.drop(columns=["preset_id"]))


def test_empty_presets(presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="no rows"):
        deterrence_triangle_figure(presets.iloc[0:0])


@pytest.mark.parametrize("bad", [None, [], {"preset_id": ["a"]}, "deterrence_presets"])
def test_not_a_dataframe(bad) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        deterrence_triangle_figure(bad)


def test_unknown_initial(presets: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="initial") as info:
        deterrence_triangle_figure(presets, initial="atlantis")
    assert "atlantis" in str(info.value)
    assert "france_today" in str(info.value)  # lists the presets to choose from


# --------------------------------------------------------------------------------------
# Nuclear forces
# --------------------------------------------------------------------------------------


def _state_of(label: str) -> str:
    return label.removesuffix(" (yardstick)")


def test_forces_bars_equal_the_table(forces: pd.DataFrame) -> None:
    fig = nuclear_forces_figure(forces)
    assert len(fig.data) == 3
    assert all(t.type == "bar" and t.orientation == "h" for t in fig.data)
    assert fig.layout.barmode == "stack"
    table = forces.set_index("state")
    for trace, column in zip(fig.data, ("deployed", "stored", "retired"), strict=True):
        assert trace.name.lower().startswith(column)
        states = [_state_of(y) for y in trace.y]
        assert sorted(states) == sorted(table.index)
        for state, x in zip(states, trace.x, strict=True):
            assert x == int(table.loc[state, column]), (column, state)
    # stacked, the bars reach each state's total inventory
    totals = [sum(t.x[i] for t in fig.data) for i in range(len(forces))]
    for label, total in zip(fig.data[0].y, totals, strict=True):
        assert total == int(table.loc[_state_of(label), "total_inventory"])


def test_forces_yardstick_labels(forces: pd.DataFrame) -> None:
    fig = nuclear_forces_figure(forces)
    marked = {_state_of(y) for y in fig.data[0].y if y.endswith(" (yardstick)")}
    assert marked == {"France", "United Kingdom"}


def test_forces_zoom_button(forces: pd.DataFrame) -> None:
    fig = nuclear_forces_figure(forces)
    (menu,) = _layout(fig)["updatemenus"]
    ranges = {b["label"]: b["args"][0]["xaxis.range"] for b in menu["buttons"]}
    (zoom_label,) = [label for label in ranges if "1,000" in label]
    lo, hi = ranges[zoom_label]
    small = forces.loc[forces["total_inventory"] < 1000, "total_inventory"]
    assert lo == 0
    assert len(small) > 0
    assert hi > int(small.max()), "the zoom cuts off a state below 1,000 warheads"
    assert hi <= 1000
    (all_label,) = [label for label in ranges if label != zoom_label]
    assert ranges[all_label][1] >= int(forces["total_inventory"].max())


def test_forces_bad_input(forces: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="DataFrame"):
        nuclear_forces_figure([1, 2, 3])
    with pytest.raises(ValueError, match="retired"):
        nuclear_forces_figure(forces.drop(columns=["retired"]))


# --------------------------------------------------------------------------------------
# The renderer
# --------------------------------------------------------------------------------------

_JSON_SCRIPT = re.compile(
    r'<script type="application/json" id="([^"]+)">(.*?)</script>', re.DOTALL
)


def _payload(html_text: str) -> tuple[str, dict]:
    (match,) = _JSON_SCRIPT.findall(html_text)
    return match[0], json.loads(match[1])


def test_renderer_is_the_default() -> None:
    assert pio.renderers.default == RENDERER_NAME
    assert isinstance(pio.renderers[RENDERER_NAME], CourseRenderer)


def test_figure_html_is_self_contained(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets)
    out = figure_html(fig.to_dict(), "course-fig-7")
    low = out.lower()
    assert "cdn" not in low
    assert "http" not in low
    assert "<script src" not in low
    assert 'id="course-fig-7"' in out
    assert out == figure_html(fig.to_dict(), "course-fig-7")
    assert "height:560px" in out


def test_figure_html_json_equals_the_figure(presets: pd.DataFrame, forces: pd.DataFrame) -> None:
    for fig in (deterrence_triangle_figure(presets), nuclear_forces_figure(forces)):
        out = figure_html(fig.to_dict(), "f")
        script_id, payload = _payload(out)
        assert script_id == "f-data"
        assert 'data-figure="f-data"' in out
        reference = json.loads(fig.to_json())
        assert payload["data"] == reference["data"]
        # The layout is the figure's, with its template cut to what the figure uses.
        template = payload["layout"].pop("template")
        full = reference["layout"].pop("template")
        assert payload["layout"] == reference["layout"]
        assert template == trim_template({**reference, "layout": {**reference["layout"],
                                                                   "template": full}})["layout"]["template"]
        assert set(template["data"]) == trace_types(reference) and len(full["data"]) > 20
        assert payload["config"]["displaylogo"] is False


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
    assert payload["layout"]["title"]["text"] == title
    # the JSON block holds no markup that could change how the HTML is parsed
    body = _JSON_SCRIPT.search(out).group(2).lower()
    assert "<script" not in body and "<!--" not in body
    aria = re.search(r'aria-label="([^"]*)"', out).group(1)
    assert "<" not in aria and ">" not in aria


def test_threshold_function_matches_the_figure_line(presets: pd.DataFrame) -> None:
    fig = deterrence_triangle_figure(presets, gain=2.0, cost=3.0)
    assert _layout(fig)["shapes"][0]["y0"] == pytest.approx(deterrence_threshold(2.0, 3.0))
    assert _layout(fig)["shapes"][0]["y0"] == pytest.approx(0.4)
