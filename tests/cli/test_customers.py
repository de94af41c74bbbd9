"""`supplier customers ...` run in-process on a temporary store (cli/customers.py)."""

from __future__ import annotations

import datetime as dt
import json
import stat
import tomllib
from pathlib import Path

import pytest

from supplier_cli import customers
from supplier_cli.storage import Store, slug
from tests.conftest import snapshot

ACME = "Acme Manufacturing"
ZOE = "Zoë & Fils [EU] SARL"
SAMPLE = "株式会社サンプル"
TODAY = dt.date.today()
LONG_AGO = TODAY - dt.timedelta(days=45)
PUBLIC = {
    "contact": {"first_name": "Zoë", "last_name": "Martin",
                "email": "zoe@atelier-exemple.fr"},
    "company": {"name": "Atelier Exemple SARL"},
    "address": {"street1": "12 rue de l'Exemple", "city": "Lyon",
                "postal_code": "69002", "country": "FR"},
    "identifiers": {"tax_id": "FR40303265045", "duns": "150483782"},
}
SPAIN = {"street1": "Calle Mayor 1", "city": "Madrid", "region": "Madrid",
         "postal_code": "28013", "country": "ES"}


def flat(text: str) -> str:
    """Output with its line breaks, box edges and padding made single spaces."""
    return " ".join(text.replace("│", " ").split())


def stored(store: Path, name: str) -> dict:
    path = store / "customers" / slug(name) / "customer.toml"
    return tomllib.loads(path.read_text("utf-8"))


@pytest.fixture
def store(store_dir) -> Store:
    """A store with the public profile of a French supplier."""
    store = Store(store_dir)
    with store.locked():  # as a command would: the lock file exists from then on
        store.save_profile(PUBLIC, {"onboarding": {"completed": list(range(1, 9))}})
    return store


def add(store: Store, name: str, day: dt.date = TODAY, *, approved: bool = False,
        settings: dict | None = None, owners: list[str] = ()) -> dict:
    record = customers.connect(None, name, "buyer@customer.example", day)
    if approved:
        record = customers.record_answer(record, True, day, store.load_profile()[0])
    record = customers.configure(record, settings or {}, list(owners))
    store.save_customer(record)
    return record


# connect


def test_connect_records_a_pending_request(store, supplier):
    result = supplier("customers", "connect", ZOE, "--contact", "achats@zoe.example",
                      "--owner", "Claire [AP] Dubois <claire@zoe.example>",
                      "--no-forms", "--direct-edits", "--setup", "addresses,bank")

    assert result.exit_code == 0, result.stderr
    expires = (TODAY + dt.timedelta(days=30)).isoformat()
    assert result.stderr == (
        f"Connection request 1 of 3 sent to {ZOE}; it expires after {expires}.\n"
    )
    record = stored(store.root, ZOE)
    assert record["name"] == ZOE
    assert record["connection"] == {"status": "pending",
                                    "contact": "achats@zoe.example",
                                    "requests": [TODAY]}
    assert record["owners"] == [{"name": "Claire [AP] Dubois",
                                 "email": "claire@zoe.example"}]
    assert record["settings"] == {"uses_forms": False, "direct_edits": True,
                                  "setup": ["addresses", "bank"]}
    path = store.root / "customers" / slug(ZOE) / "customer.toml"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_connect_keeps_odd_names_in_safe_distinct_folders(store, supplier):
    names = ["../../etc/passwd", "Zoe & Fils [EU] SARL", ZOE, SAMPLE]
    for name in names:
        result = supplier("customers", "connect", name, "--contact", "a@b.example")
        assert result.exit_code == 0, result.stderr

    folders = sorted(p.name for p in (store.root / "customers").iterdir())
    assert len(folders) == 4
    assert all("/" not in f and not f.startswith(".") for f in folders)
    assert not (store.root.parent / "etc").exists()
    listed = json.loads(supplier("customers", "list", "--json").stdout)
    assert sorted(row["name"] for row in listed) == sorted(names)


