"""`supplier onboard` driven in a real pseudo-terminal, as a person would."""

from __future__ import annotations

import signal
import time
import tomllib
from pathlib import Path

import pexpect
import pytest

from tests.cli import terminal
from tests.conftest import copy_example

REPO = Path(__file__).resolve().parents[2]
CERTIFICATE = REPO / "profiles" / "certificates-src" / "weconnect-2025.pdf"
DOWN = "\x1b[B"


def spawn(store: Path, *args: str, width: int = 100) -> pexpect.spawn:
    return terminal.spawn(store, "onboard", *args, width=width)


def answer(child: pexpect.spawn, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.send(text + "\r")


def step_one(child: pexpect.spawn) -> None:
    child.expect_exact("Step 1 of 8")
    answer(child, "First name", "Zoë")
    answer(child, "Last name", "Martin")
    answer(child, "Email", "not-an-email")
    terminal.answer_again(child, "Not a valid email address", "Email",
                          "zoe@atelier-exemple.fr")
    answer(child, "Job title", "Gérante [EU]")
    answer(child, "Work phone", "+33 4 72 10 20 30")
    answer(child, "Mobile phone", "")


def step_two(child: pexpect.spawn) -> None:
    child.expect_exact("Step 2 of 8")
    answer(child, "Legal company name", "Zoë & Fils [EU] SARL")
    # The instruction is in brackets: it ran into the answer ("such as FR or US FR").
    answer(child, "Country (ISO 3166 alpha-2 code, such as FR or US)", "FR")
    answer(child, "Street", "")
    terminal.answer_again(child, "Required", "Street", "12 rue de l'Exemple")
    answer(child, "Street (second line)", "")
    answer(child, "City", "Lyon")
    answer(child, "Region or state", "")
    answer(child, "Postal code", "6900")
    terminal.answer_again(child, "Not a postal code of FR", "Postal code", "69002")
    answer(child, "Website", "atelier-exemple.fr")
    answer(child, "Tax ID", "FR40303265045")
    answer(child, "DUNS number", "150483782")


def test_all_eight_steps_fill_the_public_profile(tmp_path):
    store = tmp_path / "store"
    child = spawn(store)

    step_one(child)
    step_two(child)
    child.expect_exact("Step 3 of 8")
    child.expect_exact("Company size")
    child.send(DOWN * 3 + "\r")  # from "(no answer)" down to 10-49
    answer(child, "Year established", "2009")
    answer(child, "Full description", "Fine metalwork")
    child.expect_exact("Service areas")
    child.send(DOWN + DOWN + "\r")  # global
    answer(child, "Countries or regions served", "FR, BE")
    answer(child, "Regions not served", "")
    answer(child, "PO delivery email", "po@atelier-exemple.fr")
    child.expect_exact("Has a bribery and corruption policy?")
    child.send("y")
    answer(child, "Bribery and corruption policy", "No bribes, ever.")
    child.expect_exact("Step 4 of 8")
    child.expect_exact("Diversity region")
    # Not "(none)", which read like the region "none" just above it.
    child.expect_exact("(no answer)")
    child.send(DOWN + DOWN + "\r")  # outside the US
    child.expect_exact("Classifications")
    child.send(DOWN + " \r")  # minority-owned
    child.expect_exact("Minority type")
    child.send("\r")  # the first option
    child.expect_exact("Step 5 of 8")
    child.expect_exact("Add a diversity certificate?")
    child.send("y")
    child.expect_exact("Classification")
    child.send("\r")
    answer(child, "Certifying agency", "WEConnect")
    answer(child, "Certificate number", "WE-1")
    answer(child, "Issue date", "2025-03-01")
    answer(child, "Expiry date", "2024-01-01")
    terminal.answer_again(child, "The expiry date is before the issue date",
                          "Expiry date", "2027-02-28")
    answer(child, "Certificate file", str(CERTIFICATE))
    child.expect_exact("Add a diversity certificate?")
    child.send("n")
    child.expect_exact("Step 6 of 8")
    answer(child, "Industry", "Manufacturing")
    answer(child, "Product and service categories", "Metal, Fittings")
    answer(child, "Top products or services", "株式会社サンプル")
    child.expect_exact("Step 7 of 8")
    child.expect_exact("Add a customer you already sell to?")
    child.send("y")
    answer(child, "Customer name", "Acme [Europe] GmbH")
    answer(child, "Their contact's email", "buyer@acme.example")
    child.expect_exact("Add a customer you already sell to?")
    child.send("n")
    child.expect_exact("Step 8 of 8")
    child.expect_exact("Takes part in a verification programme?")
    child.send("y")
    answer(child, "Verification badge expiry", "2027-06-30")
    child.expect_exact("Your public profile is saved.")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["onboarding"]["completed"] == [1, 2, 3, 4, 5, 6, 7, 8]
    assert saved["contact"] == {
        "first_name": "Zoë",
        "last_name": "Martin",
        "email": "zoe@atelier-exemple.fr",
        "title": "Gérante [EU]",
        "phone_work": "+33472102030",
    }
    assert saved["company"]["name"] == "Zoë & Fils [EU] SARL"
    assert saved["company"]["size"] == "10-49"
    assert saved["company"]["website"] == "https://atelier-exemple.fr"
    assert saved["address"] == {
        "country": "FR",
        "street1": "12 rue de l'Exemple",
        "city": "Lyon",
        "postal_code": "69002",
    }
    assert saved["identifiers"] == {"tax_id": "FR40303265045", "duns": "150483782"}
    assert saved["service_areas"] == {"scope": "global", "served": ["FR", "BE"]}
    assert saved["diversity"]["minority_owned"] is True
    assert saved["diversity"]["minority_type"] == "Hispanic American"
    [certificate] = saved["diversity"]["certificates"]
    assert certificate["agency"] == "WEConnect"
    assert (store / certificate["file"]).read_bytes() == CERTIFICATE.read_bytes()
    assert len(certificate["sha256"]) == 64
    assert saved["categories"]["products"] == ["株式会社サンプル"]
    assert saved["verification"]["enrolled"] is True
    [customer] = store.glob("customers/*/customer.toml")
    record = tomllib.loads(customer.read_text("utf-8"))
    assert record["name"] == "Acme [Europe] GmbH"
    assert record["connection"]["status"] == "pending"


@pytest.mark.parametrize("key", ["\x03", "\x04"], ids=["ctrl-c", "ctrl-d"])
def test_interrupt_mid_step_keeps_completed_steps_and_resumes(tmp_path, key):
    store = tmp_path / "store"
    child = spawn(store)
    step_one(child)
    child.expect_exact("Step 2 of 8")
    answer(child, "Legal company name", "Half-done SARL")
    child.expect_exact("Country")
    child.send(key)
    child.expect_exact("Stopped at step 2 of 8; that step was not saved.")
    child.expect_exact("Run `supplier onboard` to resume.")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 130
    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["onboarding"]["completed"] == [1]
    assert saved["contact"]["first_name"] == "Zoë"
    assert "company" not in saved
    assert not list(store.rglob("*.tmp"))

    child = spawn(store)
    step_two(child)
    child.expect_exact("Step 3 of 8")
    child.expect_exact("Company size")  # the prompt is up: Ctrl-C is a key press
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["onboarding"]["completed"] == [1, 2]
    assert saved["company"]["name"] == "Zoë & Fils [EU] SARL"


def test_restart_offers_saved_answers_as_defaults(tmp_path):
    store = tmp_path / "store"
    child = spawn(store)
    step_one(child)
    child.expect_exact("Step 2 of 8")
    child.expect_exact("Legal company name")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)

    child = spawn(store, "--step", "1")
    child.expect_exact("First name")
    child.send("\r")  # keep the saved value
    answer(child, "Last name", "\x15Dupont")
    for _ in range(4):
        child.send("\r")
    child.expect(pexpect.EOF)
    child.close()

    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["contact"]["first_name"] == "Zoë"
    assert saved["contact"]["last_name"] == "Dupont"
    assert saved["onboarding"]["completed"] == [1]


