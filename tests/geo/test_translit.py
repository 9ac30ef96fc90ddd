import pytest

from geo.translit import skeleton


@pytest.mark.parametrize("spelling", ["Arnavutköy", "أرنافوتكوي", "Арнавуткёй", "Arnavutkoy"])
def test_one_skeleton_across_scripts(spelling):
    assert skeleton(spelling) == skeleton("Arnavutköy") == "rnftk"


@pytest.mark.parametrize("a,b", [("Gomel", "غوميل"), ("Washington", "واشنطن"), ("Munich", "ميونيخ"),
                                 ("Chernihiv", "تشيرنيهيف")])
def test_arabic_renderings_meet_the_latin_name(a, b):
    assert skeleton(a) == skeleton(b)


def test_too_short_to_tell():
    assert skeleton("Ua") == ""
