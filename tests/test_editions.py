"""The learner and the instructor edition, from one set of sources.

Unit tests of :mod:`proliferation_course.editions` on small fixtures, then the
two built editions: nothing instructor-only reaches any file of the learner
edition (pages, search index, page sources, notebook downloads, PDFs), while
the instructor edition has all of it; and the "without solutions" switch.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from proliferation_course import editions
from site_helpers import require_site

ROOT = Path(__file__).resolve().parent.parent
INSTRUCTOR_SITE = ROOT / "_build" / "instructor"


# ---------------------------------------------------------------- unit tests

def test_blocks_of_any_fence_are_stripped_and_nothing_else() -> None:
    src = ("# Title\n\nText before.\n\n````{instructor}\n```{note}\ninner\n```\nSecret.\n````\n\n"
           "Text after.\n\n:::{instructor} Rubric\nMore secret.\n:::\n")
    out = editions.strip_instructor_blocks(src)
    assert "Secret" not in out and "inner" not in out and "Rubric" not in out
    assert out == "# Title\n\nText before.\n\nText after.\n\n"
    assert editions.instructor_blocks(src) == ["```{note}\ninner\n```\nSecret.", "More secret."]


def test_an_unclosed_block_names_its_line() -> None:
    with pytest.raises(ValueError, match=r"line 3: the \{instructor\} block opened here is never closed"):
        editions.strip_instructor_blocks("a\n\n```{instructor}\nnever closed\n")


def test_notebook_cells_lose_their_instructor_blocks() -> None:
    nb = {"cells": [{"cell_type": "markdown", "metadata": {}, "source": ["Q1?\n", "\n", "```{instructor}\n",
                                                                          "A.\n", "```\n"]},
                    {"cell_type": "markdown", "metadata": {}, "source": "```{instructor}\nonly\n```\n"},
                    {"cell_type": "code", "metadata": {}, "source": "x = 1", "outputs": []}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    out = json.loads(editions.strip_instructor_notebook(json.dumps(nb)))
    assert [c["cell_type"] for c in out["cells"]] == ["markdown", "code"]
    assert "".join(out["cells"][0]["source"]) == "Q1?\n\n"


def test_the_learner_toc_drops_instructor_pages_with_their_sections(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("---\nedition: instructor\n---\n# Guide\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("---\nedition: instructor\n---\n# Notes\n", encoding="utf-8")
    (tmp_path / "ch1.md").write_text("# Chapter\n", encoding="utf-8")
    (tmp_path / "cap.md").write_text("# Capstone\n", encoding="utf-8")
    toc = {"format": "jb-book", "root": "intro",
           "parts": [{"caption": "A", "chapters": [{"file": "ch1", "sections": [{"file": "cap"}]}]},
                     {"caption": "Instructors", "chapters": [{"file": "guide", "sections": [{"file": "cap"}]},
                                                             {"file": "notes"}]}]}
    learner = editions.learner_toc(toc, tmp_path)
    assert learner["parts"] == [toc["parts"][0]]
    assert toc["parts"][1]["chapters"][0]["file"] == "guide", "the input toc must not be changed"


def test_edition_and_solution_switches_reject_unknown_values() -> None:
    with pytest.raises(ValueError, match="COURSE_EDITION"):
        editions.edition_from_env({"COURSE_EDITION": "student"})
    with pytest.raises(ValueError, match="COURSE_SOLUTIONS"):
        editions.solutions_from_env({"COURSE_SOLUTIONS": "off"})


# ---------------------------------------------------------------- the instructor material in the sources

def _course_toc_files() -> list[str]:
    return editions.toc_files(yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8")))


def _instructor_pages() -> list[Path]:
    return [ROOT / f"{name}.md" for name in _course_toc_files()
            if (ROOT / f"{name}.md").is_file()
            and editions.page_is_instructor_only((ROOT / f"{name}.md").read_text(encoding="utf-8"))]


_PLAIN = re.compile(r"[A-Za-z][A-Za-z ,;'-]{60,}")


def _probe(text: str) -> str | None:
    """A run of plain prose (no markup) from ``text``, long enough to be unique: what a leak would show."""
    runs = sorted(_PLAIN.findall(" ".join(text.split())), key=len, reverse=True)
    return " ".join(runs[0].split()[:9]) if runs else None


def _probes() -> dict[str, str]:
    """Probe phrase -> where it comes from, for every instructor block and instructor-only page."""
    found: dict[str, str] = {}
    for name in _course_toc_files():
        path = ROOT / f"{name}.md"
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        chunks = editions.instructor_blocks(text)
        if editions.page_is_instructor_only(text):
            chunks += [p for p in text.split("\n\n") if len(p) > 200][:5]
        for n, chunk in enumerate(chunks):
            probe = _probe(chunk)
            if probe:
                found[probe] = f"{name} (block {n + 1})"
    # A phrase that learner material also says (an instructor page quoting a chapter or a table) is not a probe.
    public = [editions.strip_instructor_blocks(p.read_text(encoding="utf-8")) for p in _public_sources()]
    public_text = _squash(" ".join(public))
    return {probe: where for probe, where in found.items() if _squash(probe) not in public_text}


def _public_sources() -> list[Path]:
    pages = [ROOT / f"{name}.md" for name in _course_toc_files() if (ROOT / f"{name}.md").is_file()]
    return ([p for p in pages if not editions.page_is_instructor_only(p.read_text(encoding="utf-8"))]
            + sorted((ROOT / "data").glob("*.csv")) + sorted((ROOT / "book" / "quizzes").glob("*.yml")))


def test_the_sources_mark_instructor_material() -> None:
    probes = _probes()
    assert len(_instructor_pages()) >= 5, "the guide, syllabus and chapter notes are instructor-only pages"
    assert len(probes) >= 60, f"only {len(probes)} instructor blocks and pages found"


# ---------------------------------------------------------------- the two built editions

def _squash(text: str) -> str:
    """Text compared without any whitespace (pages wrap lines and split code into tokens) and with
    plain apostrophes (Sphinx's smart quotes turn ' into a typographic one on the pages)."""
    return "".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def _texts(site: Path) -> dict[str, str]:
    """Every file a reader of ``site`` can get, as searchable text (whitespace collapsed)."""
    out: dict[str, str] = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if path.suffix in (".html", ".js", ".md", ".txt", ".ipynb", ".json", ".csv", ".xml"):
            raw = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".html":
                raw = BeautifulSoup(raw, "html.parser").get_text(" ")
            elif path.suffix == ".ipynb":
                raw = " ".join("".join(c.get("source", "")) for c in json.loads(raw).get("cells", []))
        elif path.suffix == ".pdf":
            raw = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
        elif path.suffix in (".zip", ".whl"):  # the exercise kit and the wheel: every text file inside
            with zipfile.ZipFile(path) as zf:
                for name in zf.namelist():
                    if name.endswith((".ipynb", ".md", ".txt", ".py", ".csv", ".json", ".yml", ".bib")):
                        out[f"{rel}!{name}"] = _squash(zf.read(name).decode("utf-8", errors="replace"))
            continue
        else:
            continue
        out[rel] = _squash(raw)
    return out


@pytest.fixture(scope="module")
def learner_texts() -> dict[str, str]:
    return _texts(require_site())


@pytest.fixture(scope="module")
def instructor_texts() -> dict[str, str]:
    assert (INSTRUCTOR_SITE / "index.html").exists(), (
        "no instructor edition at _build/instructor: run `bash scripts/build-site.sh`")
    return _texts(INSTRUCTOR_SITE)


@pytest.mark.build
def test_no_instructor_material_reaches_the_learner_edition(learner_texts: dict[str, str]) -> None:
    leaks = [f"{where}: {probe!r} in {rel}"
             for probe, where in _probes().items()
             for rel, text in learner_texts.items() if _squash(probe) in text]
    assert not leaks, "instructor material in the learner edition:\n" + "\n".join(leaks[:20])
    pages = [p.relative_to(ROOT).with_suffix("").as_posix() for p in _instructor_pages()]
    for page in pages:
        assert not (ROOT / "_build/html" / f"{page}.html").exists(), f"{page} was built in the learner edition"
        linked = [rel for rel, text in learner_texts.items() if f"{page}.html" in text or f"{page}.ipynb" in text]
        assert not linked, f"{page} is named in {linked[:5]}"
    assert any("!" in rel for rel in learner_texts), "the kit and the wheel were not searched"
    search = learner_texts.get("searchindex.js", "")
    assert search and not any(p in search for p in pages), "an instructor page is in the search index"


@pytest.mark.build
def test_the_instructor_edition_has_all_of_it(instructor_texts: dict[str, str]) -> None:
    html = {rel: t for rel, t in instructor_texts.items() if rel.endswith(".html")}
    missing = [f"{where}: {probe!r}" for probe, where in _probes().items()
               if not any(_squash(probe) in text for text in html.values())]
    assert not missing, "instructor material missing from the instructor edition:\n" + "\n".join(missing[:20])


@pytest.mark.build
def test_only_the_instructor_edition_carries_the_banner(learner_texts: dict[str, str],
                                                        instructor_texts: dict[str, str]) -> None:
    banner = _squash("Instructor edition: it holds the notes for instructors")
    pages = [rel for rel in instructor_texts if rel.endswith(".html") and rel.startswith("book/")]
    assert pages and all(banner in instructor_texts[rel] for rel in pages)
    # (the pages, not the wheel, whose copy of the extension's source holds the banner's text)
    assert not any(banner in text for rel, text in learner_texts.items() if "!" not in rel)


def _solution_lines() -> list[str]:
    """Distinctive lines of every exercise's solution cells (code between the solution markers)."""
    lines = []
    for nb_path in sorted((ROOT / "book" / "exercises").glob("*_solution.ipynb")):
        for cell in json.loads(nb_path.read_text(encoding="utf-8"))["cells"]:
            if "solution" in cell["metadata"].get("tags", []) and cell["cell_type"] == "code":
                for line in "".join(cell["source"]).splitlines():
                    line = line.strip()
                    if len(line) > 30 and not line.startswith("#"):
                        lines.append(line)
    return lines


