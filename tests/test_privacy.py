"""Permissions and privacy suite.

README, "The store": files are owner-only (0600, folders 0700) and stay so, and a
store folder that others may read gets a warning. README, "Privacy": tax IDs,
DUNS numbers, remit-to addresses and bank details are masked in every view unless
--show-private. Here every command that writes is run on a fresh store, checking
every mode after each save and after saving again; and every command is run on
the example store, with and without --verbose, on its success and error paths,
checking that none of the private values read from its files appears whole on
stdout or stderr. (`requests export` writes the private values a request asked
for, by design, since its response goes to that customer only.)
"""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplier_cli import render, storage
from supplier_cli import requests as forms
from supplier_cli.cli import app
from tests.conftest import REPO, copy_example

EXAMPLE = REPO / "profiles"
ACME = "Acme Manufacturing"
ENTITY = "Atelier Exemple SARL"
# Wide, so that no value is wrapped across table borders where a search would
# miss it.
WIDE = {"NO_COLOR": "1", "COLUMNS": "1000"}


def run(store: Path, *args: str):
    """`supplier --profiles STORE ARGS...` in-process; an exception other than
    the exits of the CLI (which the user would see as a traceback) fails."""
    render.out.cache_clear()
    render.err.cache_clear()
    result = CliRunner().invoke(app, ["--profiles", str(store), *args], env=WIDE,
                                prog_name="supplier")
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def ok(store: Path, *args: str):
    result = run(store, *args)
    assert result.exit_code == 0, (args, result.stderr)
    return result


def write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


SIM_ANSWERS = """
[answers.remit_to]
street1 = "3 cour des Comptes"
city = "Lyon"
postal_code = "69001"
country = "FR"
"""
SETUP_ANSWERS = """
[addresses]
invoice_from = "company"
remit_to = { street1 = "9 passage du Secret", city = "Lyon", postal_code = "69005", \
country = "FR" }
ship_from = "N/A"

[virtual_card]
accept = true
email = "cartes@atelier-exemple.fr"
"""


# Permissions.


def modes(store: Path) -> dict[str, int]:
    """The permission bits of every file and folder of the store, and of itself."""
    return {
        str(path.relative_to(store.parent)): stat.S_IMODE(path.stat().st_mode)
        for path in [store, *store.rglob("*")]
    }


def check_owner_only(store: Path, after: str) -> None:
    wrong = {
        path: oct(mode)
        for path, mode in modes(store).items()
        if mode != (0o700 if (store.parent / path).is_dir() else 0o600)
    }
    assert not wrong, f"after {after}: {wrong}"


@pytest.fixture
def open_umask():
    """The most open umask, so that no mode comes from it."""
    old = os.umask(0)
    yield
    os.umask(old)


