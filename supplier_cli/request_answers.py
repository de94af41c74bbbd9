"""Answers to an information request: checking them, which fields they show,
prefill, the review diff and "copy to public profile". Pure: no I/O, no terminal.

Answers are a dict keyed by section id, then field id; an address section's answers
are its parts (`street1` ... `country`) or `{"na": True}`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from supplier_cli import profile, registry, validation
from supplier_cli import requests as forms
from supplier_cli.errors import InvalidAnswers, InvalidValue
from supplier_cli.requests import Form, Question, Section


def answer_of(answers: dict, ref: str) -> object:
    section_id, _, field_id = ref.partition(".")
    table = answers.get(section_id)
    if not isinstance(table, dict) or table.get("na") is True:
        return None
    value = table.get(field_id)
    return None if validation.is_empty(value) else value


def _shown_once(form: Form, answers: dict) -> dict:
    result: dict = {}
    for section in form.sections:
        if section.show_if and not section.show_if.holds(
            answer_of(answers, section.show_if.ref)
        ):
            continue
        table = answers.get(section.id)
        if not isinstance(table, dict):
            continue
        if section.is_address and table.get("na") is True:
            result[section.id] = {"na": True}
            continue
        kept = {
            q.id: table[q.id]
            for q in section.questions
            if q.id in table
            and not validation.is_empty(table[q.id])
            and (
                q.show_if is None or q.show_if.holds(answer_of(answers, q.show_if.ref))
            )
        }
        if kept:
            result[section.id] = kept
    return result


def visible(form: Form, answers: dict) -> dict:
    """`answers` without the answers of hidden sections and fields, nor empty ones."""
    current = answers
    for _ in range(len(form.questions()) + 2):
        pruned = _shown_once(form, current)
        if pruned == current:
            return pruned
        current = pruned
    return current


def is_shown(form: Form, answers: dict, question: Question) -> bool:
    section = form.section(question.section)
    conditions = [c for c in (section.show_if, question.show_if) if c]
    return all(c.holds(answer_of(answers, c.ref)) for c in conditions)


def section_shown(form: Form, answers: dict, section: Section) -> bool:
    return section.show_if is None or section.show_if.holds(
        answer_of(answers, section.show_if.ref)
    )


def context_country(form: Form, answers: dict, fallback: str | None) -> str | None:
    """The country phones and tax IDs are judged for: the company address of the
    request, else any address of it, else the public profile's country."""
    addresses = [s for s in form.sections if s.is_address]
    addresses.sort(key=lambda s: s.maps_to != "address")
    for section in addresses:
        country = answer_of(answers, f"{section.id}.country")
        if country:
            return str(country)
    return fallback


def check_question(
    form: Form,
    answers: dict,
    question: Question,
    value: object,
    fallback_country: str | None = None,
) -> object:
    """One answer as stored (None when empty), judged as `check_answers` judges it:
    the prompts and the answers file share this."""
    if validation.is_empty(value):
        if question.required and is_shown(form, answers, question):
            raise InvalidValue("required")
        return None
    country = context_country(form, answers, fallback_country)
    if form.section(question.section).is_address:
        country = answer_of(answers, f"{question.section}.country")
    return forms.check_value(question, value, country)


def check_answers(
    form: Form,
    answers: object,
    fallback_country: str | None = None,
    complete: bool = True,
) -> dict:
    """The answers to store, every problem reported at once in InvalidAnswers.

    `complete=False` (a draft) lets required answers be missing; a value that is
    given must still be valid."""
    found: list[tuple[str, str]] = []
    if not isinstance(answers, dict):
        raise InvalidAnswers(
            "The answers must be a table such as [answers.company].",
            [("answers", "expected a table")],
        )
    checked: dict = {}
    addresses = [s for s in form.sections if s.is_address]
    others = [s for s in form.sections if not s.is_address]
    for name, table in answers.items():
        if form.section(name) is None:
            found.append((name, "not a section of this request"))
        elif not isinstance(table, dict):
            found.append((name, "expected a table of answers"))
    for section in addresses:
        table = answers.get(section.id)
        if isinstance(table, dict):
            _check_address_parts(section, table, checked, found)
    country = context_country(form, checked, fallback_country)
    for section in others:
        table = answers.get(section.id)
        if not isinstance(table, dict):
            continue
        for name, value in table.items():
            question = form.question(f"{section.id}.{name}")
            if question is None:
                found.append((f"{section.id}.{name}", "not a field of this section"))
            elif not validation.is_empty(value):
                try:
                    checked.setdefault(section.id, {})[name] = forms.check_value(
                        question, value, country
                    )
                except InvalidValue as error:
                    found.append((question.key, error.message))
    result = visible(form, checked)
    reported = {key for key, _ in found}
    found += [
        problem
        for problem in required_problems(form, result, complete)
        if problem[0] not in reported
    ]
    if found:
        raise InvalidAnswers("Some answers are not valid; nothing was saved.", found)
    return result


