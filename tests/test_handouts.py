"""Handouts: assembled from the chapters and the data, printed to PDF, linked from the site."""

from __future__ import annotations

from html import escape

import pytest
from pypdf import PdfReader

from proliferation_course.handouts import PARTS, chapter_sections, handout, plain_markdown
from site_helpers import ROOT, require_site


def test_plain_markdown_resolves_roles_and_drops_instructor_notes() -> None:
    text = ("1. Is {term}`deterrence <Deterrence>` enough {cite:p}`snyder1961`?\n\n"
            "```{instructor}\nSecret.\n```\n")
    out = plain_markdown(text)
    assert out == "1. Is deterrence enough (Snyder 1961)?"


@pytest.mark.parametrize("part", list(PARTS))
def test_a_handout_holds_every_chapter_summary_and_question(part: str) -> None:
    h = handout(part)
    html = h.to_html()
    assert len(h.chapters) >= 1
    for title, summary, questions in h.chapters:
        assert escape(title) in html
        assert "Notes for instructors" not in questions
        assert "{cite" not in summary + questions and "{term" not in summary + questions
    assert html.count('class="course-table"') == len(PARTS[part]["tables"])


def test_the_handout_follows_a_change_in_a_chapter(tmp_path, monkeypatch) -> None:
    import proliferation_course.handouts as ho

    src = ROOT / "book" / "chapters" / "ch03_breakout.md"
    sections = chapter_sections(src)
    assert "Summary" in sections
    copy = tmp_path / "ch03_breakout.md"
    copy.write_text(src.read_text(encoding="utf-8").replace(
        "## Summary\n", "## Summary\n\n- A sentence added for the test.\n", 1), encoding="utf-8")
    chapters = [copy if p.name == "ch03_breakout.md" else p for p in
                ho._part_chapters(PARTS["part1"]["caption"])]
    monkeypatch.setattr(ho, "_part_chapters", lambda caption: chapters)
    assert "A sentence added for the test." in handout("part1").to_html()


@pytest.mark.build
@pytest.mark.parametrize("part", list(PARTS))
def test_each_handout_pdf_exists_opens_and_is_linked(part: str) -> None:
    site = require_site()
    pdf = site / "book" / "handouts" / f"{part}.pdf"
    assert pdf.is_file(), f"{pdf} missing: scripts/build-site.sh prints the handouts"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    reader = PdfReader(str(pdf))
    assert len(reader.pages) >= 2
    # (compared with typographic apostrophes made plain, as the printed page sets them)
    text = " ".join(page.extract_text() or "" for page in reader.pages).replace("\u2019", "'")
    for title, _, _ in handout(part).chapters:
        assert title.split(". ", 1)[-1][:25] in text.replace("\n", " "), title
    assert "Discussion questions" in text
    page = (site / "book" / "handouts" / f"{part}.html").read_text(encoding="utf-8")
    assert f'href="{part}.pdf"' in page
    index = (site / "book" / "handouts" / "index.html").read_text(encoding="utf-8")
    assert f'href="{part}.pdf"' in index


@pytest.mark.build
@pytest.mark.parametrize("part", list(PARTS))
def test_each_handout_pdf_is_dated_by_the_source_not_the_print(part: str) -> None:
    import re
    from datetime import UTC, datetime

    from proliferation_course.source_dates import source_time

    pdf = (require_site() / "book" / "handouts" / f"{part}.pdf").read_bytes()
    when = source_time(ROOT)
    assert when is not None, "the course's repository has a history"
    stamp = datetime.fromtimestamp(when, tz=UTC).strftime("%Y%m%d%H%M%S")
    dates = re.findall(rb"/(CreationDate|ModDate) \(D:(\d{14})", pdf)
    assert sorted(name for name, _ in dates) == [b"CreationDate", b"ModDate"]
    assert {value.decode() for _, value in dates} == {stamp}, (
        f"{part}.pdf is dated {dates}, the source {stamp} (rebuild the site after a commit)")


# ---------------------------------------------------------------- seminar packets (no build needed)

from proliferation_course import handouts as ho  # noqa: E402

