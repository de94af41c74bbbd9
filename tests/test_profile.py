"""The public profile: get and put, conditions, answers, completeness, masking."""

from __future__ import annotations

import copy
import datetime as dt

import pytest

from supplier_cli import profile, registry
from supplier_cli.errors import InvalidAnswers, InvalidValue, NotFound

TODAY = dt.date(2026, 6, 15)


def days_ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


# get and put.


def test_get_reads_a_nested_key_and_none_when_missing_or_blank():
    data = {"company": {"name": "Atelier Exemple SARL", "website": "  "}}
    assert profile.get(data, "company.name") == "Atelier Exemple SARL"
    assert profile.get(data, "company.website") is None
    assert profile.get(data, "company.size") is None
    assert profile.get(data, "address.city") is None


def test_get_and_put_follow_aliases():
    data: dict = {}
    profile.put(data, "categories.industry", "Manufacturing")
    assert data == {"company": {"industry": "Manufacturing"}}
    assert profile.get(data, "categories.industry") == "Manufacturing"


def test_put_an_empty_value_removes_the_key_and_an_emptied_section():
    data = {"company": {"name": "A", "size": "2-9"}, "address": {"city": "Lyon"}}
    profile.put(data, "company.size", "")
    profile.put(data, "address.city", None)
    profile.put(data, "contact.title", [])
    assert data == {"company": {"name": "A"}}


def test_put_keeps_false_and_zero():
    data: dict = {}
    profile.put(data, "company.corruption_policy", False)
    assert data == {"company": {"corruption_policy": False}}
    assert profile.get(data, "company.corruption_policy") is False


@pytest.mark.parametrize("key", ["company.nope", "nope", "wallet.iban"])
def test_unknown_key_is_not_found(key):
    with pytest.raises(NotFound) as caught:
        profile.get({}, key)
    assert caught.value.message == f"There is no profile field '{key}'."
    with pytest.raises(NotFound):
        profile.put({}, key, "x")


def test_country_is_the_address_country():
    assert profile.country({"address": {"country": "FR"}}) == "FR"
    assert profile.country({}) is None


# show_if conditions.


def shown(key: str, data: dict) -> bool:
    return profile.is_shown(registry.BY_KEY[key], data)


def test_no_tax_id_reason_is_shown_only_without_a_tax_id():
    assert shown("identifiers.no_tax_id_reason", {})
    assert not shown(
        "identifiers.no_tax_id_reason", {"identifiers": {"tax_id": "FR40303265045"}}
    )


def test_corruption_policy_text_is_shown_only_with_a_policy():
    assert not shown("company.corruption_policy_text", {})
    no_policy = {"company": {"corruption_policy": False}}
    assert not shown("company.corruption_policy_text", no_policy)
    with_policy = {"company": {"corruption_policy": True}}
    assert shown("company.corruption_policy_text", with_policy)


def test_minority_type_and_badge_expiry_follow_their_answers():
    assert not shown("diversity.minority_type", {"diversity": {"woman_owned": True}})
    assert shown("diversity.minority_type", {"diversity": {"minority_owned": True}})
    assert not shown("verification.badge_expires", {})
    assert shown("verification.badge_expires", {"verification": {"enrolled": True}})


def test_fields_without_condition_are_always_shown():
    assert shown("company.name", {})


def test_show_if_on_a_list_holds_when_the_list_contains_the_value():
    condition = registry.ShowIf("service_areas.served", "US")
    assert condition.holds(["FR", "US"])
    assert not condition.holds(["FR"])
    assert not condition.holds(None)


# check_value: one value judged in the context of the profile.


def test_check_value_uses_the_company_country():
    fr = {"address": {"country": "FR"}}
    assert profile.check_value(fr, "contact.phone_work", "04 72 10 20 30") == (
        "+33472102030"
    )
    with pytest.raises(InvalidValue) as caught:
        profile.check_value(fr, "identifiers.tax_id", "DE136695976")
    assert caught.value.message.startswith("not a valid FR tax ID (TVA): ")


def test_check_value_empty_is_required_only_for_shown_required_fields():
    with pytest.raises(InvalidValue) as caught:
        profile.check_value({}, "company.name", "  ")
    assert caught.value.message == "required"
    assert profile.check_value({}, "company.website", "") is None
    assert profile.check_value({}, "company.corruption_policy_text", "") is None
    with pytest.raises(InvalidValue):
        profile.check_value(
            {"company": {"corruption_policy": True}},
            "company.corruption_policy_text",
            "",
        )


