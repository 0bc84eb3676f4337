"""The package's own words in Japanese: its catalogues, and what it writes with them.

The pages' prose is checked by ``test_translations.py``; this file checks what the package
writes at run time (figures, panels, quizzes, messages), translated with
:mod:`proliferation_course.i18n` from ``proliferation_course/locale/ja/LC_MESSAGES/<domain>.po``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from proliferation_course import i18n, quiz
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
    i18n.catalogue.cache_clear()
    try:
        with speaking("ja"):
            assert _("Hazard per month") == "月あたりのハザード"
            assert _("Scenario") == "Scenario", "a fuzzy unit must not be used"
            assert _("Not yet") == "Not yet"
        with speaking("en"):
            assert _("Hazard per month") == "Hazard per month"
    finally:
        i18n.catalogue.cache_clear()


def test_a_quiz_is_read_in_japanese_from_its_catalogue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    source = quiz.QUIZ_DIR / "ch02.yml"
    (text, where), *_rest = messages.quiz_messages(source)
    assert where == "title"
    catalogue = tmp_path / "ja" / "LC_MESSAGES" / "quizzes" / "ch02.po"
    catalogue.parent.mkdir(parents=True)
    catalogue.write_text(f'msgid "{text}"\nmsgstr "確認問題：抑止は核弾頭だけではない"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        with speaking("ja"):
            japanese = quiz.load_quiz("ch02")
        english = quiz.load_quiz("ch02")
    finally:
        i18n.catalogue.cache_clear()
    assert japanese.title == "確認問題：抑止は核弾頭だけではない" and english.title == text
    assert 'aria-label="確認問題：抑止は核弾頭だけではない"' in japanese.to_html()



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
