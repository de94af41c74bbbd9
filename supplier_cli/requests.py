"""Information requests: the request file format. Pure: no I/O, no terminal.

A request file (spec/information-request.md) is parsed into a `Form`, or refused
with every problem named by file, section and field. Answers to a form are in
`request_answers.py`; the lifecycle of a stored request in `request_states.py`.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from supplier_cli import registry, validation
from supplier_cli.errors import BadDataFile, InvalidValue
from supplier_cli.registry import Field

FORMAT = 1
FIELD_TYPES = (
    "text",
    "long_text",
    "email",
    "phone",
    "url",
    "number",
    "date",
    "boolean",
    "choice",
    "multi_choice",
    "country",
    "tax_id",
    "duns",
    "iban",
    "bic",
    "file",
)
ADDRESS_TARGETS = ("address", "remit_to", "invoice_from", "ship_from")
BANK_KEYS = tuple(
    f"bank.{name}"
    for name in (
        "account_holder",
        "iban",
        "bic",
        "account_number",
        "routing_number",
        "bank_name",
        "country",
        "currency",
    )
)
PRIVATE_TYPES = ("tax_id", "duns", "iban")
PRIVATE_BANK_KEYS = ("bank.iban", "bank.account_number", "bank.routing_number")
ADDRESS_TYPES = {"postal_code": "postal_code", "country": "country"}
# The remit-to address is private, all but its country.
PRIVATE_ADDRESS_KEYS = tuple(
    f"remit_to.{part}" for part in registry.ADDRESS_PARTS if part != "country"
)

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
        if self.maps_to in PRIVATE_ADDRESS_KEYS:
            return True
        target = registry.BY_KEY.get(registry.ALIASES.get(self.maps_to, self.maps_to))
        return bool(target and target.private)

    def as_field(self) -> Field:
        return Field(
            self.key,
            self.label,
            self.type,
            0,
            required=self.required,
            options=self.options,
        )


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
    parts = [
        f"section '{section}'" if section else "",
        f"field '{field}'" if field else "",
    ]
    return ", ".join(p for p in parts if p)


def _text_key(
    data: dict, key: str, where: str, found: _Problems, required: bool = True
) -> str:
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
        found.add(
            "",
            f"'format' must be {FORMAT}, not {version!r}"
            if version is not None
            else f"'format' is missing; add 'format = {FORMAT}'",
        )
        found.raise_any()
    _unknown_keys(data, _TOP_KEYS, "", found)
    request_id = _text_key(data, "id", "", found)
    customer = _text_key(data, "customer", "", found)
    title = _text_key(data, "title", "", found)
    sent = _date_key(data, "sent", found, required=True)
    due = _date_key(data, "due", found, required=False)
    raw_sections = data.get("sections")
    if (
        not isinstance(raw_sections, list)
        or not raw_sections
        or not all(isinstance(s, dict) for s in raw_sections)
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
        maps_to = _maps_to(raw, where, found)
        if maps_to and maps_to not in ADDRESS_TARGETS:
            found.add(
                where,
                f"unknown maps_to '{maps_to}' for an address section; "
                f"known are {', '.join(ADDRESS_TARGETS)}",
            )
            maps_to = ""
        return Section(
            section_id,
            title,
            kind,
            _address_questions(section_id, maps_to),
            _bool_key(raw, "required", where, found),
            maps_to,
        )
    raw_fields = raw.get("fields")
    if (
        not isinstance(raw_fields, list)
        or not raw_fields
        or not all(isinstance(f, dict) for f in raw_fields)
    ):
        found.add(where, "expected at least one [[sections.fields]] table")
        raw_fields = []
    ids: set[str] = set()
    questions = tuple(
        _question(section_id, raw_field, number, ids, found)
        for number, raw_field in enumerate(raw_fields, start=1)
    )
    return Section(section_id, title, kind, questions)


def _address_questions(section_id: str, maps_to: str) -> tuple[Question, ...]:
    """The parts of an address section; each maps to its part of the address the
    section maps to (`remit_to.city`), which says whether it is private."""
    return tuple(
        Question(
            section_id,
            part,
            registry.ADDRESS_LABELS[part],
            ADDRESS_TYPES.get(part, "text"),
            maps_to=f"{maps_to}.{part}" if maps_to else "",
        )
        for part in registry.ADDRESS_PARTS
    )


def _question(
    section_id: str, raw: dict, number: int, ids: set, found: _Problems
) -> Question:
    located = f"{_where(section_id)}, field {number}"
    field_id = _id(raw, "field", ids, located, found)
    where = _where(section_id, field_id) if field_id else located
    _unknown_keys(raw, _FIELD_KEYS, where, found)
    label = _text_key(raw, "label", where, found)
    type_ = raw.get("type")
    if type_ not in FIELD_TYPES:
        found.add(
            where,
            f"unknown type {type_!r}; known types are {', '.join(FIELD_TYPES)}"
            if type_ is not None
            else "'type' is missing",
        )
        type_ = "text"
    options = raw.get("options")
    if type_ in ("choice", "multi_choice"):
        if (
            not isinstance(options, list)
            or not options
            or not all(isinstance(o, str) and o.strip() for o in options)
            or len(set(options)) != len(options)
        ):
            found.add(
                where, f"a {type_} field needs 'options', a list of distinct texts"
            )
            options = []
    elif options is not None:
        found.add(where, f"'options' is only for choice and multi_choice, not {type_}")
        options = []
    maps_to = _maps_to(raw, where, found)
    if maps_to and maps_to not in field_targets():
        found.add(where, _target_problem(maps_to))
        maps_to = ""
    return Question(
        section_id,
        field_id,
        label,
        type_,
        _bool_key(raw, "required", where, found),
        maps_to,
        tuple(options or ()),
    )


def _maps_to(raw: dict, where: str, found: _Problems) -> str:
    maps_to = raw.get("maps_to", "")
    if not isinstance(maps_to, str):
        found.add(where, "'maps_to' must be text, such as company.name")
        return ""
    return maps_to


def _target_problem(maps_to: object) -> str:
    if maps_to in ADDRESS_TARGETS or str(maps_to).startswith("address."):
        return (
            f"maps_to '{maps_to}' names an address; use a section with "
            f'type = "address" and maps_to = "{str(maps_to).split(".")[0]}"'
        )
    return (
        f"unknown maps_to {maps_to!r}; it must name a profile field such as "
        "company.name, contact.email or bank.iban"
    )


def _check_targets(form: Form, found: _Problems) -> None:
    """The same profile field mapped twice would get two answers."""
    used: dict[str, str] = {}
    for section in form.sections:
        pairs = (
            [(section.maps_to, "")]
            if section.is_address
            else [(q.maps_to, q.id) for q in section.questions]
        )
        for target, field_id in pairs:
            target = registry.ALIASES.get(target, target)
            if not target:
                continue
            if target in used:
                found.add(
                    _where(section.id, field_id),
                    f"maps_to '{target}' is already used by {used[target]}",
                )
            used[target] = _where(section.id, field_id)


# Conditions (`show_if`).


def _resolve_conditions(form: Form, raw_sections: list, found: _Problems) -> Form:
    sections = []
    for section, raw in zip(form.sections, raw_sections):
        where = _where(section.id)
        condition = _condition(form, raw.get("show_if"), section.id, "", where, found)
        questions = list(section.questions)
        if not section.is_address:
            raw_fields = (
                raw.get("fields") if isinstance(raw.get("fields"), list) else []
            )
            for i, (question, raw_field) in enumerate(zip(questions, raw_fields)):
                if not isinstance(raw_field, dict) or "show_if" not in raw_field:
                    continue
                questions[i] = _with_condition(
                    question,
                    _condition(
                        form,
                        raw_field["show_if"],
                        section.id,
                        question.id,
                        _where(section.id, question.id),
                        found,
                    ),
                )
        sections.append(
            Section(
                section.id,
                section.title,
                section.kind,
                tuple(questions),
                section.required,
                section.maps_to,
                condition,
            )
        )
    result = Form(
        form.id, form.customer, form.title, form.sent, form.due, tuple(sections)
    )
    _check_loops(result, found)
    return result


def _with_condition(question: Question, condition: Condition | None) -> Question:
    return Question(
        question.section,
        question.id,
        question.label,
        question.type,
        question.required,
        question.maps_to,
        question.options,
        condition,
    )


def _condition(
    form: Form,
    raw: object,
    section_id: str,
    field_id: str,
    where: str,
    found: _Problems,
) -> Condition | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        found.add(
            where, 'show_if must be a table such as { field = "id", equals = true }'
        )
        return None
    _unknown_keys(raw, ("field", "equals", "in"), where + " show_if", found)
    ref = raw.get("field")
    if not isinstance(ref, str) or not ref:
        found.add(where, "show_if needs 'field', the id of the field it depends on")
        return None
    if "." not in ref:
        if not field_id:
            found.add(
                where, f"show_if field '{ref}' must be written section_id.field_id"
            )
            return None
        ref = f"{section_id}.{ref}"
    target = form.question(ref)
    if target is None:
        found.add(
            where, f"show_if points to '{ref}', which is not a field of this request"
        )
        return None
    if ref == f"{section_id}.{field_id}" or (
        not field_id and target.section == section_id
    ):
        found.add(
            where,
            f"show_if cannot depend on its own {'field' if field_id else 'section'}",
        )
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
            values.append(check_value(target, value, None))
        except InvalidValue as error:
            found.add(
                where,
                f"show_if value {value!r} cannot be an answer to "
                f"'{ref}': {error.message}",
            )
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


def check_value(question: Question, value: object, country: str | None) -> object:
    checked = validation.check(question.as_field(), value, country)
    if isinstance(checked, str):
        checked = checked.strip() if question.type != "long_text" else checked
    return checked
