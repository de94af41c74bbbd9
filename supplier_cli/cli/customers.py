"""`supplier customers ...`: connections, what each customer allows, customer
profiles and each customer's setup flow."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path
from typing import Annotated, Optional

import typer

from supplier_cli import customers, entities, profile, render, storage
from supplier_cli.errors import BadDataFile, Interrupted, NotFound, UsageError

app = typer.Typer(
    no_args_is_help=True,
    help="Connect with customers and keep each customer profile and setup straight.",
)

Name = Annotated[str, typer.Argument(metavar="NAME", help="The customer's name.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ShowPrivate = Annotated[
    bool,
    typer.Option("--show-private", help="Show tax IDs, remit-to and bank unmasked."),
]
Owners = Annotated[
    Optional[list[str]],
    typer.Option("--owner", metavar='"NAME <EMAIL>"',
                 help="Add a supplier account owner (repeat for several)."),
]
Forms = Annotated[
    Optional[bool],
    typer.Option("--forms/--no-forms",
                 help="Whether it uses information request forms."),
]
DirectEdits = Annotated[
    Optional[bool],
    typer.Option("--direct-edits/--no-direct-edits",
                 help="Whether it lets you edit its customer profile directly."),
]
PortalPayments = Annotated[
    Optional[bool],
    typer.Option("--portal-payments/--no-portal-payments",
                 help="Whether it pays through its portal."),
]
SetupItems = Annotated[
    Optional[str],
    typer.Option("--setup", metavar="ITEMS",
                 help="The setup items it asks for: "
                 + ", ".join(customers.SETUP_ITEMS) + ", all or none."),
]


def _settings(forms, direct_edits, portal_payments, setup) -> dict:
    return {"uses_forms": forms, "direct_edits": direct_edits,
            "portal_payments": portal_payments, "setup": setup}


def _entities(store: storage.Store) -> dict[str, dict]:
    return {entity["name"]: entity for entity in store.entity_records()}


def _existing(store: storage.Store, name: str) -> dict | None:
    """The customer named so (exactly, else ignoring case), or None for a new one."""
    try:
        return store.customer(name)
    except NotFound:
        return None


def _quote(name: str) -> str:
    return shlex.quote(name)


@app.command()
def connect(
    ctx: typer.Context,
    name: Name,
    contact: Annotated[
        Optional[str],
        typer.Option("--contact", metavar="EMAIL",
                     help="Your contact at the customer (needed the first time)."),
    ] = None,
    owner: Owners = None,
    forms: Forms = None,
    direct_edits: DirectEdits = None,
    portal_payments: PortalPayments = None,
    setup: SetupItems = None,
):
    """Send a connection request to a customer, or send it again once expired.

    Example: supplier customers connect "Acme Manufacturing" --contact buyer@acme.example
    """
    store = ctx.obj
    name = customers.check_name(name)
    today = dt.date.today()

    with store.locked():
        known = _existing(store, name)
        record = customers.connect(known, name, contact, today)
        record = customers.configure(
            record, _settings(forms, direct_edits, portal_payments, setup), owner or []
        )
        store.save_customer(record)

    sent = record["connection"]["requests"]
    render.success(
        f"Connection request {len(sent)} of {customers.MAX_REQUESTS} sent to "
        f"{record['name']}; "
        f"it expires after {customers.expires_on(record).isoformat()}."
    )


@app.command()
def record(
    ctx: typer.Context,
    name: Name,
    approved: Annotated[bool, typer.Option("--approved", help="It approved.")] = False,
    rejected: Annotated[bool, typer.Option("--rejected", help="It rejected.")] = False,
):
    """Record the customer's answer to the connection request."""
    if approved == rejected:
        raise UsageError("Give one of --approved or --rejected.")
    store = ctx.obj

    with store.locked():
        public, _ = store.load_profile()
        current = store.customer(name)
        changed = customers.record_answer(current, approved, dt.date.today(), public)
        store.save_customer(changed)

    if approved:
        render.success(
            f"{changed['name']} is connected; its customer profile starts as a copy "
            "of the public profile."
        )
    else:
        render.message(f"Recorded that {changed['name']} rejected the connection.")


