"""Customers: connections, what each allows, customer profiles and setup flows.
Pure: no I/O, no terminal.

A customer is the table kept in `customers/<slug>/customer.toml`:

    name
    connection   status (pending, approved, rejected), contact, requests (the
                 dates each connection request was sent), answered
    settings     uses_forms, direct_edits, portal_payments, setup (the items of
                 its setup flow that the customer asks for)
    owners       its supplier account owners, each a name and an email
    profile      the customer profile: what this customer has on file. The
                 sections of the public profile, plus legal_entity, the
                 invoice_from, remit_to and ship_from addresses, invoicing,
                 virtual_card and bank. It starts as a copy of the public profile
                 when the connection is approved (or of another customer's).
    setup        done: the setup items completed so far

Every change returns a new record; what the customer does not allow is refused
with `Refused`, saying what to do instead.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
import unicodedata
from urllib.parse import quote

from supplier_cli import banking, entities, profile, registry, validation
from supplier_cli.errors import InvalidAnswers, InvalidValue, NotFound, Refused
from supplier_cli.registry import Field, ShowIf

CONNECTION_STATES = ("pending", "approved", "rejected", "expired")
EXPIRY_DAYS = 30
MAX_REQUESTS = 3


def check_name(name: object) -> str:
    """The name without the spaces around it, which no listing shows."""
    text = unicodedata.normalize("NFC", str(name or "")).strip()
    if not text:
        raise InvalidValue("a customer needs a name")
    return text


def new_connection(name: str, contact: str, today: dt.date) -> dict:
    """A customer record with a pending connection request sent today."""
    return {
        "name": check_name(name),
        "connection": {
            "status": "pending",
            "contact": validation.check_email(contact),
            "requests": [today],
        },
    }


# Connections.


def status(record: dict, today: dt.date) -> str:
    """The connection status; a pending request older than 30 days is expired."""
    connection = record["connection"]
    expires = expires_on(record)
    if connection["status"] == "pending" and expires and today > expires:
        return "expired"
    return connection["status"]


def expires_on(record: dict) -> dt.date | None:
    """The day a pending request expires after, or None when none is pending."""
    connection = record["connection"]
    if connection["status"] != "pending" or not connection.get("requests"):
        return None
    return connection["requests"][-1] + dt.timedelta(days=EXPIRY_DAYS)


def connect(record: dict | None, name: str, contact: str | None, today: dt.date):
    """A new customer with a connection request sent today, or an existing one
    with its request sent again (at most MAX_REQUESTS in all)."""
    if record is None:
        if not contact:
            raise InvalidValue(
                f"To connect {name}, give the email of your contact there "
                "with --contact EMAIL."
            )
        return new_connection(name, contact, today)
    state = status(record, today)
    sent = record["connection"].get("requests", [])
    if state == "approved":
        raise Refused(f"{record['name']} is already connected.")
    if state == "pending" and not sent:
        raise Refused(f"The connection request to {record['name']} is still pending.")
    if state == "pending":
        raise Refused(
            f"The connection request to {record['name']} sent on "
            f"{sent[-1].isoformat()} is still pending; it can be sent again once "
            f"it expires, after {expires_on(record).isoformat()}."
        )
    if len(sent) >= MAX_REQUESTS:
        raise Refused(
            f"{len(sent)} connection requests were sent to {record['name']}, the "
            f"most allowed ({MAX_REQUESTS}); no further request can be sent.",
            hint="Contact the customer another way to connect.",
        )
    result = copy.deepcopy(record)
    connection = result["connection"]
    connection.update(status="pending", requests=[*sent, today])
    connection.pop("answered", None)
    if contact:
        connection["contact"] = validation.check_email(contact)
    return result


def record_answer(record: dict, approved: bool, today: dt.date, public: dict) -> dict:
    """The customer's answer to a pending request. On approval the customer
    profile starts as a copy of the public profile, unless it has one already."""
    state = status(record, today)
    if state != "pending":
        again = (
            " Send it again with `supplier customers connect NAME`."
            if (state in ("expired", "rejected"))
            else ""
        )
        raise Refused(
            f"{record['name']} has no pending connection request (it is {state}); "
            f"only a pending request can be answered.{again}"
        )
    result = copy.deepcopy(record)
    result["connection"].update(
        status="approved" if approved else "rejected", answered=today
    )
    if approved and "profile" not in result:
        result["profile"] = public_copy(public)
    return result


# What each customer allows.

SETUP_ITEMS = {
    "addresses": "Confirm the invoice-from, remit-to and ship-from addresses",
    "invoicing": "Advanced invoicing",
    "virtual_card": "Virtual card payments",
    "bank": "Bank payment",
}
FINANCIAL = ("invoicing", "bank")
SUPPORTED_COUNTRIES = ("AU", "BR", "CN", "DK", "JP", "PT", "RU", "SG", "ZA", "ES", "SE")
DEFAULT_SETTINGS = {
    "uses_forms": True,
    "direct_edits": False,
    "portal_payments": False,
    "setup": [],
}


def settings(record: dict) -> dict:
    return DEFAULT_SETTINGS | record.get("settings", {})


def check_setup_items(value: object) -> list[str]:
    """Setup items from a list or text such as "addresses, bank"; "all" or "none"."""
    text = value if isinstance(value, str) else None
    if text is not None and text.strip().casefold() in ("all", "none", ""):
        return list(SETUP_ITEMS) if text.strip().casefold() == "all" else []
    chosen = set()
    for item in validation.check_list(value):
        key = item.strip().lower().replace("-", "_")
        if key not in SETUP_ITEMS:
            raise InvalidValue(
                f"'{item}' is not a setup item; the items are "
                + ", ".join(SETUP_ITEMS)
                + ' (or "all", "none")'
            )
        chosen.add(key)
    return [item for item in SETUP_ITEMS if item in chosen]


def check_owner(value: object) -> dict:
    """An account owner from text such as "Jane Buyer <jane@acme.example>"; the
    name is kept as typed, whatever characters it holds."""
    text = validation.check_text(value).strip()
    match = re.fullmatch(r"(.*?)\s*<([^<>]*)>", text)
    if not match or not match.group(1).strip():
        raise InvalidValue(
            f"'{text}' is not an account owner; give a name and an email, such as "
            '"Jane Buyer <jane@acme.example>"'
        )
    email = validation.check_email(match.group(2))
    return {"name": match.group(1).strip(), "email": email}


def configure(
    record: dict,
    changes: dict,
    add_owners: list[str] = (),
    remove_owners: list[str] = (),
) -> dict:
    """A copy of `record` with settings changed (keys of DEFAULT_SETTINGS; None
    leaves one as it is) and account owners added (by "Name <email>", replacing
    an owner with the same email) or removed (by email)."""
    result = copy.deepcopy(record)
    table = result.setdefault("settings", {})
    for key, value in changes.items():
        if value is not None:
            table[key] = check_setup_items(value) if key == "setup" else bool(value)
    owners = result.setdefault("owners", [])
    for email in remove_owners:
        address = validation.check_email(email)
        kept = [o for o in owners if o["email"].casefold() != address.casefold()]
        if len(kept) == len(owners):
            raise NotFound(f"{address} is not an account owner at {record['name']}.")
        owners[:] = kept
    for text in add_owners:
        owner = check_owner(text)
        owners[:] = [
            o for o in owners if o["email"].casefold() != owner["email"].casefold()
        ] + [owner]
    if not owners:
        result.pop("owners")
    return result


def banner(record: dict) -> tuple[str, str | None]:
    """(text, mailto link) saying whom to write to about this customer's record:
    its one account owner, all of several, or none (another way)."""
    owners = record.get("owners", [])
    name = record["name"]
    if not owners:
        return (
            f"{name} has named no supplier account owner: contact the customer "
            "another way.",
            None,
        )
    people = ", ".join(f"{o['name']} <{o['email']}>" for o in owners)
    link = "mailto:" + ",".join(quote(o["email"], safe="@+!$'*=&") for o in owners)
    if len(owners) == 1:
        return (
            f"Your supplier account owner at {name} is {people}: write to them.",
            link,
        )
    return (
        f"{name} has {len(owners)} supplier account owners: write to all of them: "
        f"{people}.",
        link,
    )


# Customer profiles.

OWN_ADDRESSES = ("invoice_from", "remit_to", "ship_from")


def public_copy(public: dict) -> dict:
    return {k: copy.deepcopy(v) for k, v in public.items() if k in registry.SECTIONS}


def customer_profile(record: dict, public: dict) -> dict:
    """What the customer has on file: its own profile, else the public profile."""
    return copy.deepcopy(record.get("profile") or public_copy(public))


def differences(record: dict, public: dict) -> list[str]:
    """The public profile fields whose value this customer's profile does not share."""
    mine = customer_profile(record, public)
    return [
        f.key
        for f in registry.FIELDS
        if profile.get(mine, f.key) != profile.get(public, f.key)
    ]


