"""A place written with its state or country after it is the one inside it."""

import pytest

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


def test_two_ambiguous_names_find_the_pair_they_make_together(geoparser):
    # Neither alone says Tennessee (the biggest Paris of a US story is in Texas, the first Henry
    # County in Alabama); together they are the county seat and its county, 4 km apart.
    found = places(geoparser, "Paris and Henry County are rich in history. The class toured the old school.")
    assert found["Paris"].admin1 == "US-TN" and found["Henry County"].admin1 == "US-TN"


def test_a_capital_whose_country_the_article_names_stays_the_capital_in_a_local_story(geoparser):
    # (without the rule: Paris, Kentucky, inside the state and the local story's country)
    text = ("LEXINGTON, Ky. - A Pikeville doctor is in France on a family trip with her husband. A gunman opened "
            "fire in Paris on Thursday night. Their daughter studies at Georgetown in Scott County and lives in "
            "Frankfort.")
    assert places(geoparser, text)["Paris"].country == "FR"


def test_a_town_among_named_foreign_countries_is_no_local_story(geoparser):
    text = ("Dogs were sent to Japan rather than Kansas City, the airline said. Flights to Canada were "
            "suspended, and the group meets in London next month.")
    found = places(geoparser, text)
    assert found["London"].country == "GB"


def test_palestine_among_the_middle_east_is_palestine(geoparser):
    found = places(geoparser, "Talks on Palestine resumed in Cairo, with envoys from Jordan and Egypt.")
    assert found["Palestine"].country == "PS" and found["Jordan"].country == "JO"


@pytest.mark.parametrize("text, name, admin1", [
    # Dublin, Ireland is no evidence for itself: it once counted its own country as named
    ("The Dublin Arts Council awarded three grants on Monday, with help from a Japanese foundation. "
     "The Dublin Singers received $2,340 for advertising. The grants come from a fund of the State of Ohio.",
     "Dublin", "US-OH"),
    # a province contains its towns however far from its centre (Churchill is 450 km from Manitoba's)
    ("Churchill lies on Hudson Bay. Tourists fly there from Winnipeg, the capital of Manitoba.", "Churchill", "CA-03"),
    # "Palestine" counted as a foreign country named, which made the Texas story international
    ("Anderson County deputies arrested two men on Friday. Both were taken to the jail in "
     "Palestine, and a third man was found in Grapeland.", "Palestine", "US-TX"),
], ids=["town-in-named-state-beats-foreign-capital", "province-contains-far-towns", "country-name-town-in-local-story"])
def test_a_name_resolves_inside_the_division_its_article_points_to(geoparser, text, name, admin1):
    assert places(geoparser, text)[name].admin1 == admin1
