"""`supplier entities ...` run in-process on a temporary store (cli/entities.py)."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import pytest

from supplier_cli.storage import Store, slug
from tests.conftest import snapshot

NAME = "Zoë & Fils [EU] SARL"
PUBLIC = {
    "company": {"name": NAME},
    "address": {"street1": "12 rue de l'Exemple", "city": "Lyon",
                "postal_code": "69002", "country": "FR"},
}
FR_IBAN = "FR1420041010050500013M02606"


def flat(text: str) -> str:
    return " ".join(text.split())


def stored(store: Path, name: str = NAME) -> dict:
    return tomllib.loads((store / "entities" / f"{slug(name)}.toml").read_text("utf-8"))


@pytest.fixture
def store(store_dir) -> Path:
    store = Store(store_dir)
    with store.locked():
        store.save_profile(PUBLIC, {})
    return store_dir


@pytest.fixture
def entity(store, supplier) -> Path:
    result = supplier("entities", "add", NAME, "--country", "FR",
                      "tax_registration=FR40303265045", "invoice_from=company",
                      "--remit-to", "RT-1", "remit_to=invoice_from", "ship_from=N/A")
    assert result.exit_code == 0, result.stderr
    return store


# add


def test_add_a_legal_entity(entity):
    record = stored(entity)
    assert record == {
        "format": 1,
        "name": NAME,
        "country": "FR",
        "tax_registration": "FR40303265045",
        "invoice_from": PUBLIC["address"],
        "remit_to": [{"code": "RT-1"} | PUBLIC["address"]],
        "ship_from": {"na": True},
    }
    path = entity / "entities" / f"{slug(NAME)}.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_add_reports_success_with_the_name_as_typed(store, supplier):
    result = supplier("entities", "add", "株式会社サンプル", "--country", "jp",
                      "invoice_from=N/A")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "Added the legal entity 株式会社サンプル (JP).\n"


def test_add_twice_is_refused(entity, supplier):
    before = snapshot(entity)
    result = supplier("entities", "add", NAME, "--country", "FR", "invoice_from=N/A")
    assert result.exit_code == 5
    assert result.stderr.startswith(f"Error: There is already a legal entity '{NAME}'.")
    assert snapshot(entity) == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--country", "XX", "invoice_from=N/A"],
         "Error: --country XX: not a country; give its ISO 3166 alpha-2 code, such "
         "as FR or US.\n"),
        (["--country", "FR"],
         f"Error: {NAME}: not added.\n  - invoice_from: required: fill it, or "
         "answer N/A\n"),
        (["--country", "FR", "invoice_from=N/A", "tax_registration=FR40303265046"],
         f"Error: {NAME}: some changes are not valid; nothing was saved.\n"
         "  - tax_registration: not a valid FR tax ID (TVA): The number's checksum "
         "or check digit is invalid\n"),
        (["--country", "FR", "invoice_from.city=Lyon", "invoice_from.country=FR",
          "invoice_from.postal_code=6900"],
         f"Error: {NAME}: some changes are not valid; nothing was saved.\n"
         "  - invoice_from.postal_code: not a postal code of FR, such as 33380\n"
         "  - invoice_from.street1: required for an address in FR\n"),
        (["--country", "FR", "invoice_from"],
         "Error: 'invoice_from' is not a change; give KEY=VALUE, such as "
         "invoice_from.city=Lyon\n"),
    ],
)
def test_add_with_invalid_values_writes_nothing(store, supplier, args, expected):
    before = snapshot(store)
    result = supplier("entities", "add", NAME, *args)
    assert result.exit_code == 1
    assert result.stderr == expected
    assert snapshot(store) == before


def test_add_needs_its_country(store, supplier):
    result = supplier("entities", "add", NAME, "invoice_from=N/A")
    assert result.exit_code == 2
    assert "--country" in result.stderr


# set


def test_set_changes_addresses_and_adds_a_remit_to(entity, supplier):
    result = supplier("entities", "set", NAME, "--remit-to", "RT-2",
                      "remit_to.street1=1 quai Exemple", "remit_to.city=Lyon",
                      "remit_to.postal_code=69001", "remit_to.country=FR")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Saved 4 change(s) to {NAME}.\n"
    assert [e["code"] for e in stored(entity)["remit_to"]] == ["RT-1", "RT-2"]


def test_set_refuses_to_change_the_country(entity, supplier):
    before = snapshot(entity)
    result = supplier("entities", "set", NAME, "country=ES")
    assert result.exit_code == 5
    assert result.stderr == (
        "Error: The country of a legal entity is fixed once it is created.\n"
        "Add a new legal entity with `supplier entities add` instead.\n")
    assert snapshot(entity) == before


def test_set_checks_the_tax_registration_for_the_entitys_country(entity, supplier):
    before = snapshot(entity)
    result = supplier("entities", "set", NAME, "tax_registration=ESB58378431")
    assert result.exit_code == 1
    assert "tax_registration: not a valid FR tax ID" in result.stderr
    assert snapshot(entity) == before


def test_set_with_nothing_or_an_unknown_entity(entity, supplier):
    assert supplier("entities", "set", NAME).exit_code == 2
    missing = supplier("entities", "set", "Nobody SA", "ship_from=N/A")
    assert missing.exit_code == 4
    assert missing.stderr.startswith("Error: There is no legal entity 'Nobody SA'.")


# add-bank


@pytest.mark.parametrize(
    ("args", "kept", "message"),
    [
        (["--iban", "FR14 2004 1010 0505 0001 3M02 606"],
         {"iban": FR_IBAN, "bic": "PSSTFRPP", "bank_name": "LA BANQUE POSTALE",
          "country": "FR"},
         "Added the account ending 2606 at LA BANQUE POSTALE"),
        (["--country", "DE", "--iban", "DE89370400440532013000", "--currency", "eur"],
         {"iban": "DE89370400440532013000", "bank_name": "Commerzbank",
          "currency": "EUR"},
         "Added the account ending 3000 at Commerzbank"),
        (["--country", "GB", "--iban", "GB82WEST12345698765432"],
         {"iban": "GB82WEST12345698765432"},
         "Added the account ending 5432 to"),
        (["--country", "US", "--account", "1234-5678-90", "--routing", "011000015"],
         {"account_number": "1234567890", "routing_number": "011000015"},
         "Added the account ending 7890 to"),
        (["--country", "AU", "--account", "12 345 678", "--routing", "062-000"],
         {"account_number": "12345678", "routing_number": "062000"},
         "Added the account ending 5678 to"),
        (["--country", "CA", "--account", "1234567", "--routing", "12345-003"],
         {"account_number": "1234567", "routing_number": "000312345"},
         "Added the account ending 4567 to"),
    ],
)
def test_add_bank_accepts_valid_details(entity, supplier, args, kept, message):
    result = supplier("entities", "add-bank", NAME, *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(message)
    account = stored(entity)["bank_accounts"][0]
    assert account["account_holder"] == NAME
    assert {k: account[k] for k in kept} == kept


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--iban", "FR1420041010050500013M02607"],
         "bank.iban: not a valid IBAN: Invalid checksum digits"),
        (["--iban", "DE89370400440532013000"],
         "bank.iban: an IBAN of FR starts with FR"),
        (["--iban", FR_IBAN, "--bic", "DEUTDEFF"],
         "bank.bic: the BIC DEUTDEFF is a bank in DE, not in FR"),
        (["--account", "12345678"], "bank.iban: required"),
        (["--country", "US", "--account", "1234567890", "--routing", "011000016"],
         "bank.routing_number: not a valid ABA routing number: its check digit does "
         "not match"),
        (["--country", "AU", "--account", "12345678", "--routing", "06200"],
         "bank.routing_number: not a valid BSB: expected six digits"),
        (["--country", "JP", "--account", "1234567"], "bank.bic: required"),
        (["--country", "ZZ", "--iban", FR_IBAN],
         "bank.country: not a country; give its ISO 3166 alpha-2 code"),
    ],
)
def test_add_bank_refuses_bad_details_and_writes_nothing(entity, supplier, args,
                                                         problem):
    before = snapshot(entity)
    result = supplier("entities", "add-bank", NAME, *args)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Error: The bank account is not valid; nothing was saved.\n")
    assert f"  - {problem}" in result.stderr
    assert snapshot(entity) == before


def test_add_bank_twice_is_refused(entity, supplier):
    assert supplier("entities", "add-bank", NAME, "--iban", FR_IBAN).exit_code == 0
    before = snapshot(entity)
    again = supplier("entities", "add-bank", NAME, "--iban", FR_IBAN)
    assert again.exit_code == 5
    assert again.stderr == f"Error: {NAME} already has the account ending 2606.\n"
    assert snapshot(entity) == before


def test_add_bank_to_an_unknown_entity(store, supplier):
    result = supplier("entities", "add-bank", "Nobody SA", "--iban", FR_IBAN)
    assert result.exit_code == 4


# list and show


def test_list_masks_the_tax_registration(entity, supplier):
    supplier("entities", "add-bank", NAME, "--iban", FR_IBAN)
    table = supplier("entities", "list")
    rows = json.loads(supplier("entities", "list", "--json").stdout)

    assert table.exit_code == 0
    assert f"{NAME} FR •••••••••5045 RT-1 1" in flat(table.stdout)
    assert "FR40303265045" not in table.stdout
    assert rows[0]["name"] == NAME
    assert rows[0]["tax_registration"] == "•••••••••5045"
    assert rows[0]["bank_accounts"][0]["iban"] == "•" * 23 + "2606"
    assert rows[0]["remit_to"][0]["street1"] == "•" * 15 + "mple"


def test_list_with_no_entities(store, supplier):
    result = supplier("entities", "list")
    assert result.exit_code == 0
    assert "No legal entities yet." in result.stderr
    assert json.loads(supplier("entities", "list", "--json").stdout) == []


def test_show_masks_unless_show_private(entity, supplier):
    supplier("entities", "add-bank", NAME, "--iban", FR_IBAN)

    shown = supplier("entities", "show", NAME)
    private = supplier("entities", "show", NAME, "--show-private")
    data = json.loads(supplier("entities", "show", NAME, "--json").stdout)
    full = json.loads(supplier("entities", "show", NAME, "--json",
                               "--show-private").stdout)

    assert shown.exit_code == 0
    text = flat(shown.stdout)
    assert text.startswith(NAME)
    assert "Tax registration •••••••••5045" in text
    assert "Invoice-from address 12 rue de l'Exemple, 69002 Lyon, FR" in text
    assert "Remit-to RT-1 •••••••••••••••mple, •9002 ••••, FR" in text
    assert "Ship-from address N/A" in text
    assert FR_IBAN not in shown.stdout
    assert FR_IBAN in flat(private.stdout).replace(" ", "")
    assert "Tax registration FR40303265045" in flat(private.stdout)
    assert data["tax_registration"] == "•••••••••5045"
    assert full["bank_accounts"][0]["iban"] == FR_IBAN
    assert full["remit_to"][0]["street1"] == "12 rue de l'Exemple"


def test_show_an_unknown_entity(store, supplier):
    result = supplier("entities", "show", "Nobody SA")
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: There is no legal entity 'Nobody SA'.")


def test_add_with_spaces_around_an_existing_name_is_refused(entity, supplier):
    # Regression: the name was trimmed only after the check that it is new, so
    # `entities add " NAME "` replaced NAME with its bank accounts and remit-to.
    assert supplier("entities", "add-bank", NAME, "--iban", FR_IBAN).exit_code == 0
    before = snapshot(entity)
    result = supplier("entities", "add", f"  {NAME} ", "--country", "FR",
                      "invoice_from=N/A")
    assert result.exit_code == 5
    assert result.stderr.startswith(f"Error: There is already a legal entity '{NAME}'.")
    assert snapshot(entity) == before


def test_an_entity_is_found_by_its_name_with_spaces_around(entity, supplier):
    assert supplier("entities", "show", f" {NAME} ").exit_code == 0
    assert supplier("entities", "set", f"{NAME} ", "ship_from=company").exit_code == 0
    assert stored(entity)["ship_from"] == PUBLIC["address"]
    added = supplier("entities", "add-bank", f" {NAME}", "--iban", FR_IBAN)
    assert added.exit_code == 0


def test_add_with_a_name_differing_only_in_case_is_refused(entity, supplier):
    # Regression: `entities add "zoë & fils [eu] sarl"` added a second legal entity
    # beside NAME, as `customers connect` did for customers before.
    before = snapshot(entity)
    result = supplier("entities", "add", NAME.upper(), "--country", "FR",
                      "invoice_from=N/A")
    assert result.exit_code == 5
    assert result.stderr.startswith(f"Error: There is already a legal entity '{NAME}'.")
    assert snapshot(entity) == before


def test_an_entity_is_found_by_its_name_ignoring_case(entity, supplier):
    assert supplier("entities", "show", NAME.lower()).exit_code == 0
    result = supplier("entities", "set", NAME.upper(), "ship_from=company")
    assert result.exit_code == 0
    assert stored(entity)["ship_from"] == PUBLIC["address"]


def test_two_entities_differing_only_in_case_are_not_taken_for_none(entity, supplier):
    """Regression: with two legal entities differing only in case (as versions
    that did not refuse the second left them), a third spelling was called
    unknown by show and set, and `entities add` added it as a third."""
    path = entity / "entities" / f"{slug(NAME)}.toml"
    upper = entity / "entities" / f"{slug(NAME.upper())}.toml"
    upper.write_text(path.read_text("utf-8").replace(NAME, NAME.upper()), "utf-8")
    upper.chmod(0o600)
    before = snapshot(entity)
    named = (f"Error: '{NAME.lower()}' names more than one legal entity when case is "
             f"ignored: '{NAME.upper()}', '{NAME}'.\n")

    added = supplier("entities", "add", NAME.lower(), "--country", "FR",
                     "invoice_from=N/A")
    shown = supplier("entities", "show", NAME.lower())
    changed = supplier("entities", "set", NAME.lower(), "ship_from=company")

    for result in (added, shown, changed):
        assert result.exit_code == 5
        assert result.stderr.startswith(named)
        assert "Give the name as one of them spells it" in result.stderr
    assert snapshot(entity) == before
    assert supplier("entities", "show", NAME.upper()).exit_code == 0


def test_an_address_that_is_not_a_table_is_reported_as_bad_data(entity, supplier):
    # Regression: ship_from = "N/A" written by hand made show fail with a traceback.
    path = entity / "entities" / f"{slug(NAME)}.toml"
    text = path.read_text("utf-8").replace("[ship_from]\nna = true\n", "")
    path.write_text(text.replace("format = 1\n", 'format = 1\nship_from = "N/A"\n'),
                    "utf-8")

    for args in (["show", NAME], ["list"]):
        result = supplier("entities", *args)
        assert result.exit_code == 3
        assert result.stderr == (
            f"Error: {path}: key 'ship_from' must be a table ([ship_from]); an "
            "address answered N/A is na = true in it.\n")


def test_a_bank_account_value_of_another_type_is_shown_as_text(entity, supplier):
    # Regression: currency = 1.0 written by hand made show fail with a traceback.
    assert supplier("entities", "add-bank", NAME, "--iban", FR_IBAN).exit_code == 0
    path = entity / "entities" / f"{slug(NAME)}.toml"
    text = path.read_text("utf-8")
    text = text.replace("[[bank_accounts]]\n", "[[bank_accounts]]\ncurrency = 1.0\n")
    path.write_text(text, "utf-8")

    result = supplier("entities", "show", NAME)

    assert result.exit_code == 0, result.stderr
    assert "holder Zoë & Fils [EU] SARL, 1.0" in flat(result.stdout)
