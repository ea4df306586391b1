"""House styles as data: the overlay merge, every name form, times, durations and style-specific dates."""

import datetime as dt

import pytest
from conftest import FUJII, REPO

from briefing.content.registry import Person
from briefing.view.dates import format_day, format_duration, format_time
from briefing.view.html import Templates
from briefing.view.names import person_text
from briefing.view.styles import deep_merge

TEMPLATES = Templates(REPO / "templates")


def strings(lang, style=None, memo_style=None):
    return TEMPLATES.memo_strings(memo_style, style, lang)


def test_deep_merge_overlays_mappings_and_replaces_lists():
    base = {"labels": {"closing": "（以上）", "online": "（オンライン）"}, "numbering": [1, 2, 3], "typography": {}}
    merged = deep_merge(base, {"labels": {"closing": ""}, "numbering": [9], "checks": {"half-width": False}})
    assert merged == {"labels": {"closing": "", "online": "（オンライン）"}, "numbering": [9], "typography": {},
                      "checks": {"half-width": False}}
    assert base["labels"]["closing"] == "（以上）"  # the strings themselves are left as they were


def test_styles_overlay_the_strings_and_a_memo_overrides_its_style():
    assert strings("ja", "mofa")["dates"]["calendar"] == "era" and strings("ja", "cao")["dates"]["calendar"] == "gregorian"
    assert strings("ja", "mofa")["dateline"] == {"show": True, "issuer": False, "position": "above-title"}  # neutral
    assert strings("en", "mofa")["dateline"] == {"show": True, "issuer": False, "position": "above-title"}
    assert strings("ja", "cao")["dateline"]["show"] is False
    assert strings("ja", "mofa", "mod")["names"]["reading"] == "{name_spaced}（{reading}）{title}"  # style: mod
    override = {"base": "mod", "reference_box": {"numbered": True}, "ja": {"bullet": "◆"}}
    ja = strings("ja", "mofa", override)
    assert (ja["bullet"], ja["reference_box"]["numbered"], ja["dates"]["dateline"]) == ("◆", True, "y年M月d日")
    assert strings("en", "mofa", override)["bullet"] == "•"
    # keys other helpers add to the strings are merged with no code (typography:, checks:, pdf:)
    merged = strings("ja", None, {"typography": {"latin_spacing": "quarter"}, "checks": {"halfwidth-brackets": False}})
    assert merged["typography"] == {**TEMPLATES.strings["ja"]["typography"], "latin_spacing": "quarter"}
    assert merged["checks"] == {**TEMPLATES.strings["ja"]["checks"], "halfwidth-brackets": False}


def test_every_shipped_style_is_known():
    assert {"mofa", "cao", "mod"} <= set(TEMPLATES.style_names())


DOUBLE = Person.model_validate({
    "ja": {"family": "ガルシア・ペレス", "given": "マリア"}, "latin": {"family": "García Pérez", "given": "María"},
    "order": "western", "short_name": {"ja": "ガルシア", "en": "García"}, "honorific": {"en": "Ms."},
    "title": {"ja": "国連事務次長補", "en": "Assistant Secretary-General"}})
HUNGARIAN = Person.model_validate({
    "ja": {"family": "コヴァーチ", "given": "ペーテル"}, "latin": {"family": "Kovács", "given": "Péter"},
    "order": "family-first", "honorific": {"en": "Mr."}, "title": {"ja": "次官", "en": "State Secretary"}})
PROFESSOR = Person.model_validate({
    "ja": {"family": "木村", "given": "史郎"}, "latin": {"family": "Kimura", "given": "Shiro"},
    "honorific": {"ja": "教授", "en": "Prof."}, "title": {"ja": "大学教授", "en": "Professor"}})
ABE = Person.model_validate({
    "ja": {"family": "安倍", "given": "晋三"}, "latin": {"family": "Abe", "given": "Shinzo"},
    "honorific": {"en": "Mr."}, "title": {"ja": "総理大臣", "en": "Prime Minister"}})


@pytest.mark.parametrize("person, form, style, ja, en", [
    (FUJII, "surname", "mofa", "藤井外務副大臣", "State Minister for Foreign Affairs Fujii"),
    (FUJII, "full", "mofa", "藤井比早之外務副大臣", "Mr. FUJII Hisayuki, State Minister for Foreign Affairs"),
    (FUJII, "short", "mofa", "藤井副大臣", "State Minister Fujii"),
    (FUJII, "short", None, "藤井副大臣", "State Minister FUJII"),
    (FUJII, "reading", "mod", "藤井 比早之（ふじい・ひさゆき）外務副大臣",
     "Mr. FUJII Hisayuki, State Minister for Foreign Affairs"),
    (DOUBLE, "short", "mofa", "ガルシア国連事務次長補", "Assistant Secretary-General García"),
    (DOUBLE, "full", "mofa", "マリア・ガルシア・ペレス国連事務次長補", "Ms. María García Pérez, Assistant Secretary-General"),
    (HUNGARIAN, "full", None, "コヴァーチ・ペーテル次官", "Mr. KOVÁCS Péter, State Secretary"),
    (PROFESSOR, "honorific", "mofa", "木村教授", "Prof. Kimura"),
    (ABE, "former", "mofa", "安倍総理大臣（当時）", "then Prime Minister Abe"),
])
def test_name_forms_in_house_styles(person, form, style, ja, en):
    assert person_text(person, "ja", strings("ja", style), form) == ja
    assert person_text(person, "en", strings("en", style), form) == en


def test_title_for_one_mention_and_reading_separator():
    assert person_text(FUJII, "ja", strings("ja", "mofa"), "surname", "外務大臣臨時代理") == "藤井外務大臣臨時代理"
    spaced = strings("ja", None, {"ja": {"names": {"reading_separator": " "}}})
    assert person_text(FUJII, "ja", spaced, "reading") == "藤井比早之（ふじい ひさゆき）外務副大臣"


@pytest.mark.parametrize("clock, ja, en", [
    ("15:45", "午後3時45分", "3:45 p.m."), ("9:00", "午前9時", "9:00 a.m."), ("12:30", "午後0時30分", "12:30 p.m."),
    ("0:05", "午前0時5分", "12:05 a.m."),
])
def test_times(clock, ja, en):
    assert format_time(clock, strings("ja")["times"]) == ja
    assert format_time(clock, strings("en")["times"]) == en


def test_durations_and_dates_in_styles():
    ja, en = strings("ja")["times"], strings("en")["times"]
    assert [format_duration(m, ja) for m in (30, 60, 90)] == ["30分間", "1時間", "1時間30分"]
    assert [format_duration(m, en) for m in (30, 60, 90)] == ["30 minutes", "one hour", "one hour and 30 minutes"]
    day = dt.date(2019, 4, 26)
    mofa = strings("ja", "mofa")
    assert format_day(day, mofa["dates"]["dateline"], "ja", era=True) == "平成31年4月26日"
    assert format_day(day, strings("ja")["dates"]["weekday"], "ja") == "金曜日"
    assert format_day(day, strings("en", "mofa")["dates"]["dateline"], "en_US") == "April 26, 2019"
