"""Do the two languages still say the same? Stale pairs, terminology, references, numbers, scripts.

Every finding is a warning at the text it concerns (`--strict` makes warnings errors). Numbers are
compared asymmetrically: each number written in digits in Japanese must appear in the English (in
digits, as a number word, an ordinal or a month name), and each number in digits in the English
must appear in the Japanese (era years such as 平成26年 count as 2014). English number words are
never required in Japanese, so "the Second World War" asks nothing of 第二次世界大戦.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from typing import Iterator

from briefing.check.lockfile import Pair, digest, pairs
from briefing.check.placeholders import PLACEHOLDER
from briefing.content.eras import ERAS
from briefing.content.references import DATED, TOKEN
from briefing.content.registry import Registry
from briefing.errors import Problem

NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
CLOCK = re.compile(r"\b(\d{1,2}):(\d{2})\b")  # 9:00, 15:45
ERA_YEAR = re.compile("(" + "|".join(name for _, name in ERAS) + r")(元|\d+)年")
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
WORD = re.compile(r"[a-z]+")
CARDINALS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen twenty").split()
ORDINALS = ("zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
MONTHS = "january february march april may june july august september october november december".split()
NUMBER_WORDS = {**{w: str(n) for n, w in enumerate(CARDINALS)}, **{w: str(n) for n, w in enumerate(ORDINALS)},
                **{w: str(n) for n, w in enumerate(MONTHS, start=1)}, "thirty": "30", "thirtieth": "30",
                "hundred": "100", "thousand": "1000"}
SHOWN = 60  # characters of a text quoted in a finding
QUOTES = {"ja": ("「", "」"), "en": ('"', '"')}


def findings(loaded, registry: Registry, lock: dict[str, dict] | None) -> list[Problem]:
    """Every translation finding of one memo (`loaded` is a `briefing.content.validate.LoadedMemo`)."""
    memo, source = loaded.memo, loaded.source
    if len(memo.languages) < 2:
        return []
    found: list[Problem] = []
    if lock is None:
        found.append(source.problem((), "translations not yet confirmed: review them, then run "
                                        f"briefing check --accept {loaded.path.stem}", severity="warning"))
    every = list(pairs(memo))
    token_numbers = _token_numbers(memo)
    current = {_hashes(pair.text) for pair in every}
    for pair in every:
        ja, en = pair.text.get("ja"), pair.text.get("en")
        if not ja.strip() or not en.strip():
            continue  # a missing text is an error already
        if PLACEHOLDER.fullmatch(ja.strip()) or PLACEHOLDER.fullmatch(en.strip()):
            continue  # a text still to write (import --new leaves the translation so) is listed already
        warn = lambda lang, message: found.append(  # noqa: E731
            source.problem(pair.loc + (lang,), message, severity="warning"))
        if lock is not None:
            for lang, message, changes in _staleness(pair, lock, current, loaded.path.stem):
                found.append(replace(source.problem(pair.loc + (lang,), message, severity="warning"), changes=changes))
        for lang, message in _terminology(ja, en, registry):
            warn(lang, message)
        for lang, message in _references(ja, en):
            warn(lang, message)
        for lang, message in _numbers(ja, en, token_numbers):
            warn(lang, message)
        if JAPANESE.search(TOKEN.sub("", en)):
            warn("en", "Japanese characters in the English text; translate them or write them in Latin script")
        if ja.strip() == en.strip():
            warn("en", "the English text is the same as the Japanese; translate it")
    return found


def _staleness(pair: Pair, lock: dict[str, dict], current: set[tuple], memo_id: str) -> Iterator[tuple]:
    """Which side changed since the pair was last confirmed: (language to review, message, changes)."""
    now = {lang: pair.text.get(lang) for lang in ("ja", "en")}
    record = lock.get(pair.id)
    if record is not None and _recorded(record) != _hashes(pair.text) and _recorded(record) in current:
        record = None  # the pair confirmed at this place has moved: it is elsewhere, unchanged
    record = record or _moved(now, lock)
    accept = f"briefing check --accept {memo_id}#{pair.id}"
    if record is None:
        yield "ja", f"new pair, not yet confirmed: review both languages, then run {accept}", ()
        return
    changed = [lang for lang in now if record.get(lang, {}).get("hash") != digest(now[lang])]
    confirmed = {lang: record[lang].get("text") for lang in changed}  # a hand-edited lock may lack a text
    changes = tuple((lang, confirmed[lang], now[lang]) for lang in changed if isinstance(confirmed[lang], str))
    if changed == ["ja"]:
        yield "en", (f"stale English: the Japanese changed since it was confirmed{_was(changes)}; "
                     f"update the English, then run {accept}"), changes
    elif changed == ["en"]:
        yield "ja", (f"stale Japanese: the English changed since it was confirmed{_was(changes)}; "
                     f"check the Japanese still matches, then run {accept}"), changes
    elif changed:
        yield "ja", f"both languages changed since they were confirmed: review them, then run {accept}", changes


def _was(changes: tuple) -> str:
    """` (was 「…」, now 「…」)` around the first difference, or nothing when the lock holds no text."""
    if not changes:
        return ""
    lang, old, new = changes[0]
    opening, closing = QUOTES[lang]
    was, now = _difference(old, new)
    return f" (was {opening}{was}{closing}, now {opening}{now}{closing})"


def _hashes(text) -> tuple[str, str]:
    return digest(text.get("ja")), digest(text.get("en"))


def _recorded(record: dict) -> tuple[str, str]:
    return record.get("ja", {}).get("hash", ""), record.get("en", {}).get("hash", "")


def _moved(now: dict[str, str], lock: dict[str, dict]) -> dict | None:
    """The lock entry of a pair that moved: one whose Japanese or English is unchanged."""
    for record in lock.values():
        if any(record.get(lang, {}).get("hash") == digest(text) for lang, text in now.items()):
            return record
    return None


@lru_cache(maxsize=4096)
def _english_form(form: str) -> re.Pattern:
    """A glossary form as a whole word, its plurals counting; compiled once for every memo."""
    return re.compile(rf"\b{re.escape(form)}(?:s|es)?\b", re.IGNORECASE)


def _terminology(ja: str, en: str, registry: Registry) -> Iterator[tuple[str, str]]:
    lowered = en.lower() if en.isascii() else None  # ASCII: a form that is no substring cannot match

    def in_english(form: str) -> bool:
        if lowered is not None and form.isascii() and form.lower() not in lowered:
            return False
        return bool(_english_form(form).search(en))
    for term in registry.glossary:
        in_ja = any(form in ja for form in [term.ja, *term.variants])
        in_en = any(in_english(form) for form in [term.en, *term.variants])
        if in_ja and not in_en:
            yield "en", f"the Japanese uses 「{term.ja}」: the agreed English is \"{term.en}\" (glossary)"
        elif in_en and not in_ja:
            yield "ja", f"the English uses \"{term.en}\": the agreed Japanese is 「{term.ja}」 (glossary)"


def _references(ja: str, en: str) -> Iterator[tuple[str, str]]:
    """People and organizations named in one language must be named in the other."""
    named = {lang: {m.group(1) for m in TOKEN.finditer(text)} - DATED.keys() for lang, text in (("ja", ja), ("en", en))}
    for lang, other in (("en", "ja"), ("ja", "en")):
        for name in sorted(named[other] - named[lang]):
            yield lang, f"[[{name}]] is named in the {_language(other)} but not in the {_language(lang)}"


def _token_numbers(memo) -> set[str]:
    """Numbers that [[date]], [[time]], [[duration]] … may write: a text using them may hold these in the other."""
    numbers: set[str] = set()
    for day in (memo.date, memo.end_date, memo.japan_date):
        if day is not None:
            numbers |= {str(day.year), str(day.month), str(day.day)}
    for clock in (memo.time, memo.japan_time):
        if clock:
            numbers |= _digits(CLOCK.sub(_clock, clock))
    if memo.duration:
        numbers |= {str(n) for n in (memo.duration, *divmod(memo.duration, 60)) if n}
    return numbers


def _numbers(ja: str, en: str, token_numbers: set[str] = frozenset()) -> Iterator[tuple[str, str]]:
    ja_numbers = _digits(ERA_YEAR.sub(_gregorian, _plain(ja)))
    en_digits = _digits(_plain(en))
    if any(m.group(1) in DATED for m in TOKEN.finditer(ja)):
        ja_numbers |= token_numbers
    if any(m.group(1) in DATED for m in TOKEN.finditer(en)):
        en_digits = en_digits | token_numbers
    en_all = en_digits | {NUMBER_WORDS[w] for w in WORD.findall(_plain(en).lower()) if w in NUMBER_WORDS}
    for number in sorted(ja_numbers - en_all, key=float):
        yield "en", f"the Japanese has the number {number}, the English does not; check the facts agree"
    for number in sorted(en_digits - ja_numbers, key=float):
        yield "ja", f"the English has the number {number}, the Japanese does not; check the facts agree"


def _plain(text: str) -> str:
    """Text without inline references, full-width digits and letters made ASCII, clock times as 12-hour hours."""
    return CLOCK.sub(_clock, unicodedata.normalize("NFKC", TOKEN.sub(" ", text)))


def _clock(match: re.Match) -> str:
    """15:45 → 3 45 and 9:00 → 9: how the same time reads in 午後3時45分 or 9時."""
    hours, minutes = int(match.group(1)), int(match.group(2))
    return f"{hours % 12 or 12}" + (f" {minutes}" if minutes else "")


def _digits(text: str) -> set[str]:
    return {match.replace(",", "") for match in NUMBER.findall(text)}


def _gregorian(match: re.Match) -> str:
    """令和7年 → 2025年, so an era year compares with the English year."""
    start = next(day for day, name in ERAS if name == match.group(1))
    year = 1 if match.group(2) == "元" else int(match.group(2))
    return f"{start.year + year - 1}年"


def _language(lang: str) -> str:
    return {"ja": "Japanese", "en": "English"}[lang]


def _difference(old: str, new: str) -> tuple[str, str]:
    """The old and new text around their first difference, at most `SHOWN` characters each."""
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    start = max(0, start - SHOWN // 3)

    def excerpt(text: str) -> str:
        part = text[start:start + SHOWN]
        return ("…" if start else "") + part + ("…" if start + SHOWN < len(text) else "")
    return excerpt(old), excerpt(new)
