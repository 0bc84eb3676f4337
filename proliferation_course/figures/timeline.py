"""The course's timeline: every dated event of the data tables, one lane per theme.

The events come from :func:`proliferation_course.timeline.collect_events`.
Each theme is one trace in its own horizontal lane; events of one theme on
the same date share one marker (its hover lists them all), and markers that
would overlap inside a lane are stacked on rows of their own. The marker
tells how precisely the date is known (a filled circle for a day, a diamond
for a month, an open circle for a year). Everything is precomputed: a
dropdown shows all themes or one (setting the traces' visibility and fitting
the vertical axis to the theme's lane), and buttons zoom on periods.

Colours are palette entries (:func:`proliferation_course.figures.style.color`):
one unordered category per theme, so that dark mode reaches every marker.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from ..i18n import _, language
from ..references import cite_keys, short_citation
from ..tables import DataTable, data_table
from ..timeline import PRECISIONS, THEMES
from ..validation import check_table
from .controls import button_row, choice, dropdown
from .style import SPACE, base_layout, color

__all__ = [
    "PERIODS",
    "THEME_COLORS",
    "events_table",
    "lane_layout",
    "timeline_figure",
]

#: The palette entry of each theme (unordered categories, distinguishable with the common
#: colour-vision deficiencies, each with a dark-mode value).
THEME_COLORS: dict[str, str] = {
    "NPT and treaties": "category_1",
    "Japan's choices": "category_2",
    "Preventive strikes": "category_3",
    "Proliferation history": "category_4",
    "Deterrence today": "category_5",
    "Alliance cooperation": "category_6",
    "Long-range strike": "category_7",
}
#: Marker symbol for each precision of a date.
SYMBOLS: dict[str, str] = {"day": "circle", "month": "diamond", "year": "circle-open"}
#: Close-ups offered after the whole period: (button label, first day, last day).
PERIODS: tuple[tuple[str, str, str], ...] = (
    ("1968–1976", "1967-10-01", "1977-03-31"),
    ("1985–2007", "1984-07-01", "2008-06-30"),
    ("2020–2026", "2019-10-01", "2026-06-30"),
)
#: Two events of a lane closer than this share no row (a fraction of the whole period).
MIN_GAP = 0.012
_ROW_PX = 17  # height of one row of a lane, in pixels
_PAD = 0.03  # room left of the first event and right of the last (a fraction of the period)
_NEEDED = ("date", "precision", "date_text", "label", "theme", "table", "source")


def _color(theme: str) -> str:
    if theme not in THEME_COLORS:
        raise ValueError(f"the theme {theme!r} has no colour: add it to THEME_COLORS (figures/timeline.py)")
    return color(THEME_COLORS[theme])


def _check(events: pd.DataFrame) -> pd.DataFrame:
    events = check_table(events, _NEEDED, "events")
    unknown = sorted(set(events["theme"]) - set(THEMES))
    if unknown:
        raise ValueError(f"events has unknown theme(s): {', '.join(unknown)}; themes: {', '.join(THEMES)}")
    bad = sorted(set(events["precision"]) - set(PRECISIONS))
    if bad:
        raise ValueError(f"events has unknown precision(s): {', '.join(bad)}")
    return events.sort_values(["date", "label"], kind="mergesort").reset_index(drop=True)


def _stack(dates: Sequence[pd.Timestamp], gap: pd.Timedelta) -> list[int]:
    """Row of each event (dates sorted): the first row whose last event is at least ``gap`` earlier."""
    last: list[pd.Timestamp] = []
    rows = []
    for d in dates:
        for i, end in enumerate(last):
            if d - end >= gap:
                last[i] = d
                rows.append(i)
                break
        else:
            last.append(d)
            rows.append(len(last) - 1)
    return rows


def _group(df: pd.DataFrame) -> pd.DataFrame:
    """One row per marker: the events of one theme on one date (and precision), with their hover text.

    ``customdata`` holds the date as known, the label (or a bulleted list of the
    labels), the sources and the tables.
    """
    rows = []
    for (theme, day, precision), sub in df.groupby(["theme", "date", "precision"], sort=False):
        labels = list(sub["label"])
        text = _wrap(labels[0]) if len(labels) == 1 else "<br>".join("• " + _wrap(t) for t in labels)
        keys = list(dict.fromkeys(k for s in sub["source"] for k in cite_keys(s)))
        tables = ", ".join(dict.fromkeys(str(t) for t in sub["table"]))
        rows.append({"date": day, "theme": theme, "precision": precision, "count": len(labels),
                     "customdata": (_hover_date(str(sub["date_text"].iloc[0]), str(precision)), text,
                                    _wrap(_("Sources: {sources}").format(
                                        sources="; ".join(short_citation(k) for k in keys))),
                                    tables)})
    return pd.DataFrame(rows).sort_values("date", kind="mergesort").reset_index(drop=True)


def lane_layout(events: pd.DataFrame) -> tuple[list[str], dict[str, tuple[float, float]], list[float]]:
    """Where each event sits: themes shown, each theme's lane and each event's vertical position.

    Lanes run from the top (position 0 downwards, the axis being reversed);
    each starts with a row for its heading. Returns the themes in display
    order, each theme's ``(top, bottom)`` edges, and the events' positions in
    the order of ``events``.

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2000-01-01", "2000-02-01", "2010-01-01"]),
    ...                    "theme": ["Deterrence today"] * 3})
    >>> themes, lanes, y = lane_layout(ev)
    >>> themes, lanes["Deterrence today"], y
    (['Deterrence today'], (-0.5, 2.5), [1.0, 2.0, 1.0])
    """
    themes = [t for t in THEMES if t in set(events["theme"])]
    span = events["date"].max() - events["date"].min()
    gap = max(span * MIN_GAP, pd.Timedelta(days=1))
    y = [0.0] * len(events)
    lanes: dict[str, tuple[float, float]] = {}
    top = 0.0
    for theme in themes:
        idx = [i for i, t in enumerate(events["theme"]) if t == theme]
        order = sorted(idx, key=lambda i: events["date"].iloc[i])
        rows = _stack([events["date"].iloc[i] for i in order], gap)
        for i, r in zip(order, rows, strict=True):
            y[i] = top + 1.0 + r  # row 0 of the lane holds its heading
        height = 1 + max(rows) + 1
        lanes[theme] = (top - 0.5, top + height - 0.5)
        top += height
    return themes, lanes, y


def _hover_date(text: str, precision: str) -> str:
    if precision == "day":
        return text
    said = _("{date} (month only)") if precision == "month" else _("{date} (year only)")
    return said.format(date=text)


def _wrap(text: str, width: int = 42) -> str:  # narrow enough for a phone
    # Japanese characters are twice as wide, and there are no spaces to break at.
    japanese = language() == "ja"
    lines = textwrap.wrap(text, width // 2 if japanese else width, break_long_words=japanese)
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def timeline_figure(events: pd.DataFrame) -> go.Figure:
    """The interactive timeline of the course's dated events.

    Parameters
    ----------
    events
        The table of :func:`proliferation_course.timeline.collect_events`.

    Returns
    -------
    plotly.graph_objects.Figure
        One marker trace per theme present, in the order of
        :data:`proliferation_course.timeline.THEMES`, each in its own lane.
        Hovering an event shows its date (to its precision), label, sources
        and table. Where there are several themes, a dropdown (the first
        menu) shows all themes (the initial state) or one; a
        row of buttons shows the whole period (initial; labelled with its
        first and last years) or one of :data:`PERIODS`.

    Raises
    ------
    ValueError
        If ``events`` is not such a table, or names an unknown theme or precision.
    """
    df = _group(_check(events))
    themes, lanes, y = lane_layout(df)
    df = df.assign(y=y)
    fig = go.Figure()
    for theme in themes:
        sub = df[df["theme"] == theme]
        swatch = _color(theme)
        fig.add_trace(go.Scatter(
            x=[d.strftime("%Y-%m-%d") for d in sub["date"]], y=list(sub["y"]), mode="markers",
            name=_(theme), showlegend=False,
            marker={"size": 10, "color": swatch, "symbol": [SYMBOLS[p] for p in sub["precision"]],
                    "line": {"width": 2, "color": swatch}},
            customdata=[list(c) for c in sub["customdata"]],
            hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br><i>"
                           + _("Table: %{customdata[3]}") + "</i><extra></extra>"),
        ))
    bottom = max(end for _top, end in lanes.values())
    full_y = [bottom, -0.5]
    shapes, annotations = [], []
    for i, theme in enumerate(themes):
        top, end = lanes[theme]
        if i % 2 == 0:
            shapes.append({"type": "rect", "xref": "paper", "x0": 0, "x1": 1, "yref": "y",
                           "y0": top, "y1": end, "layer": "below", "line": {"width": 0},
                           "fillcolor": color("band")})
        annotations.append({"xref": "paper", "x": 0, "xanchor": "left", "yref": "y", "y": top + 0.5,
                            "yanchor": "middle", "showarrow": False,
                            "text": f"<b>{html.escape(_(theme), quote=False)}</b>",
                            "font": {"size": 12, "color": _color(theme)}})

    first, last = df["date"].min(), df["date"].max()
    first_year, last_year = first.year, last.year
    pad = max((last - first) * _PAD, pd.Timedelta(days=30))  # no marker cut by the plot's edge
    full_x = [(first - pad).strftime("%Y-%m-%d"), (last + pad).strftime("%Y-%m-%d")]
    periods = [(f"{first_year}–{last_year}", full_x)]
    periods += [(label, [start, end]) for label, start, end in PERIODS
                if [start, end] != full_x and label != periods[0][0]]
    n = len(themes)
    theme_entries = [choice(_("All themes"), state={"visible": [True] * n}, layout={"yaxis.range": full_y})]
    for i, theme in enumerate(themes):
        top, end = lanes[theme]
        theme_entries.append(choice(_(theme), state={"visible": [j == i for j in range(n)]},
                                    layout={"yaxis.range": [end, top]}))
    period_menu = button_row([choice(label, layout={"xaxis.range": rng}) for label, rng in periods],
                             label=_("Period"))
    period_menu.update({"x": 1, "xanchor": "right"})  # where plotly draws it (Jupyter)
    # With one theme, the filter would have nothing to change.
    menus = [dropdown(theme_entries, label=_("Theme")), period_menu] if n > 1 else [period_menu]
    period_index = len(menus) - 1
    plot_px = int(bottom + 0.5) * _ROW_PX
    height = plot_px + 90 + SPACE["xl"]
    fig.update_layout(
        base_layout(title=_("Timeline of the course's dated events, {first}–{last}").format(
            first=first_year, last=last_year), height=height),
        xaxis={"type": "date", "range": full_x, "showgrid": True,
               **({"tickformat": "%Y年"} if language() == "ja" else {})},
        yaxis={"range": full_y, "visible": False, "fixedrange": True},
        shapes=shapes,
        annotations=annotations,
        hovermode="closest",
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 90, "b": SPACE["xl"]},
        updatemenus=menus,
        meta={
            "subtitle": _("Every dated event in the course's data tables, one lane per theme. "
                         "Events of one theme on the same date share a marker; hover over it "
                         "(or tap it) for the events, their dates and sources."),
            "notes": _("● the day is known   ◆ only the month is known   ○ only the year is known "
                      "(placed at 1 July)."),
            "source": _("The course's data tables (data/); each event's sources are in its hover text."),
            "description": _("{events} events from {first} to {last} in {count} lanes: {lanes}.").format(
                events=len(events), first=first_year, last=last_year, count=n,
                lanes=_("; ").join(_("{theme}, {markers} markers").format(
                    theme=_(t), markers=int((df["theme"] == t).sum())) for t in themes)),
            "narrow": {"title.text": _("Timeline of the course's events"), "title.font.size": 14,
                       "font.size": 11,
                       f"updatemenus.{period_index}.type": "dropdown",
                       f"updatemenus.{period_index}.direction": "down"}},
    )
    return fig


def events_table(events: pd.DataFrame) -> DataTable:
    """The events of :func:`proliferation_course.timeline.collect_events` as the timeline page
    lists them under the figure, with their sources."""
    shown = events.assign(theme=[_(str(t)) for t in events["theme"]])
    return data_table(shown, {"date_text": _("Date"), "label": _("Event"), "theme": _("Theme"),
                              "table": _("Table")},
                      caption=_("Every dated event in the course's data tables ({count} events)").format(
                          count=len(events)))
