"""A place written with its state or country after it is the one inside it."""

from extract.types import Article


def places(geoparser, text):
    return {m.text: m.place for m in geoparser.parse(Article(id="t", text=text, lang="en")).places}


def test_a_town_followed_by_its_state_abbreviation(geoparser):
    found = places(geoparser, "The fire started in Paris, Tenn., on Monday and spread to two farms.")
    assert found["Paris"].country == "US" and abs(found["Paris"].lat - 36.3) < 0.3
    assert found["Tenn"].name == "Tennessee"


def test_ap_state_abbreviations_are_states(geoparser):
    found = places(geoparser, "He moved to Lexington, Ky. last year after a decade in Charleston, W.Va. and Erie, Pa.")
    assert {found["Ky"].name, found["W.Va"].name, found["Pa"].name} == {"Kentucky", "West Virginia", "Pennsylvania"}


def test_georgia_after_a_georgian_city_is_the_us_state(geoparser):
    found = places(geoparser, "Officials in Atlanta, Georgia, said the plan was ready.")
    assert found["Georgia"].country == "US"


def test_georgia_among_countries_is_the_country(geoparser):
    found = places(geoparser, "Georgia and Russia fought a short war in 2008.")
    assert found["Georgia"].country == "GE"


def test_a_capitals_namesake_among_the_towns_of_a_local_story(geoparser):
    text = ("Columbus and Grove City officials met on Tuesday. Dublin will share the cost of the new road, "
            "Columbus said, and Grove City will pay for the bridge.")
    found = places(geoparser, text)
    assert found["Dublin"].country == "US" and abs(found["Dublin"].lat - 40.1) < 0.3
