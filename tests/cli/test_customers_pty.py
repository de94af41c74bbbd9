"""`supplier customers setup` driven in a real pseudo-terminal, as a person would:
left half-way with Ctrl-C, then resumed at the first unfinished item."""

from __future__ import annotations

import datetime as dt
import io
import tomllib
from pathlib import Path

import pexpect
import pytest

from supplier_cli import customers
from supplier_cli.storage import Store, slug
from tests.cli import terminal
from tests.conftest import copy_example, invoke

NAME = "Zoë & Fils [EU] SARL"
DOWN = "\x1b[B"
UP = "\x1b[A"
ANOTHER = "Another address"
PUBLIC = {
    "company": {"name": "Atelier Exemple SARL"},
    "address": {"street1": "12 rue de l'Exemple", "city": "Lyon",
                "postal_code": "69002", "country": "FR"},
}
QUAI = {"country": "FR", "street1": "1 quai [Nord]", "city": "Saint-Étienne",
        "postal_code": "42000"}


@pytest.fixture
def setup_store(tmp_path) -> Path:
    """A French supplier and a connected customer asking for addresses, virtual
    cards and bank details (the last skipped, FR not being supported)."""
    store = Store(tmp_path / "setup-store")
    store.save_profile(PUBLIC, {})
    record = customers.connect(None, NAME, "achats@zoe.example", dt.date.today())
    record = customers.record_answer(record, True, dt.date.today(), PUBLIC)
    store.save_customer(customers.configure(
        record, {"setup": "addresses,virtual_card,bank"},
        ["Claire Dubois <claire@zoe.example>"]))
    return store.root


def spawn(store: Path, *args: str) -> pexpect.spawn:
    return terminal.spawn(store, "customers", *args)


def stored(store: Path) -> dict:
    path = store / "customers" / slug(NAME) / "customer.toml"
    return tomllib.loads(path.read_text("utf-8"))


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.send(text + "\r")


def test_setup_left_half_way_resumes_at_the_first_unfinished_item(setup_store):
    child = spawn(setup_store, "setup", NAME)

    child.expect_exact("Advanced invoicing and bank details are skipped for a "
                       "supplier in FR")
    child.expect_exact("Step 1 of 2: Confirm the invoice-from, remit-to and "
                       "ship-from addresses")
    child.expect_exact("Use one address for invoice-from, remit-to and ship-from?")
    child.send("\r")  # yes, the default
    child.expect_exact("The address for all three")
    child.expect_exact("N/A")
    child.send(DOWN + "\r")  # from the company address down to "Another address"
    answer(child, "Country", "FR")
    answer(child, "Street", QUAI["street1"])
    answer(child, "Street (second line) (optional)", "")
    answer(child, "City", QUAI["city"])
    answer(child, "Region or state (optional)", "")
    answer(child, "Postal code", "4200")
    terminal.answer_again(child, "Not a postal code of FR", "Postal code", "42000")
    child.expect_exact("Step 2 of 2: Virtual card payments")
    child.expect_exact("Accept virtual card payments?")
    child.sendcontrol("c")
    child.expect_exact("Stopped at setup item 2 of 2; that item was not saved.")
    child.expect_exact("to resume.")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 130
    record = stored(setup_store)
    assert record["setup"] == {"done": ["addresses"]}
    assert {role: record["profile"][role] for role in customers.OWN_ADDRESSES} == {
        "invoice_from": QUAI, "remit_to": QUAI, "ship_from": QUAI}
    assert "virtual_card" not in record["profile"]
    halfway = invoke(setup_store, "customers", "show", NAME)
    assert "█████░░░░░ 1/2" in halfway.stdout
    assert "complete" not in halfway.stdout

    child = spawn(setup_store, "setup", NAME)
    child.expect_exact("Step 2 of 2: Virtual card payments")
    child.expect_exact("Accept virtual card payments?")
    child.send("y")
    answer(child, "Email for virtual cards", "cards-at-zoe")
    terminal.answer_again(child, "Not a valid email address", "Email for virtual cards",
                          "cartes@zoe.example")
    child.expect_exact(f"The setup for {NAME} is complete.")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    record = stored(setup_store)
    assert record["setup"] == {"done": ["addresses", "virtual_card"]}
    assert record["profile"]["virtual_card"] == {"accept": True,
                                                 "email": "cartes@zoe.example"}
    assert record["profile"]["invoice_from"] == QUAI
    done = invoke(setup_store, "customers", "show", NAME)
    assert "██████████ 2/2 complete" in done.stdout
    assert "Bank payment" in done.stdout and "skipped" in done.stdout