def test_connect_needs_the_contact_the_first_time(store, supplier):
    before = snapshot(store.root)
    result = supplier("customers", "connect", ACME)
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: To connect {ACME}, give the email of your contact there with "
        "--contact EMAIL.\n"
    )
    assert snapshot(store.root) == before


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["--contact", "not-an-email"], "not a valid email address"),
        (["--contact", "a@b.example", "--setup", "payroll"],
         "'payroll' is not a setup item"),
        (["--contact", "a@b.example", "--owner", "Claire"],
         "'Claire' is not an account owner"),
    ],
)
def test_connect_refuses_bad_values_and_writes_nothing(store, supplier, args, reason):
    before = snapshot(store.root)
    result = supplier("customers", "connect", ACME, *args)
    assert result.exit_code == 1
    assert reason in result.stderr
    assert snapshot(store.root) == before


def test_connect_again_while_pending_is_refused(store, supplier):
    add(store, ACME)
    before = snapshot(store.root)

    result = supplier("customers", "connect", ACME)

    assert result.exit_code == 5
    expires = (TODAY + dt.timedelta(days=30)).isoformat()
    assert flat(result.stderr) == (
        f"Error: The connection request to {ACME} sent on {TODAY.isoformat()} is "
        f"still pending; it can be sent again once it expires, after {expires}."
    )
    assert snapshot(store.root) == before


def test_connect_takes_an_existing_customer_by_its_name_ignoring_case(store, supplier):
    # Regression: `connect "acme manufacturing"` created a second customer.
    add(store, ACME, approved=True)
    result = supplier("customers", "connect", "ACME manufacturing", "--contact",
                      "a@b.example")
    assert result.exit_code == 5
    assert result.stderr == f"Error: {ACME} is already connected.\n"
    assert len(list((store.root / "customers").iterdir())) == 1


def test_two_customers_differing_only_in_case_are_not_taken_for_none(store, supplier):
    # Regression: with two customers differing only in case (as versions that did
    # not take the second for the first left them), a third spelling was called
    # unknown by show, and `connect` connected it as a third customer.
    add(store, ACME, approved=True)
    add(store, ACME.upper(), approved=True)
    before = snapshot(store.root)
    named = (f"Error: '{ACME.lower()}' names more than one customer when case is "
             f"ignored: '{ACME.upper()}', '{ACME}'.\n")

    connected = supplier("customers", "connect", ACME.lower(), "--contact", "a@b.example")
    shown = supplier("customers", "show", ACME.lower())

    for result in (connected, shown):
        assert result.exit_code == 5
        assert result.stderr.startswith(named)
        assert "Give the name as one of them spells it" in result.stderr
    assert snapshot(store.root) == before
    assert supplier("customers", "show", ACME).exit_code == 0


def test_a_name_typed_with_spaces_around_it_is_kept_without_them(store, supplier):
    # Regression: `connect "Acme Manufacturing "` kept the trailing space: the list
    # showed "Acme Manufacturing", and `customers show "Acme Manufacturing"` said
    # there was no such customer. Legal entity names were already trimmed.
    result = supplier("customers", "connect", f" {ACME} ", "--contact", "a@b.example")
    assert result.exit_code == 0
    assert stored(store.root, ACME)["name"] == ACME

    assert supplier("customers", "show", ACME).exit_code == 0
    assert supplier("customers", "record", f"{ACME} ", "--approved").exit_code == 0
    assert stored(store.root, ACME)["connection"]["status"] == "approved"


