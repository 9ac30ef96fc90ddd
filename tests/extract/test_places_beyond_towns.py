"""Places that are no towns: streets and buildings of the story's town, airports, rivers, oceans,
world regions at GeoNames' points, the European Union."""

from datetime import date

import pytest

from extract.types import Article


def places(geoparser, text, lang="en"):
    """Each place as (text, place name, label)."""
    ex = geoparser.parse(Article(id="t", text=text, lang=lang, published=date(2025, 3, 1)))
    return [(m.text, m.place.name, m.label) for m in ex.places]


def test_a_facility_is_placed_at_the_town_named_right_after_it(geoparser):
    # "Carnegie" is what the library is named after: no town (Carnegie, Pennsylvania would have
    # drawn Houston to Houston, Pennsylvania).
    ex = geoparser.parse(Article(id="t", text="Police closed the Carnegie Library in Houston on Monday.", lang="en"))
    assert [(m.text, m.place.name, m.place.admin1, m.label) for m in ex.places] == [
        ("Carnegie Library", "Houston", "US-TX", "FAC"), ("Houston", "Houston", "US-TX", "GPE")]


def test_streets_are_placed_at_the_town_the_story_is_in_not_at_a_misread_namesake(geoparser):
    # "Rue" is a town in France; New Orleans has its state and a suburb named with it.
    text = ("NEW ORLEANS — The parade started in New Orleans, Louisiana, near Mandeville. "
            "It turned from Rue Chartres into Royal Street and stopped at Frenchmen Street.")
    found = places(geoparser, text)
    assert ("Royal Street", "New Orleans", "FAC") in found
    assert ("Frenchmen Street", "New Orleans", "FAC") in found


def test_the_reason_names_the_town(geoparser):
    ex = geoparser.parse(Article(id="t", text="Fans gathered outside Anfield Stadium in Liverpool.", lang="en"))
    fac = [m for m in ex.places if m.label == "FAC"]
    assert [m.text for m in fac] == ["Anfield Stadium"]
    assert "Liverpool" in fac[0].reason and fac[0].place.precision == "city"


def test_a_far_away_town_in_a_facility_name_is_only_its_namesake(geoparser):
    text = "Cairo schools reopened. Pupils of the Liverpool Academy in Cairo returned on Sunday."
    found = places(geoparser, text)
    assert ("Liverpool Academy", "Cairo", "FAC") in found
    assert not any(name == "Liverpool" for _, name, _ in found)


def test_a_state_in_a_university_name_stays_the_state(geoparser):
    found = places(geoparser, "Colorado State University in Fort Collins issued its forecast.")
    assert ("Colorado", "Colorado", "GPE") in found


def test_no_facility_without_a_town_to_put_it_in(geoparser):
    assert places(geoparser, "The Carnegie Library reopened on Monday.") == []


def test_lowercase_words_and_lone_facility_words_are_no_facility(geoparser):
    found = places(geoparser, "In Boston, the street was closed. The Hospital said nothing.")
    assert [t for t, _, label in found if label == "FAC"] == []


@pytest.mark.parametrize("lang, text, name", [
    # airports, by their full name, without their city, or by a curated short name
    ("en", "Flights at Heathrow were cancelled as London shivered.", "London Heathrow Airport"),
    ("en", "He landed at Dulles Airport on Sunday.", "Washington Dulles International Airport"),
    ("ru", "Самолёт приземлился во Внуково.", "Vnukovo International Airport"),
    ("vi", "Đoàn đã tới sân bay Nội Bài chiều nay.", "Noi Bai International Airport"),
    # rivers of disputes
    ("en", "Karnataka was told to release water from the Cauvery to Tamil Nadu.", "Cauvery"),
    ("en", "Dams on the Mekong worry Vietnam.", "Mekong"),
    ("en", "The Indus Waters Treaty was suspended.", "Indus"),
    # islands and borderlands in the news
    ("en", "Tourists returned to Oahu and Maui.", "Oahu"),
    ("en", "Drones struck South Waziristan again.", "South Waziristan"),
    ("en", "Chinese ships sailed near the Senkaku Islands.", "Senkaku Islands"),
    ("zh", "中国海警船在钓鱼岛附近巡航。", "Senkaku Islands"),
    ("ru", "Япония и Россия обсудили статус Курильских островов.", "Kuril Islands"),
])
def test_airports_rivers_islands_and_borderlands(geoparser, lang, text, name):
    assert name in {n for _, n, _ in places(geoparser, text, lang)}


def test_an_airport_is_a_venue_in_its_city(geoparser):
    ex = geoparser.parse(Article(id="t", text="Delegates arrived at Heathrow Airport.", lang="en"))
    place = ex.places[0].place
    assert (place.precision, place.city, place.country) == ("venue", "London", "GB")


def test_a_person_named_like_an_airport_is_no_airport(geoparser):
    assert places(geoparser, "Logan said the plan would work.") == []


def test_the_atlantic_of_an_american_storm_story_is_the_ocean_not_atlantic_iowa(geoparser):
    text = "Hurricane season in the United States begins in June. Warm water in the Atlantic fuels storms."
    assert ("Atlantic", "Atlantic Ocean", "LOC") in places(geoparser, text)


def test_the_eu_is_a_place_where_it_is_named_as_one_but_no_meeting_place(geoparser):
    ex = geoparser.parse(Article(id="t", text="Ukraine held talks in the EU on Tuesday.", lang="en",
                                 published=date(2025, 3, 5)))
    assert [(m.text, m.place.name, m.place.country) for m in ex.places] == [
        ("Ukraine", "Ukraine", "UA"), ("EU", "European Union", None)]
    assert all(m.place is None or m.place.name != "European Union" for m in ex.meetings)


