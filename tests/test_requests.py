"""The information request domain: the file format, answers, lifecycle, prefill,
the review diff and "copy to public profile" (supplier_cli/requests.py and
supplier_cli/request_states.py)."""

from __future__ import annotations

import copy
import datetime as dt
import tomllib
from pathlib import Path

import pytest

from supplier_cli import request_answers
from supplier_cli import request_states as states
from supplier_cli import requests as forms
from supplier_cli.errors import BadDataFile, InvalidAnswers, Refused

EXAMPLES = Path(__file__).resolve().parents[1] / "profiles" / "requests"
NOW = dt.datetime(2026, 11, 21, 9, 30, tzinfo=dt.timezone.utc)

HEAD = """
format = 1
id = "SIM-1"
customer = "Acme Manufacturing"
title = "Update"
sent = 2026-11-20
"""

GOOD = (
    HEAD
    + """
due = 2026-12-20

[[sections]]
id = "company"
title = "Company information"

[[sections.fields]]
id = "legal_name"
label = "Legal company name"
type = "text"
required = true
maps_to = "company.name"

[[sections.fields]]
id = "tax_id"
label = "Tax ID"
type = "tax_id"
maps_to = "identifiers.tax_id"

[[sections.fields]]
id = "policy"
label = "Bribery and corruption policy?"
type = "boolean"
maps_to = "company.corruption_policy"

[[sections.fields]]
id = "policy_text"
label = "Policy text"
type = "long_text"
required = true
maps_to = "company.corruption_policy_text"
show_if = { field = "policy", equals = true }

[[sections.fields]]
id = "carrier"
label = "Insurance carrier"
type = "text"

[[sections]]
id = "address"
title = "Company address"
type = "address"
maps_to = "address"

[[sections]]
id = "remit_to"
title = "Remit-to address"
type = "address"
required = true
maps_to = "remit_to"

[[sections]]
id = "us"
title = "US details"
show_if = { field = "address.country", in = ["US", "CA"] }

[[sections.fields]]
id = "ein"
label = "EIN"
type = "text"
required = true
"""
)

FIELD = """
[[sections]]
id = "company"
title = "Company"

[[sections.fields]]
id = "legal_name"
label = "Legal name"
type = "text"
"""


def another(field_id: str, extra: str = "") -> str:
    """One more text field in the last section."""
    head = f'\n[[sections.fields]]\nid = "{field_id}"\nlabel = "X"\n'
    return head + f'type = "text"\n{extra}\n'


def parse(text: str) -> forms.Form:
    return forms.parse(tomllib.loads(text), "request.toml")


def refusal(text: str) -> str:
    with pytest.raises(BadDataFile) as caught:
        parse(text)
    return caught.value.message


@pytest.fixture
def form() -> forms.Form:
    return parse(GOOD)


FR_ADDRESS = {
    "street1": "12 rue de l'Exemple",
    "city": "Lyon",
    "postal_code": "69002",
    "country": "FR",
}


# The file format.


@pytest.mark.parametrize(
    "path", sorted(EXAMPLES.glob("acme-*[0-9].toml")), ids=lambda p: p.name
)
def test_example_requests_parse(path):
    form = forms.parse(tomllib.loads(path.read_text("utf-8")), str(path))
    assert form.customer == "Acme Manufacturing"


def test_a_good_file_gives_its_form(form):
    assert (form.id, form.customer, form.title) == (
        "SIM-1",
        "Acme Manufacturing",
        "Update",
    )
    assert form.due == dt.date(2026, 12, 20)
    assert [s.id for s in form.sections] == ["company", "address", "remit_to", "us"]
    text = form.question("company.policy_text")
    assert text.show_if == forms.Condition("company.policy", (True,))
    assert form.section("us").show_if.values == ("US", "CA")
    assert [q.id for q in form.section("remit_to").questions] == [
        "street1",
        "street2",
        "city",
        "region",
        "postal_code",
        "country",
    ]


