"""proliferation_course.quiz_export: the quizzes as Moodle XML and as QTI packages for Canvas."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.etree import ElementTree as ET

import pytest

from proliferation_course.quiz import Choice, Question, Quiz, load_quiz
from proliferation_course.quiz_export import export_files, moodle_xml, qti_zip, text2qti_source
from proliferation_course.resources import quiz_dir

QUIZZES = [load_quiz(p.stem) for p in sorted(quiz_dir().glob("*.yml"))]
DAY = dt.date(2026, 12, 5)
RIGHTS = "CC BY 4.0"
IMSCP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


def moodle_questions(xml: str) -> tuple[list[str], list[ET.Element]]:
    """The categories and the multichoice questions of a Moodle XML file, checked against the format."""
    root = ET.fromstring(xml)
    assert root.tag == "quiz"
    categories, questions = [], []
    for q in root.findall("question"):
        kind = q.get("type")
        if kind == "category":
            text = q.findtext("category/text")
            assert text and text.startswith("$course$/"), text
            categories.append(text)
            continue
        assert kind == "multichoice", kind
        for field in ("name/text", "questiontext/text"):
            assert (q.findtext(field) or "").strip(), f"{field} missing"
        assert q.find("questiontext").get("format") == "plain_text"
        assert q.findtext("single") == "true" and q.findtext("shuffleanswers") == "true"
        answers = q.findall("answer")
        assert len(answers) >= 2
        assert sorted(a.get("fraction") for a in answers) == ["0"] * (len(answers) - 1) + ["100"]
        for a in answers:
            assert (a.findtext("text") or "").strip() and (a.findtext("feedback/text") or "").strip()
        questions.append(q)
    return categories, questions


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_each_chapter_in_moodle_xml_has_every_question_option_and_feedback(quiz: Quiz) -> None:
    categories, questions = moodle_questions(moodle_xml([quiz]))
    assert len(categories) == 1 and quiz.id in categories[0]
    assert len(questions) == len(quiz.questions)
    for q, source in zip(questions, quiz.questions, strict=True):
        assert q.findtext("questiontext/text") == source.prompt
        texts = [(a.findtext("text"), a.get("fraction"), a.findtext("feedback/text")) for a in q.findall("answer")]
        assert texts == [(c.text, "100" if c.correct else "0", c.feedback) for c in source.choices]


def test_the_file_for_all_chapters_has_a_category_per_chapter() -> None:
    categories, questions = moodle_questions(moodle_xml(QUIZZES))
    assert len(categories) == len(QUIZZES) == 13
    assert len(questions) == sum(len(q.questions) for q in QUIZZES)


def test_markup_in_a_question_stays_text_in_moodle() -> None:
    quiz = Quiz("ch00", "A & B", (Question("q1", "Is 1 < 2 & 3 > 2?", (
        Choice("<b>yes</b>", True, "Right & true."), Choice("no", False, "1 < 2."))),))
    _, (q,) = moodle_questions(moodle_xml([quiz]))
    assert q.findtext("questiontext/text") == "Is 1 < 2 & 3 > 2?"
    assert q.find("answer").findtext("text") == "<b>yes</b>"


def qti_items(data: bytes) -> list[ET.Element]:
    """The items of a QTI package, after checking its manifest: every resource's files are in the zip."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        names = set(zf.namelist())
        manifest = ET.fromstring(zf.read("imsmanifest.xml"))
        assert manifest.tag == f"{IMSCP}manifest" and manifest.get("identifier")
        resources = manifest.findall(f"{IMSCP}resources/{IMSCP}resource")
        assert resources
        ids = [r.get("identifier") for r in resources]
        assert len(ids) == len(set(ids))
        assessment = None
        for r in resources:
            for f in r.findall(f"{IMSCP}file"):
                assert f.get("href") in names, f"{f.get('href')} is named in the manifest but not in the zip"
            if r.get("type") == "imsqti_xmlv1p2":
                assessment = r.find(f"{IMSCP}file").get("href")
            for d in r.findall(f"{IMSCP}dependency"):
                assert d.get("identifierref") in ids
        assert assessment, "no QTI assessment in the manifest"
        qti = ET.fromstring(zf.read(assessment))
    return list(qti.iter(f"{QTI}item"))


@pytest.mark.parametrize("quiz", QUIZZES, ids=[q.id for q in QUIZZES])
def test_each_chapter_as_a_qti_package_has_every_question_and_feedback(quiz: Quiz) -> None:
    items = qti_items(qti_zip(quiz, DAY, RIGHTS))
    assert len(items) == len(quiz.questions)
    for item, source in zip(items, quiz.questions, strict=True):
        labels = item.findall(f".//{QTI}response_label")
        assert len(labels) == len(source.choices)
        feedback = item.findall(f"{QTI}itemfeedback")
        assert len(feedback) >= len(source.choices)  # one per option (and text2qti's general ones)


def test_the_qti_package_is_dated_by_the_source_and_states_the_licence() -> None:
    data = qti_zip(QUIZZES[0], DAY, RIGHTS)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = zf.read("imsmanifest.xml").decode()
        assert all(i.date_time[:3] == (2026, 12, 5) for i in zf.infolist())
    assert "<imsmd:dateTime>2026-12-05</imsmd:dateTime>" in manifest
    assert RIGHTS in manifest and "Private (Copyrighted)" not in manifest


def test_two_exports_are_byte_identical_and_the_date_changes_them() -> None:
    first = export_files(QUIZZES, "en", DAY, RIGHTS)
    assert first == export_files(QUIZZES, "en", DAY, RIGHTS)
    later = export_files(QUIZZES, "en", DAY + dt.timedelta(days=1), RIGHTS)
    assert later["moodle-all-en.xml"] == first["moodle-all-en.xml"]
    assert later["canvas-ch01-en.zip"] != first["canvas-ch01-en.zip"]
    assert sorted(first) == sorted(["moodle-all-en.xml"] + [f"{k}-{q.id}-en.{e}" for q in QUIZZES
                                                           for k, e in (("moodle", "xml"), ("canvas", "zip"))])


def test_text2qti_reads_markdown_characters_literally() -> None:
    quiz = Quiz("ch00", "Self-check", (Question("q1", "Is *this* [a] #1 - or 2.5?", (
        Choice("a) yes", True, "Right_ok."), Choice("... no", False, "No."))),))
    source = text2qti_source(quiz)
    assert "\n*a) a\\) yes\n" in source and "\nb)  \\.\\.\\. no\n" in source
    (item,) = qti_items(qti_zip(quiz, DAY, RIGHTS))
    text = "".join(item.itertext())
    assert "Is *this* [a] #1 - or 2.5?" in text and "Right_ok." in text


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="lang must be one of en, ja, got 'fr'"):
        export_files(QUIZZES, "fr", DAY, RIGHTS)
