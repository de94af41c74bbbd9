"""Onboarding progress and the answers file, without the CLI or the store."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib

import pytest

from supplier_cli import onboarding
from supplier_cli.errors import InvalidAnswers, InvalidValue
from tests.conftest import REPO

TODAY = dt.date(2026, 6, 15)
EXAMPLE = REPO / "profiles" / "onboarding-answers.toml"

CERTIFICATE = {
    "classification": "woman-owned",
    "agency": "WEConnect International",
    "number": "WE-2025-0042",
    "issued": dt.date(2025, 3, 1),
    "expires": "2027-02-28",
    "file": " certificates-src/weconnect-2025.pdf ",
}


def example() -> dict:
    return tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))


def problems(answers: dict, current: dict | None = None) -> list[tuple[str, str]]:
    with pytest.raises(InvalidAnswers) as caught:
        onboarding.read_answers(current or {}, answers, TODAY)
    assert caught.value.message == "Some answers are not valid; nothing was saved."
    return caught.value.problems


# Progress.


def test_progress_of_a_new_profile_starts_at_step_1():
    assert onboarding.completed({}) == []
    assert onboarding.next_step({}) == 1


def test_next_step_is_the_first_gap():
    meta = onboarding.mark_done({}, [1, 2])
    meta = onboarding.mark_done(meta, [4, 2])
    assert onboarding.completed(meta) == [1, 2, 4]
    assert onboarding.next_step(meta) == 3


def test_mark_done_keeps_the_rest_of_meta_and_does_not_change_it():
    meta = {"updated": dt.datetime(2026, 1, 1), "onboarding": {"completed": [1]}}
    done = onboarding.mark_done(meta, [2])
    assert done == {
        "updated": dt.datetime(2026, 1, 1),
        "onboarding": {"completed": [1, 2]},
    }
    assert meta["onboarding"] == {"completed": [1]}


def test_all_steps_done_leaves_no_next_step():
    meta = onboarding.mark_done({}, list(range(1, onboarding.TOTAL_STEPS + 1)))
    assert onboarding.TOTAL_STEPS == 8
    assert onboarding.next_step(meta) is None


def test_merge_steps_takes_only_the_fields_of_the_saved_steps():
    current = {
        "contact": {"first_name": "Zoë", "email": "zoe@a.fr"},
        "company": {"name": "Changed meanwhile", "size": "2-9"},
    }
    changed = {
        "contact": {"first_name": "Zoé", "title": "Gérante"},
        "company": {"name": "Old name", "size": "10-49"},
    }
    merged = onboarding.merge_steps(current, changed, [1])
    assert merged == {
        "contact": {"first_name": "Zoé", "title": "Gérante"},
        "company": {"name": "Changed meanwhile", "size": "2-9"},
    }
    assert current["contact"] == {"first_name": "Zoë", "email": "zoe@a.fr"}


# Certificates.


def test_certificate_parts_are_checked_and_normalised():
    assert onboarding.check_certificate(CERTIFICATE) == {
        "classification": "Woman-owned",
        "agency": "WEConnect International",
        "number": "WE-2025-0042",
        "issued": dt.date(2025, 3, 1),
        "expires": dt.date(2027, 2, 28),
        "file": "certificates-src/weconnect-2025.pdf",
    }


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"agency": " "}, "agency: required"),
        ({"file": None}, "file: required"),
        (
            {"issued": "1st March"},
            ("issued: expected a date as YYYY-MM-DD, such as 2027-03-31"),
        ),
        (
            {"classification": "Purple-owned"},
            (
                "classification: expected one of: "
                "Woman-owned, Minority-owned, Veteran-owned, Disability-owned, LGBT-owned, "
                "Small business"
            ),
        ),
        ({"expires": "2025-02-28"}, "expires: before the issue date"),
        ({"colour": "red"}, "unknown key 'colour'"),
    ],
)
def test_certificate_problems_name_the_part(change, why):
    entry = {k: v for k, v in (CERTIFICATE | change).items() if v is not None}
    with pytest.raises(InvalidValue) as caught:
        onboarding.check_certificate(entry)
    assert caught.value.message == why


def test_certificate_that_is_not_a_table():
    with pytest.raises(InvalidValue) as caught:
        onboarding.check_certificate("weconnect.pdf")
    assert caught.value.message == (
        "expected a table with classification, agency, number, issued, expires and file"
    )


# The answers file.


def test_example_answers_fill_every_step():
    data, certificates, customers = onboarding.read_answers({}, example(), TODAY)

    assert data["contact"]["phone_work"] == "+33472102030"
    assert data["identifiers"] == {"tax_id": "FR40303265045", "duns": "150483782"}
    assert data["address"]["country"] == "FR"
    assert data["verification"] == {
        "enrolled": True,
        "badge_expires": dt.date(2027, 6, 30),
    }
    assert "certificates" not in data.get("diversity", {})
    assert certificates == [
        {
            "classification": "Woman-owned",
            "agency": "WEConnect International",
            "number": "WE-2025-0042",
            "issued": dt.date(2025, 3, 1),
            "expires": dt.date(2027, 2, 28),
            "file": "profiles/certificates-src/weconnect-2025.pdf",
        }
    ]
    assert customers == [
        {
            "name": "Acme Manufacturing",
            "connection": {
                "status": "pending",
                "contact": "supplier.onboarding@acme.example",
                "requests": [TODAY],
            },
        }
    ]


def test_reading_answers_changes_neither_the_answers_nor_the_profile():
    answers = example()
    current = {"company": {"name": "Before"}}
    before = (copy.deepcopy(answers), copy.deepcopy(current))
    onboarding.read_answers(current, answers, TODAY)
    assert (answers, current) == before


def test_every_invalid_answer_is_reported_at_once():
    answers = example()
    answers["contact"]["email"] = "nope"
    answers["company"]["year_established"] = 3000
    answers["address"]["postal_code"] = "123"
    answers["identifiers"]["duns"] = "12"
    answers["company"]["colour"] = "red"
    answers["diversity"]["certificates"][0]["expires"] = dt.date(2024, 2, 28)
    answers["customers"].append({"name": " ", "contact": "x@y.example"})
    answers["customers"].append({"name": "Globex", "contact": "not an email"})

    assert sorted(problems(answers)) == sorted(
        [
            ("diversity.certificates[1]", "expires: before the issue date"),
            ("customers[2]", "a customer needs a name"),
            (
                "customers[3]",
                "not a valid email address: An email address must have an @-sign.",
            ),
            (
                "contact.email",
                "not a valid email address: An email address must have an @-sign.",
            ),
            (
                "company.year_established",
                f"expected a year from 1600 to {dt.date.today().year}, such as 1998",
            ),
            ("company.colour", "not a profile field"),
            ("address.postal_code", "not a postal code of FR, such as 33380"),
            (
                "identifiers.duns",
                "a DUNS number is exactly nine digits, such as 150483782",
            ),
        ]
    )


def test_missing_required_answers_are_reported():
    answers = example()
    del answers["contact"]["last_name"]
    del answers["address"]["city"]
    del answers["company"]["corruption_policy_text"]
    del answers["identifiers"]["tax_id"]

    assert problems(answers) == [
        ("contact.last_name", "required"),
        ("identifiers.no_tax_id_reason", "required"),
        ("company.corruption_policy_text", "required"),
        ("address.city", "required for an address in FR"),
    ]


def test_answers_of_the_wrong_shape():
    answers = {"format": 1, "contact": "Zoë", "customers": {"name": "Acme"}}
    found = dict(problems(answers))
    assert found["contact"] == "expected a table such as [company]"
    assert found["customers"] == "expected [[customers]] tables"

    answers = example()
    answers["diversity"]["certificates"] = "weconnect.pdf"
    answers["customers"] = [{"name": "Acme", "contact": "a@acme.example", "x": 1}]
    assert problems(answers) == [
        ("diversity.certificates", "expected [[diversity.certificates]] tables"),
        ("customers[1]", "expected a table with name and contact"),
    ]


def test_answers_complete_an_existing_profile():
    answers = example()
    del answers["contact"]
    current = {
        "contact": {"first_name": "Zoë", "last_name": "Martin", "email": "z@a.fr"}
    }
    data, _, _ = onboarding.read_answers(current, answers, TODAY)
    assert data["contact"] == current["contact"]
