"""The shared base of every live panel: controls, a one-line result, and the figure.

A live panel is the third face of an explorer (after the model and the static
figure). Each explorer's panel is a thin subclass of :class:`ExplorerPanel`
that builds its controls with the factories below and implements one method,
:meth:`ExplorerPanel.compute`: read the controls' values, call the model, and
return a :class:`Redraw`, the figure module's state for the figure's dynamic
traces (the same payload the static figure's controls send) with an optional
layout change and the summary line. The base does the rest:

* it applies the state with one ``FigureWidget.plotly_restyle`` call (or
  ``plotly_update`` when there is a layout change);
* when the model rejects a combination (``ValueError``), it says so in plain
  words that name the controls by their visible labels
  (:meth:`ExplorerPanel.explain`), and marks the figure as not computed (its
  dynamic traces hidden, "(not computed)" in its title) instead of leaving the
  old state standing;
* a preset sets only the controls it names, says so under the controls, and
  leaves every other control as the learner set it;
* every control is wide enough to show its full label and, for a slider, its
  track (:func:`slider`, :func:`dropdown`, :func:`number`).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as w
import plotly.graph_objects as go

from ..citation import RELEASED, authors, title, version
from ..i18n import N_, _, language
from ..render import list_words

__all__ = ["NOT_COMPUTED", "ExplorerPanel", "Redraw", "dropdown", "label_width", "not_computed",
           "number", "slider", "text_width"]

#: Added to the figure's title while the controls make no computable combination (English; the
#: panel shows :func:`not_computed`, in the reader's language).
NOT_COMPUTED = N_(" (not computed)")
#: Widths in characters: a slider's track and readout, a number box, a dropdown's arrow.
TRACK_CH, READOUT_CH, NUMBER_CH, ARROW_CH = 28, 7, 10, 5


@dataclass(frozen=True)
class Redraw:
    """What one computation gives the panel.

    Attributes
    ----------
    state
        A ``restyle`` payload for the panel's dynamic traces (the figure
        module's state function's output).
    layout
        An optional ``relayout`` payload (a threshold line, an axis range).
    summary
        One line of HTML under the controls: the result in words.
    """

    state: Mapping[str, Any]
    layout: Mapping[str, Any] | None = None
    summary: str = ""


def not_computed() -> str:
    """What the figure's title gets while the controls make no computable combination, in the
    reader's language (``" (not computed)"``, ``"（計算不可）"``)."""
    return _(NOT_COMPUTED)