BROKEN = [
    (
        "format = 2" + HEAD.replace("format = 1", "") + FIELD,
        "'format' must be 1, not 2",
    ),
    (HEAD.replace("format = 1", "") + FIELD, "'format' is missing"),
    (HEAD + "colour = 'red'" + FIELD, "unknown key 'colour'"),
    (HEAD.replace('id = "SIM-1"', "") + FIELD, "'id' must be non-empty text"),
    (
        HEAD.replace('customer = "Acme Manufacturing"', 'customer = ""') + FIELD,
        "'customer' must be non-empty text",
    ),
    (
        HEAD.replace("sent = 2026-11-20", 'sent = "soon"') + FIELD,
        "'sent' must be a TOML date",
    ),
    (HEAD.replace("sent = 2026-11-20", "") + FIELD, "'sent' is missing"),
    (HEAD + "due = 2026-12-20T10:00:00" + FIELD, "'due' must be a TOML date"),
    (HEAD, "expected at least one [[sections]] table"),
    (HEAD + FIELD + FIELD, "section 2: section id 'company' is used twice"),
    (
        HEAD + FIELD.replace('id = "company"', 'id = "com pany"'),
        "section 1: 'id' must be letters, digits",
    ),
    (
        HEAD + FIELD.replace('title = "Company"', ""),
        "section 'company': 'title' must be non-empty text",
    ),
    (
        HEAD + FIELD.replace('type = "text"', 'type = "txt"'),
        "section 'company', field 'legal_name': unknown type 'txt'",
    ),
    (
        HEAD + FIELD.replace('type = "text"', ""),
        "section 'company', field 'legal_name': 'type' is missing",
    ),
    (
        HEAD + FIELD.replace('label = "Legal name"', ""),
        "section 'company', field 'legal_name': 'label' must be non-empty text",
    ),
    (
        HEAD + FIELD + 'hint = "x"',
        "section 'company', field 'legal_name': unknown key 'hint'",
    ),
    (
        HEAD + FIELD + "required = 'yes'",
        "section 'company', field 'legal_name': 'required' must be true or false",
    ),
    (
        HEAD + FIELD.replace('"text"', '"choice"'),
        "field 'legal_name': a choice field needs 'options'",
    ),
    (
        HEAD + FIELD.replace('"text"', '"multi_choice"') + 'options = ["a", "a"]',
        "field 'legal_name': a multi_choice field needs 'options', a list of distinct",
    ),
    (
        HEAD + FIELD + 'options = ["a"]',
        "field 'legal_name': 'options' is only for choice and multi_choice",
    ),
    (
        HEAD + FIELD + 'maps_to = "company.colour"',
        "field 'legal_name': unknown maps_to 'company.colour'",
    ),
    (
        HEAD + FIELD + 'maps_to = "address.city"',
        "field 'legal_name': maps_to 'address.city' names an address",
    ),
    (
        HEAD
        + FIELD
        + 'maps_to = "company.name"'
        + another("name2", 'maps_to = "company.name"'),
        "field 'name2': maps_to 'company.name' is already used by section 'company', "
        "field 'legal_name'",
    ),
    (
        HEAD + FIELD + another("legal_name"),
        "section 'company', field 2: field id 'legal_name' is used twice",
    ),
    (
        HEAD + FIELD.replace('title = "Company"', 'title = "Company"\ntype = "table"'),
        "section 'company': unknown section type 'table'",
    ),
    (
        HEAD + FIELD.replace('title = "Company"', 'title = "Company"\nrequired = true'),
        "section 'company': unknown key 'required'",
    ),
    (
        HEAD
        + '[[sections]]\nid = "a"\ntitle = "A"\ntype = "address"\nmaps_to = "home"',
        "section 'a': unknown maps_to 'home' for an address section",
    ),
    (
        HEAD + '[[sections]]\nid = "a"\ntitle = "A"\ntype = "address"\n'
        '[[sections.fields]]\nid = "x"\nlabel = "X"\ntype = "text"',
        "section 'a': unknown key 'fields'",
    ),
    (
        HEAD + FIELD + 'show_if = { field = "nowhere", equals = 1 }',
        "field 'legal_name': show_if points to 'company.nowhere', which is not a field",
    ),
    (
        HEAD + FIELD + 'show_if = { field = "legal_name", equals = "x" }',
        "field 'legal_name': show_if cannot depend on its own field",
    ),
    (
        HEAD
        + FIELD.replace(
            'title = "Company"',
            'title = "Company"\nshow_if = { field = "legal_name", equals = "x" }',
        ),
        "section 'company': show_if field 'legal_name' must be written "
        "section_id.field_id",
    ),
    (
        HEAD + FIELD + '[[sections.fields]]\nid = "b"\nlabel = "B"\ntype = "boolean"\n'
        'show_if = { field = "legal_name", equals = "x", in = ["y"] }',
        "field 'b': show_if needs exactly one of 'equals' or 'in'",
    ),
    (
        HEAD + FIELD + '[[sections.fields]]\nid = "b"\nlabel = "B"\ntype = "boolean"\n'
        'show_if = { field = "legal_name", in = "x" }',
        "field 'b': show_if 'in' must be a list of values",
    ),
    (
        HEAD + FIELD + '[[sections.fields]]\nid = "b"\nlabel = "B"\ntype = "boolean"\n'
        'show_if = { field = "legal_name", equals = "x", when = 1 }',
        "field 'b' show_if: unknown key 'when'",
    ),
    (
        HEAD + FIELD.replace('"text"', '"choice"') + 'options = ["a", "b"]\n'
        '[[sections.fields]]\nid = "b"\nlabel = "B"\ntype = "text"\n'
        'show_if = { field = "legal_name", equals = "c" }',
        "field 'b': show_if value 'c' cannot be an answer to 'company.legal_name'",
    ),
    (
        HEAD + FIELD + 'show_if = { field = "b", equals = true }\n'
        '[[sections.fields]]\nid = "b"\nlabel = "B"\ntype = "boolean"\n'
        'show_if = { field = "legal_name", equals = "x" }',
        "show_if conditions form a loop",
    ),
]