def test_a_name_stored_with_a_trailing_space_is_found_without_it(store, supplier):
    # As stored before names were trimmed.
    record = customers.connect(None, "Nordwind", "buyer@customer.example", TODAY)
    store.save_customer(record | {"name": "Nordwind "})
    result = supplier("customers", "show", "Nordwind", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["name"] == "Nordwind "
    assert supplier("requests", "list", "--customer", "Nordwind").exit_code == 0


def test_an_expired_request_is_sent_again_up_to_three_in_all(store, supplier):
    record = add(store, ACME, LONG_AGO)
    record["connection"]["requests"] = [LONG_AGO - dt.timedelta(days=90), LONG_AGO]
    store.save_customer(record)
    assert json.loads(supplier("customers", "list", "--json").stdout)[0][
        "connection"] == "expired"

    again = supplier("customers", "connect", ACME)
    assert again.exit_code == 0
    assert again.stderr.startswith(f"Connection request 3 of 3 sent to {ACME};")
    assert stored(store.root, ACME)["connection"]["requests"][-1] == TODAY

    record = store.customer(ACME)
    record["connection"]["requests"] = [LONG_AGO - dt.timedelta(days=90 + n)
                                        for n in (60, 30, 0)]
    store.save_customer(record)
    before = snapshot(store.root)
    fourth = supplier("customers", "connect", ACME)
    assert fourth.exit_code == 5
    assert fourth.stderr == (
        f"Error: 3 connection requests were sent to {ACME}, the most allowed (3); "
        "no further request can be sent.\nContact the customer another way to "
        "connect.\n"
    )
    assert snapshot(store.root) == before


# record


def test_record_approved_starts_the_customer_profile(store, supplier):
    add(store, ZOE)
    result = supplier("customers", "record", "zoë & fils [eu] sarl", "--approved")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"{ZOE} is connected; its customer profile starts as a copy of the public "
        "profile.\n"
    )
    record = stored(store.root, ZOE)
    assert record["connection"]["status"] == "approved"
    assert record["profile"] == PUBLIC


def test_record_rejected(store, supplier):
    add(store, SAMPLE)
    result = supplier("customers", "record", SAMPLE, "--rejected")
    assert result.exit_code == 0
    assert result.stderr == f"Recorded that {SAMPLE} rejected the connection.\n"
    assert "profile" not in stored(store.root, SAMPLE)


@pytest.mark.parametrize("flags", [[], ["--approved", "--rejected"]])
def test_record_needs_one_answer(store, supplier, flags):
    add(store, ACME)
    result = supplier("customers", "record", ACME, *flags)
    assert result.exit_code == 2
    assert result.stderr == "Error: Give one of --approved or --rejected.\n"


def test_record_refuses_what_is_not_pending(store, supplier):
    add(store, ACME, approved=True)
    before = snapshot(store.root)
    result = supplier("customers", "record", ACME, "--rejected")
    assert result.exit_code == 5
    assert "has no pending connection request (it is approved)" in result.stderr
    assert snapshot(store.root) == before
    assert supplier("customers", "record", "Nobody", "--approved").exit_code == 4


# configure


def test_configure_sets_what_the_customer_allows(store, supplier):
    add(store, ACME, owners=["Old Owner <old@acme.example>"])
    result = supplier("customers", "configure", ACME, "--owner",
                      "Claire Dubois <claire@acme.example>", "--remove-owner",
                      "old@acme.example", "--portal-payments", "--setup", "all")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Saved what {ACME} allows.\n"
    record = stored(store.root, ACME)
    assert record["owners"] == [{"name": "Claire Dubois",
                                 "email": "claire@acme.example"}]
    assert record["settings"] == {
        "portal_payments": True,
        "setup": ["addresses", "invoicing", "virtual_card", "bank"],
    }


def test_configure_with_nothing_to_change_is_a_usage_error(store, supplier):
    add(store, ACME)
    result = supplier("customers", "configure", ACME)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: Nothing to change.\n")


def test_configure_refuses_unknown_owners_and_customers(store, supplier):
    add(store, ACME)
    before = snapshot(store.root)
    result = supplier("customers", "configure", ACME, "--forms", "--remove-owner",
                      "nobody@acme.example")
    assert result.exit_code == 4
    assert result.stderr == (
        f"Error: nobody@acme.example is not an account owner at {ACME}.\n")
    assert supplier("customers", "configure", "Globex", "--forms").exit_code == 4
    assert snapshot(store.root) == before


# list


def test_list_with_no_customers(store, supplier):
    result = supplier("customers", "list")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No customers yet." in result.stderr
    assert json.loads(supplier("customers", "list", "--json").stdout) == []


def test_list_shows_connection_setup_and_pending_requests(store, supplier):
    add(store, ACME, approved=True, settings={"setup": "addresses,virtual_card"})
    add(store, ZOE)

    table = supplier("customers", "list")
    rows = json.loads(supplier("customers", "list", "--json").stdout)

    assert table.exit_code == 0
    text = flat(table.stdout)
    assert f"{ACME} approved ░░░░░░░░░░ 0/2 0" in text
    assert f"{ZOE} pending no setup items 0" in text
    assert [row["name"] for row in rows] == [ACME, ZOE]
    assert rows[0]["connection"] == "approved"
    assert rows[0]["setup"] == {"done": 0, "total": 2}
    assert rows[0]["pending_requests"] == 0
    assert dt.datetime.fromisoformat(rows[0]["updated"]).tzinfo is not None


