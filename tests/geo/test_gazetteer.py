"""Names in any script resolve to the right place, offline (issue 2's must-hold list)."""

import pytest

from geo.errors import InvalidInput, NotFound

RIYADH, ISTANBUL, GOMEL, DOHA, MOSCOW, WASHINGTON, KYIV = 108410, 745044, 627907, 290030, 524901, 4140963, 703448

CITY_NAMES = [
    *[(n, RIYADH, "SA") for n in ["Riyadh", "الرياض", "بالرياض", "والرياض", "للرياض"]],
    *[(n, ISTANBUL, "TR") for n in ["إسطنبول", "اسطنبول", "İstanbul", "Istanbul"]],
    *[(n, GOMEL, "BY") for n in ["Gomel", "غوميل", "Гомель", "Homyel'"]],
    *[(n, DOHA, "QA") for n in ["الدوحة", "Doha"]],
    *[(n, MOSCOW, "RU") for n in ["Moskva", "Matxcơva", "Mát-xcơ-va", "موسكو", "Москва", "وبموسكو"]],
    *[(n, WASHINGTON, "US") for n in ["Washington", "واشنطن"]],
    *[(n, KYIV, "UA") for n in ["Kiev", "Kyiv", "كييف", "Київ"]],
]


@pytest.mark.parametrize("name,geonameid,country", CITY_NAMES, ids=[n for n, *_ in CITY_NAMES])
def test_city_names_in_every_script(gazetteer, name, geonameid, country):
    best = gazetteer.best(name)
    assert best.place.geonameid == geonameid
    assert (best.place.country, best.place.precision) == (country, "city")


COUNTRY_NAMES = [("Ả rập Xê út", "SA"), ("السعودية", "SA"), ("Nga", "RU"), ("Mỹ", "US"),
                 ("الولايات المتحدة", "US"), ("США", "US"), ("РФ", "RU"), ("ABD", "US"), ("EE.UU.", "US"),
                 ("أمريكا", "US"), ("Saudi Arabia", "SA"), ("Ukraine", "UA"), ("بيلاروس", "BY")]


@pytest.mark.parametrize("name,code", COUNTRY_NAMES, ids=[n for n, _ in COUNTRY_NAMES])
def test_country_names_and_news_short_forms(gazetteer, name, code):
    best = gazetteer.best(name)
    assert (best.place.country, best.place.precision, best.place.feature) == (code, "country", "country")


@pytest.mark.parametrize("name", ["Biển Đen", "البحر الأسود", "Black Sea", "Чёрное море"])
def test_black_sea_is_water(gazetteer, name):
    best = gazetteer.best(name)
    assert (best.place.name, best.place.precision) == ("Black Sea", "water")


@pytest.mark.parametrize("name", ["vùng Gomel", "Gomel Region", "Гомельская область"])
def test_gomel_region_is_a_region(gazetteer, name):
    best = gazetteer.best(name)
    assert best.place.precision == "region" and best.place.country == "BY"
    assert "Gomel" in best.place.name


@pytest.mark.parametrize("name", ["Crimea", "Donbas", "Gaza Strip", "Bosphorus", "Middle East", "Red Sea", "Alaska"])
def test_curated_regions_and_waters(gazetteer, name):
    assert gazetteer.best(name).place.precision in ("region", "water")


def test_venues_carry_exact_coordinates_and_their_city(gazetteer):
    best = gazetteer.best("قصر الدرعية")
    assert best.place.precision == "venue" and best.place.city == "Riyadh"
    assert abs(best.place.lat - 24.7) < 0.2 and abs(best.place.lon - 46.6) < 0.3


def test_transliteration_finds_a_place_nobody_wrote_in_arabic(gazetteer):
    found = gazetteer.lookup("أرنافوتكوي")
    assert {c.place.geonameid for c in found} >= {751868, 751869}  # the district and the Bosphorus quarter
    assert all("transliterated" in c.reason for c in found)


def test_context_reranks_the_two_arnavutkoys(gazetteer):
    bosphorus = gazetteer.best("Bosphorus").place
    near = gazetteer.best("Arnavutköy", near=[(bosphorus.lat, bosphorus.lon)])
    assert near.place.geonameid == 751869
    assert abs(near.place.lat - 41.07) < 0.02 and abs(near.place.lon - 29.04) < 0.02
    assert "context" in near.reason
    assert gazetteer.best("Arnavutköy").place.geonameid == 751868  # no context: the populous district


def test_country_context_picks_the_town_in_that_country(gazetteer):
    assert gazetteer.best("Moscow").place.country == "RU"
    assert gazetteer.best("Moscow", country="US").place.country == "US"


def test_bare_country_names_prefer_the_country(gazetteer):
    for name in ("Kuwait", "Mexico", "Singapore"):
        assert gazetteer.best(name).place.precision == "country", name


def test_capitals_beat_bigger_namesakes(gazetteer):
    assert gazetteer.best("Washington").place.feature == "capital"


def test_candidates_are_ranked_with_reasons(gazetteer):
    found = gazetteer.lookup("Doha")
    assert found[0].reason.startswith("capital of QA")
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert len({c.place.id for c in found}) == len(found)


def test_every_candidate_has_the_promised_fields(gazetteer):
    d = gazetteer.best("Gomel").to_dict()
    assert set(d) >= {"id", "geonameid", "name", "lat", "lon", "country", "feature", "population", "precision"}


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000, "\x00\x01\x02"])
def test_bad_input_is_refused_clearly(gazetteer, bad):
    with pytest.raises(InvalidInput):
        gazetteer.lookup(bad)


@pytest.mark.parametrize("odd", ["Riyadhالرياض", "Москва Moscow", "🙂", "x" * 200])
def test_odd_input_is_answered_not_crashed(gazetteer, odd):
    assert isinstance(gazetteer.lookup(odd), list)


def test_not_found_is_an_error_of_ours(gazetteer):
    with pytest.raises(NotFound) as err:
        gazetteer.best("Qzxwv Nowhere")
    assert isinstance(err.value, LookupError)


def test_place_by_id(gazetteer):
    assert gazetteer.place("gn:108410").name == "Riyadh"
    with pytest.raises(NotFound):
        gazetteer.place("gn:0")
