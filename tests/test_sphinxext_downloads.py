"""sphinxext.downloads: the data tables in the site (the notebooks a learner downloads: test_notebooks.py)."""

from __future__ import annotations

from proliferation_course.sphinxext.downloads import DATA_DIR

EXTS = ["myst_parser", "proliferation_course.sphinxext.downloads"]
def test_the_data_tables_are_copied_for_download(tiny_sphinx) -> None:
    html = tiny_sphinx.build({"index": "Home\n====\n"}, EXTS)
    tables = sorted(p.name for p in DATA_DIR.iterdir() if p.suffix in (".csv", ".json"))
    assert "datapackage.json" in tables and len(tables) > 5
    assert sorted(p.name for p in (html / "data").iterdir()) == tables
    for name in tables:
        assert (html / "data" / name).read_bytes() == (DATA_DIR / name).read_bytes()
