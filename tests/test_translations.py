"""The Japanese edition's translation: which pages must be complete, and are they.

A page is translated in units (paragraphs, headings, list items, table cells) kept in
``locales/ja/LC_MESSAGES/<page>.po``, each tied to its English text. The pages listed in
``languages.COMPLETE_PAGES`` (now the entry page and the glossary; next Part I, then the rest)
must be complete: every unit translated, none fuzzy, none whose English has changed since it
was translated. The last is what the Japanese build finds (Sphinx looks each unit of the
current English source up in the catalogue) and writes to
``_build/translation-state/ja-<edition>.json``; a changed English sentence in a copy of a
real page makes the same check fail.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from proliferation_course.i18n import read_catalogue
from proliferation_course.sphinxext import languages
from site_helpers import ROOT, require_site

LOCALES = ROOT / "locales" / "ja" / "LC_MESSAGES"
PAGES = languages.COMPLETE_PAGES["ja"]
PACKAGE_LOCALES = ROOT / "proliferation_course" / "locale" / "ja" / "LC_MESSAGES"


def incomplete(states: dict[str, dict], pages: tuple[str, ...]) -> list[str]:
    """The pages of ``pages`` not complete in a build's translation state, and why."""
    problems = []
    for page in pages:
        state = states.get(page)
        if state is None:
            problems.append(f"{page}: not built in Japanese")
        elif not state["catalogue"]:
            problems.append(f"{page}: no catalogue (locales/ja/LC_MESSAGES/{page}.po)")
        elif state["translated"] != state["units"]:
            problems.append(f"{page}: {state['units'] - state['translated']} of {state['units']} units are not "
                            f"translated or out of date, first: {state['untranslated'][:3]}")
    return problems


@pytest.mark.parametrize("page", PAGES)
def test_the_catalogue_has_no_empty_or_fuzzy_unit(page: str) -> None:
    problems = languages.catalogue_problems(LOCALES / f"{page}.po")
    assert not problems, "\n".join(problems)


def test_every_catalogue_belongs_to_a_page() -> None:
    pages = {p.relative_to(LOCALES).with_suffix("").as_posix() for p in LOCALES.rglob("*.po")} - {"sphinx"}
    orphans = [p for p in sorted(pages) if not any((ROOT / f"{p}{s}").is_file() for s in (".md", ".ipynb"))]
    assert not orphans, f"catalogues of pages that no longer exist: {orphans}"


# Short English texts that recur with two meanings, so may be translated two ways.
TWO_MEANINGS = {
    "All": "the capstone's role table (every chapter) and the syllabus (the whole course)",
    "Your progress": "the progress page (the site's record) and an exercise's last section (its checks)",
}


