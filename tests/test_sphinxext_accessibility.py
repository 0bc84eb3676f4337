"""sphinxext.accessibility: Japanese marked as such, bibliographies that are lists."""

from __future__ import annotations

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
