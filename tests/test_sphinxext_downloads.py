"""sphinxext.downloads: MyST pages as notebooks to download, and the data tables in the site."""

from __future__ import annotations

import nbformat

from proliferation_course.sphinxext.downloads import DATA_DIR

EXTS = ["myst_parser", "proliferation_course.sphinxext.downloads"]
PAGE = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
---
# A page

Some text.

```{code-cell} ipython3
1 + 1
```
"""


def test_a_myst_page_is_offered_as_a_notebook(tiny_sphinx) -> None:
    html = tiny_sphinx.build({"index": "Home\n====\n\n.. toctree::\n\n   page\n", "page.md": PAGE}, EXTS,
                             suppress_warnings=["myst.directive_unknown"])
    nb = nbformat.read(html / "_sources" / "page.ipynb", as_version=4)
    nbformat.validate(nb)
    assert [c.cell_type for c in nb.cells] == ["markdown", "code"]
    assert nb.cells[1].source == "1 + 1"
    assert "jupytext" not in nb.metadata and nb.metadata["kernelspec"]["name"] == "python3"
    assert not (html / "_sources" / "index.ipynb").exists(), "only MyST pages are converted"


def test_the_data_tables_are_copied_for_download(tiny_sphinx) -> None:
    html = tiny_sphinx.build({"index": "Home\n====\n"}, EXTS)
    tables = sorted(p.name for p in DATA_DIR.iterdir() if p.suffix in (".csv", ".json"))
    assert "datapackage.json" in tables and len(tables) > 5
    assert sorted(p.name for p in (html / "data").iterdir()) == tables
    for name in tables:
        assert (html / "data" / name).read_bytes() == (DATA_DIR / name).read_bytes()
