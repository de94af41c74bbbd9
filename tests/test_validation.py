"""Every validation rule, with valid and invalid values, in several countries."""

from __future__ import annotations

import datetime as dt

import pytest

from supplier_cli import registry, validation
from supplier_cli.errors import InvalidValue


def reason(check, *args) -> str:
    with pytest.raises(InvalidValue) as caught:
        check(*args)
    return caught.value.message


# Tax IDs: python-stdnum for the company's country, kept as typed.


@pytest.mark.parametrize(
    ("country", "tax_id"),
    [
        ("FR", "FR40303265045"),
        ("FR", "40303265045"),
        ("FR", "FR 40 303 265 045"),
        ("DE", "DE136695976"),
        ("DE", "136695976"),
        ("GB", "GB980780684"),
        ("GB", "980 7806 84"),
        ("US", "91-1144442"),
        ("US", "536-90-4399"),
        ("BR", "16.727.230/0001-97"),
        ("IT", "IT00743110157"),
        ("ES", "ESB58378431"),
        ("GR", "EL094259216"),
        ("NL", "NL004495445B01"),
    ],
)
def test_tax_id_valid_is_kept_as_typed(country, tax_id):
    assert validation.check_tax_id(tax_id, country) == tax_id


CHECKSUM = "The number's checksum or check digit is invalid"
FORMAT = "The number has an invalid format"


@pytest.mark.parametrize(
    ("country", "tax_id", "kind", "why"),
    [
        ("FR", "FR40303265046", "TVA", CHECKSUM),
        ("DE", "DE136695977", "VAT", CHECKSUM),
        ("GB", "GB980780683", "VAT", CHECKSUM),
        ("US", "12-345678", "TIN", FORMAT),
        ("US", "1234567890", "TIN", FORMAT),
        ("BR", "16.727.230/0001-98", "CNPJ", CHECKSUM),
        ("IT", "IT00743110158", "IVA", CHECKSUM),
    ],
)
def test_tax_id_invalid_names_country_and_reason(country, tax_id, kind, why):
    assert reason(validation.check_tax_id, tax_id, country) == (
        f"not a valid {country} tax ID ({kind}): {why}"
    )


def test_tax_id_of_a_country_without_a_module_accepts_any_value_with_a_notice():
    assert validation.tax_id_module("AQ") is None
    assert validation.check_tax_id("ANT-0042 / x", "AQ") == "ANT-0042 / x"
    assert validation.tax_id_notice("AQ") == (
        "Tax IDs of AQ cannot be checked offline; the value is kept as given."
    )


def test_tax_id_notice_is_empty_where_a_module_checks_it():
    assert validation.tax_id_notice("FR") == ""
    assert validation.tax_id_notice("US") == ""


def test_tax_id_without_a_country_is_kept_with_a_notice():
    assert validation.check_tax_id("12345", None) == "12345"
    assert validation.tax_id_notice(None) == (
        "Tax IDs of this country cannot be checked offline; the value is kept as given."
    )


@pytest.mark.parametrize("country", ["AQ", "FR"])
def test_tax_id_cannot_be_blank(country):
    assert reason(validation.check_tax_id, "   ", country) == "a tax ID cannot be empty"


# DUNS: exactly nine digits, a string from input to output.


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("150483782", "150483782"),
        ("012345678", "012345678"),
        ("000000001", "000000001"),
        ("15-048-3782", "150483782"),
        (" 150 483 782 ", "150483782"),
        (150483782, "150483782"),
    ],
)
def test_duns_valid_is_a_string_of_nine_digits(given, stored):
    result = validation.check_duns(given)
    assert result == stored
    assert isinstance(result, str)


@pytest.mark.parametrize(
    "given",
    [
        "15048378",
        "1504837821",
        "15048378A",
        "",
        12345678,
        # Regression: Arabic-Indic digits matched \d and were stored as they came.
        "١٥٠٤٨٣٧٨٢",
        "１５０４８３７８２",
    ],
)
def test_duns_invalid(given):
    assert reason(validation.check_duns, given) == (
        "a DUNS number is exactly nine digits, such as 150483782"
    )


# Phone numbers: E.164, the company's country as the default region.


@pytest.mark.parametrize(
    ("given", "country", "e164"),
    [
        ("04 72 10 20 30", "FR", "+33472102030"),
        ("+33 4 72 10 20 30", "FR", "+33472102030"),
        ("+33 4 72 10 20 30", "US", "+33472102030"),
        ("(202) 456-1111", "US", "+12024561111"),
        ("+1 202 456 1111", None, "+12024561111"),
        ("020 7946 0958", "GB", "+442079460958"),
        ("03-1234-5678", "JP", "+81312345678"),
        ("030 901820", "DE", "+4930901820"),
    ],
)
def test_phone_valid_becomes_e164(given, country, e164):
    assert validation.check_phone(given, country) == e164


