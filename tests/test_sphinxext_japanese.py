"""sphinxext.japanese: Japanese that reaches a page without the {ja} role is marked lang="ja" too.

The run finder and the doctree transform are tested in test_accuracy.py; this builds a small project.
"""

from __future__ import annotations

import re

EXTS = ["proliferation_course.sphinxext.accessibility", "proliferation_course.sphinxext.japanese"]


def test_unmarked_japanese_on_a_page_gets_lang_ja(tiny_sphinx) -> None:
    html = tiny_sphinx.build({"index": "Home\n====\n\nJapan's 反撃能力 (counterstrike capability).\n\n"
                                       "::\n\n   code = '核'\n"}, EXTS)
    page = (html / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span[^>]*lang="ja"[^>]*>反撃能力</span>', page), "the run is not marked"
    assert not re.search(r'lang="ja"[^>]*>核', page), "code is left alone"
