"""What the website hands a learner to work on their own machine: the wheel, the notebooks, the kit.

The site build calls this module (from :mod:`proliferation_course.sphinxext`):

* every chapter page offers its notebook (``.ipynb``) in the download menu,
  converted for Jupyter by :mod:`proliferation_course.notebooks`;
* an exercise page's ``.ipynb`` is the learner's copy
  (``book/exercises/exNN_topic.ipynb``), converted the same way, never the
  solution notebook the page is built from;
* after the build, :func:`build_wheel` builds the course's wheel and
  :func:`write_kit` writes the exercise kit, ``downloads/<KIT_NAME>``: one zip
  holding the learner notebooks, the wheel and a short README. Both are
  byte-identical from one build to the next (fixed order, modes and dates).

Pages that run only inside the repository (the instructor's pages, the
handouts, the exercises index) offer no notebook.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from . import __version__
from .context import mark_site_build
from .notebooks import (
    Site,
    bibliography_citations,
    learner_notebook,
    notebook_json,
    page_notebook,
    page_units,
    translate_notebook,
)

__all__ = ["DOWNLOADS", "KIT_NAME", "build_wheel", "kit_readme", "offers_notebook", "setup", "write_kit"]

#: Folder of the site that holds the kit and the wheel.
DOWNLOADS = "downloads"
#: The kit's file name (stable, so that pages can link it; the README inside names the version).
KIT_NAME = "proliferation-course-exercises.zip"
#: Pages that offer no notebook: they are for instructors (a learner's notebook holds no
#: instructor notes), or their code reads the repository's own files (the handouts, the
#: exercises index), so it would fail anywhere else.
NO_NOTEBOOK = ("book/instructor/", "book/handouts/", "book/exercises/index")


def offers_notebook(pagename: str) -> bool:
    """Whether the page's download menu offers it as a notebook."""
    return not pagename.startswith(NO_NOTEBOOK)
#: The repository's files that go into the wheel (see pyproject.toml).
WHEEL_SOURCES = ("pyproject.toml", "README.md", "proliferation_course", "data", "book/quizzes",
                 "book/references.bib")


# --------------------------------------------------------------------------- the wheel

def _staged_files(root: Path) -> list[Path]:
    files: list[Path] = []
    for name in WHEEL_SOURCES:
        path = root / name
        if path.is_file():
            files.append(path)
        else:
            files.extend(p for p in path.rglob("*") if p.is_file()
                         and "__pycache__" not in p.parts and p.suffix != ".pyc")
    return sorted(files)


def build_wheel(root: Path, dest: Path, *, cache: Path | None = None,
                epoch: int | None = None) -> Path:
    """Build the course's wheel from the repository at ``root`` into ``dest``.

    The sources are copied into a temporary folder first (so that the build
    leaves nothing in the repository), with fixed file modes, and the wheel's
    dates come from ``epoch`` (``SOURCE_DATE_EPOCH``): two builds of the same
    files give the same bytes. With ``cache``, a wheel built before from the
    same files is reused.

    Raises
    ------
    RuntimeError
        If setuptools fails; the message ends with its output.
    """
    files = _staged_files(root)
    epoch = int(epoch if epoch is not None else os.environ.get("SOURCE_DATE_EPOCH", 315532800))
    epoch = max(epoch, 315532800)  # zip dates start in 1980
    digest = hashlib.sha256(str(epoch).encode())
    for f in files:
        digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    name = f"proliferation_course-{__version__}-py3-none-any.whl"
    dest.mkdir(parents=True, exist_ok=True)
    if cache is not None:
        cached = cache / digest.hexdigest()[:16] / name
        if cached.is_file():
            shutil.copyfile(cached, dest / name)
            return dest / name
    with tempfile.TemporaryDirectory(prefix="course-wheel-") as tmp:
        stage, out = Path(tmp) / "src", Path(tmp) / "out"
        for f in files:
            target = stage / f.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
            target.chmod(0o644)
        env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), PYTHONDONTWRITEBYTECODE="1")
        result = subprocess.run(
            [sys.executable, "-c", "import sys; from setuptools import build_meta; "
             "print(build_meta.build_wheel(sys.argv[1]))", str(out)],
            cwd=stage, env=env, capture_output=True, text=True, check=False)
        built = out / name
        if result.returncode != 0 or not built.is_file():
            raise RuntimeError(f"building the course's wheel failed:\n{result.stdout[-2000:]}"
                               f"\n{result.stderr[-2000:]}")
        if cache is not None:
            cached = cache / digest.hexdigest()[:16] / name
            cached.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built, cached)
        shutil.copyfile(built, dest / name)
    return dest / name


# --------------------------------------------------------------------------- the kit

