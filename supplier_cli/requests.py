"""Information requests: the request file format, answers, prefill, the review diff
and "copy to public profile". Pure: no I/O, no terminal.

A request file (spec/information-request.md) is parsed into a `Form`. Answers are a
dict keyed by section id, then field id; an address section's answers are its parts
(`street1` ... `country`) or `{"na": True}`. The lifecycle is in `request_states.py`.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from supplier_cli import profile, registry, validation
from supplier_cli.errors import BadDataFile, InvalidAnswers, InvalidValue
from supplier_cli.registry import Field

FORMAT = 1
FIELD_TYPES = (
    "text", "long_text", "email", "phone", "url", "number", "date", "boolean",
    "choice", "multi_choice", "country", "tax_id", "duns", "iban", "bic", "file",
)
ADDRESS_TARGETS = ("address", "remit_to", "invoice_from", "ship_from")
BANK_KEYS = tuple(
    f"bank.{name}"
    for name in (
        "account_holder", "iban", "bic", "account_number", "routing_number",
        "bank_name", "country", "currency",
    )
)
PRIVATE_TYPES = ("tax_id", "duns", "iban")
PRIVATE_BANK_KEYS = ("bank.iban", "bank.account_number", "bank.routing_number")
ADDRESS_TYPES = {"postal_code": "postal_code", "country": "country"}

_TOP_KEYS = ("format", "id", "customer", "title", "sent", "due", "sections")
_SECTION_KEYS = {
    "fields": ("id", "title", "show_if", "fields"),
    "address": ("id", "title", "type", "required", "maps_to", "show_if"),
}
_FIELD_KEYS = ("id", "label", "type", "required", "maps_to", "options", "show_if")
_ID = re.compile(r"[A-Za-z0-9_-]+")


@dataclass(frozen=True)
class Condition:
    """`show_if`: shown while the answer at `ref` ("section.field") equals a value,
    or is one of `values` (`in = [...]`)."""

    ref: str
    values: tuple
    uses_in: bool = False

    def holds(self, answer: object) -> bool:
        if validation.is_empty(answer):
            return False
        if isinstance(answer, list):
            return any(value in answer for value in self.values)
        return answer in self.values


@dataclass(frozen=True)
class Question:
    """One field of a request (an address part is one too)."""

    section: str
    id: str
    label: str
    type: str
    required: bool = False
    maps_to: str = ""
    options: tuple[str, ...] = ()
    show_if: Condition | None = None

    @property
    def key(self) -> str:
        return f"{self.section}.{self.id}"

    @property
    def private(self) -> bool:
        if self.type in PRIVATE_TYPES or self.maps_to in PRIVATE_BANK_KEYS:
            return True
        target = registry.BY_KEY.get(registry.ALIASES.get(self.maps_to, self.maps_to))
        return bool(target and target.private)

    def as_field(self) -> Field:
        return Field(self.key, self.label, self.type, 0, required=self.required,
                     options=self.options)


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    kind: str  # "fields" or "address"
    questions: tuple[Question, ...]
    required: bool = False
    maps_to: str = ""
    show_if: Condition | None = None

    @property
    def is_address(self) -> bool:
        return self.kind == "address"


@dataclass(frozen=True)
class Form:
    id: str
    customer: str
    title: str
    sent: dt.date
    due: dt.date | None
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def question(self, ref: str) -> Question | None:
        section_id, _, field_id = ref.partition(".")
        section = self.section(section_id)
        if section is None:
            return None
        return next((q for q in section.questions if q.id == field_id), None)

    def questions(self) -> list[Question]:
        return [q for s in self.sections for q in s.questions]


def field_targets() -> set[str]:
    """The `maps_to` keys a field may name (an address is mapped by its section)."""
    keys = {
        f.key
        for f in registry.FIELDS
        if f.type != "certificates" and f.section != "address"
    }
    return keys | set(registry.ALIASES) | set(BANK_KEYS)


# The request file.


class _Problems:
    """Problems found in a request file, each naming its section and field."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.found: list[str] = []

    def add(self, where: str, problem: str) -> None:
        self.found.append(f"{where}: {problem}" if where else problem)

    def raise_any(self) -> None:
        if not self.found:
            return
        hint = "Nothing was imported. Fix the file, or ask the customer for a new one."
        if len(self.found) == 1:
            raise BadDataFile(f"{self.source}: {self.found[0]}.", hint=hint)
        lines = "\n".join(f"  - {line}" for line in self.found)
        raise BadDataFile(
            f"{self.source}: {len(self.found)} problems in this information "
            f"request:\n{lines}",
            hint=hint,
        )


