"""Onboarding progress and the scripted (`--answers`) path. Pure: no I/O.

The wizard's state is a list of completed steps kept with the profile, so a step is
either wholly saved or not at all, and the next run resumes at the first gap.
"""

from __future__ import annotations

import copy

from supplier_cli import customers, profile, registry, validation
from supplier_cli.errors import InvalidAnswers, InvalidValue

TOTAL_STEPS = len(registry.STEP_TITLES)


def completed(meta: dict) -> list[int]:
    return sorted(set(meta.get("onboarding", {}).get("completed", [])))


def next_step(meta: dict) -> int | None:
    done = completed(meta)
    return next((s for s in registry.STEP_TITLES if s not in done), None)


def mark_done(meta: dict, steps: list[int]) -> dict:
    done = sorted(set(completed(meta)) | set(steps))
    return dict(meta, onboarding={"completed": done})


def merge_steps(current: dict, changed: dict, steps: list[int]) -> dict:
    """`current` with the fields of `steps` taken from `changed`: a step saves only
    its own fields, so a change made meanwhile by another command is kept."""
    result = copy.deepcopy(current)
    for field in registry.FIELDS:
        if field.step in steps:
            profile.put(result, field.key, profile.get(changed, field.key))
    return result


def check_certificate(entry: object) -> dict:
    """A certificate table with each part checked (the file is checked when copied)."""
    if not isinstance(entry, dict):
        raise InvalidValue("expected a table with classification, agency, number, "
                           "issued, expires and file")
    unknown = set(entry) - {f.key for f in registry.CERTIFICATE_FIELDS} - {"sha256"}
    if unknown:
        raise InvalidValue(f"unknown key '{sorted(unknown)[0]}'")
    result = {}
    for field in registry.CERTIFICATE_FIELDS:
        value = entry.get(field.key)
        if validation.is_empty(value):
            raise InvalidValue(f"{field.key}: required")
        try:
            result[field.key] = validation.check(field, value)
        except InvalidValue as error:
            raise InvalidValue(f"{field.key}: {error.message}") from None
    if result["expires"] < result["issued"]:
        raise InvalidValue("expires: before the issue date")
    return result


def read_answers(
    current: dict, answers: dict, today
) -> tuple[dict, list[dict], list[dict]]:
    """(profile, certificates, customers) from an answers file, every problem at once.

    Certificates and customers are returned checked but not yet stored."""
    answers = copy.deepcopy(answers)
    answers.pop("format", None)
    found: list[tuple[str, str]] = []
    certificates = _take_list(answers, "diversity", "certificates", found)
    connections = answers.pop("customers", [])
    checked_certs, checked_customers = [], []
    for index, entry in enumerate(certificates, start=1):
        try:
            checked_certs.append(check_certificate(entry))
        except InvalidValue as error:
            found.append((f"diversity.certificates[{index}]", error.message))
    if not isinstance(connections, list):
        found.append(("customers", "expected [[customers]] tables"))
        connections = []
    for index, entry in enumerate(connections, start=1):
        try:
            if not isinstance(entry, dict) or set(entry) - {"name", "contact"}:
                raise InvalidValue("expected a table with name and contact")
            checked_customers.append(
                customers.new_connection(entry.get("name"), entry.get("contact", ""),
                                         today)
            )
        except InvalidValue as error:
            found.append((f"customers[{index}]", error.message))
    try:
        result = profile.apply_answers(current, answers)
    except InvalidAnswers as error:
        found += error.problems
        result = current
    if not found:
        found = profile.problems(result, list(registry.STEP_TITLES))
    if found:
        raise InvalidAnswers("Some answers are not valid; nothing was saved.", found)
    return result, checked_certs, checked_customers


def _take_list(answers: dict, section: str, name: str, found: list) -> list:
    table = answers.get(section)
    if not isinstance(table, dict) or name not in table:
        return []
    value = table.pop(name)
    if not isinstance(value, list):
        found.append((f"{section}.{name}", "expected [[diversity.certificates]] tables"))
        return []
    return value
