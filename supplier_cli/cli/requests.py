"""`supplier requests ...`: receive, answer and track customers' requests."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path
from typing import Annotated, Optional

import typer

from supplier_cli import render, request_answers
from supplier_cli import request_states as states
from supplier_cli import requests as forms
from supplier_cli.errors import (
    BadDataFile,
    Interrupted,
    InvalidAnswers,
    InvalidValue,
    NotFound,
    Refused,
    UsageError,
)
from supplier_cli.storage import Store

app = typer.Typer(
    no_args_is_help=True,
    help="Receive, answer and track the information requests customers send.",
)

Customer = Annotated[
    str, typer.Argument(metavar="CUSTOMER", help="The customer's name.")
]
RequestId = Annotated[str, typer.Argument(metavar="ID", help="The request's id.")]
Json = Annotated[bool, typer.Option("--json", help="Print JSON.")]
ShowPrivate = Annotated[
    bool, typer.Option("--show-private", help="Show private values unmasked.")
]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def _customer(store: Store, name: str) -> str:
    """The stored customer's name for `name` (exact, else ignoring case when
    only one matches, as the store finds it)."""
    if store.load_customer(name) is not None:
        return name
    try:
        return store.customer(name)["name"]
    except NotFound:
        raise NotFound(
            f"There is no customer named '{name}'.",
            hint="See `supplier customers list`; "
            "add one with `supplier customers connect`.",
        ) from None


def _load(store: Store, customer: str, request_id: str):
    """(customer, record, form) of a stored request, or NotFound."""
    customer = _customer(store, customer)
    record = store.load_request(customer, request_id)
    if record is None:
        raise NotFound(
            f"{customer} has no information request '{request_id}'.",
            hint="See `supplier requests list --customer "
            f"{shlex.quote(customer)} --all`.",
        )
    source = str(store.request_path(customer, request_id))
    states.check_record(record, source)
    form = forms.parse({"format": forms.FORMAT} | record["request"], source)
    return customer, record, form


def _again(customer: str, request_id: str, command: str = "answer") -> str:
    return (
        f"supplier requests {command} {shlex.quote(customer)} {shlex.quote(request_id)}"
    )


@app.command()
def receive(ctx: typer.Context, file: Annotated[Path, typer.Argument(metavar="FILE")]):
    """Import a request file a customer sent.

    A file that breaks the format is refused whole. Receiving the same id again
    replaces the request only while it has not been answered.
    """
    from supplier_cli import storage

    store = ctx.obj
    data = storage.read_toml(file)
    form = forms.parse(data, str(file))
    customer = _customer(store, form.customer)
    body = data | {"customer": customer}

    with store.locked():
        existing = store.load_request(customer, form.id)
        if existing is not None and states.is_answered(existing):
            raise Refused(
                f"{form.id} from {customer} is already {existing['status']}; "
                "the file was not imported again.",
                hint="Ask the customer to send changes under a new request id.",
            )
        record = states.new_record(body, _now())
        if existing is not None:
            record["history"] = existing["history"] + record["history"]
        path = store.save_request(record)

    if existing is not None:
        render.success(
            f"Updated {form.id} from {customer}: it had not been answered yet."
        )
    else:
        render.success(f"Received {form.id} from {customer}: {form.title}")
    if store.verbose:
        render.message(f"Saved {path}.")


@app.command(name="list")
def list_(
    ctx: typer.Context,
    customer: Annotated[
        Optional[str], typer.Option("--customer", help="Only this customer's.")
    ] = None,
    status: Annotated[
        Optional[str],
        typer.Option(
            "--status",
            help="Only those in this state: " + ", ".join(states.STATES) + ".",
        ),
    ] = None,
    all_: Annotated[bool, typer.Option("--all", help="Approved requests too.")] = False,
    json: Json = False,
):
    """List pending requests, soonest due first."""
    if status is not None and status not in states.STATES:
        raise UsageError(
            f"--status {status}: not a state; use one of "
            + ", ".join(states.STATES)
            + "."
        )
    store = ctx.obj
    name = _customer(store, customer) if customer else None

    heads = (
        states.check_head(head, str(path)) for path, head in store.request_heads(name)
    )
    rows = states.summaries(heads, dt.date.today(), status, all_)

    if json:
        render.print_json(rows)
    else:
        render.requests_table(rows)


@app.command()
def show(
    ctx: typer.Context,
    customer: Customer,
    request_id: RequestId,
    json: Json = False,
    show_private: ShowPrivate = False,
):
    """Show a request with its answers and history."""
    customer, record, form = _load(ctx.obj, customer, request_id)

    data = states.details(record, form, show_private)
    if json:
        render.print_json(data)
        return
    render.request_sheet(*_sheet(data))


def _sheet(data: dict):
    header = [
        ("Customer", data["customer"]),
        ("ID", data["id"]),
        ("Title", data["title"]),
        ("Status", data["status"] + (" (applied)" if data["applied"] else "")),
        ("Revision", str(data["revision"])),
        ("Sent", render.display(data["sent"])),
        ("Due", render.display(data["due"]) if data["due"] else "none"),
    ]
    if data.get("submitted"):
        header.append(("Submitted", _when(data["submitted"])))
    if data.get("comment"):
        header.append(("Customer's comment", data["comment"]))
    sections = []
    for section in data["sections"]:
        if section.get("na"):
            rows = [("N/A", "")]
        else:
            rows = [
                (
                    field["label"] + (" *" if field["required"] else ""),
                    "" if field["answer"] is None else render.display(field["answer"]),
                )
                for field in section["fields"]
            ]
        sections.append((section["title"], rows))
    history = [
        (
            _when(entry["when"]),
            entry.get("from", "received"),
            entry["to"],
            entry["command"]
            + (f": {entry['comment']}" if entry.get("comment") else ""),
        )
        for entry in data["history"]
    ]
    return header, sections, history


def _when(value: object) -> str:
    """A moment to the minute, in UTC: a history row fits 80 columns."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return render.display(value)


