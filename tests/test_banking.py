"""Bank details checked offline (supplier_cli/banking.py): IBAN and BIC with
schwifty, US ABA routing numbers, Australian BSBs, Canadian transit numbers and
account numbers elsewhere.

The IBANs are the well-known examples of each country's banking association,
with their checksums; the invalid ones change one character, or carry a correct
IBAN checksum over a wrong national check digit."""

from __future__ import annotations

import pytest

from supplier_cli import banking
from supplier_cli.errors import InvalidAnswers, InvalidValue


def problems(account: dict) -> dict[str, str]:
    with pytest.raises(InvalidAnswers) as caught:
        banking.check_account(account)
    return dict(caught.value.problems)


# IBANs.


@pytest.mark.parametrize(
    ("given", "compact", "bank", "bic"),
    [
        ("DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "Commerzbank",
         "COBADEFFXXX"),
        ("FR14 2004 1010 0505 0001 3M02 606", "FR1420041010050500013M02606",
         "LA BANQUE POSTALE", "PSSTFRPP"),
        ("es91-2100-0418-4502-0005-1332", "ES9121000418450200051332",
         "CAIXABANK, S.A.", "CAIXESBB"),
        ("SE45 5000 0000 0583 9825 7466", "SE4550000000058398257466", "SEB",
         "ESSESESS"),
        ("IT60X0542811101000000123456", "IT60X0542811101000000123456",
         "Unione Di Banche Italiane SpA", "BLOPIT22"),
        ("DK5000400440116243", "DK5000400440116243", "NORDEA BANK DANMARK A/S",
         "NDEADKKK"),
        ("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", None, None),
    ],
)
def test_a_valid_iban_is_kept_compact_with_the_bank_schwifty_knows(
    given, compact, bank, bic
):
    assert banking.check_iban(given) == (compact, bank, bic)


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("DE89370400440532013001", "Invalid checksum digits"),
        ("GB82WEST12345698765433", "Invalid checksum digits"),
        # IBAN checksum right, national check digits wrong:
        ("ES2921000418460200051332", "Invalid national checksum"),
        ("FR8420041010050500013M02607", "Invalid national checksum"),
        ("IT64Y0542811101000000123456", "Invalid national checksum"),
        ("BE41539007547035", "Invalid national checksum"),
        ("DE8937040044053201300", "not a valid IBAN"),
        ("XX89370400440532013000", "not a valid IBAN"),
    ],
)
def test_an_iban_with_a_wrong_checksum_or_length_is_refused(given, reason):
    with pytest.raises(InvalidValue) as caught:
        banking.check_iban(given)
    assert reason in caught.value.message
    assert caught.value.message.startswith("not a valid IBAN")


def test_an_iban_of_another_country_than_the_account_is_refused():
    with pytest.raises(InvalidValue) as caught:
        banking.check_iban("DE89370400440532013000", "ES")
    assert caught.value.message == "an IBAN of ES starts with ES"


# BICs.


@pytest.mark.parametrize(
    ("given", "country", "kept"),
    [
        ("DEUTDEFF", "DE", "DEUTDEFF"),
        ("cobade ffxxx", "DE", "COBADEFFXXX"),
        ("BNPAFRPP", "FR", "BNPAFRPP"),
        ("CAIXESBB", "ES", "CAIXESBB"),
        ("NWBKGB2L", "GB", "NWBKGB2L"),
        ("MHCBJPJT", "JP", "MHCBJPJT"),
        ("BOFAUS3N", "US", "BOFAUS3N"),
    ],
)
def test_a_bic_of_8_or_11_characters_in_its_country_is_kept(given, country, kept):
    assert banking.check_bic(given, country) == kept


@pytest.mark.parametrize("given", ["DEUTDEF", "DEUTDEFFX", "DEUT12FF", "DEUTDEFF12"])
def test_a_bic_of_the_wrong_shape_is_refused(given):
    with pytest.raises(InvalidValue) as caught:
        banking.check_bic(given)
    assert caught.value.message.startswith("not a valid BIC (8 or 11 characters")


def test_a_bic_of_a_bank_in_another_country_is_refused():
    with pytest.raises(InvalidValue) as caught:
        banking.check_bic("DEUTDEFF", "JP")
    assert caught.value.message == "the BIC DEUTDEFF is a bank in DE, not in JP"


