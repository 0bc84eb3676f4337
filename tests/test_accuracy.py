"""Accuracy checks (issue 16): Japanese is marked as Japanese, and every row says on what it rests.

The first part tests the package's pieces directly: the marking of Japanese
runs, and the basis that every data table shows row by row. The second part
(marked ``build``) reads the built site: every run of Japanese characters on
every page must sit inside an element with ``lang="ja"``, figures on English
pages must carry no Japanese at all (plotly draws text in SVG, where a
language cannot be marked run by run), and every row whose basis is a
judgement must say so on the page that shows it.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from docutils import nodes

from proliferation_course.context import LANGUAGE_ENV, site_build
from proliferation_course.data import load_table, table_names
from proliferation_course.models.argument_map import argument_table, validate_map
from proliferation_course.sphinxext.accessibility import ja
from proliferation_course.sphinxext.japanese import japanese_runs, mark_japanese
from proliferation_course.sphinxext.languages import ENGLISH_CLASSES
from proliferation_course.tables import basis_kind, data_table, html_text
from site_helpers import require_site

# Any kana or kanji: a page may not show one outside lang="ja".
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


# --------------------------------------------------------------------------------------
# Japanese runs
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "runs"), [
    ("Japan's 反撃能力 (counterstrike capability)", ["反撃能力"]),
    ("「選択的核拡散」が米国の同盟国と国際秩序にもたらす危険性. 国問研 (JIIA)",
     ["「選択的核拡散」が米国の同盟国と国際秩序にもたらす危険性", "国問研"]),
    ("核トライアド（3本柱）", ["核トライアド（3本柱）"]),
    ("NATO の CSNO", ["の"]),
    ("no Japanese here", []),
    ("only punctuation 「」", []),
])
def test_japanese_runs(text: str, runs: list[str]) -> None:
    assert [text[a:b] for a, b in japanese_runs(text)] == runs


def test_every_kana_and_kanji_falls_in_a_run() -> None:
    text = "a 拡大抑止 b ならず者的な核拡散国 c 能力・信頼性・伝達 d"
    covered = {i for a, b in japanese_runs(text) for i in range(a, b)}
    assert all(i in covered for i, ch in enumerate(text) if KANA_KANJI.match(ch))


def test_mark_japanese_wraps_unmarked_runs_only() -> None:
    para = nodes.paragraph()
    para += nodes.Text("Albessard. 「選択的核拡散」の危険性. JIIA ")
    para += ja("拡大抑止", "拡大抑止")
    block = nodes.literal_block("", "code = '核'")
    para += block
    assert mark_japanese(para, ja) == 1
    marked = [str(n.astext()) for n in para.findall(ja)]
    assert marked == ["「選択的核拡散」の危険性", "拡大抑止"]
    assert block.astext() == "code = '核'"  # code is left alone
    assert mark_japanese(para, ja) == 0  # idempotent


def test_on_a_japanese_page_only_japanese_inside_english_is_marked() -> None:
    section = nodes.section()
    section += nodes.paragraph("", "", nodes.Text("抑止には能力が要る。"))
    english = nodes.paragraph("", "", nodes.Text("Untranslated: see 拡大抑止."), classes=["untranslated"])
    section += english
    section += nodes.paragraph("", "", nodes.inline("", "", nodes.Text("核の傘"), classes=["lang-en"]))
    assert mark_japanese(section, ja, ENGLISH_CLASSES) == 2
    assert [n.astext() for n in section.findall(ja)] == ["拡大抑止", "核の傘"]
    assert section.children[0].astext() == "抑止には能力が要る。"
    assert not list(section.children[0].findall(ja))  # the page is lang="ja" already


def test_html_text_marks_japanese_and_escapes_the_rest() -> None:
    assert html_text("<b> 護衛 & 空中給油") == (
        '&lt;b&gt; <span lang="ja" class="ja">護衛</span> &amp; '
        '<span lang="ja" class="ja">空中給油</span>')


# --------------------------------------------------------------------------------------
# The basis of each row, on the page
# --------------------------------------------------------------------------------------


def test_basis_kind_refuses_other_words() -> None:
    assert basis_kind("derived: total minus stockpile") == "derived"
    with pytest.raises(ValueError, match="reported, derived, judgement"):
        basis_kind("guess: perhaps")


def test_a_table_without_notes_shows_a_basis_column() -> None:
    roles = load_table("support_roles")
    table = data_table(roles, {"label": "Role", "label_ja": "Essay's wording"}, "Roles")
    assert table.header[-1] == "Basis"
    html = table.to_html()
    for basis in roles["basis"]:
        assert html_lib.escape(basis) in html
    assert '<span lang="ja" class="ja">護衛</span>' in html  # the Japanese column is marked


def test_a_table_on_the_japanese_site_leaves_japanese_unwrapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Japanese site's page is lang="ja" already; a Japanese session in Jupyter is not."""
    roles = load_table("support_roles")
    monkeypatch.setenv(LANGUAGE_ENV, "ja")
    live = data_table(roles, {"label": "Role", "label_ja": "Essay's wording"}, "Roles").to_html()
    assert '<span lang="ja" class="ja">護衛</span>' in live
    with site_build():
        built = data_table(roles, {"label": "Role", "label_ja": "Essay's wording"}, "Roles").to_html()
    assert "護衛" in built and 'class="ja"' not in built


