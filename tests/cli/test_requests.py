"""`supplier requests ...` run in-process on a temporary store (cli/requests.py)."""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supplier_cli import customers, render
from supplier_cli.cli import app
from supplier_cli.cli import requests as requests_cli
from supplier_cli.storage import Store, slug

EXAMPLES = Path(__file__).resolve().parents[2] / "profiles" / "requests"
ACME = "Acme Manufacturing"
SIM = EXAMPLES / "acme-supplier-update-2026.toml"
DIV = EXAMPLES / "acme-diversity-2026.toml"
BANK = EXAMPLES / "acme-bank-details-2025.toml"
BANK_ANSWERS = EXAMPLES / "acme-bank-details-2025-answers.toml"
ENV = {"NO_COLOR": "1", "COLUMNS": "100"}

PUBLIC = {
    "contact": {
        "first_name": "Zoë",
        "last_name": "Martin",
        "email": "zoe@atelier-exemple.fr",
    },
    "company": {
        "name": "Atelier Exemple SARL",
        "po_email": "po@atelier-exemple.fr",
        "website": "https://atelier-exemple.fr",
    },
    "address": {
        "street1": "12 rue de l'Exemple",
        "city": "Lyon",
        "postal_code": "69002",
        "country": "FR",
    },
    "identifiers": {"tax_id": "FR40303265045", "duns": "150483782"},
}


@pytest.fixture
def store_path(tmp_path) -> Path:
    """A store with a public profile and the customer Acme Manufacturing."""
    store = Store(tmp_path / "requests-store")
    store.save_profile(PUBLIC, {"onboarding": {"completed": list(range(1, 9))}})
    record = customers.new_connection(ACME, "buyer@acme.example", dt.date(2026, 11, 1))
    record["profile"] = {
        "remit_to": {
            "street1": "1 Main St",
            "city": "Springfield",
            "region": "IL",
            "postal_code": "62701",
            "country": "US",
        }
    }
    store.save_customer(record)
    return store.root


def run(store: Path, *args: str):
    render.out.cache_clear()
    render.err.cache_clear()
    return CliRunner().invoke(
        app, ["--profiles", str(store), *args], env=ENV, catch_exceptions=False
    )


def flat(text: str) -> str:
    """Output with its line breaks and column padding made single spaces."""
    return " ".join(text.split())


def stored(store: Path, request_id: str) -> dict:
    path = store / "customers" / slug(ACME) / "requests" / f"{slug(request_id)}.toml"
    return tomllib.loads(path.read_text("utf-8"))


def answers_file(tmp_path: Path, text: str) -> str:
    path = tmp_path / "answers.toml"
    path.write_text(text, "utf-8")
    return str(path)


SIM_ANSWERS = """
[answers.company]
legal_name = "Zoë & Fils [EU] SARL"
insurance_carrier = "株式会社サンプル"

[answers.remit_to]
na = true
"""


@pytest.fixture
def received(store_path) -> Path:
    for path in (SIM, DIV, BANK):
        assert run(store_path, "requests", "receive", str(path)).exit_code == 0
    return store_path


def submitted(store: Path, tmp_path: Path) -> None:
    result = run(
        store,
        "requests",
        "answer",
        ACME,
        "SIM-2026-0042",
        "--answers",
        answers_file(tmp_path, SIM_ANSWERS),
        "--submit",
    )
    assert result.exit_code == 0, result.stderr


# receive


def test_receive_stores_the_request_under_its_customer(store_path):
    result = run(store_path, "requests", "receive", str(SIM))

    assert result.exit_code == 0
    assert result.stderr == (
        "Received SIM-2026-0042 from Acme Manufacturing: "
        "Supplier information update 2026\n"
    )
    record = stored(store_path, "SIM-2026-0042")
    assert record["status"] == "requested"
    assert record["request"]["title"] == "Supplier information update 2026"
    assert record["history"][0]["command"] == "receive"


