"""The README documents what the tool has: every command, every profile field, every
exit code, and the install and test commands that CI runs."""

from __future__ import annotations

import re

import typer

from supplier_cli import errors, registry
from supplier_cli.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def commands(command, path=()):
    subcommands = getattr(command, "commands", {})
    if not subcommands:
        yield " ".join(path)
    for name, sub in subcommands.items():
        yield from commands(sub, (*path, name))


def test_every_command_is_in_the_readme():
    missing = [
        path
        for path in commands(typer.main.get_command(app))
        if not re.search(rf"`supplier {re.escape(path)}\b", README)
    ]
    assert missing == []


def test_every_profile_field_is_in_the_readme():
    missing = [f.key for f in registry.FIELDS if f"| `{f.key}` |" not in README]
    assert missing == []


def test_every_exit_code_is_in_the_readme():
    codes = {
        cls.exit_code
        for cls in vars(errors).values()
        if isinstance(cls, type) and issubclass(cls, errors.SupplierError)
    }
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", README, re.M)}
    assert codes | {0, 2} <= documented


def test_the_quick_start_installs_and_tests_as_ci_does():
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)\n```", quick_start, re.S)

    assert blocks == [
        "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/supplier onboard",
        "python3 -m venv .venv && .venv/bin/pip install '.[test]' "
        "&& .venv/bin/python -m pytest -q",
    ]
    assert re.search(r"python3 -m venv .*\n.*/bin/pip\" install .*'\.\[test\]'", ci)
    assert '/bin/python" -m pytest -q' in ci
