"""sphinxext.accessibility: Japanese marked as such, code-cell toggles named by their text, lists."""

from __future__ import annotations

import re

from proliferation_course.sphinxext import accessibility

EXT = "proliferation_course.sphinxext.accessibility"


def test_the_ja_role_marks_the_language(tiny_sphinx) -> None:
    html = tiny_sphinx.build({"index": "Title\n=====\n\nExtended deterrence (:ja:`拡大抑止`).\n"}, [EXT])
    page = (html / "index.html").read_text(encoding="utf-8")
    assert '<span class="ja" lang="ja">拡大抑止</span>' in page


def test_bibliography_entries_are_list_items() -> None:
    context = {"body": '<div role="list"><div role="doc-biblioentry">A</div></div>'}
    accessibility._list_items_for_bibliography(None, "p", "page.html", context, None)  # type: ignore[arg-type]
    assert context["body"] == '<div role="list"><div role="listitem">A</div></div>'


NOTEBOOK = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---
# A page

```{code-cell} ipython3
:tags: [hide-input]

1 + 1
```
"""


def test_a_hidden_cell_toggle_is_named_by_its_visible_text(tiny_sphinx) -> None:
    """No aria-label over the summary: its name is the prompt shown ("Show code cell source")."""
    html = tiny_sphinx.build({"index.md": NOTEBOOK}, ["myst_nb", EXT], nb_execution_mode="off")
    page = (html / "index.html").read_text(encoding="utf-8")
    summaries = re.findall(r"<summary[^>]*>.*?</summary>", page, flags=re.S)
    assert len(summaries) == 1, summaries
    assert summaries[0].startswith("<summary>"), summaries[0]
    assert '<p class="collapsed admonition-title">Show code cell source</p>' in summaries[0]
    assert '<p class="expanded admonition-title">Hide code cell source</p>' in summaries[0]
    assert '<details class="admonition hide above-input">' in page
    assert tiny_sphinx.warnings == ""