def test_receive_refuses_a_broken_file_whole(store_path, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text(SIM.read_text("utf-8").replace('type = "url"', 'type = "link"'))

    result = run(store_path, "requests", "receive", str(broken))

    assert result.exit_code == 3
    assert flat(result.stderr).startswith(
        f"Error: {broken}: section 'company', field 'website': unknown type 'link'"
    )
    assert "Nothing was imported." in result.stderr
    assert not (store_path / "customers" / slug(ACME) / "requests").exists()


def test_a_customer_name_matching_several_ignoring_case_is_refused(store_path, tmp_path):
    # Regression: with "Acme Manufacturing" and "ACME MANUFACTURING" in the store,
    # a request for "acme manufacturing" went to whichever was listed first.
    store = Store(store_path)
    store.save_customer(customers.new_connection(
        ACME.upper(), "buyer@acme.example", dt.date(2026, 11, 1)))
    lower = tmp_path / "lower.toml"
    lower.write_text(SIM.read_text("utf-8").replace(ACME, ACME.lower()), "utf-8")
    named = (f"Error: '{ACME.lower()}' names more than one customer when case is "
             f"ignored: '{ACME.upper()}', '{ACME}'.")

    received = run(store_path, "requests", "receive", str(lower))
    listed = run(store_path, "requests", "list", "--customer", ACME.lower())

    for result in (received, listed):
        assert result.exit_code == 5
        assert flat(result.stderr).startswith(named)
    assert not (store_path / "customers" / slug(ACME) / "requests").exists()
    assert not (store_path / "customers" / slug(ACME.upper()) / "requests").exists()


def test_receive_refuses_an_unknown_customer(store_path, tmp_path):
    other = tmp_path / "other.toml"
    other.write_text(SIM.read_text("utf-8").replace(ACME, "Globex [EU]"))

    result = run(store_path, "requests", "receive", str(other))

    assert result.exit_code == 4
    assert "There is no customer named 'Globex [EU]'." in result.stderr


def test_receive_again_updates_only_an_unanswered_request(received, tmp_path):
    again = run(received, "requests", "receive", str(SIM))
    assert again.exit_code == 0
    assert (
        "Updated SIM-2026-0042 from Acme Manufacturing: it had not been answered yet."
        in (again.stderr)
    )
    assert len(stored(received, "SIM-2026-0042")["history"]) == 2

    submitted(received, tmp_path)
    refused = run(received, "requests", "receive", str(SIM))
    assert refused.exit_code == 5
    assert "SIM-2026-0042 from Acme Manufacturing is already pending_approval" in (
        refused.stderr
    )


def test_receive_a_missing_file(store_path):
    result = run(store_path, "requests", "receive", "nowhere.toml")
    assert result.exit_code == 4
    assert "nowhere.toml: no such file." in result.stderr


# list and show


def test_list_shows_pending_requests_by_due_date(received, tmp_path):
    submitted(received, tmp_path)
    run(received, "requests", "record", ACME, "SIM-2026-0042", "--approved")

    table = run(received, "requests", "list")
    rows = json.loads(run(received, "requests", "list", "--json").stdout)
    everything = json.loads(run(received, "requests", "list", "--all", "--json").stdout)

    assert table.exit_code == 0
    assert "BANK-2025-0003" in table.stdout and "overdue" in table.stdout
    assert "SIM-2026-0042" not in table.stdout
    assert [row["id"] for row in rows] == ["BANK-2025-0003", "DIV-2026-0007"]
    assert rows[0] == {
        "customer": ACME,
        "id": "BANK-2025-0003",
        "title": "Bank details for payments",
        "status": "requested",
        "revision": 1,
        "applied": False,
        "sent": "2025-06-02",
        "due": "2025-06-30",
        "overdue": True,
    }
    assert [row["id"] for row in everything][-1] == "SIM-2026-0042"


def test_list_by_status_and_customer(received, tmp_path):
    submitted(received, tmp_path)

    pending = json.loads(
        run(
            received, "requests", "list", "--status", "pending_approval", "--json"
        ).stdout
    )
    by_customer = json.loads(
        run(
            received, "requests", "list", "--customer", "acme manufacturing", "--json"
        ).stdout
    )
    bad = run(received, "requests", "list", "--status", "open")

    assert [row["id"] for row in pending] == ["SIM-2026-0042"]
    assert len(by_customer) == 3
    assert bad.exit_code == 2
    assert "--status open: not a state" in bad.stderr


def test_list_with_nothing_says_so(store_path):
    result = run(store_path, "requests", "list")
    assert result.exit_code == 0
    assert result.stderr == "No information requests match.\n"


STATE = 'format = 1\nstatus = "requested"\nrevision = 1\napplied = false\n'
HEADER = '[request]\nid = "DIV-2026-0007"\ncustomer = "Acme Manufacturing"\n'


@pytest.mark.parametrize(
    "text, problem",
    [
        (STATE, "key 'request' is missing or of the wrong type."),
        (STATE + HEADER + "sent = 2026-11-20\n", "key 'request.title' must be text."),
        (
            STATE + HEADER + 'title = "T"\nsent = 2026-11-20\ndue = "soon"\n',
            "key 'request.due' must be a TOML date such as 2026-11-20.",
        ),
        (STATE.replace('"requested"', '"open"'), "key 'status' must be one of"),
    ],
)
def test_list_names_a_request_file_of_the_wrong_shape(received, text, problem):
    """Regression: a request file without its [request] table, or with a date that
    is text, was a KeyError or TypeError traceback in `requests list`."""
    path = Store(received).request_path(ACME, "DIV-2026-0007")
    assert path.is_file()
    path.write_text(text, "utf-8")

    result = run(received, "requests", "list")

    assert result.exit_code == 3
    assert f"{path}: {problem}" in flat(result.stderr)


def test_show_prints_answers_with_private_values_masked(received, tmp_path):
    submitted(received, tmp_path)

    text = run(received, "requests", "show", ACME, "SIM-2026-0042")
    data = json.loads(
        run(received, "requests", "show", ACME, "SIM-2026-0042", "--json").stdout
    )
    private = json.loads(
        run(
            received,
            "requests",
            "show",
            ACME,
            "SIM-2026-0042",
            "--json",
            "--show-private",
        ).stdout
    )

    assert text.exit_code == 0
    assert "Zoë & Fils [EU] SARL" in text.stdout
    assert "株式会社サンプル" in text.stdout
    assert "•••••3782" in text.stdout and "150483782" not in text.stdout
    assert data["status"] == "pending_approval"
    company = {f["id"]: f["answer"] for f in data["sections"][0]["fields"]}
    assert company["legal_name"] == "Zoë & Fils [EU] SARL"
    assert company["duns"] == "•••••3782"
    assert private["sections"][0]["fields"][4]["answer"] == "150483782"
    remit = next(s for s in data["sections"] if s["id"] == "remit_to")
    assert remit["na"] is True
    assert [h["to"] for h in data["history"]] == ["requested", "pending_approval"]


def test_show_an_unknown_request(received):
    result = run(received, "requests", "show", ACME, "NOPE-1")
    assert result.exit_code == 4
    assert "Acme Manufacturing has no information request 'NOPE-1'." in result.stderr


# answer


def test_answer_from_a_file_saves_a_draft_with_prefilled_fields(received, tmp_path):
    result = run(
        received,
        "requests",
        "answer",
        ACME,
        "SIM-2026-0042",
        "--answers",
        answers_file(tmp_path, SIM_ANSWERS),
    )

    assert result.exit_code == 0, result.stderr
    assert "SIM-2026-0042 saved as a draft" in result.stderr
    record = stored(received, "SIM-2026-0042")
    assert record["status"] == "draft"
    assert record["answers"]["company"] == {
        "legal_name": "Zoë & Fils [EU] SARL",
        "website": "https://atelier-exemple.fr",
        "po_email": "po@atelier-exemple.fr",
        "duns": "150483782",
        "insurance_carrier": "株式会社サンプル",
    }
    assert record["answers"]["remit_to"] == {"na": True}
    assert record["answers"]["contact"]["first_name"] == "Zoë"
    assert record["history"][-1]["command"] == "answer --answers"


def test_answer_with_invalid_values_saves_nothing(received, tmp_path):
    before = stored(received, "SIM-2026-0042")
    bad = SIM_ANSWERS + '\n[answers.ship_from]\ncountry = "FR"\ncity = "Lyon"\n'
    bad = bad.replace("insurance_carrier", 'duns = "12"\ninsurance_carrier')

    result = run(
        received,
        "requests",
        "answer",
        ACME,
        "SIM-2026-0042",
        "--answers",
        answers_file(tmp_path, bad),
        "--submit",
    )

    assert result.exit_code == 1
    assert "company.duns: a DUNS number is exactly nine digits" in result.stderr
    assert "ship_from.postal_code: required for an address in FR" in result.stderr
    assert stored(received, "SIM-2026-0042") == before


def test_submit_needs_every_required_answer(received, tmp_path):
    result = run(
        received,
        "requests",
        "answer",
        ACME,
        "DIV-2026-0007",
        "--answers",
        answers_file(tmp_path, "[answers.diversity]\nminority_owned = true\n"),
        "--submit",
    )

    assert result.exit_code == 1
    assert "diversity.minority_type: required" in result.stderr
    assert "us_entity: required: give the address, or answer N/A" in result.stderr


def test_answer_without_a_terminal_names_the_answers_option(received):
    result = run(received, "requests", "answer", ACME, "SIM-2026-0042")
    assert result.exit_code == 2
    assert "give the answers with --answers FILE" in result.stderr


def test_answer_a_submitted_request_is_refused(received, tmp_path):
    submitted(received, tmp_path)
    result = run(
        received,
        "requests",
        "answer",
        ACME,
        "SIM-2026-0042",
        "--answers",
        answers_file(tmp_path, SIM_ANSWERS),
    )
    assert result.exit_code == 5
    assert (
        "SIM-2026-0042 is pending approval, so it cannot be answered." in result.stderr
    )
    assert "withdraw it: `supplier requests withdraw 'Acme Manufacturing' " in flat(
        result.stderr
    )


def test_an_answer_file_is_copied_into_the_store(store_path, tmp_path):
    request = tmp_path / "file-request.toml"
    request.write_text(
        'format = 1\nid = "F-1"\ncustomer = "Acme Manufacturing"\ntitle = "Files"\n'
        'sent = 2026-01-01\n[[sections]]\nid = "docs"\ntitle = "Documents"\n'
        '[[sections.fields]]\nid = "insurance"\nlabel = "Insurance certificate"\n'
        'type = "file"\nrequired = true\n'
    )
    attachment = tmp_path / "cert [2026].pdf"
    attachment.write_bytes(b"%PDF-1.4 test")
    run(store_path, "requests", "receive", str(request))

    answers = f'[answers.docs]\ninsurance = "{attachment}"\n'
    result = run(
        store_path,
        "requests",
        "answer",
        ACME,
        "F-1",
        "--answers",
        answers_file(tmp_path, answers),
        "--submit",
    )

    assert result.exit_code == 0, result.stderr
    kept = stored(store_path, "F-1")["answers"]["docs"]["insurance"]
    assert kept.startswith(f"customers/{slug(ACME)}/files/")
    assert (store_path / kept).read_bytes() == b"%PDF-1.4 test"


# withdraw, record, update


def test_the_whole_lifecycle(received, tmp_path):
    submitted(received, tmp_path)

    def step(*args):
        return run(received, "requests", *args, ACME, "SIM-2026-0042")

    assert step("withdraw").exit_code == 0
    assert stored(received, "SIM-2026-0042")["answers"]["remit_to"] == {"na": True}
    assert step("withdraw").exit_code == 5
    submitted(received, tmp_path)
    declined = run(
        received,
        "requests",
        "record",
        ACME,
        "SIM-2026-0042",
        "--declined",
        "--comment",
        "Remit-to [US] needed",
    )
    assert declined.exit_code == 0
    assert "is now declined" in declined.stderr
    submitted(received, tmp_path)
    assert step("record", "--approved").exit_code == 0

    refused = step("update")
    assert refused.exit_code == 5
    assert "may first need to apply the previously approved request" in refused.stderr
    assert step("record", "--applied").stderr.endswith("is now approved (applied).\n")
    updated = step("update")
    assert updated.exit_code == 0
    assert "Revision 2 is a draft" in updated.stderr

    record = stored(received, "SIM-2026-0042")
    assert (record["status"], record["revision"]) == ("draft", 2)
    assert [(h.get("from"), h["to"], h["command"]) for h in record["history"]] == [
        (None, "requested", "receive"),
        ("requested", "pending_approval", "answer --answers"),
        ("pending_approval", "draft", "withdraw"),
        ("draft", "pending_approval", "answer --answers"),
        ("pending_approval", "declined", "record --declined"),
        ("declined", "pending_approval", "answer --answers"),
        ("pending_approval", "approved", "record --approved"),
        ("approved", "approved", "record --applied"),
        ("approved", "draft", "update"),
    ]
    assert record["history"][4]["comment"] == "Remit-to [US] needed"


@pytest.mark.parametrize(
    "options, message",
    [
        ([], "Give --approved or --declined (or --applied alone)."),
        (["--approved", "--declined"], "Give --approved or --declined"),
        (["--declined", "--applied"], "A declined request cannot be applied"),
        (["--approved", "--comment", "x"], "--comment goes with --declined."),
    ],
)
def test_record_needs_one_decision(received, options, message):
    result = run(received, "requests", "record", ACME, "SIM-2026-0042", *options)
    assert result.exit_code == 2
    assert message in result.stderr


# copy


def test_copy_previews_and_writes_nothing_before_confirmation(received, tmp_path):
    submitted(received, tmp_path)
    profile_file = received / "profile.toml"
    before = profile_file.read_bytes()

    dry = run(received, "requests", "copy", ACME, "SIM-2026-0042", "--dry-run")
    no_terminal = run(received, "requests", "copy", ACME, "SIM-2026-0042")

    assert dry.exit_code == 0
    assert "~ Legal company name Atelier Exemple SARL Zoë & Fils [EU] SARL" in flat(
        dry.stdout
    )
    assert "•••••3782" in dry.stdout
    assert no_terminal.exit_code == 2
    assert "--yes" in no_terminal.stderr
    assert profile_file.read_bytes() == before


def test_copy_with_yes_moves_only_the_listed_fields(received, tmp_path):
    submitted(received, tmp_path)

    result = run(received, "requests", "copy", ACME, "SIM-2026-0042", "--yes")

    assert result.exit_code == 0
    assert "Copied 1 field(s) to the public profile." in result.stderr
    saved = tomllib.loads((received / "profile.toml").read_text("utf-8"))
    assert saved["company"] == dict(PUBLIC["company"], name="Zoë & Fils [EU] SARL")
    assert saved["identifiers"] == PUBLIC["identifiers"]
    assert saved["address"] == PUBLIC["address"]
    again = run(received, "requests", "copy", ACME, "SIM-2026-0042", "--yes")
    assert "already holds these answers" in again.stderr


def test_copy_a_draft_is_refused(received, tmp_path):
    run(
        received,
        "requests",
        "answer",
        ACME,
        "SIM-2026-0042",
        "--answers",
        answers_file(tmp_path, SIM_ANSWERS),
    )
    result = run(received, "requests", "copy", ACME, "SIM-2026-0042", "--yes")
    assert result.exit_code == 5
    assert "only submitted answers are copied" in result.stderr


# export


def test_export_is_the_same_bytes_each_time(received, tmp_path):
    run(
        received,
        "requests",
        "answer",
        ACME,
        "BANK-2025-0003",
        "--answers",
        str(BANK_ANSWERS),
        "--submit",
    )
    first, second = tmp_path / "first.toml", tmp_path / "second.toml"

    printed = run(received, "requests", "export", ACME, "BANK-2025-0003")
    run(received, "requests", "export", ACME, "BANK-2025-0003", "-o", str(first))
    run(received, "requests", "record", ACME, "BANK-2025-0003", "--approved")
    run(received, "requests", "export", ACME, "BANK-2025-0003", "-o", str(second))

    assert first.read_bytes() == second.read_bytes() == printed.stdout.encode()
    data = tomllib.loads(printed.stdout)
    assert data["format"] == 1 and data["revision"] == 1
    assert data["customer"] == ACME and data["id"] == "BANK-2025-0003"
    assert data["submitted"].tzinfo is not None
    assert data["answers"]["bank"]["iban"] == "FR7630006000011234567890189"
    assert list(data["answers"]) == ["bank", "remit_to"]


def test_export_a_request_never_submitted_is_refused(received):
    result = run(received, "requests", "export", ACME, "BANK-2025-0003")
    assert result.exit_code == 5
    assert "has no submitted answers to export" in result.stderr


def test_every_command_has_help():
    for command in requests_cli.app.registered_commands:
        assert command.callback.__doc__, command.name
        result = run(
            Path("unused"),
            "requests",
            command.name or command.callback.__name__,
            "--help",
        )
        assert result.exit_code == 0
        assert command.callback.__doc__.splitlines()[0] in result.stdout


def test_export_to_a_folder_is_refused_with_the_option_named(received, tmp_path):
    """Regression: `export -o FOLDER` ended in a traceback from os.replace."""
    submitted(received, tmp_path)
    folder = tmp_path / "out"
    folder.mkdir()

    result = run(
        received, "requests", "export", ACME, "SIM-2026-0042", "-o", str(folder)
    )

    assert result.exit_code == 2
    assert f"--output {folder}: is a folder" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(folder.iterdir()) == []


def test_export_to_stdout_is_utf8_whatever_the_locale(received, tmp_path):
    """Regression: with a non-UTF-8 stdout the response came out with backslash
    escapes such as "Zo\\xeb", which is not valid TOML."""
    submitted(received, tmp_path)
    render.out.cache_clear()
    render.err.cache_clear()

    result = CliRunner(charset="ascii").invoke(
        app,
        ["--profiles", str(received), "requests", "export", ACME, "SIM-2026-0042"],
        env=ENV,
        catch_exceptions=False,
    )

    assert result.exit_code == 0
    data = tomllib.loads(result.stdout_bytes.decode("utf-8"))
    assert data["answers"]["company"]["legal_name"] == "Zoë & Fils [EU] SARL"


@pytest.mark.parametrize("version", ["2", '"1"', "true"])
def test_an_answers_file_of_another_format_is_refused(received, tmp_path, version):
    """Regression: `format = 2` in an answers file was read as if it were 1."""
    path = answers_file(tmp_path, f"format = {version}\n" + SIM_ANSWERS)
    before = stored(received, "SIM-2026-0042")

    result = run(
        received, "requests", "answer", ACME, "SIM-2026-0042", "--answers", path
    )

    assert result.exit_code == 3
    assert f"{path}: 'format' must be 1" in result.stderr
    assert stored(received, "SIM-2026-0042") == before


def test_show_masks_the_remit_to_address_unless_asked(received, tmp_path):
    """Regression: `requests show` printed the remit-to address in full."""
    path = answers_file(
        tmp_path,
        SIM_ANSWERS.replace(
            "na = true",
            'street1 = "1 Main St"\ncity = "Springfield"\nregion = "IL"\n'
            'postal_code = "62701"\ncountry = "US"',
        ),
    )
    run(received, "requests", "answer", ACME, "SIM-2026-0042", "--answers", path)
    show = ("requests", "show", ACME, "SIM-2026-0042")

    text = run(received, *show).stdout
    data = json.loads(run(received, *show, "--json").stdout)
    private = json.loads(run(received, *show, "--json", "--show-private").stdout)

    assert "1 Main St" not in text and "Springfield" not in text
    assert "•••••n St" in text and "•2701" in text
    remit = next(s for s in data["sections"] if s["id"] == "remit_to")
    answers = {f["id"]: f["answer"] for f in remit["fields"]}
    assert answers["street1"] == "•••••n St"
    assert answers["country"] == "US"
    remit = next(s for s in private["sections"] if s["id"] == "remit_to")
    assert {f["id"]: f["answer"] for f in remit["fields"]}["street1"] == "1 Main St"


def test_copy_of_a_request_with_nothing_copyable_says_so(received, tmp_path):
    """Regression: copying the diversity survey said the public profile "already
    holds these answers", though none of them is ever copied."""
    path = answers_file(
        tmp_path, "[answers.diversity]\nwoman_owned = true\nminority_owned = false\n"
    )
    submit = ("requests", "answer", ACME, "DIV-2026-0007", "--answers", path)
    assert run(received, *submit, "--submit").exit_code == 0

    result = run(received, "requests", "copy", ACME, "DIV-2026-0007", "--dry-run")

    assert result.exit_code == 0
    assert result.stdout == ""
    assert flat(result.stderr) == (
        "DIV-2026-0007 answers none of the fields copied to the public profile "
        "(name, industry, description, website, bribery and corruption policy, "
        "address, primary contact, PO delivery email, DUNS); nothing to copy."
    )


def test_show_fits_each_history_row_on_a_line_of_80_columns(received, tmp_path):
    """Regression: at 80 columns every history row broke its time in two
    ("2026-12-04T06:04:38+" and "00:00" on the next line)."""
    submitted(received, tmp_path)
    render.out.cache_clear()
    render.err.cache_clear()

    result = CliRunner().invoke(
        app,
        ["--profiles", str(received), "requests", "show", ACME, "SIM-2026-0042"],
        env=ENV | {"COLUMNS": "80"},
        catch_exceptions=False,
    )

    history = result.stdout[result.stdout.index("History") :].splitlines()
    assert len(history) == 5  # title, header, rule, received, submitted
    assert re.fullmatch(
        r" \d{4}-\d\d-\d\d \d\d:\d\d UTC +received +requested +receive *",
        history[3],
    )
    assert re.fullmatch(
        r" \d{4}-\d\d-\d\d \d\d:\d\d UTC +requested +pending_approval +"
        r"answer --answers *",
        history[4],
    )


def test_ctrl_c_at_the_copy_question_changes_nothing_and_says_so(
    received, tmp_path, monkeypatch
):
    from supplier_cli import prompts, request_wizard
    from supplier_cli.errors import Interrupted

    submitted(received, tmp_path)
    before = (received / "profile.toml").read_bytes()

    def press_ctrl_c():
        raise Interrupted("Stopped.")

    monkeypatch.setattr(prompts, "require_terminal", lambda option: None)
    monkeypatch.setattr(request_wizard, "confirm_copy", press_ctrl_c)
    result = run(received, "requests", "copy", ACME, "SIM-2026-0042")

    assert result.exit_code == 130
    assert result.stderr == "Stopped; the public profile was not changed.\n"
    assert (received / "profile.toml").read_bytes() == before


def test_answering_a_declined_request_shows_the_customers_comment(
    received, tmp_path, monkeypatch
):
    """Regression: answering a declined request again did not say why the
    customer declined it; only `requests show` did."""
    from supplier_cli import prompts, request_wizard
    from supplier_cli.errors import Interrupted

    submitted(received, tmp_path)
    decline = ("--declined", "--comment", "Remit-to [IBAN] missing :x:")
    run(received, "requests", "record", ACME, "SIM-2026-0042", *decline)

    def stop(*args):
        raise Interrupted("Stopped.")

    monkeypatch.setattr(prompts, "require_terminal", lambda option: None)
    monkeypatch.setattr(request_wizard, "ask_form", stop)
    result = run(received, "requests", "answer", ACME, "SIM-2026-0042")

    assert result.exit_code == 130
    assert result.stderr.splitlines()[0] == (
        "Acme Manufacturing declined it: Remit-to [IBAN] missing :x:"
    )