def test_a_reason_longer_than_the_terminal_is_printed_whole(tmp_path):
    """Regression: the reason an answer was refused showed in prompt_toolkit's
    one-line bar, cut at the terminal's width: at 80 columns the phone example
    read "such as +33 4 72 00 00"."""
    store = tmp_path / "store"
    child = spawn(store, width=60)
    child.expect_exact("Step 1 of 8")
    answer(child, "First name", "Zoë")
    answer(child, "Last name", "Martin")
    answer(child, "Email", "zoe@atelier-exemple.fr")
    answer(child, "Job title", "")
    answer(child, "Work phone", "12")
    child.expect_exact(
        "Not a valid phone number; give it with its country code, "
        "such as +33 4 72 00 00 00"
    )
    child.expect_exact("Work phone")
    child.send("\x15+33 4 72 10 20 30\r")
    answer(child, "Mobile phone", "")
    child.expect_exact("Step 2 of 8")
    child.expect_exact("Legal company name")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["contact"]["phone_work"] == "+33472102030"



def test_keys_typed_while_a_refused_answer_is_asked_again_are_kept(tmp_path):
    """Regression: between a refused answer and the prompt asking it again the
    terminal was back in line mode, whose line editing ate the Ctrl-U meant to
    clear the refused answer ("12" and "+33 4 72 10 20 30" became one number).
    The program is stopped there while the keys are typed, to hit that moment."""
    store = tmp_path / "store"
    child = spawn(store)
    child.expect_exact("Step 1 of 8")
    answer(child, "First name", "Zoë")
    answer(child, "Last name", "Martin")
    answer(child, "Email", "zoe@atelier-exemple.fr")
    answer(child, "Job title", "")
    answer(child, "Work phone", "12")
    child.expect_exact("Not a valid phone number")
    child.kill(signal.SIGSTOP)
    child.send("\x15+33 4 72 10 20 30\r")
    time.sleep(0.2)
    child.kill(signal.SIGCONT)
    answer(child, "Mobile phone", "")
    child.expect_exact("Step 2 of 8")
    child.expect_exact("Legal company name")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()

    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["contact"]["phone_work"] == "+33472102030"


