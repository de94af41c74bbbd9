"""Legal entities (supplier_cli/entities.py): country fixed once created, tax
registration checked for that country, the addresses rule, remit-to codes, bank
accounts and masking."""

from __future__ import annotations

import pytest

from supplier_cli import entities
from supplier_cli.errors import InvalidAnswers, InvalidValue, NotFound, Refused

COMPANY = {"street1": "12 rue de l'Exemple", "city": "Lyon", "postal_code": "69002",
           "country": "FR"}
LYON = {"street1": "1 quai Exemple", "city": "Lyon", "postal_code": "69001",
        "country": "FR"}


def create(*pairs: str, country: str = "FR", code: str | None = None,
           name: str = "Atelier Exemple SARL") -> dict:
    return entities.create(name, country, entities.parse_assignments(list(pairs)),
                           COMPANY, code)


def problems(call, *args, **kwargs) -> dict[str, str]:
    with pytest.raises(InvalidAnswers) as caught:
        call(*args, **kwargs)
    return dict(caught.value.problems)


def test_an_entity_with_its_tax_registration_and_addresses():
    entity = create("tax_registration=FR40303265045", "invoice_from=company",
                    "remit_to=invoice_from", "ship_from=N/A", code="RT-1",
                    name="  Zoë & Fils [EU] SARL ")
    assert entity == {
        "name": "Zoë & Fils [EU] SARL",
        "country": "FR",
        "tax_registration": "FR40303265045",
        "invoice_from": COMPANY,
        "remit_to": [{"code": "RT-1"} | COMPANY],
        "ship_from": {"na": True},
    }


def test_a_copy_of_another_address_waits_for_it_whatever_the_order():
    # Regression: remit_to=invoice_from given before invoice_from=... copied an
    # empty address and was refused as "required".
    entity = create("remit_to=invoice_from", "ship_from=invoice_from",
                    "invoice_from.street1=1 quai Exemple", "invoice_from.city=Lyon",
                    "invoice_from.postal_code=69001", "invoice_from.country=FR",
                    code="RT-1")
    assert entity["remit_to"] == [{"code": "RT-1"} | LYON]
    assert entity["ship_from"] == LYON


def test_the_invoice_from_address_is_required_and_ship_from_may_stay_empty():
    assert problems(create) == {"invoice_from": "required: fill it, or answer N/A"}
    entity = create("invoice_from=n/a")
    assert entity == {"name": "Atelier Exemple SARL", "country": "FR",
                      "invoice_from": {"na": True}}


def test_a_tax_registration_is_checked_for_the_entitys_country():
    assert create("invoice_from=N/A", "tax_registration=ESB58378431",
                  country="ES")["tax_registration"] == "ESB58378431"
    assert create("invoice_from=N/A", "tax_registration=DE136695976",
                  country="de")["country"] == "DE"
    assert problems(create, "invoice_from=N/A", "tax_registration=FR40303265046") == {
        "tax_registration": "not a valid FR tax ID (TVA): The number's checksum or "
        "check digit is invalid"}
    found = problems(create, "invoice_from=N/A", "tax_registration=FR40303265045",
                     country="ES")
    assert found["tax_registration"].startswith("not a valid ES tax ID")


def test_an_unknown_country_is_refused():
    with pytest.raises(InvalidValue) as caught:
        create("invoice_from=N/A", country="XX")
    assert "ISO 3166 alpha-2" in caught.value.message
    with pytest.raises(InvalidValue):
        create("invoice_from=N/A", name=" ")


@pytest.mark.parametrize("key", ["country", "name"])
def test_the_country_and_name_are_fixed_once_created(key):
    entity = create("invoice_from=N/A")
    with pytest.raises(Refused) as caught:
        entities.change(entity, [(key, "ES")], COMPANY)
    assert caught.value.message == (
        f"The {key} of a legal entity is fixed once it is created."
    )
    assert "supplier entities add" in caught.value.hint
    assert entity["country"] == "FR"


def test_addresses_follow_their_countrys_rules():
    found = problems(
        create, "invoice_from.city=Lyon", "invoice_from.postal_code=6900",
        "invoice_from.country=FR", "ship_from.street1=1 Main St",
        "ship_from.city=Springfield", "ship_from.country=US", code="RT-1",
    )
    assert set(found) == {"invoice_from.street1", "invoice_from.postal_code",
                          "ship_from.region", "ship_from.postal_code"}
    assert found["invoice_from.postal_code"] == (
        "not a postal code of FR, such as 33380")


def test_an_address_part_without_a_country_is_refused():
    assert problems(create, "invoice_from.city=Lyon") == {
        "invoice_from.country": "required once an address is given"}


def test_unknown_keys_and_parts_are_listed_with_the_others():
    found = problems(create, "invoice_from=N/A", "bank=1", "ship_from.zip=69002",
                     "remit_to=elsewhere", code="RT-1")
    assert found == {
        "bank": "not something a legal entity holds; give tax_registration, or an "
        "address part such as invoice_from.city or remit_to.postal_code",
        "ship_from.zip": "'zip' is not a part of an address; the parts are street1, "
        "street2, city, region, postal_code, country",
        "remit_to": 'expected "N/A", or the name of an address to copy: company, '
        "invoice_from, ship_from",
    }


def test_na_with_parts_is_refused():
    entity = create("invoice_from=N/A")
    changed = entities.change(entity, [("invoice_from.city", "Lyon"),
                                       ("invoice_from.street1", "1 quai Exemple"),
                                       ("invoice_from.postal_code", "69001"),
                                       ("invoice_from.country", "FR")], COMPANY)
    assert changed["invoice_from"] == LYON
    with pytest.raises(InvalidValue):
        entities.normalize_address(LYON | {"na": True})