@app.command()
def answer(
    ctx: typer.Context,
    customer: Customer,
    request_id: RequestId,
    answers: Annotated[
        Optional[Path],
        typer.Option(
            "--answers",
            metavar="FILE",
            help="Take the answers from a TOML file, without prompts.",
        ),
    ] = None,
    submit: Annotated[
        bool, typer.Option("--submit", help="With --answers: submit for approval.")
    ] = False,
):
    """Fill in a request, review it, submit it.

    Mapped fields start from the customer profile, else the public profile. At the
    end a review shows what differs from what the customer has on file; then save
    a draft or submit for approval. Ctrl-C keeps the answers given as a draft.

    \b
    Example:
      supplier requests answer "Acme Manufacturing" SIM-2026-0042
    """
    store = ctx.obj
    if answers is not None:
        return _answer_from_file(store, customer, request_id, answers, submit)
    if submit:
        raise UsageError(
            "--submit goes with --answers FILE; without it, you are "
            "asked whether to submit at the end."
        )
    from supplier_cli import prompts

    prompts.require_terminal("--answers FILE")
    customer, record, form = _load(store, customer, request_id)
    _check_allowed(record, "save")
    comment = states.decline_comment(record)
    if comment:
        render.notice(f"{customer} declined it: {comment}")

    _answer_in_terminal(store, customer, record, form)


def _check_allowed(record: dict, action: str) -> None:
    if action not in states.allowed(record):
        raise states.refusal(record, action)


def _context(store: Store, customer: str, record: dict, form):
    """(what the customer has on file, the country for phones and tax IDs)."""
    from supplier_cli import profile

    public, _ = store.load_profile()
    filed = request_answers.on_file(
        form, store.customer_profile(customer), public, record.get("approved")
    )
    return filed, profile.country(public)


