"""The syntax of inline references, [[id]] or [[id:form]], and which forms each kind of entry takes."""

from __future__ import annotations

import re

from briefing.content.registry import Registry

TOKEN = re.compile(r"\[\[\s*([\w.-]+)\s*(?::\s*([\w-]+)\s*)?\]\]")
DATE_FORMS = ("full", "short")
PERSON_FORMS = ("full", "reading", "short", "name", "latin")
ORGANIZATION_FORMS = ("full", "short")


def token_problem(name: str, form: str | None, registry: Registry) -> str | None:
    """Why `[[name:form]]` cannot be resolved, or None when it can."""
    if name == "date":
        forms = DATE_FORMS
    elif name in registry.people:
        forms = PERSON_FORMS
    elif name in registry.organizations:
        forms = ORGANIZATION_FORMS
    else:
        return f"unknown reference [[{name}]]: not a person or organization id in content/_registry/, nor 'date'"
    if form is not None and form not in forms:
        return f"unknown form '{form}' in [[{name}:{form}]]; expected one of: {', '.join(forms)}"
    return None
