"""公用文 notation rules for Japanese texts, each named and traced to 公用文作成の考え方 (文化審議会建議, 2022).

The rules look at characters and their neighbours (a bracket next to kana or kanji, a run of digits,
a counter after a digit); none needs word boundaries, so plain regular expressions do and no
morphological analyser (Sudachi) is loaded. `[[…]]` references and web addresses are masked first: a
reference counts as Japanese next to a bracket (it prints as a name or a date), an address as nothing;
a skeleton's "(ここに…を書く)" is reported as text still to write, not here.
A finding whose fix only changes how a character is written carries `edits` (`briefing check --fix`
applies them); a fix that could change a fact (a document number given commas, digits the English
text is compared with) carries none and is only suggested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from briefing.check.placeholders import PLACEHOLDER
from briefing.content.references import TOKEN

SOURCE = "公用文作成の考え方"
RULES = {  # rule id → (section of 公用文作成の考え方, Ⅰ 表記の原則; what is wrong)
    "halfwidth-brackets": ("Ⅰ-5(1)ウ", "half-width brackets in Japanese text (brackets are （） and 「」)"),
    "halfwidth-symbols": ("Ⅰ-5", "half-width symbol next to Japanese"),
    "mixed-commas": ("Ⅰ-5(1)ア", "、 and ， mixed in one memo"),
    "mixed-digit-widths": ("Ⅰ-4エ", "half- and full-width digits mixed in one memo"),
    "thousands-separator": ("Ⅰ-4イ", "four digits or more without commas"),
    "kanji-large-units": ("Ⅰ-4ウ", "兆・億・万 written as digits"),
    "kasho-kagetsu": ("Ⅰ-4ケ", "after Arabic digits, write か所 and か月"),
}
UNSAFE = {
    "thousands-separator": "a document or resolution number takes no commas",
    "kanji-large-units": "the English is compared by its digits, so change both languages",
}
JAPANESE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60\uff66-\uff9f〓]")
URL = re.compile(r"(?:https?://|mailto:|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'*+,;=%]+")
SYMBOLS = {"=": "＝", "~": "～", ",": "、"}
WIDE_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
NARROW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
NUMBER = re.compile(r"(?<![0-9A-Za-z.,\-‐－/:])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9A-Za-z,\-‐－/:])"
                    r"|(?<![0-9A-Za-z.,\-‐－/:])[0-9]+(?![0-9A-Za-z,\-‐－/:])")
NOT_A_QUANTITY = re.compile(r"年|号|[～〜~\-–][0-9]+年")  # 2025年, 第2231号, 2025～2026年: never split
COUNTED = re.compile("[人名円件回個台本機隻校社]|ドル|トン")  # 2000人 is a quantity; 2030アジェンダ names a year
KANJI_UNITS = ((10 ** 12, "兆"), (10 ** 8, "億"), (10 ** 4, "万"))
COUNTER = re.compile(r"(?<=[0-9０-９])[箇ヶヵカケ](?=[所月])")


@dataclass(frozen=True)
class Finding:
    """One rule broken at `start`..`end` of a text; `edits` are (offset, new character) pairs, or none."""

    rule: str
    start: int
    end: int
    found: str
    suggestion: str
    edits: tuple[tuple[int, str], ...] = ()

    def message(self, placed: bool = True) -> str:
        """What is wrong, what to write instead, where the rule comes from, and whether --fix applies it."""
        section, what = RULES[self.rule]
        how = ("--fix applies it" if self.edits and placed else "--fix leaves it: " +
               (UNSAFE[self.rule] if not self.edits else "the file writes it with an escape; edit it by hand"))
        return f"{what}: 「{_short(self.found)}」 → 「{_short(self.suggestion)}」 ({SOURCE} {section}; {self.rule}; {how})"


def enabled_rules(strings: dict) -> set[str]:
    """The rules the language's strings (with a house style laid over them) leave on; `checks: {rule: false}`."""
    switches = strings.get("checks") or {}
    return {rule for rule in RULES if switches.get(rule, True) is not False}


def switch_problems(strings: dict) -> list[tuple[str, str]]:
    """(name, what is wrong) for each switch under `checks:` that is no rule or not true/false (it would stay on)."""
    problems = []
    for name, value in (strings.get("checks") or {}).items():
        if name not in RULES:
            problems.append((name, f"checks: unknown rule '{name}'; expected one of: {', '.join(RULES)}"))
        elif not isinstance(value, bool):
            problems.append((name, f"checks: {name}: {value!r} is not true or false; write true or false"))
    return problems


def memo_findings(texts: Iterable[tuple[tuple, str]], enabled: set[str]) -> Iterator[tuple[tuple, Finding]]:
    """The findings of every Japanese text of one memo (rules on mixing look at the memo as a whole)."""
    masked = [(loc, text, _mask(text)) for loc, text in texts]
    everything = "".join(plain for _, _, plain in masked)
    comma = "，" if everything.count("，") > everything.count("、") else "、"
    wide = len(re.findall("[０-９]", everything)) > len(re.findall("[0-9]", everything))
    mixed_digits = bool(re.search("[０-９]", everything)) and bool(re.search("[0-9]", everything))
    for loc, text, plain in masked:
        found = list(_brackets(text, plain)) + list(_symbols(text, plain, comma)) + list(_counters(text, plain))
        found += _numbers(text, plain, "kanji-large-units" in enabled)
        if "、" in everything and "，" in everything:
            found += [Finding("mixed-commas", m.start(), m.end(), m.group(), comma, ((m.start(), comma),))
                      for m in re.finditer("，" if comma == "、" else "、", plain)]
        if mixed_digits:
            found += list(_digit_widths(text, plain, wide))
        for finding in sorted(found, key=lambda f: f.start):
            if finding.rule in enabled:
                yield loc, finding