@app.command()
def configure(
    ctx: typer.Context,
    name: Name,
    owner: Owners = None,
    remove_owner: Annotated[
        Optional[list[str]],
        typer.Option("--remove-owner", metavar="EMAIL",
                     help="Remove an account owner (repeat for several)."),
    ] = None,
    forms: Forms = None,
    direct_edits: DirectEdits = None,
    portal_payments: PortalPayments = None,
    setup: SetupItems = None,
):
    """Record what a customer allows: account owners, forms, direct edits,
    portal payments and its setup items.

    Example: supplier customers configure Acme --no-forms --direct-edits --setup all
    """
    changes = _settings(forms, direct_edits, portal_payments, setup)
    if not (owner or remove_owner or any(v is not None for v in changes.values())):
        raise UsageError("Nothing to change.", hint="See `supplier customers "
                         "configure --help` for what can be set.")
    store = ctx.obj

    with store.locked():
        current = store.customer(name)
        changed = customers.configure(current, changes, owner or [], remove_owner or [])
        store.save_customer(changed)

    render.success(f"Saved what {changed['name']} allows.")


@app.command(name="list")
def list_(ctx: typer.Context, json: Json = False):
    """List customers: connection, setup progress, pending requests, last update."""
    from supplier_cli.request_states import PENDING, check_head

    store = ctx.obj
    public, _ = store.load_profile()
    today = dt.date.today()

    rows = []
    for current in store.customer_records():
        pending = sum(
            1 for path, head in store.request_heads(current["name"])
            if check_head(head, str(path))["status"] in PENDING
        )
        rows.append(customers.summary(current, public, today, pending))
    rows.sort(key=lambda row: row["name"].casefold())
    if json:
        render.print_json(rows)
    else:
        render.customers_table(rows)


@app.command()
def show(ctx: typer.Context, name: Name, show_private: ShowPrivate = False,
         json: Json = False):
    """Show a customer: its connection, account owners, setup and customer profile."""
    store = ctx.obj
    current = store.customer(name)
    public, _ = store.load_profile()
    today = dt.date.today()

    if json:
        render.print_json(customers.data(current, public, today, show_private))
        return
    rows = customers.profile_rows(current, public, show_private)
    if "profile" not in current:
        rows = []
    plan = [(customers.SETUP_ITEMS[item], state)
            for item, state in customers.setup_plan(current, profile.country(public))]
    render.customer_sheet(
        customers.facts(current, today),
        customers.setup_progress(current, profile.country(public)),
        customers.banner(current),
        plan,
        rows,
    )
    if "profile" not in current:
        render.message("No customer profile yet: it starts as a copy of the public "
                       "profile once the connection is approved.")


@app.command(name="copy-profile")
def copy_profile(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(metavar="FROM")],
    target: Annotated[str, typer.Argument(metavar="TO")],
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace TO's customer profile.")
    ] = False,
):
    """Start one customer's profile as a copy of another's."""
    store = ctx.obj

    with store.locked():
        public, _ = store.load_profile()
        original = store.customer(source)
        changed = customers.copy_profile(
            original, store.customer(target), public, replace
        )
        store.save_customer(changed)

    render.success(f"The customer profile of {changed['name']} is now a copy of "
                   f"{original['name']}'s.")


