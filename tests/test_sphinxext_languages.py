"""sphinxext.languages: the Japanese build of small projects (catalogues, notices, alternates, terms).

The state of the real site's translation is tested in test_translations.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from proliferation_course.sphinxext import languages

EXTS = ["myst_parser", "proliferation_course.sphinxext.languages"]
PAGE = "# A page\n\nDeterrence rests on three things.\n\nA second sentence.\n"
OTHER = "# Another page\n\nNot translated at all.\n"


def _po(pairs: dict[str, str], fuzzy: tuple[str, ...] = ()) -> str:
    out = ['msgid ""', 'msgstr ""', '"Content-Type: text/plain; charset=UTF-8\\n"', ""]
    for msgid, msgstr in pairs.items():
        if msgid in fuzzy:
            out.append("#, fuzzy")
        out += [f"msgid {json.dumps(msgid, ensure_ascii=False)}",
                f"msgstr {json.dumps(msgstr, ensure_ascii=False)}", ""]
    return "\n".join(out)


TRANSLATION = {"A page": "あるページ", "Deterrence rests on three things.": "抑止は三つの要素に依拠する。",
               "A second sentence.": "二つ目の文({en}`second sentence`)である。"}


def _build(tiny_sphinx, monkeypatch: pytest.MonkeyPatch, page: str = PAGE,
           translation: dict[str, str] = TRANSLATION, fuzzy: tuple[str, ...] = ()) -> Path:
    monkeypatch.setenv("COURSE_LANGUAGE", "en")  # restored after the test; the build sets it
    pages = {"index.md": "# Home\n\n```{toctree}\npage\nother\n```\n", "page.md": page, "other.md": OTHER,
             "locales/ja/LC_MESSAGES/page.po": _po(translation, fuzzy)}
    return tiny_sphinx.build(pages, EXTS, source_suffix={".md": "markdown"}, language="ja",
                             locale_dirs=["locales"], exclude_patterns=["_build", "locales"])


def test_the_build_tells_the_package_its_language(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    _build(tiny_sphinx, monkeypatch)
    assert os.environ["COURSE_LANGUAGE"] == "ja"


def test_a_translated_page_is_japanese_and_links_to_its_counterpart(tiny_sphinx,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    html = _build(tiny_sphinx, monkeypatch)
    text = (html / "page.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in text
    assert "抑止は三つの要素に依拠する。" in text and "Deterrence rests" not in text
    assert "course-untranslated" not in text
    assert text.split("<body", 1)[1].count('lang="en"') == 1, "only the English words are marked English"
    assert '<span class="lang-en" lang="en">second sentence</span>' in text.replace(
        '<span lang="en" class="lang-en">', '<span class="lang-en" lang="en">')
    assert '<link rel="alternate" hreflang="en" href="../page.html" />' in text
    assert '<link rel="alternate" hreflang="ja" href="page.html" />' in text
    state = json.loads((tiny_sphinx.src / "_build/translation-state/ja-learner.json").read_text(encoding="utf-8"))
    assert state["page"]["units"] == state["page"]["translated"] == 3 and state["page"]["catalogue"]
    assert languages.is_complete(state["page"]) and not languages.is_complete(state["other"])


def test_on_an_untranslated_page_the_labels_the_theme_writes_stay_japanese(
        tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    """Its English text is marked English, but not the blocks around it: the admonition's title,
    which Sphinx writes in Japanese ("重要"), stays Japanese."""
    other = "# Another page\n\nNot translated at all.\n\n```{important}\nAn English warning.\n```\n"
    html = tiny_sphinx.build({"index.md": "# Home\n\n```{toctree}\nother\n```\n", "other.md": other,
                              "locales/ja/LC_MESSAGES/none.po": _po({})},
                             EXTS, source_suffix={".md": "markdown"}, language="ja", locale_dirs=["locales"],
                             exclude_patterns=["_build", "locales"])
    soup = BeautifulSoup((html / "other.html").read_text(encoding="utf-8"), "html.parser")
    title = soup.select_one(".admonition.important .admonition-title")
    assert title is not None and "重要" in title.get_text()
    assert all(a.get("lang") != "en" for a in [title, *title.parents]), "a Japanese label is marked English"
    warning = soup.find(string=lambda t: "An English warning." in t)
    assert any(a.get("lang") == "en" for a in warning.parents), "the English text is not marked English"


def test_a_page_without_a_catalogue_says_so_and_is_marked_english(tiny_sphinx,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    text = (_build(tiny_sphinx, monkeypatch) / "other.html").read_text(encoding="utf-8")
    assert "このページはまだ日本語に訳されていない" in text
    assert 'href="../other.html"' in text, "the notice links to the English page"
    notice = BeautifulSoup(text, "html.parser").select_one(".course-untranslated")
    assert notice is not None and notice.get("lang") is None, "the notice is Japanese, not marked English"
    body = text.split("<body", 1)[1]
    assert body.count('lang="en"') >= 1
    before = body.split("Not translated at all.")[0]
    assert 'lang="en"' in before.rsplit("<section", 1)[1], "the English text is inside an element marked English"


def test_a_changed_english_sentence_is_no_longer_translated(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    """The English source changes after the translation: that unit is shown in English, marked
    lang="en", the page says it is not fully translated, and the state says which unit."""
    changed = PAGE.replace("three things", "three elements")
    html = _build(tiny_sphinx, monkeypatch, page=changed)
    text = (html / "page.html").read_text(encoding="utf-8")
    assert "二つ目の文" in text, "the unchanged unit keeps its translation"
    assert '<p class="untranslated" lang="en">Deterrence rests on three elements.</p>' in text.replace(
        '<p lang="en" class="untranslated">', '<p class="untranslated" lang="en">')
    assert "このページの翻訳は完了していない" in text
    state = json.loads((tiny_sphinx.src / "_build/translation-state/ja-learner.json").read_text(encoding="utf-8"))
    assert not languages.is_complete(state["page"])
    assert state["page"]["untranslated"] == ["Deterrence rests on three elements."]


def test_a_fuzzy_translation_is_not_used(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    html = _build(tiny_sphinx, monkeypatch, fuzzy=("A second sentence.",))
    text = (html / "page.html").read_text(encoding="utf-8")
    assert "二つ目の文" not in text and "A second sentence." in text


def test_catalogue_problems_name_fuzzy_empty_and_missing_units(tmp_path: Path) -> None:
    po = tmp_path / "page.po"
    po.write_text(_po({"One.": "一。", "Two.": "", "Three.": "三。"}, fuzzy=("Three.",)), encoding="utf-8")
    problems = languages.catalogue_problems(po, expected=["One.", "Two.", "Three.", "Four."])
    assert len(problems) == 3
    assert "not translated: 'Two.'" in problems[0] or "not translated: 'Two.'" in " ".join(problems)
    assert any("fuzzy" in p and "Three." in p for p in problems)
    assert any("no translation" in p and "Four." in p for p in problems)
    po.write_text(_po({"One.": "一。"}), encoding="utf-8")
    assert languages.catalogue_problems(po, expected=["One."]) == []
    assert languages.catalogue_problems(tmp_path / "none.po") != []


def test_terms_resolve_to_the_translated_glossary(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    glossary = "# Glossary\n\n```{glossary}\nDeterrence\n  Preventing an action.\n```\n"
    pages = {"index.md": "# Home\n\n```{toctree}\nbook/glossary\nbook/page\n```\n",
             "book/glossary.md": glossary,
             "book/page.md": "# Page\n\nSee {term}`deterrence`.\n",
             "locales/ja/LC_MESSAGES/book/glossary.po": _po({
                 "Deterrence": "抑止 {en}`deterrence`", "Glossary": "用語集",
                 "Preventing an action.": "行動を思いとどまらせること。"})}
    html = tiny_sphinx.build(pages, EXTS, source_suffix={".md": "markdown"}, language="ja",
                             locale_dirs=["locales"], exclude_patterns=["_build", "locales"])
    assert "term not in glossary" not in tiny_sphinx.warnings, tiny_sphinx.warnings
    page = (html / "book" / "page.html").read_text(encoding="utf-8")
    assert 'href="glossary.html#term-Deterrence"' in page
    glossary_html = (html / "book" / "glossary.html").read_text(encoding="utf-8")
    assert "抑止" in glossary_html and 'class="lang-en">deterrence</span>' in glossary_html


def test_table_of_contents_captions_are_translated(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    """sphinx-external-toc adds its captions after Sphinx's translation: the extension translates them."""
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    pages = {"index.md": "# Home\n", "page.md": PAGE,
             "_toc.yml": "format: jb-book\nroot: index\nparts:\n  - caption: Part one\n    chapters:\n"
                         "      - file: page\n",
             "locales/ja/LC_MESSAGES/index.po": _po({"Part one": "第一部", "Home": "ホーム"})}
    html = tiny_sphinx.build(pages, ["myst_parser", "sphinx_external_toc", *EXTS[1:]],
                             source_suffix={".md": "markdown"}, language="ja", locale_dirs=["locales"],
                             external_toc_path="_toc.yml", exclude_patterns=["_build", "locales"])
    text = (html / "index.html").read_text(encoding="utf-8")
    assert "第一部" in text and "Part one" not in text