def writing_commands(tmp_path: Path) -> list[list[str]]:
    """Every command that writes, in an order that works on an empty store."""
    requests = EXAMPLE / "requests"
    sim = write(tmp_path / "sim.toml", SIM_ANSWERS)
    return [
        ["onboard", "--answers", str(EXAMPLE / "onboarding-answers.toml")],
        ["profile", "set", "company.description", "Fine metalwork."],
        ["customers", "connect", "Nordwind Logistik GmbH", "--contact",
         "einkauf@nordwind.example", "--setup", "all"],
        ["customers", "record", ACME, "--approved"],
        ["customers", "configure", ACME, "--owner", "Claire Dubois "
         "<claire.dubois@acme.example>", "--setup", "addresses,virtual_card"],
        ["entities", "add", ENTITY, "--country", "FR",
         "tax_registration=FR40303265045", "invoice_from=company", "--remit-to",
         "RT-1", "remit_to=invoice_from", "ship_from=N/A"],
        ["entities", "add-bank", ENTITY, "--iban", "FR76 3000 6000 0112 3456 7890 189"],
        ["entities", "set", ENTITY, "--remit-to", "RT-2",
         "remit_to.street1=7 impasse des Privés", "remit_to.city=Lyon",
         "remit_to.postal_code=69003", "remit_to.country=FR"],
        ["customers", "setup", ACME, "--answers",
         write(tmp_path / "setup.toml", SETUP_ANSWERS)],
        ["customers", "copy-profile", ACME, "Nordwind Logistik GmbH"],
        ["requests", "receive", str(requests / "acme-supplier-update-2026.toml")],
        ["requests", "receive", str(requests / "acme-bank-details-2025.toml")],
        ["requests", "answer", ACME, "SIM-2026-0042", "--answers", sim],
        ["requests", "answer", ACME, "SIM-2026-0042", "--answers", sim, "--submit"],
        ["requests", "answer", ACME, "BANK-2025-0003", "--answers",
         str(requests / "acme-bank-details-2025-answers.toml"), "--submit"],
        ["requests", "export", ACME, "BANK-2025-0003", "-o",
         str(tmp_path / "out" / "response.toml")],
        ["requests", "copy", ACME, "SIM-2026-0042", "--yes"],
        ["requests", "withdraw", ACME, "SIM-2026-0042"],
        ["requests", "record", ACME, "BANK-2025-0003", "--approved", "--applied"],
        ["requests", "update", ACME, "BANK-2025-0003"],
        ["requests", "list", "--all"],
    ]


def test_every_file_the_store_creates_is_owner_only_and_stays_so(
    tmp_path, monkeypatch, open_umask
):
    monkeypatch.chdir(REPO)  # the onboarding answers name their certificate so
    store = tmp_path / "store"
    commands = writing_commands(tmp_path)

    for args in commands:
        ok(store, *args)
        check_owner_only(store, " ".join(args[:2]))
    first = modes(store)
    again = [c for c in commands if c[:2] in (
        ["profile", "set"], ["customers", "configure"], ["entities", "set"],
        ["customers", "setup"])]
    again += [["customers", "copy-profile", ACME, "Nordwind Logistik GmbH",
               "--replace"],
              ["requests", "answer", ACME, "SIM-2026-0042", "--answers",
               str(tmp_path / "sim.toml")]]
    for args in again:
        ok(store, *args)
        check_owner_only(store, "saving again: " + " ".join(args[:2]))

    assert any("certificates/" in path for path in first)
    assert any(".lock" in path for path in first)
    exported = tmp_path / "out" / "response.toml"
    assert stat.S_IMODE(exported.stat().st_mode) == 0o600


def test_what_the_listings_keep_is_owner_only(tmp_path, monkeypatch, open_umask):
    store = copy_example(tmp_path)
    # Remember what a file holds even though it was written just now.
    monkeypatch.setattr(storage, "_SETTLE_NS", 0)

    for args in (["requests", "list", "--all"], ["customers", "list"],
                 ["requests", "list", "--json"]):
        ok(store, *args)
        check_owner_only(store, " ".join(args))
    assert list((store / ".cache").rglob("*.json"))


@pytest.mark.parametrize("mode", [0o755, 0o750, 0o705, 0o744])
def test_a_store_folder_others_may_read_gets_a_warning(tmp_path, mode):
    store = copy_example(tmp_path)

    quiet = ok(store, "profile", "get", "company.name")
    store.chmod(mode)
    warned = ok(store, "profile", "get", "company.name")

    assert "Warning" not in quiet.stderr
    assert f"others may read {store}" in warned.stderr
    assert f"chmod 700 {store}" in warned.stderr
    assert warned.stdout == quiet.stdout


# Privacy.


