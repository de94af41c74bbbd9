"""`supplier requests answer` driven in a real pseudo-terminal, as a person would."""

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
from tests.conftest import copy_example

ACME = "Acme Manufacturing"
DOWN = "\x1b[B"
REQUEST = """
format = 1
id = "POL-7"
customer = "Acme Manufacturing"
title = "Policies [2026]"
sent = 2026-11-20

[[sections]]
id = "company"
title = "Company information"

[[sections.fields]]
id = "legal_name"
label = "Legal company name"
type = "text"
required = true
maps_to = "company.name"

[[sections.fields]]
id = "policy"
label = "Do you have a bribery and corruption policy?"
type = "boolean"
maps_to = "company.corruption_policy"

[[sections.fields]]
id = "policy_text"
label = "Policy text"
type = "long_text"
required = true
maps_to = "company.corruption_policy_text"
show_if = { field = "policy", equals = true }

[[sections]]
id = "remit_to"
title = "Remit-to address"
type = "address"
required = true
maps_to = "remit_to"
"""


@pytest.fixture
def request_store(tmp_path) -> Path:
    """A store with a public profile, Acme Manufacturing and its request POL-7."""
    store = Store(tmp_path / "pty-store")
    store.save_profile(
        {
            "company": {"name": "Atelier Exemple SARL", "website": "https://a.example"},
            "address": {
                "street1": "12 rue de l'Exemple",
                "city": "Lyon",
                "postal_code": "69002",
                "country": "FR",
            },
        },
        {},
    )
    store.save_customer(
        customers.new_connection(ACME, "buyer@acme.example", dt.date(2026, 11, 1))
    )
    request = tmp_path / "request.toml"
    request.write_text(REQUEST, "utf-8")
    child = spawn(store.root, "receive", str(request))
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    return store.root


def spawn(store: Path, *args: str) -> pexpect.spawn:
    return terminal.spawn(store, "requests", *args)


def stored(store: Path) -> dict:
    path = store / "customers" / slug(ACME) / "requests" / f"{slug('POL-7')}.toml"
    return tomllib.loads(path.read_text("utf-8"))


def answer_company(child: pexpect.spawn) -> None:
    child.expect_exact("Section 1 of 2: Company information")
    child.expect_exact("Legal company name")
    child.send("\x15Zoë & Fils [EU] SARL\r")
    child.expect_exact("Do you have a bribery and corruption policy?")
    child.send("y")
    child.expect_exact("Policy text")


def test_answer_submit_and_copy_to_the_public_profile(request_store):
    child = spawn(request_store, "answer", ACME, "POL-7")

    answer_company(child)
    child.send("No bribes [ever], été comme hiver.\r")
    child.expect_exact("Section 2 of 2: Remit-to address")
    child.send(DOWN + "\r")  # N/A
    child.expect_exact("Review: your answers against what the customer has on file")
    child.expect_exact("Zoë & Fils [EU] SARL")
    child.expect_exact("What now?")
    child.send("\r")  # submit for approval
    child.expect_exact("POL-7 is submitted for approval.")
    child.expect_exact("Copy to public profile")
    child.expect_exact("Copy these answers to the public profile?")
    child.send("\r")  # Yes, copy to profile
    child.expect_exact("Copied 3 field(s) to the public profile.")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    record = stored(request_store)
    assert record["status"] == "pending_approval"
    assert record["answers"] == {
        "company": {
            "legal_name": "Zoë & Fils [EU] SARL",
            "policy": True,
            "policy_text": "No bribes [ever], été comme hiver.",
        },
        "remit_to": {"na": True},
    }
    profile = tomllib.loads((request_store / "profile.toml").read_text("utf-8"))
    assert profile["company"] == {
        "name": "Zoë & Fils [EU] SARL",
        "website": "https://a.example",
        "corruption_policy": True,
        "corruption_policy_text": "No bribes [ever], été comme hiver.",
    }
    assert profile["address"]["city"] == "Lyon"


