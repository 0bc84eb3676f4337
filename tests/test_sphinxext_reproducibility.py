"""sphinxext.reproducibility: dates fixed by the source, a fresh redirect, a search index without leftovers."""

from __future__ import annotations

import os
from types import SimpleNamespace

import pytest

from proliferation_course.sphinxext import reproducibility

EXT = "proliferation_course.sphinxext.reproducibility"


def test_last_updated_is_the_newest_source_not_the_clock(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds of the same files print the same "Last updated", whatever the day."""
    (tmp_path / "book").mkdir()
    (tmp_path / "data").mkdir()
    old, new = tmp_path / "book" / "a.md", tmp_path / "data" / "t.csv"
    old.write_text("a")
    new.write_text("b")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    os.utime(new, (1_700_000_000, 1_700_000_000))
    (tmp_path / "_build").mkdir()  # outputs do not count
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    reproducibility._last_updated_from_sources(SimpleNamespace(srcdir=str(tmp_path)), None)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    # A value set by the environment wins.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "42")
    reproducibility._last_updated_from_sources(SimpleNamespace(srcdir=str(tmp_path)), None)
    assert os.environ["SOURCE_DATE_EPOCH"] == "42"


def test_index_redirects_to_the_root_page(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    html = tiny_sphinx.build({"book/intro": "Intro\n=====\n"}, [EXT], root_doc="book/intro",
                             language="en", html_title="A course")
    index = (html / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "<title>A course</title>" in index
    assert '<meta http-equiv="Refresh" content="0; url=book/intro.html">' in index


def test_an_incremental_build_leaves_no_dead_search_terms(tiny_sphinx, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pages = {"index": "Home\n====\n\n.. toctree::\n\n   other\n", "other": "Other\n=====\n\nA zebrafinch.\n"}
    html = tiny_sphinx.build(pages, [EXT])
    assert "zebrafinch" in (html / "searchindex.js").read_text(encoding="utf-8")
    html = tiny_sphinx.build({"other": "Other\n=====\n\nA sparrow.\n"}, [EXT], fresh=False)
    index = (html / "searchindex.js").read_text(encoding="utf-8")
    assert "sparrow" in index and "zebrafinch" not in index
