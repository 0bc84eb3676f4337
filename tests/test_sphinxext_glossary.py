"""sphinxext.glossary: each glossary entry lists the pages that use its term, in serial and parallel builds."""

from __future__ import annotations

import re

import pytest

from proliferation_course.sphinxext import glossary

EXT = "proliferation_course.sphinxext.glossary"
GLOSSARY = """Glossary
========

.. glossary::

   Deterrence
      Dissuading by threat.

   Breakout
      A dash to the bomb.

   Latency
      Being able to.
"""


def _pages(n: int = 8) -> dict[str, str]:
    pages = {"index": "Home\n====\n\n.. toctree::\n   :glob:\n\n   book/*\n", "book/glossary": GLOSSARY}
    for i in range(n):
        term = ":term:`Breakout`" if i % 2 else ":term:`deterrence <Deterrence>`"
        pages[f"book/page{i}"] = f"Page {i}\n=======\n\nOn {term}.\n"
    return pages


def _used_in(html) -> dict[str, list[str]]:
    """{term: [titles of the pages listed under it]} from the built glossary page."""
    page = (html / "book" / "glossary.html").read_text(encoding="utf-8")
    found = {}
    for term, used in re.findall(r'<dt id="term-(\w+)">.*?<p class="glossary-used-in"><strong>Used in: '
                                 r"</strong>(.*?)</p>", page, flags=re.S):
        found[term] = re.findall(r">(Page \d)</a>", used) or [re.sub(r"<[^>]+>", "", used)]
    return found


EXPECTED = {"Deterrence": ["Page 0", "Page 2", "Page 4", "Page 6"],
            "Breakout": ["Page 1", "Page 3", "Page 5", "Page 7"],
            "Latency": ["(not yet referred to from a page)"]}


@pytest.mark.parametrize("parallel", [1, 2], ids=["serial", "parallel"])
def test_each_entry_lists_the_pages_that_use_its_term(tiny_sphinx, parallel: int) -> None:
    html = tiny_sphinx.build(_pages(), [EXT], parallel=parallel)
    assert _used_in(html) == EXPECTED
    assert tiny_sphinx.warnings == ""


def test_the_extension_declares_itself_safe_for_parallel_reading() -> None:
    class App:
        def connect(self, event: str, handler, priority: int = 500) -> None:
            self.events = [*getattr(self, "events", []), event]

    app = App()
    meta = glossary.setup(app)  # type: ignore[arg-type]
    assert meta["parallel_read_safe"] is True
    assert "env-merge-info" in app.events, "safe for parallel reading only if it merges what workers read"


def test_a_page_that_stops_using_a_term_leaves_its_entry(tiny_sphinx) -> None:
    pages = _pages()
    tiny_sphinx.build(pages, [EXT])
    html = tiny_sphinx.build({"book/page0": "Page 0\n=======\n\nNo term now.\n"}, [EXT], fresh=False)
    assert _used_in(html)["Deterrence"] == ["Page 2", "Page 4", "Page 6"]


def test_the_glossary_page_ends_with_both_languages_side_by_side(tiny_sphinx) -> None:
    """With the course's glossary source and its Japanese catalogue in the project, the glossary
    page ends with a toggle holding every entry in English and Japanese, each cell marked."""
    pages = _pages(2)
    pages["book/glossary.md"] = ("```{glossary}\n\nDeterrence\n  Dissuading by threat. Japanese: {ja}`抑止`.\n\n"
                                 "Breakout\n  A dash to the bomb.\n```\n")
    pages["locales/ja/LC_MESSAGES/book/glossary.po"] = (
        'msgid ""\nmsgstr ""\n\nmsgid "Deterrence"\nmsgstr "抑止 {en}`Deterrence`"\n\n'
        'msgid "Dissuading by threat. Japanese: {ja}`抑止`."\nmsgstr "威嚇によって思いとどまらせること。"\n\n'
        'msgid "Breakout"\nmsgstr "ブレイクアウト"\n\nmsgid "A dash to the bomb."\nmsgstr "核兵器への突進。"\n')
    html = tiny_sphinx.build(pages, [EXT])
    page = (html / "book" / "glossary.html").read_text(encoding="utf-8")
    block = page[page.index('<details class="course-glossary-bilingual"'):page.index("</details>")]
    assert "English and Japanese side by side" in block
    rows = re.findall(r"<tr>(.*?)</tr>", block, flags=re.S)[1:]
    assert [re.findall(r'lang="(en|ja)">([^<]*)<', r) for r in rows] == [
        [("en", "Breakout"), ("en", "A dash to the bomb."), ("ja", "ブレイクアウト"), ("ja", "核兵器への突進。")],
        [("en", "Deterrence"), ("en", "Dissuading by threat."), ("ja", "抑止"),
         ("ja", "威嚇によって思いとどまらせること。")],
    ]


def test_without_the_course_glossary_source_there_is_no_bilingual_table(tiny_sphinx) -> None:
    html = tiny_sphinx.build(_pages(2), [EXT])
    assert "course-glossary-bilingual" not in (html / "book" / "glossary.html").read_text(encoding="utf-8")
