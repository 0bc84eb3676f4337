"""Printable seminar handouts, one per part of the course, assembled from the chapters.

A handout holds, for each chapter of a part, its summary and its discussion
questions (without the instructor notes), then the part's key data tables.
Nothing is retyped: the text is read from the chapter sources and the tables
from ``data/``. The page ``book/handouts/<part>.md`` shows it; after the site
is built, ``scripts/make_handouts.py`` prints each handout page to PDF with
Debian's chromium (no download, no network).
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from markdown_it import MarkdownIt

from .citation import title as course_title
from .data import load_table
from .i18n import N_, _, language, speaking  # noqa: F401 (speaking: the doctests)
from .references import short_citation
from .tables import data_table, html_text

__all__ = ["PARTS", "Handout", "chapter_sections", "handout", "plain_markdown"]

ROOT = Path(__file__).resolve().parent.parent
TOC = ROOT / "_toc.yml"

#: For each part: its handout id, its caption in _toc.yml, and its key tables with
#: the columns shown ({column: heading}).
PARTS: dict[str, dict] = {
    "part1": {
        "caption": "Part I: the security of allies",
        "title": N_("Part I, the security of allies"),
        "tables": {
            "nuclear_forces_2025": {"state": "State", "deployed": "Deployed", "stored": "Stored",
                                    "total_inventory": "Total inventory", "npt_status": "NPT status"},
            "proliferation_timelines": {"state": "State", "explore": "Explore", "pursue": "Pursue",
                                        "acquire": "Acquire", "first_test": "First test"},
            "preventive_strikes": {"date": "Date", "operation": "Operation", "striker": "Striker",
                                   "target_state": "Target state"},
            "npt_milestones": {"date": "Date", "party": "Party", "description": "Event"},
        },
    },
    "part2": {
        "caption": "Part II: the international order",
        "title": N_("Part II, the international order"),
        "tables": {
            "npt_parties_by_year": {"year": "Year", "parties": "Parties", "counted_by": "Counted by"},
            "norm_states": {"state": "State", "latency_facilities": "E&R facilities",
                            "complies_today": "Complies today", "role": "Role in the norm"},
            "latent_capability": {"state": "State", "enrichment_facilities": "Enrichment",
                                  "reprocessing_facilities": "Reprocessing"},
            "rok_nuclear_polls": {"survey": "Survey", "year": "Year", "in_favour": "In favour (%)",
                                  "against": "Against (%)"},
        },
    },
    "part3": {
        "caption": "Part III: the alternatives",
        "title": N_("Part III, the alternatives"),
        "tables": {
            "strike_systems": {"label": "System", "operator": "Operator", "kind": "Kind",
                               "range_km": "Range (km)", "status": "Status"},
            "support_timeline": {"date": "Date", "parties": "Parties", "title": "Event"},
            "poland_korea_agreements": {"date": "Date", "system": "System", "event": "Agreement",
                                        "quantity": "Quantity"},
        },
    },
}


def chapter_sections(path: Path) -> dict[str, str]:
    """The level-2 sections of a MyST chapter, by heading (the notebook header left out)."""
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        text = text.split("---", 2)[2]
    sections: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            sections[current] = ""
        elif line.startswith("# ") and current is None:
            sections["_title"] = line[2:].strip()
        elif current is not None:
            sections[current] += line + "\n"
    return sections


_ROLE = re.compile(r"\{(cite:p|cite:t|cite|term|ja|en|doc|download|ref|glue:text)\}`([^`]*)`")


def _role(match: re.Match[str]) -> str:
    role, text = match.group(1), match.group(2)
    if role.startswith("cite"):
        labels = "; ".join(short_citation(k.strip()) for k in text.split(","))
        return f"({labels})" if role != "cite:t" else labels
    if "<" in text and text.endswith(">"):  # {term}`shown text <Term>`
        return text.split("<")[0].strip()
    return text


def plain_markdown(text: str) -> str:
    """MyST text made plain for print: roles resolved to text, directives dropped.

    Examples
    --------
    >>> plain_markdown("A {term}`triad` ({ja}`核`) {cite:p}`schelling1966`.")
    'A triad (核) (Schelling 1966).'
    """
    out, skip = [], 0
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```{", ":::{")):
            skip += 1
            continue
        if skip and stripped in ("```", ":::"):
            skip -= 1
            continue
        if not skip:
            out.append(line)
    return _ROLE.sub(_role, "\n".join(out)).strip()


def _part_chapters(caption: str) -> list[Path]:
    toc = yaml.safe_load(TOC.read_text(encoding="utf-8"))
    for part in toc.get("parts", []):
        if part.get("caption") == caption:
            return [ROOT / f"{c['file']}.md" for c in part["chapters"]]
    raise KeyError(f"no part captioned {caption!r} in {TOC.name}")


@dataclass(frozen=True)
class Handout:
    """A part's handout; displays itself as HTML."""

    id: str
    caption: str
    chapters: tuple[tuple[str, str, str], ...]  # (title, summary html, questions html)
    tables: tuple[str, ...]  # rendered data tables

    def to_html(self) -> str:
        md = MarkdownIt("commonmark")
        parts = [f'<div class="course-handout" id="handout-{html.escape(self.id)}">']
        for title, summary, questions in self.chapters:
            parts.append(f'<section class="course-handout-chapter"><p class="course-handout-title">'
                         f"<strong>{html.escape(title)}</strong></p>")
            parts.append("<p><em>Summary</em></p>" + md.render(summary))
            parts.append("<p><em>Discussion questions</em></p>" + md.render(questions))
            parts.append("</section>")
        parts.append('<section class="course-handout-data"><p><strong>Key data</strong></p>')
        parts.extend(self.tables)
        parts.append("</section></div>")
        return "\n".join(parts)

    def _repr_html_(self) -> str:
        return self.to_html()


