"""English false friends and names that read as words: the rules a reader of news would apply."""

import pytest

from extract.types import Article


def places(geoparser, text, lang="en"):
    return [(m.text, m.place.name, m.place.country) for m in geoparser.parse(Article(id="t", text=text, lang=lang)).places]


def test_a_capitalised_city_inside_a_sentence_is_a_place_though_a_frequent_word(geoparser):
    found = places(geoparser, "In the end, city firefighters in Columbus agreed to a pay freeze on Monday.")
    assert ("Columbus", "Columbus", "US") in found


@pytest.mark.parametrize("text", [
    "It is clear that we are ready, and I do not think anyone disagrees with that plan.",
    "We are going to win this, said the coach. As a team we have answered the questions.",
])
def test_sentence_openers_are_not_names_of_several_words(geoparser, text):
    assert places(geoparser, text) == []


def test_a_surname_after_a_first_name_is_a_person_everywhere_in_the_article(geoparser):
    text = ("Andrew Trapani is a gambling man who rose from a casino job to Hollywood. "
            "His rise is a testament to Trapani's willingness to work hard, friends said.")
    assert not any(name == "Trapani" for _, name, _ in places(geoparser, text))


def test_part_of_a_hyphenated_company_name_is_no_village(geoparser):
    found = places(geoparser, "Officials will check whether Wal-Mart Stores violated the terms of the deal.")
    assert not any(t in ("Wal", "Mart") for t, _, _ in found)


def test_a_big_city_in_a_hyphenated_word_is_still_found(geoparser):
    found = places(geoparser, "He estimated that 41 percent of Atlanta-area calls are for help with rent.")
    assert ("Atlanta", "Atlanta", "US") in found


def test_a_possessive_is_not_part_of_the_name(geoparser):
    found = places(geoparser, "Canada's prime minister arrived in Montreal on Tuesday.")
    assert ("Canada", "Canada", "CA") in found


@pytest.mark.parametrize("text, name, country", [
    ("The Democratic People's Republic of Korea said on Monday it would test again.", "North Korea", "KP"),
    ("Officials of the Democratic People’s Republic of Korea met in Hanoi.", "North Korea", "KP"),
    ("The People's Republic of China protested.", "China", "CN"),
])
def test_a_possessive_inside_a_name_that_goes_on_is_part_of_it(geoparser, text, name, country):
    found = places(geoparser, text)
    assert found[0][1:] == (name, country) and "Republic of" in found[0][0]
    assert not any(c == "KR" for _, _, c in found)  # not the Republic of Korea inside it


def test_an_all_caps_dateline_city(geoparser):
    found = places(geoparser, "COLUMBUS, Ohio — State lawmakers met on Monday to discuss the budget.")
    assert ("COLUMBUS", "Columbus", "US") in found


@pytest.mark.parametrize("text", ["We're ready, and I've said so before the vote.", "And I said no. But I stayed."])
def test_contractions_and_the_pronoun_i_end_no_place_name(geoparser, text):
    assert places(geoparser, text) == []


def test_a_country_before_a_verb_is_not_a_longer_name(geoparser):
    # "usis" and the demonym "Azerbaijanis" are keys too; the words as written are the country.
    assert ("U.S", "United States", "US") in places(geoparser, "The U.S. is not engaged in the war, officials said.")
    assert ("Azerbaijan", "Azerbaijan", "AZ") in places(geoparser, "On April 11, Azerbaijan is holding a snap election.")


@pytest.mark.parametrize("text", [
    # a given name before it: the surname is a person's throughout, even a small capital's name
    'Police Chief Robert Douglas said his officers were called to the park. "It took 30 minutes," Douglas said.',
    # a given name before a surname that is also a place
    "The cuts hurt, said Mary Wheeler, a teacher whose husband is a firefighter.",
    # a person's title is never the start of a place name ("Rev. Al" keys like Reval, Tallinn)
    "The Rev. Al Meredith, senior pastor of the church, spoke on Sunday.",
])
def test_people_named_like_places_are_people(geoparser, text):
    assert places(geoparser, text) == []


@pytest.mark.parametrize("word", ["Flores", "Wilkinson", "Lewis", "Hamas", "Passover", "IRS", "APC", "TASS"])
def test_a_name_or_word_that_is_only_an_obscure_alternate_name_is_no_place(geoparser, word):
    # GeoNames records "Flores" for Timon (Brazil), "Lewis" for Saint George's, "IRS" for Eruh.
    found = places(geoparser, f"On Tuesday the board heard from {word} about the budget for the year.")
    assert all(name.casefold() == word.casefold() for _, name, _ in found) and not (word.isupper() and found), found


def test_an_alternate_name_of_a_big_city_is_still_that_city(geoparser):
    assert ("Bombay", "Mumbai", "IN") in places(geoparser, "Flights from Bombay resumed on Tuesday.")


@pytest.mark.parametrize("text", [
    "Facebook CEO Mark Zuckerberg will travel to Brussels next week.",
    "As the Post reported, Amy B Wang wrote the story.",
    "Who would have wanted Matthew D. Flores dead?",
    "The race was won by Mike de Kock in 2011.",
])
def test_a_surname_after_a_given_name_initials_or_particles_is_a_person(geoparser, text):
    found = places(geoparser, text)
    assert [n for n, *_ in found] in ([], ["Brussels"]), found


