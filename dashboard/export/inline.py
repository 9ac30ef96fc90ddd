"""Front-end files from the npm packages of package.json, inlined into one HTML page.

The static map must open with no network at all, so every script and style sheet is copied
into the page, and the images a style sheet refers to become `data:` URIs.
"""

from __future__ import annotations

import base64
import mimetypes
import re
from functools import lru_cache
from pathlib import Path

from branca.element import Element
from jinja2 import Template

from dashboard.export.errors import MissingAsset

NODE_MODULES = Path(__file__).resolve().parent.parent.parent / "node_modules"
LEAFLET_JS = "leaflet/dist/leaflet.js"
LEAFLET_CSS = "leaflet/dist/leaflet.css"
_SOURCE_MAP = re.compile(r"^\s*/[/*]# sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(?!data:|#)([^)'\"]+)\1\)")


def _read(node_modules: Path, name: str) -> str:
    path = node_modules / name
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as e:
        package = name.split("/")[0]
        raise MissingAsset(f"{path} not found: the npm package {package!r} must be declared in package.json "
                           f"and installed (`npm ci`)") from e


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def script(node_modules: Path, name: str) -> str:
    """A `<script>` element holding an npm file's JavaScript (source-map comment removed)."""
    return _element("script", _SOURCE_MAP.sub("", _read(node_modules, name)), name)


def style(node_modules: Path, name: str) -> str:
    """A `<style>` element holding an npm file's CSS, its relative `url(...)` images as data URIs."""
    base = (node_modules / name).parent

    def inline(m: re.Match) -> str:
        target = base / m.group(2)
        if not target.is_file():
            raise MissingAsset(f"{target} (referred to by {name}) not found")
        return f'url("{_data_uri(target)}")'

    return _element("style", _CSS_URL.sub(inline, _SOURCE_MAP.sub("", _read(node_modules, name))), name)


def _element(tag: str, body: str, name: str) -> str:
    if f"</{tag}" in body.lower():
        raise MissingAsset(f"{name} contains </{tag}> and cannot be inlined")
    return f"<{tag}>/* {name} */\n{body}\n</{tag}>"


@lru_cache(maxsize=4)
def leaflet(node_modules: Path = NODE_MODULES) -> str:
    """Leaflet's style sheet and script, inlined, for a page's <head>."""
    return style(node_modules, LEAFLET_CSS) + "\n" + script(node_modules, LEAFLET_JS)


class Inlined(Element):
    """Inlined files in a page, as they are (given as a template, Leaflet's 150 kB would be parsed by Jinja)."""

    _template = Template("{{ this.text }}")

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Inlined"
        self.text = text
