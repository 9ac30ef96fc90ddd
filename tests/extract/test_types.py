"""The shared types refuse what is not a country or organisation code, however often they are made."""

import pytest

from extract.types import CountryRef, Meeting
from geo.errors import InvalidInput


def meeting(*participants):
    return Meeting(kind="talks", date=None, date_precision=None, place=None, participants=participants,
                   status="held", evidence="…", confidence=0.5)


@pytest.mark.parametrize("code", ["RU", "UA", "NATO", "EU", "UN"])
def test_country_and_organisation_codes_are_taken(code):
    for _ in range(2):  # the second time from the memo of codes found good
        assert CountryRef("x", 0, 1, code, "country").country == code
    assert meeting(code, "ZZ").participants == (code, "ZZ")


@pytest.mark.parametrize("code", ["ru", "RUS", "R", "", "NAT", "U.S.", "Россия"])
def test_anything_else_is_refused(code):
    CountryRef("x", 0, 1, "RU", "country")
    with pytest.raises(InvalidInput):
        CountryRef("x", 0, 1, code, "country")
    with pytest.raises(InvalidInput):
        meeting(*sorted(["RU", code]))