def test_list_is_in_order_of_name_ignoring_case(store, supplier):
    # Regression: the list came in the order of the folders' slugs, which put
    # 株式会社サンプル (folder customer-...) between Acme and Nordwind.
    for name in ("Nordwind", SAMPLE, "zeta", ACME, "beta [b]"):
        add(store, name)
    rows = json.loads(supplier("customers", "list", "--json").stdout)
    assert [row["name"] for row in rows] == [ACME, "beta [b]", "Nordwind", "zeta",
                                             SAMPLE]


# show


def test_show_marks_what_differs_and_masks_private_values(store, supplier):
    record = add(store, ACME, approved=True, owners=["Claire <claire@acme.example>"])
    record["profile"]["contact"]["email"] = "zoe+acme@atelier-exemple.fr"
    record["profile"]["remit_to"] = dict(SPAIN)
    store.save_customer(record)

    result = supplier("customers", "show", ACME)

    assert result.exit_code == 0, result.stderr
    text = flat(result.stdout)
    assert "≠ Email zoe+acme@atelier-exemple.fr zoe@atelier-exemple.fr" in text
    assert "≠ differs from the public profile" in text
    assert "Tax ID •••••••••5045" in text
    assert "FR40303265045" not in result.stdout
    assert "Calle Mayor" not in result.stdout
    assert "Remit-to address •••••••••or 1, •8013 ••drid, ••drid, ES" in text
    private = flat(supplier("customers", "show", ACME, "--show-private").stdout)
    assert "Tax ID FR40303265045" in private
    assert "Remit-to address Calle Mayor 1, 28013 Madrid, Madrid, ES" in private


def test_show_without_differences_has_no_marker_column(store, supplier):
    add(store, ACME, approved=True)
    result = supplier("customers", "show", ACME)
    assert "≠" not in result.stdout
    assert "Public profile" not in result.stdout


@pytest.mark.parametrize(
    ("owners", "banner", "link"),
    [
        (["Claire Dubois <claire@acme.example>"],
         f"Your supplier account owner at {ACME} is Claire Dubois "
         "<claire@acme.example>: write to them.",
         "mailto:claire@acme.example"),
        (["Claire Dubois <claire@acme.example>", "Sam Patel <sam@acme.example>"],
         f"{ACME} has 2 supplier account owners: write to all of them: Claire "
         "Dubois <claire@acme.example>, Sam Patel <sam@acme.example>.",
         "mailto:claire@acme.example,sam@acme.example"),
        ([], f"{ACME} has named no supplier account owner: contact the customer "
         "another way.", None),
    ],
)
def test_show_has_the_account_owners_banner(store, supplier, owners, banner, link):
    add(store, ACME, approved=True, owners=owners)

    text = flat(supplier("customers", "show", ACME).stdout)
    data = json.loads(supplier("customers", "show", ACME, "--json").stdout)

    assert banner in text
    assert (link in text) if link else ("mailto:" not in text)
    assert data["banner"] == {"text": banner, "link": link}


def test_show_at_40_columns_wraps_the_banner_without_cutting_it(store, store_dir):
    from typer.testing import CliRunner

    from supplier_cli import render
    from supplier_cli.cli import app

    add(store, SAMPLE, approved=True,
        owners=["Claire [AP] Dubois <claire.dubois.accounts-payable@acme.example>"])
    render.out.cache_clear()
    render.err.cache_clear()
    result = CliRunner().invoke(app, ["--profiles", str(store_dir), "customers",
                                      "show", SAMPLE],
                                env={"NO_COLOR": "1", "COLUMNS": "40"})

    assert result.exit_code == 0
    panel = [line for line in result.stdout.splitlines() if line.startswith("│")]
    assert all(len(line) <= 40 for line in panel)
    joined = "".join("".join(panel).replace("│", "").split())
    assert (f"Yoursupplieraccountownerat{SAMPLE}isClaire[AP]Dubois"
            "<claire.dubois.accounts-payable@acme.example>:writetothem.") in joined
    assert "mailto:claire.dubois.accounts-payable@acme.example" in joined


