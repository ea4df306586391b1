"""Dates in each language: Babel patterns from the templates' strings, plus the Japanese era."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from briefing.content.eras import ERAS


def era_year(day: dt.date) -> str:
    """The era and year of `day`, e.g. 令和7年, 令和元年 for the first year."""
    for start, name in ERAS:
        if day >= start:
            year = day.year - start.year + 1
            return f"{name}{'元' if year == 1 else year}年"
    raise ValueError(f"{day} is before the eras this tool knows (昭和 from 1926-12-25)")


def format_day(day: dt.date, pattern: str, locale: str, *, era: bool = False) -> str:
    """`day` formatted with a Babel `pattern`; with `era`, the leading year `y年` becomes 令和N年."""
    if era:
        if not pattern.startswith("y年"):
            raise ValueError(f"an era date needs a pattern starting with 'y年', not {pattern!r}")
        return era_year(day) + format_date(day, pattern.removeprefix("y年"), locale=locale)
    return format_date(day, pattern, locale=locale)


def format_span(start: dt.date, end: dt.date | None, patterns: dict, locale: str, *, era: bool = False) -> str:
    """A single day, or a range such as 2025年7月3日(木)～4日(金) / July 3–4, 2025."""
    if end is None or end == start:
        return format_day(start, patterns["date"], locale, era=era)
    same_month = (start.year, start.month) == (end.year, end.month)
    same_year = start.year == end.year
    key = "range_same_month" if same_month else "range_same_year" if same_year else "range"
    first, second = patterns[key]
    return (format_day(start, first, locale, era=era) + patterns["range_separator"]
            + format_day(end, second, locale, era=era and not same_year))


def format_time(clock: str, times: dict) -> str:
    """A 24-hour "15:45" in the strings' form: 午後3時45分 / 3:45 p.m."""
    hours, minutes = (int(part) for part in clock.split(":"))
    h = hours % 12 or (times["noon"] if hours == 12 else 12)
    if hours == 0:
        h = 0 if times["noon"] == 0 else 12
    pattern = times["time_on_the_hour"] if minutes == 0 else times["time"]
    return pattern.format(ampm=times["ampm"][hours >= 12], h=h, m=minutes, mm=f"{minutes:02d}")


def format_duration(minutes: int, times: dict) -> str:
    """A length in minutes: 30分間, 1時間30分 / 30 minutes, one hour."""
    h, m = divmod(minutes, 60)
    if not h:
        return times["minutes"].format(m=m)
    if not m:
        return times.get("hour", times["hours"]).format(h=h) if h == 1 else times["hours"].format(h=h)
    pattern = times.get("hour_minutes", times["hours_minutes"]) if h == 1 else times["hours_minutes"]
    return pattern.format(h=h, m=m)
