"""Search: one search button on every page, named by what it shows, and search from disk.

* One button: pydata-sphinx-theme adds a search field to its top bar unless the
  theme option ``navbar_persistent`` is set, so the book theme's own (in the
  side bar on a wide screen, an icon in the article's header on a narrow one)
  came twice on a wide screen. The option is set to no item, unless
  ``_config.yml`` sets it.
* The side bar's button is named by its visible text
  (``_templates/search-button-field.html``).
* Opened from disk (``file://``), the search page lists its results without a
  summary: Sphinx fetches each result page to quote it, which browsers refuse
  for files (an error per result). Served over http, the summaries stay.
* The search page paints before its index arrives: the course's ``search.html``
  template (in ``_templates/``, which :mod:`.assets` puts first) defers the three
  search scripts the theme loads synchronously (``searchtools.js``,
  ``language_data.js`` and the 0.3-0.4 MB ``searchindex.js``).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

__all__ = ["NO_SUMMARIES_FROM_DISK", "setup"]

#: Runs on the search page after documentation_options.js and before searchtools.js shows results.
NO_SUMMARIES_FROM_DISK = ('if (location.protocol === "file:") '
                          "{ DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false; }")


def _one_search_button(app: Sphinx, config: Any) -> None:
    config.html_theme_options.setdefault("navbar_persistent", [])


def _summaries_only_when_served(app: Sphinx, pagename: str, templatename: str, context: dict,
                                doctree: Any) -> None:
    if pagename == "search" and context.get("script_files") is not None:
        app.add_js_file(None, body=NO_SUMMARIES_FROM_DISK)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", _one_search_button)
    app.connect("html-page-context", _summaries_only_when_served)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