def copy_profile(source: dict, target: dict, public: dict, replace: bool) -> dict:
    """`target` with a customer profile that starts as a copy of `source`'s."""
    if "profile" not in source:
        raise Refused(
            f"{source['name']} has no customer profile of its own yet (one starts "
            "when its connection is approved)."
        )
    if "profile" in target and not replace:
        raise Refused(
            f"{target['name']} already has a customer profile.",
            hint=f"Give --replace to start it again as a copy of {source['name']}'s.",
        )
    result = copy.deepcopy(target)
    result["profile"] = copy.deepcopy(source["profile"])
    return result


def edit_refusal(record: dict, today: dt.date) -> str | None:
    """Why the supplier may not edit this customer profile directly, saying what
    to do instead; None when it may."""
    name = record["name"]
    state = status(record, today)
    if state != "approved":
        return (
            f"{name} is not connected (its connection is {state}), so it has no "
            "customer profile to edit yet."
        )
    rules = settings(record)
    if rules["uses_forms"]:
        return (
            f"{name} uses information request forms: its customer profile changes "
            "only through them. Answer its information request instead "
            "(`supplier requests list`)."
        )
    if not rules["direct_edits"]:
        text, _ = banner(record)
        return f"{name} does not let suppliers edit its profile directly. {text}"
    return None