def _units(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(catalogue, English, Japanese) for every translated unit of ``paths`` (a fuzzy one is not used)."""
    return [(path.relative_to(ROOT).as_posix(), e.msgid, e.msgstr)
            for path in paths for e in read_catalogue(path) if e.msgid and e.msgstr and not e.fuzzy]


def recurring(units: list[tuple[str, str, str]], longest: int = 80) -> dict[str, dict[str, list[str]]]:
    """Each short English text (``longest`` characters at most) of more than one catalogue:
    its translations, and the catalogues that use each."""
    seen: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for catalogue, english, japanese in units:
        # A glossary's headword carries its English: 至高の利益 {en}`supreme interests`.
        if len(english) <= longest:
            seen[english][re.sub(r" ?\{en\}`[^`]*`", "", japanese)].append(catalogue)
    return {english: dict(ways) for english, ways in seen.items()
            if len({c for cs in ways.values() for c in cs}) > 1}


def unequal(units: list[tuple[str, str, str]]) -> list[str]:
    """The short texts translated more than one way, each way with its catalogues."""
    return [f"{english!r}: " + "; ".join(f"{japanese!r} in {', '.join(sorted(set(cs)))}"
                                         for japanese, cs in ways.items())
            for english, ways in recurring(units).items() if len(ways) > 1 and english not in TWO_MEANINGS]


def misquoted(units: list[tuple[str, str, str]]) -> list[str]:
    """Units whose English quotes a recurring heading (a phrase of two words or more, such as the
    chapters' "The other side") and whose Japanese does not quote that heading's translation in 「」."""
    headings = {english: next(iter(ways)) for english, ways in recurring(units).items()
                if len(ways) == 1 and re.fullmatch(r"[A-Z][A-Za-z-]*( [A-Za-z-]+)+", english)}
    problems = []
    for catalogue, english, japanese in units:
        prose = re.sub(r"`[^`]*`", "", english)  # a quoted name in code is a value, not a heading
        for heading, translation in headings.items():
            if re.search(rf"[\"'“‘]{re.escape(heading)}[\"'”’]", prose) and f"「{translation}」" not in japanese:
                problems.append(f"{catalogue}: quotes {heading!r} but not 「{translation}」: {japanese[:60]}…")
    return problems


def _all_units() -> list[tuple[str, str, str]]:
    """Every unit of the book's catalogues, and the units of the package's catalogues (figures, models,
    quizzes, data) whose English has two words or more: a single word there ("State", "Scale",
    "yes") is a label whose best Japanese depends on the figure it labels."""
    package = [u for u in _units(sorted(PACKAGE_LOCALES.rglob("*.po"))) if len(re.findall(r"[A-Za-z]+", u[1])) > 1]
    return _units(sorted(LOCALES.rglob("*.po"))) + package


def test_a_recurring_short_text_is_translated_one_way() -> None:
    """The chapters' template headings ("The other side", "Run it live", "Things to try:"), a
    figure's "Why these values" and any other short text used in several places read the same
    wherever the Japanese edition shows them."""
    problems = unequal(_all_units())
    assert not problems, "\n".join(problems)


def test_a_quoted_heading_quotes_its_translation() -> None:
    problems = misquoted(_all_units())
    assert not problems, "\n".join(problems)


def test_the_translation_checks_find_two_ways_and_a_stale_quote() -> None:
    units = [("a.po", "The other side", "反対の立場から"), ("b.po", "The other side", "反対側の議論"),
             ("c.po", "As \"The other side\" says.", "「反対側の議論」が言うように。")]
    assert unequal(units) and "a.po" in unequal(units)[0] and "b.po" in unequal(units)[0]
    fixed = [units[0], ("b.po", "The other side", "反対の立場から"), units[2]]
    assert not unequal(fixed)
    assert misquoted(fixed) == [f"c.po: quotes 'The other side' but not 「反対の立場から」: {units[2][2]}…"]
    assert not misquoted([*fixed[:2], ("c.po", units[2][1], "「反対の立場から」が言うように。")])


@pytest.mark.build
@pytest.mark.parametrize("edition", ["learner", "instructor"])
def test_the_japanese_build_found_every_unit_translated(edition: str) -> None:
    """Every complete page the edition has (the learner edition has no instructor-only page)."""
    site = require_site() if edition == "learner" else ROOT / "_build" / "instructor"
    path = ROOT / "_build" / "translation-state" / f"ja-{edition}.json"
    assert path.is_file(), f"no {path.relative_to(ROOT)}: run `bash scripts/build-site.sh`"
    states = json.loads(path.read_text(encoding="utf-8"))
    pages = tuple(p for p in PAGES if (site / f"{p}.html").is_file())
    assert len(pages) >= len(PAGES) - 10, f"{edition}: only {len(pages)} of the complete pages are in the edition"
    assert not incomplete(states, pages), "\n".join(incomplete(states, pages))


def _edition_of(page: str) -> Path:
    """The English site that holds ``page``: the learner edition, or the instructor edition for a page
    only instructors get (the instructor guide, the notes, the syllabus)."""
    site = require_site()
    return site if (site / f"{page}.html").is_file() else ROOT / "_build" / "instructor"


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_each_complete_page_and_its_english_counterpart_link_to_each_other(page: str) -> None:
    site = _edition_of(page)
    english, japanese = site / f"{page}.html", site / "ja" / f"{page}.html"
    assert japanese.is_file(), f"no Japanese page for {page}"
    en = BeautifulSoup(english.read_text(encoding="utf-8"), "html.parser")
    ja = BeautifulSoup(japanese.read_text(encoding="utf-8"), "html.parser")
    assert ja.html["lang"] == "ja" and en.html["lang"] == "en"

    def target(soup: BeautifulSoup, here: Path, lang: str) -> Path:
        (link,) = soup.select(f'link[rel="alternate"][hreflang="{lang}"]')
        switch = soup.select_one(f'a.course-language-switch[hreflang="{lang}"]')
        assert switch is not None and switch["href"] == link["href"], f"{here}: no language switch to {lang}"
        return (here.parent / link["href"]).resolve()

    assert target(en, english, "ja") == japanese.resolve()
    assert target(ja, japanese, "en") == english.resolve()
    assert not ja.select(".course-untranslated"), f"{page}: the Japanese page says it is not translated"


def _japanese_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    japanese = [c for c in letters if "\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff"]
    return len(japanese) / max(1, len(letters))


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_the_running_text_of_a_complete_page_is_japanese(page: str) -> None:
    soup = BeautifulSoup((_edition_of(page) / "ja" / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    main = soup.select_one("article")
    assert main is not None
    skipped = "pre, code, .bibliography, div.citation, script, [lang=en], .glossary-used-in, div.cell"
    for skip in main.select(skipped):
        skip.decompose()
    share = _japanese_share(main.get_text(" "))
    assert share > 0.6, f"{page}: only {share:.0%} of the running text is Japanese"


def test_a_changed_english_sentence_in_a_copy_of_the_entry_page_fails_the_check(tiny_sphinx,
                                                                                 monkeypatch: pytest.MonkeyPatch
                                                                                 ) -> None:
    """The real entry page and its real catalogue, built in Japanese in a temporary project: complete;
    with one English sentence changed, the same check names the page and the sentence."""
    monkeypatch.setenv("COURSE_LANGUAGE", "en")
    monkeypatch.setenv("COURSE_EDITION", "learner")
    page = "book/intro"
    source = (ROOT / f"{page}.md").read_text(encoding="utf-8")
    sentence = "The course offers three paths."
    assert sentence in source, "pick another sentence of the entry page for this test"

    def build(text: str) -> dict[str, dict]:
        if tiny_sphinx.src.exists():
            shutil.rmtree(tiny_sphinx.src)
        pages = {f"{page}.md": text, "index.md": f"# Home\n\n```{{toctree}}\n{page}\n```\n",
                 f"locales/ja/LC_MESSAGES/{page}.po": (LOCALES / f"{page}.po").read_text(encoding="utf-8"),
                 "references.bib": (ROOT / "book" / "references.bib").read_text(encoding="utf-8")}
        tiny_sphinx.build(pages, ["myst_nb", "sphinxcontrib.bibtex",
                                  "proliferation_course.sphinxext.editions",
                                  "proliferation_course.sphinxext.accessibility",
                                  "proliferation_course.sphinxext.languages"],
                          source_suffix={".md": "myst-nb"}, language="ja", locale_dirs=["locales"],
                          exclude_patterns=["_build", "locales"], bibtex_bibfiles=["references.bib"],
                          myst_enable_extensions=["colon_fence", "deflist", "dollarmath", "substitution"])
        assert "inconsistent" not in tiny_sphinx.warnings, tiny_sphinx.warnings
        state_file = tiny_sphinx.src / "_build" / "translation-state" / "ja-learner.json"
        return json.loads(state_file.read_text(encoding="utf-8"))

    assert incomplete(build(source), (page,)) == []
    problems = incomplete(build(source.replace(sentence, "The course offers three routes.")), (page,))
    assert len(problems) == 1 and "1 of" in problems[0] and "three routes" in problems[0], problems


@pytest.mark.build
def test_the_japanese_instructor_edition_carries_a_japanese_banner() -> None:
    require_site()
    page = ROOT / "_build" / "instructor" / "ja" / "book" / "intro.html"
    assert page.is_file(), "no Japanese instructor edition: run `bash scripts/build-site.sh`"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    banner = soup.select_one(".bd-header-announcement")
    assert banner is not None and banner.get_text(strip=True) == languages.BANNERS["ja"]


def _english_in_frames(soup: BeautifulSoup) -> list[str]:
    """Each figure's visible texts, in its JSON and in its HTML frame (title, subtitle, controls,
    notes, source, data table's headings), that are English with no Japanese in them."""
    from explorer_checks import _ENGLISH_WORD, _JAPANESE, english_texts

    found = []
    for script in soup.select('script[type="application/json"][id^="course-fig-"]'):
        found += [f"{script['id']}: {t}" for t in english_texts(json.loads(script.string or "{}"))]
    for frame in soup.select(".course-frame"):
        for element in frame.select("label, option, button, .course-control-label, .course-frame-title, "
                                    ".course-frame-subtitle, .course-frame-notes, .course-frame-source, "
                                    "summary, th, caption"):
            text = element.get_text(" ", strip=True)
            if _ENGLISH_WORD.search(text) and not _JAPANESE.search(text):
                found.append(f"{frame.get('id')}: <{element.name}> {text!r}")
    return found


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_every_figure_of_a_complete_page_speaks_japanese(page: str) -> None:
    """Title, axes, legend, controls (their labels and options), notes, source and the data table's
    headings of every figure on a complete Japanese page: none is English."""
    soup = BeautifulSoup((_edition_of(page) / "ja" / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    found = _english_in_frames(soup)
    assert not found, f"{page}: English in its figures:\n" + "\n".join(found[:30])


def test_the_figure_check_finds_english_in_a_frame() -> None:
    """The check above can fail: an English title, or an English option in a Japanese figure."""
    figure = {"data": [], "layout": {"title": {"text": "Surviving the window"}}}
    page = ('<div class="course-frame" id="f-frame"><p class="course-frame-title">脆弱性の窓</p>'
            '<select><option>Scenario one</option><option>シナリオ二</option></select>'
            f'<script type="application/json" id="course-fig-1-data">{json.dumps(figure)}</script></div>')
    found = _english_in_frames(BeautifulSoup(page, "html.parser"))
    assert len(found) == 2 and "Surviving the window" in found[0] and "Scenario one" in found[1], found
