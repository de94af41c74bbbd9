"""The lifecycle of an information request (DOMAIN.md). Pure: no I/O, no terminal.

A stored request is a record (a dict, the shape of its TOML file):

    status, revision, applied, received, submitted (while submitted),
    request   the request as received (its form)
    answers   the answers, by section then field
    approved  the answers of the last approved revision
    history   every transition: when, from, to, command (and a comment)

Each change returns a new record; an action the state does not allow raises
Refused naming what the state allows.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable

from supplier_cli.errors import BadDataFile, Refused

STATES = ("requested", "draft", "pending_approval", "approved", "declined")
PENDING = ("requested", "draft", "pending_approval", "declined")

TRANSITIONS: dict[str, dict[str, str]] = {
    "requested": {"save": "draft", "submit": "pending_approval"},
    "draft": {"save": "draft", "submit": "pending_approval"},
    "pending_approval": {
        "withdraw": "draft",
        "approve": "approved",
        "decline": "declined",
    },
    "approved": {"update": "draft", "apply": "approved"},
    "declined": {"save": "draft", "submit": "pending_approval"},
}

# The command recorded in the history for each action.
COMMANDS = {
    "save": "answer",
    "submit": "answer",
    "withdraw": "withdraw",
    "approve": "record --approved",
    "decline": "record --declined",
    "update": "update",
    "apply": "record --applied",
}
# What each action is called in a refusal, and the options its command needs.
PHRASES = {
    "save": ("answer it", "answer", ""),
    "submit": ("submit it", "answer", ""),
    "withdraw": ("withdraw it", "withdraw", ""),
    "approve": ("record its approval", "record", " --approved"),
    "decline": ("record a decline", "record", " --declined"),
    "update": ("update it", "update", ""),
    "apply": ("record that the customer applied it", "record", " --applied"),
}
VERBS = {
    "save": "answered",
    "submit": "submitted",
    "withdraw": "withdrawn",
    "approve": "recorded as approved",
    "decline": "recorded as declined",
    "update": "updated",
    "apply": "recorded as applied",
}
NOT_APPLIED = (
    "The customer may first need to apply the previously approved request; "
    "talk to the customer, then record it with `{command}`."
)


def new_record(request: dict, now: dt.datetime) -> dict:
    """The record of a request just received."""
    body = {k: v for k, v in request.items() if k != "format"}
    return {
        "status": "requested",
        "revision": 1,
        "applied": False,
        "received": now,
        "request": body,
        "answers": {},
        "history": [{"when": now, "to": "requested", "command": "receive"}],
    }


def is_answered(record: dict) -> bool:
    return record["status"] != "requested" or bool(record.get("answers"))


def allowed(record: dict) -> list[str]:
    """The actions the record's state allows now."""
    actions = list(TRANSITIONS[record["status"]])
    if record["status"] == "approved":
        actions.remove("update" if not record.get("applied") else "apply")
    return actions


def command_line(record: dict, action: str) -> str:
    """The command that does `action` on this request, ready to paste."""
    import shlex

    _, command, options = PHRASES[action]
    request = record["request"]
    names = f"{shlex.quote(request['customer'])} {shlex.quote(request['id'])}"
    return f"supplier requests {command} {names}{options}"


def refusal(record: dict, action: str) -> Refused:
    name = record["request"]["id"]
    status = record["status"]
    if (
        status == "approved"
        and action in ("withdraw", "update")
        and not record.get("applied")
    ):
        return Refused(
            f"{name} is approved and cannot be {VERBS[action]} yet.",
            hint=NOT_APPLIED.format(command=command_line(record, "apply")),
        )
    if status == "approved" and action == "apply":
        return Refused(
            f"{name} is already recorded as applied.",
            hint=f"To change it, use `{command_line(record, 'update')}`.",
        )
    by_command: dict[str, list[str]] = {}
    for option in allowed(record):
        by_command.setdefault(command_line(record, option), []).append(
            PHRASES[option][0]
        )
    choices = "; ".join(
        f"{' or '.join(phrases)}: `{line}`" for line, phrases in by_command.items()
    )
    return Refused(
        f"{name} is {status.replace('_', ' ')}, so it cannot be {VERBS[action]}.",
        hint=f"In that state you can {choices}.",
    )


def transition(
    record: dict, action: str, now: dt.datetime, command: str, comment: str = ""
) -> dict:
    """The record after `action`, with the transition added to its history."""
    if action not in allowed(record):
        raise refusal(record, action)
    result = copy.deepcopy(record)
    before = result["status"]
    after = TRANSITIONS[before][action]
    result["status"] = after
    if action == "submit":
        result["submitted"] = now
    elif action == "withdraw":
        result.pop("submitted", None)
    elif action == "approve":
        result["applied"] = False
        result["approved"] = copy.deepcopy(result.get("answers", {}))
    elif action == "apply":
        result["applied"] = True
    elif action == "update":
        result["revision"] += 1
        result["applied"] = False
        result.pop("submitted", None)
    entry = {
        "when": now,
        "from": before,
        "to": after,
        "command": command,
        "revision": result["revision"],
    }
    if comment:
        entry["comment"] = comment
    result["history"].append(entry)
    return result


def save_answers(record: dict, answers: dict, now: dt.datetime, command: str) -> dict:
    """The record with `answers` kept as a draft."""
    result = transition(record, "save", now, command)
    result["answers"] = answers
    return result


def submit(record: dict, answers: dict, now: dt.datetime, command: str) -> dict:
    """The record with `answers` submitted for approval (checked by the caller)."""
    result = transition(record, "submit", now, command)
    result["answers"] = answers
    return result