def test_show_json_masks_unless_show_private(store, supplier):
    record = add(store, ACME, approved=True, settings={"setup": "all"})
    record["profile"]["remit_to"] = dict(SPAIN)
    store.save_customer(record)

    data = json.loads(supplier("customers", "show", ACME, "--json").stdout)
    private = json.loads(
        supplier("customers", "show", ACME, "--json", "--show-private").stdout)

    assert data["name"] == ACME
    assert data["connection"]["status"] == "approved"
    assert data["profile"]["identifiers"] == {"tax_id": "•••••••••5045",
                                              "duns": "•••••3782"}
    assert data["profile"]["remit_to"]["street1"] == "•••••••••or 1"
    assert private["profile"]["identifiers"]["tax_id"] == "FR40303265045"
    assert private["profile"]["remit_to"] == SPAIN
    assert [(i["item"], i["state"]) for i in data["setup"]["items"]] == [
        ("addresses", "to do"), ("invoicing", "skipped"),
        ("virtual_card", "to do"), ("bank", "skipped")]
    assert (data["setup"]["done"], data["setup"]["total"]) == (0, 2)


def test_show_a_pending_customer_prints_its_name_exactly(store, supplier):
    add(store, ZOE)
    result = supplier("customers", "show", ZOE)
    assert result.exit_code == 0
    text = flat(result.stdout)
    assert f"Customer {ZOE}" in text
    assert "pending: request 1 of 3" in text
    assert "No customer profile yet" in result.stderr
    assert "Customer profile" not in result.stdout


def test_show_an_unknown_customer(store, supplier):
    result = supplier("customers", "show", "Globex [Asia]")
    assert result.exit_code == 4
    assert result.stderr.startswith("Error: There is no customer 'Globex [Asia]'.\n")


# copy-profile


def test_copy_profile_starts_from_another_customers(store, supplier):
    source = add(store, ACME, approved=True)
    source["profile"]["contact"]["email"] = "zoe+acme@atelier-exemple.fr"
    store.save_customer(source)
    add(store, SAMPLE)

    result = supplier("customers", "copy-profile", "acme MANUFACTURING", SAMPLE)

    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"The customer profile of {SAMPLE} is now a copy of {ACME}'s.\n")
    assert stored(store.root, SAMPLE)["profile"] == source["profile"]


def test_copy_profile_over_an_existing_one_needs_replace(store, supplier):
    add(store, ACME, approved=True)
    add(store, ZOE, approved=True)
    before = snapshot(store.root)
    refused = supplier("customers", "copy-profile", ACME, ZOE)
    assert refused.exit_code == 5
    assert refused.stderr == (
        f"Error: {ZOE} already has a customer profile.\nGive --replace to start it "
        f"again as a copy of {ACME}'s.\n")
    assert snapshot(store.root) == before
    assert supplier("customers", "copy-profile", ACME, ZOE, "--replace").exit_code == 0


def test_copy_profile_from_a_customer_without_one(store, supplier):
    add(store, ACME)
    add(store, ZOE, approved=True)
    result = supplier("customers", "copy-profile", ACME, ZOE, "--replace")
    assert result.exit_code == 5
    assert "has no customer profile of its own yet" in result.stderr


# edit

EDITABLE = {"uses_forms": False, "direct_edits": True}


def test_edit_changes_contact_and_remit_to_when_allowed(store, supplier):
    add(store, ACME, approved=True, settings=EDITABLE)
    result = supplier("customers", "edit", ACME, "contact.email=ap@atelier-exemple.fr",
                      "remit_to.street1=Calle Mayor 1", "remit_to.city=Madrid",
                      "remit_to.region=Madrid", "remit_to.postal_code=28013",
                      "remit_to.country=ES")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"Saved 6 change(s) to the customer profile of {ACME}.\n"
    mine = stored(store.root, ACME)["profile"]
    assert mine["contact"]["email"] == "ap@atelier-exemple.fr"
    assert mine["remit_to"] == SPAIN