def test_the_english_build_links_to_the_japanese_pages(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    pages = {"index.md": "# Home\n\n```{toctree}\nbook/page\n```\n", "book/page.md": PAGE,
             "locales/ja/LC_MESSAGES/book/page.po": _po(TRANSLATION)}
    html = tiny_sphinx.build(pages, EXTS, source_suffix={".md": "markdown"},
                             exclude_patterns=["_build", "locales"])
    text = (html / "book" / "page.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in text and "Deterrence rests on three things." in text
    assert '<link rel="alternate" hreflang="ja" href="../ja/book/page.html" />' in text
    assert '<link rel="alternate" hreflang="en" href="page.html" />' in text


def test_language_config_lays_the_overlay_over_the_books_config(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text("title: A course\nhtml:\n  extra_footer: English\n  home: true\n"
                                          "sphinx:\n  config:\n    language: en\n", encoding="utf-8")
    (tmp_path / "locales" / "ja").mkdir(parents=True)
    (tmp_path / "locales" / "ja" / "_config.yml").write_text("title: 講義\nhtml:\n  extra_footer: 日本語\n",
                                                             encoding="utf-8")
    config = languages.language_config(tmp_path, "ja")
    assert config["title"] == "講義" and config["html"] == {"extra_footer": "日本語", "home": True}
    assert config["sphinx"]["config"]["language"] == "ja"
    assert config["sphinx"]["config"]["locale_dirs"] == [str(tmp_path / "locales")]
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        languages.language_config(tmp_path, "fr")


def test_the_course_writes_its_japanese_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)
    out = tmp_path / "ja.yml"
    assert languages.main(["config", "ja", str(out)]) == 0
    config = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert config["sphinx"]["config"]["language"] == "ja"
    assert config["sphinx"]["config"]["html_theme_options"]["logo"]["text"] == "選択的核拡散"
    assert "proliferation_course.sphinxext" in config["sphinx"]["extra_extensions"]
