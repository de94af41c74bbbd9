"""`supplier profile ...`: show, get, set and validate the public profile."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from supplier_cli import onboarding, profile, registry, render
from supplier_cli.errors import InvalidAnswers, InvalidValue

app = typer.Typer(no_args_is_help=True, help="Show and change the public profile.")

ShowPrivate = Annotated[
    bool, typer.Option("--show-private", help="Show tax ID and DUNS unmasked.")
]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]


@app.command()
def show(ctx: typer.Context, show_private: ShowPrivate = False, json: Json = False):
    """Show the public profile by section, with its completeness."""
    data, meta = ctx.obj.load_profile()

    if json:
        render.print_json(profile.public_data(data, show_private))
        return
    updated = meta.get("updated")
    day = updated.date() if isinstance(updated, dt.datetime) else None
    percent = profile.completeness(data)
    colour = profile.completeness_colour(percent, day, dt.date.today())
    render.profile(profile.view(data, show_private), percent, colour, updated)
    if not data:
        render.message("The public profile is empty; build it with `supplier onboard`.")


@app.command()
def get(ctx: typer.Context, key: str, json: Json = False,
        show_private: ShowPrivate = False):
    """Print one field, such as `supplier profile get company.name`."""
    field = registry.lookup(key)
    data, _ = ctx.obj.load_profile()

    value = profile.get(data, field.key)
    if field.private and value is not None and not show_private:
        value = profile.mask(value)
    if json:
        render.print_json(value)
    elif value is not None:
        render.print_value(value)


@app.command(name="set")
def set_(ctx: typer.Context, key: str, value: str):
    """Set one field, checked as the wizard checks it (an empty value clears it).

    Example: supplier profile set address.postal_code 69002
    """
    field = registry.lookup(key)
    if field.type == "certificates":
        raise InvalidValue(f"{key}: certificates are added with `supplier onboard --step 5`.")
    store = ctx.obj

    with store.locked():
        data, meta = store.load_profile()
        try:
            checked = profile.check_value(data, field.key, value)
            if checked is not None and not profile.is_shown(field, data):
                condition = profile.condition_text(field)
                raise InvalidValue(f"asked only when {condition}; change that first")
        except InvalidValue as error:
            raise InvalidValue(f"{field.key}: {error.message.rstrip('.')}.") from None
        profile.put(data, field.key, checked)
        cleared = profile.hidden_keys(data)
        for hidden in cleared:
            profile.put(data, hidden, None)
        store.save_profile(data, meta)

    for hidden in cleared:
        condition = profile.condition_text(registry.BY_KEY[hidden])
        render.message(f"Cleared {hidden}, which is asked only when {condition}.")
    if store.verbose:
        render.message(f"Saved {field.key} in {store.profile_path}.")


@app.command()
def validate(ctx: typer.Context):
    """Check the whole store; list each problem and exit 1 if there is any."""
    data, meta = ctx.obj.load_profile()
    _read_every_file(ctx.obj)

    found = profile.problems(data, onboarding.completed(meta))
    if found:
        raise InvalidAnswers(f"{ctx.obj.profile_path}: {len(found)} problem(s).", found)
    render.success("The store is valid.")


def _read_every_file(store) -> None:
    """Read every customer, request and legal entity file as the commands read
    them; BadDataFile (exit 3) names the first that does not parse or has a value
    of the wrong type."""
    from supplier_cli import request_states, storage
    from supplier_cli import requests as forms

    for record in store.customer_records():
        for path, _ in store.request_heads(record["name"]):
            data = storage.read_toml(path)
            request_states.check_record(data, str(path))
            forms.parse({"format": forms.FORMAT} | data["request"], str(path))
    store.entity_records()
