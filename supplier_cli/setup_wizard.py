"""The customer setup flow's screens: one item at a time, through `prompts`.

Each answer is judged by the function the answers file uses (in `customers`,
`entities` and `banking`), and asked again with the reason while it is invalid.
An item's answers are returned whole; the caller saves them, so an item left
half-way is not saved.
"""

from __future__ import annotations

from supplier_cli import banking, customers, entities, profile, prompts, registry
from supplier_cli import render, validation
from supplier_cli.errors import InvalidAnswers, InvalidValue
from supplier_cli.registry import Field

ANOTHER = "Another address"
NA = "N/A"
NONE = "None (leave it empty)"


def run_item(item: str, record: dict, public: dict, known: dict[str, dict]) -> dict:
    """Ask one setup item; returns its values, checked as an answers file is."""
    mine = customers.customer_profile(record, public)
    if item == "addresses":
        return ask_addresses(mine, public, known)
    if item == "bank":
        return ask_bank(mine.get("bank", {}), public)
    return ask_fields(item, mine.get(item, {}))


def ask_fields(item: str, current: dict) -> dict:
    values: dict = {}
    for field in customers.ITEM_FIELDS[item]:
        if not customers.shown(field, values):
            continue
        value = _ask_field(field, current.get(field.name), values)
        if value is not None:
            values[field.name] = value
    return customers.check_fields(item, values)


def _ask_field(field: Field, current: object, values: dict) -> object:
    if field.type == "boolean":
        return prompts.confirm(field.label + "?", default=bool(current))
    if field.type == "choice":
        return prompts.select(field.label, list(field.options), default=current)
    label = field.label + ("" if field.required else " (optional)")
    return prompts.text(
        label,
        default=prompts.as_default(current),
        check=lambda raw: customers.check_field(field, raw, values),
        instruction="comma-separated" if field.type == "list" else field.help,
        private=field.private,
    )


def ask_bank(current: dict, public: dict) -> dict:
    holder = prompts.text(
        "Account holder",
        default=current.get("account_holder")
        or profile.get(public, "company.name")
        or "",
        check=banking.check_holder,
    )
    country = prompts.text(
        "Country of the account",
        default=current.get("country") or profile.country(public) or "",
        check=validation.check_country,
        instruction="ISO 3166 alpha-2 code, such as ES",
    )
    values = {"account_holder": holder, "country": country}
    same = current.get("country") == country
    for field in banking.fields(country):
        label = field.label + ("" if field.required else " (optional)")
        answer = prompts.text(
            label,
            default=current.get(field.name, "") if same else "",
            check=lambda raw, f=field: _bank_part(f, raw, country),
            instruction=field.help,
            private=field.private,
        )
        if answer:
            values[field.name] = answer
    account = banking.check_account(values)
    if account.get("bank_name"):
        render.message(f"Bank: {account['bank_name']}")
    return account


def _bank_part(field: Field, raw: str, country: str) -> str | None:
    if validation.is_empty(raw):
        if field.required:
            raise InvalidValue("required")
        return None
    return banking.check_part(field.name, raw, country)


def ask_addresses(mine: dict, public: dict, known: dict[str, dict]) -> dict:
    """The addresses item: the legal entity (when there are any), then the
    invoice-from, remit-to and ship-from addresses, one for all three or each."""
    given: dict = {}
    entity = _ask_entity(mine, known, given)
    company = public.get("address", {})
    sources = {"company": company}
    if "remit_to_code" not in given and prompts.confirm(
        "Use one address for invoice-from, remit-to and ship-from?",
        default=_all_same(mine),
    ):
        address = _ask_source(
            "The address for all three",
            "invoice_from",
            mine,
            sources,
            entity,
            required=True,
        )
        given.update(invoice_from=address, remit_to=address, ship_from=address)
        return customers.check_addresses(given, public, known)
    for role in customers.OWN_ADDRESSES:
        if role == "remit_to" and "remit_to_code" in given:
            continue
        address = _ask_source(
            entities.ROLES[role],
            role,
            mine,
            sources,
            entity,
            required=role != "ship_from",
        )
        given[role] = address
        if isinstance(address, dict) and address:
            sources[role] = address
    return customers.check_addresses(given, public, known)