@pytest.mark.parametrize(
    ("settings", "owners", "message"),
    [
        ({"uses_forms": True, "direct_edits": True}, [],
         f"Error: {ACME} uses information request forms: its customer profile "
         "changes only through them. Answer its information request instead "
         "(`supplier requests list`)."),
        ({"uses_forms": False}, ["Claire <claire@acme.example>"],
         f"Error: {ACME} does not let suppliers edit its profile directly. Your "
         f"supplier account owner at {ACME} is Claire <claire@acme.example>: "
         "write to them."),
    ],
)
def test_edit_refused_says_what_to_do_instead(store, supplier, settings, owners,
                                             message):
    add(store, ACME, approved=True, settings=settings, owners=owners)
    before = snapshot(store.root)
    result = supplier("customers", "edit", ACME, "contact.email=ap@example.com")
    assert result.exit_code == 5
    assert flat(result.stderr) == message
    assert snapshot(store.root) == before


def test_edit_refuses_the_company_address(store, supplier):
    add(store, ACME, approved=True, settings=EDITABLE)
    before = snapshot(store.root)
    result = supplier("customers", "edit", ACME, "address.city=Paris")
    assert result.exit_code == 5
    assert result.stderr == (
        "Error: The company address is changed only on the public profile.\n"
        "Change it with `supplier profile set address.PART VALUE`.\n")
    assert snapshot(store.root) == before


def test_edit_with_invalid_values_lists_them_and_writes_nothing(store, supplier):
    add(store, ACME, approved=True, settings=EDITABLE)
    before = snapshot(store.root)
    result = supplier("customers", "edit", ACME, "contact.email=nope",
                      "remit_to.postal_code=ABC", "remit_to.country=FR")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Error: {ACME}: some changes are not valid; nothing was saved.\n"
        "  - contact.email: not a valid email address")
    assert "  - remit_to.postal_code: not a postal code of FR" in result.stderr
    assert snapshot(store.root) == before


def test_edit_needs_key_equals_value(store, supplier):
    add(store, ACME, approved=True, settings=EDITABLE)
    result = supplier("customers", "edit", ACME, "contact.email")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: 'contact.email' is not a change; give KEY=VALUE, such as "
        "contact.email=ap@example.com\n")
    assert supplier("customers", "edit", ACME).exit_code == 2


# setup


def answers_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "setup-answers.toml"
    path.write_text(text, "utf-8")
    return str(path)


SETUP_FR = """
format = 1

[addresses]
invoice_from = "company"
remit_to = "invoice_from"
ship_from = "N/A"

[virtual_card]
accept = true
email = "cards@atelier-exemple.fr"
"""


def test_setup_without_a_terminal_or_answers_is_refused(store, supplier):
    add(store, ACME, approved=True, settings={"setup": "all"})
    before = snapshot(store.root)
    result = supplier("customers", "setup", ACME)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: This command asks questions, and there is no terminal to ask them "
        "in.\nRun it in a terminal, or give the answers with --answers FILE.\n")
    assert snapshot(store.root) == before


def test_setup_with_nothing_to_ask_says_so_without_a_terminal(store, supplier):
    # As onboard does on a complete profile; it refused for want of a terminal.
    add(store, ACME, approved=True)
    empty = supplier("customers", "setup", ACME)
    assert empty.exit_code == 0
    assert empty.stderr == (
        f"{ACME} asks for no setup items; choose them with `supplier customers "
        f"configure '{ACME}' --setup ITEMS`.\n")

    record = customers.configure(store.customer(ACME), {"setup": "virtual_card"})
    store.save_customer(customers.apply_item(record, PUBLIC, "virtual_card",
                                             {"accept": False}))
    complete = supplier("customers", "setup", ACME)
    assert complete.exit_code == 0
    assert complete.stderr == (
        f"The setup for {ACME} is complete. Use --restart to go through it again.\n")
    assert supplier("customers", "setup", ACME, "--restart").exit_code == 2


