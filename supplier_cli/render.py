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
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))
    sys.stdout.write("\n")


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
    from rich.text import Text

    err().print(Text(text, style=style))


def notice(text: str) -> None:
    message(text, "yellow")


def success(text: str) -> None:
    message(text, "green")


def error(text: str, hint: str = "", problems: list[tuple[str, str]] = ()) -> None:
    from rich.text import Text

    err().print(Text("Error: ", style="bold red") + Text(text))
    for key, reason in problems:
        err().print(Text("  - ") + Text(key, style="bold") + Text(f": {reason}"))
    if hint:
        err().print(Text(hint, style="dim"))


def step_header(step: int, total: int, title: str) -> None:
    from rich.rule import Rule

    out().print(Rule(f"Step {step} of {total}: {title}", align="left"))


def display(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
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
