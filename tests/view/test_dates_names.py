"""Dates (Babel and the era table), numbering markers and how people are written per language."""

import datetime as dt

import pytest
from conftest import FUJII, REPO

from briefing.content.registry import Person
from briefing.view.dates import era_year, format_day, format_span
from briefing.view.html import Templates
from briefing.view.names import attendee_text, person_text
from briefing.view.numbering import marker, word_level

STRINGS = Templates(REPO / "templates").strings
D = dt.date


@pytest.mark.parametrize("day, expected", [
    (D(1989, 1, 7), "昭和64年"), (D(1989, 1, 8), "平成元年"), (D(2019, 4, 30), "平成31年"),
    (D(2019, 5, 1), "令和元年"), (D(2020, 1, 1), "令和2年"), (D(2025, 6, 27), "令和7年"),
])
def test_era_boundaries(day, expected):
    assert era_year(day) == expected


def test_before_the_known_eras():
    with pytest.raises(ValueError):
        era_year(D(1926, 12, 24))


def test_japanese_and_english_dates():
    ja, en = STRINGS["ja"], STRINGS["en"]
    assert format_day(D(2025, 6, 27), ja["dates"]["date"], ja["locale"]) == "2025年6月27日（金）"
    assert format_day(D(2025, 6, 27), ja["dates"]["date"], ja["locale"], era=True) == "令和7年6月27日（金）"
    assert format_day(D(2019, 5, 1), ja["dates"]["date"], ja["locale"], era=True) == "令和元年5月1日（水）"
    assert format_day(D(2025, 6, 27), en["dates"]["date"], en["locale"]) == "Friday, June 27, 2025"
    assert format_day(D(2025, 6, 27), "d MMMM y", "en_GB") == "27 June 2025"
    assert format_day(D(2024, 12, 30), ja["dates"]["date"], ja["locale"]) == "2024年12月30日（月）"  # not week-year


def test_date_ranges():
    ja, en = STRINGS["ja"], STRINGS["en"]
    assert format_span(D(2025, 7, 3), D(2025, 7, 4), ja["dates"], "ja") == "2025年7月3日（木）～4日（金）"
    assert format_span(D(2025, 7, 3), D(2025, 7, 4), en["dates"], "en_US") == "July 3–4, 2025"
    assert format_span(D(2025, 6, 30), D(2025, 7, 1), en["dates"], "en_US") == "June 30–July 1, 2025"
    assert format_span(D(2025, 12, 31), D(2026, 1, 1), ja["dates"], "ja", era=True) == \
        "令和7年12月31日（水）～令和8年1月1日（木）"
    assert format_span(D(2025, 7, 3), None, ja["dates"], "ja") == "2025年7月3日（木）"


KHARE = Person.model_validate({
    "ja": {"family": "カレ", "given": "アトゥル"}, "latin": {"family": "Khare", "given": "Atul"},
    "order": "western", "honorific": {"en": "Mr."},
    "title": {"ja": "国連活動支援担当事務次長", "en": "Under-Secretary-General for Operational Support"},
    "short_title": {"ja": "事務次長", "en": "Under-Secretary-General"}})


@pytest.mark.parametrize("person, form, ja, en", [
    (FUJII, "full", "藤井比早之外務副大臣", "Mr. FUJII Hisayuki, State Minister for Foreign Affairs"),
    (FUJII, "reading", "藤井比早之（ふじい・ひさゆき）外務副大臣", "Mr. FUJII Hisayuki, State Minister for Foreign Affairs"),
    (FUJII, "short", "藤井副大臣", "State Minister FUJII"),
    (FUJII, "name", "藤井比早之", "Mr. FUJII Hisayuki"),
    (KHARE, "full", "アトゥル・カレ国連活動支援担当事務次長", "Mr. Atul Khare, Under-Secretary-General for Operational Support"),
    (KHARE, "short", "カレ事務次長", "Under-Secretary-General Khare"),
    (KHARE, "latin", "アトゥル・カレ国連活動支援担当事務次長（Mr. Atul Khare, Under-Secretary-General for Operational Support）",
     "Mr. Atul Khare, Under-Secretary-General for Operational Support"),
])
def test_person_forms(person, form, ja, en):
    assert person_text(person, "ja", STRINGS["ja"], form) == ja
    assert person_text(person, "en", STRINGS["en"], form) == en


def test_attendee_lines():
    assert attendee_text(FUJII, "ja", STRINGS["ja"]) == "藤井 比早之 外務副大臣"
    assert attendee_text(FUJII, "en", STRINGS["en"]) == "Mr. FUJII Hisayuki, State Minister for Foreign Affairs"
    assert attendee_text(KHARE, "ja", STRINGS["ja"], "事務次長") == "アトゥル・カレ 事務次長"


def test_numbering_levels_per_language():
    ja, en = STRINGS["ja"]["numbering"], STRINGS["en"]["numbering"]
    assert [marker(ja[level], 2) for level in range(4)] == ["2", "（2）", "イ", "（イ）"]
    assert [marker(en[level], 4) for level in range(3)] == ["4.", "(d)", "(iv)"]
    assert marker(en[1], 27) == "(aa)" and marker(ja[2], 47) == "ア"
    assert [word_level(ja[level], level) for level in range(4)] == [
        ("decimal", "%1"), ("decimal", "（%2）"), ("aiueoFullWidth", "%3"), ("aiueoFullWidth", "（%4）")]
    assert [word_level(en[level], level) for level in range(3)] == [
        ("decimal", "%1."), ("lowerLetter", "(%2)"), ("lowerRoman", "(%3)")]