def _check_address_parts(
    section: Section, table: dict, checked: dict, found: list
) -> None:
    if "na" in table:
        if table["na"] is not True and table["na"] is not False:
            found.append((f"{section.id}.na", "expected true or false"))
        elif table["na"] is True:
            if any(k != "na" and not validation.is_empty(v) for k, v in table.items()):
                found.append(
                    (
                        section.id,
                        "answered N/A, so it cannot also hold an "
                        "address; remove na = true or the address",
                    )
                )
            else:
                checked[section.id] = {"na": True}
            return
    parts = {}
    for name, value in table.items():
        if name == "na":
            continue
        if name not in registry.ADDRESS_PARTS:
            found.append(
                (
                    f"{section.id}.{name}",
                    "not an address field; they are "
                    + ", ".join(registry.ADDRESS_PARTS),
                )
            )
            continue
        if validation.is_empty(value):
            continue
        question = next(q for q in section.questions if q.id == name)
        try:
            parts[name] = (
                validation.check_text(value).strip()
                if question.type == "postal_code"
                else forms.check_value(question, value, None)
            )
        except InvalidValue as error:
            found.append((question.key, error.message))
    if parts:
        checked[section.id] = parts


def required_problems(form: Form, answers: dict, complete: bool = True) -> list:
    """Missing required answers (when `complete`) and address problems."""
    found = []
    for section in form.sections:
        if not section_shown(form, answers, section):
            continue
        table = answers.get(section.id, {})
        if section.is_address:
            found += address_section_problems(section, table, complete)
            continue
        if not complete:
            continue
        for question in section.questions:
            if (
                question.required
                and is_shown(form, answers, question)
                and answer_of(answers, question.key) is None
            ):
                found.append((question.key, "required"))
    return found


def address_section_problems(
    section: Section, table: dict, complete: bool = True
) -> list[tuple[str, str]]:
    """An address section's problems: a required one must be filled or N/A; once a
    country is given, the parts that country requires must be filled."""
    if table.get("na") is True:
        return []
    if complete and section.required and not table:
        return [(section.id, "required: give the address, or answer N/A")]
    problems = validation.address_problems(table)
    return [
        (f"{section.id}.{part}", why)
        for part, why in problems.items()
        if complete or not validation.is_empty(table.get(part))
    ]


# Prefill, the review and "copy to public profile".


def _profile_value(data: dict, key: str) -> object:
    section, _, name = registry.ALIASES.get(key, key).partition(".")
    table = data.get(section)
    value = table.get(name) if isinstance(table, dict) else None
    return None if validation.is_empty(value) else value


def on_file(
    form: Form,
    customer_profile: dict,
    public_profile: dict,
    approved: dict | None = None,
) -> dict:
    """What the customer has on file, as answers: the last approved answers of
    this request (a request is answered again only once the customer applied
    them), else for a mapped field the customer profile, else the public profile.
    A value the form would refuse is left out."""
    result: dict = {}
    fallback = profile.country(public_profile)
    for section in form.sections:
        if section.is_address:
            address = _address_on_file(
                section, customer_profile, public_profile, approved
            )
            if address:
                result[section.id] = address
            continue
        for question in section.questions:
            value = answer_of(approved or {}, question.key)
            if value is None and question.maps_to:
                value = _profile_value(customer_profile, question.maps_to)
                if value is None:
                    value = _profile_value(public_profile, question.maps_to)
            if value is None:
                continue
            try:
                checked = forms.check_value(question, value, fallback)
            except InvalidValue:
                continue
            result.setdefault(section.id, {})[question.id] = checked
    return visible(form, result)


def _address_on_file(
    section: Section,
    customer_profile: dict,
    public_profile: dict,
    approved: dict | None,
) -> dict:
    table = (approved or {}).get(section.id)
    if isinstance(table, dict) and table:
        return dict(table)
    if not section.maps_to:
        return {}
    for source in (customer_profile, public_profile):
        table = source.get(section.maps_to)
        if isinstance(table, dict) and table.get("na") is True:
            return {"na": True}
        if isinstance(table, dict):
            parts = {
                part: table[part]
                for part in registry.ADDRESS_PARTS
                if isinstance(table.get(part), str) and table[part].strip()
            }
            if parts:
                return parts
    return {}


def prefill(form: Form, answers: dict, filed: dict) -> dict:
    """`answers` completed with what is on file for the fields not yet answered
    (an address section already answered is kept whole)."""
    result = copy.deepcopy(answers)
    for section_id, table in filed.items():
        current = result.get(section_id)
        section = form.section(section_id)
        if section.is_address:
            if not current:
                result[section_id] = dict(table)
            continue
        target = result.setdefault(section_id, {})
        for name, value in table.items():
            target.setdefault(name, value)
    return visible(form, result)