def test_ctrl_c_keeps_the_answers_given_as_a_draft(request_store):
    child = spawn(request_store, "answer", ACME, "POL-7")

    answer_company(child)
    child.sendcontrol("c")
    child.expect_exact("Stopped; the answers given so far are kept as a draft.")
    child.expect_exact("supplier requests answer 'Acme Manufacturing' POL-7")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 130
    record = stored(request_store)
    assert record["status"] == "draft"
    assert record["answers"] == {
        "company": {"legal_name": "Zoë & Fils [EU] SARL", "policy": True}
    }
    profile = tomllib.loads((request_store / "profile.toml").read_text("utf-8"))
    assert profile["company"]["name"] == "Atelier Exemple SARL"

    child = spawn(request_store, "answer", ACME, "POL-7")
    child.expect_exact("Legal company name")
    child.expect_exact("Zoë & Fils [EU] SARL")  # the draft answer is the default
    child.sendcontrol("c")
    child.expect(pexpect.EOF)


def test_an_optional_address_the_customer_holds_as_na_starts_as_na(request_store):
    """Regression: an address the customer profile holds as N/A was not on file:
    an optional section offered no N/A, and the review did not show it."""
    store = Store(request_store)
    record = store.load_customer(ACME)
    record["profile"] = {"ship_from": {"na": True}}
    store.save_customer(record)
    request = request_store.parent / "ship.toml"
    request.write_text(
        REQUEST.replace('id = "POL-7"', 'id = "SHIP-1"')
        + '\n[[sections]]\nid = "ship_from"\ntitle = "Ship-from address"\n'
        'type = "address"\nmaps_to = "ship_from"\n',
        "utf-8",
    )
    child = spawn(request_store, "receive", str(request))
    child.expect(pexpect.EOF)

    child = spawn(request_store, "answer", ACME, "SHIP-1")
    child.expect_exact("Section 1 of 3: Company information")
    child.expect_exact("Legal company name")
    child.send("\r")
    child.expect_exact("Do you have a bribery and corruption policy?")
    child.send("n")
    child.expect_exact("Section 2 of 3: Remit-to address")
    child.send(DOWN + "\r")  # N/A
    child.expect_exact("Section 3 of 3: Ship-from address")
    child.expect_exact("N/A: this does not apply to us")
    child.send("\r")  # the default: N/A, as on file
    child.expect_exact("Review: your answers against what the customer has on file")
    child.expect_exact("What now?")
    child.send(DOWN + "\r")  # save as a draft
    child.expect_exact("SHIP-1 is saved as a draft.")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    path = request_store / "customers" / slug(ACME) / "requests" / (
        f"{slug('SHIP-1')}.toml"
    )
    assert tomllib.loads(path.read_text("utf-8"))["answers"]["ship_from"] == {
        "na": True
    }


FORWARD = """
format = 1
id = "FWD-1"
customer = "Acme Manufacturing"
title = "Certification"
sent = 2026-11-20

[[sections]]
id = "a"
title = "Details"

[[sections.fields]]
id = "details"
label = "Details of the certification"
type = "text"
required = true
show_if = { field = "b.certified", equals = true }

[[sections]]
id = "b"
title = "Certification"

[[sections.fields]]
id = "certified"
label = "Certified?"
type = "boolean"
"""


def test_a_field_opened_by_a_later_section_is_asked_at_once(request_store):
    """Regression: a field whose show_if names a field of a later section was
    never asked; the form could only be saved as a draft, missing that field."""
    request = request_store.parent / "forward.toml"
    request.write_text(FORWARD, "utf-8")
    child = spawn(request_store, "receive", str(request))
    child.expect(pexpect.EOF)

    child = spawn(request_store, "answer", ACME, "FWD-1")
    child.expect_exact("Section 2 of 2: Certification")
    child.expect_exact("Certified?")
    child.send("y")
    child.expect_exact("Section 1 of 2: Details")
    answer = "Certified by [AFNOR] :x:"
    child.expect_exact("Details of the certification")
    child.send(answer + "\r")
    child.expect_exact("What now?")
    child.expect_exact("Submit for approval")
    child.send("\r")
    child.expect_exact("FWD-1 is submitted for approval.")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    path = request_store / "customers" / slug(ACME) / "requests" / (
        f"{slug('FWD-1')}.toml"
    )
    assert tomllib.loads(path.read_text("utf-8"))["answers"] == {
        "a": {"details": answer},
        "b": {"certified": True},
    }


