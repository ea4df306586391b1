"""`briefing import --new FILE.docx ID`: a memo started in Word (no anchors) as a new content/ID.yaml.

The file's paragraphs become blocks (word_blocks.py) in its language; the other language's texts are the
placeholders `briefing new` leaves and `check` lists. Then the new memo is checked and its printed text compared
with the Word file's, so that what the build will print differently (a house style's date line or labels)
is reported at once.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from pathlib import Path

from briefing.authoring.new import MEMO_ID, MemoExists, office_issuer
from briefing.authoring.schema import MODELINE, write_schema
from briefing.authoring.word_import import Outcome
from briefing.errors import ContentError, Problem, UsageError

TO_TRANSLATE = {"ja": "（ここに訳文を書く）", "en": "(write the translation here)"}  # check lists them
KANA_KANJI = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
JA_END = re.compile(r"\s*(?:\([^)]*\))?\s*[~〜–-]\s*(?:(?P<month>\d{1,2})月)?(?P<day>\d{1,2})日")  # （木）～4日
JA_DATE = re.compile(r"(?P<era>令和|平成|昭和)?(?P<year>元|\d{1,4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")


def import_new(workspace, docx: Path, memo_id: str, lang: str | None = None,
               today: dt.date | None = None) -> Outcome:
    """Write content/<memo_id>.yaml from the hand-typed `docx`; raises ContentError (exit 1, nothing written)."""
    from briefing.authoring.word_blocks import BlockMapper, date_lines
    from briefing.content.validate import load_registry
    from briefing.render.docx.ooxml.typed import read_typed
    from briefing.view.html import Templates

    if not MEMO_ID.fullmatch(memo_id):
        raise UsageError(f"memo id '{memo_id}' must be letters, digits, '-' or '_' (starting with a letter or "
                         "digit), e.g. khare-visit-2025; it becomes the file name")
    target = workspace.content / f"{memo_id}.yaml"
    if target.exists():
        raise MemoExists(f"{workspace.shown(target)} already exists; nothing written (import --new never "
                         "overwrites a memo): choose another memo id")
    shown = Path(workspace.shown(docx))
    try:
        typed = read_typed(docx)
    except (OSError, ValueError) as error:
        raise ContentError([Problem(shown, 1, 1, f"not a readable Word file ({error}); give a .docx")]) from None
    lang = lang or detect_language(typed)
    other = "en" if lang == "ja" else "ja"
    registry = load_registry(workspace)
    templates = Templates.at(workspace.templates)
    issuer, note = _issuer(workspace, registry, date_lines(typed)[1:2], lang)
    strings = templates.memo_strings(None, registry.organizations[issuer].style, lang)  # the issuer's house style
    mapped = BlockMapper(strings, lambda text: {lang: text, other: TO_TRANSLATE[other]}).walk(typed)
    if not (mapped.title or mapped.lead or mapped.body):
        raise ContentError([Problem(shown, 1, 1, "nothing to import: no title, lead, heading, item or paragraph "
                                                 "in a style of templates/reference.docx; nothing written")])
    memo, notes = _memo(mapped, strings, lang, other, issuer, today or dt.date.today())
    text = _yaml_text(memo, docx.name, lang, note)
    with target.open("x", encoding="utf-8") as stream:
        stream.write(text)
    write_schema(workspace)
    shown_target, keys = workspace.shown(target), [line.split(":")[0] for line in text.splitlines()]
    lines = [f"{shown_target}:1:1: new memo from {docx.name} ({lang}); the {other} texts are "
             f"{TO_TRANSLATE[other]} for the translator ([[…]] references are not made: write them)"]
    lines += [f"{shown_target}:{keys.index(key) + 1 if key in keys else 1}:1: {key}: {why}" for key, why in notes]
    lines += [f"{shown}: paragraph {n}: 「{words}」: {why}" for n, words, why in mapped.reports]
    return Outcome(lines + _compare(workspace, memo_id, lang, mapped), True)


def detect_language(typed) -> str:
    """ja when Japanese characters make up a fifth of the letters or more, else en."""
    from briefing.render.docx.ooxml.typed import TypedTable

    text = "".join(p.text for block in typed
                   for p in (block.paragraphs if isinstance(block, TypedTable) else [block]))
    japanese, latin = len(KANA_KANJI.findall(text)), len(LATIN.findall(text))
    return "ja" if japanese and japanese * 4 >= latin else "en"


def parse_date(text: str) -> tuple[dt.date, dt.date | None, bool] | None:
    """The first date written in `text`, the last day of a span starting there, and whether the year is an era's:
    2025年6月27日, 令和7年7月3日～4日, June 27, 2025, July 3–4, 2025, 27 June 2025."""
    from babel.dates import get_month_names

    from briefing.content.eras import ERAS

    text = unicodedata.normalize("NFKC", text)
    months = {name.lower(): n for n, name in get_month_names("wide", locale="en").items()}
    names = "|".join(months)
    try:
        if match := JA_DATE.search(text):
            year = 1 if match["year"] == "元" else int(match["year"])
            if match["era"]:
                year += next(start.year for start, name in ERAS if name == match["era"]) - 1
            day = dt.date(year, int(match["month"]), int(match["day"]))
            last = JA_END.match(text, match.end())
            end = last and dt.date(day.year, int(last["month"] or day.month), int(last["day"]))
            return day, end, bool(match["era"])
        if match := re.search(rf"\b({names})\s+(\d{{1,2}})(?:\s*[–-]\s*(\d{{1,2}}))?,?\s+(\d{{4}})", text,
                              re.IGNORECASE):
            month = months[match[1].lower()]
            end = match[3] and dt.date(int(match[4]), month, int(match[3]))
            return dt.date(int(match[4]), month, int(match[2])), end, False
        if match := re.search(rf"\b(\d{{1,2}})\s+({names})\s+(\d{{4}})", text, re.IGNORECASE):
            return dt.date(int(match[3]), months[match[2].lower()], int(match[1])), None, False
    except ValueError:
        return None
    return None


def _issuer(workspace, registry, lines: list[str], lang: str) -> tuple[str, str]:
    """The organization the date line's second line names, else the one `briefing new` takes."""
    for organization_id, organization in registry.organizations.items():
        if lines and organization.name.get(lang) == lines[0]:
            return organization_id, "# 日付行の組織 / the organization on the date line"
    return office_issuer(workspace, registry)


