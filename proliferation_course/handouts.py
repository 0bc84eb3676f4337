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
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from .data import load_table
from .references import short_citation
from .tables import data_table

__all__ = ["PARTS", "Handout", "chapter_sections", "handout", "plain_markdown"]

ROOT = Path(__file__).resolve().parent.parent
TOC = ROOT / "_toc.yml"

#: For each part: its handout id, its caption in _toc.yml, and its key tables with
#: the columns shown ({column: heading}).
PARTS: dict[str, dict] = {
    "part1": {
        "caption": "Part I: the security of allies",
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


_ROLE = re.compile(r"\{(cite:p|cite:t|cite|term|ja|doc|download)\}`([^`]*)`")


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