@app.command()
def edit(
    ctx: typer.Context,
    name: Name,
    changes: Annotated[list[str], typer.Argument(metavar="KEY=VALUE...")],
):
    """Change the primary contact or remit-to address of a customer profile, when
    the customer allows direct edits.

    Example: supplier customers edit Acme contact.email=ap@example.com remit_to.city=Lyon
    """
    pairs = entities.parse_assignments(changes, example="contact.email=ap@example.com")
    store = ctx.obj

    with store.locked():
        public, _ = store.load_profile()
        current = store.customer(name)
        changed = customers.edit(current, public, pairs, dt.date.today(),
                                 _entities(store))
        store.save_customer(changed)

    render.success(f"Saved {len(pairs)} change(s) to the customer profile of "
                   f"{changed['name']}.")


@app.command()
def setup(
    ctx: typer.Context,
    name: Name,
    answers: Annotated[
        Optional[str],
        typer.Option("--answers", metavar="FILE",
                     help="Take the answers from a TOML file, without prompts."),
    ] = None,
    restart: Annotated[
        bool, typer.Option("--restart", help="Go through every item again.")
    ] = False,
):
    """Run a customer's setup flow; run it again to resume where it stopped."""
    store = ctx.obj
    current = store.customer(name)
    customers.check_can_setup(current, dt.date.today())
    if answers:
        return _setup_from_answers(store, current["name"], answers)
    public, _ = store.load_profile()
    country = profile.country(public)
    items = _items_to_run(current, country, restart)
    if not items:
        return
    from supplier_cli import prompts

    prompts.require_terminal("--answers FILE")

    plan = customers.setup_plan(current, country)
    if any(state == "skipped" for _, state in plan):
        render.notice(customers.financial_notice(country))
    applying = [i for i, state in plan if state != "skipped"]
    for item in items:
        number = applying.index(item) + 1
        _run_item(store, current["name"], item, number, len(applying))
    render.success(f"The setup for {current['name']} is complete.")


def _items_to_run(current: dict, country: str | None, restart: bool) -> list[str]:
    plan = customers.setup_plan(current, country)
    if not plan:
        render.message(
            f"{current['name']} asks for no setup items; choose them with "
            f"`supplier customers configure {_quote(current['name'])} --setup ITEMS`."
        )
        return []
    wanted = ("to do", "done") if restart else ("to do",)
    items = [item for item, state in plan if state in wanted]
    if not items:
        render.message(f"The setup for {current['name']} is complete. Use --restart "
                       "to go through it again.")
    return items


def _run_item(store: storage.Store, name: str, item: str, number: int, total: int):
    from supplier_cli import setup_wizard

    current = store.customer(name)
    public, _ = store.load_profile()
    render.step_header(number, total, customers.SETUP_ITEMS[item])
    try:
        values = setup_wizard.run_item(item, current, public, _entities(store))
    except Interrupted:
        raise Interrupted(
            f"Stopped at setup item {number} of {total}; that item was not saved.",
            hint="Items already done are kept. Run `supplier customers setup "
            f"{_quote(name)}` to resume.",
        ) from None

    with store.locked():
        current = store.customer(name)
        public, _ = store.load_profile()
        store.save_customer(customers.apply_item(current, public, item, values))


def _setup_from_answers(store: storage.Store, name: str, path: str) -> None:
    try:
        answers = storage.read_toml(Path(path))
    except NotFound:
        raise NotFound(f"--answers {path}: no such file.") from None
    if answers.get("format", 1) != 1:
        raise BadDataFile(f"{path}: format {answers['format']} is not known; use 1.")

    with store.locked():
        current = store.customer(name)
        public, _ = store.load_profile()
        given = customers.read_setup_answers(current, public, answers, _entities(store))
        for item, values in given.items():
            current = customers.apply_item(current, public, item, values)
        store.save_customer(current)

    country = profile.country(public)
    plan = customers.setup_plan(current, country)
    if any(item in answers and state == "skipped" for item, state in plan):
        render.notice(customers.financial_notice(country))
    done, total = customers.setup_progress(current, country)
    render.success(f"Saved {len(given)} setup item(s) for {name} from {path}; "
                   f"{done} of {total} done.")
