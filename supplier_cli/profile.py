"""The public profile: reading, changing and judging it. Pure: no I/O, no terminal.

A profile is a nested dict keyed like the registry (`{"company": {"name": ...}}`),
exactly the shape of `profile.toml` and of `profile show --json`.
"""

from __future__ import annotations

import copy
import datetime as dt

from supplier_cli import registry, validation
from supplier_cli.errors import InvalidAnswers, InvalidValue
from supplier_cli.registry import Field


def get(profile: dict, key: str) -> object:
    section, _, name = registry.lookup(key).key.partition(".")
    value = profile.get(section, {}).get(name)
    return None if validation.is_empty(value) else value


def put(profile: dict, key: str, value: object) -> None:
    """Set a value already checked; an empty value removes the key."""
    section, _, name = registry.lookup(key).key.partition(".")
    table = profile.setdefault(section, {})
    if validation.is_empty(value):
        table.pop(name, None)
        if not table:
            profile.pop(section)
    else:
        table[name] = value


def country(profile: dict) -> str | None:
    value = get(profile, "address.country")
    return str(value) if value else None


def is_shown(field: Field, profile: dict) -> bool:
    return field.show_if is None or field.show_if.holds(get(profile, field.show_if.key))


def check_value(profile: dict, key: str, value: object) -> object:
    """The stored form of `value` for `key`, judged in the context of `profile`
    (the company's country for phones, tax IDs and postal codes)."""
    field = registry.lookup(key)
    if validation.is_empty(value):
        if field.required and is_shown(field, profile):
            raise InvalidValue("required")
        return None
    return validation.check(field, value, country(profile))


def field_problems(profile: dict, fields: list[Field]) -> list[tuple[str, str]]:
    """(key, reason) for each of `fields` that is missing or invalid in `profile`."""
    problems = []
    for field in fields:
        if not is_shown(field, profile):
            continue
        value = get(profile, field.key)
        try:
            if value is None and field.required:
                raise InvalidValue("required")
            if value is not None and field.type != "certificates":
                validation.check(field, value, country(profile))
        except InvalidValue as error:
            problems.append((field.key, error.message))
    if any(f.section == "address" for f in fields):
        address = profile.get("address", {})
        problems += [
            (f"address.{part}", why)
            for part, why in validation.address_problems(address).items()
            if f"address.{part}" not in dict(problems)
        ]
    return problems


def problems(profile: dict, steps: list[int]) -> list[tuple[str, str]]:
    """Every invalid value in the profile, and every required field missing from
    the given onboarding steps or opened by an answer (a policy's text)."""
    fields = [
        f
        for f in registry.FIELDS
        if f.step in steps or get(profile, f.key) is not None or _opened(f, profile)
    ]
    return field_problems(profile, fields)


def _opened(field: Field, profile: dict) -> bool:
    return (
        field.show_if is not None
        and get(profile, field.show_if.key) is not None
        and is_shown(field, profile)
    )


def hidden_keys(profile: dict) -> list[str]:
    """The fields that hold a value though their condition hides them."""
    return [
        f.key
        for f in registry.FIELDS
        if get(profile, f.key) is not None and not is_shown(f, profile)
    ]


def condition_text(field: Field) -> str:
    """When a conditional field is asked, in words: "identifiers.tax_id is empty"."""
    value = field.show_if.value
    said = "empty" if value is None else {True: "yes", False: "no"}.get(value, value)
    return f"{field.show_if.key} is {said}"


def apply_answers(profile: dict, answers: dict) -> dict:
    """A copy of `profile` with `answers` (nested like the profile) checked and put.

    Every invalid answer is reported at once in InvalidAnswers; nothing is applied
    unless all are valid."""
    result = copy.deepcopy(profile)
    found: list[tuple[str, str]] = []
    pending: list[tuple[str, object]] = []
    for section, table in answers.items():
        if not isinstance(table, dict):
            found.append((section, "expected a table such as [company]"))
            continue
        for name, value in table.items():
            key = f"{section}.{name}"
            if registry.ALIASES.get(key, key) not in registry.BY_KEY:
                found.append((key, "not a profile field"))
            else:
                pending.append((key, value))
    country_answer = answers.get("address", {}) if isinstance(answers, dict) else {}
    if isinstance(country_answer, dict) and "country" in country_answer:
        pending.sort(key=lambda item: item[0] != "address.country")
    for key, value in pending:
        try:
            put(result, key, check_value(result, key, value))
        except InvalidValue as error:
            found.append((key, error.message))
    if found:
        raise InvalidAnswers("Some answers are not valid; nothing was saved.", found)
    return result


HIDDEN = "•"


def mask(value: object) -> str:
    """A private value with all but its last four characters hidden."""
    text = str(value)
    if len(text) <= 4:
        return HIDDEN * len(text)
    return HIDDEN * (len(text) - 4) + text[-4:]


def view(profile: dict, show_private: bool) -> dict:
    """The profile as shown: private fields masked (or left out, with `omit`)."""
    shown: dict = {}
    for field in registry.FIELDS:
        value = get(profile, field.key)
        if value is None:
            continue
        if field.private and not show_private:
            value = mask(value)
        shown.setdefault(field.section, {})[field.name] = value
    return shown


def public_data(profile: dict, show_private: bool) -> dict:
    """The profile for `--json`: private fields left out unless asked for."""
    data: dict = {}
    for field in registry.FIELDS:
        value = get(profile, field.key)
        if value is None or (field.private and not show_private):
            continue
        data.setdefault(field.section, {})[field.name] = value
    return data


def completeness(profile: dict) -> int:
    """The percentage of shown fields that hold a value."""
    fields = [f for f in registry.FIELDS if is_shown(f, profile)]
    filled = sum(1 for f in fields if get(profile, f.key) is not None)
    return round(100 * filled / len(fields)) if fields else 0


def completeness_colour(percent: int, updated: dt.date | None, today: dt.date) -> str:
    """The colour of the completeness bar, by the CSP rule of DOMAIN.md."""
    age_days = (today - updated).days if updated else 10**6
    if percent < 50:
        return "red"
    if percent < 80:
        return "red" if age_days > 2 * 365 else "blue"
    if age_days <= 365:
        return "green"
    return "blue" if age_days <= 2 * 365 else "red"