def test_remit_to_addresses_each_have_a_code():
    entity = create("invoice_from=company", "remit_to=company", code="RT-1")
    entity = entities.change(entity, [("remit_to", "N/A")], COMPANY, "RT-2")
    assert [e["code"] for e in entity["remit_to"]] == ["RT-1", "RT-2"]
    assert entities.remit_to(entity, "RT-2") == {"code": "RT-2", "na": True}
    with pytest.raises(NotFound) as caught:
        entities.remit_to(entity, "RT-3")
    assert caught.value.message == (
        "Atelier Exemple SARL has no remit-to with code 'RT-3' (its codes: RT-1, "
        "RT-2)."
    )
    assert problems(entities.change, entity, [("remit_to.city", "Paris")],
                    COMPANY) == {
        "remit_to.city": "say which remit-to this is with --remit-to CODE"}


def test_the_only_remit_to_is_changed_without_its_code():
    entity = create("invoice_from=company", "remit_to=company", code="RT-1")
    entity = entities.change(entity, [("remit_to.street1", "1 quai Exemple"),
                                      ("remit_to.postal_code", "69001")], COMPANY)
    assert entity["remit_to"] == [{"code": "RT-1"} | LYON]


def test_a_change_that_breaks_a_remit_to_changes_nothing():
    entity = create("invoice_from=company", "remit_to=company", code="RT-1")
    assert problems(entities.change, entity, [("remit_to.postal_code", "ABC")],
                    COMPANY) == {
        "remit_to[RT-1].postal_code": "not a postal code of FR, such as 33380"}
    assert entity["remit_to"] == [{"code": "RT-1"} | COMPANY]


def test_a_change_is_key_equals_value():
    assert entities.parse_assignments(["remit_to.city=Saint-Étienne", "x=a=b"]) == [
        ("remit_to.city", "Saint-Étienne"), ("x", "a=b")]
    with pytest.raises(InvalidValue) as caught:
        entities.parse_assignments(["remit_to.city"])
    assert "give KEY=VALUE" in caught.value.message


# Bank accounts.


def test_a_bank_account_takes_the_entitys_country_by_default():
    entity = create("invoice_from=N/A")
    entity, added = entities.add_bank_account(entity, {
        "account_holder": "Atelier Exemple SARL", "country": None,
        "iban": "FR14 2004 1010 0505 0001 3M02 606", "bic": ""})
    assert added == {
        "account_holder": "Atelier Exemple SARL", "country": "FR",
        "iban": "FR1420041010050500013M02606", "bic": "PSSTFRPP",
        "bank_name": "LA BANQUE POSTALE",
    }
    assert entity["bank_accounts"] == [added]

    entity, added = entities.add_bank_account(entity, {
        "account_holder": "Atelier Exemple SARL", "country": "US",
        "account_number": "1234-5678-90", "routing_number": "011000015"})
    assert len(entity["bank_accounts"]) == 2
    assert added["account_number"] == "1234567890"


def test_the_same_account_twice_is_refused():
    entity = create("invoice_from=N/A")
    account = {"account_holder": "A", "iban": "FR1420041010050500013M02606"}
    entity, _ = entities.add_bank_account(entity, account)
    with pytest.raises(Refused) as caught:
        entities.add_bank_account(entity, account)
    assert caught.value.message == (
        "Atelier Exemple SARL already has the account ending 2606.")


def test_bad_bank_details_are_refused_and_the_entity_is_unchanged():
    entity = create("invoice_from=N/A")
    with pytest.raises(InvalidAnswers) as caught:
        entities.add_bank_account(entity, {
            "account_holder": "A", "iban": "FR8420041010050500013M02607"})
    assert caught.value.problems == [
        ("bank.iban", "not a valid IBAN: Invalid national checksum")]
    assert "bank_accounts" not in entity


# Masking.


@pytest.fixture
def full() -> dict:
    entity = create("tax_registration=FR40303265045", "invoice_from=company",
                    "remit_to=invoice_from", code="RT-1")
    entity, _ = entities.add_bank_account(entity, {
        "account_holder": "Atelier Exemple SARL",
        "iban": "FR1420041010050500013M02606"})
    return entity


def test_private_values_are_masked_unless_asked(full):
    shown = entities.data(full, show_private=False)
    assert shown["tax_registration"] == "•••••••••5045"
    assert shown["remit_to"] == [{"code": "RT-1", "street1": "•••••••••••••••mple",
                                  "city": "••••", "postal_code": "•9002",
                                  "country": "FR"}]
    assert shown["bank_accounts"][0]["iban"] == "•" * 23 + "2606"
    assert shown["bank_accounts"][0]["bic"] == "PSSTFRPP"
    assert shown["invoice_from"] == COMPANY
    assert entities.data(full, show_private=True) == full
    assert full["tax_registration"] == "FR40303265045"


def test_the_list_line_and_show_rows_mask_private_values(full):
    assert entities.summary(full) == (
        "Atelier Exemple SARL", "FR", "•••••••••5045", "RT-1", "1")
    rows = dict(entities.rows(full, show_private=False))
    assert rows["Tax registration"] == "•••••••••5045"
    assert rows["Invoice-from address"] == "12 rue de l'Exemple, 69002 Lyon, FR"
    assert rows["Remit-to RT-1"] == "•••••••••••••••mple, •9002 ••••, FR"
    assert rows["Bank account"] == (
        "LA BANQUE POSTALE, IBAN " + "•" * 23 + "2606, BIC PSSTFRPP, holder "
        "Atelier Exemple SARL")
    assert "FR1420041010050500013M02606" in dict(
        entities.rows(full, show_private=True))["Bank account"]