def _answer_from_file(
    store: Store, customer: str, request_id: str, path: Path, submit: bool
) -> None:
    from supplier_cli import storage

    given = _answers_table(storage.read_toml(path), path)

    with store.locked():
        customer, record, form = _load(store, customer, request_id)
        _check_allowed(record, "submit" if submit else "save")
        filed, country = _context(store, customer, record, form)
        merged = request_answers.merge_answers(
            form, request_answers.prefill(form, record["answers"], filed), given
        )
        checked = request_answers.check_answers(form, merged, country, complete=submit)
        checked = _store_files(store, customer, form, checked)
        change = states.submit if submit else states.save_answers
        record = change(
            record,
            request_answers.in_form_order(form, checked),
            _now(),
            "answer --answers",
        )
        store.save_request(record)

    changed = sum(row.changed for row in request_answers.review(form, checked, filed))
    done = "submitted for approval" if submit else "saved as a draft"
    render.success(
        f"{request_id} {done}: {changed} answer(s) differ from what "
        f"{customer} has on file."
    )


def _answers_table(data: dict, path: Path) -> dict:
    version = data.get("format", forms.FORMAT)
    if version != forms.FORMAT or isinstance(version, bool):
        raise BadDataFile(
            f"{path}: 'format' must be {forms.FORMAT}, not {version!r}.",
            hint="A file from a newer version of supplier is not read; "
            f"write it with format = {forms.FORMAT}.",
        )
    unknown = [key for key in data if key not in ("format", "answers")]
    if unknown or not isinstance(data.get("answers"), dict):
        raise InvalidAnswers(
            f"{path}: expected an [answers] table, keyed by section then field.",
            [(key, "not known here") for key in unknown],
        )
    return data["answers"]


def _store_files(store: Store, customer: str, form, answers: dict) -> dict:
    """Answers with each attached file copied into the store, by its store path."""
    found = []
    for question in form.questions():
        value = request_answers.answer_of(answers, question.key)
        if question.type != "file" or value is None:
            continue
        if str(value).startswith("customers/") and (store.root / str(value)).is_file():
            continue
        try:
            answers[question.section][question.id] = store.add_answer_file(
                customer, str(value)
            )
        except InvalidValue as error:
            found.append((question.key, error.message))
    if found:
        raise InvalidAnswers("Some answers are not valid; nothing was saved.", found)
    return answers


def _answer_in_terminal(store: Store, customer: str, record: dict, form) -> None:
    from supplier_cli import request_wizard

    filed, country = _context(store, customer, record, form)
    working = request_answers.visible(form, record["answers"])
    defaults = request_answers.prefill(form, working, filed)
    try:
        request_wizard.ask_form(form, working, defaults, country)
        checked = request_answers.check_answers(form, working, country, complete=False)
        _review(form, checked, filed)
        missing = request_answers.required_problems(form, checked)
        if missing:
            render.error(
                "Some required answers are missing; it can be saved as a draft only.",
                problems=missing,
            )
        action = request_wizard.choose_action(can_submit=not missing)
    except Interrupted:
        kept = _keep_draft(store, customer, form, working, country)
        raise Interrupted(
            "Stopped; the answers given so far are kept as a draft."
            if kept
            else "Stopped; nothing was saved.",
            hint=f"Run `{_again(customer, form.id)}` to go on.",
        ) from None

    submit = action == request_wizard.SUBMIT
    _save(store, customer, form, checked, submit)
    if not submit:
        return
    try:
        _offer_copy(store, form, checked)
    except Interrupted:
        raise Interrupted(
            f"Stopped; {form.id} is submitted, and the public profile was not "
            "changed.",
            hint=f"Copy the answers later with `{_again(customer, form.id, 'copy')}`.",
        ) from None