@pytest.mark.parametrize("text, expected", BROKEN, ids=[b[1][:40] for b in BROKEN])
def test_each_rule_is_refused_with_the_file_section_field_and_problem(text, expected):
    message = refusal(text)
    assert message.startswith("request.toml: ")
    assert expected in message


def test_every_problem_is_reported_at_once():
    text = HEAD + FIELD.replace('type = "text"', 'type = "txt"') + "colour = 1"
    message = refusal(text)
    assert "2 problems" in message
    assert "unknown type 'txt'" in message
    assert "unknown key 'colour'" in message


def test_show_if_may_name_an_address_part_of_another_section():
    text = (
        HEAD
        + """
[[sections]]
id = "remit_to"
title = "Remit-to"
type = "address"

[[sections]]
id = "bank"
title = "Bank"
show_if = { field = "remit_to.country", equals = "fr" }

[[sections.fields]]
id = "iban"
label = "IBAN"
type = "iban"
"""
    )
    assert parse(text).section("bank").show_if.values == ("FR",)


# Answers.


def test_a_conditional_field_is_required_only_while_shown(form):
    base = {"company": {"legal_name": "Atelier"}, "remit_to": {"na": True}}
    assert request_answers.check_answers(form, base)["company"] == {
        "legal_name": "Atelier"
    }

    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(
            form,
            copy.deepcopy(base)
            | {"company": {"legal_name": "Atelier", "policy": True}},
        )
    assert caught.value.problems == [("company.policy_text", "required")]


def test_answers_of_hidden_fields_are_dropped(form):
    answers = {
        "company": {"legal_name": "Atelier", "policy": "no", "policy_text": "old"},
        "remit_to": {"na": True},
        "us": {"ein": "12-3456789"},
    }
    checked = request_answers.check_answers(form, answers)
    assert checked["company"] == {"legal_name": "Atelier", "policy": False}
    assert "us" not in checked


def test_a_section_shown_by_an_address_country(form):
    answers = {
        "company": {"legal_name": "Acme"},
        "remit_to": {"na": True},
        "address": {
            "street1": "1 Main St",
            "city": "Springfield",
            "region": "IL",
            "postal_code": "62701",
            "country": "us",
        },
    }
    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(form, answers)
    assert caught.value.problems == [("us.ein", "required")]


