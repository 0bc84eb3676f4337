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