@dataclass(frozen=True)
class Change:
    """One row of the review or of the copy preview."""

    key: str
    label: str
    old: object
    new: object
    private: bool = False

    @property
    def mark(self) -> str:
        """'+' added, '-' removed, '~' changed, ' ' the same."""
        if self.old == self.new:
            return " "
        if self.old is None:
            return "+"
        return "-" if self.new is None else "~"

    @property
    def changed(self) -> bool:
        return self.old != self.new


NA = "N/A"


def review(form: Form, answers: dict, filed: dict) -> list[Change]:
    """Every shown answer next to what the customer has on file, in form order."""
    rows = []
    for section in form.sections:
        new_table = answers.get(section.id, {})
        old_table = filed.get(section.id, {})
        if section.is_address and (new_table.get("na") or old_table.get("na")):
            old = NA if old_table.get("na") else _one_line(old_table)
            new = NA if new_table.get("na") else _one_line(new_table)
            private = any(q.private for q in section.questions)
            rows.append(Change(section.id, section.title, old, new, private))
            continue
        for question in section.questions:
            old, new = old_table.get(question.id), new_table.get(question.id)
            if old is None and new is None:
                continue
            label = (
                f"{section.title}: {question.label}"
                if section.is_address
                else question.label
            )
            rows.append(Change(question.key, label, old, new, question.private))
    return rows


def _one_line(address: dict) -> str | None:
    parts = [str(address[p]) for p in registry.ADDRESS_PARTS if address.get(p)]
    return ", ".join(parts) or None


def copy_plan(form: Form, answers: dict, public_profile: dict) -> list[Change]:
    """The public profile fields that "copy to public profile" would set, with
    their current value: only the copyable fields the request answered. An
    answered address replaces the whole company address."""
    rows = []
    found = []
    country = profile.country(public_profile)
    for section in form.sections:
        table = answers.get(section.id)
        if not table or table.get("na"):
            continue
        if section.is_address:
            if section.maps_to != "address":
                continue
            country = table.get("country", country)
            for part in registry.ADDRESS_PARTS:
                key = f"address.{part}"
                rows.append(_copy_row(public_profile, key, table.get(part)))
            continue
        for question in section.questions:
            key = registry.ALIASES.get(question.maps_to, question.maps_to)
            if key not in registry.COPYABLE or question.id not in table:
                continue
            rows.append(_copy_row(public_profile, key, table[question.id]))
    for row in rows:
        if row.new is None:
            continue
        try:
            validation.check(registry.BY_KEY[row.key], row.new, country)
        except InvalidValue as error:
            found.append((row.key, error.message))
    if found:
        raise InvalidAnswers(
            "Some answers do not fit the public profile; nothing was copied.", found
        )
    return [row for row in rows if row.old is not None or row.new is not None]


def _copy_row(public_profile: dict, key: str, new: object) -> Change:
    field = registry.BY_KEY[key]
    new = None if validation.is_empty(new) else new
    return Change(
        key, field.label, profile.get(public_profile, key), new, field.private
    )


def apply_copy(public_profile: dict, plan: list[Change]) -> dict:
    """A copy of the public profile with the changed rows of `plan` put in."""
    result = copy.deepcopy(public_profile)
    for row in plan:
        if row.changed:
            profile.put(result, row.key, row.new)
    return result


def merge_answers(form: Form, base: dict, given: dict) -> dict:
    """`base` with the answers of `given` put in: an address section given is taken
    whole; a field given empty is cleared."""
    result = copy.deepcopy(base)
    for section_id, table in given.items():
        section = form.section(section_id)
        if section is None or not isinstance(table, dict):
            result[section_id] = table
            continue
        if section.is_address:
            result[section_id] = dict(table)
            continue
        target = result.setdefault(section_id, {})
        for name, value in table.items():
            if validation.is_empty(value):
                target.pop(name, None)
            else:
                target[name] = value
    return result


def in_form_order(form: Form, answers: dict) -> dict:
    """The answers in the order the form asks them: the same file each time."""
    result = {}
    for section in form.sections:
        table = answers.get(section.id)
        if not table:
            continue
        if table.get("na") is True:
            result[section.id] = {"na": True}
            continue
        result[section.id] = {
            q.id: table[q.id] for q in section.questions if q.id in table
        }
    return result


def shown_value(question: Question, value: object, show_private: bool) -> object:
    """An answer as output shows it: a private value masked unless asked for."""
    if value is None or show_private or not question.private:
        return value
    return profile.mask(value)