def handout(part_id: str) -> Handout:
    """Assemble the handout of one part (``"part1"``) from its chapters and tables."""
    if part_id not in PARTS:
        raise KeyError(f"no handout {part_id!r}; known: {', '.join(PARTS)}")
    spec = PARTS[part_id]
    chapters = []
    for path in _part_chapters(spec["caption"]):
        sections = chapter_sections(path)
        missing = [s for s in ("_title", "Summary", "Discussion questions") if s not in sections]
        if missing:
            raise ValueError(f"{path.name}: no {', '.join(missing)} section for the handout")
        chapters.append((sections["_title"], plain_markdown(sections["Summary"]),
                         plain_markdown(sections["Discussion questions"])))
    tables = []
    for name, columns in spec["tables"].items():
        df = load_table(name)
        tables.append(data_table(df, columns, caption=df.attrs["title"]).to_html())
    return Handout(part_id, spec["caption"], tuple(chapters), tuple(tables))


# ---------------------------------------------------------------------------
# Seminar packets: one per week of the 13-week syllabus and one per part,
# printed to PDF by scripts/make_handouts.py from the built pages of each edition.
# ---------------------------------------------------------------------------
#
# A packet is assembled from the chapter pages as the build rendered them from their
# sources: the summary (the reading's key points), the explorer with its key figure
# (the figure's own JSON, drawn in its default state), the figure's "Things to try"
# turned into a predict-and-record worksheet, and the discussion questions. The
# learner edition's pages hold no instructor notes, so neither do its packets; the
# instructor edition's pages hold them after each question, so its packets print them.

SYLLABUS = ROOT / "book" / "instructor" / "syllabus.md"
ROLE_CARDS = "book/instructor/role_cards"
SCORING_SHEET = "book/instructor/scoring_sheet"
#: The print width of a figure, in CSS pixels: an A4 page less 15 mm margins (180 mm).
PRINT_WIDTH = 680
#: The width a figure is drawn at before it is scaled to the print width: about the website's
#: column, which the figures are designed for (narrower, a long axis title may be cut).
DRAW_WIDTH = 820

_CHAPTER_LINK = re.compile(r"\.\./chapters/(ch\d\d_[a-z0-9_]+)>")
_QUESTIONS = re.compile(r"Ch\.\s*(\d+),\s*((?:(?:and\s+)?Q\d+(?:,\s*)?\s*)+)", re.IGNORECASE)


@dataclass(frozen=True)
class Week:
    """One row of the syllabus's 13-week plan."""

    number: int
    chapters: tuple[str, ...]  # chapter file stems, e.g. "ch03_breakout"
    questions: dict[str, tuple[int, ...]]  # chapter stem -> questions set for the session
    cells: dict[str, str]  # column heading -> the cell's text made plain (for the instructor edition)
    source: dict[str, str] = field(default_factory=dict)  # column heading -> the cell's MyST source