def _is_editable(key: str) -> bool:
    return key in ("remit_to", "legal_entity") or key.startswith(
        ("contact.", "remit_to.")
    )


def edit(
    record: dict,
    public: dict,
    pairs: list[tuple[str, str]],
    today: dt.date,
    known_entities: dict[str, dict],
) -> dict:
    """A copy of `record` with its primary contact or remit-to address changed.

    The company address and other public profile fields are refused (they change
    on the public profile), then anything the customer does not allow."""
    for key, _ in pairs:
        _check_editable(key)
    refusal = edit_refusal(record, today)
    if refusal:
        raise Refused(refusal)
    result = copy.deepcopy(record)
    mine = result.setdefault("profile", public_copy(public))
    found: list[tuple[str, str]] = []
    for key, value in pairs:
        try:
            _edit_one(mine, public, key, value, known_entities)
        except InvalidValue as error:
            found.append((key, error.message))
    if any(key.startswith("remit_to") for key, _ in pairs):
        found += entities.address_problems("remit_to", mine.get("remit_to", {}), True)
    if found:
        raise InvalidAnswers(
            f"{record['name']}: some changes are not valid; nothing was saved.", found
        )
    return result


def _check_editable(key: str) -> None:
    if key == "address" or key.startswith("address."):
        raise Refused(
            "The company address is changed only on the public profile.",
            hint="Change it with `supplier profile set address.PART VALUE`.",
        )
    if _is_editable(key):
        return
    if registry.ALIASES.get(key, key) in registry.BY_KEY:
        raise Refused(
            f"Only the primary contact and the remit-to address of a customer "
            f"profile may differ from the public profile; {key} may not.",
            hint=f"Change it on the public profile with `supplier profile set {key} "
            "VALUE`.",
        )
    raise InvalidValue(
        f"There is no '{key}' in a customer profile that can be edited; give "
        "contact.PART, remit_to.PART, or legal_entity with remit_to.code."
    )


