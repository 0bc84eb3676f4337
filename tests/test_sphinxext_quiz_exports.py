"""sphinxext.quiz_exports: the Moodle and Canvas files in the instructor edition only, listed by the guide."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from proliferation_course import source_dates
from proliferation_course.quiz_export import export_files
from proliferation_course.sphinxext import quiz_exports

EXTS = ["myst_parser", "proliferation_course.sphinxext.editions", "proliferation_course.sphinxext.quiz_exports"]
PAGE = "# Quizzes for your platform\n\n```{quiz-exports}\n```\n"
ROOT = Path(__file__).resolve().parent.parent


def _build(tiny_sphinx, monkeypatch: pytest.MonkeyPatch, edition: str) -> Path:
    monkeypatch.setenv("COURSE_EDITION", edition)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")  # 2025-12-05
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   guide/quizzes\n", "guide/quizzes.md": PAGE}
    return tiny_sphinx.build(pages, EXTS, source_suffix={".rst": "restructuredtext", ".md": "markdown"})


def test_the_instructor_edition_writes_every_file_and_links_each_from_the_page(
        tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    html = _build(tiny_sphinx, monkeypatch, "instructor")
    page = (html / "guide" / "quizzes.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)" download', page)
    expected = export_files(quiz_exports.quizzes(), "en", dt.date(2025, 12, 5), quiz_exports._rights())
    assert len(links) == len(expected) == 27
    for href in links:
        target = (html / "guide" / href).resolve()
        assert target.is_file(), f"{href} does not resolve"
        assert target.read_bytes() == expected[target.name], f"{target.name} differs from the export"
    assert page.count("<tr>") == 1 + 1 + 13  # header, all chapters, one per chapter


def test_the_learner_edition_has_neither_the_files_nor_the_table(tiny_sphinx,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    html = _build(tiny_sphinx, monkeypatch, "learner")
    assert not (html / quiz_exports.FOLDER).exists()
    assert "moodle-" not in (html / "guide" / "quizzes.html").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_built_instructor_guide_links_the_files_and_the_learner_site_has_none() -> None:
    learner, instructor = ROOT / "_build" / "html", ROOT / "_build" / "instructor"
    assert not (learner / quiz_exports.FOLDER).exists()
    guide = instructor / "book" / "instructor" / "guide.html"
    links = re.findall(r'href="([^"]+)" download', guide.read_text(encoding="utf-8"))
    when = source_dates.source_time(ROOT) or 0
    day = dt.datetime.fromtimestamp(when, tz=dt.UTC).date()
    expected = export_files(quiz_exports.quizzes(), "en", day, quiz_exports._rights())
    assert sorted(Path(h).name for h in links) == sorted(expected)
    for href in links:
        assert (guide.parent / href).resolve().read_bytes() == expected[Path(href).name]


_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _english(text: str | None) -> bool:
    """A text with a word (two Latin letters or more) and no Japanese; a number or a formula
    such as 'x* = y* = 2' is the same in both languages."""
    return bool(text and re.search(r"[A-Za-z]{2,}", text) and not _JAPANESE.search(text))


def _english_in_export(name: str, data: bytes, complete: set[str]) -> list[str]:
    """The texts of the complete quizzes' questions, choices and feedback in one export file
    that hold no Japanese (an export in Japanese written from the English quiz)."""
    import io
    import xml.etree.ElementTree as ET
    import zipfile

    found = []
    if name.endswith(".xml"):
        for question in ET.fromstring(data).iter("question"):
            qname = question.findtext("name/text") or ""
            if question.get("type") == "category" or qname.split("-")[0] not in complete:
                continue
            for text in question.iter("text"):
                if _english(text.text) and text.text != qname:
                    found.append(f"{name}: {qname}: {(text.text or '')[:70]!r}")
    else:
        if name.split("-")[1] not in complete:
            return []
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for member in zf.namelist():
                if member.endswith(".xml") and member != "imsmanifest.xml":
                    for text in ET.fromstring(zf.read(member)).iter():
                        if text.tag.endswith("mattext") and _english(text.text):
                            found.append(f"{name}: {member}: {(text.text or '')[:70]!r}")
    return found


def test_the_japanese_instructor_edition_exports_the_japanese_quizzes(
        tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built with language 'ja' (and the package left speaking English): every -ja file holds
    the translated questions, choices and feedback of each quiz declared complete in Japanese."""
    from proliferation_course.i18n import COMPLETE_DOMAINS

    monkeypatch.delenv("COURSE_LANGUAGE", raising=False)
    monkeypatch.setenv("COURSE_EDITION", "instructor")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   guide/quizzes\n", "guide/quizzes.md": PAGE}
    html = tiny_sphinx.build(pages, EXTS, source_suffix={".rst": "restructuredtext", ".md": "markdown"},
                             language="ja")
    complete = {d.split("/")[1] for d in COMPLETE_DOMAINS["ja"] if d.startswith("quizzes/")}
    assert complete, "no quiz is declared complete in Japanese"
    files = sorted((html / quiz_exports.FOLDER).iterdir())
    assert len(files) == 27 and all(f.name.endswith(("-ja.xml", "-ja.zip")) for f in files), files
    english = [line for f in files for line in _english_in_export(f.name, f.read_bytes(), complete)]
    assert not english, "English in the Japanese exports:\n" + "\n".join(english[:20])
    page = (html / "guide" / "quizzes.html").read_text(encoding="utf-8")
    assert "<th>確認問題</th>" in page and "全章" in page and "All chapters" not in page


def test_an_english_quiz_in_a_japanese_export_is_found() -> None:
    """The check above can fail: the English quiz written as a -ja file holds English."""
    english = quiz_exports.quizzes("en")[:1]
    files = export_files(english, "ja", dt.date(2025, 12, 5), quiz_exports._rights())
    found = [line for name, data in files.items() for line in _english_in_export(name, data, {"ch01"})]
    assert any("moodle-ch01-ja.xml" in f for f in found) and any("canvas-ch01-ja.zip" in f for f in found)


@pytest.mark.build
def test_the_built_japanese_instructor_guide_links_japanese_exports() -> None:
    """The Japanese instructor edition (_build/instructor/ja) holds the -ja files, read in Japanese."""
    from proliferation_course.i18n import COMPLETE_DOMAINS

    guide = ROOT / "_build" / "instructor" / "ja" / "book" / "instructor" / "guide.html"
    links = re.findall(r'href="([^"]+)" download', guide.read_text(encoding="utf-8"))
    when = source_dates.source_time(ROOT) or 0
    day = dt.datetime.fromtimestamp(when, tz=dt.UTC).date()
    expected = export_files(quiz_exports.quizzes("ja"), "ja", day, quiz_exports._rights())
    assert sorted(Path(h).name for h in links) == sorted(expected)
    complete = {d.split("/")[1] for d in COMPLETE_DOMAINS["ja"] if d.startswith("quizzes/")}
    for href in links:
        data = (guide.parent / href).resolve().read_bytes()
        assert data == expected[Path(href).name], f"{href} differs from the Japanese export"
        assert not _english_in_export(Path(href).name, data, complete), f"{href} holds English"
