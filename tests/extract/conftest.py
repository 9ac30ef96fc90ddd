"""The geoparser and the seed articles, parsed once per test session."""

from __future__ import annotations

import pytest

from extract.geoparse import Geoparser
from extract.read import read_paths
from tests.conftest import SAMPLES


@pytest.fixture(scope="session")
def geoparser(gazetteer) -> Geoparser:
    return Geoparser(gazetteer)


@pytest.fixture(scope="session")
def seeds(geoparser) -> dict:
    """Extraction of every seed article, keyed by its number ("000"…"004")."""
    return {a.id[:3]: geoparser.parse(a) for a in read_paths([SAMPLES])}