@pytest.mark.build
@pytest.mark.slow
def test_a_class_site_without_solutions_has_no_solution_code(tmp_path: Path) -> None:
    site = require_site()
    lines = _solution_lines()
    assert len(lines) >= 12
    with_solutions = " ".join(_texts(site / "book" / "exercises").values())
    assert all(_squash(line) in with_solutions for line in lines), "the probe does not find the solutions"
    env = dict(os.environ, COURSE_EDITION="learner", COURSE_SOLUTIONS="no")
    run = subprocess.run(
        [str(ROOT / ".venv/bin/jupyter-book"), "build", str(ROOT), "--path-output", str(tmp_path),
         "--builder", "html", "--warningiserror", "--keep-going"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    built = tmp_path / "_build" / "html" / "book" / "exercises"
    texts = _texts(built)
    assert texts, "the build wrote no exercise pages"
    shown = [line for line in lines if any(_squash(line) in t for t in texts.values())]
    assert not shown, f"solution code in the class site: {shown[:5]}"
    # The check cells stay (a learner can run them), but not their outputs, which state the answers.
    verdict = re.compile(r"ex\d\dq\d+:Correct")
    checked = [rel for rel, t in _texts(site / "book" / "exercises").items() if verdict.search(t)]
    assert checked, "the probe does not find the checks' outputs in the full learner edition"
    told = [rel for rel, t in texts.items() if verdict.search(t)]
    assert not told, f"check results in the class site: {told}"
