"""The course's timeline: every dated event of the data tables, one lane per theme.

The events come from :func:`proliferation_course.timeline.collect_events`.
Each theme is one trace in its own horizontal lane. Over the whole period,
each theme's events of one year share one marker in the middle of the year
(its hover lists them, with their dates), so that every lane is one row:
the crowded recent years take no more room than the others. The buttons for
a close-up period redraw the markers: there, events of one theme on the same
date share a marker, markers that would overlap inside a lane are stacked on
rows of their own, and the lanes are laid out again. A close-up's marker
tells how precisely the date is known (a filled circle for a day, a diamond
for a month, an open circle for a year); in the whole period, a square holds
several events. Everything is precomputed: a dropdown shows all themes or
one (setting the traces' visibility and fitting the vertical axis to the
theme's lane), and the period buttons bring their own markers, lanes and
theme menu (showing all themes again).

Colours are palette entries (:func:`proliferation_course.figures.style.color`):
one unordered category per theme, so that dark mode reaches every marker.
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Any

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
    "period_view",
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
#: Marker symbol for each precision of a date; ``several`` for a whole-period marker of several events.
SYMBOLS: dict[str, str] = {"day": "circle", "month": "diamond", "year": "circle-open", "several": "square"}
#: Close-ups offered after the whole period: (button label, first day, last day).
PERIODS: tuple[tuple[str, str, str], ...] = (
    ("1968–1976", "1967-10-01", "1977-03-31"),
    ("1985–2007", "1984-07-01", "2008-06-30"),
    ("2020–2026", "2019-10-01", "2026-06-30"),
)
#: In a close-up, two markers of a lane closer than this share no row (a fraction of the period).
MIN_GAP = 0.012
#: Over the whole period, markers of one lane at least this far apart share a row: one marker
#: per year, each in the middle of its year, so that every lane is one row.
YEAR_GAP = pd.Timedelta(days=360)
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


def _sources(sub: pd.DataFrame) -> tuple[str, str]:
    keys = list(dict.fromkeys(k for s in sub["source"] for k in cite_keys(s)))
    return (_wrap(_("Sources: {sources}").format(sources="; ".join(short_citation(k) for k in keys))),
            ", ".join(dict.fromkeys(str(t) for t in sub["table"])))


def _group(df: pd.DataFrame) -> pd.DataFrame:
    """One row per marker: the events of one theme on one date (and precision), with their hover text.

    ``customdata`` holds the date as known, the label (or a bulleted list of the
    labels), the sources and the tables.
    """
    rows = []
    for (theme, day, precision), sub in df.groupby(["theme", "date", "precision"], sort=False):
        labels = list(sub["label"])
        text = _wrap(labels[0]) if len(labels) == 1 else "<br>".join("• " + _wrap(t) for t in labels)
        rows.append({"date": day, "theme": theme, "symbol": SYMBOLS[str(precision)], "count": len(labels),
                     "customdata": (_hover_date(str(sub["date_text"].iloc[0]), str(precision)), text,
                                    *_sources(sub))})
    return pd.DataFrame(rows, columns=["date", "theme", "symbol", "count", "customdata"]
                        ).sort_values("date", kind="mergesort").reset_index(drop=True)


def _group_by_year(df: pd.DataFrame) -> pd.DataFrame:
    """One row per marker of the whole period: the events of one theme in one year, at 1 July.

    A year of one event keeps that event's hover (and its precision's
    symbol); a year of several lists each event with its date, under the
    year and the number of events.
    """
    rows = []
    for (theme, year), sub in df.groupby(["theme", df["date"].dt.year], sort=False):
        if len(sub) == 1:
            row = _group(sub).iloc[0].to_dict()
        else:
            text = "<br>".join("• " + _wrap(_("{date}: {event}").format(date=d, event=label))
                               for d, label in zip(sub["date_text"], sub["label"], strict=True))
            row = {"theme": theme, "symbol": SYMBOLS["several"], "count": len(sub),
                   "customdata": (_("{year}: {count} events").format(year=year, count=len(sub)), text,
                                  *_sources(sub))}
        rows.append({**row, "date": pd.Timestamp(year=int(str(year)), month=7, day=1)})
    return pd.DataFrame(rows).sort_values("date", kind="mergesort").reset_index(drop=True)


def lane_layout(events: pd.DataFrame, gap: pd.Timedelta | None = None, themes: Sequence[str] | None = None
                ) -> tuple[list[str], dict[str, tuple[float, float]], list[float]]:
    """Where each event sits: themes shown, each theme's lane and each event's vertical position.

    Lanes run from the top (position 0 downwards, the axis being reversed);
    each starts with a row for its heading. Two events of a lane closer than
    ``gap`` (by default :data:`MIN_GAP` of the events' span) share no row.
    ``themes`` gives lanes to themes with no event too (one empty row each);
    by default, the themes of the events. Returns the themes in display
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
    present = set(events["theme"]) | set(themes or ())
    themes = [t for t in THEMES if t in present]
    if gap is None:
        gap = max((events["date"].max() - events["date"].min()) * MIN_GAP, pd.Timedelta(days=1))
    y = [0.0] * len(events)
    lanes: dict[str, tuple[float, float]] = {}
    top = 0.0
    for theme in themes:
        idx = [i for i, t in enumerate(events["theme"]) if t == theme]
        order = sorted(idx, key=lambda i: events["date"].iloc[i])
        rows = _stack([events["date"].iloc[i] for i in order], gap)
        for i, r in zip(order, rows, strict=True):
            y[i] = top + 1.0 + r  # row 0 of the lane holds its heading
        height = 1 + max(rows, default=0) + 1
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
    checked = _check(events)
    themes = [t for t in THEMES if t in set(checked["theme"])]
    first, last = checked["date"].min(), checked["date"].max()
    first_year, last_year = first.year, last.year
    pad = max((last - first) * _PAD, pd.Timedelta(days=30))  # no marker cut by the plot's edge
    full_x = [(first - pad).strftime("%Y-%m-%d"), (last + pad).strftime("%Y-%m-%d")]
    periods = [(f"{first_year}–{last_year}", full_x)]
    periods += [(label, [start, end]) for label, start, end in PERIODS
                if [start, end] != full_x and label != periods[0][0]]
    views = [period_view(checked, None if k == 0 else rng, themes) for k, (_label, rng) in enumerate(periods)]
    n = len(themes)
    whole, whole_lanes, whole_state, whole_layout = views[0]
    fig = go.Figure()
    for i, theme in enumerate(themes):
        swatch = _color(theme)
        fig.add_trace(go.Scatter(
            x=whole_state["x"][i], y=whole_state["y"][i], mode="markers", name=_(theme), showlegend=False,
            marker={"size": 10, "color": swatch, "symbol": whole_state["marker.symbol"][i],
                    "line": {"width": 2, "color": swatch}},
            customdata=whole_state["customdata"][i],
            hovertemplate=("<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}<br><i>"
                           + _("Table: %{customdata[3]}") + "</i><extra></extra>"),
        ))
    # With one theme, the filter would have nothing to change.
    theme_index = 0 if n > 1 else None
    period_entries = []
    for (label, rng), (_df, _lanes, state, layout) in zip(periods, views, strict=True):
        if theme_index is None:
            layout = {k: v for k, v in layout.items() if not k.startswith("updatemenus")}
        period_entries.append(choice(label, state=state, layout={"xaxis.range": rng, **layout},
                                     traces=list(range(n))))
    period_menu = button_row(period_entries, label=_("Period"))
    period_menu.update({"x": 1, "xanchor": "right"})  # where plotly draws it (Jupyter)
    menus = ([dropdown(whole_layout["updatemenus[0].buttons"], label=_("Theme")), period_menu]
             if n > 1 else [period_menu])
    period_index = len(menus) - 1
    bottom = max(view[3]["yaxis.range"][0] for view in views)  # the tallest view sets the height
    df = whole
    plot_px = int(bottom + 0.5) * _ROW_PX
    height = plot_px + 90 + SPACE["xl"]
    fig.update_layout(
        base_layout(title=_("Timeline of the course's dated events, {first}–{last}").format(
            first=first_year, last=last_year), height=height),
        xaxis={"type": "date", "range": full_x, "showgrid": True,
               **({"tickformat": "%Y年"} if language() == "ja" else {})},
        yaxis={"range": whole_layout["yaxis.range"], "visible": False, "fixedrange": True},
        shapes=whole_layout["shapes"],
        annotations=whole_layout["annotations"],
        hovermode="closest",
        margin={"l": SPACE["s"], "r": SPACE["s"], "t": 90, "b": SPACE["xl"]},
        updatemenus=menus,
        meta={
            "subtitle": _("Every dated event in the course's data tables, one lane per theme. Over the "
                         "whole period, a theme's events of one year share a marker; a period's "
                         "buttons show each date. Hover over a marker (or tap it) for the events, "
                         "their dates and sources."),
            "notes": _("● the day is known   ◆ only the month is known   ○ only the year is known "
                      "(placed at 1 July)   ■ several events in that year (whole period; placed at "
                      "1 July)."),
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


def period_view(events: pd.DataFrame, period: Sequence[str] | None, themes: Sequence[str]
                ) -> tuple[pd.DataFrame, dict[str, tuple[float, float]], dict[str, list[Any]], dict[str, Any]]:
    """The markers, lanes and controls of one view: the whole period (``None``) or a close-up.

    The whole period groups each theme's events by year (:data:`YEAR_GAP`: one
    row per lane); a close-up ``[first day, last day]`` holds the events of
    those days, one marker per theme and date, stacked with :data:`MIN_GAP` of
    the period. Returns the markers (with their ``y``), each theme's lane, the
    ``restyle`` payload of the traces (one per theme of ``themes``, in order)
    and the layout keys of the view: the vertical range, the lanes' bands
    and headings, and the theme menu's entries for these lanes.
    """
    if period is None:
        markers, gap = _group_by_year(events), YEAR_GAP
    else:
        first_day, last_day = pd.Timestamp(period[0]), pd.Timestamp(period[1])
        markers = _group(events[events["date"].between(first_day, last_day)])
        gap = (last_day - first_day) * MIN_GAP
    _themes, lanes, y = lane_layout(markers, gap=gap, themes=themes)
    markers = markers.assign(y=y)
    state: dict[str, list[Any]] = {"x": [], "y": [], "customdata": [], "marker.symbol": [],
                                   "visible": [True] * len(themes)}
    for theme in themes:
        sub = markers[markers["theme"] == theme]
        state["x"].append([d.strftime("%Y-%m-%d") for d in sub["date"]])
        state["y"].append(list(sub["y"]))
        state["customdata"].append([list(c) for c in sub["customdata"]])
        state["marker.symbol"].append(list(sub["symbol"]))
    bottom = max(end for _top, end in lanes.values())
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
    n = len(themes)
    entries = [choice(_("All themes"), state={"visible": [True] * n}, layout={"yaxis.range": [bottom, -0.5]})]
    for i, theme in enumerate(themes):
        top, end = lanes[theme]
        entries.append(choice(_(theme), state={"visible": [j == i for j in range(n)]},
                              layout={"yaxis.range": [end, top]}))
    layout = {"yaxis.range": [bottom, -0.5], "shapes": shapes, "annotations": annotations,
              "updatemenus[0].buttons": entries, "updatemenus[0].active": 0}
    return markers, lanes, state, layout


def events_table(events: pd.DataFrame) -> DataTable:
    """The events of :func:`proliferation_course.timeline.collect_events` as the timeline page
    lists them under the figure, with their sources."""
    shown = events.assign(theme=[_(str(t)) for t in events["theme"]])
    return data_table(shown, {"date_text": _("Date"), "label": _("Event"), "theme": _("Theme"),
                              "table": _("Table")},
                      caption=_("Every dated event in the course's data tables ({count} events)").format(
                          count=len(events)))
