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
