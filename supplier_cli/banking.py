"""Bank account details, checked offline before they are accepted. Pure: no I/O.

In a country that uses IBANs, an account is its IBAN (with an optional BIC); the
bank name is derived from it where schwifty knows the bank. Elsewhere it is an
account number and the national routing code the country uses: the ABA routing
number in the US, the BSB in Australia, transit and institution numbers in Canada;
other countries give a BIC instead. Account numbers keep no spaces or dashes.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from supplier_cli import validation
from supplier_cli.errors import InvalidAnswers, InvalidValue
from supplier_cli.registry import Field

# The keys of a bank account table, as `bank.*` in the information request spec.
KEYS = (
    "account_holder",
    "country",
    "currency",
    "iban",
    "bic",
    "account_number",
    "routing_number",
    "bank_name",
)
PRIVATE = frozenset({"iban", "account_number", "routing_number"})


@dataclass(frozen=True)
class National:
    """The account number and routing code of a country without IBANs."""

    routing_label: str
    routing_help: str
    routing_pattern: str
    account_pattern: str
    account_help: str


NATIONAL = {
    "US": National(
        "ABA routing number",
        "nine digits, such as 021000021",
        r"\d{9}",
        r"\d{4,17}",
        "4 to 17 digits",
    ),
    "AU": National(
        "BSB",
        "six digits, such as 062-000",
        r"\d{6}",
        r"\d{5,9}",
        "5 to 9 digits",
    ),
    "CA": National(
        "Transit and institution number",
        "transit-institution, such as 12345-003",
        r"\d{8}|0\d{8}",
        r"\d{7,12}",
        "7 to 12 digits",
    ),
}
OTHER_ACCOUNT_PATTERN = r"[A-Z0-9]{4,34}"


def compact(value: object) -> str:
    """The value without spaces, dashes or dots, in capitals."""
    return re.sub(r"[\s.\-]", "", validation.check_text(value)).upper()


def uses_iban(country: str) -> bool:
    from schwifty import registry
    from schwifty.exceptions import InvalidCountryCode

    try:
        registry.get_iban_spec(country.upper())
    except InvalidCountryCode:
        return False
    return True


def _field(key: str, label: str, required: bool, help_: str = "") -> Field:
    return Field(
        f"bank.{key}",
        label,
        "text",
        0,
        required=required,
        private=key in PRIVATE,
        help=help_,
    )


def fields(country: str) -> list[Field]:
    """The questions for an account in `country`, after its holder and country."""
    bic_help = "8 or 11 characters, such as DEUTDEFF"
    currency = _field("currency", "Currency", False, "ISO 4217 code, such as EUR")
    if uses_iban(country):
        return [
            _field("iban", "IBAN", True, f"it starts with {country.upper()}"),
            _field(
                "bic",
                "BIC (SWIFT code)",
                False,
                bic_help + "; found from the IBAN where the bank is known",
            ),
            currency,
        ]
    national = NATIONAL.get(country.upper())
    if national:
        return [
            _field("account_number", "Account number", True, national.account_help),
            _field(
                "routing_number", national.routing_label, True, national.routing_help
            ),
            _field("bic", "BIC (SWIFT code)", False, bic_help),
            currency,
        ]
    return [
        _field("account_number", "Account number", True, "4 to 34 letters and digits"),
        _field("bic", "BIC (SWIFT code)", True, bic_help),
        _field(
            "routing_number",
            "Bank or branch code",
            False,
            "digits, as your bank gives it",
        ),
        currency,
    ]


def check_iban(
    value: object, country: str | None = None
) -> tuple[str, str | None, str | None]:
    """(IBAN, bank name, BIC) for an IBAN, its national checksum verified where
    schwifty knows it; the bank name and BIC are None where the bank is unknown."""
    from schwifty import IBAN
    from schwifty.exceptions import NationalChecksumNotVerified, SchwiftyException

    text = validation.check_iban(compact(value))
    if country and text[:2] != country.upper():
        raise InvalidValue(
            f"an IBAN of {country.upper()} starts with {country.upper()}"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", NationalChecksumNotVerified)
        try:
            iban = IBAN(text, validate_bban=True)
        except SchwiftyException as error:
            reason = validation.iban_reason(error, text)
            raise InvalidValue(f"not a valid IBAN: {reason}") from None
    bic = iban.bic
    return iban.compact, iban.bank_name, str(bic.compact) if bic else None


def check_bic(value: object, country: str | None = None) -> str:
    """A BIC (8 or 11 characters) of a bank in `country`."""
    text = validation.check_bic(compact(value))
    if country and text[4:6] != country.upper():
        raise InvalidValue(
            f"the BIC {text} is a bank in {text[4:6]}, not in {country.upper()}"
        )
    return text


def bic_bank_name(bic: str) -> str | None:
    from schwifty import BIC

    names = BIC(bic).bank_names
    return names[0] if names else None


def check_aba(value: str) -> str:
    from stdnum.us import rtn

    if not rtn.is_valid(value):
        raise InvalidValue(
            "not a valid ABA routing number: its check digit does not match"
        )
    return value


def check_routing(value: object, country: str) -> str:
    """The national routing code of `country`, digits only."""
    text = compact(value)
    national = NATIONAL.get(country.upper())
    if national is None:
        if not text.isdigit():
            raise InvalidValue("a bank or branch code holds digits only")
        return text
    if not re.fullmatch(national.routing_pattern, text):
        raise InvalidValue(
            f"not a valid {national.routing_label}: expected {national.routing_help}"
        )
    if country.upper() == "US":
        return check_aba(text)
    if country.upper() == "CA":
        return _canadian_routing(text)
    return text


def _canadian_routing(text: str) -> str:
    """Transit (5 digits) and institution (3 digits), kept in the electronic
    order 0IIITTTTT that Canadian payment files use."""
    if len(text) == 9:
        return text
    transit, institution = text[:5], text[5:]
    return f"0{institution}{transit}"


def check_account_number(value: object, country: str) -> str:
    text = compact(value)
    national = NATIONAL.get(country.upper())
    pattern = national.account_pattern if national else OTHER_ACCOUNT_PATTERN
    if not re.fullmatch(pattern, text):
        help_ = national.account_help if national else "4 to 34 letters and digits"
        raise InvalidValue(f"not an account number of {country.upper()}: {help_}")
    return text


def check_currency(value: object) -> str:
    import pycountry

    text = validation.check_text(value).strip()
    currency = pycountry.currencies.get(alpha_3=text.upper())
    if currency is None:
        raise InvalidValue("not a currency; give its ISO 4217 code, such as EUR")
    return currency.alpha_3


def check_part(key: str, value: object, country: str) -> str:
    """One part of an account in `country`, as a prompt checks it."""
    if key == "iban":
        return check_iban(value, country)[0]
    if key == "bic":
        return check_bic(value, country)
    if key == "routing_number":
        return check_routing(value, country)
    if key == "account_number":
        return check_account_number(value, country)
    if key == "currency":
        return check_currency(value)
    if key == "country":
        return validation.check_country(value)
    return check_holder(value)


def check_holder(value: object) -> str:
    text = validation.check_text(value).strip()
    if not text:
        raise InvalidValue("required")
    return text


def check_account(account: object) -> dict:
    """A bank account table checked whole; InvalidAnswers lists every problem.

    The bank name is derived from the IBAN, else from the BIC, where schwifty
    knows the bank (a name given is kept otherwise); a BIC left empty is found
    from the IBAN where it can be."""
    if not isinstance(account, dict):
        raise InvalidAnswers(
            "The bank account is not valid.",
            [("bank", "expected a table of account details")],
        )
    found: list[tuple[str, str]] = []
    result: dict = {}
    unknown = sorted(set(account) - set(KEYS))
    found += [(f"bank.{key}", "not a part of a bank account") for key in unknown]
    country = _required(account, "country", validation.check_country, found, result)
    _required(account, "account_holder", check_holder, found, result)
    if country:
        _parts(account, country, found, result)
    if found:
        raise InvalidAnswers("The bank account is not valid; nothing was saved.", found)
    return {key: result[key] for key in KEYS if result.get(key)}


def _required(account, key, check, found, result):
    value = account.get(key)
    if validation.is_empty(value):
        found.append((f"bank.{key}", "required"))
        return None
    try:
        result[key] = check(value)
    except InvalidValue as error:
        found.append((f"bank.{key}", error.message))
        return None
    return result[key]


def _parts(account: dict, country: str, found: list, result: dict) -> None:
    asked = {f.name: f for f in fields(country)}
    for key in ("iban", "account_number", "routing_number", "bic", "currency"):
        value = account.get(key)
        if validation.is_empty(value):
            if key in asked and asked[key].required:
                found.append((f"bank.{key}", "required"))
            continue
        if key not in asked:
            found.append((f"bank.{key}", _not_used(key, country)))
            continue
        try:
            result[key] = check_part(key, value, country)
        except InvalidValue as error:
            found.append((f"bank.{key}", error.message))
    name = None
    if result.get("iban"):
        _, name, bic = check_iban(result["iban"])
        result.setdefault("bic", bic)
    if result.get("bic") and not name:
        name = bic_bank_name(result["bic"])
    given = account.get("bank_name")
    result["bank_name"] = name or (
        validation.check_text(given).strip() if given else None
    )


def _not_used(key: str, country: str) -> str:
    if key == "iban":
        return f"{country} does not use IBANs; give the account number"
    return f"{country} uses IBANs; give the IBAN instead"