def test_a_required_address_must_be_filled_or_na(form):
    answers = {"company": {"legal_name": "Atelier"}}
    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(form, answers)
    assert caught.value.problems == [
        ("remit_to", "required: give the address, or answer N/A")
    ]
    assert request_answers.check_answers(form, answers | {"remit_to": {"na": True}})[
        "remit_to"
    ] == {"na": True}
    assert (
        request_answers.check_answers(form, answers | {"remit_to": FR_ADDRESS})[
            "remit_to"
        ]
        == FR_ADDRESS
    )


def test_na_with_an_address_is_refused(form):
    answers = {"company": {"legal_name": "A"}, "remit_to": {"na": True, "city": "Lyon"}}
    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(form, answers)
    assert caught.value.problems[0][0] == "remit_to"


def test_an_optional_address_may_stay_empty_until_a_country_is_given(form):
    answers = {"company": {"legal_name": "A"}, "remit_to": {"na": True}}
    assert "address" not in request_answers.check_answers(form, answers)

    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(form, answers | {"address": {"country": "FR"}})
    assert sorted(caught.value.problems) == [
        ("address.city", "required for an address in FR"),
        ("address.postal_code", "required for an address in FR"),
        ("address.street1", "required for an address in FR"),
    ]


def test_a_postal_code_is_checked_for_its_country(form):
    answers = {
        "company": {"legal_name": "A"},
        "remit_to": dict(FR_ADDRESS, postal_code="690"),
    }
    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(form, answers)
    assert caught.value.problems == [
        ("remit_to.postal_code", "not a postal code of FR, such as 33380")
    ]


def test_a_draft_may_miss_required_answers_but_not_hold_invalid_ones(form):
    assert request_answers.check_answers(form, {}, complete=False) == {}
    partial = {"address": {"country": "FR", "city": "Lyon"}}
    assert request_answers.check_answers(form, partial, complete=False) == partial
    with pytest.raises(InvalidAnswers):
        request_answers.check_answers(
            form, {"company": {"policy": "maybe"}}, complete=False
        )


def test_unknown_sections_and_fields_are_named(form):
    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(
            form,
            {
                "nowhere": {},
                "company": {"colour": "red"},
                "remit_to": {"planet": "Mars"},
            },
            complete=False,
        )
    keys = [key for key, _ in caught.value.problems]
    assert keys == ["nowhere", "remit_to.planet", "company.colour"]


def test_a_tax_id_is_checked_for_the_country_of_the_request_address(form):
    answers = {
        "company": {"legal_name": "A", "tax_id": "FR40303265045"},
        "remit_to": {"na": True},
        "address": FR_ADDRESS,
    }
    assert (
        request_answers.check_answers(form, answers)["company"]["tax_id"]
        == "FR40303265045"
    )
    answers["company"]["tax_id"] = "FR00000000000"
    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(form, answers)
    assert caught.value.problems[0][0] == "company.tax_id"


@pytest.mark.parametrize(
    "type_, good, stored, bad",
    [
        ("email", " a@example.com ", "a@example.com", "a@"),
        ("url", "example.com", "https://example.com", "not a url"),
        ("number", "3.5", 3.5, "three"),
        ("date", "2027-01-31", dt.date(2027, 1, 31), "31/01/2027"),
        ("boolean", "yes", True, "perhaps"),
        ("country", "fr", "FR", "Atlantis"),
        ("duns", "150 483 782", "150483782", "12345"),
        (
            "iban",
            "DE89 3704 0044 0532 0130 00",
            "DE89370400440532013000",
            "DE00 3704 0044 0532 0130 00",
        ),
        ("bic", "cobadeffxxx", "COBADEFFXXX", "COBA"),
        ("phone", "+33 4 72 10 20 30", "+33472102030", "12"),
    ],
)
def test_field_types_use_the_shared_validation(type_, good, stored, bad):
    form = parse(HEAD + FIELD.replace('type = "text"', f'type = "{type_}"'))
    assert request_answers.check_answers(form, {"company": {"legal_name": good}}) == {
        "company": {"legal_name": stored}
    }
    with pytest.raises(InvalidAnswers):
        request_answers.check_answers(form, {"company": {"legal_name": bad}})


