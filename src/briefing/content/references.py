"""The syntax of inline references, [[id]], [[id:form]] or [[id:form|title]], and the forms each kind takes."""

from __future__ import annotations

import re

from briefing.content.registry import Registry

# [[fujii]], [[fujii:short]], [[fujii:short|大臣]] (a title for this mention only), [[date:day]]
TOKEN = re.compile(r"\[\[\s*([\w.-]+)\s*(?::\s*([\w-]+)\s*)?(?:\|([^\]|]*))?\]\]")
DATE_FORMS = ("full", "short", "day", "weekday")
TIME_FORMS = ("full",)
DATED = {"date": DATE_FORMS, "japan-date": DATE_FORMS, "time": TIME_FORMS, "japan-time": TIME_FORMS,
         "duration": TIME_FORMS}
PERSON_FORMS = ("full", "reading", "short", "name", "latin", "surname", "honorific", "former")
ORGANIZATION_FORMS = ("full", "short")


def token_problem(name: str, form: str | None, registry: Registry) -> str | None:
    """Why `[[name:form]]` cannot be resolved, or None when it can."""
    if name in DATED:
        forms = DATED[name]
    elif name in registry.people:
        forms = PERSON_FORMS
    elif name in registry.organizations:
        forms = ORGANIZATION_FORMS
    else:
        return (f"unknown reference [[{name}]]: not a person or organization id in content/_registry/, "
                f"nor one of: {', '.join(DATED)}")
    if form is not None and form not in forms:
        return f"unknown form '{form}' in [[{name}:{form}]]; expected one of: {', '.join(forms)}"
    return None
