"""The errors an export raises."""

from __future__ import annotations

from geo.errors import DiplomapError, NotFound


class ExportError(DiplomapError, IOError):
    """An export could not be written (the file, the driver, the destination)."""


class MissingAsset(NotFound):
    """A front-end file the HTML export inlines is not installed (see package.json; `npm ci`)."""
