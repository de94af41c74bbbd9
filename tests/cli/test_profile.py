"""`supplier profile ...`, `path`, `--version` and the help of every command,
run in-process on a temporary store."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import tomllib
import unicodedata
from itertools import takewhile
from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplier_cli import registry
from supplier_cli.cli import app
from tests.conftest import CLI_ENV

PROFILE_TOML = """\
format = 1
updated = 2026-01-31 09:00:00+00:00

[onboarding]
completed = [1, 2]

[contact]
first_name = "Zoë"
last_name = "株式会社サンプル"
email = "zoe@atelier-exemple.fr"

[company]
name = "[bold]Zoë & Fils [EU] SARL"
description = "Line one: [red]not red[/red] :smile: and שלום"
year_established = 2009
corruption_policy = false

[address]
country = "FR"
street1 = "12 rue de l'Exemple"
city = "Lyon"
postal_code = "69002"

[identifiers]
tax_id = "FR40303265045"
duns = "012345678"

[service_areas]
served = ["FR", "BE"]

[verification]
enrolled = true
badge_expires = 2027-06-30
"""


@pytest.fixture
def filled(store_dir) -> Path:
    """A store holding PROFILE_TOML; returns the profile file."""
    store_dir.mkdir(mode=0o700)
    path = store_dir / "profile.toml"
    path.write_text(PROFILE_TOML, encoding="utf-8")
    path.chmod(0o600)
    return path


def unwrapped(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces: messages
    on stderr wrap at the terminal width."""
    return " ".join(text.split())


def table(*rows: str) -> str:
    return "".join(row + "\n" for row in rows)


# profile show


def test_show_masks_private_values_and_prints_user_text_exactly(supplier, filled):
    result = supplier("profile", "show")

    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == (
        "Completeness █████████░░░░░░░░░░░ 43%  (updated 2026-01-31T09:00:00+00:00)\n"
        "\n"
        + table(
            "Contact                             ",
            " First name  Zoë                    ",
            " Last name   株式会社サンプル       ",
            " Email       zoe@atelier-exemple.fr ",
        )
        + "\n"
        + table(
            "Company                                                                             ",
            " Legal company name                   [bold]Zoë & Fils [EU] SARL                    ",
            " Year established                     2009                                          ",
            " Full description                     Line one: [red]not red[/red] :smile: and שלום ",
            " Has a bribery and corruption policy  no                                            ",
        )
        + "\n"
        + table(
            "Address                           ",
            " Country      FR                  ",
            " Street       12 rue de l'Exemple ",
            " City         Lyon                ",
            " Postal code  69002               ",
        )
        + "\n"
        + table(
            "Identifiers                 ",
            " Tax ID       •••••••••5045 ",
            " DUNS number  •••••5678     ",
        )
        + "\n"
        + table(
            "Service areas                        ",
            " Countries or regions served  FR, BE ",
        )
        + "\n"
        + table(
            "Verification                                        ",
            " Takes part in a verification programme  yes        ",
            " Verification badge expiry               2027-06-30 ",
        )
    )


def test_show_folds_a_long_value_and_never_cuts_it(supplier, filled):
    website = "https://" + "very-long-subdomain-" * 6 + "atelier-exemple.fr/" + "x" * 40
    assert supplier("profile", "set", "company.website", website).exit_code == 0

    result = supplier("profile", "show")

    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(" Website"))
    folded = takewhile(lambda line: line.startswith("   "), lines[start + 1 :])
    pieces = [lines[start].removeprefix(" Website").strip()]
    pieces += [line.strip() for line in folded]
    assert len(pieces) > 1
    assert "".join(pieces) == website
    assert all(len(line) <= 100 for line in lines)


def test_show_private_prints_identifiers_whole(supplier, filled):
    result = supplier("profile", "show", "--show-private")

    assert result.exit_code == 0
    assert (
        table(
            "Identifiers                 ",
            " Tax ID       FR40303265045 ",
            " DUNS number  012345678     ",
        )
        in result.stdout
    )
    assert "•" not in result.stdout


def test_show_of_an_empty_store_writes_nothing(supplier, store_dir):
    result = supplier("profile", "show")

    assert result.exit_code == 0
    assert result.stdout == ("Completeness ░░░░░░░░░░░░░░░░░░░░ 0%  (updated never)\n")
    # Regression: a new user saw the empty bar and nothing to say what to do.
    assert result.stderr == (
        "The public profile is empty; build it with `supplier onboard`.\n"
    )
    assert not store_dir.exists()