def test_trinidad_and_tobago_abbreviated(geoparser):
    assert ("T&T", "Trinidad and Tobago", "GPE") in places(geoparser, "Crime in T&T rose last year.")


@pytest.mark.parametrize("text, name, lat, lon", [
    ("Peace in the Middle East is far off.", "Middle East", 33.1391, 35.8587),
    ("Migrants leave North Africa by boat.", "North Africa", 32.9534, 9.9756),
    ("Ships crossed the Indian Ocean.", "Indian Ocean", -10.0, 70.0),
])
def test_world_regions_and_oceans_sit_at_geonames_points(geoparser, text, name, lat, lon):
    ex = geoparser.parse(Article(id="t", text=text, lang="en"))
    place = next(m.place for m in ex.places if m.place.name == name)
    assert (round(place.lat, 4), round(place.lon, 4)) == (lat, lon)


@pytest.mark.parametrize("lang, text, name, country", [
    ("en", "Floods hit the Eastern Cape and KwaZulu-Natal.", "Eastern Cape", "ZA"),
    ("en", "Talks were held in Borno State.", "Borno State", "NG"),
    ("en", "Fighting continued in Khyber Pakhtunkhwa.", "Khyber Pakhtunkhwa", "PK"),
    ("vi", "Bão số 3 đổ bộ vào tỉnh Quảng Ninh.", "Quảng Ninh", "VN"),
])
def test_first_level_divisions_of_every_country(geoparser, lang, text, name, country):
    ex = geoparser.parse(Article(id="t", text=text, lang=lang))
    assert (name, country, "region") in {(m.place.name, m.place.country, m.place.precision) for m in ex.places}


def test_a_division_named_like_a_town_or_a_person_gives_way(geoparser):
    # Giza governorate is named like its city; Flores (Guatemala, Uruguay) is a surname first.
    assert places(geoparser, "Tourists returned to Giza.") == [("Giza", "Giza", "GPE")]
    assert places(geoparser, "Flores said the vote was fair.") == []


def test_british_numbered_roads_and_a_roundabout_are_placed_at_the_story_town(geoparser):
    text = ("The A417 will close from the Air Balloon roundabout to the A429 near Cirencester. "
            "The diversion doubles the distance from the Air Balloon to Cirencester.")
    found = places(geoparser, text)
    assert ("A417", "Cirencester", "FAC") in found and ("A429", "Cirencester", "FAC") in found
    assert [t for t, _, _ in found if t == "Air Balloon"] == ["Air Balloon", "Air Balloon"]


def test_a_british_road_number_is_no_road_in_a_story_elsewhere(geoparser):
    # An Airbus A380 over Dubai, an M4 in a Chicago story: no British town to put them in.
    assert [t for t, _, label in places(geoparser, "The A380 landed in Dubai. The M4 carbine jammed in Chicago.")
            if label == "FAC"] == []


def test_washington_state_after_a_town_of_it(geoparser):
    found = places(geoparser, "She lives near Tacoma, Washington, with her family.")
    assert ("Washington", "Washington State", "GPE") in found
    assert ("Washington", "Washington", "GPE") in places(geoparser, "Talks in Washington ended on Friday.")


def test_a_facility_placed_at_the_story_town_is_no_meeting_place(geoparser):
    text = "Officials of Russia and Ukraine met at the Carnegie Library on Monday. Houston police closed the street."
    ex = geoparser.parse(Article(id="t", text=text, lang="en", published=date(2025, 3, 5)))
    assert ("Carnegie Library", "Houston", "FAC") in [(m.text, m.place.name, m.label) for m in ex.places]
    assert [(m.kind, m.participants, m.place) for m in ex.meetings] == [("talks", ("RU", "UA"), None)]


@pytest.mark.parametrize("text, number, others", [
    ("Vitamin B12 levels were low in Leeds.", "B12", ["Leeds"]),
    ("Print it on an A4 sheet in Manchester.", "A4", ["Manchester"]),
    ("The A380 landed at Heathrow in London.", "A380", ["Heathrow", "London"]),
])
def test_things_numbered_like_british_roads_are_no_roads(geoparser, text, number, others):
    assert [t for t, _, _ in places(geoparser, text)] == others


def test_a_name_before_a_facility_noun_that_is_the_town_stays_the_town(geoparser):
    text = "The A417 was closed at the Cirencester junction. Cirencester police said so."
    found = places(geoparser, text)
    assert ("A417", "Cirencester", "FAC") in found
    assert [t for t, n, label in found if label == "GPE"] == ["Cirencester", "Cirencester"]


@pytest.mark.parametrize("text, facility", [
    ("On Monday Carnegie Library in Houston reopened.", "Carnegie Library"),
    ("Police closed 14th St. NW in Washington.", "14th St. NW"),
])
def test_facility_names_do_not_take_in_dates_and_keep_their_direction(geoparser, text, facility):
    assert facility in [t for t, _, label in places(geoparser, text) if label == "FAC"]


def test_a_generic_airport_name_is_no_particular_airport(geoparser):
    assert all(not n.endswith("Airport") for _, n, _ in places(geoparser, "He flew from the International Airport in Lagos."))


def test_a_river_named_like_a_town_does_not_win_over_the_story_country(geoparser):
    # A river, unlike a sea, does not override the country the article is about.
    found = places(geoparser, "Residents of Zambezi, in Zambia's North-Western Province, met the governor in Lusaka.")
    assert ("Zambezi", "Zambezi", "GPE") in found
