"""The rendering layer: it owns the console. Data goes to stdout, messages to stderr.

User data is always printed as plain text (never read as markup), and table
cells fold rather than cut, so an identifier is never shortened at any width.
rich is imported only when something is rendered with it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from functools import cache

from supplier_cli import registry


@cache
def out():
    from rich.console import Console

    return Console(markup=False, highlight=False, emoji=False)


@cache
def err():
    from rich.console import Console

    return Console(stderr=True, markup=False, highlight=False, emoji=False)


def safe_streams() -> None:
    """Keep a stdout that cannot encode some characters from crashing."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")


def _json_default(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def print_json(data: object) -> None:
    """`data` as JSON; in JSON's own escapes where stdout cannot encode the text,
    since the stream's escapes (\\xeb) would not parse."""
    text = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        text = json.dumps(data, ensure_ascii=True, indent=2, default=_json_default)
    sys.stdout.write(text + "\n")


def print_value(value: object) -> None:
    """One value, for scripts: plain text, lists one item a line."""
    items = value if isinstance(value, list) else [value]
    for item in items:
        if isinstance(item, bool):
            item = "yes" if item else "no"
        elif isinstance(item, (dt.date, dt.datetime)):
            item = item.isoformat()
        sys.stdout.write(f"{item}\n")


def message(text: str, style: str = "") -> None:
    """A message on stderr. The terminal wraps it, so a command in it can be pasted."""
    from rich.text import Text

    err().print(Text(text, style=style), soft_wrap=True)


def notice(text: str) -> None:
    message(text, "yellow")


def success(text: str) -> None:
    message(text, "green")


def error(text: str, hint: str = "", problems: list[tuple[str, str]] = ()) -> None:
    from rich.text import Text

    console = err()
    console.print(Text("Error: ", style="bold red") + Text(text), soft_wrap=True)
    for key, reason in problems:
        line = Text("  - ") + Text(key, style="bold") + Text(f": {reason}")
        console.print(line, soft_wrap=True)
    if hint:
        console.print(Text(hint, style="dim"), soft_wrap=True)


def step_header(step: int, total: int, title: str) -> None:
    _header(f"Step {step} of {total}: {title}")


def _header(label: str) -> None:
    """A title in a rule; on its own line above the rule when the rule would
    cut it."""
    from rich.rule import Rule
    from rich.text import Text

    console = out()
    text = Text(label)
    if text.cell_len + 4 <= console.width:
        console.print(Rule(text, align="left"))
        return
    console.print(text, soft_wrap=True)
    console.print(Rule())


def display(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if value and all(isinstance(item, dict) for item in value):
            return "\n".join(_certificate_line(v) for v in value)
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _certificate_line(cert: dict) -> str:
    parts = [cert.get("classification"), cert.get("agency"), cert.get("number")]
    line = " · ".join(str(p) for p in parts if p)
    if cert.get("expires"):
        line += f" (expires {display(cert['expires'])})"
    return line


def profile(view: dict, percent: int, colour: str, updated: object) -> None:
    """The public profile by section, with its completeness bar."""
    from rich.table import Table
    from rich.text import Text

    console = out()
    bar_width = 20
    filled = round(bar_width * percent / 100)
    bar = Text("█" * filled, style=colour) + Text("░" * (bar_width - filled))
    when = display(updated) if updated else "never"
    console.print(Text("Completeness ") + bar + Text(f" {percent}%  (updated {when})"))
    for section in registry.SECTIONS:
        rows = [
            (f.label, display(view[section][f.name]))
            for f in registry.FIELDS
            if f.section == section and f.name in view.get(section, {})
        ]
        if not rows:
            continue
        table = Table(title=section.replace("_", " ").capitalize(), title_justify="left",
                      show_header=False, box=None, padding=(0, 1))
        table.add_column("field", style="bold", overflow="fold")
        table.add_column("value", overflow="fold")
        for label, value in rows:
            table.add_row(Text(label), Text(value))
        console.print()
        console.print(table)


# Information requests.


def raw(text: str) -> None:
    """A file's text written to stdout exactly as given, in UTF-8 whatever the
    locale: an escape would change what the file says."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def _table(*columns: str, title: str = ""):
    from rich import box
    from rich.table import Table

    table = Table(title=title or None, title_justify="left", box=box.SIMPLE_HEAD,
                  padding=(0, 1), show_edge=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def requests_table(rows: list[dict]) -> None:
    """The requests list: customer, id, title, status, due (overdue marked)."""
    from rich.text import Text

    if not rows:
        message("No information requests match.")
        return
    table = _table("Customer", "ID", "Title", "Status", "Due")
    for row in rows:
        due = Text(display(row["due"]) if row["due"] else "")
        if row["overdue"]:
            due = Text(f"{due.plain} overdue", style="bold red")
        table.add_row(Text(row["customer"]), Text(row["id"]), Text(row["title"]),
                      Text(row["status"]), due)
    out().print(table)


def request_sheet(header: list[tuple[str, str]],
                  sections: list[tuple[str, list[tuple[str, str]]]],
                  history: list[tuple[str, str, str, str]]) -> None:
    """One request: its header, each section's fields and answers, its history."""
    from rich.text import Text

    console = out()
    facts = _table("", "")
    facts.show_header = False
    for label, value in header:
        facts.add_row(Text(label, style="bold"), Text(value))
    console.print(facts)
    for title, fields in sections:
        table = _table("Field", "Answer", title=title)
        for label, value in fields:
            table.add_row(Text(label), Text(value, style="" if value else "dim"))
        console.print()
        console.print(table)
    table = _table("When", "From", "To", "Command", title="History")
    for row in history:
        table.add_row(*(Text(cell) for cell in row))
    console.print()
    console.print(table)


CHANGE_LEGEND = "+ added   ~ changed   - removed"


def changes(title: str, rows: list[tuple[str, str, str, str]],
            old: str = "On file", new: str = "Answer") -> None:
    """Old and new values side by side; a marker column and colour show changes."""
    from rich.text import Text

    table = _table("", "Field", old, new)
    for mark, label, before, after in rows:
        changed = mark != " "
        table.add_row(
            Text(mark, style="bold yellow" if changed else ""),
            Text(label, style="bold" if changed else ""),
            Text(before, style="red" if changed else "dim"),
            Text(after, style="bold green" if changed else ""),
        )
    console = out()
    # Its own line: a table's title folds to the table's width.
    console.print(Text(title, style="italic"), soft_wrap=True)
    console.print(table)
    console.print(Text(CHANGE_LEGEND, style="dim"))


def section_header(number: int, total: int, title: str) -> None:
    _header(f"Section {number} of {total}: {title}")


# Customers and legal entities.


def progress_bar(done: int, total: int, width: int = 10):
    """A setup progress bar with its count; complete only when every item is done."""
    from rich.text import Text

    if not total:
        return Text("no setup items", style="dim")
    filled = round(width * done / total)
    colour = "green" if done == total else "yellow"
    label = " complete" if done == total else ""
    return (Text("█" * filled, style=colour) + Text("░" * (width - filled))
            + Text(f" {done}/{total}{label}"))


def customers_table(rows: list[dict]) -> None:
    """The customers list: connection, setup progress, pending requests, update."""
    from rich.text import Text

    if not rows:
        message("No customers yet. Connect one with "
                "`supplier customers connect NAME --contact EMAIL`.")
        return
    table = _table("Customer", "Connection", "Setup", "Pending requests",
                   "Last update")
    for row in rows:
        setup = row["setup"]
        updated = row["updated"]
        table.add_row(
            Text(row["name"]), Text(row["connection"]),
            progress_bar(setup["done"], setup["total"]),
            Text(str(row["pending_requests"])),
            Text(display(updated.date() if isinstance(updated, dt.datetime)
                         else updated) if updated else "never"),
        )
    out().print(table)


def pairs(rows: list[tuple[str, object]], title: str = "") -> None:
    """Labels and values, two columns; a value may be rich Text already."""
    from rich.text import Text

    table = _table("", "", title=title)
    table.show_header = False
    for label, value in rows:
        cell = value if isinstance(value, Text) else Text(display(value))
        table.add_row(Text(label, style="bold"), cell)
    out().print(table)


def banner(text: str, link: str | None) -> None:
    """Whom to write to, with a mailto: link a terminal can open."""
    from rich.panel import Panel
    from rich.style import Style
    from rich.text import Text

    body = Text(text)
    if link:
        body += Text("\n") + Text(link, style=Style(link=link, underline=True))
    out().print(Panel(body, expand=False))


def customer_sheet(facts: list[tuple[str, object]], progress: tuple[int, int],
                   owners: tuple[str, str | None], setup: list[tuple[str, str]],
                   rows: list[tuple[str, object, object]]) -> None:
    """A customer: its facts and setup progress, the account owners banner, its
    setup items, and its customer profile, what differs from the public marked."""
    from rich.text import Text

    console = out()
    pairs([*facts, ("Setup", progress_bar(*progress))])
    console.print()
    banner(*owners)
    if setup:
        table = _table("Setup item", "State", title="Setup")
        for title, state in setup:
            table.add_row(Text(title), Text(state))
        console.print()
        console.print(table)
    if not rows:
        return
    differ = any(public is not None for _, _, public in rows)
    columns = ("", "Field", "This customer", "Public profile") if differ else (
        "Field", "This customer")
    table = _table(*columns, title="Customer profile")
    for label, value, public in rows:
        cells = [Text(label, style="bold" if public is not None else ""),
                 Text(display(value) if value is not None else "")]
        if differ:
            mark = "≠" if public is not None else ""
            cells = [Text(mark, style="bold yellow"), *cells,
                     Text(display(public) if public is not None else "", style="dim")]
        table.add_row(*cells)
    console.print()
    console.print(table)
    if differ:
        console.print(Text("≠ differs from the public profile", style="dim"))


def entities_table(rows: list[tuple[str, ...]]) -> None:
    from rich.text import Text

    if not rows:
        message("No legal entities yet. Add one with "
                "`supplier entities add NAME --country CC`.")
        return
    table = _table("Legal entity", "Country", "Tax registration", "Remit-to codes",
                   "Bank accounts")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    out().print(table)