_PAGE = """<html><body><main><section id="t"><h1>3. A chapter<a class="headerlink" href="#t">#</a></h1>
<section id="explorer-x"><h2>Explorer: the x<a class="headerlink" href="#explorer-x">#</a></h2>
<p>What the <a href="../glossary.html#term-x">explorer</a> shows, with \\(\\dot x = 1\\).</p>
<div class="cell"><details class="hide"><pre>code()</pre></details><div class="cell_output">
<div class="course-frame" id="course-fig-1-frame"><div class="course-frame-head">
<p class="course-frame-title">The x figure</p><p class="course-frame-subtitle">A subtitle</p>
<div class="course-frame-controls"><select></select></div></div>
<div class="course-figure" id="course-fig-1" data-figure="course-fig-1-data" aria-label="The x figure"></div>
<script type="application/json" id="course-fig-1-data">
{"data": [], "layout": {"xaxis": {"title": {"text": "Months"}}}}</script>
<div class="course-frame-foot"><p class="course-frame-source"><span>Source:</span> The data.</p>
<details class="course-figure-data"><summary>Show the data</summary></details></div></div></div></div>
<p>Things to try:</p><ul><li><p>Move the slider to 2.</p></li><li><p>Switch to Canada.</p></li></ul>
<section id="run-it-live"><h3>Run it live</h3><div class="cell"><div class="course-figure" id="course-fig-2"
 data-figure="course-fig-2-data"></div><script type="application/json" id="course-fig-2-data">{}</script></div>
</section></section>
<section id="discussion-questions"><h2>Discussion questions</h2>
<ol><li><p>First question?</p></li></ol>
<div class="instructor-note admonition"><p class="admonition-title">Notes for instructors</p><p>Secret.</p></div>
<ol start="2"><li><p>Second question?</p></li></ol></section>
<section id="summary"><h2>Summary</h2><ul><li><p>A key point.</p></li></ul></section>
</section></main>
<script>var COURSE_PLOTLY_SRC = "../../_static/_vendor/plotly-x.min.js";</script></body></html>"""


def test_a_chapter_page_gives_its_key_points_explorer_worksheet_and_questions() -> None:
    ch = ho.chapter_print(_PAGE, "ch03_x")
    assert ch.title == "3. A chapter"
    assert "A key point." in ch.key_points
    [explorer] = ch.explorers
    assert explorer.heading == "Explorer: the x"
    [fig] = explorer.figures  # the live version's figure, in a subsection, is not the key figure
    assert (fig.title, fig.subtitle, fig.source) == ("The x figure", "A subtitle", "The data.")
    assert '"Months"' in fig.figure_json
    assert fig.things_to_try == ("Move the slider to 2.", "Switch to Canada.")
    assert "href" not in explorer.intro[0] and "explorer" in explorer.intro[0]  # links printed as text
    assert len(ch.questions) == 2 and "Secret." in ch.questions[0] and "Secret." not in ch.questions[1]
    assert ch.plotly_src == "_vendor/plotly-x.min.js"


def test_a_chapter_page_without_its_sections_is_named() -> None:
    with pytest.raises(ValueError, match="ch09_y: no Summary section"):
        ho.chapter_print(_PAGE.replace('<section id="summary">', '<section id="recap">'), "ch09_y")
    # A translated page keeps the English ids under its translated headings: it still prints.
    translated = ho.chapter_print(_PAGE.replace("<h2>Summary</h2>", "<h2>まとめ</h2>"), "ch09_y")
    assert "A key point." in translated.key_points
    no_figure = _PAGE.replace('class="course-figure" id="course-fig-1"', 'class="gone" id="course-fig-1"')
    with pytest.raises(ValueError, match="ch03_x: the section 'Explorer: the x' shows no figure"):
        ho.chapter_print(no_figure, "ch03_x")