def entity_named(known: dict[str, dict], name: str) -> dict | None:
    """The legal entity of that name: exact, else ignoring case and the spaces
    around it if only one matches, as the store finds it; InvalidValue names
    them when several do."""
    name = name.strip()
    if name in known:
        return known[name]
    same = sorted(n for n in known if n.casefold() == name.casefold())
    if len(same) > 1:
        raise InvalidValue(
            f"'{name}' names more than one legal entity when case is ignored: "
            + ", ".join(f"'{n}'" for n in same) + "; give it as one of them spells it"
        )
    return known[same[0]] if same else None


def _edit_one(mine: dict, public: dict, key: str, value: str, known: dict) -> None:
    if key.startswith("contact."):
        profile.put(mine, key, profile.check_value(mine, key, value))
    elif key == "legal_entity":
        entity = entity_named(known, value) if value.strip() else None
        if value.strip() and entity is None:
            raise InvalidValue(f"there is no legal entity '{value.strip()}'")
        mine.pop("legal_entity", None)
        if entity is not None:
            mine["legal_entity"] = entity["name"]
    elif key == "remit_to.code":
        if "legal_entity" not in mine:
            raise InvalidValue("name the legal entity first, with legal_entity=NAME")
        entity = entity_named(known, str(mine["legal_entity"]))
        if entity is None:
            raise InvalidValue(
                f"there is no legal entity '{mine['legal_entity']}' any more; name "
                "one with legal_entity=NAME"
            )
        try:
            entry = entities.remit_to(entity, value.strip())
        except NotFound as error:
            raise InvalidValue(error.message) from None
        mine["remit_to"] = copy.deepcopy(entry)
    else:
        part = key.partition(".")[2]
        sources = {
            "company": public.get("address", {}),
            "invoice_from": mine.get("invoice_from", {}),
        }
        old = {k: v for k, v in mine.get("remit_to", {}).items() if k != "code"}
        mine["remit_to"] = entities.apply_address_change(old, part, value, sources)


# Customer setup.

INVOICE_METHODS = ("portal", "cXML", "SFTP")
_CXML = ShowIf("invoicing.method", "cXML")
_SFTP = ShowIf("invoicing.method", "SFTP")
ITEM_FIELDS: dict[str, tuple[Field, ...]] = {
    "invoicing": (
        Field(
            "invoicing.codes",
            "Invoicing codes",
            "list",
            0,
            help="comma-separated, as the customer gave them",
        ),
        Field(
            "invoicing.method",
            "How invoices are sent",
            "choice",
            0,
            required=True,
            options=INVOICE_METHODS,
        ),
        Field(
            "invoicing.cxml_domain",
            "cXML credential domain",
            "text",
            0,
            required=True,
            show_if=_CXML,
            help="such as NetworkID",
        ),
        Field(
            "invoicing.cxml_identity",
            "cXML credential identity",
            "text",
            0,
            required=True,
            show_if=_CXML,
        ),
        Field(
            "invoicing.sftp_host",
            "SFTP host",
            "text",
            0,
            required=True,
            show_if=_SFTP,
            help="such as sftp.acme.example",
        ),
        Field(
            "invoicing.sftp_user",
            "SFTP user name",
            "text",
            0,
            required=True,
            show_if=_SFTP,
        ),
        Field("invoicing.sftp_folder", "SFTP folder", "text", 0, show_if=_SFTP),
    ),
    "virtual_card": (
        Field(
            "virtual_card.accept",
            "Accept virtual card payments",
            "boolean",
            0,
            required=True,
        ),
        Field(
            "virtual_card.email",
            "Email for virtual cards",
            "email",
            0,
            required=True,
            show_if=ShowIf("virtual_card.accept", True),
        ),
    ),
}


def financial_supported(country: str | None) -> bool:
    return (country or "").upper() in SUPPORTED_COUNTRIES


def financial_notice(country: str | None) -> str:
    where = f"in {country}" if country else "with no country in its public profile"
    return (
        f"Advanced invoicing and bank details are skipped for a supplier {where}: "
        "give them later under legal entities (`supplier entities add`)."
    )


def setup_plan(record: dict, country: str | None) -> list[tuple[str, str]]:
    """(item, state) for each item the customer asks for: done, to do or skipped."""
    done = record.get("setup", {}).get("done", [])
    plan = []
    for item in settings(record)["setup"]:
        if item in FINANCIAL and not financial_supported(country):
            plan.append((item, "skipped"))
        else:
            plan.append((item, "done" if item in done else "to do"))
    return plan


