"""House styles: templates/styles/<name>.yaml, overlays merged over the language strings.

A style's `ja:` and `en:` sections are deep-merged over templates/strings/<lang>.yaml; its other
top-level keys (`description` and `base` aside) are merged over both languages. A memo follows its
issuer's style, and its own `style:` may name another style or override keys the same way.
"""

from __future__ import annotations

from typing import Any, Iterator

LANGUAGE_KEYS = ("ja", "en")
META_KEYS = ("description", "base")


def deep_merge(base: Any, overlay: Any) -> Any:
    """`overlay` over `base`: mappings merge key by key, anything else (lists too) is replaced."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        merged = dict(base)
        for key, value in overlay.items():
            merged[key] = deep_merge(base.get(key), value)
        return merged
    return overlay


def overlay_for(style: dict, lang: str) -> dict:
    """What a style (or a memo's `style:` mapping) sets for `lang`: its neutral keys, then its `lang:` keys."""
    neutral = {key: value for key, value in style.items() if key not in LANGUAGE_KEYS + META_KEYS}
    return deep_merge(neutral, style.get(lang) or {})


def style_chain(memo_style: str | dict | None, issuer_style: str | None) -> tuple[str | None, dict]:
    """The named style a memo follows and its own overrides: `style: mod`, or `style: {base: mod, ja: …}`."""
    if isinstance(memo_style, str):
        return memo_style, {}
    overrides = dict(memo_style or {})
    return overrides.get("base") or issuer_style, overrides


def unknown_keys(style: dict, strings: dict[str, dict]) -> Iterator[tuple[tuple, str]]:
    """Keys of a style (or a memo's `style:` mapping) that the strings do not have: (where, what is known)."""
    for lang in LANGUAGE_KEYS:
        neutral = {key: value for key, value in style.items() if key not in LANGUAGE_KEYS + META_KEYS}
        parts = [((), neutral)] if lang == LANGUAGE_KEYS[0] else []
        if isinstance(style.get(lang), dict):
            parts.append(((lang,), style[lang]))
        for prefix, overlay in parts:
            yield from _unknown(overlay, strings[lang], prefix)


def _unknown(overlay: dict, base: dict, loc: tuple) -> Iterator[tuple[tuple, str]]:
    for key, value in overlay.items():
        if key not in base:
            yield loc + (key,), f"unknown key '{key}'; expected one of: {', '.join(sorted(base))}"
        elif isinstance(value, dict) and isinstance(base[key], dict):
            yield from _unknown(value, base[key], loc + (key,))
