"""sphinxext.assets: the plotly.js bundle, the course's own files, nothing from another host."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError

from proliferation_course.sphinxext import assets

EXT = "proliferation_course.sphinxext.assets"


def test_the_plotly_bundle_matches_the_plotly_wheel() -> None:
    manifest = json.loads((assets.PLOTLY_PACKAGE / "package.json").read_text(encoding="utf-8"))
    assert manifest["version"] == assets.PLOTLY_VERSION
    pinned = json.loads((assets.PACKAGE.parent / "scripts" / "node" / "package.json")
                        .read_text(encoding="utf-8"))
    assert pinned["dependencies"]["plotly.js"] == assets.PLOTLY_VERSION
    assets.check_plotly_bundle()  # no error
    # The bundle names the version it was made from (build-plotly.js writes it first).
    first_line = assets.PLOTLY_SOURCE.read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line.startswith(f"/* plotly.js {assets.PLOTLY_VERSION} "), first_line


def test_a_bundle_of_another_version_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assets, "PLOTLY_VERSION", "0.0.1")
    with pytest.raises(ExtensionError, match="plotly.js is .* plotly.js 0.0.1"):
        assets.check_plotly_bundle()


def test_a_missing_bundle_stops_the_build_and_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(assets, "PLOTLY_SOURCE", tmp_path / "plotly-course.min.js")
    with pytest.raises(ExtensionError, match="npm ci --prefix scripts/node && node scripts/node/build-plotly.js"):
        assets.check_plotly_bundle()


def test_a_page_links_the_course_files_and_the_bundle_is_copied(tiny_sphinx) -> None:
    html = tiny_sphinx.build({"index": "Title\n=====\n\nText.\n"}, [EXT])
    page = (html / "index.html").read_text(encoding="utf-8")
    assert '_static/course.css' in page and '_static/course.js' in page
    assert 'rel="icon"' in page and "favicon.svg" in page
    bundle = html / "_static" / assets.PLOTLY_JS
    assert bundle.read_bytes() == assets.PLOTLY_SOURCE.read_bytes()
    assert tiny_sphinx.warnings == ""


def test_thebe_and_widget_loaders_are_dropped(tiny_sphinx) -> None:
    static = tiny_sphinx.src / "_static"
    static.mkdir(parents=True)
    for name in ("thebe-launcher.js", "require.min.js", "kept.js", "sphinx-thebe.css"):
        (static / name).write_text("/* */", encoding="utf-8")
    html = tiny_sphinx.build({"index": "Title\n=====\n"}, [EXT], html_static_path=["_static"],
                             html_js_files=["thebe-launcher.js", "require.min.js", "kept.js"],
                             html_css_files=["sphinx-thebe.css"])
    page = (html / "index.html").read_text(encoding="utf-8")
    assert "kept.js" in page
    for dropped in ("thebe-launcher.js", "require.min.js", "sphinx-thebe.css"):
        assert dropped not in page, dropped


@pytest.mark.parametrize(("setting", "kind"), [("html_js_files", "script"), ("html_css_files", "stylesheet")])
def test_an_asset_from_another_host_is_reported(tiny_sphinx, setting: str, kind: str) -> None:
    url = "https://cdn.example.org/lib.min." + ("js" if kind == "script" else "css")
    tiny_sphinx.build({"index": "Title\n=====\n"}, [EXT], **{setting: [url]})
    assert f"index: {kind} from another host: {url} (the site must work offline)" in tiny_sphinx.warnings


def test_the_paths_it_adds_are_relative_to_the_course(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Sphinx hashes these settings into the site's .buildinfo: the same wherever the course is checked out."""
    from types import SimpleNamespace

    added = []
    for where in ("one", "two/deeper"):
        course = tmp_path / where
        monkeypatch.setattr(assets, "STATIC", course / "proliferation_course" / "_static")
        monkeypatch.setattr(assets, "TEMPLATES", course / "proliferation_course" / "_templates")
        config = SimpleNamespace(html_static_path=["x"], templates_path=["y"], html_favicon=None)
        assets._add_static_path(SimpleNamespace(confdir=str(course)), config)  # type: ignore[arg-type]
        added.append((config.html_static_path, config.templates_path, config.html_favicon))
    package = "proliferation_course"
    assert added[0] == added[1] == (["x", f"{package}/_static"], [f"{package}/_templates", "y"],
                                    f"{package}/_static/favicon.svg")