def setup_progress(record: dict, country: str | None) -> tuple[int, int]:
    """(done, total) of the setup items that apply; complete only when equal."""
    states = [state for _, state in setup_plan(record, country) if state != "skipped"]
    return states.count("done"), len(states)


def shown(field: Field, values: dict) -> bool:
    return field.show_if is None or field.show_if.holds(
        values.get(field.show_if.key.partition(".")[2])
    )


def check_field(field: Field, value: object, values: dict) -> object:
    """One setup answer, judged as the prompt and the answers file judge it."""
    if validation.is_empty(value):
        if field.required and shown(field, values):
            raise InvalidValue("required")
        return None
    return validation.check(field, value)


def check_fields(item: str, given: dict) -> dict:
    """The answers of an item made of ITEM_FIELDS, every problem at once."""
    fields = ITEM_FIELDS[item]
    found = [
        (f"{item}.{key}", "not a question of this item")
        for key in sorted(set(given) - {f.name for f in fields})
    ]
    values: dict = {}
    for field in fields:
        if not shown(field, values):
            continue
        try:
            value = check_field(field, given.get(field.name), values)
        except InvalidValue as error:
            found.append((field.key, error.message))
            continue
        if value is not None:
            values[field.name] = value
    if found:
        raise InvalidAnswers(f"{SETUP_ITEMS[item]}: some answers are not valid.", found)
    return values


def check_addresses(given: dict, public: dict, known: dict[str, dict]) -> dict:
    """The addresses item: legal_entity and remit_to_code (optional), then
    invoice_from, remit_to (required) and ship_from (optional), each a table,
    "N/A", or the name of an address to copy (company, invoice_from, or entity
    for the legal entity's own)."""
    found: list[tuple[str, str]] = []
    unknown = set(given) - {"legal_entity", "remit_to_code", *OWN_ADDRESSES}
    found += [(key, "not a question of this item") for key in sorted(unknown)]
    result: dict = {}
    entity = None
    if given.get("legal_entity"):
        name = given["legal_entity"]
        try:
            if not isinstance(name, str):
                raise InvalidValue("expected the name of a legal entity")
            entity = entity_named(known, name)
            if entity is None:
                raise InvalidValue(f"there is no legal entity '{name}'")
            result["legal_entity"] = entity["name"]
        except InvalidValue as error:
            found.append(("legal_entity", error.message))
    remit = given.get("remit_to")
    if given.get("remit_to_code"):
        if entity is None:
            found.append(("remit_to_code", "name its legal_entity too"))
        else:
            try:
                remit = entities.remit_to(entity, given["remit_to_code"])
            except NotFound as error:
                found.append(("remit_to_code", error.message))
    sources = {"company": public.get("address", {})}
    for role in OWN_ADDRESSES:
        value = remit if role == "remit_to" else given.get(role)
        if entity is not None and value == "entity":
            value = _entity_address(entity, role, found)
        if isinstance(value, str) and value in sources:
            value = sources[value]
        try:
            result[role] = entities.check_address(
                role, value or {}, role != "ship_from"
            )
        except InvalidAnswers as error:
            found += error.problems
            continue
        sources[role] = result[role]
    if found:
        raise InvalidAnswers(
            f"{SETUP_ITEMS['addresses']}: some answers are not valid.", found
        )
    return {k: v for k, v in result.items() if v}


def _entity_address(entity: dict, role: str, found: list) -> object:
    """The legal entity's own address for `role`; for the remit-to, its only one
    (with several, a problem asking for remit_to_code)."""
    if role != "remit_to":
        return entity.get(role, {})
    entries = entity.get("remit_to", [])
    if len(entries) == 1:
        return entries[0]
    codes = ", ".join(e["code"] for e in entries) or "none yet"
    found.append(
        ("remit_to", f"say which of {entity['name']}'s remit-to addresses with "
         f"remit_to_code (its codes: {codes})")
    )
    return "N/A"


def check_can_setup(record: dict, today: dt.date) -> None:
    state = status(record, today)
    if state != "approved":
        raise Refused(
            f"{record['name']} is not connected (its connection is {state}); its "
            "setup flow opens once it approves the connection request.",
            hint="Record its answer with `supplier customers record NAME --approved`.",
        )