# apply_answers: everything checked first, all problems at once, nothing half-done.


def test_apply_answers_checks_and_puts_every_answer_on_a_copy():
    current = {"company": {"name": "Old name", "size": "2-9"}}
    before = copy.deepcopy(current)
    result = profile.apply_answers(
        current,
        {
            "company": {"name": "Zoe\u0308 SARL", "year_established": "2009"},
            "contact": {"phone_work": "04 72 10 20 30"},
            "address": {"country": "fr"},
            "categories": {"industry": "Manufacturing"},
        },
    )
    assert current == before
    assert result == {
        "company": {
            "name": "Zo\u00eb SARL",
            "size": "2-9",
            "year_established": 2009,
            "industry": "Manufacturing",
        },
        "address": {"country": "FR"},
        "contact": {"phone_work": "+33472102030"},
    }


def test_apply_answers_reports_every_invalid_answer_and_changes_nothing():
    current = {"company": {"name": "Atelier Exemple SARL"}}
    before = copy.deepcopy(current)
    with pytest.raises(InvalidAnswers) as caught:
        profile.apply_answers(
            current,
            {
                "contact": {"email": "not-an-email", "first_name": "Zoë"},
                "company": {"name": "", "year_established": "1066 AD", "shoe": 42},
                "identifiers": {"duns": "12345"},
                "wallet": "full",
            },
        )
    assert current == before
    assert caught.value.message == "Some answers are not valid; nothing was saved."
    assert sorted(caught.value.problems) == [
        ("company.name", "required"),
        ("company.shoe", "not a profile field"),
        (
            "company.year_established",
            f"expected a year from 1600 to {dt.date.today().year}, such as 1998",
        ),
        (
            "contact.email",
            "not a valid email address: An email address must have an @-sign.",
        ),
        ("identifiers.duns", "a DUNS number is exactly nine digits, such as 150483782"),
        ("wallet", "expected a table such as [company]"),
    ]


def test_apply_answers_judges_phones_with_the_country_given_in_the_same_answers():
    answers = {
        "contact": {"phone_work": "(202) 456-1111"},
        "identifiers": {"tax_id": "91-1144442"},
        "address": {"country": "US"},
    }
    result = profile.apply_answers({"address": {"country": "FR"}}, answers)
    assert result["contact"] == {"phone_work": "+12024561111"}
    assert result["address"] == {"country": "US"}


def test_apply_answers_an_empty_answer_clears_an_optional_field():
    result = profile.apply_answers(
        {"company": {"name": "A", "website": "https://a.example"}},
        {"company": {"website": ""}},
    )
    assert result == {"company": {"name": "A"}}


# problems: what `profile validate` and the answers file report.


def test_problems_lists_required_fields_of_the_given_steps():
    found = profile.problems({}, [1])
    assert found == [
        ("contact.first_name", "required"),
        ("contact.last_name", "required"),
        ("contact.email", "required"),
    ]
    assert profile.problems({}, []) == []


def test_problems_list_address_parts_the_country_requires():
    data = {
        "contact": {"first_name": "Zoë", "last_name": "Martin", "email": "z@a.fr"},
        "company": {"name": "A"},
        "address": {"country": "FR", "city": "Lyon"},
        "identifiers": {"tax_id": "FR40303265045"},
    }
    assert profile.problems(data, [1, 2]) == [
        ("address.postal_code", "required for an address in FR"),
        ("address.street1", "required for an address in FR"),
    ]


def test_problems_report_invalid_values_in_steps_not_yet_completed():
    # Regression: `profile validate` only looked at completed onboarding steps, so
    # a hand-edited invalid value elsewhere was called valid.
    data = {
        "contact": {"email": "bad"},
        "company": {"year_established": 1200, "corruption_policy": True},
    }
    assert profile.problems(data, []) == [
        (
            "contact.email",
            "not a valid email address: An email address must have an @-sign.",
        ),
        (
            "company.year_established",
            f"expected a year from 1600 to {dt.date.today().year}, such as 1998",
        ),
        ("company.corruption_policy_text", "required"),
    ]


