"""Input checks shared by the figure builders: now in :mod:`.controls` (kept for the modules not yet migrated)."""

from __future__ import annotations

from .controls import check_frame

__all__ = ["check_frame"]