def keep_company_and_address(child: pexpect.spawn) -> None:
    """Enter on each saved answer of step 2 up to the tax ID."""
    for label in ("Legal company name", "Country", "Street", "Street (second line)",
                  "City", "Region or state", "Postal code", "Website"):
        answer(child, label, "")


def test_saved_tax_id_and_duns_are_offered_masked_and_enter_keeps_them(tmp_path):
    """Regression: `onboard --step 2` (and --restart) started the tax ID and DUNS
    prompts from the saved values in full, printing them unmasked on the screen."""
    store = copy_example(tmp_path)
    before = tomllib.loads((store / "profile.toml").read_text("utf-8"))

    child = spawn(store, "--step", "2")
    keep_company_and_address(child)
    child.expect_exact("Tax ID")
    child.expect_exact("•••••••••5045")
    child.send("\r")  # the saved value, kept
    child.expect_exact("DUNS number")
    child.expect_exact("•••••3782")
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    screen = child.before

    assert child.exitstatus == 0
    assert "FR40303265045" not in screen and "150483782" not in screen
    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["identifiers"] == before["identifiers"]
    assert saved["identifiers"]["duns"] == "150483782"


def test_a_masked_default_can_be_replaced_by_a_new_value(tmp_path):
    store = copy_example(tmp_path)

    child = spawn(store, "--step", "2")
    keep_company_and_address(child)
    child.expect_exact("•••••••••5045")
    child.send("\r")
    child.expect_exact("•••••3782")
    child.send("\x15" + "123456789\r")
    child.expect(pexpect.EOF)
    child.close()

    assert child.exitstatus == 0
    saved = tomllib.loads((store / "profile.toml").read_text("utf-8"))
    assert saved["identifiers"] == {"tax_id": "FR40303265045", "duns": "123456789"}
