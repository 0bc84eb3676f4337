"""proliferation_course.browser: the one place that finds and starts chromium, used by scripts and tests."""

from __future__ import annotations

import ast
import os
import re
import stat
import urllib.request
from pathlib import Path

import pytest

from proliferation_course import browser
from site_helpers import ROOT

#: What the build and the tests run: none of it may reach into tests/ or find chromium itself.
BUILD_CODE = [*sorted((ROOT / "scripts").glob("*.py")), *sorted((ROOT / "benchmarks").glob("*.py")),
              *sorted((ROOT / "proliferation_course").rglob("*.py"))]
#: Code that finds or starts chromium by itself, instead of through proliferation_course.browser.
FINDS_CHROMIUM = r"/usr/bin/chrom|which\([\"']chrom|executable_path="


def test_chromium_is_found_on_the_path(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.delenv("COURSE_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert browser.chromium_path() == str(fake)


def test_a_missing_chromium_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("COURSE_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(FileNotFoundError, match="apt-get install chromium"):
        browser.chromium_path()


def test_course_chromium_chooses_another_and_must_exist(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    other = tmp_path / "chrome"
    monkeypatch.setenv("COURSE_CHROMIUM", str(other))
    with pytest.raises(FileNotFoundError, match="COURSE_CHROMIUM is .*chrome.*not an executable file"):
        browser.chromium_path()
    other.write_text("#!/bin/sh\n")
    other.chmod(0o755)
    assert browser.chromium_path() == str(other)


def test_launch_passes_the_path_and_the_flags() -> None:
    seen = {}

    class Chromium:
        def launch(self, **kwargs):
            seen.update(kwargs)
            return "browser"

    class Playwright:
        chromium = Chromium()

    assert browser.launch(Playwright(), timeout=5) == "browser"
    assert seen["executable_path"] == browser.chromium_path()
    assert seen["args"] == list(browser.CHROMIUM_ARGS) and seen["timeout"] == 5
    assert "--disable-background-networking" in seen["args"], "no background requests to other hosts"


def test_serve_serves_a_folder_on_the_loopback(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("<p>hello</p>", encoding="utf-8")
    with browser.serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(f"{base}/a.html") as response:  # noqa: S310 - our own server
            assert response.read() == b"<p>hello</p>"


def test_content_pages_leave_out_the_index_search_static_and_other_languages(tmp_path: Path) -> None:
    for rel in ("index.html", "search.html", "genindex.html", "book/a.html", "_static/x.html", "b.html",
                "ja/book/a.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("", encoding="utf-8")
    assert [p.relative_to(tmp_path).as_posix() for p in browser.content_pages(tmp_path)] == ["b.html",
                                                                                             "book/a.html"]


@pytest.mark.parametrize("path", BUILD_CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_build_code_stands_on_the_package_not_on_the_tests(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    assert "site_helpers" not in imported and not any(m.startswith(("tests", "conftest")) for m in imported)
    assert not re.search(r"sys\.path\.(insert|append)\(.*tests", text), f"{path.name} reaches into tests/"
    if path.name != "browser.py":
        assert not re.search(FINDS_CHROMIUM, text), (
            f"{path.name} finds chromium itself: use proliferation_course.browser")


def test_the_tests_find_chromium_through_the_package() -> None:
    for path in sorted((ROOT / "tests").glob("*.py")):
        if path.name != Path(__file__).name:
            assert not re.search(FINDS_CHROMIUM, path.read_text(encoding="utf-8")), path.name


def test_chromium_is_installed_where_the_scripts_look() -> None:
    path = browser.chromium_path()
    assert os.access(path, os.X_OK), path


def test_pdf_dates_become_the_source_date_in_place() -> None:
    pdf = (b"%PDF-1.4\n1 0 obj\n<</Creator (HeadlessChrome)\n/CreationDate (D:20261205084157+09'00')\n"
           b"/ModDate (D:20261205084158Z)>>\nendobj\nxref 1 0000000009\ntrailer\n%%EOF")
    fixed = browser.pdf_dated(pdf, 1_700_000_000)  # 2023-11-14 22:13:20 UTC
    assert b"/CreationDate (D:20231114221320+00'00')" in fixed
    assert b"/ModDate (D:20231114221320Z)" in fixed
    assert len(fixed) == len(pdf), "offsets in the cross-reference table stay right"
    assert fixed.replace(b"20231114221320+00'00'", b"").replace(b"20231114221320Z", b"") == pdf.replace(
        b"20261205084157+09'00'", b"").replace(b"20261205084158Z", b""), "nothing else changes"
