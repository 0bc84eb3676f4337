"""Licence, version and citation: CITATION.cff validates and agrees with the package and the changelog;
every page's footer states the licence and the version and links to "Reuse and cite"."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from proliferation_course import __version__, citation
from site_helpers import content_pages, require_site

ROOT = Path(__file__).resolve().parent.parent
CFFCONVERT = ROOT / ".venv" / "tools" / "cffconvert" / "bin" / "cffconvert"


def _cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_citation_cff_validates() -> None:
    assert CFFCONVERT.exists(), "cffconvert is missing: scripts/_env.sh installs it (run the README's set-up)"
    run = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(ROOT / "CITATION.cff")],
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr


def test_citation_cff_agrees_with_the_package() -> None:
    cff = _cff()
    assert cff["version"] == __version__
    assert cff["title"] == citation.TITLE
    assert str(cff["date-released"]) == citation.RELEASED
    assert [a.get("name") for a in cff["authors"]] == [citation.AUTHORS]
    assert set(cff["license"]) == {spdx for _, spdx, _, _ in citation.LICENCES}


def test_version_is_semantic_and_matches_the_changelog() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__), __version__
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    newest = re.search(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", changelog, re.MULTILINE)
    assert newest, "CHANGELOG.md has no release heading such as '## [1.0.0] - 2026-12-05'"
    assert newest.group(1) == __version__, "the newest changelog entry is not the package's version"
    assert newest.group(2) == citation.RELEASED


def test_licence_files_cover_text_code_and_data() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    for words in ("Text and figures", "CC BY 4.0", "Code: MIT", "Data: Creative Commons", "Third-party"):
        assert words in text, f"LICENSE does not say {words!r}"
    assert "Attribution 4.0 International Public License" in (ROOT / "LICENSES/CC-BY-4.0.txt").read_text(
        encoding="utf-8")
    assert "Permission is hereby granted" in (ROOT / "LICENSES/MIT.txt").read_text(encoding="utf-8")


def test_citations_name_the_version() -> None:
    assert f"version      = {{{__version__}}}" in citation.bibtex()
    assert f"version {__version__}" in citation.prose_citation()
    assert "https://example.org/x" in citation.bibtex("https://example.org/x")


@pytest.mark.build
def test_every_page_footer_shows_licence_version_and_reuse_link() -> None:
    site = require_site()
    pages = content_pages(site)
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        footer = soup.select_one("div.extra_footer")
        assert footer is not None, f"{page.relative_to(site)}: no footer"
        text = footer.get_text(" ", strip=True)
        assert "CC BY 4.0" in text and f"version {__version__}" in text, f"{page.relative_to(site)}: {text}"
        link = footer.find("a", string="Reuse and cite")
        assert link is not None, f"{page.relative_to(site)}: no 'Reuse and cite' link"
        href = link["href"].split("#")[0]
        target = (page.parent / href).resolve() if href else page.resolve()  # "#" on the page itself
        assert target == (site / "book" / "reuse.html").resolve(), f"{page.relative_to(site)}: {link['href']}"


@pytest.mark.build
def test_every_japanese_page_footer_is_japanese_and_links_the_japanese_reuse_page() -> None:
    site = require_site() / "ja"
    pages = content_pages(site)
    assert len(pages) > 20
    for page in pages:
        footer = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("div.extra_footer")
        assert footer is not None, f"ja/{page.relative_to(site)}: no footer"
        text = footer.get_text(" ", strip=True)
        assert f"バージョン {__version__}" in text and "Reuse" not in text, f"ja/{page.relative_to(site)}: {text}"
        link = footer.find("a", string="再利用と引用")
        assert link is not None, f"ja/{page.relative_to(site)}: no '再利用と引用' link"
        href = link["href"].split("#")[0]
        target = (page.parent / href).resolve() if href else page.resolve()
        assert target == (site / "book" / "reuse.html").resolve(), f"ja/{page.relative_to(site)}: {link['href']}"


@pytest.mark.build
def test_the_japanese_reuse_page_cites_the_japanese_edition() -> None:
    text = BeautifulSoup((require_site() / "ja" / "book" / "reuse.html").read_text(encoding="utf-8"),
                         "html.parser").get_text(" ")
    ja_title = "「選択的核拡散」をめぐる論争：講義"
    assert f"本講義の著者（{citation.RELEASED[:4]}）『{ja_title}』バージョン{__version__}" in text
    assert "In prose" not in text and "@misc{proliferation_course," in text


@pytest.mark.build
def test_reuse_page_gives_both_citations() -> None:
    site = require_site()
    text = (site / "book" / "reuse.html").read_text(encoding="utf-8")
    assert "@misc{proliferation_course," in text
    assert f"version {__version__}" in text