@pytest.mark.parametrize(
    ("given", "country"),
    [("12", "FR"), ("(202) 456-1111", "FR"), ("not a phone", "US"), ("+33 12", "GB")],
)
def test_phone_invalid_names_the_country(given, country):
    assert reason(validation.check_phone, given, country) == (
        f"not a valid phone number for {country}; give it with its country code, "
        "such as +33 4 72 00 00 00"
    )


def test_phone_without_country_code_or_default_region_is_invalid():
    assert reason(validation.check_phone, "04 72 10 20 30", None) == (
        "not a valid phone number; give it with its country code, "
        "such as +33 4 72 00 00 00"
    )


# Emails: syntax only, never DNS (the network is blocked in conftest).


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("zoe.martin@atelier-exemple.fr", "zoe.martin@atelier-exemple.fr"),
        ("  zoe@example.com ", "zoe@example.com"),
        ("po+x@no-such-domain.example", "po+x@no-such-domain.example"),
        ("zoë@exämple.fr", "zoë@exämple.fr"),
    ],
)
def test_email_valid(given, stored):
    assert validation.check_email(given) == stored


@pytest.mark.parametrize(
    ("given", "why"),
    [
        ("no-at-sign", "An email address must have an @-sign."),
        ("a@b", "The part after the @-sign is not valid. It should have a period."),
        (
            "two@@signs.fr",
            "The part after the @-sign contains invalid characters: '@'.",
        ),
    ],
)
def test_email_invalid(given, why):
    assert reason(validation.check_email, given) == f"not a valid email address: {why}"


# Web addresses.


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://atelier-exemple.fr", "https://atelier-exemple.fr"),
        ("http://example.com/path?q=1", "http://example.com/path?q=1"),
        ("atelier-exemple.fr", "https://atelier-exemple.fr"),
        (" www.example.co.uk/fr ", "https://www.example.co.uk/fr"),
        ("https://example.com.", "https://example.com."),
    ],
)
def test_url_valid(given, stored):
    assert validation.check_url(given) == stored


@pytest.mark.parametrize(
    "given",
    [
        "ftp://example.com",
        "not a url",
        "http://localhost",
        "https://exa mple.com",
        "javascript:alert(1)",
        # Regression: a host with an empty label passed because it held a dot.
        "https://.com",
        "https://example..com",
        "https://example.",
        "https://",
    ],
)
def test_url_invalid(given):
    assert reason(validation.check_url, given) == (
        "not a web address; give one such as https://example.com"
    )


# Countries: ISO 3166 alpha-2.


@pytest.mark.parametrize(
    ("given", "code"),
    [("FR", "FR"), ("fr", "FR"), ("France", "FR"), ("jp", "JP"), ("USA", "US")],
)
def test_country_valid_becomes_alpha2(given, code):
    assert validation.check_country(given) == code


@pytest.mark.parametrize("given", ["ZZ", "Atlantis", "F"])
def test_country_invalid(given):
    assert reason(validation.check_country, given) == (
        "not a country; give its ISO 3166 alpha-2 code, such as FR or US"
    )


# Postal codes and required address parts, per country.


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("FR", "69002"),
        ("US", "94043"),
        ("US", "94043-1351"),
        ("JP", "100-0001"),
        ("JP", "1000001"),
        ("GB", "SW1A 1AA"),
        ("GB", "sw1a 1aa"),
        ("DE", "10115"),
        ("AQ", "anything"),
        (None, "anything"),
    ],
)
def test_postal_code_valid_is_kept_as_typed(country, code):
    assert validation.check_postal_code(code, country) == code


@pytest.mark.parametrize(
    ("country", "code"),
    [
        ("FR", "6900"),
        ("FR", "ABCDE"),
        ("US", "9404"),
        ("JP", "10-0001"),
        ("GB", "SW1A"),
    ],
)
def test_postal_code_invalid_names_the_country_with_an_example(country, code):
    message = reason(validation.check_postal_code, code, country)
    assert message.startswith(f"not a postal code of {country}, such as ")
    example = message.split(", such as ", 1)[1]
    assert validation.check_postal_code(example, country) == example


@pytest.mark.parametrize(
    ("country", "parts"),
    [
        ("FR", {"street1", "city", "postal_code"}),
        ("US", {"street1", "city", "region", "postal_code"}),
        ("JP", {"street1", "region", "postal_code"}),
        ("GB", {"street1", "city", "postal_code"}),
    ],
)
def test_required_address_parts_per_country(country, parts):
    assert validation.address_required_parts(country) == parts
    assert validation.address_problems({"country": country}) == {
        part: f"required for an address in {country}" for part in parts
    }