@pytest.mark.parametrize(
    ("bic", "bank"),
    [
        ("DEUTDEFF", "Deutsche Bank"),
        ("BNPAFRPP", "BNP PARIBAS"),
        ("NWBKGB2L", "NATIONAL WESTMINSTER BANK PUBLIC LIMITED COMPANY"),
        ("HANDSESS", "Handelsbanken"),
        ("MHCBJPJT", None),
    ],
)
def test_the_bank_name_comes_from_the_bic_where_schwifty_knows_it(bic, bank):
    assert banking.bic_bank_name(bic) == bank


# National routing codes and account numbers.


@pytest.mark.parametrize(
    ("country", "given", "kept"),
    [
        ("US", "011000015", "011000015"),
        ("US", "021000021", "021000021"),
        ("US", "0210-0002-1", "021000021"),
        ("AU", "062-000", "062000"),
        ("AU", "033 044", "033044"),
        # transit 12345, institution 003: kept as 0 + institution + transit
        ("CA", "12345-003", "000312345"),
        ("CA", "000312345", "000312345"),
        ("JP", "0001", "0001"),
    ],
)
def test_a_national_routing_code_is_kept_as_digits(country, given, kept):
    assert banking.check_routing(given, country) == kept


@pytest.mark.parametrize(
    ("country", "given", "reason"),
    [
        ("US", "011000016", "not a valid ABA routing number: its check digit"),
        ("US", "021000022", "not a valid ABA routing number: its check digit"),
        ("US", "02100002", "not a valid ABA routing number: expected nine digits"),
        ("AU", "06200", "not a valid BSB: expected six digits"),
        ("AU", "06200A", "not a valid BSB: expected six digits"),
        # Regression: the label was plural ("a valid Transit and institution numbers").
        ("CA", "12345-03", "not a valid Transit and institution number: expected"),
        ("CA", "123450031", "expected transit-institution, such as 12345-003"),
        ("JP", "00A1", "a bank or branch code holds digits only"),
    ],
)
def test_a_wrong_national_routing_code_is_refused(country, given, reason):
    with pytest.raises(InvalidValue) as caught:
        banking.check_routing(given, country)
    assert reason in caught.value.message


@pytest.mark.parametrize(
    ("country", "given", "kept"),
    [
        ("US", "1234-5678-90", "1234567890"),
        ("AU", "12 345 678", "12345678"),
        ("CA", "1234567", "1234567"),
        ("JP", "12-34567", "1234567"),
        ("CN", "6222 0202 0000 1234", "6222020200001234"),
    ],
)
def test_an_account_number_is_kept_without_spaces_or_dashes(country, given, kept):
    assert banking.check_account_number(given, country) == kept


@pytest.mark.parametrize(
    ("country", "given"),
    [("US", "123"), ("US", "12345678901234567890"), ("AU", "1234"),
     ("CA", "123456"), ("JP", "12#45")],
)
def test_an_account_number_of_the_wrong_shape_is_refused(country, given):
    with pytest.raises(InvalidValue) as caught:
        banking.check_account_number(given, country)
    assert caught.value.message.startswith(f"not an account number of {country}")


def test_which_countries_use_ibans():
    assert [banking.uses_iban(c) for c in ("FR", "de", "GB", "BR")] == [True] * 4
    assert [banking.uses_iban(c) for c in ("US", "AU", "CA", "JP", "CN")] == [False] * 5


def test_the_questions_follow_the_country():
    names = {c: [f.name for f in banking.fields(c)] for c in ("DE", "US", "JP")}
    assert names == {
        "DE": ["iban", "bic", "currency"],
        "US": ["account_number", "routing_number", "bic", "currency"],
        "JP": ["account_number", "bic", "routing_number", "currency"],
    }
    assert banking.fields("US")[1].label == "ABA routing number"
    assert banking.fields("AU")[1].label == "BSB"


# Whole accounts.


def test_an_iban_account_gets_its_bic_and_bank_name_from_the_iban():
    account = banking.check_account(
        {"account_holder": " Atelier Exemple SARL ", "country": "fr",
         "iban": "FR14 2004 1010 0505 0001 3M02 606", "currency": "eur"}
    )
    assert account == {
        "account_holder": "Atelier Exemple SARL",
        "country": "FR",
        "currency": "EUR",
        "iban": "FR1420041010050500013M02606",
        "bic": "PSSTFRPP",
        "bank_name": "LA BANQUE POSTALE",
    }