def check_item(item: str, given: object, public: dict, known: dict) -> dict:
    """The values of one setup item from an answers table, every problem at once."""
    if not isinstance(given, dict):
        raise InvalidAnswers(
            "The setup answers are not valid.", [(item, f"expected a table [{item}]")]
        )
    if item == "addresses":
        return check_addresses(given, public, known)
    if item == "bank":
        account = {"country": profile.country(public)} | given
        return banking.check_account(account)
    return check_fields(item, given)


def apply_item(record: dict, public: dict, item: str, values: dict) -> dict:
    """A copy of `record` with a setup item's values in its customer profile and
    the item marked done."""
    result = copy.deepcopy(record)
    mine = result.setdefault("profile", public_copy(public))
    if item == "addresses":
        for key in ("legal_entity", *OWN_ADDRESSES):
            mine.pop(key, None)
        mine.update(copy.deepcopy(values))
    else:
        mine[item] = copy.deepcopy(values)
    done = result.setdefault("setup", {}).setdefault("done", [])
    if item not in done:
        done.append(item)
    return result


def read_setup_answers(
    record: dict, public: dict, answers: dict, known: dict
) -> dict[str, dict]:
    """The values of each setup item an answers file gives, every problem at once.
    Items the customer does not ask for are refused; items skipped for the
    supplier's country (see `financial_notice`) are left out, as the prompts
    skip them."""
    answers = {k: v for k, v in answers.items() if k != "format"}
    plan = dict(setup_plan(record, profile.country(public)))
    found: list[tuple[str, str]] = []
    result = {}
    for item, given in answers.items():
        if item not in SETUP_ITEMS:
            found.append(
                (item, "not a setup item; the items are " + ", ".join(SETUP_ITEMS))
            )
        elif item not in plan:
            found.append((item, f"{record['name']} does not ask for this item"))
        elif plan[item] == "skipped":
            continue
        else:
            try:
                result[item] = check_item(item, given, public, known)
            except InvalidAnswers as error:
                found += error.problems
    if found:
        raise InvalidAnswers(
            "Some setup answers are not valid; nothing was saved.", found
        )
    return result


# Views, for `list` and `show`.


def connection_line(record: dict, today: dt.date) -> str:
    """The connection in words: its state, with its dates and request count."""
    connection = record["connection"]
    state = status(record, today)
    sent = connection.get("requests", [])
    count = f"request {len(sent)} of {MAX_REQUESTS}"
    if state == "pending" and not sent:
        return "pending (no request date on file)"
    if state == "pending":
        return (
            f"pending: {count} sent on {sent[-1].isoformat()}, expires after "
            f"{expires_on(record).isoformat()}"
        )
    if state == "expired":
        return (
            f"expired: {count} sent on {sent[-1].isoformat()} was not answered "
            f"within {EXPIRY_DAYS} days"
        )
    answered = connection.get("answered")
    return f"{state} on {answered.isoformat()}" if answered else state


def facts(record: dict, today: dt.date) -> list[tuple[str, object]]:
    rules = settings(record)
    return [
        ("Customer", record["name"]),
        ("Connection", connection_line(record, today)),
        ("Contact", record["connection"].get("contact", "")),
        ("Uses information request forms", rules["uses_forms"]),
        ("Lets you edit its profile directly", rules["direct_edits"]),
        ("Pays through its portal", rules["portal_payments"]),
    ]


def summary(record: dict, public: dict, today: dt.date, pending_requests: int) -> dict:
    """A customer's line in `customers list` (and its `--json`)."""
    done, total = setup_progress(record, profile.country(public))
    return {
        "name": record["name"],
        "connection": status(record, today),
        "setup": {"done": done, "total": total},
        "pending_requests": pending_requests,
        "updated": record.get("updated"),
    }