def test_a_packet_has_a_figure_and_a_worksheet_line_per_thing_to_try() -> None:
    ch = ho.chapter_print(_PAGE, "ch03_x")
    week = ho.Week(3, ("ch03_x",), {"ch03_x": (2,)}, {"Reading": "Chapter 3", "Discussion": "Ch. 3, Q2"})
    packet = ho.Packet("week03", "Week 3", ("ch03_x",), week=week)
    learner = ho.packet_body(packet, {"ch03_x": ch}, edition="learner")
    assert learner.count('class="packet-plot"') == 1
    assert learner.count('class="packet-ws-item"') == 2
    assert "In class this week: Q2." in learner
    assert learner.count("packet-question is-set") == 1
    assert "The syllabus for this week" not in learner
    instructor = ho.packet_body(packet, {"ch03_x": ch}, edition="instructor")
    assert "The syllabus for this week" in instructor and "Chapter 3" in instructor
    with pytest.raises(ValueError, match="packet week03: no built page for ch03_x"):
        ho.packet_body(packet, {}, edition="learner")
    doc = ho.packet_document("Week 3", learner, edition="learner", static="../", plotly_src="p.js")
    assert '<script src="../p.js">' in doc and "tex-svg.js" in doc and "course-print.css" in doc
    with pytest.raises(ValueError, match="no plotly.js"):
        ho.packet_document("Week 3", learner, edition="learner", static="../")


def test_the_syllabus_gives_thirteen_weeks_that_cover_every_chapter() -> None:
    weeks = ho.syllabus_weeks()
    assert [w.number for w in weeks] == list(range(1, 14))
    chapters = sorted(p.stem for p in (ROOT / "book" / "chapters").glob("ch*.md"))
    assert sorted({c for w in weeks for c in w.chapters}) == chapters
    assert weeks[2].chapters == ("ch03_breakout",) and weeks[2].questions == {"ch03_breakout": (3, 4)}
    ids = [p.id for p in ho.packets()]
    assert ids == [f"week{n:02d}" for n in range(1, 14)] + list(PARTS)


def test_a_broken_syllabus_table_is_named(tmp_path) -> None:
    src = (ROOT / "book" / "instructor" / "syllabus.md").read_text(encoding="utf-8")
    broken = tmp_path / "syllabus.md"
    broken.write_text(src.replace("| 4 | {doc}`4.", "| 5 | {doc}`4.", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="week '5' follows week 3"):
        ho.syllabus_weeks(broken)
    broken.write_text(src.replace("<../chapters/ch04_window>", "<elsewhere>", 1), encoding="utf-8")
    with pytest.raises(ValueError, match="week 4 names no chapter"):
        ho.syllabus_weeks(broken)


def test_role_cards_print_one_card_per_page() -> None:
    page = ("<main><section id='r'><h1>Role cards</h1><p>Intro.</p>"
            "<section id='v1'><h2>Variant 1: a meeting</h2><p>Nine roles.</p>"
            "<section id='a'><h3>1.1 Chair</h3><ul><li>Brief.</li></ul></section>"
            "<section id='b'><h3>1.2 Director</h3><ul><li>Brief.</li></ul></section></section>"
            "<section id='refs'><h2>References</h2><p>A book.</p></section></section></main>")
    body = ho.role_cards_body(page)
    assert body.count('class="packet-card"') == 2
    assert "Nine roles." in body and "A book." not in body
    assert ".packet-card" in (ROOT / "proliferation_course" / "_static" / "course-print.css").read_text()


def test_the_handouts_page_lists_every_packet_pdf() -> None:
    out = ho.packet_index()
    for packet in ho.packets():
        assert f'href="{packet.id}.pdf"' in out
    assert 'href="glossary_bilingual.pdf"' in out and "2. Deterrence is more than warheads" in out
    from proliferation_course.i18n import speaking

    with speaking("ja"):
        ja = ho.packet_index()
    assert 'download>第2週</a>：2. 抑止は弾頭だけでは成り立たない（PDF、A4）' in ja and "用語集：日英対照" in ja


# ---------------------------------------------------------------- the packets' words, in Japanese

def test_the_packets_own_words_are_japanese_when_the_package_speaks_japanese() -> None:
    from proliferation_course.i18n import speaking

    chapter = ho.ChapterPrint("ch02_deterrence", "第2章　抑止", "<p>要点</p>", (),
                              ("<ol><li>問い</li></ol>",), None)
    week = ho.syllabus_weeks()[1]
    packet = ho.Packet("week02", "", ("ch02_deterrence",), week=week)
    with speaking("ja"):
        packet = ho.Packet("week02", ho.packets()[1].title, ("ch02_deterrence",), week=week)
        body = ho.packet_body(packet, {"ch02_deterrence": chapter}, edition="instructor")
        doc = ho.packet_document("t", body, edition="instructor", static="s/")
        title = ho.running_title(ho.packet_heading(packet, {"ch02_deterrence": chapter}), "instructor")
    for japanese in ("第2週", "読む範囲の要点", "討論課題", "今週の授業で扱う問い：問1・問3", "今週のシラバス"):
        assert japanese in body, japanese
    for english in ("Key points", "Discussion questions", "In class this week", "The syllabus for this week",
                    "Week 2"):
        assert english not in body, english
    assert '<html lang="ja"' in doc and "ゼミ配布資料" in doc and "教員版" in doc
    assert title == "「選択的核拡散」をめぐる論争：講義 · 第2週：第2章　抑止 · 教員版"
    with speaking("en"):
        english_body = ho.packet_body(packet, {"ch02_deterrence": chapter}, edition="learner")
    assert "Key points of the reading" in english_body and "In class this week: Q1 and Q3." in english_body


def test_the_page_footer_numbers_pages_in_the_packets_language() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_handouts", ROOT / "scripts" / "make_handouts.py")
    mh = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mh)
    assert "Page <span class=\"pageNumber\"></span> of <span class=\"totalPages\"></span>" in mh.footer("en")
    ja = mh.footer("ja")
    assert '<span class="pageNumber"></span>ページ（全<span class="totalPages"></span>ページ）' in ja
    assert "Noto Sans CJK JP" in ja and "Page " not in ja and " of " not in ja