def _mask(text: str) -> str:
    """The text with `[[…]]` and placeholders still to write as 〓 (Japanese to its neighbours) and web
    addresses as spaces, keeping its length."""
    text = TOKEN.sub(lambda m: "〓" * len(m.group()), text)
    text = PLACEHOLDER.sub(lambda m: "〓" * len(m.group()), text)
    return URL.sub(lambda m: " " * len(m.group()), text)


def _japanese(plain: str, index: int) -> bool:
    return 0 <= index < len(plain) and JAPANESE.match(plain, index) is not None


def _brackets(text: str, plain: str) -> Iterator[Finding]:
    """ASCII ( ) around or next to Japanese: the pair becomes （ ）."""
    opened, pairs, lone = [], [], []
    for index, char in enumerate(plain):
        if char == "(":
            opened.append(index)
        elif char == ")" and opened:
            pairs.append((opened.pop(), index))
        elif char == ")":
            lone.append(index)
    for start, end in pairs:
        if _japanese(plain, start - 1) or _japanese(plain, end + 1) or JAPANESE.search(plain, start, end):
            yield Finding("halfwidth-brackets", start, end + 1, text[start:end + 1],
                          f"（{text[start + 1:end]}）", ((start, "（"), (end, "）")))
    for index in sorted(lone + opened):
        if _japanese(plain, index - 1) or _japanese(plain, index + 1):
            wide = "（" if plain[index] == "(" else "）"
            yield Finding("halfwidth-brackets", index, index + 1, plain[index], wide, ((index, wide),))


def _symbols(text: str, plain: str, comma: str) -> Iterator[Finding]:
    """= ~ , touching a Japanese character (= and ~ also across digits, as in 1~3回): ＝ ～ and the memo's comma."""
    for match in re.finditer("[=~,]", plain):
        index, before, after = match.start(), match.start() - 1, match.start() + 1
        while match.group() != "," and before >= 0 and plain[before] in "0123456789":
            before -= 1
        while match.group() != "," and after < len(plain) and plain[after] in "0123456789":
            after += 1
        if _japanese(plain, before) or _japanese(plain, after):
            wide = comma if match.group() == "," else SYMBOLS[match.group()]
            yield Finding("halfwidth-symbols", index, index + 1, text[max(index - 2, 0):index + 3],
                          text[max(index - 2, 0):index] + wide + text[index + 1:index + 3], ((index, wide),))


def _counters(text: str, plain: str) -> Iterator[Finding]:
    """3箇所, 3ヶ所, 3カ所 → 3か所; 3ヶ月, 3カ月, 3箇月 → 3か月 (三箇所 with kanji numerals stays)."""
    for match in COUNTER.finditer(plain):
        index = match.start()
        yield Finding("kasho-kagetsu", index, index + 2, text[index - 1:index + 2],
                      text[index - 1] + "か" + text[index + 1], ((index, "か"),))


def _numbers(text: str, plain: str, kanji_units: bool) -> list[Finding]:
    """50000人 → 5万人 (suggested); 12000人 → 12,000人 (suggested); years and numbers with 号 stay."""
    found = []
    for match in NUMBER.finditer(plain):
        digits, after = match.group().replace(",", ""), plain[match.end():match.end() + 12]
        if NOT_A_QUANTITY.match(after) or after[:1] in ("兆", "億", "万"):
            continue
        value = int(digits)
        if 1900 <= value <= 2099 and len(digits) == 4 and not COUNTED.match(after):
            continue
        if kanji_units and value >= 10_000 and value % 10_000 == 0:
            found.append(Finding("kanji-large-units", match.start(), match.end(), match.group(), _kanji(value)))
        elif len(digits) >= 4 and "," not in match.group():
            found.append(Finding("thousands-separator", match.start(), match.end(), match.group(), f"{value:,}"))
    return found


def _kanji(value: int) -> str:
    """120500000 → 1億2,050万."""
    written = ""
    for unit, name in KANJI_UNITS:
        if value >= unit:
            written += f"{value // unit:,}{name}"
            value %= unit
    return written + (f"{value:,}" if value else "")


def _digit_widths(text: str, plain: str, wide: bool) -> Iterator[Finding]:
    """Digits of the memo's minority width, made the majority's (half-width when as many)."""
    for match in re.finditer("[0-9]+" if wide else "[０-９]+", plain):
        changed = match.group().translate(WIDE_DIGITS if wide else NARROW_DIGITS)
        yield Finding("mixed-digit-widths", match.start(), match.end(), match.group(), changed,
                      tuple((match.start() + i, char) for i, char in enumerate(changed)))


def _short(text: str) -> str:
    return text if len(text) <= 24 else text[:11] + "…" + text[-11:]