def _ask_entity(mine: dict, known: dict[str, dict], given: dict) -> dict | None:
    if not known:
        return None
    names = sorted(known) + ["(none)"]
    default = mine.get("legal_entity") if mine.get("legal_entity") in known else None
    chosen = prompts.select(
        "Legal entity that invoices this customer", names, default=default or "(none)"
    )
    if chosen == "(none)":
        return None
    entity = known[chosen]
    given["legal_entity"] = chosen
    codes = [entry["code"] for entry in entity.get("remit_to", [])]
    if codes:
        code = prompts.select("Its remit-to", codes + [ANOTHER])
        if code != ANOTHER:
            given["remit_to_code"] = code
    return entity


def _all_same(mine: dict) -> bool:
    addresses = [mine.get(role) for role in customers.OWN_ADDRESSES]
    return addresses[0] is None or all(
        entities.parts(a or {}) == entities.parts(addresses[0]) for a in addresses
    )


def _ask_source(
    label: str,
    role: str,
    mine: dict,
    sources: dict,
    entity: dict | None,
    required: bool,
) -> object:
    """Where an address comes from: on file, the company's, the legal entity's,
    one given before, another one typed, or N/A (or none, when optional)."""
    options: dict[str, object] = {}
    on_file = mine.get(role)
    if on_file:
        options[f"As on file: {_line(role, on_file)}"] = on_file
    for name, address in sources.items():
        if entities.parts(address) and address is not on_file:
            title = (
                "The company address"
                if name == "company"
                else (f"The same as the {entities.ROLES[name].lower()}")
            )
            options[f"{title}: {_line(name, address)}"] = address
    # The entity's remit-to addresses were offered by code, before.
    if entity and role != "remit_to" and entities.parts(entity.get(role, {})):
        address = entity[role]
        options[f"{entity['name']}'s: {entities.address_line(address)}"] = address
    options[ANOTHER] = None
    options[NA] = "N/A"
    if not required:
        options[NONE] = {}
    chosen = prompts.select(label, list(options))
    if chosen != ANOTHER:
        return options[chosen]
    return ask_address(label, role, on_file or {}, required)


def _line(role: str, address: dict) -> str:
    """An address as a choice names it; the remit-to masked, as every view shows it."""
    if role == "remit_to":
        address = entities.mask_address(address)
    return entities.address_line(address)


def ask_address(label: str, role: str, default: dict, required: bool) -> dict:
    """Ask each part of an address until it is valid for its country."""
    render.message(label)
    current = entities.parts(default)
    while True:
        country = prompts.text(
            "Country",
            default=current.get("country", ""),
            check=validation.check_country,
            instruction="ISO 3166 alpha-2 code",
        )
        needed = validation.address_required_parts(country)
        address = {"country": country}
        for part in ("street1", "street2", "city", "region", "postal_code"):
            optional = "" if part in needed else " (optional)"
            answer = prompts.text(
                registry.ADDRESS_LABELS[part] + optional,
                default=current.get(part, ""),
                check=lambda raw, p=part, c=country, n=needed: _address_part(
                    p, raw, c, n
                ),
                private=role == "remit_to",
            )
            if answer:
                address[part] = answer
        try:
            return entities.check_address(role, address, required)
        except InvalidAnswers as error:
            render.error(
                "This address is not valid; give it again.", problems=error.problems
            )
            current = address


def _address_part(part: str, raw: str, country: str, needed: set[str]) -> str:
    text = raw.strip()
    if not text:
        if part in needed:
            raise InvalidValue(f"required for an address in {country}")
        return ""
    if part == "postal_code":
        return validation.check_postal_code(text, country)
    return validation.check_text(text)