def test_a_choice_answer_takes_the_option_spelling():
    form = parse(
        HEAD + FIELD.replace('"text"', '"multi_choice"') + 'options = ["Ab", "Cd"]'
    )
    assert request_answers.check_answers(
        form, {"company": {"legal_name": ["ab", "CD"]}}
    ) == {"company": {"legal_name": ["Ab", "Cd"]}}


def test_merge_answers_takes_an_address_whole_and_clears_empty_fields(form):
    base = {
        "company": {"legal_name": "A", "carrier": "Old"},
        "address": dict(FR_ADDRESS, street2="Bât. B"),
    }
    given = {"company": {"carrier": ""}, "address": {"na": True}}
    assert request_answers.merge_answers(form, base, given) == {
        "company": {"legal_name": "A"},
        "address": {"na": True},
    }


# The lifecycle.


def record(status: str = "requested", applied: bool = False) -> dict:
    result = states.new_record(tomllib.loads(GOOD), NOW)
    result["status"] = status
    result["applied"] = applied
    if status in ("pending_approval", "approved", "declined"):
        result["submitted"] = NOW
    return result


ALLOWED = {
    ("requested", "save"): "draft",
    ("requested", "submit"): "pending_approval",
    ("draft", "save"): "draft",
    ("draft", "submit"): "pending_approval",
    ("pending_approval", "withdraw"): "draft",
    ("pending_approval", "approve"): "approved",
    ("pending_approval", "decline"): "declined",
    ("approved", "apply"): "approved",
    ("declined", "save"): "draft",
    ("declined", "submit"): "pending_approval",
}
ACTIONS = ("save", "submit", "withdraw", "approve", "decline", "update", "apply")


@pytest.mark.parametrize("state, action", sorted(ALLOWED))
def test_allowed_transitions(state, action):
    later = NOW + dt.timedelta(hours=1)
    before = record(state)
    after = states.transition(before, action, later, "test")
    assert after["status"] == ALLOWED[state, action]
    assert after["history"][-1] == {
        "when": later,
        "from": state,
        "to": ALLOWED[state, action],
        "command": "test",
        "revision": 1,
    }
    assert before["status"] == state and len(before["history"]) == 1


@pytest.mark.parametrize(
    "state, action",
    [
        (s, a)
        for s in states.STATES
        for a in ACTIONS
        if (s, a) not in ALLOWED
        and not (s == "approved" and a in ("update", "withdraw"))
    ],
)
def test_refused_transitions_name_the_allowed_ones(state, action):
    with pytest.raises(Refused) as caught:
        states.transition(record(state), action, NOW, "test")
    assert caught.value.message == (
        f"SIM-1 is {state.replace('_', ' ')}, so it cannot be {states.VERBS[action]}."
    )
    for allowed in states.allowed(record(state)):
        assert states.PHRASES[allowed][0] in caught.value.hint


@pytest.mark.parametrize("action", ["update", "withdraw"])
def test_an_approved_request_not_yet_applied_cannot_be_updated_or_withdrawn(action):
    with pytest.raises(Refused) as caught:
        states.transition(record("approved"), action, NOW, "test")
    assert (
        "may first need to apply the previously approved request" in caught.value.hint
    )
    assert "supplier requests record 'Acme Manufacturing' SIM-1 --applied" in (
        caught.value.hint
    )


def test_update_after_apply_opens_the_next_revision():
    approved = states.transition(record("pending_approval"), "approve", NOW, "record")
    assert approved["applied"] is False
    applied = states.transition(approved, "apply", NOW, "record --applied")
    assert applied["applied"] is True and applied["status"] == "approved"
    with pytest.raises(Refused, match="already recorded as applied"):
        states.transition(applied, "apply", NOW, "record --applied")
    with pytest.raises(Refused, match="cannot be withdrawn"):
        states.transition(applied, "withdraw", NOW, "withdraw")

    reopened = states.transition(applied, "update", NOW, "update")
    assert (reopened["status"], reopened["revision"], reopened["applied"]) == (
        "draft",
        2,
        False,
    )
    assert "submitted" not in reopened
    assert reopened["history"][-1]["revision"] == 2


