"""`supplier entities ...`: the supplier's legal entities, their addresses and
bank accounts."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from supplier_cli import entities, render
from supplier_cli.errors import Refused, UsageError

app = typer.Typer(
    no_args_is_help=True,
    help="Keep your legal entities: tax registration, addresses and bank accounts.",
)

Name = Annotated[str, typer.Argument(metavar="NAME", help="The legal entity's name.")]
Changes = Annotated[
    Optional[list[str]],
    typer.Argument(metavar="[KEY=VALUE]...",
                   help="tax_registration=..., invoice_from.PART=..., "
                   "remit_to.PART=..., ship_from.PART=...; PART is street1, street2, "
                   "city, region, postal_code or country; an address may also be "
                   "N/A, company (the public profile's) or invoice_from."),
]
RemitCode = Annotated[
    Optional[str],
    typer.Option("--remit-to", metavar="CODE",
                 help="The remit-to code that remit_to.PART changes (added if new)."),
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ShowPrivate = Annotated[
    bool,
    typer.Option("--show-private",
                 help="Show tax registration, remit-to and bank unmasked."),
]


@app.command()
def add(
    ctx: typer.Context,
    name: Name,
    country: Annotated[
        str, typer.Option("--country", metavar="CC", help="Fixed once created.")
    ],
    changes: Changes = None,
    remit_to: RemitCode = None,
):
    """Add a legal entity with its addresses.

    Example: supplier entities add "Atelier Exemple SARL" --country FR
    tax_registration=FR40303265045 invoice_from=company --remit-to RT-1
    remit_to=invoice_from ship_from=N/A
    """
    name = entities.check_name(name)
    pairs = entities.parse_assignments(changes or [])
    store = ctx.obj

    with store.locked():
        known = store.find_entity(name)
        if known is not None:
            raise Refused(
                f"There is already a legal entity '{known['name']}'.",
                hint="Change it with `supplier entities set NAME KEY=VALUE`.",
            )
        public, _ = store.load_profile()
        entity = entities.create(name, country, pairs, public.get("address", {}),
                                 remit_to)
        store.save_entity(entity)

    render.success(f"Added the legal entity {entity['name']} ({entity['country']}).")


@app.command(name="set")
def set_(ctx: typer.Context, name: Name, changes: Changes = None,
         remit_to: RemitCode = None):
    """Change a legal entity's tax registration or addresses (not its country).

    Example: supplier entities set "Atelier Exemple SARL" --remit-to RT-2
    remit_to.street1="1 quai Exemple" remit_to.city=Lyon remit_to.postal_code=69001
    remit_to.country=FR
    """
    if not changes:
        raise UsageError("Nothing to change; give KEY=VALUE changes.")
    pairs = entities.parse_assignments(changes)
    store = ctx.obj

    with store.locked():
        public, _ = store.load_profile()
        current = store.entity(entities.check_name(name))
        entity = entities.change(current, pairs, public.get("address", {}), remit_to)
        store.save_entity(entity)

    render.success(f"Saved {len(pairs)} change(s) to {entity['name']}.")


def _option(name: str, metavar: str, text: str):
    return Annotated[Optional[str], typer.Option(name, metavar=metavar, help=text)]


Holder = _option("--holder", "NAME", "The account holder (default: the entity).")
Country = _option("--country", "CC", "The account's country (default: the entity's).")
Iban = _option("--iban", "IBAN", "In a country that uses IBANs.")
Bic = _option("--bic", "BIC", "8 or 11 characters; found from the IBAN where the "
              "bank is known.")
Account = _option("--account", "NUMBER", "The account number, where there is no IBAN.")
Routing = _option("--routing", "CODE", "US ABA routing number, AU BSB, CA "
                  "transit-institution, or another bank code.")
Currency = _option("--currency", "CODE", "ISO 4217, such as EUR.")


@app.command(name="add-bank")
def add_bank(
    ctx: typer.Context,
    name: Name,
    holder: Holder = None,
    country: Country = None,
    iban: Iban = None,
    bic: Bic = None,
    account: Account = None,
    routing: Routing = None,
    currency: Currency = None,
):
    """Add a bank account to a legal entity, checked offline first.

    Example: supplier entities add-bank "Atelier Exemple SARL"
    --iban "FR14 2004 1010 0505 0001 3M02 606"
    """
    store = ctx.obj

    with store.locked():
        entity = store.entity(entities.check_name(name))
        given = {
            "account_holder": holder or entity["name"], "country": country,
            "iban": iban, "bic": bic, "account_number": account,
            "routing_number": routing, "currency": currency,
        }
        entity, added = entities.add_bank_account(entity, given)
        store.save_entity(entity)

    number = added.get("iban") or added["account_number"]
    bank = f" at {added['bank_name']}" if added.get("bank_name") else ""
    render.success(f"Added the account ending {number[-4:]}{bank} to "
                   f"{entity['name']}.")


@app.command(name="list")
def list_(ctx: typer.Context, json: Json = False):
    """List the legal entities (tax registrations and bank details masked)."""
    found = ctx.obj.entity_records()

    if json:
        render.print_json([entities.data(entity, False) for entity in found])
    else:
        render.entities_table([entities.summary(entity) for entity in found])


@app.command()
def show(ctx: typer.Context, name: Name, show_private: ShowPrivate = False,
         json: Json = False):
    """Show a legal entity: tax registration, addresses and bank accounts."""
    entity = ctx.obj.entity(entities.check_name(name))

    if json:
        render.print_json(entities.data(entity, show_private))
    else:
        render.pairs(entities.rows(entity, show_private), title=entity["name"])