def test_the_remit_to_on_file_is_offered_masked_and_enter_keeps_it(tmp_path):
    """Regression: setup offered the remit-to address on file in full, in its
    choice and as the defaults of "Another address", though every view masks it."""
    store = copy_example(tmp_path)
    name = "Nordwind Logistik GmbH"
    path = store / "customers" / slug(name) / "customer.toml"
    before = tomllib.loads(path.read_text("utf-8"))["profile"]["remit_to"]

    child = spawn(store, "setup", name, "--restart")
    child.logfile_read = screen = io.StringIO()
    answer(child, "Legal entity that invoices this customer", "")  # (none)
    child.expect_exact("Use one address for invoice-from, remit-to and ship-from?")
    child.send("n")
    answer(child, "Invoice-from address", "")  # as on file
    child.expect_exact("Remit-to address")
    child.expect_exact("As on file: •••••••••••••••mple, •9002 ••••, FR")
    child.expect_exact("N/A")
    child.send(DOWN * 3 + "\r")  # "Another address"
    answer(child, "Country", "")
    child.expect_exact("Street")
    child.expect_exact("•••••••••••••••mple")
    child.send("\r")
    answer(child, "Street (second line) (optional)", "")
    child.expect_exact("City")
    child.expect_exact("••••")
    child.send("\r")
    answer(child, "Region or state (optional)", "")
    child.expect_exact("•9002")
    child.send("\r")
    answer(child, "Ship-from address", "")  # as on file
    child.expect_exact("Step 2 of 2")
    child.expect_exact("Accept virtual card payments?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    asked = screen.getvalue().split("Remit-to address", 1)[1]
    asked = asked.split("Ship-from address", 1)[0]
    assert "As on file: 12 rue" not in asked
    record = tomllib.loads(path.read_text("utf-8"))
    assert record["profile"]["remit_to"] == before
    assert "addresses" in record["setup"]["done"]


def test_another_remit_to_than_the_legal_entity_codes_is_asked(tmp_path):
    """Regression: choosing a legal entity, then "Another address" for its remit-to,
    ended in an AttributeError traceback: the entity's remit-to addresses are a list
    of coded addresses, read as one address."""
    store = copy_example(tmp_path)
    name = "Nordwind Logistik GmbH"
    path = store / "customers" / slug(name) / "customer.toml"

    child = spawn(store, "setup", name, "--restart")
    child.expect_exact("Legal entity that invoices this customer")
    child.expect_exact("(none)")
    child.send(UP + "\r")  # Atelier Exemple SARL
    child.expect_exact("Its remit-to")
    child.expect_exact(ANOTHER)
    child.send(DOWN + "\r")
    child.expect_exact("Use one address for invoice-from, remit-to and ship-from?")
    child.send("n")
    answer(child, "Invoice-from address", "")  # as on file
    child.expect_exact("Remit-to address")
    child.expect_exact("N/A")
    child.send("\r")  # as on file
    answer(child, "Ship-from address", "")
    child.expect_exact("Step 2 of 2")
    child.expect_exact("Accept virtual card payments?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 130
    record = tomllib.loads(path.read_text("utf-8"))
    assert record["profile"]["legal_entity"] == "Atelier Exemple SARL"
    assert "remit_to_code" not in record["profile"]
    assert record["profile"]["remit_to"]["street1"] == "12 rue de l'Exemple"