def text_width(text: str) -> int:
    """The width of ``text`` in ``ch``: a wide character (Japanese) takes two.

    >>> text_width("Hazard"), text_width("ハザード")
    (6, 8)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(text))


def slider(label: str, value: float, low: float, high: float, step: float,
           fmt: str = ".2f") -> w.FloatSlider:
    """A float slider with a visible label; :class:`ExplorerPanel` sizes it."""
    return w.FloatSlider(value=value, min=low, max=high, step=step, description=label,
                         continuous_update=False, readout_format=fmt)


def number(label: str, value: float, step: float = 0.1) -> w.FloatText:
    """A number box with a visible label. It does not clamp: the model checks the value."""
    return w.FloatText(value=value, step=step, description=label)


def dropdown(label: str, options: Sequence[tuple[str, Any]], value: Any) -> w.Dropdown:
    """A dropdown of ``(visible label, value)`` pairs; :class:`ExplorerPanel` sizes it to its longest."""
    return w.Dropdown(options=list(options), value=value, description=label)


def label_width(controls: Mapping[str, w.Widget]) -> int:
    """The description width (in characters) that shows the longest label of ``controls``."""
    return max((text_width(getattr(c, "description", "") or "") for c in controls.values()), default=0) + 2


def _size(control: w.Widget, desc_ch: int) -> None:
    control.style.description_width = f"{desc_ch}ch"
    if isinstance(control, w.Dropdown):
        labels = [o[0] if isinstance(o, tuple) else o for o in control.options]
        longest = max((text_width(str(label)) for label in labels), default=0)
        width = desc_ch + longest + ARROW_CH
    elif isinstance(control, w.FloatText | w.IntText | w.BoundedFloatText | w.BoundedIntText):
        width = desc_ch + NUMBER_CH
    else:
        width = desc_ch + TRACK_CH + READOUT_CH
    control.layout.width = f"{width}ch"
    control.layout.max_width = "100%"


@dataclass
class _Status:
    failed: bool = False
    holding: bool = False
    title: str = ""
    names: dict[str, str] = field(default_factory=dict)


class ExplorerPanel(w.VBox):
    """Base of every live panel: controls on top, then a one-line result, then the figure.

    Parameters
    ----------
    figure
        The explorer's snapshot figure (no controls); it becomes a ``FigureWidget``.
    controls
        The panel's controls by name. Name a control after the model parameter
        it feeds, so that a model's error message can be told in the control's words.
    rows
        The layout: rows of control names (each row wraps on a narrow screen).
    traces
        The indices of the traces a state changes (the figure module's ``DYNAMIC_TRACES``).
    presets
        For a ``"preset"`` control: ``{preset value: {control name: value}}``.
        Choosing a preset sets those controls, and only those.
    names
        Extra wording for :meth:`explain`: ``{word in the model's messages: words
        the learner knows}`` (e.g. ``{"weights": "the weights w_c, w_r and w_m"}``).
        Each control's name already maps to its label.

    Attributes
    ----------
    controls : dict[str, ipywidgets.Widget]
    summary : ipywidgets.HTML
        The result, or why it cannot be computed.
    figure : plotly.graph_objects.FigureWidget
    """

    def __init__(self, figure: go.Figure, controls: Mapping[str, w.ValueWidget],
                 rows: Sequence[Sequence[str]], traces: Sequence[int], *,
                 presets: Mapping[Any, Mapping[str, Any]] | None = None,
                 names: Mapping[str, str] | None = None) -> None:
        placed = [name for row in rows for name in row]
        if sorted(placed) != sorted(controls):
            raise ValueError(f"rows must place every control once; got {placed} for {list(controls)}")
        if ("preset" in controls) != bool(presets):
            raise ValueError("a 'preset' control needs presets (what each preset sets), and presets a "
                             "'preset' control")
        unknown = sorted({k for v in (presets or {}).values() for k in v} - set(controls))
        if unknown:
            raise ValueError(f"presets set controls the panel does not have: {', '.join(unknown)}")
        self.controls: dict[str, w.ValueWidget] = dict(controls)
        self.traces = tuple(traces)
        self.presets = {k: dict(v) for k, v in (presets or {}).items()}
        self.summary = w.HTML()
        self.figure = go.FigureWidget(figure)
        self._status = _Status(title=str(self.figure.layout.title.text or ""))
        self._status.names = {name: str(c.description) for name, c in self.controls.items()}
        self._status.names.update(names or {})
        desc_ch = label_width(self.controls)
        for control in self.controls.values():
            _size(control, desc_ch)
        boxes: list[w.Widget] = [w.HBox([self.controls[n] for n in row],
                                        layout=w.Layout(flex_flow="row wrap"))
                                 for row in rows]
        if self.presets:
            boxes.insert(1, w.HTML(f"<small>{html.escape(self.preset_note())}</small>"))
            self.controls["preset"].observe(self._on_preset, names="value")
        for name, control in self.controls.items():
            if name != "preset":
                control.observe(self.refresh, names="value")
        super().__init__([*boxes, self.summary, self.figure])
        self.refresh()

    # ---- to implement ----

    def compute(self, values: dict[str, Any]) -> Redraw:
        """Call the model with the controls' ``values`` and return what to draw.

        Raise ``ValueError`` (the model does) when the values make no computable
        combination; the panel then explains it.
        """
        raise NotImplementedError

    # ---- provided ----

    def values(self) -> dict[str, Any]:
        """The controls' current values, by control name."""
        return {name: control.value for name, control in self.controls.items()}

    def preset_note(self) -> str:
        """What choosing a preset does, in the controls' words (shown under the controls)."""
        named = sorted({k for v in self.presets.values() for k in v}, key=list(self.controls).index)
        others = [n for n in self.controls if n not in named and n != "preset"]
        controls = list_words([self._quoted(str(self.controls[n].description)) for n in named])
        if others:
            return _("A preset sets {controls}; the other controls keep the values you set.").format(
                controls=controls)
        return _("A preset sets {controls}.").format(controls=controls)

    @staticmethod
    def _quoted(label: str) -> str:
        """A control's label inside a sentence: as it is in English, in 「」 in Japanese."""
        return f"「{label}」" if language() == "ja" else label

    def citation(self, chapter: str = "") -> str:
        """A citation of this panel's current setting: the course, its version, the
        chapter (if given), the explorer and every control's label and value.

        The website's "Cite this setting" gives the same, with the page's address.

        Examples
        --------
        >>> import plotly.graph_objects as go
        >>> class P(ExplorerPanel):
        ...     def compute(self, values):
        ...         return Redraw(state={"y": [[values["level"]]]})
        >>> p = P(go.Figure(go.Scatter(y=[0]), layout={"title": {"text": "Levels"}}),
        ...       {"level": slider("Level", 0.5, 0.0, 1.0, 0.1)}, rows=[["level"]], traces=[0])
        >>> print(p.citation("Chapter 2"))  # doctest: +ELLIPSIS +NORMALIZE_WHITESPACE
        The course authors (2026). Selective nuclear proliferation: a course, version ...
        Chapter 2; explorer: “Levels”; settings: Level: 0.5 (in Jupyter).
        """
        settings = []
        for control in self.controls.values():
            value = control.label if isinstance(control, w.Dropdown) else control.value
            settings.append(f"{control.description}: {value}")
        explorer = self._status.title or _("explorer")
        if chapter:
            text = _("{authors} ({year}). {course}, version {version}. {chapter}; "
                     "explorer: \u201c{explorer}\u201d; settings: {settings} (in Jupyter).")
        else:
            text = _("{authors} ({year}). {course}, version {version}. explorer: \u201c{explorer}\u201d; "
                     "settings: {settings} (in Jupyter).")
        return text.format(authors=authors(), year=RELEASED[:4], course=title(), version=version(),
                           chapter=chapter, explorer=explorer, settings="; ".join(settings))

    def explain(self, err: ValueError) -> str:
        """The model's message in the learner's words: parameter names become control labels.

        >>> import plotly.graph_objects as go
        >>> class P(ExplorerPanel):
        ...     def compute(self, values):
        ...         if values["low"] >= values["high"]:
        ...             raise ValueError(f"low ({values['low']}) must be below high ({values['high']})")
        ...         return Redraw(state={})
        >>> p = P(go.Figure(), {"low": slider("Lower threshold", 0.9, 0, 1, 0.1),
        ...                     "high": slider("Upper threshold", 0.5, 0, 1, 0.1)}, [["low", "high"]], [])
        >>> p.summary.value  # doctest: +ELLIPSIS
        '<b>Cannot compute:</b> the Lower threshold (0.9) must be below the Upper threshold (0.5). The...'
        >>> p.computed
        False
        """
        text = str(err).strip().rstrip(".。")
        names = self._status.names
        words = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
        if not words:
            return text
        japanese = language() == "ja"

        def label(match: re.Match[str]) -> str:
            said = names[match.group(1)]
            if japanese:
                return said if said.startswith("「") else f"「{said}」"
            return said if said.startswith("the ") else f"the {said}"

        # One pass, so that a label is never itself rewritten. Not \b: a Japanese character
        # counts as a word character, and "hazardは" must still name the control.
        return re.sub(rf"(?<![A-Za-z0-9_])({words})(?![A-Za-z0-9_])(?:\[\d+\])?", label, text)

    @property
    def names(self) -> dict[str, str]:
        """How the panel's messages name things: ``{model's word: the learner's words}``."""
        return dict(self._status.names)

    @property
    def computed(self) -> bool:
        """False while the controls make a combination the model rejects."""
        return not self._status.failed

    def refresh(self, change: dict | None = None) -> None:
        """Read the controls, call the model (:meth:`compute`) and redraw, or explain why not."""
        if self._status.holding:
            return
        try:
            redraw = self.compute(self.values())
        except ValueError as err:
            self._reject(err)
            return
        state, own = self._split(dict(redraw.state))
        layout = dict(redraw.layout or {})
        if self._status.failed:
            state = {"visible": True, **state}
            layout["title.text"] = self._status.title
        if layout:
            self.figure.plotly_update(restyle_data=state, relayout_data=layout,
                                      trace_indexes=list(self.traces))
        elif state:
            self.figure.plotly_restyle(state, trace_indexes=list(self.traces))
        for key, values, traces in own:
            self.figure.plotly_restyle({key: values}, trace_indexes=traces)
        self._status.failed = False
        self.summary.value = redraw.summary

    def _split(self, state: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, list[Any], list[int]]]]:
        """The state's keys that every dynamic trace has (one call), and the others (for example a
        heatmap's ``z`` beside bars), each with the traces that have it. A state gives ``None``
        for a trace that lacks the key; plotly's Python side refuses the key on that trace."""
        common: dict[str, Any] = {}
        own = []
        for key, values in state.items():
            holders = [k for k, i in enumerate(self.traces) if key in self.figure.data[i]]
            if not isinstance(values, list) or len(holders) == len(self.traces):
                common[key] = values
                continue
            stray = [self.traces[k] for k, v in enumerate(values) if k not in holders and v is not None]
            if stray:
                raise ValueError(f"the state sets {key} on trace(s) {stray}, which do not have it")
            own.append((key, [values[k] for k in holders], [self.traces[k] for k in holders]))
        return common, own

    def _reject(self, err: ValueError) -> None:
        self.summary.value = _("<b>Cannot compute:</b> {reason}. The figure shows no result until the "
                               "controls fit together.").format(reason=html.escape(self.explain(err)))
        if not self._status.failed and self.traces:
            self.figure.plotly_update(restyle_data={"visible": False},
                                      relayout_data={"title.text": self._status.title + not_computed()},
                                      trace_indexes=list(self.traces))
        self._status.failed = True

    def _on_preset(self, change: dict) -> None:
        values = self.presets[change["new"]]
        self._status.holding = True
        try:
            for name, value in values.items():
                self.controls[name].value = value
        finally:
            self._status.holding = False
        self.refresh()