def kit_readme(site: Site, notebooks: Iterable[str], lang: str = "en") -> str:
    """The kit's README: what is in it and how to start, in a few lines (in ``lang``)."""
    listing = "\n".join(f"- `{n}`" for n in notebooks)
    if lang == "ja":
        return _README_JA.format(version=site.version, listing=listing, wheel=site.wheel)
    return f"""# Selective nuclear proliferation: exercise kit (version {site.version})

This folder holds the course's exercise notebooks, to work on your own machine,
on Colab or on a JupyterHub, and the course's Python package as a wheel:

{listing}
- `{site.wheel}`: the package (models, data, checks)

These notebooks are **your copies**: write your answers in them. A newer kit
will not overwrite them; unzip it into another folder.

## Start

On your own machine, with Python 3.11 or newer:

```bash
python3 -m venv .venv
source .venv/bin/activate        # Windows: .venv\\Scripts\\activate
pip install {site.wheel} jupyterlab
jupyter lab
```

On Colab or a JupyterHub, upload the notebook and the wheel into the same folder.

Each notebook begins with a set-up cell: run it first. It installs the package
from the wheel beside the notebook when the package is missing, and does
nothing when it is there.

## Work

Answer each question in its answer cell (replace `...`), then run the check
cell under it: it says whether the answer is right and, if not, what is wrong.
To check everything again, restart the kernel and run all cells.
"""


_README_JA = """# 選択的核拡散: 演習キット（バージョン {version}）

このフォルダーには、自分のパソコン、Colab、JupyterHub で取り組むためのコースの演習
ノートブック（日本語版）と、コースの Python パッケージ（wheel）が入っている:

{listing}
- `{wheel}`: パッケージ（モデル、データ、確認）

これらのノートブックは**自分用の写し**である。答えはここに書くこと。新しいキットを
展開しても上書きされないよう、別のフォルダーに展開すること。

## 始め方

自分のパソコンでは、Python 3.11 以降で次のようにする:

```bash
python3 -m venv .venv
source .venv/bin/activate        # Windows では .venv\\Scripts\\activate
pip install {wheel} jupyterlab
jupyter lab
```

Colab や JupyterHub では、ノートブックと wheel を同じフォルダーにアップロードする。

各ノートブックは準備のセルで始まる。最初にこれを実行すること。パッケージがなければ
同じフォルダーの wheel からインストールし、あれば何もしない。また、確認のメッセージが
日本語になるよう言語を日本語にする。

## 取り組み方

各問いの解答セルに答えを書き（`...` を書き換える）、その下の確認セルを実行する。
答えが正しいかどうか、正しくなければ何が違うかが示される。すべてをもう一度確認する
には、カーネルを再起動してすべてのセルを実行する。
"""


def _zip_date(epoch: int) -> tuple[int, int, int, int, int, int]:
    t = time.gmtime(max(epoch, 315532800))
    return (t.tm_year, t.tm_mon, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec - t.tm_sec % 2)


def write_kit(path: Path, *, site: Site, notebooks: Mapping[str, str], wheel: Path,
              epoch: int, lang: str = "en") -> Path:
    """Write the kit: one folder in a zip with the notebooks (name to ``.ipynb`` text), the wheel, a README.

    Entries are sorted, with fixed dates (``epoch``) and modes, so the zip's bytes
    depend on its contents only.
    """
    folder = f"proliferation-course-exercises-{site.version}"
    entries = {f"{folder}/README.md": kit_readme(site, sorted(notebooks), lang).encode(),
               f"{folder}/{wheel.name}": wheel.read_bytes()}
    entries.update({f"{folder}/{name}": text.encode() for name, text in notebooks.items()})
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_zip_date(epoch))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            zf.writestr(info, entries[name], compresslevel=9)
    tmp.replace(path)
    return path


def learner_copies(exercise_dir: Path) -> list[Path]:
    """The learner copies beside the solution notebooks (``exNN_topic.ipynb``)."""
    return sorted(p.with_name(p.name.replace("_solution.ipynb", ".ipynb"))
                  for p in exercise_dir.glob("*_solution.ipynb"))


def exercise_notebook(path: Path, *, docname: str, site: Site, lang: str = "en",
                      catalogue: Path | None = None) -> str:
    """A learner copy as the learner downloads it (MyST converted, set-up cell first).

    In another language than English, its markdown is first translated with ``catalogue``, the
    exercise page's catalogue (the single English source, the words of the Japanese site), and
    its set-up cell sets that language. An untranslated block stops the build, naming it.
    """
    notebook = json.loads(path.read_text(encoding="utf-8"))
    if lang != "en":
        if catalogue is None or not catalogue.is_file():
            raise FileNotFoundError(f"{path.name}: no {lang} catalogue {catalogue} to translate it with")
        notebook = translate_notebook(notebook, page_units(catalogue), lang=lang, name=f"{path.name} ({lang})")
    return notebook_json(learner_notebook(notebook, docname=docname, site=site, lang=lang))


def exercise_catalogue(root: Path, docname: str, lang: str) -> Path:
    """The catalogue of an exercise page (``<docname>`` ends with ``_solution``) in ``lang``."""
    return root / "locales" / lang / "LC_MESSAGES" / f"{docname}.po"