@pytest.mark.parametrize("text, name", [
    ("Jordan Dyer, a 17-year-old Huntsville High School student, has spent the year abroad.", "Huntsville"),
    ("Officials at the Columbus Metropolitan Library said the branch will reopen.", "Columbus"),
])
def test_a_place_in_an_organisations_name_is_still_a_place(geoparser, text, name):
    assert name in [n for n, *_ in places(geoparser, text)]


def test_a_dateline_opening_a_sentence_is_a_place(geoparser):
    found = places(geoparser, "Group criticizes the budget . COLUMBUS, Ohio (AP) — The governor said on Monday.")
    assert ("COLUMBUS", "Columbus", "US") in found
    assert ("ATLANTA", "Atlanta", "US") in places(geoparser, "Storm hits the south. ATLANTA — The storm hit the city.")


@pytest.mark.parametrize("text, name", [
    ("ATLANTA (AP) An aide to the former mayor has been charged.", "Atlanta"),
    ("By Nate Raymond. BOSTON (Reuters) - The owner of a restaurant said.", "Boston"),
])
def test_a_dateline_with_its_agency_is_a_place(geoparser, text, name):
    assert (name.upper(), name, "US") in places(geoparser, text)


def test_words_run_together_are_not_a_one_word_name(geoparser):
    found = places(geoparser, "A US serviceman was killed near the border on Tuesday.")
    assert "Aus" not in [name for _, name, _ in found], found  # (a town in Namibia)
    assert "United States" in [name for _, name, _ in found], found  # the shorter name inside is read


def test_a_country_named_so_only_in_other_languages_is_not_the_city_of_that_name(geoparser):
    assert ("Tunis", "Tunis", "TN") in places(geoparser, "Protesters gathered in central Tunis on Friday.")


def countries_of(geoparser, text):
    return {(r.text, r.country) for r in geoparser.parse(Article(id="t", text=text, lang="en")).countries}


def test_another_persons_first_name_before_an_office_holders_surname(geoparser):
    # Janet Cooper is not Yvette Cooper, the Foreign Secretary, nor later in the article
    text = "Janet Cooper, the council's manager, said the grants were awarded. Cooper said more would follow."
    assert not {cc for _, cc in countries_of(geoparser, text)}


def test_an_office_holders_surname_used_as_a_first_name(geoparser):
    assert not countries_of(geoparser, "\u201cWe care for the community,\u201d said Abe Oudshoorn, the chair.")


def test_an_office_holder_with_his_own_first_name_is_still_him(geoparser):
    assert ("Lavrov", "RU") in countries_of(geoparser, "Sergei Lavrov spoke on Monday. Lavrov said talks would go on.")


def names_found(geoparser, text):
    return {m.text for m in geoparser.parse(Article(id="t", text=text, lang="en")).places}


def test_a_surname_before_a_verb_of_speech_is_no_small_town(geoparser):
    # Robertson, Western Cape (pop. 20,000) is not the woman speaking; Washington still is the capital
    text = "\u201cIt was the first theater in Hartford,\u201d Robertson said. Washington said nothing."
    assert names_found(geoparser, text) == {"Hartford", "Washington"}


def test_a_seat_of_power_is_a_place_only_where_the_sentence_places_something_there(geoparser):
    text = ("The White House said talks would go on. Putin met Trump at the White House on Monday. "
            "The Kremlin denied it.")
    found = geoparser.parse(Article(id="t", text=text, lang="en")).places
    assert [(m.text, m.start) for m in found] == [("White House", text.index("at the White House") + 7)]


@pytest.mark.parametrize("text, name", [
    ("Officials wonder whether Tri-State will be ready by the deadline.", "Tri-State"),  # not Laughlin
    ("The City approved the budget on Monday.", "The City"),  # not Oakville
])
def test_a_small_place_known_by_the_name_only_through_an_unrelated_alternate_is_not_it(geoparser, text, name):
    assert name not in names_found(geoparser, text)


def test_a_small_places_alternate_spelling_is_still_that_place(geoparser):
    assert "St. Paris" in names_found(geoparser, "The fire in St. Paris, Ohio, destroyed two barns.")


@pytest.mark.parametrize("text", [
    "Chapman opened the meeting and thanked the volunteers.",  # Chapman, Kansas (pop. 1,400)
    "Martha brought the pies, and the church hall was full by noon.",
])
def test_a_lone_personal_name_is_no_small_town_that_nothing_in_the_article_places(geoparser, text):
    assert not names_found(geoparser, text)


def test_a_small_town_named_like_a_person_among_its_neighbours_is_the_town(geoparser):
    found = names_found(geoparser, "The schools of Chapman and Abilene, Kansas, will share a bus route.")
    assert {"Chapman", "Abilene", "Kansas"} <= found


@pytest.mark.parametrize("text, name", [
    ("Mykolska is also a special envoy of President of Ukraine Petro Poroshenko to Nigeria.", "Ukraine"),
    ("LONDON Pope Francis once again brought global attention to the case.", "London"),
])
def test_a_place_before_a_full_name_is_no_first_name(geoparser, text, name):
    assert name in {n for _, n, _ in places(geoparser, text)}


def test_a_given_name_before_a_middle_initial_is_no_town(geoparser):
    ex = geoparser.parse(Article(id="t", text="By Carey L. Biron. WASHINGTON (Reuters) - Artists in Ohio rejoiced.",
                                 lang="en"))
    assert [m.text for m in ex.places] == ["WASHINGTON", "Ohio"]