def decline_comment(record: dict) -> str:
    """The comment of the latest decline, while the request is declined."""
    if record["status"] != "declined":
        return ""
    last = record["history"][-1]
    return last.get("comment", "")


def check_record(record: object, source: str) -> dict:
    """A stored record, or BadDataFile naming the file and the key at fault."""
    _check_state(record, source)
    for key, kind in (
        ("applied", bool),
        ("request", dict),
        ("answers", dict),
        ("history", list),
    ):
        if not isinstance(record.get(key), kind):
            raise BadDataFile(f"{source}: key '{key}' is missing or of the wrong type.")
    for key in ("received", "submitted"):
        if key in record and not isinstance(record[key], dt.datetime):
            raise BadDataFile(f"{source}: key '{key}' must be a date and time.")
    for key in ("answers", "approved"):
        tables = record.get(key, {})
        if not isinstance(tables, dict) or not all(
            isinstance(table, dict) for table in tables.values()
        ):
            raise BadDataFile(
                f"{source}: key '{key}' must hold a table for each section, "
                f"such as [{key}.company]."
            )
    for number, entry in enumerate(record["history"], start=1):
        _check_history_entry(entry, f"{source}: key 'history[{number}]'")
    return record


def _check_history_entry(entry: object, where: str) -> None:
    if not isinstance(entry, dict):
        raise BadDataFile(f"{where} must be a table with when, to and command.")
    if not isinstance(entry.get("when"), dt.datetime):
        raise BadDataFile(f"{where}.when must be a date and time.")
    if entry.get("to") not in STATES or entry.get("from", "requested") not in STATES:
        raise BadDataFile(f"{where}: 'from' and 'to' must be states, one of "
                          f"{', '.join(STATES)}.")
    for key in ("command", "comment"):
        if not isinstance(entry.get(key, ""), str):
            raise BadDataFile(f"{where}.{key} must be text.")
    if "command" not in entry:
        raise BadDataFile(f"{where} has no command.")


def check_head(head: object, source: str) -> dict:
    """The head of a stored record (what `summary` reads: the state, and the
    request's id, customer, title and dates), or BadDataFile naming the file and
    the key at fault."""
    _check_state(head, source)
    for key, kind in (("applied", bool), ("request", dict)):
        if not isinstance(head.get(key), kind):
            raise BadDataFile(f"{source}: key '{key}' is missing or of the wrong type.")
    request = head["request"]
    for key in ("id", "customer", "title"):
        if not isinstance(request.get(key), str):
            raise BadDataFile(f"{source}: key 'request.{key}' must be text.")
    for key in ("sent", "due"):
        value = request.get(key)
        if key == "due" and value is None:
            continue
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            raise BadDataFile(
                f"{source}: key 'request.{key}' must be a TOML date such as 2026-11-20."
            )
    return head


def _check_state(record: object, source: str) -> None:
    if not isinstance(record, dict):
        raise BadDataFile(f"{source}: expected a table.")
    if record.get("status") not in STATES:
        raise BadDataFile(
            f"{source}: key 'status' must be one of {', '.join(STATES)}.",
            hint="Fix it by hand, or receive the request again.",
        )
    revision = record.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or revision < 1:
        raise BadDataFile(f"{source}: key 'revision' must be a whole number from 1.")


# What the commands show and export.

OPEN = ("requested", "draft", "declined")


def summary(record: dict, today: dt.date) -> dict:
    request = record["request"]
    due = request.get("due")
    return {
        "customer": request["customer"],
        "id": request["id"],
        "title": request["title"],
        "status": record["status"],
        "revision": record["revision"],
        "applied": record["applied"],
        "sent": request["sent"],
        "due": due,
        "overdue": bool(due and due < today and record["status"] in OPEN),
    }


def summaries(
    records: Iterable[dict],
    today: dt.date,
    status: str | None = None,
    everything: bool = False,
) -> list[dict]:
    """The list rows: pending requests (or those in `status`, or all), by due date."""
    rows = [
        summary(record, today)
        for record in records
        if (
            record["status"] == status
            if status
            else everything or record["status"] in PENDING
        )
    ]
    rows.sort(
        key=lambda r: (
            r["due"] is None,
            r["due"] or dt.date.max,
            r["customer"],
            r["id"],
        )
    )
    return rows


def details(record: dict, form, show_private: bool = False) -> dict:
    """A request with its sections, fields and answers, as `show` prints it."""
    from supplier_cli import request_answers

    answers = record["answers"]
    sections = []
    for section in form.sections:
        if not request_answers.section_shown(form, answers, section):
            continue
        table = answers.get(section.id, {})
        entry = {
            "id": section.id,
            "title": section.title,
            "type": section.kind,
            "required": section.required,
        }
        if table.get("na") is True:
            entry["na"] = True
        entry["fields"] = [
            {
                "id": question.id,
                "label": question.label,
                "type": question.type,
                "required": question.required,
                "answer": request_answers.shown_value(
                    question, table.get(question.id), show_private
                ),
            }
            for question in section.questions
            if request_answers.is_shown(form, answers, question)
        ]
        sections.append(entry)
    data = summary(record, dt.date.today()) | {
        "received": record.get("received"),
        "submitted": record.get("submitted"),
        "comment": decline_comment(record),
        "sections": sections,
        "history": record["history"],
    }
    return data


def response(record: dict, form) -> dict:
    """The response file for the customer: the same bytes for the same revision."""
    from supplier_cli import request_answers, requests

    request = record["request"]
    return {
        "format": requests.FORMAT,
        "id": request["id"],
        "customer": request["customer"],
        "revision": record["revision"],
        "submitted": record["submitted"],
        "answers": request_answers.in_form_order(
            form, request_answers.visible(form, record["answers"])
        ),
    }