def data(record: dict, public: dict, today: dt.date, show_private: bool) -> dict:
    """Everything `customers show --json` prints; private values masked unless
    `show_private`."""
    country = profile.country(public)
    text, link = banner(record)
    connection = dict(record["connection"], status=status(record, today))
    if expires_on(record):
        connection["expires"] = expires_on(record)
    done, total = setup_progress(record, country)
    return {
        "name": record["name"],
        "connection": connection,
        "settings": settings(record),
        "owners": record.get("owners", []),
        "banner": {"text": text, "link": link},
        "setup": {
            "done": done,
            "total": total,
            "items": [
                {"item": i, "title": SETUP_ITEMS[i], "state": s}
                for i, s in setup_plan(record, country)
            ],
        },
        "profile": masked_profile(customer_profile(record, public), show_private),
        "differences": differences(record, public),
        "updated": record.get("updated"),
    }


def masked_profile(mine: dict, show_private: bool) -> dict:
    if show_private:
        return mine
    result = profile.view(mine, show_private=False)
    for key in (
        "legal_entity",
        "invoice_from",
        "ship_from",
        "invoicing",
        "virtual_card",
    ):
        if key in mine:
            result[key] = mine[key]
    if "remit_to" in mine:
        result["remit_to"] = entities.mask_address(mine["remit_to"])
    if "bank" in mine:
        result["bank"] = entities.mask_account(mine["bank"])
    return result


def profile_rows(record: dict, public: dict, show_private: bool):
    """(label, value, public value or None) for each line of the customer profile;
    the third is given only where the customer's value differs from the public."""
    mine = customer_profile(record, public)
    shown_mine = profile.view(mine, show_private)
    shown_public = profile.view(public, show_private)
    rows = []
    for field in registry.FIELDS:
        value = shown_mine.get(field.section, {}).get(field.name)
        other = shown_public.get(field.section, {}).get(field.name)
        if value is None and other is None:
            continue
        differs = profile.get(mine, field.key) != profile.get(public, field.key)
        rows.append(
            (
                field.label,
                value,
                (other if other is not None else "") if differs else None,
            )
        )
    return rows + _own_rows(mine, show_private)


def _own_rows(mine: dict, show_private: bool) -> list:
    rows = []
    if mine.get("legal_entity"):
        rows.append(("Legal entity", mine["legal_entity"], None))
    for role in OWN_ADDRESSES:
        address = mine.get(role)
        if role == "remit_to" and address and not show_private:
            address = entities.mask_address(address)
        if address:
            code = f" {address['code']}" if address.get("code") else ""
            rows.append(
                (entities.ROLES[role] + code, entities.address_line(address), None)
            )
    for item in ("invoicing", "virtual_card"):
        for field in ITEM_FIELDS[item]:
            value = mine.get(item, {}).get(field.name)
            if value is not None:
                rows.append((field.label, value, None))
    if mine.get("bank"):
        bank = mine["bank"] if show_private else entities.mask_account(mine["bank"])
        rows.append(("Bank account", entities.account_line(bank), None))
    return rows


# The shape of a stored record, beyond what storage checks of every file.


def shape_problems(record: dict) -> list[tuple[str, str]]:
    """(key, what it must be) for each value of a customer record read from a
    file that the commands could not use, in the customer profile's own
    addresses, invoicing, virtual card and bank tables."""
    found = []
    mine = record.get("profile", {})
    for role in OWN_ADDRESSES:
        for part, value in mine.get(role, {}).items():
            found += _shape(f"profile.{role}.{part}", value,
                            bool if part == "na" else str,
                            part in (*registry.ADDRESS_PARTS, "code", "na"))
    for item, fields in ITEM_FIELDS.items():
        types = {f.name: {"boolean": bool, "list": list}.get(f.type, str)
                 for f in fields}
        for name, value in mine.get(item, {}).items():
            found += _shape(f"profile.{item}.{name}", value, types.get(name, str),
                            name in types)
    for name, value in mine.get("bank", {}).items():
        found += _shape(f"profile.bank.{name}", value, str, name in banking.KEYS)
    return found


def _texts(items: list) -> list:
    return [item if isinstance(item, str) else None for item in items]


def _shape(key: str, value: object, kind: type, known: bool) -> list:
    if not known:
        return [(key, "is not a key this table holds")]
    words = {bool: "true or false", list: "a list of texts", str: "text"}[kind]
    if not isinstance(value, kind) or (kind is list and None in _texts(value)):
        return [(key, f"must be {words}")]
    return []
