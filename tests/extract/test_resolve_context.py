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


def test_a_county_is_found_with_its_census_outline_point(geoparser):
    found = places(geoparser, "Laurel County deputies closed the road for two hours.")
    assert found["Laurel County"].precision == "region" and found["Laurel County"].country == "US"
    assert abs(found["Laurel County"].lat - 37.11) < 0.2 and abs(found["Laurel County"].lon + 84.12) < 0.2


def test_a_county_inside_the_state_the_article_names(geoparser):
    # There are two dozen Franklin Counties; Ohio, named two sentences away, holds one of them.
    text = ("Franklin County commissioners voted on Tuesday to fund the shelter. "
            "The money comes from a grant. Ohio will match it next year.")
    found = places(geoparser, text)
    assert abs(found["Franklin County"].lat - 39.97) < 0.3 and abs(found["Franklin County"].lon + 83.01) < 0.3
    found = places(geoparser, text.replace("Ohio", "Arkansas"))
    assert abs(found["Franklin County"].lat - 35.51) < 0.3


def test_more_ap_state_abbreviations(geoparser):
    found = places(geoparser, "She grew up in Springfield, Ill. and studied in Bloomington, Ind. before moving to Athens, Ala.")
    assert {found["Ill"].name, found["Ind"].name, found["Ala"].name} == {"Illinois", "Indiana", "Alabama"}
    assert found["Springfield"].admin1 == "US-IL" and found["Bloomington"].admin1 == "US-IN"
    assert found["Athens"].admin1 == "US-AL"


def test_georgia_around_the_georgian_counties_an_article_names_is_the_state(geoparser):
    found = places(geoparser, "Barrow County and Clarke County officials met. Oconee County will join. "
                              "The plan is the first in Georgia to share costs.")
    assert found["Georgia"].country == "US" and found["Clarke County"].admin1 == "US-GA"


def test_ghouta_is_a_region_of_syria(geoparser):
    found = places(geoparser, "Shelling in Eastern Ghouta killed dozens on Tuesday.")
    assert found["Eastern Ghouta"].country == "SY"


def test_a_local_story_draws_its_namesakes_home(geoparser):
    found = places(geoparser, "Lamar County deputies were called on Monday night. Firefighters from Paris "
                              "arrived within minutes and the road was closed until dawn.")
    assert found["Paris"].country == "US"


def test_an_international_story_keeps_the_capitals(geoparser):
    found = places(geoparser, "Lavrov met Rubio in Riyadh on Tuesday. A day later Macron hosted European "
                              "leaders in Paris, and the Saudi side flew on to Jeddah.")
    assert found["Paris"].country == "FR"


def test_english_and_irish_counties(geoparser):
    found = places(geoparser, "Lancashire police closed the road, and flights from County Cavan were delayed.")
    assert found["Lancashire"].country == "GB" and found["County Cavan"].country == "IE"
    assert "Kerry" not in places(geoparser, "Kerry said the talks in Geneva would go on.")