# --------------------------------------------------------------------------- Sphinx glue

def site_info(app: Any) -> Site:
    """What the conversion needs from the build: titles, glossary anchors, citations, addresses."""
    cached = getattr(app, "_course_site", None)
    if cached is not None:
        return cached
    opts = app.config.html_theme_options
    titles = {doc: node.astext() for doc, node in app.env.titles.items()}
    std = app.env.get_domain("std")
    terms = {term: f"{doc}#{anchor}" for term, (doc, anchor) in std._terms.items()}
    citations, references = bibliography_citations()
    site = Site(version=__version__, base_url=str(app.config.html_baseurl or ""),
                repository_url=str(opts.get("repository_url") or "").strip(),
                branch=str(opts.get("repository_branch") or "main"),
                titles=titles, terms=terms, citations=citations, references=references)
    app._course_site = site
    return site


def _learner_docname(pagename: str) -> str:
    return pagename.removesuffix("_solution")


def notebook_download(app: Any, pagename: str, context: dict) -> None:
    """Offer the page's notebook for download, converted for Jupyter (see the module's description)."""
    if app.builder.format != "html" or pagename not in app.env.all_docs:
        return
    if not offers_notebook(pagename):
        return
    source = Path(app.env.doc2path(pagename))
    if source.suffix == ".ipynb" and pagename.endswith("_solution"):
        # The theme's source link becomes the learner's copy, written after the build
        # (Sphinx copies the page's own source there first; write_downloads replaces it).
        context["sourcename"] = f"{_learner_docname(pagename)}.ipynb"
        return
    if source.suffix != ".md":
        return
    text = notebook_json(page_notebook(source, docname=pagename, site=site_info(app)))
    target = Path(app.outdir) / "_sources" / f"{pagename}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def _kit_button(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """On the exercise pages, the download menu also offers the exercise kit."""
    if not pagename.startswith("book/exercises/"):
        return
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            japanese = (app.config.language or "en") == "ja"
            button["buttons"].append({
                "type": "link", "url": context["pathto"](f"{DOWNLOADS}/{KIT_NAME}", 1),
                "text": "演習キット（.zip）" if japanese else "exercise kit (.zip)", "icon": "fas fa-file-zipper",
                "tooltip": ("演習ノートブック（日本語）すべてをコースのパッケージとともにダウンロードする"
                            if japanese else "Download every exercise notebook with the course's package"),
                "label": "download-kit-button"})


def _version_in_footer(app: Any, config: Any) -> None:
    # The footer line (licence, version, "Reuse and cite") is written by sphinxext.reuse.
    config.version = config.release = __version__


def write_downloads(app: Any, exc: Exception | None) -> None:
    """After the build: the exercise notebooks as learners get them, the wheel and the kit."""
    if exc is not None or app.builder.format != "html":
        return
    site = site_info(app)
    root, out = Path(app.srcdir), Path(app.outdir)
    lang = str(app.config.language or "en")
    notebooks: dict[str, str] = {}
    solutions = sorted(d for d in app.env.found_docs
                       if d.startswith("book/exercises/") and d.endswith("_solution"))
    for doc in solutions:
        learner = root / f"{_learner_docname(doc)}.ipynb"
        text = exercise_notebook(learner, docname=_learner_docname(doc), site=site, lang=lang,
                                 catalogue=exercise_catalogue(root, doc, lang))
        notebooks[learner.name] = text
        _write_if_changed(out / "_sources" / f"{_learner_docname(doc)}.ipynb", text)
    # The pages' {download} links to a learner copy get the converted notebook too.
    for filename, (_docs, dest) in app.env.dlfiles.items():
        name = Path(filename).name
        if name in notebooks and Path(filename).parent.as_posix().endswith("book/exercises"):
            _write_if_changed(out / "_downloads" / dest, notebooks[name])
    if not (root / "pyproject.toml").is_file():
        return  # a book built from sources without the course's package (a test's tiny book): no wheel to make
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", 315532800))
    downloads = out / DOWNLOADS
    wheel = build_wheel(root, downloads, cache=Path(app.doctreedir).parent / "wheels", epoch=epoch)
    for old in downloads.glob("proliferation_course-*.whl"):
        if old != wheel:
            old.unlink()
    write_kit(downloads / KIT_NAME, site=site, notebooks=notebooks, wheel=wheel, epoch=epoch, lang=lang)


def _write_if_changed(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def setup(app: Any) -> None:
    """Connect the kit's hooks (called from the course's Sphinx extension).

    It also marks this process as the site build (:mod:`proliferation_course.context`),
    so that the kernels the build starts show each quiz as the website's HTML.
    """
    mark_site_build()
    app.connect("config-inited", _version_in_footer)
    app.connect("html-page-context", _kit_button, priority=550)
    app.connect("build-finished", write_downloads, priority=800)
