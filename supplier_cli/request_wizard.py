"""The screens that answer an information request: one prompt per shown field, one
section at a time.

Every answer goes through `request_answers.check_question`, the check the answers file
also gets, and is asked again with the reason while it is invalid. Answers are put
into `working` as soon as they are given, so a conditional field appears right
after the answer that opens it, and Ctrl-C leaves what was answered in `working`.
"""

from __future__ import annotations


from supplier_cli import prompts, render, request_answers, validation, wizard
from supplier_cli.errors import InvalidValue
from supplier_cli.requests import Form, Question, Section

NONE = "(no answer)"
FILL = "Give the address"
NA = "N/A: this does not apply to us"
SUBMIT = "Submit for approval"
DRAFT = "Save as a draft"
COPY = "Yes, copy to profile"
KEEP = "No, leave the public profile as it is"


def ask_form(form: Form, working: dict, defaults: dict, country: str | None) -> None:
    """Ask every section the form shows, in order, into `working`; then any field
    that an answer in a later section opened, until nothing shown is unasked."""
    total = len(form.sections)
    asked: set[str] = set()
    while True:
        _keep_visible(form, working)
        todo = [
            (number, section)
            for number, section in enumerate(form.sections, start=1)
            if _unasked(form, section, working, asked)
        ]
        if not todo:
            return
        for number, section in todo:
            if not _unasked(form, section, working, asked):
                continue
            render.section_header(number, total, section.title)
            if section.is_address:
                ask_address(section, working, defaults.get(section.id, {}))
                asked.add(section.id)
            else:
                ask_section(
                    form, section, working, defaults.get(section.id, {}), country,
                    asked,
                )


def _keep_visible(form: Form, working: dict) -> None:
    """Drop the answers of fields and sections no longer shown, in place."""
    shown = request_answers.visible(form, working)
    working.clear()
    working.update(shown)


def _unasked(form: Form, section: Section, working: dict, asked: set[str]) -> bool:
    if not request_answers.section_shown(form, working, section):
        return False
    if section.is_address:
        return section.id not in asked
    return any(
        q.key not in asked and request_answers.is_shown(form, working, q)
        for q in section.questions
    )


def ask_section(
    form: Form,
    section: Section,
    working: dict,
    defaults: dict,
    country: str | None,
    asked: set[str],
) -> None:
    for question in section.questions:
        table = working.setdefault(section.id, {})
        if not request_answers.is_shown(form, working, question):
            table.pop(question.id, None)
            continue
        if question.key in asked:
            continue
        value = ask_question(
            form, question, working, defaults.get(question.id), country
        )
        asked.add(question.key)
        if validation.is_empty(value):
            table.pop(question.id, None)
        else:
            table[question.id] = value
    if not working.get(section.id):
        working.pop(section.id, None)


def _label(question: Question) -> str:
    return question.label + ("" if question.required else " (optional)")


def ask_question(
    form: Form, question: Question, working: dict, default: object, country: str | None
) -> object:
    if question.type == "boolean":
        label = question.label if question.label.endswith("?") else question.label + "?"
        return prompts.confirm(label, default=bool(default))
    if question.type == "choice":
        options = list(question.options) + ([] if question.required else [NONE])
        chosen = prompts.select(
            _label(question), options, default=default if default in options else None
        )
        return None if chosen == NONE else chosen
    if question.type == "multi_choice":
        return _ask_several(question, default)
    if question.type == "file":
        return prompts.text(
            _label(question),
            default=prompts.as_default(default),
            check=lambda raw: _readable_file(question, raw),
        )
    return prompts.text(
        _label(question),
        default=prompts.as_default(default),
        check=lambda raw: request_answers.check_question(
            form, working, question, raw, country
        ),
        private=question.private,
    )


def _ask_several(question: Question, default: object) -> list[str]:
    while True:
        chosen = prompts.checkbox(
            _label(question) + " (space to choose, enter to go on)",
            [(option, option) for option in question.options],
            set(default or []),
        )
        if chosen or not question.required:
            return chosen
        render.error("Choose at least one.")


def _readable_file(question: Question, raw: str) -> str | None:
    if not raw.strip():
        if question.required:
            raise InvalidValue("required")
        return None
    return wizard.readable_file(raw)


def ask_address(section: Section, working: dict, default: dict) -> None:
    """An address: N/A or filled when required; once a country is given, the parts
    that country requires; asked again until the whole address is valid."""
    if section.required or default.get("na"):
        choice = prompts.select(
            section.title, [FILL, NA], default=NA if default.get("na") else FILL
        )
        if choice == NA:
            working[section.id] = {"na": True}
            return
        default = {} if default.get("na") else default
    while True:
        parts = _ask_parts(section, working, default)
        problems = request_answers.address_section_problems(section, parts)
        if not problems:
            return
        render.error("This address is not complete.", problems=problems)
        default = parts


def _ask_parts(section: Section, working: dict, default: dict) -> dict:
    questions = {q.id: q for q in section.questions}
    label = "Country" + ("" if section.required else " (optional; empty skips it)")
    country = prompts.text(
        label,
        default=prompts.as_default(default.get("country")),
        instruction="ISO 3166 alpha-2 code, such as FR",
        check=lambda raw: _country(section, raw),
    )
    if country is None:
        working.pop(section.id, None)
        return {}
    parts = {"country": country}
    working[section.id] = parts
    needed = validation.address_required_parts(country)
    for name, question in questions.items():
        if name == "country":
            continue
        value = prompts.text(
            question.label + ("" if name in needed else " (optional)"),
            default=prompts.as_default(default.get(name)),
            check=lambda raw, q=question: _part(q, raw, country, q.id in needed),
            private=question.private,
        )
        if value:
            parts[name] = value
    return parts


def _country(section: Section, raw: str) -> str | None:
    if validation.is_empty(raw):
        if section.required:
            raise InvalidValue("required")
        return None
    return validation.check_country(raw)


def _part(question: Question, raw: str, country: str, needed: bool) -> str | None:
    if validation.is_empty(raw):
        if needed:
            raise InvalidValue(f"required for an address in {country}")
        return None
    if question.type == "postal_code":
        return validation.check_postal_code(raw, country)
    value = validation.check_text(raw).strip()
    if question.id == "region":
        problems = validation.address_problems({"country": country, "region": value})
        if "region" in problems:
            raise InvalidValue(problems["region"])
    return value


def choose_action(can_submit: bool) -> str:
    """Submit or keep as a draft; returns SUBMIT or DRAFT."""
    options = [SUBMIT, DRAFT] if can_submit else [DRAFT]
    return prompts.select("What now?", options, default=options[0])


def confirm_copy() -> bool:
    return (
        prompts.select(
            "Copy these answers to the public profile?", [COPY, KEEP], default=COPY
        )
        == COPY
    )