def _review(form, answers: dict, filed: dict) -> None:
    rows = request_answers.review(form, answers, filed)
    render.changes(
        "Review: your answers against what the customer has on file",
        [_row(form, row) for row in rows],
    )
    changed = sum(row.changed for row in rows)
    render.message(f"{changed} answer(s) differ from what the customer has on file.")


def _row(form, row, show_private: bool = False) -> tuple[str, str, str, str]:
    question = form.question(row.key)

    def shown(value):
        if question is not None:
            value = request_answers.shown_value(question, value, show_private)
        elif row.private and value not in (None, request_answers.NA) and not (
            show_private
        ):
            from supplier_cli import profile

            value = profile.mask(value)
        return "" if value is None else render.display(value)

    return row.mark, row.label, shown(row.old), shown(row.new)


def _keep_draft(store: Store, customer: str, form, working: dict, country) -> bool:
    """Save what was answered before Ctrl-C as a draft; False if nothing was."""
    try:
        checked = request_answers.check_answers(form, working, country, complete=False)
    except InvalidAnswers:
        return False
    with store.locked():
        record = store.load_request(customer, form.id)
        if record is None or "save" not in states.allowed(record):
            return False
        if not checked and not record["answers"]:
            return False
        store.save_request(states.save_answers(record, checked, _now(), "answer"))
    return True


def _save(store: Store, customer: str, form, answers: dict, submit: bool) -> None:
    with store.locked():
        _, record, _ = _load(store, customer, form.id)
        answers = _store_files(store, customer, form, answers)
        change = states.submit if submit else states.save_answers
        record = change(
            record, request_answers.in_form_order(form, answers), _now(), "answer"
        )
        store.save_request(record)
    if submit:
        render.success(f"{form.id} is submitted for approval.")
    else:
        render.success(
            f"{form.id} is saved as a draft. "
            f"Run `{_again(customer, form.id)}` to go on."
        )


def _offer_copy(store: Store, form, answers: dict) -> None:
    from supplier_cli import request_wizard

    public, _ = store.load_profile()
    plan = request_answers.copy_plan(form, answers, public)
    if not any(row.changed for row in plan):
        return
    _preview(form, plan, show_private=False)
    if request_wizard.confirm_copy():
        _copy(store, form, answers)


def _preview(form, plan, show_private: bool) -> None:
    render.changes(
        "Copy to public profile",
        [_row(form, row, show_private) for row in plan],
        old="Public profile now",
        new="After copying",
    )


def _copy(store: Store, form, answers: dict) -> None:
    with store.locked():
        current, meta = store.load_profile()
        plan = request_answers.copy_plan(form, answers, current)
        store.save_profile(request_answers.apply_copy(current, plan), meta)
    changed = sum(row.changed for row in plan)
    render.success(f"Copied {changed} field(s) to the public profile.")


@app.command()
def withdraw(ctx: typer.Context, customer: Customer, request_id: RequestId):
    """Take back a submitted request, as a draft with its answers."""
    _change(ctx.obj, customer, request_id, "withdraw")


@app.command()
def update(ctx: typer.Context, customer: Customer, request_id: RequestId):
    """Reopen an approved request as a new revision."""
    record = _change(ctx.obj, customer, request_id, "update")
    render.message(
        f"Revision {record['revision']} is a draft; change it with "
        f"`{_again(record['request']['customer'], request_id)}`."
    )


def _change(
    store: Store, customer: str, request_id: str, *actions: str, comment: str = ""
) -> dict:
    with store.locked():
        customer, record, _ = _load(store, customer, request_id)
        for action in actions:
            record = states.transition(
                record, action, _now(), states.COMMANDS[action], comment
            )
        store.save_request(record)
    applied = " (applied)" if record["applied"] else ""
    render.success(
        f"{request_id} from {customer} is now "
        f"{record['status'].replace('_', ' ')}{applied}."
    )
    return record