def test_a_table_with_notes_closes_each_note_with_its_basis() -> None:
    presets = load_table("deterrence_presets")
    html = data_table(presets, {"label": "Scenario"}, "Presets", note_column="rationale").to_html()
    assert html.count("<strong>Basis:</strong>") == len(presets)
    assert html.count("judgement: the course authors") == len(presets)


def test_a_derived_frame_finds_its_basis_by_key() -> None:
    amap = validate_map(load_table("argument_map"))
    shown = argument_table(amap)
    assert "basis" not in shown.columns
    table = data_table(shown, {"label": "Node"}, "Map", note_column="detail")
    expected = dict(zip(load_table("argument_map")["node_id"], load_table("argument_map")["basis"],
                        strict=True))
    assert table.row_bases == tuple(expected[n] for n in shown["node_id"])


def test_a_bad_basis_is_refused_on_the_page() -> None:
    df = pd.DataFrame({"x": [1], "source": ["sipri2025"], "basis": ["a guess"]})
    with pytest.raises(ValueError, match="basis must start with"):
        data_table(df, ["x"], "Bad")


def test_no_basis_column_and_no_key_shows_no_basis() -> None:
    df = pd.DataFrame({"x": [1], "source": ["sipri2025"]})
    assert data_table(df, ["x"], "Plain").header == ("x", "Sources")


# --------------------------------------------------------------------------------------
# The built site
# --------------------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
         "source", "track", "wbr"}