COMPLETE_ADDRESSES = {
    "FR": {"street1": "12 rue de l'Exemple", "city": "Lyon", "postal_code": "69002"},
    "US": {
        "street1": "1600 Amphitheatre Pkwy",
        "city": "Mountain View",
        "region": "CA",
        "postal_code": "94043",
    },
    "JP": {"street1": "1-1 Chiyoda", "region": "Tokyo", "postal_code": "100-0001"},
    "GB": {"street1": "10 Downing Street", "city": "London", "postal_code": "SW1A 2AA"},
}


@pytest.mark.parametrize("country", sorted(COMPLETE_ADDRESSES))
def test_complete_address_has_no_problem(country):
    address = dict(COMPLETE_ADDRESSES[country], country=country)
    assert validation.address_problems(address) == {}


def test_address_problems_name_each_wrong_part():
    us = dict(COMPLETE_ADDRESSES["US"], country="US", region="ZZ", postal_code="9404")
    problems = validation.address_problems(us)
    assert problems.keys() == {"region", "postal_code"}
    assert problems["region"] == "not a region or state of US"
    assert problems["postal_code"].startswith("not a postal code of US, such as ")


def test_address_without_country_needs_one_once_any_part_is_given():
    assert validation.address_problems({"city": "Lyon"}) == {
        "country": "required once an address is given"
    }
    assert validation.address_problems({"country": "ZZ", "city": "Lyon"}) == {
        "country": "not a country; give its ISO 3166 alpha-2 code, such as FR or US"
    }


def test_empty_address_is_fine_unless_required():
    assert validation.address_problems({}) == {}
    assert validation.address_problems({"city": " ", "na": True}) == {}
    assert validation.address_problems({}, required=True) == {
        "country": "required once an address is given"
    }


def test_no_country_requires_no_address_part():
    assert validation.address_required_parts(None) == set()


# Years, dates, booleans, choices, lists, text.


@pytest.mark.parametrize(
    ("given", "year"),
    [
        ("2009", 2009),
        (2009, 2009),
        (" 1998 ", 1998),
        ("1600", 1600),
        (dt.date.today().year, dt.date.today().year),
    ],
)
def test_year_valid(given, year):
    assert validation.check_year(given) == year


@pytest.mark.parametrize(
    "given", ["1599", dt.date.today().year + 1, "09", "2009.0", 2009.0, "abcd", True]
)
def test_year_invalid(given):
    this_year = dt.date.today().year
    assert reason(validation.check_year, given) == (
        f"expected a year from 1600 to {this_year}, such as 1998"
    )


@pytest.mark.parametrize(
    ("given", "day"),
    [
        ("2027-03-31", dt.date(2027, 3, 31)),
        (" 2027-03-31 ", dt.date(2027, 3, 31)),
        (dt.date(2027, 3, 31), dt.date(2027, 3, 31)),
        (dt.datetime(2027, 3, 31, 12, 0), dt.date(2027, 3, 31)),
    ],
)
def test_date_valid(given, day):
    result = validation.check_date(given)
    assert result == day
    assert type(result) is dt.date


@pytest.mark.parametrize("given", ["2027-02-30", "31/03/2027", "tomorrow", ""])
def test_date_invalid(given):
    assert reason(validation.check_date, given) == (
        "expected a date as YYYY-MM-DD, such as 2027-03-31"
    )


@pytest.mark.parametrize("given", ["yes", "Y", "true", "1", "ON", " Yes ", True, 1])
def test_boolean_true(given):
    assert validation.check_boolean(given) is True


@pytest.mark.parametrize("given", ["no", "N", "false", "0", "off", False, 0])
def test_boolean_false(given):
    assert validation.check_boolean(given) is False


@pytest.mark.parametrize("given", ["oui", "maybe", "", 2])
def test_boolean_invalid(given):
    assert reason(validation.check_boolean, given) == "expected yes or no"


@pytest.mark.parametrize(
    ("given", "option"),
    [("10-49", "10-49"), ("Self-Employed", "self-employed"), (" 5000+ ", "5000+")],
)
def test_choice_valid_gives_the_option_as_spelled(given, option):
    assert validation.check_choice(given, registry.SIZE_BANDS) == option


def test_choice_invalid_lists_the_options():
    assert reason(validation.check_choice, "11-49", registry.SIZE_BANDS) == (
        "expected one of: self-employed, 2-9, 10-49, 50-99, 100-249, 250-499, "
        "500-999, 1000-5000, 5000+"
    )


