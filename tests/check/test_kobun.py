"""公用文 rules, one by one: what each flags, what it leaves alone, and what it suggests or fixes."""

import pytest

from briefing.check.kobun import RULES, enabled_rules, memo_findings, switch_problems

ALL = set(RULES)


def found(*texts: str, enabled: set[str] = ALL) -> list[tuple[int, str, str, str, bool]]:
    """(text number, rule, what was found, suggestion, fixable) of each finding in a memo of these texts."""
    return [(loc[0], f.rule, f.found, f.suggestion, bool(f.edits))
            for loc, f in memo_findings([((i,), text) for i, text in enumerate(texts)], enabled)]


def fixed(text: str) -> str:
    """The text with the fixes --fix would apply."""
    characters = list(text)
    for _, finding in memo_findings([((0,), text)], ALL):
        for offset, new in finding.edits:
            characters[offset] = new
    return "".join(characters)


def test_halfwidth_brackets_next_to_or_around_japanese():
    assert found("国連三角パートナーシップ・プログラム(TPP)を通じた") == [
        (0, "halfwidth-brackets", "(TPP)", "（TPP）", True)]
    assert found("安倍総理大臣(当時)が") == [(0, "halfwidth-brackets", "(当時)", "（当時）", True)]
    assert found("カレ氏 Mr. Atul Khare (UN) は") == []  # nothing Japanese inside or touching
    assert found("Atul Khare (UN)、") == [(0, "halfwidth-brackets", "(UN)", "（UN）", True)]
    assert found("パネル(1)") == [(0, "halfwidth-brackets", "(1)", "（1）", True)]
    assert found("[[khare:latin]](国連)") == [(0, "halfwidth-brackets", "(国連)", "（国連）", True)]
    assert found("見出し)") == [(0, "halfwidth-brackets", ")", "）", True)]  # an unpaired one, too
    assert fixed("(以下「事務局」という。)は、(A(B)C)") == "（以下「事務局」という。）は、（A(B)C）"


def test_no_bracket_is_flagged_inside_references_or_addresses():
    assert found("[[fujii-hisayuki:reading]]は") == []
    assert found("詳細は https://example.org/a_(b)?x=1~2 を参照") == []
    assert found("（TPP）") == [] and found("(ここに表題を書く)") == []  # a placeholder is text still to write


def test_halfwidth_symbols_next_to_japanese():
    assert found("第1回~第3回") == [(0, "halfwidth-symbols", "1回~第3", "1回～第3", True)]
    assert found("円=ドル") == [(0, "halfwidth-symbols", "円=ドル", "円＝ドル", True)]
    assert found("日本,米国") == [(0, "halfwidth-symbols", "日本,米国", "日本、米国", True)]
    assert found("1~3回") == [(0, "halfwidth-symbols", "1~3回", "1～3回", True)]  # across the digits
    assert found("A=B, 1~3 pages, 1,000人") == []
    assert fixed("第1回~第3回") == "第1回～第3回"


def test_mixed_commas_in_one_memo_follow_the_majority():
    assert found("日本、米国", "英国，仏国") == [(1, "mixed-commas", "，", "、", True)]  # as many: 、 the principle
    assert found("A，B，C", "D、E") == [(1, "mixed-commas", "、", "，", True)]
    assert found("日本、米国", "英国、仏国") == [] and found("A，B") == []
    assert found("日本，米国", "日本,米国") == [(1, "halfwidth-symbols", "日本,米国", "日本，米国", True)]


def test_mixed_digit_widths_in_one_memo():
    assert found("第1回", "第２回") == [(1, "mixed-digit-widths", "２", "2", True)]
    assert found("第１回", "第２回", "第3回") == [(2, "mixed-digit-widths", "3", "３", True)]
    assert found("第1回", "第2回") == [] and found("第１回") == []
    assert found("[[date]]に第１回") == []  # a reference's digits are written by the tool


def test_thousands_separator_is_suggested_not_applied():
    assert found("約12000人") == [(0, "thousands-separator", "12000", "12,000", False)]
    assert found("1234.5トン") == [(0, "thousands-separator", "1234", "1,234", False)]
    assert found("約2000人") == [(0, "thousands-separator", "2000", "2,000", False)]  # counted: not a year
    for clean in ("2025年", "平成26年", "2025～2026年", "2025年度", "第2231号", "12,000人", "電話03-1234-5678",
                  "ISO9001", "999人", "1500億円", "https://example.org/12345", "2030アジェンダ", "万博2025の"):
        assert found(clean) == [], clean
    assert fixed("約12000人") == "約12000人"


def test_kanji_large_units_are_suggested_not_applied():
    assert found("50000人") == [(0, "kanji-large-units", "50000", "5万", False)]
    assert found("1,200,000,000円") == [(0, "kanji-large-units", "1,200,000,000", "12億", False)]
    assert found("120500000円") == [(0, "kanji-large-units", "120500000", "1億2,050万", False)]
    assert found("3000000000000円") == [(0, "kanji-large-units", "3000000000000", "3兆", False)]
    assert found("12,345人") == [] and found("5万人") == [] and found("1億2,000万円") == []
    # switched off, a round number without commas is still a number without commas
    assert found("50000人", enabled=ALL - {"kanji-large-units"}) == [
        (0, "thousands-separator", "50000", "50,000", False)]


@pytest.mark.parametrize("written, right", [("3箇所", "3か所"), ("3ヶ所", "3か所"), ("3カ所", "3か所"), ("3ケ所", "3か所"),
                                            ("6ヶ月", "6か月"), ("6カ月", "6か月"), ("6箇月", "6か月"), ("６ヵ月", "６か月")])
def test_kasho_kagetsu_after_digits(written, right):
    assert found(written) == [(0, "kasho-kagetsu", written, right, True)]
    assert fixed(written) == right


def test_kasho_kagetsu_leaves_nouns_and_kanji_numerals():
    for clean in ("該当箇所", "三箇所", "七箇月", "3か所", "6か月", "カ月"):
        assert found(clean) == [], clean


def test_a_rule_switched_off_in_the_strings():
    assert enabled_rules({}) == ALL
    assert enabled_rules({"checks": {"halfwidth-brackets": False}}) == ALL - {"halfwidth-brackets"}
    assert enabled_rules({"checks": {"halfwidth-brackets": True}}) == ALL
    assert found("国連(UN)の3ヶ所", enabled=enabled_rules({"checks": {"halfwidth-brackets": False}})) == [
        (0, "kasho-kagetsu", "3ヶ所", "3か所", True)]
    assert [name for name, _ in switch_problems({"checks": {"kasho-kagetu": False, "mixed-commas": "no",
                                                             "halfwidth-brackets": False}})] == ["kasho-kagetu",
                                                                                                 "mixed-commas"]


def test_every_message_names_its_rule_and_section():
    for _, finding in memo_findings([((0,), "国連(UN)、50000人、3ヶ所")], ALL):
        message = finding.message()
        assert f"公用文作成の考え方 {RULES[finding.rule][0]}" in message and finding.rule in message
        assert f"「{finding.found}」 → 「{finding.suggestion}」" in message
        assert ("--fix applies it" in message) == bool(finding.edits)