def load(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def private_values(store: Path) -> set[str]:
    """Every private value the store's files hold: tax IDs, DUNS numbers, remit-to
    streets, IBANs, account and routing numbers; those also in the public
    profile's address (the example's first remit-to is its company address) left
    out."""
    profile = load(store / "profile.toml")
    found = set(profile["identifiers"].values())
    for path in (store / "entities").glob("*.toml"):
        entity = load(path)
        found.add(entity["tax_registration"])
        found |= {a.get(p) for a in entity["remit_to"] for p in ("street1", "street2")}
        found |= _bank_values(entity.get("bank_accounts", []))
    for path in (store / "customers").glob("*/customer.toml"):
        mine = load(path).get("profile", {})
        found |= set(mine.get("identifiers", {}).values())
        found |= {mine.get("remit_to", {}).get(p) for p in ("street1", "street2")}
        found |= _bank_values([mine.get("bank", {})])
    for path in (store / "customers").glob("*/requests/*.toml"):
        record = load(path)
        form = forms.parse({"format": 1} | record["request"], str(path))
        for section in form.sections:
            for question in section.questions:
                answer = record["answers"].get(section.id, {}).get(question.id)
                address = section.maps_to == "remit_to" and question.id.startswith(
                    "street")
                if answer and (question.private or address):
                    found.add(str(answer))
    public = set(profile["address"].values())
    return {value for value in found if value and value not in public}


def _bank_values(accounts: list) -> set:
    return {a.get(key) for a in accounts
            for key in ("iban", "account_number", "routing_number")}


def squeezed(text: str) -> str:
    return "".join(text.split())


def check_no_private_value(store: Path, result, args, values: set[str]) -> None:
    """No private value, nor its first 16 characters (a mistyped one), is printed."""
    output = squeezed(result.stdout + result.stderr).upper()
    leaked = [value for value in values if squeezed(value).upper()[:16] in output]
    assert not leaked, (args, leaked, result.stdout, result.stderr)


@pytest.fixture
def private_store(tmp_path) -> tuple[Path, set[str]]:
    """The example store with a second remit-to, an account in the US, a
    customer's own remit-to and a submitted request; and its private values."""
    store = copy_example(tmp_path)
    # The example's DUNS number is also the example that refusals give ("such as
    # 150483782"); another one tells a leak from that example.
    for path in store.rglob("*.toml"):
        path.write_text(path.read_text(encoding="utf-8").replace(
            "150483782", "481726350"), encoding="utf-8")
    ok(store, "entities", "set", ENTITY, "--remit-to", "RT-2",
       "remit_to.street1=7 impasse des Privés", "remit_to.city=Lyon",
       "remit_to.postal_code=69003", "remit_to.country=FR")
    ok(store, "entities", "add-bank", ENTITY, "--country", "US", "--account",
       "987654321", "--routing", "021000021")
    ok(store, "customers", "setup", ACME, "--answers",
       write(tmp_path / "setup.toml", SETUP_ANSWERS))
    ok(store, "requests", "answer", ACME, "SIM-2026-0042", "--answers",
       write(tmp_path / "sim.toml", SIM_ANSWERS), "--submit")
    values = private_values(store)
    assert {"FR40303265045", "481726350", "FR7630006000011234567890189",
            "987654321", "7 impasse des Privés", "9 passage du Secret",
            "3 cour des Comptes"} <= values
    return store, values


def reading_commands() -> list[list[str]]:
    customers = [ACME, "Nordwind Logistik GmbH", "Zoë & Fils [EU] SARL",
                 "株式会社サンプル"]
    requests = ["SIM-2026-0042", "BANK-2025-0003", "DIV-2026-0007"]
    commands = [
        ["profile", "show"], ["profile", "show", "--json"],
        ["profile", "get", "identifiers.tax_id"],
        ["profile", "get", "identifiers.duns"],
        ["profile", "get", "identifiers.tax_id", "--json"], ["profile", "validate"],
        ["path"], ["customers", "list"], ["customers", "list", "--json"],
        ["entities", "list"], ["entities", "list", "--json"],
        ["entities", "show", ENTITY], ["entities", "show", ENTITY, "--json"],
        ["requests", "list", "--all"], ["requests", "list", "--all", "--json"],
    ]
    for name in customers:
        commands += [["customers", "show", name],
                     ["customers", "show", name, "--json"]]
    for request in requests:
        commands += [["requests", "show", ACME, request],
                     ["requests", "show", ACME, request, "--json"],
                     ["requests", "copy", ACME, request, "--dry-run"]]
    return commands


def test_no_command_prints_a_private_value_without_show_private(private_store):
    store, values = private_store

    for args in reading_commands():
        for verbose in ([], ["--verbose"]):
            result = run(store, *verbose, *args)
            assert result.exit_code in (0, 5), (args, result.stderr)
            check_no_private_value(store, result, [*verbose, *args], values)


def test_show_private_shows_them(private_store):
    store, values = private_store
    shown = ""
    for args in (["profile", "show"], ["entities", "show", ENTITY],
                 ["customers", "show", ACME],
                 ["requests", "show", ACME, "SIM-2026-0042"],
                 ["requests", "show", ACME, "BANK-2025-0003"]):
        shown += squeezed(ok(store, *args, "--show-private").stdout)

    assert {v for v in values if squeezed(v) not in shown} == set()


def test_an_exported_response_holds_the_private_values_it_was_asked_for(
    private_store,
):
    store, values = private_store

    result = ok(store, "requests", "export", ACME, "BANK-2025-0003")

    assert "FR7630006000011234567890189" in result.stdout
    with pytest.raises(AssertionError):
        check_no_private_value(store, result, ["requests", "export"], values)


def test_commands_that_write_or_refuse_print_no_private_value(private_store,
                                                             tmp_path):
    store, values = private_store
    iban = "FR7630006000011234567890189"
    bad_remit = write(tmp_path / "bad.toml", SIM_ANSWERS.replace("69001", "6900X"))
    commands = [
        ["profile", "set", "identifiers.duns", "481726350"],
        ["profile", "set", "identifiers.tax_id", "FR40303265045"],
        ["profile", "set", "identifiers.duns", "4817263501"],
        ["profile", "set", "identifiers.tax_id", "FR40303265046"],
        ["entities", "add-bank", ENTITY, "--iban", iban],
        ["entities", "add-bank", ENTITY, "--iban", iban[:-1] + "8"],
        # Mistyped, the IBAN is still the account's number but for one character.
        ["entities", "add-bank", ENTITY, "--iban", iban[:-1] + "_"],
        ["entities", "add-bank", ENTITY, "--iban", iban[:-1] + "A"],
        ["entities", "add-bank", ENTITY, "--iban", "fr76 " + iban[4:-1] + "é"],
        ["entities", "add-bank", ENTITY, "--country", "DE", "--iban", iban],
        ["entities", "add-bank", ENTITY, "--country", "US", "--account",
         "987654321", "--routing", "021000021"],
        ["entities", "add-bank", ENTITY, "--country", "US", "--account",
         "987654321", "--routing", "021000022"],
        ["entities", "set", ENTITY, "--remit-to", "RT-2",
         "remit_to.postal_code=6900X"],
        ["entities", "set", ENTITY, "--remit-to", "RT-3",
         "remit_to.street1=7 impasse des Privés"],
        ["customers", "edit", ACME, "remit_to.street1=9 passage du Secret"],
        ["customers", "setup", ACME, "--answers",
         write(tmp_path / "setup-bad.toml",
               SETUP_ANSWERS.replace('"69005"', '"6900X"'))],
        ["requests", "answer", ACME, "SIM-2026-0042", "--answers", bad_remit],
        ["requests", "withdraw", ACME, "SIM-2026-0042"],
        ["requests", "answer", ACME, "SIM-2026-0042", "--answers", bad_remit],
        ["requests", "answer", ACME, "BANK-2025-0003", "--answers",
         str(EXAMPLE / "requests" / "acme-bank-details-2025-answers.toml")],
        ["requests", "copy", ACME, "BANK-2025-0003", "--yes"],
        ["requests", "export", ACME, "BANK-2025-0003", "-o",
         str(tmp_path / "response.toml")],
    ]

    for args in commands:
        for verbose in ([], ["--verbose"]):
            result = run(store, *verbose, *args)
            check_no_private_value(store, result, [*verbose, *args], values)