def test_approve_keeps_the_approved_answers_and_withdraw_keeps_the_answers():
    submitted = states.submit(record(), {"company": {"legal_name": "A"}}, NOW, "answer")
    assert submitted["submitted"] == NOW
    withdrawn = states.transition(submitted, "withdraw", NOW, "withdraw")
    assert withdrawn["answers"] == {"company": {"legal_name": "A"}}
    assert "submitted" not in withdrawn
    resubmitted = states.submit(withdrawn, withdrawn["answers"], NOW, "answer")
    approved = states.transition(resubmitted, "approve", NOW, "record")
    assert approved["approved"] == {"company": {"legal_name": "A"}}


def test_a_decline_keeps_the_customer_comment_and_can_be_revised():
    declined = states.transition(
        record("pending_approval"),
        "decline",
        NOW,
        "record --declined",
        comment="IBAN [sic] is wrong",
    )
    assert states.decline_comment(declined) == "IBAN [sic] is wrong"
    revised = states.save_answers(
        declined, {"company": {"legal_name": "B"}}, NOW, "answer"
    )
    assert revised["status"] == "draft"
    assert states.submit(revised, revised["answers"], NOW, "answer")["status"] == (
        "pending_approval"
    )


def test_a_request_counts_as_answered_once_it_has_answers():
    assert not states.is_answered(record())
    assert states.is_answered(states.save_answers(record(), {}, NOW, "answer"))


@pytest.mark.parametrize(
    "change, key",
    [
        ({"status": "done"}, "status"),
        ({"revision": 0}, "revision"),
        ({"answers": []}, "answers"),
        ({"history": None}, "history"),
        # Regression: a list here reached `requests show` as an AttributeError.
        ({"submitted": [{}, []]}, "submitted"),
        ({"received": "yesterday"}, "received"),
    ],
)
def test_a_broken_stored_record_names_the_key(change, key):
    with pytest.raises(BadDataFile, match=f"store.toml: key '{key}'"):
        states.check_record(record() | change, "store.toml")


def test_the_response_is_in_form_order_without_hidden_answers(form):
    submitted = states.submit(
        record(),
        {
            "remit_to": {"na": True},
            "company": {
                "carrier": "X",
                "legal_name": "A",
                "policy": False,
                "policy_text": "old",
            },
        },
        NOW,
        "answer",
    )
    assert states.response(submitted, form) == {
        "format": 1,
        "id": "SIM-1",
        "customer": "Acme Manufacturing",
        "revision": 1,
        "submitted": NOW,
        "answers": {
            "company": {"legal_name": "A", "policy": False, "carrier": "X"},
            "remit_to": {"na": True},
        },
    }


def test_list_rows_pending_first_by_due_date_with_overdue_marked():
    late = record()
    late["request"] = dict(late["request"], id="LATE", due=dt.date(2026, 1, 1))
    later = record("draft")
    done = record("approved")
    done["request"] = dict(done["request"], id="DONE")
    rows = states.summaries([later, done, late], dt.date(2026, 6, 1))
    assert [(r["id"], r["overdue"]) for r in rows] == [("LATE", True), ("SIM-1", False)]
    assert (
        len(states.summaries([later, done, late], dt.date(2026, 6, 1), everything=True))
        == 3
    )
    assert [
        r["id"] for r in states.summaries([later, done], NOW.date(), "approved")
    ] == ["DONE"]


# Prefill, the review and "copy to public profile".

PUBLIC = {
    "company": {
        "name": "Atelier Exemple SARL",
        "corruption_policy": True,
        "corruption_policy_text": "No bribes.",
        "website": "https://a.example",
    },
    "address": FR_ADDRESS,
    "identifiers": {"tax_id": "FR40303265045"},
}
CUSTOMER = {
    "company": {"name": "Atelier Exemple (Acme copy)"},
    "remit_to": {
        "street1": "1 Main St",
        "city": "Springfield",
        "region": "IL",
        "postal_code": "62701",
        "country": "US",
    },
}


def test_prefill_takes_the_customer_profile_then_the_public_profile(form):
    filed = request_answers.on_file(form, CUSTOMER, PUBLIC)
    assert filed["company"] == {
        "legal_name": "Atelier Exemple (Acme copy)",
        "tax_id": "FR40303265045",
        "policy": True,
        "policy_text": "No bribes.",
    }
    assert filed["address"] == FR_ADDRESS
    assert filed["remit_to"] == CUSTOMER["remit_to"]


