"""The course's Sphinx extension: launch-button switch and the plotly.js bundle check."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from proliferation_course import sphinxext


def _config(**opts) -> SimpleNamespace:
    base = {"launch_buttons": {"binderhub_url": "https://mybinder.org",
                               "colab_url": "https://colab.research.google.com"}}
    base.update(opts)
    return SimpleNamespace(html_theme_options=base)


def test_launch_buttons_are_off_while_the_repository_url_is_unset() -> None:
    for url in (None, "", "   "):
        config = _config(repository_url=url) if url is not None else _config()
        sphinxext._launch_buttons_need_a_repository(None, config)
        assert config.html_theme_options["launch_buttons"] == {}
        assert config.html_theme_options["use_repository_button"] is False


def test_launch_buttons_come_on_with_the_repository_url() -> None:
    config = _config(repository_url="https://github.com/example/course")
    sphinxext._launch_buttons_need_a_repository(None, config)
    assert config.html_theme_options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config.html_theme_options["use_repository_button"] is True


def test_a_repository_url_that_is_not_https_is_refused() -> None:
    config = _config(repository_url="github.com/example/course")
    with pytest.raises(ExtensionError, match="repository.url must be an https:// URL"):
        sphinxext._launch_buttons_need_a_repository(None, config)


def test_the_plotly_bundle_matches_the_plotly_wheel() -> None:
    manifest = json.loads((sphinxext.PLOTLY_PACKAGE / "package.json").read_text(encoding="utf-8"))
    assert manifest["version"] == sphinxext.PLOTLY_VERSION
    pinned = json.loads((Path(sphinxext.__file__).parent.parent / "scripts" / "node"
                         / "package.json").read_text(encoding="utf-8"))
    assert pinned["dependencies"]["plotly.js-cartesian-dist-min"] == sphinxext.PLOTLY_VERSION
    sphinxext._check_plotly_bundle()  # no error


def test_a_bundle_of_another_version_stops_the_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sphinxext, "PLOTLY_VERSION", "0.0.1")
    with pytest.raises(ExtensionError, match="plotly.js-cartesian-dist-min is .* plotly.js 0.0.1"):
        sphinxext._check_plotly_bundle()


def test_a_missing_bundle_stops_the_build_and_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sphinxext, "PLOTLY_SOURCE", tmp_path / "plotly-cartesian.min.js")
    with pytest.raises(ExtensionError, match="npm ci --prefix scripts/node"):
        sphinxext._check_plotly_bundle()


def test_last_updated_is_the_newest_source_not_the_clock(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two builds of the same files print the same "Last updated", whatever the day."""
    import os
    from types import SimpleNamespace

    from proliferation_course.sphinxext import _last_updated_from_sources

    (tmp_path / "book").mkdir()
    (tmp_path / "data").mkdir()
    old, new = tmp_path / "book" / "a.md", tmp_path / "data" / "t.csv"
    old.write_text("a")
    new.write_text("b")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    os.utime(new, (1_700_000_000, 1_700_000_000))
    (tmp_path / "_build").mkdir()  # outputs do not count
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    _last_updated_from_sources(SimpleNamespace(srcdir=str(tmp_path)), None)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"
    # A value set by the environment wins.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "42")
    _last_updated_from_sources(SimpleNamespace(srcdir=str(tmp_path)), None)
    assert os.environ["SOURCE_DATE_EPOCH"] == "42"
