"""Controls and input checks shared by every explorer's static figure.

An explorer's figure is a plotly figure whose controls (``updatemenus`` and
``sliders``) carry precomputed states, one per choice or step, each computed by
calling the model. These helpers build those controls in one shape, so that
the website's frame (:mod:`proliferation_course.render`) can turn each into a
native HTML control with a visible label:

* :func:`dropdown` becomes a ``<select>``, :func:`button_row` a group of
  toggle buttons, :func:`slider` an ``<input type="range">`` with its value;
* :func:`choice` and :func:`step` are one entry of those; give them the
  state a figure module's state function returns and the trace indices it
  changes (the module's ``DYNAMIC_TRACES``).

A state is a plotly ``restyle`` payload: each key maps to one value per
dynamic trace, in the order of the trace indices. A choice may also carry a
layout change (``relayout``), for instance the slider that belongs to a preset.

The checks (:func:`check_frame`, :func:`check_initial`) raise ``ValueError``
with a message that names the table or argument and what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd

from ..i18n import _
from ..validation import check_table

__all__ = ["button_row", "check_frame", "check_initial", "check_preset_rows", "choice", "dropdown", "frame_choice",
           "play_button", "records", "slider", "step"]


def check_frame(df: pd.DataFrame, columns: Sequence[str], name: str = "presets") -> pd.DataFrame:
    """Check that ``df`` is a non-empty DataFrame with ``columns``; return it sorted by ``order``.

    Raises ``ValueError`` naming ``name`` and what is wrong.

    Examples
    --------
    >>> check_frame(pd.DataFrame({"a": [2, 1], "order": [2, 1]}), ["a"])["a"].tolist()
    [1, 2]
    >>> check_frame(pd.DataFrame({"a": [1]}), ["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: presets is missing column(s): b
    """
    df = check_table(df, columns, name)
    if "order" in df.columns:
        df = df.sort_values("order")
    return df.reset_index(drop=True)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a table as dicts keyed by column name, in table order."""
    return [{str(k): v for k, v in row.items()} for row in df.to_dict("records")]


def check_preset_rows(presets: pd.DataFrame, columns: Sequence[str],
                      preset_arguments: Callable[[dict[str, Any]], object]) -> pd.DataFrame:
    """A presets table checked: the ``columns`` a figure reads, at least one row, and every row
    turned into model arguments by the model's ``preset_arguments`` (which names the preset and
    the column at fault); sorted by ``order``."""
    presets = check_frame(presets, columns)
    for row in records(presets):
        preset_arguments(row)
    return presets


def check_initial(initial: str | None, choices: Sequence[str], name: str = "initial",
                  what: str = "the presets") -> str:
    """``initial`` if it is one of ``choices``; the first choice if it is ``None``.

    Examples
    --------
    >>> check_initial(None, ["a", "b"])
    'a'
    >>> check_initial("c", ["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: initial must be one of the presets (a, b), got 'c'
    """
    options = [str(c) for c in choices]
    if not options:
        raise ValueError(_("{name}: there is nothing to choose from ({what} are empty)").format(
            name=name, what=what))
    if initial is None:
        return options[0]
    if initial not in options:
        raise ValueError(_("{name} must be one of {what} ({options}), got {value!r}").format(
            name=name, what=what, options=", ".join(options), value=initial))
    return initial


def _method(state: Mapping[str, Any] | None, layout: Mapping[str, Any] | None,
            traces: Sequence[int] | None) -> tuple[str, list[Any]]:
    if state is not None and layout is not None:
        return "update", [dict(state), dict(layout), list(traces) if traces is not None else None]
    if state is not None:
        return "restyle", [dict(state), list(traces) if traces is not None else None]
    if layout is not None:
        return "relayout", [dict(layout)]
    raise ValueError("a control entry must change something: give a state, a layout or both")


def _strip_none(args: list[Any]) -> list[Any]:
    while args and args[-1] is None:
        args.pop()
    return args


def choice(label: str, *, state: Mapping[str, Any] | None = None,
           layout: Mapping[str, Any] | None = None,
           traces: Sequence[int] | None = None) -> dict[str, Any]:
    """One entry of a dropdown or button row: its visible label and what it changes.

    ``state`` restyles the ``traces`` (a state function's output), ``layout``
    relayouts (axis ranges, shapes, or the slider that belongs to the entry);
    with both, the entry runs plotly's ``update``.

    Examples
    --------
    >>> choice("Zoom", layout={"xaxis.range": [0, 10]})
    {'label': 'Zoom', 'method': 'relayout', 'args': [{'xaxis.range': [0, 10]}]}
    >>> choice("Preset A", state={"y": [[1, 2]]}, traces=[3])["method"]
    'restyle'
    """
    method, args = _method(state, layout, traces)
    return {"label": str(label), "method": method, "args": _strip_none(args)}


def frame_choice(label: str, *, state: Mapping[str, Any], traces: Sequence[int], types: Sequence[str],
                 layout: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """An entry of a dropdown, for a figure with a Play button: a one-frame animation of ``state``.

    It is queued after a running Play (plotly's ``"afterall"`` mode) rather than
    interrupting it, which would reject the Play's promise (an uncaught page
    error). ``types`` gives each dynamic trace's type (a frame needs it), and
    ``layout`` may swap in the entry's own slider and Play button.

    Examples
    --------
    >>> e = frame_choice("A", state={"x": [[1]], "y": [[2]]}, traces=[3], types=["bar"])
    >>> e["method"], e["args"][0][0]["data"], e["args"][1]["mode"]
    ('animate', [{'type': 'bar', 'x': [1], 'y': [2]}], 'afterall')
    """
    data = [{"type": kind, **{key: values[i] for key, values in state.items()}}
            for i, kind in enumerate(types)]
    frame: dict[str, Any] = {"traces": list(traces), "data": data}
    if layout is not None:
        frame["layout"] = dict(layout)
    return {"label": str(label), "method": "animate",
            "args": [[frame], {"mode": "afterall", "frame": {"duration": 0, "redraw": True},
                               "transition": {"duration": 0}}]}


def play_button(frames: Sequence[str], *, label: str | None = None, duration: int = 800) -> dict[str, Any]:
    """A Play button (on the website: a Play/Pause button) that animates the named ``frames``.

    A Play is queued after another (``"afterall"``) and starts from the first frame. ``label``
    defaults to "▶ Play" in the reader's language.

    >>> play_button(["r0", "r1"])["buttons"][0]["args"][0]
    ['r0', 'r1']
    """
    label = _("▶ Play") if label is None else label
    if not frames:
        raise ValueError(f"the Play button {label!r} has no frames to play")
    return {
        "type": "buttons", "name": label, "direction": "left", "x": 1.0, "xanchor": "right", "y": 1.0,
        "yanchor": "bottom", "pad": {"b": 4}, "showactive": False,
        "buttons": [{"label": label, "method": "animate",
                     "args": [list(frames), {"mode": "afterall", "fromcurrent": False,
                                             "frame": {"duration": duration, "redraw": True},
                                             "transition": {"duration": 200}}]}],
    }


def step(label: str, *, state: Mapping[str, Any] | None = None,
         layout: Mapping[str, Any] | None = None,
         traces: Sequence[int] | None = None, value: str | None = None) -> dict[str, Any]:
    """One step of a slider: its label (shown beside the slider) and what it changes.

    >>> step("0.50", state={"y": [[0.5]]}, traces=[2])["value"]
    '0.50'
    """
    entry = choice(label, state=state, layout=layout, traces=traces)
    entry["value"] = str(value if value is not None else label)
    return entry


def _menu(kind: str, entries: Sequence[Mapping[str, Any]], label: str, active: int) -> dict[str, Any]:
    if not entries:
        raise ValueError(f"the control {label!r} has no entries")
    if not 0 <= active < len(entries):
        raise ValueError(f"the control {label!r}: active must be between 0 and {len(entries) - 1}, "
                         f"got {active}")
    menu: dict[str, Any] = {
        "type": kind, "name": label, "buttons": [dict(e) for e in entries], "active": active,
        "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
        "direction": "down" if kind == "dropdown" else "right", "pad": {"b": 4},
        "showactive": True,
    }
    return menu


def dropdown(entries: Sequence[Mapping[str, Any]], *, label: str, active: int = 0) -> dict[str, Any]:
    """A dropdown (on the website: a ``<select>`` labelled ``label``), as a plotly ``updatemenu``.

    Examples
    --------
    >>> menu = dropdown([choice("A", layout={"x": 1}), choice("B", layout={"x": 2})], label="Preset")
    >>> menu["type"], menu["name"], menu["active"]
    ('dropdown', 'Preset', 0)
    """
    return _menu("dropdown", entries, label, active)


def button_row(entries: Sequence[Mapping[str, Any]], *, label: str, active: int = 0) -> dict[str, Any]:
    """A row of toggle buttons (on the website: ``<button aria-pressed>`` in a labelled group)."""
    return _menu("buttons", entries, label, active)


def slider(steps: Sequence[Mapping[str, Any]], *, label: str, active: int = 0,
           name: str | None = None) -> dict[str, Any]:
    """A slider (on the website: ``<input type="range">`` labelled ``label``, with its value shown).

    ``name`` identifies the slider when a preset brings its own (tests and
    ``course.js`` tell sliders apart by it); it defaults to ``label``.

    Examples
    --------
    >>> s = slider([step("0", layout={"x": 0}), step("1", layout={"x": 1})], label="Rounds", active=1)
    >>> s["currentvalue"]["prefix"], s["active"], s["name"]
    ('Rounds: ', 1, 'Rounds')
    """
    if not steps:
        raise ValueError(f"the slider {label!r} has no steps")
    if not 0 <= active < len(steps):
        raise ValueError(f"the slider {label!r}: active must be between 0 and {len(steps) - 1}, "
                         f"got {active}")
    return {
        "name": name or label,
        "active": active,
        "currentvalue": {"prefix": f"{label}: "},
        "pad": {"t": 40, "b": 10},
        "len": 0.9,
        "x": 0.05,
        "steps": [dict(s) for s in steps],
    }
