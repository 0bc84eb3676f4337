"""The package's own words in Japanese: its catalogues, and what it writes with them.

The pages' prose is checked by ``test_translations.py``; this file checks what the package
writes at run time (figures, panels, quizzes, messages), translated with
:mod:`proliferation_course.i18n` from ``proliferation_course/locale/ja/LC_MESSAGES/<domain>.po``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from proliferation_course import citation, i18n, quiz
from proliferation_course.i18n import COMPLETE_DOMAINS, _, read_catalogue, speaking
from proliferation_course.sphinxext import messages
from site_helpers import ROOT

FOUND = messages.domains()
BOOK_CATALOGUES = sorted((ROOT / "locales").rglob("*.po"))


@pytest.mark.parametrize("path", i18n.catalogue_files("ja") + BOOK_CATALOGUES, ids=lambda p: p.name)
def test_the_package_reads_a_catalogue_as_babel_does(path: Path) -> None:
    with path.open("rb") as f:
        theirs = [(m.id, m.string, m.fuzzy) for m in read_po(f) if m.id]
    assert [(e.msgid, e.msgstr, e.fuzzy) for e in read_catalogue(path)] == theirs


def test_every_domain_of_the_source_has_a_catalogue_that_knows_all_its_texts() -> None:
    """Run ``bash scripts/update-translations.sh --package`` when this fails."""
    wanted = {domain: msgs for domain, msgs in FOUND.items()}
    stale = [p for p in messages.problems("ja", wanted) if "no catalogue" in p or "out of date" in p]
    assert not stale, "\n".join(stale[:20])


def test_every_catalogue_belongs_to_a_domain_of_the_source() -> None:
    root = i18n.LOCALE_DIR / "ja" / "LC_MESSAGES"
    orphans = sorted({p.relative_to(root).with_suffix("").as_posix() for p in root.rglob("*.po")} - set(FOUND))
    assert not orphans, f"catalogues of modules or quizzes with nothing to translate: {orphans}"


@pytest.mark.parametrize("domain", COMPLETE_DOMAINS["ja"])
def test_a_complete_domain_has_every_text_translated(domain: str) -> None:
    assert domain in FOUND, f"{domain} is listed in COMPLETE_DOMAINS but has no text to translate"
    found = messages.problems("ja", {domain: FOUND[domain]})
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", i18n.catalogue_files("ja"), ids=lambda p: p.name)
def test_no_translation_drops_or_renames_a_field(path: Path) -> None:
    wrong = [f"line {e.line}: {e.msgid!r}" for e in read_catalogue(path)
             if e.msgstr and messages.fields(e.msgstr) != messages.fields(e.msgid)]
    assert not wrong, "\n".join(wrong)


def _tiny_package(tmp_path: Path, text: str) -> Path:
    package = tmp_path / "pkg"
    (package / "figures").mkdir(parents=True)
    (package / "figures" / "demo.py").write_text(
        f"from ..i18n import _\nTITLE = _({text!r})\nAXIS = _('Months since the decision')\n", encoding="utf-8")
    return package


def test_a_changed_english_text_makes_the_check_fail(tmp_path: Path) -> None:
    """Extract a tiny module, translate it, then change its English: the check names the new text."""
    package = _tiny_package(tmp_path, "Surviving the window")
    (tmp_path / "quizzes").mkdir()
    templates = messages.write_templates(tmp_path / "pot", package, tmp_path / "quizzes")
    assert [p.name for p in templates] == ["demo.pot"]
    catalogue = tmp_path / "locale" / "ja" / "LC_MESSAGES" / "figures" / "demo.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid "Surviving the window"\nmsgstr "脆弱性の窓を生き延びる"\n\n'
                         'msgid "Months since the decision"\nmsgstr "決定からの月数"\n', encoding="utf-8")
    wanted = messages.domains(package, tmp_path / "quizzes")
    assert messages.problems("ja", wanted, tmp_path / "locale") == []
    changed = messages.domains(_tiny_package(tmp_path / "b", "Surviving the gap"), tmp_path / "quizzes")
    found = messages.problems("ja", changed, tmp_path / "locale")
    assert len(found) == 1 and "Surviving the gap" in found[0] and "out of date" in found[0], found


def test_a_dropped_field_is_found(tmp_path: Path) -> None:
    catalogue = tmp_path / "ja" / "LC_MESSAGES" / "d.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid "{share:.0%} unstruck at month {month:g}"\n'
                         'msgstr "{share:.0%}が攻撃されずに残る"\n', encoding="utf-8")
    found = messages.problems("ja", {"d": [("{share:.0%} unstruck at month {month:g}", "x.py:1")]}, tmp_path)
    assert len(found) == 1 and "month" in found[0]


def test_the_package_speaks_the_language_of_the_session(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    catalogue = tmp_path / "ja" / "LC_MESSAGES" / "figures" / "demo.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text('msgid "Hazard per month"\nmsgstr "月あたりのハザード"\n\n'
                         '#, fuzzy\nmsgid "Scenario"\nmsgstr "シナリオ（旧訳）"\n\n'
                         'msgid "Not yet"\nmsgstr ""\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.clear_cache()
    try:
        with speaking("ja"):
            assert _("Hazard per month") == "月あたりのハザード"
            assert _("Scenario") == "Scenario", "a fuzzy unit must not be used"
            assert _("Not yet") == "Not yet"
        with speaking("en"):
            assert _("Hazard per month") == "Hazard per month"
    finally:
        i18n.clear_cache()


def test_a_quiz_is_read_in_japanese_from_its_catalogue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = quiz.QUIZ_DIR / "ch02.yml"
    (text, where), *_rest = messages.quiz_messages(source)
    assert where == "title"
    catalogue = tmp_path / "ja" / "LC_MESSAGES" / "quizzes" / "ch02.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(f'msgid "{text}"\nmsgstr "確認問題：抑止は核弾頭だけではない"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.clear_cache()
    try:
        with speaking("ja"):
            japanese = quiz.load_quiz("ch02")
        english = quiz.load_quiz("ch02")
    finally:
        i18n.clear_cache()
    assert japanese.title == "確認問題：抑止は核弾頭だけではない" and english.title == text
    assert 'aria-label="確認問題：抑止は核弾頭だけではない"' in japanese.to_html()



# ---- the site's scripts: one table of words per language, chosen by <html lang> ----

SCRIPTS = [ROOT / "proliferation_course" / "_static" / name for name in ("course.js", "class-tools.js")]
_JS_STRING = r'"(?:[^"\\]|\\.)*"'
_JS_ENTRY = re.compile(rf"(\w+)\s*:\s*({_JS_STRING}(?:\s*\+\s*{_JS_STRING})*)")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]")


def _js_tables(path: Path) -> dict[str, dict[str, str]]:
    """The ``var TEXT = {en: {...}, ja: {...}}`` of a script, as {language: {key: text}}."""
    source = path.read_text(encoding="utf-8")
    start = source.index("var TEXT = {")
    tables: dict[str, dict[str, str]] = {}
    for lang, body in re.findall(r"\b(en|ja)\s*:\s*\{(.*?)\n\s*\}", source[start:start + 20000], re.S)[:2]:
        tables[lang] = {key: "".join(json.loads(s) for s in re.findall(_JS_STRING, value))
                        for key, value in _JS_ENTRY.findall(body)}
    return tables


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_every_english_text_of_a_script_has_a_japanese_one(path: Path) -> None:
    tables = _js_tables(path)
    assert set(tables) == {"en", "ja"}, f"{path.name}: no English and Japanese tables in var TEXT"
    en, ja = tables["en"], tables["ja"]
    assert en, f"{path.name}: the English table is empty"
    assert sorted(en) == sorted(ja), f"{path.name}: keys only in one language: {sorted(set(en) ^ set(ja))}"
    wrong = [k for k in en if not _JAPANESE.search(ja[k]) or messages.fields(ja[k]) != messages.fields(en[k])]
    assert not wrong, f"{path.name}: Japanese missing, or with other {{fields}}, for {wrong}"
    calls = re.findall(r"\bt\(([^()]*)\)", path.read_text(encoding="utf-8"))
    used = {json.loads(k) for call in calls for k in re.findall(_JS_STRING, call.split(",")[0])}
    assert used <= set(en), f"{path.name}: t() asks for keys the tables lack: {sorted(used - set(en))}"


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_a_script_writes_no_english_outside_its_tables(path: Path) -> None:
    """A text written into the page (textContent, a confirm) comes from the tables, not a literal."""
    source = path.read_text(encoding="utf-8")
    found = []
    for target in re.finditer(r"(?:textContent\s*=|confirm\(|alert\()", source):
        statement = source[target.end():source.index(";", target.end())]
        statement = re.sub(r"\bt\([^()]*\)", "", statement)  # words from the tables
        statement = re.sub(r"\b(?:LANG|lang)\s*===\s*\"\w+\"", "", statement)
        statement = re.sub(r"(?:setItem|getItem|querySelector|execCommand)\([^()]*\)", "", statement)
        found += [s for s in re.findall(_JS_STRING, statement) if re.search(r"[A-Za-z]{2,}", s)]
    assert not found, f"{path.name} writes English directly: {found}"


def test_the_quiz_script_says_what_the_package_says_in_japanese() -> None:
    ja = _js_tables(SCRIPTS[0])["ja"]
    package = {e.msgid: e.msgstr for e in read_catalogue(i18n.LOCALE_DIR / "ja" / "LC_MESSAGES" / "quiz.po")}
    assert ja["correct"] == package["Correct."] and ja["notQuite"] == package["Not quite."]


def test_a_quiz_in_japanese_is_japanese_in_every_face() -> None:
    """The website's HTML, the saved notebook's static text and the live widget, in Japanese:
    the quiz's words from quizzes/ch01.po, the frame's words from quiz.po."""
    with speaking("ja"):
        ch01 = quiz.load_quiz("ch01")
        page, static = ch01.to_html(), ch01.to_static_html()
        panel = quiz.QuizWidget(ch01)
        panel.answer(0, 0)
    assert ch01.title == "確認問題：提案と反論"
    assert "Check answer" not in page and "答えを確かめる" in page
    assert "Run this cell" not in static and "稼働中のカーネル" in static
    assert panel.buttons[0].description == "答えを確かめる"
    verdict = "正解。" if ch01.questions[0].choices[0].correct else "不正解。"
    assert f">{verdict}</strong> {ch01.questions[0].choices[0].feedback}" in panel.feedback[0].value
    assert panel.score.value.startswith("これまでに")


def test_the_shared_texts_of_figures_panels_and_tables_are_japanese_when_the_package_speaks_japanese() -> None:
    """"(not computed)", "Cannot compute", "Show the data of this figure", "Source:" and the data
    tables' headings come from the shared layer; a Japanese reader gets them in Japanese."""
    import pandas as pd
    import plotly.graph_objects as go

    from proliferation_course.render import figure_html
    from proliferation_course.tables import data_table
    from proliferation_course.widgets.panel import ExplorerPanel, Redraw, slider

    class Panel(ExplorerPanel):
        def compute(self, values: dict) -> Redraw:
            if values["low"] >= values["high"]:
                raise ValueError(f"low ({values['low']}) must be below high ({values['high']})")
            return Redraw(state={"y": [[values["low"]]]})

    figure = {"data": [{"type": "bar", "name": "Score", "x": ["a"], "y": [0.5]}],
              "layout": {"title": {"text": "Levels"}, "meta": {"source": "SIPRI", "notes": "n"},
                         "sliders": [{"steps": [{"label": "1"}, {"label": "2"}]}]}}
    frame = pd.DataFrame({"state": ["France"], "n": [290], "source": ["sipri2025"], "basis": ["reported"]})
    made = {}
    for lang in ("en", "ja"):
        with speaking(lang):
            panel = Panel(go.Figure(go.Bar(y=[0]), layout={"title": {"text": "Levels"}}),
                          {"low": slider("low", 0.9, 0, 1, 0.1), "high": slider("high", 0.5, 0, 1, 0.1)},
                          [["low", "high"]], [0])
            made[lang] = (str(panel.figure.layout.title.text), panel.summary.value, figure_html(figure, "f"),
                          data_table(frame, {"state": "State"}, "Example").header)
    title_en, summary_en, html_en, header_en = made["en"]
    title_ja, summary_ja, html_ja, header_ja = made["ja"]
    assert title_en == "Levels (not computed)" and title_ja == "Levels（計算不可）"
    assert summary_en.startswith("<b>Cannot compute:</b>") and summary_ja.startswith("<b>計算できない：</b>")
    assert "「low」" in summary_ja, "a rejected combination names the control by its label, in 「」"
    for english, japanese in (("Show the data of this figure", "この図のデータを表示"), ("Source:", "出典："),
                              ("Note:", "注："), (">Series<", ">系列<"), (">Value<", ">値<"),
                              ("a slider with 2 steps", "2段階のスライダー")):
        assert english in html_en and english not in html_ja and japanese in html_ja, english
    assert header_en[1:] == ("Sources", "Basis") and header_ja[1:] == ("出典", "根拠")
    with speaking("ja"):  # a setting cited in Jupyter names the Japanese edition, as the site does
        cited = Panel(go.Figure(go.Bar(y=[0]), layout={"title": {"text": "Levels"}}),
                      {"low": slider("low", 0.1, 0, 1, 0.1), "high": slider("high", 0.5, 0, 1, 0.1)},
                      [["low", "high"]], [0]).citation("第2章")
    year = citation.RELEASED[:4]
    assert cited.startswith(f"本講義の著者（{year}）『「選択的核拡散」をめぐる論争：講義』バージョン"), cited


def test_a_module_s_own_catalogue_comes_first() -> None:
    """One English word, two Japanese ones: each module gets its own, and a figure gets the word of
    its own explorer's model (the check can fail: the two translations differ)."""
    own = i18n.domain_catalogues("ja")
    assert own["figures/support"]["Evidence"] != own["models/argument_map"]["Evidence"]
    with speaking("ja"):
        support = i18n.translate("Evidence", "proliferation_course.figures.support")
        assert support == own["figures/support"]["Evidence"]
        for module in ("proliferation_course.models.argument_map", "proliferation_course.figures.argument_map"):
            assert i18n.translate("Evidence", module) == own["models/argument_map"]["Evidence"], module