def _memo(mapped, strings: dict, lang: str, other: str, issuer: str, today: dt.date) -> tuple[dict, list]:
    """The content file's fields in the skeleton's order, and what to say about the title, date and closing."""
    lines, memo_type = [], "readout"
    title = ("" if lang == "ja" else " ").join(mapped.title)
    label, join = strings["labels"].get("result_summary", ""), strings["labels"].get("result_summary_join", "")
    if label and title.endswith(label):
        memo_type, title = "result-summary", title.removesuffix(label).rstrip().removesuffix(join.strip()).rstrip()
    found = parse_date(mapped.datelines[0]) if mapped.datelines else None
    if found is None and (found := parse_date(" ".join(mapped.lead))):
        lines.append(("date", f"{found[0].isoformat()}, the first date of the lead (the Word file has no date line); "
                     "check it"))
    if found is None:
        lines.append(("date", f"{today.isoformat()} (today): the Word file has no date line or lead with a date; "
                              "correct it"))
    day, end, era = found or (today, None, False)
    memo = {"type": memo_type, "date": day, **({"end_date": end} if end and mapped.datelines else {}),
            "languages": ["ja", "en"]}
    if lang == "ja" and era != (strings["dates"]["calendar"] == "era"):
        memo["calendar"] = "era" if era else "gregorian"
    memo["issuer"] = issuer
    memo["title"] = {lang: title or TO_TRANSLATE[lang], other: TO_TRANSLATE[other]}
    if not title:
        lines.append(("title", "the Word file has no paragraph in the Title style; write the title"))
    if mapped.lead:
        memo["lead"] = _clean({lang: "\n".join(mapped.lead), other: TO_TRANSLATE[other]})  # a paragraph each
    closing = strings["labels"].get("closing", "").strip()
    memo["closing"] = mapped.closing is not None
    if mapped.closing is not None and mapped.closing != closing:
        lines.append(("closing", f"the Word file ends with {mapped.closing!r}; the house style prints {closing!r}"))
    memo["body"] = _clean(mapped.body)
    return memo, lines


def _clean(value):
    """The blocks without the mapper's private keys; a text of several paragraphs folded, a blank line between."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items() if not key.startswith("_")}
    return FoldedScalarString(value) if isinstance(value, str) and "\n" in value else value


def _yaml_text(memo: dict, source: str, lang: str, issuer_note: str) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(memo, buffer)
    other = "en" if lang == "ja" else "ja"
    head = [MODELINE, f"# {source} から briefing import --new で作成 / made from {source} by briefing import --new",
            f"# {TO_TRANSLATE[other]} は訳文を書く所で、briefing check が一覧にします / "
            f"{TO_TRANSLATE[other]} marks texts to translate; briefing check lists them.",
            f"# issuer: {issuer_note.lstrip('# ')}"]
    return "\n".join(head) + "\n" + buffer.getvalue()


def _compare(workspace, memo_id: str, lang: str, mapped) -> list[str]:
    """What `check` finds wrong in the new memo, and where its printed text departs from the Word file's."""
    import lxml.html

    from briefing.check.memos import check
    from briefing.view.memo import styled_view

    try:
        checked = check(workspace, [memo_id])
    except ContentError as error:  # a registry or template problem: the memo is written, the comparison not made
        return [str(problem) for problem in error.problems]
    errors = [problem for problem in checked.problems if problem.severity == "error"]
    if errors or not checked.memos:
        return [str(problem) for problem in errors]
    loaded, = checked.memos
    root = lxml.html.document_fromstring(checked.templates.render(
        styled_view(loaded.memo, memo_id, lang, checked.registry, checked.templates)))
    for element in root.xpath("//*[contains(concat(' ', @class, ' '), ' marker ')] | //head"):
        element.drop_tree()
    printed = re.sub(r"\s+", "", root.body.text_content())
    typed = re.sub(r"\s+", "", "".join(mapped.texts + ([mapped.closing] if mapped.closing else [])))
    if printed == typed:
        return []
    start = next((i for i, (a, b) in enumerate(zip(printed, typed)) if a != b), min(len(printed), len(typed)))
    shown = workspace.shown(workspace.content / f"{memo_id}.yaml")
    return [f"{shown}:1:1: the build will print 「{printed[max(0, start - 10):start + 20]}」 where the Word file "
            f"has 「{typed[max(0, start - 10):start + 20]}」 (spaces left out; the house style's date line, labels or "
            "order): edit the content or the Word file"]