@pytest.mark.parametrize(
    ("given", "items"),
    [
        ("FR, BE,,CH ", ["FR", "BE", "CH"]),
        (["FR", "BE"], ["FR", "BE"]),
        (["a", "b", "c", "d", "e"], ["a", "b", "c", "d", "e"]),
        ("a,b,c,d,e", ["a", "b", "c", "d", "e"]),
    ],
)
def test_list_valid(given, items):
    assert validation.check_list(given, 5) == items


def test_list_over_max_items():
    assert (
        reason(validation.check_list, "a,b,c,d,e,f", 5)
        == "at most 5 items, 6 were given"
    )
    assert reason(validation.check_list, list("abcdefg"), 5) == (
        "at most 5 items, 7 were given"
    )


def test_list_without_max_items_takes_any_number():
    assert validation.check_list(list("abcdefghij")) == list("abcdefghij")


def test_list_of_another_type_is_invalid():
    assert reason(validation.check_list, 42, 5) == (
        'expected a list, such as ["a", "b"] or a, b'
    )
    assert reason(validation.check_list, [{"a": 1}], 5) == "expected text"


def test_multi_choice_checks_each_item():
    options = ("red", "blue")
    assert validation.check_multi_choice("Red, blue", options) == ["red", "blue"]
    assert reason(validation.check_multi_choice, ["red", "green"], options) == (
        "expected one of: red, blue"
    )


def test_text_is_nfc_normalised_and_kept_otherwise():
    typed = "Zoe\u0308 & Fils [EU]  "
    assert validation.check_text(typed) == "Zo\u00eb & Fils [EU]  "
    assert validation.check_text("株式会社サンプル") == "株式会社サンプル"


@pytest.mark.parametrize("given", [True, None, {"a": 1}, ["a"]])
def test_text_of_another_type_is_invalid(given):
    assert reason(validation.check_text, given) == "expected text"


@pytest.mark.parametrize(
    ("given", "number"), [("42", 42), ("3.5", 3.5), (7, 7), (" -1 ", -1)]
)
def test_number_valid(given, number):
    assert validation.check_number(given) == number


@pytest.mark.parametrize("given", ["forty", True])
def test_number_invalid(given):
    assert reason(validation.check_number, given).startswith("expected a number")


# Bank details (information requests).


def test_iban_valid_is_compacted_and_invalid_names_the_reason():
    assert validation.check_iban("FR14 2004 1010 0505 0001 3M02 606") == (
        "FR1420041010050500013M02606"
    )
    assert reason(validation.check_iban, "FR14 2004 1010 0505 0001 3M02 607") == (
        "not a valid IBAN: Invalid checksum digits"
    )


@pytest.mark.parametrize("given", ["COBADEFFXXX", "COBADEFF"])
def test_bic_valid(given):
    assert validation.check_bic(given) == given


def test_bic_invalid():
    assert reason(validation.check_bic, "COBADE").startswith(
        "not a valid BIC (8 or 11 characters, such as COBADEFFXXX): "
    )


# check(): the one entry point, by field type, with the company's country.


@pytest.mark.parametrize(
    ("key", "given", "country", "stored"),
    [
        ("contact.phone_work", "04 72 10 20 30", "FR", "+33472102030"),
        ("identifiers.tax_id", "FR40303265045", "FR", "FR40303265045"),
        ("address.postal_code", "94043", "US", "94043"),
        ("company.size", "2-9", None, "2-9"),
        ("categories.categories", "a, b", None, ["a", "b"]),
        ("company.corruption_policy", "yes", None, True),
        ("verification.badge_expires", "2027-06-30", None, dt.date(2027, 6, 30)),
    ],
)
def test_check_dispatches_by_field_type(key, given, country, stored):
    assert validation.check(registry.BY_KEY[key], given, country) == stored


def test_check_uses_the_country_for_tax_ids():
    field = registry.BY_KEY["identifiers.tax_id"]
    assert validation.check(field, "FR40303265045", "FR") == "FR40303265045"
    assert reason(validation.check, field, "FR40303265045", "DE").startswith(
        "not a valid DE tax ID (VAT): "
    )


def test_check_enforces_max_items_of_the_field():
    field = registry.BY_KEY["categories.products"]
    assert (
        reason(validation.check, field, "a,b,c,d,e,f")
        == "at most 5 items, 6 were given"
    )


@pytest.mark.parametrize("value", [None, [], "", "  \t"])
def test_is_empty(value):
    assert validation.is_empty(value)


@pytest.mark.parametrize("value", [0, False, "x", ["x"]])
def test_is_not_empty(value):
    assert not validation.is_empty(value)


def test_every_field_type_has_a_check():
    types = {f.type for f in registry.FIELDS + registry.CERTIFICATE_FIELDS}
    assert types <= validation.CHECKS.keys()