EXPECTED_JSON = {
    "contact": {
        "first_name": "Zoë",
        "last_name": "株式会社サンプル",
        "email": "zoe@atelier-exemple.fr",
    },
    "company": {
        "name": "[bold]Zoë & Fils [EU] SARL",
        "year_established": 2009,
        "description": "Line one: [red]not red[/red] :smile: and שלום",
        "corruption_policy": False,
    },
    "address": {
        "country": "FR",
        "street1": "12 rue de l'Exemple",
        "city": "Lyon",
        "postal_code": "69002",
    },
    "service_areas": {"served": ["FR", "BE"]},
    "verification": {"enrolled": True, "badge_expires": "2027-06-30"},
}


def test_show_json_is_nested_by_field_keys_without_private_fields(supplier, filled):
    result = supplier("profile", "show", "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == EXPECTED_JSON
    assert "5045" not in result.stdout


def test_show_json_with_private_fields(supplier, filled):
    result = supplier("profile", "show", "--json", "--show-private")

    data = json.loads(result.stdout)
    assert data["identifiers"] == {"tax_id": "FR40303265045", "duns": "012345678"}
    assert {k: v for k, v in data.items() if k != "identifiers"} == EXPECTED_JSON


def test_show_of_a_broken_file_names_it_and_exits_3(supplier, store_dir):
    store_dir.mkdir(mode=0o700)
    (store_dir / "profile.toml").write_text("format = 1\n[company]\nname = \n")

    result = supplier("profile", "show")

    assert result.exit_code == 3
    assert result.stdout == ""
    assert unwrapped(result.stderr) == unwrapped(
        f"Error: {store_dir / 'profile.toml'}: is not valid TOML: Invalid value (at "
        "line 3, column 8). Fix the file at that line, or restore it from a backup."
    )


# profile get


@pytest.mark.parametrize(
    ("key", "printed"),
    [
        ("company.name", "[bold]Zoë & Fils [EU] SARL\n"),
        ("contact.last_name", "株式会社サンプル\n"),
        ("identifiers.duns", "•••••5678\n"),
        ("address.postal_code", "69002\n"),
        ("service_areas.served", "FR\nBE\n"),
        ("company.corruption_policy", "no\n"),
        ("verification.badge_expires", "2027-06-30\n"),
        ("company.website", ""),
    ],
)
def test_get_prints_the_value_as_plain_text(supplier, filled, key, printed):
    result = supplier("profile", "get", key)

    assert result.exit_code == 0
    assert result.stdout == printed
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("company.name", "[bold]Zoë & Fils [EU] SARL"),
        ("identifiers.duns", "•••••5678"),
        ("company.year_established", 2009),
        ("service_areas.served", ["FR", "BE"]),
        ("company.corruption_policy", False),
        ("verification.badge_expires", "2027-06-30"),
        ("company.website", None),
    ],
)
def test_get_json(supplier, filled, key, value):
    result = supplier("profile", "get", key, "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == value


@pytest.mark.parametrize("json", [[], ["--json"]])
def test_get_show_private_prints_a_private_field_whole(supplier, filled, json):
    result = supplier("profile", "get", "identifiers.duns", "--show-private", *json)

    assert result.exit_code == 0
    assert result.stdout == ('"012345678"\n' if json else "012345678\n")


def test_get_follows_aliases(supplier, filled):
    supplier("profile", "set", "company.industry", "Métallerie")
    result = supplier("profile", "get", "categories.industry")
    assert result.stdout == "Métallerie\n"


def test_get_unknown_key_exits_4(supplier, filled):
    result = supplier("profile", "get", "company.shoe_size")

    assert result.exit_code == 4
    assert result.stdout == ""
    assert result.stderr == (
        "Error: There is no profile field 'company.shoe_size'.\n"
        "The keys of company are company.name, company.website, company.size, "
        "company.year_established, company.description, company.po_email, "
        "company.corruption_policy, company.corruption_policy_text, "
        "company.industry.\n"
    )


def test_get_key_of_an_unknown_section_names_the_sections(supplier, filled):
    """Regression: the hint said `profile show --json` lists every key, but it
    lists only the fields that hold a value (none in a new store)."""
    result = supplier("profile", "get", "name")

    assert result.exit_code == 4
    assert result.stderr.splitlines()[1] == (
        "A key is a section and a field, such as company.name; the sections are "
        "contact, company, address, identifiers, service_areas, diversity, "
        "categories, verification."
    )


# profile set


def test_set_checks_stores_and_prints_nothing(supplier, store_dir):
    assert supplier("profile", "set", "address.country", "france").exit_code == 0
    assert (
        supplier("profile", "set", "contact.phone_work", "04 72 10 20 30").stdout == ""
    )
    supplier("profile", "set", "identifiers.duns", "012-345-678")
    supplier("profile", "set", "company.name", "Zoe\u0308 & Fils [EU]")
    supplier("profile", "set", "categories.products", "Brackets, Flanges")

    data = tomllib.loads((store_dir / "profile.toml").read_text())
    assert data["format"] == 1
    assert {k: v for k, v in data.items() if k not in ("format", "updated")} == {
        "address": {"country": "FR"},
        "contact": {"phone_work": "+33472102030"},
        "identifiers": {"duns": "012345678"},
        "company": {"name": "Zo\u00eb & Fils [EU]"},
        "categories": {"products": ["Brackets", "Flanges"]},
    }
    assert 'duns = "012345678"' in (store_dir / "profile.toml").read_text()


def test_set_an_empty_value_clears_the_field(supplier, filled):
    result = supplier("profile", "set", "company.year_established", "")

    assert result.exit_code == 0
    data = tomllib.loads(filled.read_text())
    assert "year_established" not in data["company"]


def test_set_verbose_says_where_it_wrote(supplier, store_dir):
    result = supplier("-v", "profile", "set", "company.name", "A")

    assert unwrapped(result.stderr) == (
        f"Saved company.name in {store_dir / 'profile.toml'}."
    )


@pytest.mark.parametrize(
    ("key", "value", "why"),
    [
        # Regression: a reason ending in a full stop was printed with two.
        (
            "contact.email",
            "no-at-sign",
            "not a valid email address: An email address must have an @-sign.",
        ),
        (
            "identifiers.duns",
            "12345",
            "a DUNS number is exactly nine digits, such as 150483782.",
        ),
        (
            "identifiers.tax_id",
            "FR40303265046",
            (
                "not a valid FR tax ID (TVA): The "
                "number's checksum or check digit is invalid."
            ),
        ),
        (
            "company.size",
            "huge",
            (
                "expected one of: self-employed, 2-9, 10-49, 50-99, "
                "100-249, 250-499, 500-999, 1000-5000, 5000+."
            ),
        ),
        ("contact.first_name", " ", "required."),
    ],
)
def test_set_invalid_value_exits_1_naming_the_key_and_changes_nothing(
    supplier, filled, key, value, why
):
    before = filled.read_bytes()

    result = supplier("profile", "set", key, value)

    assert result.exit_code == 1
    assert result.stdout == ""
    assert unwrapped(result.stderr) == f"Error: {key}: {why}"
    assert filled.read_bytes() == before


def test_set_unknown_key_exits_4_and_writes_nothing(supplier, store_dir):
    result = supplier("profile", "set", "company.shoe_size", "44")

    assert result.exit_code == 4
    assert result.stderr.startswith(
        "Error: There is no profile field 'company.shoe_size'.\n"
    )
    assert not store_dir.exists()


def test_set_certificates_points_to_onboard(supplier, store_dir):
    result = supplier("profile", "set", "diversity.certificates", "x.pdf")

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: diversity.certificates: certificates are added with `supplier "
        "onboard --step 5`.\n"
    )
    assert not store_dir.exists()


