"""Launch buttons: Binder, Colab and the repository button come from ``repository.url`` alone."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError

__all__ = ["launch_buttons_need_a_repository", "setup"]


def launch_buttons_need_a_repository(app: Sphinx | None, config: Any) -> None:
    """Switch the launch and repository buttons on or off from ``repository.url`` alone.

    Binder and Colab open a notebook from a public repository, so without its URL
    their buttons would lead nowhere: they are removed. With the URL set, the
    launch buttons configured in ``_config.yml`` and the repository button appear.
    """
    opts = config.html_theme_options
    url = str(opts.get("repository_url") or "").strip()
    if not url:
        opts["launch_buttons"] = {}
        opts["use_repository_button"] = False
        opts["use_issues_button"] = False
        opts["use_edit_page_button"] = False
        return
    if not url.startswith("https://"):
        raise ExtensionError(f"_config.yml: repository.url must be an https:// URL, got {url!r}")
    opts["use_repository_button"] = True


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", launch_buttons_need_a_repository)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
