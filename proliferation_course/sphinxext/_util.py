"""Small helpers shared by the extension's modules."""

from __future__ import annotations

from typing import Any


def asset_name(asset: Any) -> str:
    """The file name of a script or stylesheet of a page's context ("" for an inline script)."""
    return str(getattr(asset, "filename", asset) or "")


def is_external(url: str) -> bool:
    """Whether a URL points to another host."""
    return url.startswith(("http://", "https://", "//"))