class _Page(HTMLParser):
    """Visible text with the language in force, and the text of the figures' JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.unmarked: list[str] = []
        self.figure_json: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data: str) -> None:
        tags = [t for t, _ in self.stack]
        if "script" in tags:
            self.figure_json.append(data)
            return
        if "style" in tags:
            return
        self.text.append(data)
        lang = next((lang for _, lang in reversed(self.stack) if lang), "")
        if not lang.startswith("ja") and KANA_KANJI.search(data):
            self.unmarked.append(" ".join(data.split())[:120])


def _pages() -> list[Path]:
    site = require_site()
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.parts)


def _parse(page: Path) -> _Page:
    parsed = _Page()
    parsed.feed(page.read_text(encoding="utf-8"))
    return parsed


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.build
def test_every_japanese_run_on_every_page_is_marked_as_japanese() -> None:
    problems = []
    pages = _pages()
    assert len(pages) > 30
    for page in pages:
        for text in _parse(page).unmarked:
            problems.append(f"{page.relative_to(require_site())}: {text}")
    assert not problems, "Japanese outside lang=\"ja\":\n" + "\n".join(problems[:40])


@pytest.mark.build
def test_figures_on_english_pages_carry_no_japanese() -> None:
    """Text inside a figure (titles, labels, hover text) cannot carry lang="ja", so it carries none."""
    checked = 0
    problems = []
    for page in _pages():
        source = page.read_text(encoding="utf-8")
        if not re.search(r'<html[^>]*lang="en', source):
            continue
        for block in re.findall(r'<script type="application/json"[^>]*>(.*?)</script>', source, re.S):
            try:
                figure = json.loads(block)
            except json.JSONDecodeError:
                continue
            checked += 1
            for s in _strings(figure):
                if KANA_KANJI.search(s):
                    problems.append(f"{page.name}: {s[:80]}")
    assert checked > 20, "no figure JSON found: has the page format changed?"
    assert not problems, "\n".join(problems[:20])


def _visible(page: Path) -> str:
    return " ".join("".join(_parse(page).text).split())


@pytest.mark.build
def test_the_data_appendix_states_the_basis_of_every_row() -> None:
    text = _visible(require_site() / "book" / "appendix" / "data.html")
    for name in table_names():
        df = load_table(name)
        for basis in sorted(set(df["basis"])):
            assert " ".join(str(basis).split()) in text, (name, basis)
        judgements = int(df["basis"].str.startswith("judgement").sum())
        if judgements:
            assert f"{judgements} judgement" in text, name


# Tables shown in full on a chapter page: every one of their judgement rows must say so there.
SHOWN_IN_FULL = {
    "deterrence_presets": "ch02_deterrence", "breakout_steps": "ch03_breakout",
    "window_presets": "ch04_window", "article_x_cases": "ch05_article_x",
    "norm_states": "ch07_norm", "cascade_states": "ch08_dominoes", "cascade_links": "ch08_dominoes",
    "cascade_presets": "ch08_dominoes", "support_presets": "ch11_support",
    "escalation_rungs": "ch10_conventional", "escalation_scenarios": "ch10_conventional",
    "escalation_presets": "ch10_conventional",
    "support_roles": "ch11_support", "support_capabilities": "ch11_support",
    "two_theatre_presets": "ch12_cross_regional", "option_scores": "ch13_conclusion",
    "option_weight_presets": "ch13_conclusion", "argument_map": "ch01_proposal",
}


@pytest.mark.build
@pytest.mark.parametrize(("name", "chapter"), sorted(SHOWN_IN_FULL.items()))
def test_judgement_rows_say_so_on_their_chapter_page(name: str, chapter: str) -> None:
    text = _visible(require_site() / "book" / "chapters" / f"{chapter}.html")
    df = load_table(name)
    for basis in df["basis"]:
        if str(basis).startswith(("judgement", "derived")):
            assert " ".join(str(basis).split()) in text, (name, chapter, basis)
    assert "Basis:" in text or "Basis" in text


# --------------------------------------------------------------------------------------
# The bibliography: DOI or URL for the sources of numbers, and a report of the share
# --------------------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def _bibliography_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("bibliography_report",
                                                  ROOT / "benchmarks" / "bibliography.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_source_of_a_number_has_a_doi_or_url_or_says_why_not() -> None:
    bib = _bibliography_module()
    stats = bib.bibliography_stats(ROOT / "book" / "references.bib", bib.cited_by_data())
    assert stats["data_entries"] > 100
    assert stats["data_unexplained"] == [], (
        "entries cited by data rows with neither DOI nor URL, and no note saying why: "
        + ", ".join(stats["data_unexplained"]))


def test_the_bibliography_report_counts_entries(tmp_path: Path, record_property) -> None:
    """The report's counts, on a hand-made file; then the real share, reported (no threshold)."""
    bib = _bibliography_module()
    sample = tmp_path / "sample.bib"
    sample.write_text(
        "@article{a1, title={A}, doi={10.1/x}, year={2000}}\n"
        "@misc{m1, title={M}, url={https://example.org/m}, year={2001}}\n"
        "@book{b1, title={B}, year={2002}, note={No DOI or stable URL: a printed book.}}\n"
        "@misc{m2, title={N}, year={2003}}\n", encoding="utf-8")
    s = bib.bibliography_stats(sample, {"a1", "b1", "m2"})
    assert (s["entries"], s["doi"], s["url"], s["linked"], s["neither"]) == (4, 1, 1, 2, 2)
    assert s["share_linked"] == 0.5
    assert s["data_why_not"] == ["b1"] and s["data_unexplained"] == ["m2"]
    assert s["prose_neither"] == []
    assert "50.0 per cent" in bib.report(s)
    real = bib.bibliography_stats(ROOT / "book" / "references.bib", bib.cited_by_data())
    record_property("bibliography_share_with_doi_or_url", round(real["share_linked"], 3))
    print(f"bibliography: {real['linked']} of {real['entries']} entries give a DOI or URL "
          f"({100 * real['share_linked']:.1f} per cent)")