def syllabus_weeks(path: Path = SYLLABUS) -> list[Week]:
    """The weeks of the syllabus's "A 13-week plan" table, read from its source.

    Raises ``ValueError`` naming the week (or the missing table) when a row names no
    chapter or the weeks are not numbered 1, 2, 3 and so on.
    """
    sections = chapter_sections(path)
    plan = next((body for title, body in sections.items() if title.startswith("A 13-week plan")), None)
    if plan is None:
        raise ValueError(f"{path.name}: no section 'A 13-week plan' with the weekly table")
    rows = [line for line in plan.splitlines() if line.startswith("|")]
    if len(rows) < 3:
        raise ValueError(f"{path.name}: the 13-week plan has no table")
    head = [c.strip() for c in rows[0].strip("|").split("|")]
    stems = {p.stem: n for n, p in enumerate(sorted((ROOT / "book" / "chapters").glob("ch*.md")), 1)}
    by_number = {n: stem for stem, n in stems.items()}
    weeks: list[Week] = []
    for line in rows[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        row = dict(zip(head, cells, strict=False))
        number = int(row["Week"]) if row.get("Week", "").isdigit() else -1
        if number != len(weeks) + 1:
            raise ValueError(f"{path.name}: week {row.get('Week')!r} follows week {len(weeks)}")
        chapters = tuple(dict.fromkeys(_CHAPTER_LINK.findall(row.get("Chapters", ""))))
        if not chapters:
            raise ValueError(f"{path.name}: week {number} names no chapter (a {{doc}} link to ../chapters/)")
        questions: dict[str, tuple[int, ...]] = {}
        for ch, qs in _QUESTIONS.findall(row.get("Discussion", "")):
            stem = by_number.get(int(ch))
            if stem is None:
                raise ValueError(f"{path.name}: week {number} sets questions of chapter {ch}, "
                                 "which does not exist")
            asked = set(questions.get(stem, ())) | {int(q) for q in re.findall(r"\d+", qs)}
            questions[stem] = tuple(sorted(asked))
        plain = {k: plain_markdown(v) for k, v in row.items() if k not in ("Week",)}
        weeks.append(Week(number, chapters, questions, plain, {k: v for k, v in row.items() if k != "Week"}))
    if not weeks:
        raise ValueError(f"{path.name}: the 13-week plan's table has no weeks")
    return weeks


#: The 13-week plan's column headings, as the instructor packets print them.
PLAN_COLUMNS = (N_("Chapters"), N_("Reading"), N_("Explorer activity"), N_("Exercise"), N_("Discussion"))
SYLLABUS_CATALOGUE = ROOT / "locales" / "{lang}" / "LC_MESSAGES" / "book" / "instructor" / "syllabus.po"


def _plan_cells(week: Week) -> dict[str, str]:
    """A week's cells in the language spoken now: the English made plain, or its translation from the
    syllabus page's catalogue (the same units the translated syllabus page shows)."""
    lang = language()
    if lang == "en" or not week.source:
        return dict(week.cells)
    from .i18n import read_catalogue

    path = Path(str(SYLLABUS_CATALOGUE).format(lang=lang))
    units = ({e.msgid: e.msgstr for e in read_catalogue(path) if e.msgstr and not e.fuzzy}
             if path.is_file() else {})
    return {k: plain_markdown(units.get(week.source.get(k, ""), "")) or v for k, v in week.cells.items()}


@dataclass(frozen=True)
class Packet:
    """A printable seminar packet: a week of the syllabus or a part of the course."""

    id: str  # "week03", "part1"
    title: str
    chapters: tuple[str, ...]
    week: Week | None = None
    part: str | None = None


def packets(syllabus: Path = SYLLABUS) -> list[Packet]:
    """Every packet: one per week of the syllabus, then one per part."""
    out = []
    for week in syllabus_weeks(syllabus):
        out.append(Packet(f"week{week.number:02d}", _("Week {number}").format(number=week.number),
                          week.chapters, week=week))
    for part_id, spec in PARTS.items():
        stems = tuple(p.stem for p in _part_chapters(spec["caption"]))
        out.append(Packet(part_id, _(spec["title"]), stems, part=part_id))
    return out


# ---- reading the built pages ----

def _soup(page_html: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup(page_html, "html.parser")


def _printable(node) -> str:
    """A fragment of a built page made fit for paper: no permalinks, no code, links as text."""
    from bs4 import BeautifulSoup

    frag = BeautifulSoup(str(node), "html.parser")
    for junk in frag.select("a.headerlink, details.hide, .cell_input, script, .course-frame-controls, "
                            "details.course-figure-data, .course-figure"):
        junk.decompose()
    for a in frag.find_all("a"):
        a.name = "span"
        for attr in ("href", "title", "target", "rel", "download"):
            a.attrs.pop(attr, None)
        a.attrs.pop("class", None)
    return str(frag)


def _inner(node) -> str:
    """The printable HTML inside ``node`` (without its own tag)."""
    frag = _soup(_printable(node))
    top = frag.find(node.name)
    return top.decode_contents().strip() if top is not None else str(frag)


def _unwrap_p(fragment: str) -> str:
    """A list item's one paragraph without its ``<p>`` (so that a label can run into it).

    >>> _unwrap_p("<p>Move the slider.</p>")
    'Move the slider.'
    >>> _unwrap_p("<p>One.</p><p>Two.</p>")
    '<p>One.</p><p>Two.</p>'
    """
    inner = fragment.strip()
    if inner.startswith("<p>") and inner.endswith("</p>") and inner.count("<p>") == 1:
        return inner[3:-4]
    return fragment


@dataclass(frozen=True)
class FigurePrint:
    """An explorer's figure on paper: its frame's text, its JSON and what to try with it."""

    title: str
    subtitle: str
    notes: str
    source: str
    figure_json: str
    things_to_try: tuple[str, ...]  # HTML of each item


@dataclass(frozen=True)
class ExplorerPrint:
    heading: str
    intro: tuple[str, ...]  # HTML paragraphs before the figure
    figures: tuple[FigurePrint, ...]


@dataclass(frozen=True)
class ChapterPrint:
    """What a packet prints of one chapter, taken from its built page."""

    stem: str
    title: str
    key_points: str  # HTML
    explorers: tuple[ExplorerPrint, ...]
    questions: tuple[str, ...]  # HTML of each question, with its notes in the instructor edition
    plotly_src: str | None


def _text(node) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def _figure(div, frame) -> FigurePrint:
    """One figure of a built page: ``div`` is its ``div.course-figure``, ``frame`` the
    ``div.course-frame`` around it that holds its title, notes and source (or None)."""
    data = div.find_next("script", id=div.get("data-figure"))
    if data is None:
        raise ValueError(f"figure {div.get('id')!r} has no figure data")
    if frame is None:
        return FigurePrint(div.get("aria-label", ""), "", "", "", data.string or "", ())
    notes = frame.select_one(".course-frame-notes")
    source = frame.select_one(".course-frame-source")
    for label in (notes, source):
        if label is not None and label.span is not None:
            label.span.decompose()
    return FigurePrint(_text(frame.select_one(".course-frame-title")) or div.get("aria-label", ""),
                       _text(frame.select_one(".course-frame-subtitle")),
                       _text(notes), _text(source), data.string or "", ())


def chapter_print(page_html: str, stem: str) -> ChapterPrint:
    """Read one built chapter page: title, summary, explorers with their figures, questions.

    The explorer's key figures are those of its section before its first subsection
    (the live version and the model's details follow in subsections); each is paired
    with the "Things to try" list that follows it. Raises ``ValueError`` naming the
    chapter when a part is missing.
    """
    soup = _soup(page_html)
    h1 = soup.select_one("main h1") or soup.find("h1")
    if h1 is None:
        raise ValueError(f"{stem}: the built page has no title")
    title = _text(h1).rstrip("#").strip()
    # Sections are found by their ids, which a translated page keeps from the English source
    # ("summary", "discussion-questions", "explorer-..."), not by their headings' words.
    found: dict[str, tuple[str, Any]] = {}
    for sec in soup.select("section[id]"):
        h2 = sec.find("h2", recursive=False)
        if h2 is not None:
            found[sec["id"]] = (_text(h2).rstrip("#").strip(), sec)
    summary = found.get("summary", (None, None))[1]
    questions = found.get("discussion-questions", (None, None))[1]
    if summary is None or questions is None:
        missing = [n for n, s in (("Summary", summary), ("Discussion questions", questions)) if s is None]
        raise ValueError(f"{stem}: no {' or '.join(missing)} section on the built page")
    key_points = "".join(_printable(c) for c in summary.find_all(recursive=False) if c.name != "h2")
    qs: list[str] = []
    for child in questions.find_all(recursive=False):
        if child.name == "h2":
            continue
        if child.name == "ol" or not qs:
            qs.append(_printable(child))
        else:  # a note (instructor edition) or a paragraph belongs to the question before it
            qs[-1] += _printable(child)
    explorers = []
    for sec_id, (heading, sec) in found.items():
        if not sec_id.startswith("explorer"):
            continue
        intro: list[str] = []
        figures: list[FigurePrint] = []
        for child in sec.find_all(recursive=False):
            if child.name == "section":
                break
            divs = child.select("div.course-figure") if child.name == "div" else []
            if divs:
                figures.extend(_figure(d, d.find_parent("div", class_="course-frame")) for d in divs)
            elif child.name == "ul" and figures and not figures[-1].things_to_try:
                last = figures[-1]
                items = tuple(_unwrap_p(_inner(li)) for li in child.find_all("li", recursive=False))
                figures[-1] = FigurePrint(last.title, last.subtitle, last.notes, last.source,
                                          last.figure_json, items)
            elif child.name == "p" and not figures:
                intro.append(_printable(child))
        if not figures:
            raise ValueError(f"{stem}: the section {heading!r} shows no figure before its subsections")
        explorers.append(ExplorerPrint(heading, tuple(intro), tuple(figures)))
    src = re.search(r'COURSE_PLOTLY_SRC = "([^"]+)"', page_html)
    return ChapterPrint(stem, title, key_points, tuple(explorers), tuple(qs),
                        src.group(1).rsplit("_static/", 1)[-1] if src else None)


# ---- writing a packet ----

#: The packets' own words, by name (English, marked for translation; shown with ``_(WORDS.name)``);
#: "page" is the footer, where chromium replaces the two spans with the page number and the count.
WORDS = SimpleNamespace(
    figure=N_("Figure {number}."),
    figure_title=N_("{title}."),
    set_and_ask=N_("Set and ask"),
    predict=N_("Before: I predict"),
    saw=N_("After: I saw"),
    worksheet=N_("Worksheet: predict, then record"),
    questions=N_("Discussion questions"),
    key_points=N_("Key points of the reading"),
    in_class=N_("In class this week: {questions}."),
    plan=N_("The syllabus for this week"),
    worksheet_how=N_("For each line: read what to set, write down what you expect <em>before</em> "
        "you touch the explorer, then set it and record what you saw."),
    how=N_("This packet holds, for each chapter, the key points of the reading, each "
        "explorer's key figure with a worksheet to predict and record what it shows, "
        "and the discussion questions. It is printed from the course's pages, so it "
        "matches the website."),
    page=N_("Page {page} of {total}"),
    role_cards=N_("Capstone: role cards"),
    scoring_sheet=N_("Capstone: scoring sheet"),
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def running_title(title: str, edition: str) -> str:
    """The title printed at the top of every page of a packet.

    >>> running_title("Week 3", "instructor")
    'Selective nuclear proliferation: a course · Week 3 · Instructor edition'
    >>> with speaking("ja"):
    ...     running_title("第3週", "learner")
    '「選択的核拡散」をめぐる論争：講義 · 第3週'
    """
    out = f"{course_title()} · {title}"
    return out + " · " + _("Instructor edition") if edition == "instructor" else out


def _figure_html(fig: FigurePrint, key: str, number: int) -> str:
    title = _(WORDS.figure_title).format(title=fig.title) if fig.title else ""
    caption = [f"<strong>{_e(_(WORDS.figure).format(number=number))}</strong> {_e(title)}"]
    if fig.subtitle:
        caption.append(_e(fig.subtitle))
    if fig.notes:
        caption.append(_e(_("Note: {text}").format(text=fig.notes)))
    if fig.source:
        caption.append(_e(_("Source: {text}").format(text=fig.source)))
    caption.append(_e(_("Printed in the explorer's default state; on the website its controls change it.")))
    return (f'<figure class="packet-figure"><div class="packet-plot" id="{key}" data-figure="{key}-data" '
            f'role="img" aria-label="{_e(fig.title or "Figure")}"></div>'
            f'<script type="application/json" id="{key}-data">{fig.figure_json}</script>'
            f'<figcaption>{" ".join(caption)}</figcaption></figure>')


def _worksheet_html(fig: FigurePrint) -> str:
    if not fig.things_to_try:
        return ""
    rows = "".join(
        f'<li class="packet-ws-item"><p class="packet-ws-set">'
        f'<span class="packet-label">{_e(_(WORDS.set_and_ask))}</span> {item}</p><div class="packet-ws-boxes">'
        f'<div class="packet-ws-box"><span class="packet-label">{_e(_(WORDS.predict))}</span></div>'
        f'<div class="packet-ws-box"><span class="packet-label">{_e(_(WORDS.saw))}</span></div></div></li>'
        for item in fig.things_to_try)
    return (f'<section class="packet-worksheet"><h4>{_e(_(WORDS.worksheet))}</h4>'
            '<p class="packet-ws-how">'
            + _(WORDS.worksheet_how) +
            f'</p><ol class="packet-ws">{rows}</ol></section>')


def _keep(heading: str, first: str) -> str:
    """A heading and the block after it, which the printer keeps on one page."""
    return f'<div class="packet-keep">{heading}{first}</div>'


def _questions_html(chapter: ChapterPrint, set_in_class: tuple[int, ...]) -> str:
    blocks = []
    for n, question in enumerate(chapter.questions, 1):
        start = re.search(r'<ol[^>]*\bstart="(\d+)"', question)
        number = int(start.group(1)) if start else n
        cls = "packet-question is-set" if number in set_in_class else "packet-question"
        blocks.append(f'<div class="{cls}">{question}</div>')
    heading = f"<h3>{_e(_(WORDS.questions))}</h3>"
    if set_in_class:
        listed = _(" and ").join(_("Q{number}").format(number=q) for q in set_in_class)
        heading += f'<p class="packet-set">{_e(_(WORDS.in_class).format(questions=listed))}</p>'
    first = blocks.pop(0) if blocks else ""
    return f'<section class="packet-questions">{_keep(heading, first)}{"".join(blocks)}</section>'


def _chapter_html(chapter: ChapterPrint, set_in_class: tuple[int, ...], counter: list[int]) -> str:
    out = ['<section class="packet-chapter">',
           _keep(f"<h2>{_e(chapter.title)}</h2><h3>{_e(_(WORDS.key_points))}</h3>",
                 chapter.key_points)]
    for explorer in chapter.explorers:
        intro = list(explorer.intro)
        out.append('<section class="packet-explorer">')
        out.append(_keep(f"<h3>{_e(explorer.heading)}</h3>", intro.pop(0) if intro else ""))
        out.extend(intro)
        for fig in explorer.figures:
            counter[0] += 1
            out.append(_figure_html(fig, f"packet-fig-{counter[0]}", counter[0]))
            out.append(_worksheet_html(fig))
        out.append("</section>")
    out.append(_questions_html(chapter, set_in_class))
    out.append("</section>")
    return "".join(out)


_DRAW = """
(function () {
  "use strict";
  var root = document.documentElement;
  var jobs = Array.prototype.map.call(document.querySelectorAll("div.packet-plot"), function (div) {
    var fig = JSON.parse(document.getElementById(div.dataset.figure).textContent);
    var layout = fig.layout || {};
    delete layout.updatemenus;
    delete layout.sliders;
    layout.width = %(draw)d;
    layout.autosize = false;
    div.style.width = "%(draw)dpx";
    div.style.zoom = String(%(width)d / %(draw)d);
    var config = Object.assign({}, fig.config || {}, {staticPlot: true, displayModeBar: false, responsive: false});
    return window.Plotly.newPlot(div, fig.data, layout, config).then(function () { div.dataset.drawn = "yes"; });
  });
  Promise.all(jobs).then(function () { root.dataset.figuresReady = "yes"; },
                         function (err) { root.dataset.figuresReady = "failed: " + err; });
})();
"""

_MATHJAX = """window.MathJax = {
  tex: {inlineMath: [["\\\\(", "\\\\)"]], displayMath: [["\\\\[", "\\\\]"]]},
  svg: {fontCache: "global"},
  options: {enableMenu: false},
  startup: {pageReady: function () {
    return MathJax.startup.defaultPageReady().then(function () {
      document.documentElement.dataset.mathReady = "yes";
    });
  }}
};"""


def packet_document(title: str, body: str, *, edition: str, static: str,
                    plotly_src: str | None = None) -> str:
    """A complete printable HTML document: the print stylesheet, MathJax (SVG output, so
    formulas print as vector paths) and, when it holds figures, plotly.js, all from the site."""
    scripts = [f"<script>{_MATHJAX}</script>",
               f'<script src="{static}mathjax/tex-svg.js" defer></script>']
    tail = ""
    if "packet-plot" in body:
        if not plotly_src:
            raise ValueError(f"{title}: the packet has figures but no plotly.js is named")
        scripts.append(f'<script src="{static}{plotly_src}"></script>')
        tail = f"<script>{_DRAW % {'width': PRINT_WIDTH, 'draw': DRAW_WIDTH}}</script>"
    else:
        tail = '<script>document.documentElement.dataset.figuresReady = "yes";</script>'
    kicker = _("Seminar packet") + (" · " + _("Instructor edition: not for students")
                                    if edition == "instructor" else "")
    lang = language()
    return ("<!DOCTYPE html>\n"
            f'<html lang="{lang}" data-edition="{_e(edition)}"><head><meta charset="utf-8">'
            f"<title>{_e(title)}</title>"
            f'<link rel="stylesheet" href="{static}course-print.css">' + "".join(scripts) +
            f'</head><body class="course-packet"><p class="packet-kicker">{_e(course_title())} · {_e(kicker)}</p>'
            f"{body}{tail}</body></html>\n")


def packet_heading(packet: Packet, chapters: dict[str, ChapterPrint]) -> str:
    """A packet's title: a week with its chapter ("Week 3: 3. The road to ..."), a part alone."""
    if packet.part is not None:
        return packet.title
    return _("{week}: {chapters}").format(week=packet.title,
                                          chapters=_("; ").join(chapters[c].title for c in packet.chapters))


def packet_body(packet: Packet, chapters: dict[str, ChapterPrint], *, edition: str,
                extra: str = "") -> str:
    """The body of a packet: its heading, then each chapter, then ``extra`` (a part's data)."""
    missing = [c for c in packet.chapters if c not in chapters]
    if missing:
        raise ValueError(f"packet {packet.id}: no built page for {', '.join(missing)}")
    out = [f"<h1>{_e(packet_heading(packet, chapters))}</h1>"]
    if packet.part is not None:
        listed = "".join(f"<li>{_e(chapters[c].title)}</li>" for c in packet.chapters)
        out.append(f'<ul class="packet-contents">{listed}</ul>')
    if packet.week is not None and edition == "instructor":
        rows = "".join(f"<dt>{_e(_(k))}</dt><dd>{_e(v)}</dd>" for k, v in _plan_cells(packet.week).items()
                       if k != "Chapters")
        out.append(f'<dl class="packet-plan"><p class="packet-label">{_e(_(WORDS.plan))}</p>'
                   f"{rows}</dl>")
    out.append('<p class="packet-how">' + _e(_(WORDS.how)) + "</p>")
    counter = [0]
    for stem in packet.chapters:
        asked = packet.week.questions.get(stem, ()) if packet.week is not None else ()
        out.append(_chapter_html(chapters[stem], asked, counter))
    out.append(extra)
    return "".join(out)


def part_data_html(handout_page_html: str) -> str:
    """The key data section of a part's built handout page (its tables and sources)."""
    soup = _soup(handout_page_html)
    data = soup.select_one("section.course-handout-data")
    if data is None:
        raise ValueError("the handout page has no key data section (section.course-handout-data)")
    blocks = [_printable(c) for c in data.find_all(recursive=False)
              if not (c.name == "p" and _text(c) in ("Key data", _("Key data")))]
    first = blocks.pop(0) if blocks else ""
    heading = f"<h2>{_e(_('Key data'))}</h2>"
    return f'<section class="packet-data">{_keep(heading, first)}{"".join(blocks)}</section>'


def role_cards_body(page_html: str) -> str:
    """The role cards of the built instructor page, one card per printed page.

    The page's introduction and each variant's opening paragraphs come first; then
    every card (a level-3 section) starts a page, headed by its variant.
    """
    soup = _soup(page_html)
    top = soup.select_one("main section[id]") or soup.find("section")
    if top is None:
        raise ValueError("the role-card page has no content section")
    intro, cards = [], []
    for child in top.find_all(recursive=False):
        if child.name == "section":
            h2 = child.find("h2", recursive=False)
            variant = _text(h2).rstrip("#").strip() if h2 else ""
            if variant == "References" or child.get("id") == "references":
                continue
            intro.append(f"<h2>{_e(variant)}</h2>")
            for sub in child.find_all(recursive=False):
                if sub.name == "section":
                    cards.append(f'<section class="packet-card"><p class="packet-label">{_e(variant)}</p>'
                                 f"{_printable(sub)}</section>")
                elif sub.name != "h2":
                    intro.append(_printable(sub))
        else:
            intro.append(_printable(child))
    if not cards:
        raise ValueError("the role-card page has no cards (level-3 sections)")
    return "".join(intro) + "".join(cards)


def sheet_body(page_html: str) -> str:
    """An instructor page (the scoring sheet) for print: its title, and each section from a new page
    when it is a sheet (its heading starts with "Sheet")."""
    soup = _soup(page_html)
    top = soup.select_one("main section[id]") or soup.find("section")
    if top is None:
        raise ValueError("the page has no content section")
    out = []
    for child in top.find_all(recursive=False):
        if child.name == "section":
            h2 = child.find("h2", recursive=False)
            # By heading ("Sheet ...") or, on a translated page, by the id kept from the English source.
            is_sheet = h2 is not None and (_text(h2).startswith("Sheet")
                                           or child.get("id", "").startswith("sheet"))
            cls = "packet-sheet" if is_sheet else "packet-section"
            out.append(f'<section class="{cls}">{_printable(child)}</section>')
        else:
            out.append(_printable(child))
    return "".join(out)


def packet_index(syllabus: Path = SYLLABUS) -> str:
    """The handouts page's list of printable packets (HTML), with their PDFs."""
    items = []
    stems = {p.stem: p for p in sorted((ROOT / "book" / "chapters").glob("ch*.md"))}
    for packet in packets(syllabus):
        titles = _("; ").join(_page_text(f"book/chapters/{c}", chapter_sections(stems[c])["_title"])
                              for c in packet.chapters)
        link = f'<a href="{packet.id}.pdf" download>{_e(packet.title)}</a>'
        items.append(f"<li>{_(L_INDEX_ITEM).format(packet=link, chapters=_e(titles))}</li>")
    link = f'<a href="glossary_bilingual.pdf" download>{_e(_(L_BILINGUAL))}</a>'
    items.append(f"<li>{_(L_INDEX_GLOSSARY).format(handout=link)}</li>")
    return f'<ul class="course-packets">{"".join(items)}</ul>'


L_INDEX_ITEM = N_("{packet}: {chapters} (PDF, A4)")
L_INDEX_GLOSSARY = N_("{handout} (PDF, A4)")


def _page_text(page: str, text: str) -> str:
    """``text`` (a unit of the English page ``page``) in the language spoken now, from the page's
    catalogue (``locales/<lang>/LC_MESSAGES/<page>.po``); the English when it has no translation."""
    lang = language()
    if lang == "en":
        return text
    from .i18n import read_catalogue, unescape_myst

    path = ROOT / "locales" / lang / "LC_MESSAGES" / f"{page}.po"
    if not path.is_file():
        return text
    units = {e.msgid: e.msgstr for e in read_catalogue(path) if e.msgstr and not e.fuzzy}
    return unescape_myst(units.get(text, text))


# ---------------------------------------------------------------------------
# The bilingual glossary: both languages side by side, for seminars that mix them.
# ---------------------------------------------------------------------------

GLOSSARY = ROOT / "book" / "glossary.md"
GLOSSARY_CATALOGUE = ROOT / "locales" / "ja" / "LC_MESSAGES" / "book" / "glossary.po"
L_BILINGUAL = N_("Glossary: English and Japanese side by side")
L_BILINGUAL_HOW = N_("Every term of the course's glossary with its definition in English and in Japanese, "
                     "in the order of the English terms, for seminars that mix the two languages.")
_JAPANESE_TAIL = re.compile(r"\s*Japanese: .*$", re.S)
_EN_ROLE = re.compile(r"\s*\{en\}`([^`]*)`")


@dataclass(frozen=True)
class GlossaryPair:
    """One glossary entry in both languages (MyST made plain)."""

    en_term: str
    en_definition: str
    ja_term: str
    ja_definition: str


def glossary_entries(text: str) -> list[tuple[str, str]]:
    """The ``(term, definition)`` pairs of the ``{glossary}`` block of a MyST page, as written.

    >>> glossary_entries("```{glossary}\\n:sorted:\\n\\nArms race\\n  A spiral.\\n\\n"
    ...                  "Breakout\\n  A move.\\n```\\n")
    [('Arms race', 'A spiral.'), ('Breakout', 'A move.')]
    """
    block = re.search(r"^```\{glossary\}[^\n]*\n(.*?)^```", text, re.M | re.S)
    if block is None:
        raise ValueError("the glossary page has no {glossary} block")
    entries: list[list[str]] = []
    for line in block.group(1).splitlines():
        if not line.strip() or line.startswith(":"):
            continue
        if line[0].isspace():
            if not entries:
                raise ValueError(f"the glossary's definition {line.strip()[:40]!r} has no term")
            entries[-1][1] = (entries[-1][1] + " " + line.strip()).strip()
        else:
            entries.append([line.strip(), ""])
    missing = [t for t, d in entries if not d]
    if missing:
        raise ValueError(f"the glossary's terms {missing} have no definition")
    return [(t, d) for t, d in entries]


def bilingual_glossary(glossary: Path = GLOSSARY,
                       catalogue: Path = GLOSSARY_CATALOGUE) -> list[GlossaryPair]:
    """Every glossary entry with its Japanese translation from the glossary's catalogue.

    Raises ``ValueError`` naming the terms whose term or definition has no (or only a fuzzy)
    translation: a bilingual handout never shows an English cell where the Japanese should be.
    """
    from .i18n import read_catalogue

    units = {e.msgid: e.msgstr for e in read_catalogue(catalogue) if e.msgstr and not e.fuzzy}
    pairs, untranslated = [], []
    for term, definition in glossary_entries(glossary.read_text(encoding="utf-8")):
        ja_term, ja_def = units.get(term), units.get(definition)
        if not ja_term or not ja_def:
            untranslated.append(term)
            continue
        pairs.append(GlossaryPair(term, plain_markdown(_JAPANESE_TAIL.sub("", definition)),
                                  plain_markdown(_EN_ROLE.sub("", ja_term)), plain_markdown(ja_def)))
    if untranslated:
        raise ValueError(f"{catalogue.name}: no Japanese for the glossary terms {untranslated}")
    return sorted(pairs, key=lambda p: unicodedata.normalize("NFKD", p.en_term.lower()))


def bilingual_glossary_html(pairs: list[GlossaryPair]) -> str:
    """The bilingual glossary as a table: English term and definition beside the Japanese ones,
    each cell marked with its language (and the Japanese inside an English cell, as on every page)."""
    rows = "".join(
        f'<tr><th scope="row" lang="en">{html_text(p.en_term)}</th><td lang="en">{html_text(p.en_definition)}</td>'
        f'<th scope="row" lang="ja">{_e(p.ja_term)}</th><td lang="ja">{_e(p.ja_definition)}</td></tr>'
        for p in pairs)
    return ('<div class="course-table-wrap"><table class="course-table course-glossary-bilingual">'
            '<thead><tr><th scope="col" lang="en">Term</th><th scope="col" lang="en">Definition</th>'
            '<th scope="col" lang="ja">用語</th><th scope="col" lang="ja">定義</th></tr></thead>'
            f"<tbody>{rows}</tbody></table></div>")


def bilingual_glossary_body(pairs: list[GlossaryPair]) -> str:
    """The printable bilingual glossary handout (the body of a packet document)."""
    return (f"<h1>{_e(_(L_BILINGUAL))}</h1><p class=\"packet-how\">{_e(_(L_BILINGUAL_HOW))}</p>"
            + bilingual_glossary_html(pairs))