def test_set_keeps_the_store_owner_only(supplier, filled, store_dir):
    filled.chmod(0o644)
    supplier("profile", "set", "company.name", "A")
    assert filled.stat().st_mode & 0o777 == 0o600
    assert store_dir.stat().st_mode & 0o777 == 0o700
    assert sorted(p.name for p in store_dir.iterdir()) == [".lock", "profile.toml"]


def test_set_on_a_full_disk_exits_7_and_keeps_the_old_file(
    supplier, filled, store_dir, monkeypatch
):
    """Regression: a write the system refused ended in an OSError traceback."""
    before = filled.read_bytes()

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = supplier("profile", "set", "company.name", "Zoë & Fils [EU] SARL")
    monkeypatch.undo()

    assert result.exit_code == 7
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {filled}: could not be written (No space left on device); the file "
        "was left as it was.\nFree some disk space or fix the folder's permissions, "
        "then run the command again.\n"
    )
    assert filled.read_bytes() == before
    assert sorted(p.name for p in store_dir.iterdir()) == [".lock", "profile.toml"]


# profile validate


def test_validate_a_valid_store(supplier, filled):
    result = supplier("profile", "validate")

    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "The store is valid.\n"


def test_validate_an_empty_store(supplier, store_dir):
    assert supplier("profile", "validate").exit_code == 0


