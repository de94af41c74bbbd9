"""The onboarding wizard's screens: one prompt per registry field of a step.

Each answer goes through `profile.check_value`, the function the scripted path
uses, and is asked again with the reason while it is invalid. A step works on a
copy of the profile; the caller saves it only when the step is finished.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from supplier_cli import customers, onboarding, profile, prompts, registry, render
from supplier_cli import validation
from supplier_cli.errors import InvalidValue
from supplier_cli.registry import Field

# Not "(none)": the diversity region has an option "none", which is an answer.
NO_ANSWER = "(no answer)"


def ask_field(working: dict, field: Field) -> None:
    """Ask one field and put the checked answer into `working`."""
    current = profile.get(working, field.key)
    label = field.label + ("" if _required(working, field) else " (optional)")
    if field.type == "boolean":
        value = prompts.confirm(field.label + "?", default=bool(current))
    elif field.type == "choice":
        options = list(field.options) + ([] if field.required else [NO_ANSWER])
        default = current or (None if field.required else options[-1])
        answer = prompts.select(label, options, default=default)
        value = None if answer == NO_ANSWER else answer
    else:
        instruction = "comma-separated" if field.type == "list" else field.help
        value = prompts.text(
            label,
            default=prompts.as_default(current),
            check=lambda raw: _check(working, field, raw),
            instruction=instruction,
            private=field.private,
        )
    profile.put(working, field.key, value)


def _required(working: dict, field: Field) -> bool:
    if field.section == "address":
        country = profile.country(working)
        return field.required or field.name in validation.address_required_parts(country)
    return field.required


def _check(working: dict, field: Field, raw: str) -> object:
    if validation.is_empty(raw) and _required(working, field):
        raise InvalidValue("required")
    return profile.check_value(working, field.key, raw)


def ask_fields(working: dict, fields: list[Field]) -> None:
    for field in fields:
        if profile.is_shown(field, working):
            ask_field(working, field)
        else:
            profile.put(working, field.key, None)


def step_business(working: dict) -> None:
    fields = registry.step_fields(2)
    ask_fields(working, [f for f in fields if f.section in ("company", "address")])
    notice = validation.tax_id_notice(profile.country(working))
    if notice:
        render.notice(notice)
    ask_fields(working, [f for f in fields if f.section == "identifiers"])


def step_diversity(working: dict) -> None:
    fields = registry.step_fields(4)
    ask_field(working, registry.BY_KEY["diversity.region"])
    keys = {key for key, _ in registry.CLASSIFICATIONS}
    chosen = prompts.checkbox(
        "Classifications (space to choose, enter to go on)",
        list(registry.CLASSIFICATIONS),
        {key for key in keys if profile.get(working, key)},
    )
    for key in keys:
        profile.put(working, key, True if key in chosen else None)
    ask_fields(working, [f for f in fields if f.show_if is not None])


def step_certificates(working: dict) -> None:
    """Ask for certificates; a new one keeps its source path under `file` and has
    no `sha256` until the step is saved and the file copied into the store."""
    kept = list(profile.get(working, "diversity.certificates") or [])
    if kept:
        render.message("Certificates on file:\n" + render.display(kept))
        if not prompts.confirm("Keep them?", default=True):
            kept = []
    while prompts.confirm("Add a diversity certificate?", default=False):
        entry: dict = {}
        for field in registry.CERTIFICATE_FIELDS:
            if field.type == "choice":
                entry[field.key] = prompts.select(field.label, list(field.options))
            elif field.type == "file":
                entry["file"] = prompts.text(field.label, check=readable_file)
            else:
                entry[field.key] = prompts.text(
                    field.label, check=lambda raw, f=field: _check_part(entry, f, raw)
                )
        kept.append(entry)
    profile.put(working, "diversity.certificates", kept)


def _check_part(entry: dict, field: Field, raw: str) -> object:
    value = validation.check(field, raw) if raw.strip() else None
    if value is None:
        raise InvalidValue("required")
    if field.key == "expires" and value < entry["issued"]:
        raise InvalidValue("the expiry date is before the issue date")
    return value


def readable_file(raw: str) -> str:
    """The path of a file that exists and can be read, or InvalidValue: judged as
    it is typed, not when the step is saved and its answers would be lost."""
    path = Path(raw.strip()).expanduser()
    if not path.is_file():
        raise InvalidValue(f"{raw.strip()}: no such file")
    if not os.access(path, os.R_OK):
        raise InvalidValue(f"{raw.strip()}: cannot be read; check its permissions")
    return str(path)


def step_customers(today: dt.date) -> list[dict]:
    added = []
    while prompts.confirm("Add a customer you already sell to?", default=False):
        name = prompts.text("Customer name", check=customers.check_name)
        contact = prompts.text("Their contact's email", check=validation.check_email)
        added.append(customers.new_connection(name, contact, today))
    return added


def run_step(step: int, working: dict, today: dt.date) -> list[dict]:
    """Ask the questions of one step into `working`; returns customers it named."""
    render.step_header(step, onboarding.TOTAL_STEPS, registry.STEP_TITLES[step])
    if step == 2:
        step_business(working)
    elif step == 4:
        step_diversity(working)
    elif step == 5:
        step_certificates(working)
    elif step == 7:
        return step_customers(today)
    else:
        ask_fields(working, registry.step_fields(step))
    return []