def test_prefill_skips_values_the_form_would_refuse_and_keeps_draft_answers(form):
    public = copy.deepcopy(PUBLIC)
    public["identifiers"]["tax_id"] = "not a tax id"
    filed = request_answers.on_file(form, {}, public)
    assert "tax_id" not in filed["company"]

    draft = {"company": {"legal_name": "Draft name"}, "remit_to": {"na": True}}
    answers = request_answers.prefill(
        form, draft, request_answers.on_file(form, CUSTOMER, PUBLIC)
    )
    assert answers["company"]["legal_name"] == "Draft name"
    assert answers["company"]["policy"] is True
    assert answers["remit_to"] == {"na": True}


def test_unmapped_fields_are_on_file_from_the_last_approved_answers(form):
    filed = request_answers.on_file(
        form, {}, {}, approved={"company": {"carrier": "Mutuelle"}}
    )
    assert filed == {"company": {"carrier": "Mutuelle"}}


def test_review_shows_old_and_new_with_brackets_and_accents(form):
    filed = request_answers.on_file(form, CUSTOMER, PUBLIC)
    answers = request_answers.prefill(
        form,
        {
            "company": {
                "legal_name": "Zoë & Fils [EU] SARL",
                "carrier": "株式会社サンプル",
            },
            "remit_to": {"na": True},
        },
        filed,
    )
    rows = {row.key: row for row in request_answers.review(form, answers, filed)}
    name = rows["company.legal_name"]
    assert (name.mark, name.old, name.new) == (
        "~",
        "Atelier Exemple (Acme copy)",
        "Zoë & Fils [EU] SARL",
    )
    assert (rows["company.carrier"].mark, rows["company.carrier"].new) == (
        "+",
        "株式会社サンプル",
    )
    assert rows["company.policy"].mark == " "
    assert rows["company.tax_id"].private
    remit = rows["remit_to"]
    assert (remit.mark, remit.old, remit.new) == (
        "~",
        "1 Main St, Springfield, IL, 62701, US",
        "N/A",
    )
    assert rows["address.city"].label == "Company address: City"


def test_copy_moves_only_the_listed_fields_and_leaves_the_rest(form):
    answers = {
        "company": {
            "legal_name": "Zoë & Fils [EU] SARL",
            "tax_id": "FR40303265045",
            "policy": False,
            "carrier": "X",
        },
        "remit_to": {
            "street1": "1 Main St",
            "city": "Springfield",
            "region": "IL",
            "postal_code": "62701",
            "country": "US",
        },
    }
    public = copy.deepcopy(PUBLIC)
    public["identifiers"]["tax_id"] = "FR83404833048"
    before = copy.deepcopy(public)

    plan = request_answers.copy_plan(form, answers, public)
    assert public == before
    assert {row.key for row in plan} == {"company.name", "company.corruption_policy"}

    result = request_answers.apply_copy(public, plan)
    assert public == before
    assert result["company"] == {
        "name": "Zoë & Fils [EU] SARL",
        "corruption_policy": False,
        "corruption_policy_text": "No bribes.",
        "website": "https://a.example",
    }
    assert result["identifiers"] == {"tax_id": "FR83404833048"}
    assert result["address"] == FR_ADDRESS
    assert "remit_to" not in result


def test_copy_replaces_the_whole_company_address_and_skips_an_na_one(form):
    new = {
        "street1": "3 quai Z",
        "city": "Paris",
        "postal_code": "75001",
        "country": "FR",
    }
    public = copy.deepcopy(PUBLIC)
    public["address"] = dict(FR_ADDRESS, street2="Bât. B")
    plan = request_answers.copy_plan(form, {"address": new}, public)
    assert {r.key: r.mark for r in plan} == {
        "address.street1": "~",
        "address.street2": "-",
        "address.city": "~",
        "address.postal_code": "~",
        "address.country": " ",
    }
    assert request_answers.apply_copy(public, plan)["address"] == new
    assert request_answers.copy_plan(form, {"address": {"na": True}}, public) == []