def _where(section: str = "", field: str = "") -> str:
    parts = [f"section '{section}'" if section else "", f"field '{field}'" if field else ""]
    return ", ".join(p for p in parts if p)


def _text_key(data: dict, key: str, where: str, found: _Problems,
              required: bool = True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        found.add(where, f"'{key}' must be non-empty text")
        return ""
    return unicodedata.normalize("NFC", value)


def _bool_key(data: dict, key: str, where: str, found: _Problems) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        found.add(where, f"'{key}' must be true or false")
        return False
    return value


def _date_key(data: dict, key: str, found: _Problems, required: bool) -> dt.date | None:
    value = data.get(key)
    if value is None:
        if required:
            found.add("", f"'{key}' is missing; give a TOML date such as 2026-11-20")
        return None
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        found.add("", f"'{key}' must be a TOML date such as 2026-11-20")
        return None
    return value


def _unknown_keys(data: dict, known: tuple, where: str, found: _Problems) -> None:
    for key in data:
        if key not in known:
            found.add(where, f"unknown key '{key}'; known keys are {', '.join(known)}")


def _id(data: dict, what: str, seen: set, where: str, found: _Problems) -> str:
    """The id of a section or field; `where` locates it when the id is unusable."""
    value = data.get("id")
    if not isinstance(value, str) or not _ID.fullmatch(value):
        found.add(where, "'id' must be letters, digits, '_' or '-', such as remit_to")
        return ""
    if value in seen:
        found.add(where, f"{what} id '{value}' is used twice")
    seen.add(value)
    return value


def parse(data: dict, source: str) -> Form:
    """The form of a request file; BadDataFile naming the file, section, field and
    problem for anything the spec does not allow (every problem at once)."""
    found = _Problems(source)
    if not isinstance(data, dict):
        found.add("", "expected a TOML table")
        found.raise_any()
    version = data.get("format")
    if version != FORMAT or isinstance(version, bool):
        found.add("", f"'format' must be {FORMAT}, not {version!r}"
                  if version is not None else f"'format' is missing; add 'format = {FORMAT}'")
        found.raise_any()
    _unknown_keys(data, _TOP_KEYS, "", found)
    request_id = _text_key(data, "id", "", found)
    customer = _text_key(data, "customer", "", found)
    title = _text_key(data, "title", "", found)
    sent = _date_key(data, "sent", found, required=True)
    due = _date_key(data, "due", found, required=False)
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections or not all(
        isinstance(s, dict) for s in raw_sections
    ):
        found.add("", "expected at least one [[sections]] table")
        found.raise_any()

    seen: set[str] = set()
    sections = [
        _section(raw, index, seen, found)
        for index, raw in enumerate(raw_sections, start=1)
    ]
    form = Form(request_id, customer, title, sent or dt.date.min, due, tuple(sections))
    _check_targets(form, found)
    form = _resolve_conditions(form, raw_sections, found)
    found.raise_any()
    return form


def _section(raw: dict, index: int, seen: set, found: _Problems) -> Section:
    section_id = _id(raw, "section", seen, f"section {index}", found)
    where = _where(section_id) if section_id else f"section {index}"
    kind = raw.get("type", "fields")
    if kind not in ("fields", "address"):
        found.add(where, f"unknown section type '{kind}'; the only one is 'address'")
        kind = "fields"
    _unknown_keys(raw, _SECTION_KEYS[kind], where, found)
    title = _text_key(raw, "title", where, found)
    if kind == "address":
        maps_to = raw.get("maps_to", "")
        if maps_to and maps_to not in ADDRESS_TARGETS:
            found.add(where, f"unknown maps_to '{maps_to}' for an address section; "
                      f"known are {', '.join(ADDRESS_TARGETS)}")
            maps_to = ""
        return Section(section_id, title, kind, _address_questions(section_id),
                       _bool_key(raw, "required", where, found), maps_to)
    raw_fields = raw.get("fields")
    if not isinstance(raw_fields, list) or not raw_fields or not all(
        isinstance(f, dict) for f in raw_fields
    ):
        found.add(where, "expected at least one [[sections.fields]] table")
        raw_fields = []
    ids: set[str] = set()
    questions = tuple(
        _question(section_id, raw_field, number, ids, found)
        for number, raw_field in enumerate(raw_fields, start=1)
    )
    return Section(section_id, title, kind, questions)


def _address_questions(section_id: str) -> tuple[Question, ...]:
    return tuple(
        Question(section_id, part, registry.ADDRESS_LABELS[part],
                 ADDRESS_TYPES.get(part, "text"))
        for part in registry.ADDRESS_PARTS
    )


def _question(section_id: str, raw: dict, number: int, ids: set,
              found: _Problems) -> Question:
    located = f"{_where(section_id)}, field {number}"
    field_id = _id(raw, "field", ids, located, found)
    where = _where(section_id, field_id) if field_id else located
    _unknown_keys(raw, _FIELD_KEYS, where, found)
    label = _text_key(raw, "label", where, found)
    type_ = raw.get("type")
    if type_ not in FIELD_TYPES:
        found.add(where, f"unknown type {type_!r}; known types are {', '.join(FIELD_TYPES)}"
                  if type_ is not None else "'type' is missing")
        type_ = "text"
    options = raw.get("options")
    if type_ in ("choice", "multi_choice"):
        if (
            not isinstance(options, list)
            or not options
            or not all(isinstance(o, str) and o.strip() for o in options)
            or len(set(options)) != len(options)
        ):
            found.add(where, f"a {type_} field needs 'options', a list of distinct texts")
            options = []
    elif options is not None:
        found.add(where, f"'options' is only for choice and multi_choice, not {type_}")
        options = []
    maps_to = raw.get("maps_to", "")
    if maps_to and maps_to not in field_targets():
        found.add(where, _target_problem(maps_to))
        maps_to = ""
    return Question(section_id, field_id, label, type_,
                    _bool_key(raw, "required", where, found), maps_to,
                    tuple(options or ()))


def _target_problem(maps_to: object) -> str:
    if maps_to in ADDRESS_TARGETS or str(maps_to).startswith("address."):
        return (f"maps_to '{maps_to}' names an address; use a section with "
                f"type = \"address\" and maps_to = \"{str(maps_to).split('.')[0]}\"")
    return (f"unknown maps_to {maps_to!r}; it must name a profile field such as "
            "company.name, contact.email or bank.iban")


def _check_targets(form: Form, found: _Problems) -> None:
    """The same profile field mapped twice would get two answers."""
    used: dict[str, str] = {}
    for section in form.sections:
        pairs = [(section.maps_to, "")] if section.is_address else [
            (q.maps_to, q.id) for q in section.questions
        ]
        for target, field_id in pairs:
            target = registry.ALIASES.get(target, target)
            if not target:
                continue
            if target in used:
                found.add(_where(section.id, field_id),
                          f"maps_to '{target}' is already used by {used[target]}")
            used[target] = _where(section.id, field_id)


# Conditions (`show_if`).


def _resolve_conditions(form: Form, raw_sections: list, found: _Problems) -> Form:
    sections = []
    for section, raw in zip(form.sections, raw_sections):
        where = _where(section.id)
        condition = _condition(form, raw.get("show_if"), section.id, "", where, found)
        questions = list(section.questions)
        if not section.is_address:
            raw_fields = raw.get("fields") if isinstance(raw.get("fields"), list) else []
            for i, (question, raw_field) in enumerate(zip(questions, raw_fields)):
                if not isinstance(raw_field, dict) or "show_if" not in raw_field:
                    continue
                questions[i] = _with_condition(
                    question,
                    _condition(form, raw_field["show_if"], section.id, question.id,
                               _where(section.id, question.id), found),
                )
        sections.append(Section(section.id, section.title, section.kind,
                                tuple(questions), section.required, section.maps_to,
                                condition))
    result = Form(form.id, form.customer, form.title, form.sent, form.due,
                  tuple(sections))
    _check_loops(result, found)
    return result


def _with_condition(question: Question, condition: Condition | None) -> Question:
    return Question(question.section, question.id, question.label, question.type,
                    question.required, question.maps_to, question.options, condition)


def _condition(form: Form, raw: object, section_id: str, field_id: str, where: str,
               found: _Problems) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        found.add(where, "show_if must be a table such as { field = \"id\", equals = true }")
        return None
    _unknown_keys(raw, ("field", "equals", "in"), where + " show_if", found)
    ref = raw.get("field")
    if not isinstance(ref, str) or not ref:
        found.add(where, "show_if needs 'field', the id of the field it depends on")
        return None
    if "." not in ref:
        if not field_id:
            found.add(where, f"show_if field '{ref}' must be written section_id.field_id")
            return None
        ref = f"{section_id}.{ref}"
    target = form.question(ref)
    if target is None:
        found.add(where, f"show_if points to '{ref}', which is not a field of this request")
        return None
    if ref == f"{section_id}.{field_id}" or (not field_id and target.section == section_id):
        found.add(where, f"show_if cannot depend on its own {'field' if field_id else 'section'}")
        return None
    if ("equals" in raw) == ("in" in raw):
        found.add(where, "show_if needs exactly one of 'equals' or 'in'")
        return None
    uses_in = "in" in raw
    raw_values = raw["in"] if uses_in else [raw["equals"]]
    if not isinstance(raw_values, list) or not raw_values:
        found.add(where, "show_if 'in' must be a list of values")
        return None
    values = []
    for value in raw_values:
        try:
            values.append(_check_value(target, value, None))
        except InvalidValue as error:
            found.add(where, f"show_if value {value!r} cannot be an answer to "
                      f"'{ref}': {error.message}")
            return None
    return Condition(ref, tuple(values), uses_in)


def _check_loops(form: Form, found: _Problems) -> None:
    depends = {}
    for section in form.sections:
        for question in section.questions:
            refs = [c.ref for c in (section.show_if, question.show_if) if c]
            depends[question.key] = refs
    state: dict[str, int] = {}

    def visit(key: str) -> bool:
        if state.get(key) == 1:
            return True
        if state.get(key) == 2:
            return False
        state[key] = 1
        looped = any(visit(ref) for ref in depends.get(key, []))
        state[key] = 2
        return looped

    for key in depends:
        if key not in state and visit(key):
            section_id, _, field_id = key.partition(".")
            found.add(_where(section_id, field_id), "show_if conditions form a loop")
            return


# Answers.


def _check_value(question: Question, value: object, country: str | None) -> object:
    checked = validation.check(question.as_field(), value, country)
    if isinstance(checked, str):
        checked = checked.strip() if question.type != "long_text" else checked
    return checked


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
            if q.id in table and not validation.is_empty(table[q.id])
            and (q.show_if is None or q.show_if.holds(answer_of(answers, q.show_if.ref)))
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


def check_question(form: Form, answers: dict, question: Question, value: object,
                   fallback_country: str | None = None) -> object:
    """One answer as stored (None when empty), judged as `check_answers` judges it:
    the prompts and the answers file share this."""
    if validation.is_empty(value):
        if question.required and is_shown(form, answers, question):
            raise InvalidValue("required")
        return None
    country = context_country(form, answers, fallback_country)
    if form.section(question.section).is_address:
        country = answer_of(answers, f"{question.section}.country")
    return _check_value(question, value, country)


def check_answers(form: Form, answers: object, fallback_country: str | None = None,
                  complete: bool = True) -> dict:
    """The answers to store, every problem reported at once in InvalidAnswers.

    `complete=False` (a draft) lets required answers be missing; a value that is
    given must still be valid."""
    found: list[tuple[str, str]] = []
    if not isinstance(answers, dict):
        raise InvalidAnswers("The answers must be a table such as [answers.company].",
                             [("answers", "expected a table")])
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
                    checked.setdefault(section.id, {})[name] = _check_value(
                        question, value, country
                    )
                except InvalidValue as error:
                    found.append((question.key, error.message))
    result = visible(form, checked)
    found += required_problems(form, result, complete)
    if found:
        raise InvalidAnswers("Some answers are not valid; nothing was saved.", found)
    return result


def _check_address_parts(section: Section, table: dict, checked: dict,
                         found: list) -> None:
    if "na" in table:
        if table["na"] is not True and table["na"] is not False:
            found.append((f"{section.id}.na", "expected true or false"))
        elif table["na"] is True:
            if any(k != "na" and not validation.is_empty(v) for k, v in table.items()):
                found.append((section.id, "answered N/A, so it cannot also hold an "
                              "address; remove na = true or the address"))
            else:
                checked[section.id] = {"na": True}
            return
    parts = {}
    for name, value in table.items():
        if name == "na":
            continue
        if name not in registry.ADDRESS_PARTS:
            found.append((f"{section.id}.{name}",
                          "not an address field; they are "
                          + ", ".join(registry.ADDRESS_PARTS)))
            continue
        if validation.is_empty(value):
            continue
        question = next(q for q in section.questions if q.id == name)
        try:
            parts[name] = (
                validation.check_text(value).strip()
                if question.type == "postal_code"
                else _check_value(question, value, None)
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
            if (question.required and is_shown(form, answers, question)
                    and answer_of(answers, question.key) is None):
                found.append((question.key, "required"))
    return found


def address_section_problems(section: Section, table: dict,
                             complete: bool = True) -> list[tuple[str, str]]:
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


def on_file(form: Form, customer_profile: dict, public_profile: dict,
            approved: dict | None = None) -> dict:
    """What the customer has on file, as answers: each mapped field from the
    customer profile, else the public profile; the customer's own questions from
    the last approved answers. A value the form would refuse is left out."""
    result: dict = {}
    fallback = profile.country(public_profile)
    for section in form.sections:
        if section.is_address:
            address = _address_on_file(section, customer_profile, public_profile,
                                       approved)
            if address:
                result[section.id] = address
            continue
        for question in section.questions:
            if question.maps_to:
                value = _profile_value(customer_profile, question.maps_to)
                if value is None:
                    value = _profile_value(public_profile, question.maps_to)
            else:
                value = answer_of(approved or {}, question.key)
            if value is None:
                continue
            try:
                checked = _check_value(question, value, fallback)
            except InvalidValue:
                continue
            result.setdefault(section.id, {})[question.id] = checked
    return visible(form, result)


def _address_on_file(section: Section, customer_profile: dict, public_profile: dict,
                     approved: dict | None) -> dict:
    if not section.maps_to:
        table = (approved or {}).get(section.id)
        return dict(table) if isinstance(table, dict) else {}
    for source in (customer_profile, public_profile):
        table = source.get(section.maps_to)
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
            rows.append(Change(section.id, section.title, old, new))
            continue
        for question in section.questions:
            old, new = old_table.get(question.id), new_table.get(question.id)
            if old is None and new is None:
                continue
            label = (f"{section.title}: {question.label}" if section.is_address
                     else question.label)
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
    return Change(key, field.label, profile.get(public_profile, key), new, field.private)


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
    """The answers ordered as the form asks them, so a file written twice is the same."""
    result = {}
    for section in form.sections:
        table = answers.get(section.id)
        if not table:
            continue
        if table.get("na") is True:
            result[section.id] = {"na": True}
            continue
        result[section.id] = {q.id: table[q.id] for q in section.questions if q.id in table}
    return result


def shown_value(question: Question, value: object, show_private: bool) -> object:
    """An answer as output shows it: a private value masked unless asked for."""
    if value is None or show_private or not question.private:
        return value
    return profile.mask(value)
