"""sphinxext.class_tools: the progress page's table, where a chapter stands, the citation's meta tags."""

from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup

from proliferation_course import __version__
from proliferation_course.quiz import load_quiz

EXTS = ["myst_parser", "proliferation_course.sphinxext.class_tools"]
INDEX = "Home\n====\n\n.. toctree::\n\n   book/chapters/ch05_article_x\n   book/other\n   book/progress\n"
PAGES = {"index": INDEX,
         "book/chapters/ch05_article_x.md": "# Leaving the NPT\n\nText of the chapter.\n",
         "book/other.md": "# Another page\n\nNo quiz here.\n",
         "book/progress.md": "# Your progress\n\n```{course-progress}\n```\n"}


def _build(tiny_sphinx, **conf: object):
    return tiny_sphinx.build(PAGES, EXTS, source_suffix={".rst": "restructuredtext", ".md": "markdown"}, **conf)


def test_the_progress_table_has_a_row_per_page_in_reading_order_with_the_quiz_answers(tiny_sphinx) -> None:
    html = _build(tiny_sphinx)
    soup = BeautifulSoup((html / "book" / "progress.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("[data-course-progress] tbody tr")
    assert [r["data-page"] for r in rows] == ["index.html", "book/chapters/ch05_article_x.html", "book/other.html"]
    assert [r.a.get_text() for r in rows] == ["Home", "Leaving the NPT", "Another page"]
    assert rows[1].a["href"] == "chapters/ch05_article_x.html"
    quiz = load_quiz("ch05")
    expected = {q.id: "abcdefgh"[[c.correct for c in q.choices].index(True)] for q in quiz.questions}
    assert rows[1]["data-quiz"] == "ch05" and json.loads(rows[1]["data-answers"]) == expected
    assert not rows[2].has_attr("data-quiz")
    for control in ("export", "import", "reset"):
        assert soup.select_one(f'[data-progress="{control}"]') is not None


def test_a_chapter_says_where_it_stands_and_links_the_progress_page(tiny_sphinx) -> None:
    html = _build(tiny_sphinx)
    soup = BeautifulSoup((html / "book" / "chapters" / "ch05_article_x.html").read_text(encoding="utf-8"),
                         "html.parser")
    where = soup.select_one("p.course-where")
    assert where is not None and "Chapter 1 of 1" in where.get_text()
    assert where.a["href"] == "../progress.html"
    assert soup.select_one("h1").find_next("p") is where, "the line stands right under the title"
    other = (html / "book" / "other.html").read_text(encoding="utf-8")
    assert "course-where" not in other


def test_every_page_names_the_course_and_its_version_and_loads_the_script(tiny_sphinx) -> None:
    html = _build(tiny_sphinx)
    for page in ("index.html", "book/other.html"):
        soup = BeautifulSoup((html / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one('meta[name="course-version"]')["content"] == __version__
        assert soup.select_one('meta[name="course-title"]')["content"].startswith("Selective nuclear")
        assert any(re.search(r"class-tools\.js", s.get("src", "")) for s in soup.select("script"))


def test_the_japanese_site_words_the_progress_page_in_japanese(tiny_sphinx) -> None:
    html = _build(tiny_sphinx, language="ja")
    text = (html / "book" / "progress.html").read_text(encoding="utf-8")
    assert "ファイルに書き出す" in text and "全1章中 第1章" in (
        html / "book" / "chapters" / "ch05_article_x.html").read_text(encoding="utf-8")