def test_a_field_opened_by_an_answer_is_required_whatever_the_step():
    """Regression: `profile set company.corruption_policy yes` without the policy's
    text, or enrolled without a badge expiry, was called valid until the
    onboarding step was completed."""
    data = {"company": {"corruption_policy": True}, "verification": {"enrolled": True}}

    assert profile.problems(data, []) == [
        ("company.corruption_policy_text", "required"),
        ("verification.badge_expires", "required"),
    ]
    assert profile.problems({"identifiers": {"duns": "150483782"}}, []) == []


def test_hidden_keys_are_the_values_of_fields_not_shown():
    data = {
        "company": {"corruption_policy": False, "corruption_policy_text": "Old."},
        "identifiers": {"tax_id": "FR40303265045", "no_tax_id_reason": "None."},
        "diversity": {"minority_owned": True, "minority_type": "other"},
    }

    assert profile.hidden_keys(data) == [
        "identifiers.no_tax_id_reason",
        "company.corruption_policy_text",
    ]


def test_problems_of_a_conditional_field_only_while_shown():
    data = {"company": {"corruption_policy": True}}
    assert profile.problems(data, [3]) == [
        ("company.corruption_policy_text", "required")
    ]
    data["company"]["corruption_policy"] = False
    assert profile.problems(data, [3]) == []


# Completeness and its colour (DOMAIN.md: the CSP rule).


def test_completeness_of_an_empty_profile_is_zero():
    assert profile.completeness({}) == 0


def test_completeness_counts_the_shown_fields_that_hold_a_value():
    always_shown = [f for f in registry.FIELDS if f.show_if is None]
    data = {"company": {"name": "A"}}
    # With no tax ID, the field for the reason is shown too.
    assert profile.completeness(data) == round(100 / (len(always_shown) + 1))

    full: dict = {}
    for field in registry.FIELDS:
        profile.put(full, field.key, "x")
    profile.put(full, "identifiers.no_tax_id_reason", None)
    for key in (
        "company.corruption_policy",
        "diversity.minority_owned",
        "verification.enrolled",
    ):
        profile.put(full, key, True)
    assert profile.completeness(full) == 100


@pytest.mark.parametrize(
    ("percent", "age_days", "colour"),
    [
        (0, 0, "red"),
        (49, 0, "red"),
        (50, 0, "blue"),
        (79, 0, "blue"),
        (50, 730, "blue"),
        (50, 731, "red"),
        (79, 731, "red"),
        (80, 0, "green"),
        (100, 0, "green"),
        (80, 365, "green"),
        (80, 366, "blue"),
        (100, 730, "blue"),
        (80, 731, "red"),
        (100, 5000, "red"),
    ],
)
def test_completeness_colour_band_boundaries(percent, age_days, colour):
    assert profile.completeness_colour(percent, days_ago(age_days), TODAY) == colour


@pytest.mark.parametrize(("percent", "colour"), [(10, "red"), (60, "red"), (95, "red")])
def test_completeness_colour_never_updated_is_as_old_as_can_be(percent, colour):
    assert profile.completeness_colour(percent, None, TODAY) == colour


# Private values: masked, or left out.


@pytest.mark.parametrize(
    ("value", "masked"),
    [
        ("FR40303265045", "•••••••••5045"),
        ("012345678", "•••••5678"),
        ("12345", "•2345"),
        ("1234", "••••"),
        ("12", "••"),
    ],
)
def test_mask_keeps_only_the_last_four_characters(value, masked):
    assert profile.mask(value) == masked


PRIVATE = {
    "company": {"name": "[bold]Zoë & Fils [EU] SARL"},
    "identifiers": {"tax_id": "FR40303265045", "duns": "012345678"},
}


def test_view_masks_private_values_unless_asked():
    assert profile.view(PRIVATE, show_private=False) == {
        "company": {"name": "[bold]Zoë & Fils [EU] SARL"},
        "identifiers": {"tax_id": "•••••••••5045", "duns": "•••••5678"},
    }
    assert profile.view(PRIVATE, show_private=True) == PRIVATE


def test_public_data_leaves_private_values_out_unless_asked():
    assert profile.public_data(PRIVATE, show_private=False) == {
        "company": {"name": "[bold]Zoë & Fils [EU] SARL"}
    }
    assert profile.public_data(PRIVATE, show_private=True) == PRIVATE


def test_only_financial_identifiers_are_private():
    private = {f.key for f in registry.FIELDS if f.private}
    assert private == {"identifiers.tax_id", "identifiers.duns"}