def test_validate_lists_each_problem(supplier, filled):
    text = filled.read_text()
    text = text.replace('email = "zoe@atelier-exemple.fr"', 'email = "zoe"')
    text = text.replace('city = "Lyon"\n', "")
    # In step 3, not completed: a wrong value there is still a problem.
    text = text.replace("year_established = 2009", "year_established = 1200")
    filled.write_text(text)

    result = supplier("profile", "validate")

    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert unwrapped("\n".join(lines[:-3])) == f"Error: {filled}: 3 problem(s)."
    this_year = dt.date.today().year
    assert lines[-3:] == [
        (
            "  - contact.email: not a valid email address: An email address must have "
            "an @-sign."
        ),
        (
            f"  - company.year_established: expected a year from 1600 to {this_year}, "
            "such as 1998"
        ),
        "  - address.city: required for an address in FR",
    ]


def test_validate_a_wrong_shaped_file_exits_3(supplier, filled):
    # Regression: `onboarding = 3` ended in a traceback.
    filled.write_text("format = 1\nonboarding = 3\n")

    result = supplier("profile", "validate")

    assert result.exit_code == 3
    assert unwrapped(result.stderr) == (
        f"Error: {filled}: key 'onboarding' must be a table with the completed steps, "
        "such as completed = [1, 2]."
    )


def test_validate_a_newer_format_exits_3(supplier, filled):
    filled.write_text("format = 2\n")

    result = supplier("profile", "validate")

    assert result.exit_code == 3
    assert unwrapped(result.stderr) == (
        f"Error: {filled}: was written in format 2, newer than this version of "
        "supplier reads (1). Upgrade supplier to read it."
    )


# path, --version, warnings, help


def test_path_prints_the_store_folder(supplier, store_dir):
    result = supplier("path")
    assert result.stdout == f"{store_dir}\n"
    assert not store_dir.exists()


def test_path_without_option_uses_the_variable_then_the_user_data_folder(
    tmp_path, monkeypatch
):
    from typer.testing import CliRunner

    runner = CliRunner()
    env = dict(CLI_ENV, SUPPLIER_PROFILES=str(tmp_path / "env-store"))
    assert runner.invoke(app, ["path"], env=env).stdout == f"{tmp_path / 'env-store'}\n"
    data_home = os.environ["XDG_DATA_HOME"]
    assert runner.invoke(app, ["path"], env=CLI_ENV).stdout == (
        f"{Path(data_home) / 'supplier'}\n"
    )


def test_version(supplier):
    from supplier_cli import __version__

    result = supplier("--version")
    assert result.exit_code == 0
    assert result.stdout == f"supplier {__version__}\n"


def test_a_store_others_can_read_gets_a_warning(supplier, filled, store_dir):
    store_dir.chmod(0o755)

    result = supplier("profile", "get", "company.name")

    assert result.stdout == "[bold]Zoë & Fils [EU] SARL\n"
    assert unwrapped(result.stderr) == (
        f"Warning: others may read {store_dir}; run `chmod 700 {store_dir}`."
    )