@app.command()
def record(
    ctx: typer.Context,
    customer: Customer,
    request_id: RequestId,
    approved: Annotated[
        bool, typer.Option("--approved", help="The customer approved it.")
    ] = False,
    declined: Annotated[
        bool, typer.Option("--declined", help="The customer declined it.")
    ] = False,
    applied: Annotated[
        bool,
        typer.Option("--applied", help="The customer applied the approved answers."),
    ] = False,
    comment: Annotated[
        str,
        typer.Option(
            "--comment", metavar="TEXT", help="The customer's reason, with --declined."
        ),
    ] = "",
):
    """Record the customer's decision on a request.

    --applied alone records later that the customer applied an approved request.

    \b
    Example:
      supplier requests record "Acme Manufacturing" SIM-2026-0042 --approved --applied
    """
    if approved == declined and not (applied and not approved and not declined):
        raise UsageError("Give --approved or --declined (or --applied alone).")
    if declined and applied:
        raise UsageError("A declined request cannot be applied; give --declined alone.")
    if comment and not declined:
        raise UsageError("--comment goes with --declined.")

    actions = (["approve"] if approved else []) + (["decline"] if declined else [])
    actions += ["apply"] if applied else []
    _change(ctx.obj, customer, request_id, *actions, comment=comment)


@app.command()
def copy(
    ctx: typer.Context,
    customer: Customer,
    request_id: RequestId,
    yes: Annotated[bool, typer.Option("--yes", help="Copy without asking.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Only show the preview.")
    ] = False,
    show_private: ShowPrivate = False,
):
    """Copy submitted answers to the public profile.

    Only the fields the spec lists are copied; a preview shows each change first.
    """
    store = ctx.obj
    customer, record, form = _load(store, customer, request_id)
    if "submitted" not in record:
        raise Refused(
            f"{request_id} is {record['status']}; only submitted answers are copied.",
            hint=f"Submit it first: `{_again(customer, request_id)}`.",
        )
    public, _ = store.load_profile()

    plan = request_answers.copy_plan(form, record["answers"], public)
    if not plan:
        render.message(
            f"{request_id} answers none of the fields copied to the public profile "
            "(name, industry, description, website, bribery and corruption policy, "
            "address, primary contact, PO delivery email, DUNS); nothing to copy."
        )
        return
    if not any(row.changed for row in plan):
        render.message(
            "The public profile already holds these answers; nothing to copy."
        )
        return
    _preview(form, plan, show_private)
    if dry_run:
        return
    if not yes:
        from supplier_cli import prompts, request_wizard

        prompts.require_terminal("--yes")
        try:
            confirmed = request_wizard.confirm_copy()
        except Interrupted:
            raise Interrupted("Stopped; the public profile was not changed.") from None
        if not confirmed:
            render.message("The public profile was not changed.")
            return

    _copy(store, form, record["answers"])


@app.command()
def export(
    ctx: typer.Context,
    customer: Customer,
    request_id: RequestId,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to FILE instead of printing."
        ),
    ] = None,
):
    """Write the response file for the customer.

    It holds the private values the request asked for. Exporting the same
    revision again gives the same bytes.
    """
    store = ctx.obj
    customer, record, form = _load(store, customer, request_id)
    if "submitted" not in record:
        raise Refused(
            f"{request_id} is {record['status']} and has no submitted "
            "answers to export.",
            hint=f"Submit it first: `{_again(customer, request_id)}`.",
        )

    data = states.response(record, form)

    if output is None:
        render.raw(store.toml_text(data))
        return
    _write_response(store, output, data)
    render.success(f"Wrote the response to {output}.")


def _write_response(store: Store, output: Path, data: dict) -> None:
    if output.is_dir():
        raise UsageError(
            f"--output {output}: is a folder; give the file to write, "
            f"such as {output / 'response.toml'}."
        )
    try:
        store.write_file(output, data)
    except OSError as error:
        raise UsageError(
            f"--output {output}: cannot be written ({error.strerror}).",
            hint="Give a file in a folder you can write to.",
        ) from None