def test_setup_from_answers_saves_each_item(store, supplier, tmp_path):
    add(store, ACME, approved=True, settings={"setup": "all"})
    path = answers_file(tmp_path, SETUP_FR)

    result = supplier("customers", "setup", ACME, "--answers", path)

    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        f"Saved 2 setup item(s) for {ACME} from {path}; 2 of 2 done.\n")
    record = stored(store.root, ACME)
    assert record["setup"] == {"done": ["addresses", "virtual_card"]}
    assert record["profile"]["remit_to"] == PUBLIC["address"]
    assert record["profile"]["ship_from"] == {"na": True}
    text = flat(supplier("customers", "show", ACME).stdout)
    assert "Setup ██████████ 2/2 complete" in text
    assert "Advanced invoicing skipped" in text


def test_setup_of_an_unsupported_country_skips_financial_answers_with_the_notice(
    store, supplier, tmp_path
):
    # Regression: the whole file was refused, so the README's example answers
    # file failed for the README's example company, in France.
    add(store, ACME, approved=True, settings={"setup": "all"})
    path = answers_file(tmp_path, SETUP_FR + """
[invoicing]
method = "portal"

[bank]
account_holder = "Atelier Exemple SARL"
iban = "FR1420041010050500013M02606"
""")
    result = supplier("customers", "setup", ACME, "--answers", path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == (
        "Advanced invoicing and bank details are skipped for a supplier in FR: give "
        "them later under legal entities (`supplier entities add`).\n"
        f"Saved 2 setup item(s) for {ACME} from {path}; 2 of 2 done.\n")
    record = stored(store.root, ACME)
    assert record["setup"] == {"done": ["addresses", "virtual_card"]}
    assert "bank" not in record["profile"] and "invoicing" not in record["profile"]


def test_the_readme_setup_answers_file_works_on_the_example_store(tmp_path):
    from tests.conftest import REPO, copy_example, invoke

    readme = (REPO / "README.md").read_text("utf-8")
    start = readme.index("```toml", readme.index("## The customer setup answers"))
    text = readme[start + len("```toml"):readme.index("```", start + 7)]
    path = answers_file(tmp_path, text)
    store = copy_example(tmp_path)

    result = invoke(store, "customers", "setup", ACME, "--answers", path)

    assert result.exit_code == 0, result.stderr
    record = stored(store, ACME)
    assert record["profile"]["virtual_card"] == {"accept": True,
                                                 "email": "cards@atelier-exemple.fr"}
    assert record["profile"]["remit_to"]["code"] == "RT-1"


def test_setup_of_a_supported_country_takes_bank_details(store, supplier, tmp_path):
    public, meta = store.load_profile()
    store.save_profile(public | {"address": SPAIN,
                                 "identifiers": {"tax_id": "ESB58378431"}}, meta)
    add(store, ACME, approved=True, settings={"setup": "invoicing,bank"})
    path = answers_file(tmp_path, """
[invoicing]
codes = ["ACME-EU-7"]
method = "SFTP"
sftp_host = "sftp.acme.example"
sftp_user = "atelier"

[bank]
account_holder = "Exemplo SL"
iban = "ES91 2100 0418 4502 0005 1332"
""")
    result = supplier("customers", "setup", ACME, "--answers", path)
    assert result.exit_code == 0, result.stderr
    bank = stored(store.root, ACME)["profile"]["bank"]
    assert bank["iban"] == "ES9121000418450200051332"
    assert bank["bank_name"] == "CAIXABANK, S.A."
    shown = supplier("customers", "show", ACME).stdout
    assert "ES9121000418450200051332" not in shown
    assert "1332" in shown


def test_setup_answers_with_problems_lists_them_all(store, supplier, tmp_path):
    add(store, ACME, approved=True, settings={"setup": "all"})
    before = snapshot(store.root)
    path = answers_file(tmp_path, """
[addresses]
invoice_from = { city = "Lyon", postal_code = "6900", country = "FR" }

[virtual_card]
accept = true
""")
    result = supplier("customers", "setup", ACME, "--answers", path)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        "  - invoice_from.postal_code: not a postal code of FR, such as 33380",
        "  - invoice_from.street1: required for an address in FR",
        "  - remit_to: required: fill it, or answer N/A",
        "  - virtual_card.email: required",
    ]
    assert snapshot(store.root) == before