def walk(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from walk(sub, (*path, name))


COMMANDS = list(walk(typer.main.get_command(app)))


@pytest.mark.parametrize(
    ("path", "command"), COMMANDS, ids=[" ".join(p) or "supplier" for p, _ in COMMANDS]
)
def test_every_command_has_help(supplier, path, command):
    assert (command.help or "").strip(), f"`supplier {' '.join(path)}` has no help"
    first_line = command.help.strip().splitlines()[0]

    result = supplier(*path, "--help")

    assert result.exit_code == 0
    assert result.stdout.startswith(f"Usage: supplier {' '.join(path)}".rstrip())
    assert " ".join(first_line.split()) in " ".join(result.stdout.split())


def test_every_option_has_help():
    missing = [
        f"supplier {' '.join(path)} {param.name}"
        for path, command in COMMANDS
        for param in command.params
        if param.param_type_name == "option" and not param.help
    ]
    assert missing == []


def test_a_stdout_that_cannot_encode_the_text_does_not_crash(filled, store_dir):
    env = dict(os.environ, PYTHONIOENCODING="ascii", **CLI_ENV)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "supplier_cli",
            "--profiles",
            str(store_dir),
            "profile",
            "get",
            "contact.last_name",
        ],
        capture_output=True,
        check=False,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0
    assert (
        result.stdout == b"\\u682a\\u5f0f\\u4f1a\\u793e\\u30b5\\u30f3\\u30d7\\u30eb\n"
    )


# Text survives the store, and parallel changes lose nothing.

TEXT_FIELDS = [
    f.key
    for f in registry.FIELDS
    if f.type in ("text", "long_text") and not f.show_if and not f.private
]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(TEXT_FIELDS), text=st.text(min_size=1).filter(str.strip))
def test_any_text_survives_save_reload_and_show_json(supplier, filled, key, text):
    section, name = key.split(".")

    result = supplier("profile", "set", "--", key, text)

    assert result.exit_code == 0, result.stderr
    shown = json.loads(supplier("profile", "show", "--json").stdout)
    assert shown[section][name] == unicodedata.normalize("NFC", text)
    with filled.open("rb") as stream:
        assert tomllib.load(stream)[section][name] == unicodedata.normalize("NFC", text)


def test_parallel_profile_set_processes_lose_no_update(filled, store_dir):
    values = {key: f"value {n} of {key} [é]" for n, key in enumerate(TEXT_FIELDS)}
    env = dict(os.environ, **CLI_ENV)
    command = [sys.executable, "-m", "supplier_cli", "--profiles", str(store_dir)]

    running = [
        subprocess.Popen([*command, "profile", "set", "--", key, value], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for key, value in values.items()
    ]
    outcomes = [(p.wait(timeout=60), p.stderr.read()) for p in running]

    assert outcomes == [(0, "")] * len(values)
    saved = tomllib.loads(filled.read_text(encoding="utf-8"))
    assert {key: saved[key.split(".")[0]][key.split(".")[1]] for key in values} == values


def test_an_argument_that_is_not_utf8_is_refused_and_nothing_is_written(
    supplier, filled
):
    """Pins a traceback (UnicodeEncodeError) when the shell passed Latin-1 bytes,
    which Python keeps as surrogates, and they reached the TOML writer."""
    before = filled.read_bytes()

    result = supplier("profile", "set", "company.name", "Caf\udce9")

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: The argument 'Caf\ufffd' is not valid UTF-8 text.\n"
        "Set your terminal to UTF-8, or type the value again.\n"
    )
    assert filled.read_bytes() == before


def test_set_a_field_its_condition_hides_is_refused(supplier, store_dir):
    """Regression: `profile set diversity.minority_type other` was kept without
    minority-owned, a value the wizard never asks and validate never checks."""
    result = supplier("profile", "set", "diversity.minority_type", "other")

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: diversity.minority_type: asked only when diversity.minority_owned "
        "is yes; change that first.\n"
    )
    assert not (store_dir / "profile.toml").exists()


def test_set_an_answer_that_hides_a_field_clears_it_and_says_so(supplier, store_dir):
    """Regression: after `profile set diversity.minority_owned no` the profile
    still showed the minority type."""
    supplier("profile", "set", "diversity.minority_owned", "yes")
    supplier("profile", "set", "diversity.minority_type", "other")

    result = supplier("profile", "set", "diversity.minority_owned", "no")

    assert result.exit_code == 0
    assert result.stderr == (
        "Cleared diversity.minority_type, which is asked only when "
        "diversity.minority_owned is yes.\n"
    )
    saved = tomllib.loads((store_dir / "profile.toml").read_text("utf-8"))
    assert saved["diversity"] == {"minority_owned": False}


def test_validate_finds_a_policy_without_its_text(supplier, store_dir):
    """Regression: a policy set to yes without its text was called valid."""
    supplier("profile", "set", "company.corruption_policy", "yes")

    result = supplier("profile", "validate")

    assert result.exit_code == 1
    assert "  - company.corruption_policy_text: required" in result.stderr