def test_copy_refuses_a_value_the_public_profile_would_refuse():
    form = parse(HEAD + FIELD + 'maps_to = "company.website"')
    with pytest.raises(InvalidAnswers) as caught:
        request_answers.copy_plan(
            form, {"company": {"legal_name": "not a website"}}, {}
        )
    assert caught.value.problems[0][0] == "company.website"


def test_remit_to_address_parts_are_private_but_its_country(form):
    """Regression: the remit-to address, private like bank details, was printed
    unmasked by `requests show`, its --json and the review."""
    remit = form.section("remit_to")
    address = form.section("address")

    assert {q.id for q in remit.questions if q.private} == {
        "street1",
        "street2",
        "city",
        "region",
        "postal_code",
    }
    assert not any(q.private for q in address.questions)


def test_review_of_a_remit_to_answered_na_is_private(form):
    filed = request_answers.on_file(form, CUSTOMER, PUBLIC)
    answers = request_answers.prefill(form, {"remit_to": {"na": True}}, filed)

    rows = {row.key: row for row in request_answers.review(form, answers, filed)}

    assert rows["remit_to"].private


def test_an_address_the_customer_holds_as_na_is_on_file_as_na(form):
    """Regression: a customer profile's `ship_from = { na = true }` was not on file
    at all, so the review could not show it and the form did not start from it."""
    customer = copy.deepcopy(CUSTOMER)
    customer["remit_to"] = {"na": True}

    filed = request_answers.on_file(form, customer, PUBLIC)
    answers = request_answers.prefill(form, {}, filed)
    rows = {row.key: row for row in request_answers.review(form, {}, filed)}

    assert filed["remit_to"] == {"na": True}
    assert answers["remit_to"] == {"na": True}
    assert (rows["remit_to"].mark, rows["remit_to"].old, rows["remit_to"].new) == (
        "-",
        "N/A",
        None,
    )


def test_an_invalid_answer_is_not_also_reported_as_missing(form):
    """Regression: an invalid required answer was listed twice, once with its
    reason and once as "required"; so was a required address both N/A and filled."""
    answers = {
        "company": {"legal_name": "A", "policy": True, "policy_text": ["a", "list"]},
        "remit_to": {"na": True, "city": "Lyon"},
    }

    with pytest.raises(InvalidAnswers) as caught:
        request_answers.check_answers(form, answers)

    assert caught.value.problems == [
        (
            "remit_to",
            "answered N/A, so it cannot also hold an address; remove na = true "
            "or the address",
        ),
        ("company.policy_text", "expected text"),
    ]


def test_mapped_fields_in_neither_profile_are_on_file_from_the_approved_answers():
    """Regression: updating the approved bank details request reviewed every
    answer as added ("+"), though the customer held them from the approval."""
    form = forms.parse(
        tomllib.loads(
            (EXAMPLES / "acme-bank-details-2025.toml").read_text("utf-8")
        ),
        "bank.toml",
    )
    approved = {
        "bank": {
            "holder": "Atelier Exemple SARL",
            "iban": "FR7630006000011234567890189",
            "bic": "AGRIFRPPXXX",
            "currency": "EUR",
        },
        "remit_to": {"na": True},
    }

    filed = request_answers.on_file(form, {}, PUBLIC, approved)
    rows = request_answers.review(form, approved, filed)

    assert filed == approved
    assert [row.mark for row in rows] == [" "] * len(rows)


def test_the_approved_answers_are_on_file_before_the_profiles(form):
    """Regression: updating an approved and applied request reviewed its answers
    against the customer profile, which the approval does not change, so an
    answer the customer had applied showed as a change again."""
    approved = {
        "company": {"legal_name": "Zoë & Fils [EU] SARL"},
        "remit_to": dict(FR_ADDRESS),
    }

    filed = request_answers.on_file(form, CUSTOMER, PUBLIC, approved)
    rows = {row.key: row for row in request_answers.review(form, approved, filed)}

    assert filed["company"]["legal_name"] == "Zoë & Fils [EU] SARL"
    assert filed["company"]["tax_id"] == "FR40303265045"
    assert filed["remit_to"] == FR_ADDRESS
    assert rows["company.legal_name"].mark == " "
    assert rows["remit_to.city"].mark == " "