def test_setup_answers_file_missing_or_broken(store, supplier, tmp_path):
    add(store, ACME, approved=True, settings={"setup": "all"})
    missing = supplier("customers", "setup", ACME, "--answers", "nowhere.toml")
    assert missing.exit_code == 4
    assert missing.stderr == "Error: --answers nowhere.toml: no such file.\n"
    broken = supplier("customers", "setup", ACME, "--answers",
                      answers_file(tmp_path, "[addresses\n"))
    assert broken.exit_code == 3
    newer = supplier("customers", "setup", ACME, "--answers",
                     answers_file(tmp_path, "format = 2\n"))
    assert newer.exit_code == 3


def test_setup_of_a_customer_not_connected_is_refused(store, supplier, tmp_path):
    add(store, ZOE, settings={"setup": "all"})
    result = supplier("customers", "setup", ZOE, "--answers",
                      answers_file(tmp_path, SETUP_FR))
    assert result.exit_code == 5
    assert result.stderr.startswith(
        f"Error: {ZOE} is not connected (its connection is pending); its setup flow "
        "opens once it approves the connection request.\n")


def test_a_pending_connection_without_its_request_date(store, supplier):
    # Regression: a file with status = "pending" and no request dates (as a
    # hand-edited or older file may have) made show and connect fail with a
    # traceback.
    record = add(store, ACME)
    del record["connection"]["requests"]
    store.save_customer(record)

    shown = supplier("customers", "show", ACME)
    again = supplier("customers", "connect", ACME)

    assert shown.exit_code == 0
    assert "Connection pending (no request date on file)" in flat(shown.stdout)
    assert again.exit_code == 5
    assert again.stderr == (
        f"Error: The connection request to {ACME} is still pending.\n")
    assert json.loads(supplier("customers", "list", "--json").stdout)[0][
        "connection"] == "pending"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        # Regression: these made customers show and list fail with a traceback.
        (f"answered = {TODAY.isoformat()}", f'answered = "{TODAY.isoformat()}"',
         "key 'connection.answered' must be a date, such as 2026-11-20."),
        ('    "addresses",\n', '    "payroll",\n',
         "key 'settings.setup' holds 'payroll', not a setup item."),
        ('    "addresses",\n', '    [],\n',
         "key 'settings.setup' holds '[]', not a setup item."),
        ("[profile.contact]\n", '[profile]\nship_from = "N/A"\n\n[profile.contact]\n',
         "key 'profile.ship_from' must be a table ([profile.ship_from])."),
        ("[profile.contact]\n", "[profile]\nlegal_entity = 5\n\n[profile.contact]\n",
         "key 'profile.legal_entity' must be text."),
        ('name = "Atelier Exemple SARL"', "name = 5",
         "key 'profile.company.name' holds a int, not a text value."),
        ("[profile.contact]\n", "[profile.categories]\ncategories = [{}]\n\n"
         "[profile.contact]\n",
         "key 'profile.categories.categories' must be a list of texts."),
        ("[profile.contact]\n", "[profile.contact]\nnickname = 'Zo'\n",
         "key 'profile.contact.nickname' is not a profile field."),
        ("[profile.contact]\n", "[profile.virtual_card]\naccept = [{}, []]\n\n"
         "[profile.contact]\n", "key 'profile.virtual_card.accept' must be true or "
         "false."),
        ("[profile.contact]\n", "[profile.remit_to]\nstreet1 = 12\n\n"
         "[profile.contact]\n", "key 'profile.remit_to.street1' must be text."),
        ("[profile.contact]\n", "[profile.bank]\nswift = 'DEUTDEFF'\n\n"
         "[profile.contact]\n", "key 'profile.bank.swift' is not a key this table "
         "holds."),
    ],
)
def test_a_hand_edited_customer_file_is_reported_as_bad_data(store, supplier, old,
                                                             new, message):
    add(store, ACME, approved=True, settings={"setup": "addresses"})
    path = store.root / "customers" / slug(ACME) / "customer.toml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")

    for args in (["show", ACME], ["list"]):
        result = supplier("customers", *args)
        assert result.exit_code == 3
        assert result.stderr.startswith(f"Error: {path}: {message}\n")