def test_ctrl_c_at_the_copy_question_says_what_was_kept(request_store):
    """Regression: Ctrl-C at "Copy these answers to the public profile?" said only
    "Stopped.", not that the request was submitted and the profile unchanged."""
    child = spawn(request_store, "answer", ACME, "POL-7")
    answer_company(child)
    child.send("No bribes.\r")
    child.expect_exact("Section 2 of 2: Remit-to address")
    child.send(DOWN + "\r")  # N/A
    child.expect_exact("What now?")
    child.send("\r")  # submit for approval
    child.expect_exact("Copy these answers to the public profile?")
    child.sendcontrol("c")
    child.expect_exact(
        "Stopped; POL-7 is submitted, and the public profile was not changed."
    )
    child.expect_exact(
        "Copy the answers later with "
        "`supplier requests copy 'Acme Manufacturing' POL-7`."
    )
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 130
    assert stored(request_store)["status"] == "pending_approval"
    profile = tomllib.loads((request_store / "profile.toml").read_text("utf-8"))
    assert profile["company"]["name"] == "Atelier Exemple SARL"



def enter_on(child: pexpect.spawn, *labels: str) -> None:
    """Enter on each prompt in turn, keeping what it starts from."""
    for label in labels:
        child.expect_exact(label)
        child.send("\r")


def test_private_answers_are_offered_masked_and_enter_keeps_them(tmp_path):
    """Regression: the DUNS number and the remit-to address were prefilled in full
    from the customer profile, printed unmasked as the prompts' defaults."""
    store = copy_example(tmp_path)
    child = spawn(store, "answer", ACME, "SIM-2026-0042")
    child.logfile_read = screen = io.StringIO()

    enter_on(child, "Legal company name", "Website", "Industry",
             "Email for purchase orders")
    child.expect_exact("DUNS number")
    child.expect_exact("•••••3782")
    child.send("\r")
    enter_on(child, "Insurance carrier", "First name", "Last name", "Email",
             "Work phone", "Give the address", "Country", "Street",
             "Street (second line)", "City", "Region or state", "Postal code")
    child.expect_exact("Section 4 of 5: Remit-to address")
    enter_on(child, "Give the address", "Country")
    child.expect_exact("Street")
    child.expect_exact("•••••••••••••••mple")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 130
    assert "150483782" not in screen.getvalue()
    path = next(store.glob("customers/*/requests/sim-2026-0042-*.toml"))
    record = tomllib.loads(path.read_text("utf-8"))
    assert record["answers"]["company"]["duns"] == "150483782"


def test_a_masked_answer_edited_in_part_is_asked_again_and_never_saved(tmp_path):
    """Regression: typing after a masked remit-to street kept the bullets as part of
    the new street ("•••••••••••••••mpleLyon")."""
    store = copy_example(tmp_path)
    child = spawn(store, "answer", ACME, "SIM-2026-0042")

    enter_on(child, "Legal company name", "Website", "Industry",
             "Email for purchase orders", "DUNS number", "Insurance carrier",
             "First name", "Last name", "Email", "Work phone", "Give the address",
             "Country", "Street", "Street (second line)", "City", "Region or state",
             "Postal code")
    child.expect_exact("Section 4 of 5: Remit-to address")
    enter_on(child, "Give the address", "Country")
    child.expect_exact("•••••••••••••••mple")
    child.send(" Lyon\r")
    child.expect_exact("The saved value is hidden, so it cannot be edited in part")
    child.expect_exact("Street")
    child.expect_exact("•••••••••••••••mple")
    child.send("\r")
    enter_on(child, "Street (second line)", "City", "Region or state", "Postal code",
             "Ship-from address")
    child.expect_exact("What now?")
    child.expect_exact("Save as a draft")
    child.send(DOWN + "\r")
    child.expect(pexpect.EOF)
    child.close()

    path = next(store.glob("customers/*/requests/sim-2026-0042-*.toml"))
    record = tomllib.loads(path.read_text("utf-8"))
    assert record["status"] == "draft"
    assert record["answers"]["remit_to"]["street1"] == "12 rue de l'Exemple"
    assert "•" not in path.read_text("utf-8")
