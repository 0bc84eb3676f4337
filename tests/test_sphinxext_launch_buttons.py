"""sphinxext.launch_buttons: Binder, Colab and the repository button come from repository.url alone."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from sphinx.errors import ExtensionError

from proliferation_course.sphinxext.launch_buttons import launch_buttons_need_a_repository


def _config(**opts) -> SimpleNamespace:
    base = {"launch_buttons": {"binderhub_url": "https://mybinder.org",
                               "colab_url": "https://colab.research.google.com"}}
    base.update(opts)
    return SimpleNamespace(html_theme_options=base)


def test_launch_buttons_are_off_while_the_repository_url_is_unset() -> None:
    for url in (None, "", "   "):
        config = _config(repository_url=url) if url is not None else _config()
        launch_buttons_need_a_repository(None, config)
        assert config.html_theme_options["launch_buttons"] == {}
        assert config.html_theme_options["use_repository_button"] is False


def test_launch_buttons_come_on_with_the_repository_url() -> None:
    config = _config(repository_url="https://github.com/example/course")
    launch_buttons_need_a_repository(None, config)
    assert config.html_theme_options["launch_buttons"]["binderhub_url"] == "https://mybinder.org"
    assert config.html_theme_options["use_repository_button"] is True


def test_a_repository_url_that_is_not_https_is_refused() -> None:
    config = _config(repository_url="github.com/example/course")
    with pytest.raises(ExtensionError, match="repository.url must be an https:// URL"):
        launch_buttons_need_a_repository(None, config)