def test_a_bic_given_with_the_iban_is_kept():
    account = banking.check_account(
        {"account_holder": "A", "country": "DE", "iban": "DE89370400440532013000",
         "bic": "COBADEFF"}
    )
    assert (account["bic"], account["bank_name"]) == ("COBADEFF", "Commerzbank")


def test_the_bank_name_comes_from_the_bic_when_the_iban_bank_is_unknown():
    account = banking.check_account(
        {"account_holder": "A", "country": "GB", "iban": "GB82WEST12345698765432",
         "bic": "NWBKGB2L", "bank_name": "ignored, the library knows it"}
    )
    assert account["bank_name"] == "NATIONAL WESTMINSTER BANK PUBLIC LIMITED COMPANY"


def test_a_bank_name_given_is_kept_where_the_library_knows_none():
    account = banking.check_account(
        {"account_holder": "A", "country": "GB", "iban": "GB82WEST12345698765432",
         "bank_name": "Westminster [test] Bank"}
    )
    assert account["bank_name"] == "Westminster [test] Bank"
    assert "bic" not in account


def test_a_us_account_with_its_aba_routing_number():
    account = banking.check_account(
        {"account_holder": "Zoë & Fils [EU] SARL", "country": "US",
         "account_number": "0001-2345-6789", "routing_number": "011000015",
         "currency": "USD"}
    )
    assert account == {
        "account_holder": "Zoë & Fils [EU] SARL",
        "country": "US",
        "currency": "USD",
        "account_number": "000123456789",
        "routing_number": "011000015",
    }


def test_an_australian_account_with_its_bsb():
    account = banking.check_account(
        {"account_holder": "A", "country": "AU", "account_number": "1234 5678",
         "routing_number": "062-000"}
    )
    assert (account["account_number"], account["routing_number"]) == (
        "12345678", "062000")


def test_a_canadian_account_with_its_transit_and_institution():
    account = banking.check_account(
        {"account_holder": "A", "country": "CA", "account_number": "1234567",
         "routing_number": "12345-003"}
    )
    assert account["routing_number"] == "000312345"


def test_an_account_elsewhere_needs_a_bic_of_that_country():
    account = banking.check_account(
        {"account_holder": "株式会社サンプル", "country": "JP",
         "account_number": "1234567", "bic": "MHCBJPJT"}
    )
    assert account == {"account_holder": "株式会社サンプル", "country": "JP",
                       "bic": "MHCBJPJT", "account_number": "1234567"}
    assert problems({"account_holder": "A", "country": "JP",
                     "account_number": "1234567"}) == {"bank.bic": "required"}


def test_every_problem_of_an_account_is_listed_at_once():
    assert problems(
        {"country": "US", "account_number": "12", "routing_number": "011000016",
         "iban": "DE89370400440532013000", "currency": "XYZ", "swift": "DEUTDEFF"}
    ) == {
        "bank.swift": "not a part of a bank account",
        "bank.account_holder": "required",
        "bank.iban": "US does not use IBANs; give the account number",
        "bank.account_number": "not an account number of US: 4 to 17 digits",
        "bank.routing_number": (
            "not a valid ABA routing number: its check digit does not match"
        ),
        "bank.currency": "not a currency; give its ISO 4217 code, such as EUR",
    }


def test_an_iban_country_refuses_a_national_account_number():
    assert problems(
        {"account_holder": "A", "country": "DE", "account_number": "0532013000",
         "routing_number": "37040044"}
    ) == {
        "bank.iban": "required",
        "bank.account_number": "DE uses IBANs; give the IBAN instead",
        "bank.routing_number": "DE uses IBANs; give the IBAN instead",
    }


def test_an_account_needs_a_country_and_a_table():
    assert problems({"account_holder": "A", "iban": "DE89370400440532013000"}) == {
        "bank.country": "required"}
    assert problems({"account_holder": "A", "country": "Atlantis"})["bank.country"] == (
        "not a country; give its ISO 3166 alpha-2 code, such as FR or US")
    with pytest.raises(InvalidAnswers) as caught:
        banking.check_account("DE89370400440532013000")
    assert caught.value.problems == [("bank", "expected a table of account details")]
