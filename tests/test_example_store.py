"""The example store in `profiles/`, as the README's tour uses it."""

from __future__ import annotations

import datetime as dt
import json

from tests.conftest import invoke


def test_the_example_store_is_valid(example):
    result = invoke(example, "profile", "validate")

    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == "The store is valid."


def test_the_example_public_profile_is_complete_enough_to_demo(example):
    profile = json.loads(invoke(example, "profile", "show", "--json").stdout)

    assert profile["company"]["name"] == "Atelier Exemple SARL"
    assert profile["address"]["country"] == "FR"
    assert "identifiers" not in profile


def test_the_example_customers(example):
    listed = json.loads(invoke(example, "customers", "list", "--json").stdout)

    # The pending request was sent on a fixed day of the example store: it is
    # shown as expired once 30 days have passed, on any later day the suite runs.
    sent = dt.date(2026, 12, 4)
    pending = "pending" if dt.date.today() <= sent + dt.timedelta(days=30) else "expired"
    connections = {c["name"]: c["connection"] for c in listed}
    assert connections == {
        "Acme Manufacturing": "approved",
        "Nordwind Logistik GmbH": "approved",
        "Zoë & Fils [EU] SARL": pending,
        "株式会社サンプル": "rejected",
    }


def test_the_example_requests_cover_each_kind(example):
    listed = json.loads(invoke(example, "requests", "list", "--all", "--json").stdout)

    states = {r["id"]: r["status"] for r in listed}
    assert states == {
        "BANK-2025-0003": "approved",
        "DIV-2026-0007": "requested",
        "SIM-2026-0042": "requested",
    }


def test_the_example_legal_entity_has_a_bank_account(example):
    entity = json.loads(
        invoke(example, "entities", "show", "Atelier Exemple SARL", "--json").stdout
    )

    assert entity["country"] == "FR"
    assert len(entity["bank_accounts"]) == 1
