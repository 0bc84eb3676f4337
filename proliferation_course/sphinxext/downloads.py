"""Downloads: the data tables behind the data appendix (the notebooks: :mod:`.notebooks`).

* The data tables (``data/*.csv`` and ``datapackage.json``) are copied into
  ``data/`` of the site, for the data appendix's download links.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

__all__ = ["DATA_DIR", "setup"]

DATA_DIR = Path(__file__).resolve().parent.parent.parent / "data"


def _copy_data(app: Sphinx) -> None:
    """Copy the CSV tables and their descriptor into the site, for download."""
    if app.builder.format != "html":
        return
    dest = Path(app.outdir) / "data"
    dest.mkdir(parents=True, exist_ok=True)
    for f in sorted(DATA_DIR.iterdir()):
        if f.suffix in (".csv", ".json") and f.is_file():
            target = dest / f.name
            if not target.exists() or not filecmp.cmp(f, target, shallow=False):
                shutil.copyfile(f, target)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", _copy_data)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