def test_the_japanese_print_style_sets_space_and_line_breaking() -> None:
    css = (ROOT / "proliferation_course" / "_static" / "course-print.css").read_text(encoding="utf-8")
    rule = css[css.index('html[lang="ja"] .course-packet {'):]
    rule = rule[:rule.index("}")]
    assert "line-height: 1.8" in rule and "line-break: strict" in rule and "text-justify: none" in rule


# ---------------------------------------------------------------- the bilingual glossary

def test_the_bilingual_glossary_pairs_every_term_with_its_japanese() -> None:
    pairs = ho.bilingual_glossary()
    terms = [t for t, _ in ho.glossary_entries((ROOT / "book" / "glossary.md").read_text(encoding="utf-8"))]
    assert len(pairs) == len(terms) >= 60
    by_term = {p.en_term: p for p in pairs}
    assert by_term["Capabilities"].ja_term == "能力"
    assert by_term["Article X"].ja_term == "第10条（脱退条項）"  # the {en} aside is dropped in a bilingual row
    assert all("Japanese:" not in p.en_definition and "{" not in p.ja_definition for p in pairs)
    html_table = ho.bilingual_glossary_html(pairs)
    assert html_table.count("<tr>") == len(pairs) + 1
    assert '<td lang="ja">' in html_table and '<td lang="en">' in html_table


def test_the_bilingual_glossary_names_an_untranslated_term(tmp_path) -> None:
    glossary = tmp_path / "glossary.md"
    glossary.write_text("```{glossary}\n\nDeterrence\n  Preventing.\n\nBreakout\n  A dash.\n```\n",
                        encoding="utf-8")
    po = tmp_path / "glossary.po"
    po.write_text('msgid ""\nmsgstr ""\n\nmsgid "Deterrence"\nmsgstr "抑止"\n\n'
                  'msgid "Preventing."\nmsgstr "防ぐこと。"\n\nmsgid "Breakout"\nmsgstr "ブレイクアウト"\n\n'
                  '#, fuzzy\nmsgid "A dash."\nmsgstr "突進。"\n',
                  encoding="utf-8")
    with pytest.raises(ValueError, match=r"no Japanese for the glossary terms \['Breakout'\]"):
        ho.bilingual_glossary(glossary, po)
    po.write_text(po.read_text(encoding="utf-8").replace("#, fuzzy\n", ""), encoding="utf-8")
    assert [p.ja_term for p in ho.bilingual_glossary(glossary, po)] == ["ブレイクアウト", "抑止"]
