"""The chapters' quizzes for learning platforms: Moodle XML, and QTI packages for Canvas.

Both are generated from the same YAML sources as the website's quizzes
(``book/quizzes/``), never edited by hand:

* :func:`moodle_xml` writes Moodle's question-import format: one
  ``multichoice`` question per quiz question (one answer right, shuffled
  answers, feedback for every option), each chapter in a category of its own
  under ``$course$/<course title>``, so that one import file fills the
  question bank chapter by chapter;
* :func:`qti_zip` writes one QTI 1.2 package (a zip with ``imsmanifest.xml``)
  per chapter, the format Canvas imports as a quiz, through the maintained
  library ``text2qti`` (:func:`text2qti_source` is its input).

Every byte is fixed by the sources and the date given (the build passes the
date of the last commit), so two builds of one commit write identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from .quiz import Quiz

__all__ = ["COURSE_TITLE", "export_files", "moodle_xml", "qti_zip", "text2qti_source"]

COURSE_TITLE = {"en": "Selective nuclear proliferation", "ja": "選択的核拡散"}
#: Moodle's category for one chapter's questions, under the course's category.
_CATEGORY = "$course$/{course}/{quiz_id} {title}"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|$~])")


def _course_title(lang: str) -> str:
    if lang not in COURSE_TITLE:
        raise ValueError(f"lang must be one of {', '.join(COURSE_TITLE)}, got {lang!r}")
    return COURSE_TITLE[lang]


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = None) -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = text
    return el


def moodle_xml(quizzes: Sequence[Quiz], lang: str = "en") -> str:
    """All ``quizzes`` as one Moodle XML file, a category per quiz.

    Examples
    --------
    >>> from proliferation_course.quiz import Choice, Question
    >>> q = Quiz("ch00", "Self-check", (Question("q1", "2 + 2?", (
    ...     Choice("4", True, "Right."), Choice("5", False, "No: 2 + 2 = 4."))),))
    >>> xml = moodle_xml([q])
    >>> xml.count('<question type="multichoice">'), xml.count('fraction="100"'), xml.count("<feedback")
    (1, 1, 2)
    """
    course = _course_title(lang)
    root = ET.Element("quiz")
    for quiz in quizzes:
        root.append(ET.Comment(f" {quiz.id}: {quiz.title} "))
        category = ET.SubElement(root, "question", {"type": "category"})
        _text(category, "category", _CATEGORY.format(course=course, quiz_id=quiz.id, title=quiz.title))
        for n, question in enumerate(quiz.questions, start=1):
            item = ET.SubElement(root, "question", {"type": "multichoice"})
            _text(item, "name", f"{quiz.id}-{question.id} ({n})")
            _text(item, "questiontext", question.prompt, "plain_text")
            _text(item, "generalfeedback", "", "plain_text")
            ET.SubElement(item, "defaultgrade").text = "1"
            ET.SubElement(item, "penalty").text = "0"
            ET.SubElement(item, "hidden").text = "0"
            ET.SubElement(item, "idnumber").text = f"{quiz.id}-{question.id}"
            ET.SubElement(item, "single").text = "true"
            ET.SubElement(item, "shuffleanswers").text = "true"
            ET.SubElement(item, "answernumbering").text = "abc"
            for choice in question.choices:
                answer = _text(item, "answer", choice.text, "plain_text")
                answer.set("fraction", "100" if choice.correct else "0")
                _text(answer, "feedback", choice.feedback, "plain_text")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _md(text: str) -> str:
    """Plain text made literal for text2qti's Markdown, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def text2qti_source(quiz: Quiz) -> str:
    """``quiz`` in text2qti's plain-text quiz format (its input), feedback under every option.

    Examples
    --------
    >>> from proliferation_course.quiz import Choice, Question
    >>> q = Quiz("ch00", "Self-check", (Question("q1", "2 + 2?", (
    ...     Choice("4", True, "Right."), Choice("5", False, "No."))),))
    >>> print(text2qti_source(q))
    Quiz title: Self\\-check
    Quiz description: ch00
    shuffle answers: true
    <BLANKLINE>
    1.  2 \\+ 2?
    *a) 4
    ... Right\\.
    b)  5
    ... No\\.
    <BLANKLINE>
    """
    lines = [f"Quiz title: {_md(quiz.title)}", f"Quiz description: {_md(quiz.id)}",
             "shuffle answers: true", ""]
    for n, question in enumerate(quiz.questions, start=1):
        lines.append(f"{n}.  {_md(question.prompt)}")
        for k, choice in enumerate(question.choices):
            mark = f"*{chr(97 + k)})" if choice.correct else f"{chr(97 + k)}) "
            lines.append(f"{mark} {_md(choice.text)}")
            lines.append(f"... {_md(choice.feedback)}")
        lines.append("")
    return "\n".join(lines)


def qti_zip(quiz: Quiz, date: dt.date, rights: str) -> bytes:
    """``quiz`` as a QTI 1.2 package for Canvas (zip bytes), dated ``date``, with ``rights``.

    text2qti builds the package; its manifest's date (today, by default) and
    its rights statement are replaced, and the zip is written with fixed
    member dates, so that the bytes depend only on the quiz, ``date`` and
    ``rights``.
    """
    from text2qti.config import Config
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz as TextQuiz
    from text2qti.xml_imsmanifest import imsmanifest

    config = Config()  # the defaults; never .load(), which reads (or writes) a file in the home folder
    qti = QTI(TextQuiz(text2qti_source(quiz), config=config, source_name=f"{quiz.id}.txt"))
    manifest = imsmanifest(manifest_identifier=qti.manifest_identifier,
                           assessment_identifier=qti.assessment_identifier,
                           dependency_identifier=qti.dependency_identifier,
                           images=qti.quiz.images, date=date.isoformat())
    manifest = re.sub(r"Private \(Copyrighted\) - [^<]*", lambda _: escape(rights), manifest)
    when = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    members = [("imsmanifest.xml", manifest), ("non_cc_assessments/", ""),
               (f"{qti.assessment_identifier}/assessment_meta.xml", qti.assessment_meta),
               (f"{qti.assessment_identifier}/{qti.assessment_identifier}.xml", qti.assessment)]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in members:
            info = zipfile.ZipInfo(name, date_time=when)
            info.compress_type = zipfile.ZIP_STORED if name.endswith("/") else zipfile.ZIP_DEFLATED
            info.external_attr = (0o40755 << 16) | 0x10 if name.endswith("/") else 0o644 << 16
            zf.writestr(info, text.encode("utf-8"))
    return stream.getvalue()


def export_files(quizzes: Sequence[Quiz], lang: str, date: dt.date, rights: str) -> dict[str, bytes]:
    """Every export file of one language, by its name: one Moodle XML file for all
    chapters, one per chapter, and one Canvas QTI package per chapter."""
    _course_title(lang)
    files = {f"moodle-all-{lang}.xml": moodle_xml(quizzes, lang).encode("utf-8")}
    for quiz in quizzes:
        files[f"moodle-{quiz.id}-{lang}.xml"] = moodle_xml([quiz], lang).encode("utf-8")
        files[f"canvas-{quiz.id}-{lang}.zip"] = qti_zip(quiz, date, rights)
    return files
