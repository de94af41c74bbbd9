"""Customers (supplier_cli/customers.py): connections with their expiry and the
3-request limit, what each customer allows, the account owners banner, customer
profiles and their edit rules, and the setup flow gated by country."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from supplier_cli import customers, entities
from supplier_cli.errors import InvalidAnswers, InvalidValue, NotFound, Refused

DAY = dt.date(2026, 11, 1)
PUBLIC_FR = {
    "contact": {"first_name": "Zoë", "last_name": "Martin",
                "email": "zoe@atelier-exemple.fr"},
    "company": {"name": "Atelier Exemple SARL", "website": "https://a.example"},
    "address": {"street1": "12 rue de l'Exemple", "city": "Lyon",
                "postal_code": "69002", "country": "FR"},
    "identifiers": {"tax_id": "FR40303265045", "duns": "150483782"},
}
PUBLIC_ES = copy.deepcopy(PUBLIC_FR) | {
    "address": {"street1": "Calle Mayor 1", "city": "Madrid", "region": "Madrid",
                "postal_code": "28013", "country": "ES"},
    "identifiers": {"tax_id": "ESB58378431"},
}
LYON = {"street1": "1 quai Exemple", "city": "Lyon", "postal_code": "69001",
        "country": "FR"}
ENTITY = {
    "name": "Atelier Exemple SARL",
    "country": "FR",
    "invoice_from": {"street1": "5 rue Sud", "city": "Lyon", "postal_code": "69007",
                     "country": "FR"},
    "remit_to": [{"code": "RT-1"} | LYON, {"code": "RT-2", "na": True}],
}
KNOWN = {ENTITY["name"]: ENTITY}


def pending(name: str = "Acme Manufacturing", day: dt.date = DAY) -> dict:
    return customers.connect(None, name, "buyer@acme.example", day)


def approved(settings: dict | None = None, owners: list[str] = (),
             public: dict = PUBLIC_FR) -> dict:
    record = customers.record_answer(pending(), True, DAY, public)
    return customers.configure(record, settings or {}, list(owners))


# Connections.


def test_a_connection_request_is_pending_with_its_date():
    record = pending("Zoë & Fils [EU] SARL")
    assert record == {
        "name": "Zoë & Fils [EU] SARL",
        "connection": {"status": "pending", "contact": "buyer@acme.example",
                       "requests": [DAY]},
    }
    assert customers.expires_on(record) == DAY + dt.timedelta(days=30)


def test_a_first_request_needs_the_contact_email():
    with pytest.raises(InvalidValue) as caught:
        customers.connect(None, "Acme", None, DAY)
    assert "--contact EMAIL" in caught.value.message
    with pytest.raises(InvalidValue):
        customers.connect(None, "Acme", "not-an-email", DAY)
    with pytest.raises(InvalidValue):
        customers.connect(None, "  ", "buyer@acme.example", DAY)


def test_a_pending_request_expires_after_30_days():
    record = pending()
    assert customers.status(record, DAY + dt.timedelta(days=30)) == "pending"
    assert customers.status(record, DAY + dt.timedelta(days=31)) == "expired"
    assert customers.connection_line(record, DAY + dt.timedelta(days=31)) == (
        "expired: request 1 of 3 sent on 2026-11-01 was not answered within 30 days"
    )
    assert customers.connection_line(record, DAY) == (
        "pending: request 1 of 3 sent on 2026-11-01, expires after 2026-12-01"
    )


def test_an_answered_request_never_expires():
    record = customers.record_answer(pending(), False, DAY, PUBLIC_FR)
    assert customers.status(record, DAY + dt.timedelta(days=400)) == "rejected"
    assert customers.expires_on(record) is None


def test_a_pending_request_is_not_sent_again_before_it_expires():
    with pytest.raises(Refused) as caught:
        customers.connect(pending(), "Acme Manufacturing", None,
                          DAY + dt.timedelta(days=30))
    assert caught.value.message == (
        "The connection request to Acme Manufacturing sent on 2026-11-01 is still "
        "pending; it can be sent again once it expires, after 2026-12-01."
    )


def test_an_expired_request_is_sent_again_at_most_three_times_in_all():
    record = pending()
    day = DAY
    for count in (2, 3):
        day += dt.timedelta(days=31)
        record = customers.connect(record, "Acme Manufacturing", None, day)
        assert customers.status(record, day) == "pending"
        assert len(record["connection"]["requests"]) == count
    assert customers.connection_line(record, day).startswith("pending: request 3 of 3")

    day += dt.timedelta(days=31)
    assert customers.status(record, day) == "expired"
    with pytest.raises(Refused) as caught:
        customers.connect(record, "Acme Manufacturing", "other@acme.example", day)
    assert caught.value.message == (
        "3 connection requests were sent to Acme Manufacturing, the most allowed "
        "(3); no further request can be sent."
    )
    assert caught.value.hint == "Contact the customer another way to connect."


def test_a_rejected_request_may_be_sent_again_to_a_new_contact():
    record = customers.record_answer(pending(), False, DAY, PUBLIC_FR)
    again = customers.connect(record, "Acme Manufacturing", "ap@acme.example",
                              DAY + dt.timedelta(days=2))
    assert again["connection"] == {
        "status": "pending", "contact": "ap@acme.example",
        "requests": [DAY, DAY + dt.timedelta(days=2)],
    }


def test_an_approved_customer_is_not_asked_again():
    with pytest.raises(Refused) as caught:
        customers.connect(approved(), "Acme Manufacturing", None, DAY)
    assert caught.value.message == "Acme Manufacturing is already connected."


def test_approval_starts_the_customer_profile_as_a_copy_of_the_public_profile():
    record = customers.record_answer(pending(), True, DAY + dt.timedelta(days=3),
                                     PUBLIC_FR | {"unknown": {"x": 1}})
    assert record["connection"]["status"] == "approved"
    assert record["connection"]["answered"] == DAY + dt.timedelta(days=3)
    assert record["profile"] == PUBLIC_FR
    assert record["profile"] is not PUBLIC_FR
    assert customers.connection_line(record, DAY) == "approved on 2026-11-04"


def test_only_a_pending_request_is_answered():
    late = DAY + dt.timedelta(days=31)
    with pytest.raises(Refused) as caught:
        customers.record_answer(pending(), True, late, PUBLIC_FR)
    assert caught.value.message == (
        "Acme Manufacturing has no pending connection request (it is expired); only "
        "a pending request can be answered. Send it again with "
        "`supplier customers connect NAME`."
    )
    with pytest.raises(Refused):
        customers.record_answer(approved(), False, DAY, PUBLIC_FR)


# What each customer allows.


def test_settings_default_to_forms_and_no_direct_edits():
    assert customers.settings(pending()) == {
        "uses_forms": True, "direct_edits": False, "portal_payments": False,
        "setup": [],
    }


def test_configure_changes_only_what_is_given():
    record = customers.configure(
        pending(),
        {"uses_forms": False, "direct_edits": None, "setup": "bank, addresses"},
    )
    assert record["settings"] == {"uses_forms": False, "setup": ["addresses", "bank"]}
    record = customers.configure(record, {"setup": "all", "portal_payments": True})
    assert customers.settings(record) == {
        "uses_forms": False, "direct_edits": False, "portal_payments": True,
        "setup": ["addresses", "invoicing", "virtual_card", "bank"],
    }
    assert customers.check_setup_items("none") == []
    assert customers.check_setup_items(["Virtual-Card"]) == ["virtual_card"]


def test_an_unknown_setup_item_is_refused_naming_the_items():
    with pytest.raises(InvalidValue) as caught:
        customers.check_setup_items("addresses, payroll")
    assert caught.value.message == (
        "'payroll' is not a setup item; the items are addresses, invoicing, "
        'virtual_card, bank (or "all", "none")'
    )


def test_account_owners_are_added_replaced_by_email_and_removed():
    record = customers.configure(
        pending(), {},
        ["Claire Dubois <claire@acme.example>", "Sam [AP] Patel <sam@acme.example>"],
    )
    record = customers.configure(record, {}, ["Claire D. <CLAIRE@acme.example>"])
    assert record["owners"] == [
        {"name": "Sam [AP] Patel", "email": "sam@acme.example"},
        {"name": "Claire D.", "email": "CLAIRE@acme.example"},
    ]
    record = customers.configure(record, {}, [], ["sam@ACME.example",
                                                  "claire@acme.example"])
    assert "owners" not in record
    with pytest.raises(NotFound):
        customers.configure(record, {}, [], ["nobody@acme.example"])


@pytest.mark.parametrize(
    "text",
    ["claire@acme.example", "<claire@acme.example>", "Claire <not-an-email>",
     "Claire claire@acme.example"],
)
def test_an_owner_needs_a_name_and_an_email(text):
    with pytest.raises(InvalidValue):
        customers.check_owner(text)


# The account owners banner.


def test_banner_with_one_owner_says_write_to_them():
    record = customers.configure(pending(), {}, ["Claire Dubois <claire@acme.example>"])
    assert customers.banner(record) == (
        "Your supplier account owner at Acme Manufacturing is Claire Dubois "
        "<claire@acme.example>: write to them.",
        "mailto:claire@acme.example",
    )


def test_banner_with_several_owners_says_write_to_all_of_them():
    record = customers.configure(
        pending(), {},
        ["Claire Dubois <claire@acme.example>", "Sam Patel <sam+ap@acme.example>"],
    )
    assert customers.banner(record) == (
        "Acme Manufacturing has 2 supplier account owners: write to all of them: "
        "Claire Dubois <claire@acme.example>, Sam Patel <sam+ap@acme.example>.",
        "mailto:claire@acme.example,sam+ap@acme.example",
    )


def test_banner_with_no_owner_says_contact_the_customer_another_way():
    assert customers.banner(pending("株式会社サンプル")) == (
        "株式会社サンプル has named no supplier account owner: contact the customer "
        "another way.",
        None,
    )


# Customer profiles: copies, differences, edits.


def test_differences_name_the_fields_the_customer_holds_differently():
    record = approved()
    assert customers.differences(record, PUBLIC_FR) == []
    record["profile"]["contact"]["email"] = "zoe+acme@atelier-exemple.fr"
    del record["profile"]["company"]["website"]
    assert customers.differences(record, PUBLIC_FR) == [
        "contact.email", "company.website"]


def test_a_customer_without_a_profile_of_its_own_shows_the_public_profile():
    assert customers.customer_profile(pending(), PUBLIC_FR) == PUBLIC_FR
    assert customers.differences(pending(), PUBLIC_FR) == []


def test_a_customer_profile_starts_as_a_copy_of_another_customers():
    source = approved()
    source["profile"]["contact"]["email"] = "zoe+acme@atelier-exemple.fr"
    target = customers.record_answer(pending("Nordwind"), True, DAY, PUBLIC_FR)
    with pytest.raises(Refused) as caught:
        customers.copy_profile(source, target, PUBLIC_FR, replace=False)
    assert caught.value.message == "Nordwind already has a customer profile."
    assert "--replace" in caught.value.hint

    copied = customers.copy_profile(source, target, PUBLIC_FR, replace=True)
    assert copied["profile"] == source["profile"]
    assert copied["name"] == "Nordwind"
    copied["profile"]["contact"]["email"] = "x@y.example"
    assert source["profile"]["contact"]["email"] == "zoe+acme@atelier-exemple.fr"


def test_a_customer_without_its_own_profile_cannot_be_copied_from():
    with pytest.raises(Refused) as caught:
        customers.copy_profile(pending(), approved(), PUBLIC_FR, replace=True)
    assert "has no customer profile of its own yet" in caught.value.message


EDITABLE = {"uses_forms": False, "direct_edits": True}


def edit(record: dict, *pairs: tuple[str, str], today: dt.date = DAY) -> dict:
    return customers.edit(record, PUBLIC_FR, list(pairs), today, KNOWN)


def test_a_legal_entity_is_named_ignoring_case_in_edits_and_setup_answers():
    # Regression: legal_entity = "atelier exemple sarl" in a setup answers file or
    # `customers edit` was refused as unknown, though `entities show` takes it.
    record = edit(approved(EDITABLE), ("legal_entity", "ATELIER exemple sarl"),
                  ("remit_to.code", "RT-1"))
    assert record["profile"]["legal_entity"] == "Atelier Exemple SARL"
    assert record["profile"]["remit_to"]["code"] == "RT-1"
    result = addresses({"legal_entity": "atelier exemple sarl", "remit_to_code": "RT-1",
                        "invoice_from": "entity", "ship_from": "N/A"})
    assert result["legal_entity"] == "Atelier Exemple SARL"
    assert result["remit_to"]["code"] == "RT-1"


def test_a_legal_entity_name_matching_several_ignoring_case_names_them():
    # Regression: with "Atelier Exemple SARL" and "ATELIER EXEMPLE SARL" in the
    # store, legal_entity = "atelier exemple sarl" was called unknown.
    both = KNOWN | {"ATELIER EXEMPLE SARL": ENTITY | {"name": "ATELIER EXEMPLE SARL"}}
    reason = ("'atelier exemple sarl' names more than one legal entity when case is "
              "ignored: 'ATELIER EXEMPLE SARL', 'Atelier Exemple SARL'; give it as "
              "one of them spells it")
    with pytest.raises(InvalidAnswers) as caught:
        customers.edit(approved(EDITABLE), PUBLIC_FR,
                       [("legal_entity", "atelier exemple sarl")], DAY, both)
    assert caught.value.problems == [("legal_entity", reason)]
    with pytest.raises(InvalidAnswers) as caught:
        customers.check_addresses({"legal_entity": "atelier exemple sarl",
                                   "invoice_from": "company", "ship_from": "N/A"},
                                  PUBLIC_FR, both)
    assert ("legal_entity", reason) in caught.value.problems


def test_direct_edits_change_the_contact_and_remit_to_when_allowed():
    record = edit(
        approved(EDITABLE),
        ("contact.email", "ap@atelier-exemple.fr"),
        ("contact.title", "Gérante [EU]"),
        ("remit_to.street1", "1 quai Exemple"),
        ("remit_to.city", "Lyon"),
        ("remit_to.postal_code", "69001"),
        ("remit_to.country", "fr"),
    )
    mine = record["profile"]
    assert mine["contact"]["email"] == "ap@atelier-exemple.fr"
    assert mine["contact"]["title"] == "Gérante [EU]"
    assert mine["remit_to"] == LYON
    assert customers.differences(record, PUBLIC_FR) == ["contact.email",
                                                        "contact.title"]


def test_a_customer_that_uses_forms_refuses_direct_edits_pointing_to_its_requests():
    record = approved({"uses_forms": True, "direct_edits": True})
    with pytest.raises(Refused) as caught:
        edit(record, ("contact.email", "ap@atelier-exemple.fr"))
    assert caught.value.message == (
        "Acme Manufacturing uses information request forms: its customer profile "
        "changes only through them. Answer its information request instead "
        "(`supplier requests list`)."
    )


def test_a_customer_that_allows_no_direct_edits_refuses_naming_its_owners():
    record = approved({"uses_forms": False, "direct_edits": False},
                      ["Claire Dubois <claire@acme.example>"])
    with pytest.raises(Refused) as caught:
        edit(record, ("contact.email", "ap@atelier-exemple.fr"))
    assert caught.value.message == (
        "Acme Manufacturing does not let suppliers edit its profile directly. Your "
        "supplier account owner at Acme Manufacturing is Claire Dubois "
        "<claire@acme.example>: write to them."
    )
    record = approved({"uses_forms": False, "direct_edits": False})
    with pytest.raises(Refused) as caught:
        edit(record, ("contact.email", "ap@atelier-exemple.fr"))
    assert caught.value.message.endswith("contact the customer another way.")


def test_a_customer_not_connected_has_no_profile_to_edit():
    record = customers.configure(pending(), EDITABLE)
    with pytest.raises(Refused) as caught:
        edit(record, ("contact.email", "ap@atelier-exemple.fr"))
    assert caught.value.message == (
        "Acme Manufacturing is not connected (its connection is pending), so it has "
        "no customer profile to edit yet."
    )


@pytest.mark.parametrize("settings", [EDITABLE, {"uses_forms": True}])
def test_the_company_address_is_edited_only_on_the_public_profile(settings):
    for key in ("address", "address.city"):
        with pytest.raises(Refused) as caught:
            edit(approved(settings), (key, "Paris"))
        assert caught.value.message == (
            "The company address is changed only on the public profile."
        )
        assert "supplier profile set address.PART VALUE" in caught.value.hint


def test_other_public_profile_fields_are_refused_saying_where_to_change_them():
    with pytest.raises(Refused) as caught:
        edit(approved(EDITABLE), ("company.name", "Other SARL"))
    assert "company.name may not" in caught.value.message
    assert caught.value.hint == (
        "Change it on the public profile with `supplier profile set company.name "
        "VALUE`."
    )


@pytest.mark.parametrize("key", ["legal_entityX", "remit_tox", "remit_to_code",
                                 "contactemail", "bank.iban"])
def test_a_key_that_only_starts_like_an_editable_one_is_refused(key):
    # Regression: `legal_entityX=N/A` used to set the remit-to address to N/A.
    record = approved(EDITABLE)
    with pytest.raises(InvalidValue) as caught:
        edit(record, (key, "N/A"))
    assert f"There is no '{key}' in a customer profile" in caught.value.message


def test_an_invalid_edit_lists_every_problem_and_changes_nothing():
    record = approved(EDITABLE)
    before = copy.deepcopy(record)
    with pytest.raises(InvalidAnswers) as caught:
        edit(record, ("contact.email", "nope"), ("contact.first_name", ""),
             ("remit_to.city", "Lyon"), ("remit_to.postal_code", "ABC"),
             ("remit_to.country", "FR"))
    assert caught.value.problems == [
        ("contact.email",
         "not a valid email address: An email address must have an @-sign."),
        ("contact.first_name", "required"),
        ("remit_to.postal_code", "not a postal code of FR, such as 33380"),
        ("remit_to.street1", "required for an address in FR"),
    ]
    assert record == before


def test_the_remit_to_may_be_na_a_copy_or_an_entitys_by_its_code():
    record = edit(approved(EDITABLE), ("remit_to", "N/A"))
    assert record["profile"]["remit_to"] == {"na": True}
    record = edit(record, ("remit_to", "company"))
    assert record["profile"]["remit_to"] == PUBLIC_FR["address"]
    record = edit(record, ("legal_entity", "Atelier Exemple SARL"),
                  ("remit_to.code", "RT-1"))
    assert record["profile"]["legal_entity"] == "Atelier Exemple SARL"
    assert record["profile"]["remit_to"] == {"code": "RT-1"} | LYON
    with pytest.raises(InvalidAnswers) as caught:
        edit(record, ("remit_to.code", "RT-9"))
    assert caught.value.problems == [(
        "remit_to.code",
        "Atelier Exemple SARL has no remit-to with code 'RT-9' (its codes: RT-1, "
        "RT-2).",
    )]
    with pytest.raises(InvalidAnswers) as caught:
        edit(record, ("legal_entity", "Nobody SA"))
    assert caught.value.problems == [("legal_entity",
                                      "there is no legal entity 'Nobody SA'")]


def test_a_remit_to_code_of_an_entity_no_longer_in_the_store_is_refused():
    """Regression: a customer profile naming a legal entity whose file is gone
    (a hand edit) made `customers edit remit_to.code=` fail with a KeyError."""
    record = approved(EDITABLE)
    record["profile"]["legal_entity"] = "Gone SAS"
    with pytest.raises(InvalidAnswers) as caught:
        edit(record, ("remit_to.code", "RT-1"))
    assert (
        "remit_to.code",
        "there is no legal entity 'Gone SAS' any more; name one with "
        "legal_entity=NAME",
    ) in caught.value.problems


# Customer setup: gating by country.


def with_setup(items: str, public: dict = PUBLIC_FR) -> dict:
    return approved({"setup": items}, public=public)


def test_a_supplier_in_a_supported_country_is_asked_every_item():
    record = with_setup("all", PUBLIC_ES)
    assert customers.setup_plan(record, "ES") == [
        ("addresses", "to do"), ("invoicing", "to do"), ("virtual_card", "to do"),
        ("bank", "to do"),
    ]
    assert customers.setup_progress(record, "ES") == (0, 4)
    assert customers.setup_progress(record, "se") == (0, 4)


def test_a_supplier_in_another_country_skips_the_financial_items():
    record = with_setup("all")
    assert customers.setup_plan(record, "FR") == [
        ("addresses", "to do"), ("invoicing", "skipped"), ("virtual_card", "to do"),
        ("bank", "skipped"),
    ]
    assert customers.setup_progress(record, "FR") == (0, 2)
    assert customers.financial_notice("FR") == (
        "Advanced invoicing and bank details are skipped for a supplier in FR: give "
        "them later under legal entities (`supplier entities add`)."
    )
    assert customers.setup_plan(record, None)[3] == ("bank", "skipped")
    assert "with no country in its public profile" in customers.financial_notice(None)


def test_setup_is_complete_only_when_every_item_that_applies_is_done():
    record = with_setup("addresses, bank", PUBLIC_ES)
    record = customers.apply_item(record, PUBLIC_ES, "addresses",
                                  {"invoice_from": LYON, "remit_to": {"na": True}})
    assert customers.setup_progress(record, "ES") == (1, 2)
    assert customers.setup_progress(record, "FR") == (1, 1)
    record = customers.apply_item(record, PUBLIC_ES, "addresses",
                                  {"invoice_from": LYON, "remit_to": LYON})
    assert record["setup"]["done"] == ["addresses"]
    assert record["profile"]["remit_to"] == LYON


def test_a_setup_flow_opens_once_the_customer_is_connected():
    with pytest.raises(Refused) as caught:
        customers.check_can_setup(pending(), DAY)
    assert "its setup flow opens once it approves" in caught.value.message
    customers.check_can_setup(approved(), DAY)


def read(record: dict, answers: dict, public: dict = PUBLIC_ES) -> dict:
    return customers.read_setup_answers(record, public, answers, KNOWN)


def problems_of(record: dict, answers: dict, public: dict = PUBLIC_ES) -> dict:
    with pytest.raises(InvalidAnswers) as caught:
        read(record, answers, public)
    return dict(caught.value.problems)


def test_financial_answers_of_an_unsupported_country_are_skipped():
    # As the prompts skip them: the README's answers file, with [invoicing] and
    # [bank], works for a supplier in any country.
    record = with_setup("all")
    given = read(record, {"bank": {"iban": "not even an IBAN"},
                          "invoicing": {"method": "portal"},
                          "virtual_card": {"accept": False}}, PUBLIC_FR)
    assert given == {"virtual_card": {"accept": False}}


def test_answers_for_items_not_asked_or_unknown_are_refused():
    record = with_setup("addresses", PUBLIC_ES)
    assert problems_of(record, {"format": 1, "virtual_card": {"accept": False},
                                "payroll": {}}) == {
        "virtual_card": "Acme Manufacturing does not ask for this item",
        "payroll": "not a setup item; the items are addresses, invoicing, "
        "virtual_card, bank",
    }
    assert problems_of(record, {"addresses": "company"}) == {
        "addresses": "expected a table [addresses]"}


def test_invoicing_answers_follow_the_method():
    record = with_setup("invoicing", PUBLIC_ES)
    assert read(record, {"invoicing": {"codes": ["ACME-EU-7"], "method": "cXML",
                                       "cxml_domain": "NetworkID",
                                       "cxml_identity": "AN01234567890"}}) == {
        "invoicing": {"codes": ["ACME-EU-7"], "method": "cXML",
                      "cxml_domain": "NetworkID", "cxml_identity": "AN01234567890"}}
    assert problems_of(record, {"invoicing": {"method": "SFTP", "port": 22}}) == {
        "invoicing.port": "not a question of this item",
        "invoicing.sftp_host": "required",
        "invoicing.sftp_user": "required",
    }
    assert problems_of(record, {"invoicing": {"method": "fax"}}) == {
        "invoicing.method": "expected one of: portal, cXML, SFTP"}
    assert read(record, {"invoicing": {"method": "portal"}}) == {
        "invoicing": {"method": "portal"}}


def test_virtual_cards_need_the_email_only_when_accepted():
    record = with_setup("virtual_card")
    assert read(record, {"virtual_card": {"accept": False}}, PUBLIC_FR) == {
        "virtual_card": {"accept": False}}
    assert problems_of(record, {"virtual_card": {"accept": True}}, PUBLIC_FR) == {
        "virtual_card.email": "required"}
    assert read(record, {"virtual_card": {"accept": True,
                                          "email": "cards@atelier-exemple.fr"}},
                PUBLIC_FR)["virtual_card"]["email"] == "cards@atelier-exemple.fr"
    assert problems_of(record, {"virtual_card": {}}, PUBLIC_FR) == {
        "virtual_card.accept": "required"}


def test_bank_answers_are_checked_in_the_suppliers_country_by_default():
    record = with_setup("bank", PUBLIC_ES)
    given = read(record, {"bank": {"account_holder": "Exemplo SL",
                                   "iban": "ES91 2100 0418 4502 0005 1332"}})
    assert given["bank"]["country"] == "ES"
    assert given["bank"]["bank_name"] == "CAIXABANK, S.A."
    assert problems_of(record, {"bank": {"account_holder": "Exemplo SL",
                                         "iban": "ES9121000418450200051333"}}) == {
        "bank.iban": "not a valid IBAN: Invalid checksum digits"}


# Setup answers: addresses.


def addresses(given: dict, public: dict = PUBLIC_FR) -> dict:
    return customers.check_addresses(given, public, KNOWN)


def address_problems(given: dict) -> dict:
    with pytest.raises(InvalidAnswers) as caught:
        addresses(given)
    return dict(caught.value.problems)


def test_one_address_may_serve_all_three():
    assert addresses({"invoice_from": "company", "remit_to": "invoice_from",
                      "ship_from": "remit_to"}) == {
        "invoice_from": PUBLIC_FR["address"],
        "remit_to": PUBLIC_FR["address"],
        "ship_from": PUBLIC_FR["address"],
    }


def test_required_addresses_are_filled_or_na_and_ship_from_may_stay_empty():
    assert addresses({"invoice_from": LYON, "remit_to": "N/A"}) == {
        "invoice_from": LYON, "remit_to": {"na": True}}
    assert addresses({"invoice_from": {"na": True}, "remit_to": "n/a",
                      "ship_from": {}}) == {
        "invoice_from": {"na": True}, "remit_to": {"na": True}}
    assert address_problems({}) == {
        "invoice_from": "required: fill it, or answer N/A",
        "remit_to": "required: fill it, or answer N/A",
    }


def test_once_a_country_is_given_its_required_parts_and_postal_code_apply():
    found = address_problems({
        "invoice_from": {"city": "Lyon", "postal_code": "69001", "country": "FR"},
        "remit_to": {"street1": "1 Main St", "city": "Springfield",
                     "postal_code": "6270", "country": "US"},
        "ship_from": {"street1": "Calle Mayor 1", "city": "Madrid",
                      "postal_code": "28013", "country": "ES"},
    })
    assert set(found) == {"invoice_from.street1", "remit_to.region",
                          "remit_to.postal_code", "ship_from.region"}
    assert "US" in found["remit_to.postal_code"]


def test_an_optional_address_with_parts_but_no_country_is_refused():
    found = address_problems({"invoice_from": LYON, "remit_to": LYON,
                              "ship_from": {"city": "Lyon"}})
    assert found == {"ship_from.country": "required once an address is given"}


def test_na_and_parts_at_once_are_refused():
    found = address_problems({"invoice_from": LYON | {"na": True}, "remit_to": LYON})
    assert found == {
        "invoice_from": "answered N/A and filled at once; keep one of them"}


def test_the_legal_entity_and_its_remit_to_code():
    result = addresses({"legal_entity": "Atelier Exemple SARL", "remit_to_code": "RT-1",
                        "invoice_from": "entity", "ship_from": "N/A"})
    assert result == {
        "legal_entity": "Atelier Exemple SARL",
        "invoice_from": ENTITY["invoice_from"],
        "remit_to": {"code": "RT-1"} | LYON,
        "ship_from": {"na": True},
    }
    assert address_problems({"legal_entity": "Nobody", "remit_to_code": "RT-1",
                             "invoice_from": LYON, "remit_to": LYON}) == {
        "legal_entity": "there is no legal entity 'Nobody'",
        "remit_to_code": "name its legal_entity too",
    }


def test_an_unknown_key_of_the_addresses_item_is_refused():
    assert address_problems({"invoice_from": LYON, "remit_to": LYON,
                             "bill_to": LYON}) == {
        "bill_to": "not a question of this item"}


def test_applying_addresses_replaces_the_previous_ones():
    record = with_setup("addresses")
    record = customers.apply_item(record, PUBLIC_FR, "addresses", addresses(
        {"legal_entity": "Atelier Exemple SARL", "remit_to_code": "RT-1",
         "invoice_from": LYON, "ship_from": LYON}))
    record = customers.apply_item(record, PUBLIC_FR, "addresses", addresses(
        {"invoice_from": LYON, "remit_to": "N/A"}))
    mine = record["profile"]
    assert "legal_entity" not in mine and "ship_from" not in mine
    assert mine["remit_to"] == {"na": True}


# Views.


def test_the_json_view_masks_private_values_unless_asked():
    record = with_setup("all", PUBLIC_ES)
    record = customers.apply_item(record, PUBLIC_ES, "addresses",
                                  {"invoice_from": LYON, "remit_to": LYON})
    record = customers.apply_item(record, PUBLIC_ES, "bank", {
        "account_holder": "Exemplo SL", "country": "ES",
        "iban": "ES9121000418450200051332", "bic": "CAIXESBB"})
    shown = customers.data(record, PUBLIC_ES, DAY, show_private=False)
    mine = shown["profile"]
    assert mine["identifiers"] == {"tax_id": "•••••••8431"}
    assert mine["remit_to"]["street1"] == "••••••••••mple"
    assert mine["remit_to"]["country"] == "FR"
    assert mine["bank"]["iban"] == "••••••••••••••••••••1332"
    assert mine["bank"]["bic"] == "CAIXESBB"
    assert mine["invoice_from"] == LYON
    assert shown["setup"]["done"] == 2 and shown["setup"]["total"] == 4
    assert shown["banner"] == {"text": customers.banner(record)[0], "link": None}

    private = customers.data(record, PUBLIC_ES, DAY, show_private=True)["profile"]
    assert private["identifiers"]["tax_id"] == "ESB58378431"
    assert private["remit_to"] == LYON
    assert private["bank"]["iban"] == "ES9121000418450200051332"


def test_profile_rows_give_the_public_value_only_where_the_customer_differs():
    record = approved()
    record["profile"]["contact"]["email"] = "zoe+acme@atelier-exemple.fr"
    rows = {label: (value, public) for label, value, public in
            customers.profile_rows(record, PUBLIC_FR, show_private=False)}
    assert rows["Email"] == ("zoe+acme@atelier-exemple.fr", "zoe@atelier-exemple.fr")
    assert rows["First name"] == ("Zoë", None)
    assert rows["Tax ID"] == ("•••••••••5045", None)


def test_the_summary_line_of_the_list():
    record = with_setup("all")
    assert customers.summary(record, PUBLIC_FR, DAY, 2) == {
        "name": "Acme Manufacturing", "connection": "approved",
        "setup": {"done": 0, "total": 2}, "pending_requests": 2, "updated": None,
    }


def test_entity_remit_to_is_found_by_code():
    assert entities.remit_to(ENTITY, "RT-2") == {"code": "RT-2", "na": True}


def test_remit_to_entity_takes_the_legal_entitys_only_remit_to():
    # Regression: remit_to = "entity" was refused as "required: fill it, or
    # answer N/A" although the README offers it.
    one = ENTITY | {"remit_to": ENTITY["remit_to"][:1]}
    result = customers.check_addresses(
        {"legal_entity": "Atelier Exemple SARL", "invoice_from": "entity",
         "remit_to": "entity"}, PUBLIC_FR, {one["name"]: one})
    assert result["remit_to"] == {"code": "RT-1"} | LYON
    found = address_problems({"legal_entity": "Atelier Exemple SARL",
                              "invoice_from": "entity", "remit_to": "entity"})
    assert found == {"remit_to": "say which of Atelier Exemple SARL's remit-to "
                     "addresses with remit_to_code (its codes: RT-1, RT-2)"}


def test_shape_problems_name_each_value_the_commands_could_not_use():
    record = approved()
    record["profile"] |= {
        "remit_to": {"na": "yes", "street1": 5, "zip": "69001"},
        "invoicing": {"codes": ["A-1", 2], "method": "portal"},
        "virtual_card": {"accept": [{}]},
        "bank": {"iban": "FR14", "swift": "X"},
    }
    assert customers.shape_problems(record) == [
        ("profile.remit_to.na", "must be true or false"),
        ("profile.remit_to.street1", "must be text"),
        ("profile.remit_to.zip", "is not a key this table holds"),
        ("profile.invoicing.codes", "must be a list of texts"),
        ("profile.virtual_card.accept", "must be true or false"),
        ("profile.bank.swift", "is not a key this table holds"),
    ]
    assert customers.shape_problems(approved()) == []
