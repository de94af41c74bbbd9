"""Bad input suite: anything given to a validator or a reader, and broken store files.

Every validator (validation.py, banking.py), the request file parser and its value
check (requests.py), the answers check of a request (request_answers.py), the
onboarding answers-file reader and the setup answers reader are fed arbitrary text
and structures. The only outcome other than success is the project's own error
(a SupplierError) with a message; never another exception, which the user would
see as a traceback.

Every kind of store file (profile.toml, customer.toml, a request file, an entity
file) replaced by broken TOML, by valid TOML of the wrong shape, or by text in
another encoding gives exit code 3 and a message naming the file, through each
command that reads it. A UTF-8 byte order mark is accepted (README, "The store").
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
import tempfile
import tomllib
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supplier_cli import (
    banking,
    customers,
    onboarding,
    registry,
    request_answers,
    validation,
)
from supplier_cli import requests as forms
from supplier_cli.errors import SupplierError
from supplier_cli.storage import Store
from tests.conftest import REPO, copy_example, invoke, snapshot

EXAMPLE = REPO / "profiles"
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Words the readers give a meaning to, so that arbitrary input reaches past the
# first type check more often.
WORDS = (
    "FR", "US", "ES", "CA", "AU", "GB", "ZZ", "fr", "", " ", "N/A", "n/a", "company",
    "invoice_from", "entity", "yes", "no", "true", "cXML", "SFTP", "portal", "EUR",
    "69002", "150483782", "FR40303265045", "FR7630006000011234567890189",
    "AGRIFRPPXXX", "021000021", "zoe@atelier-exemple.fr", "https://example.com",
    "http://[x", "+33 4 72 10 20 30", "2026-01-31", "Atelier Exemple SARL", "RT-1",
    "Acme Manufacturing", "company.name", "remit_to", "address", "text", "choice",
    "10-49", "regional", "Woman-owned",
)
KEYS = (
    "format", "id", "customer", "title", "sent", "due", "sections", "fields",
    "label", "type", "required", "maps_to", "options", "show_if", "field",
    "equals", "in", "na", "country", "street1", "street2", "city", "region",
    "postal_code", "name", "contact", "legal_entity", "remit_to_code",
    "invoice_from", "remit_to", "ship_from", "codes", "method", "cxml_domain",
    "cxml_identity", "sftp_host", "sftp_user", "sftp_folder", "accept", "email",
    "account_holder", "iban", "bic", "currency", "account_number",
    "routing_number", "bank_name", "classification", "agency", "number", "issued",
    "expires", "file",
)
leaves = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.sampled_from(WORDS),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
)
anything = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner,
                        max_size=5),
    ),
    max_leaves=20,
)
tables = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)),
                         anything, max_size=6)
# For the checks of one value: known words and plain text as often as structures.
values = st.one_of(st.sampled_from(WORDS), st.text(), anything)
countries = st.one_of(
    st.sampled_from(["FR", "US", "ES", "DE", "GB", "CA", "AU", "BR", "GR", "JP"]),
    st.text(max_size=4),
)


def only_own_errors(call, *args) -> object:
    """`call(*args)`, which may fail only with a SupplierError that has a message."""
    try:
        return call(*args)
    except SupplierError as error:
        assert error.message.strip(), repr(error)
        return error


# Validators.

VALUE_CHECKS = sorted(
    name for name, check in validation.CHECKS.items()
    if name not in ("choice", "multi_choice", "list", "phone", "tax_id", "postal_code")
)


@pytest.mark.parametrize("kind", VALUE_CHECKS)
@SETTINGS
@given(value=values)
def test_value_checks_accept_or_refuse_anything(kind, value):
    only_own_errors(validation.CHECKS[kind], value)


@pytest.mark.parametrize("kind", ["phone", "tax_id", "postal_code"])
@SETTINGS
@given(value=values, country=st.one_of(st.none(), countries))
def test_checks_by_country_accept_or_refuse_anything(kind, value, country):
    only_own_errors(validation.CHECKS[kind], value, country)


@SETTINGS
@given(value=values, options=st.sampled_from(
    [registry.SIZE_BANDS, registry.MINORITY_TYPES, ("a", "b")]), most=st.integers(0, 5))
def test_choice_and_list_checks_accept_or_refuse_anything(value, options, most):
    only_own_errors(validation.check_choice, value, options)
    only_own_errors(validation.check_multi_choice, value, options)
    only_own_errors(validation.check_list, value, most)


@pytest.mark.parametrize("field", registry.FIELDS, ids=lambda f: f.key)
@SETTINGS
@given(value=values, country=st.one_of(st.none(), countries))
def test_every_profile_field_accepts_or_refuses_anything(field, value, country):
    only_own_errors(validation.check, field, value, country)


@SETTINGS
@given(address=st.one_of(tables, st.dictionaries(
    st.sampled_from(["street1", "street2", "city", "region", "postal_code",
                     "country", "na"]), anything)), required=st.booleans(),
    country=countries)
def test_address_checks_accept_or_refuse_anything(address, required, country):
    only_own_errors(validation.address_problems, address, required)
    only_own_errors(validation.address_required_parts, country)
    only_own_errors(validation.tax_id_notice, country)


@pytest.mark.parametrize("key", banking.KEYS)
@SETTINGS
@given(value=values, country=countries)
def test_bank_checks_accept_or_refuse_anything(key, value, country):
    only_own_errors(banking.check_part, key, value, country)
    only_own_errors(banking.fields, country)


@SETTINGS
@given(value=values, country=countries)
def test_bank_number_checks_accept_or_refuse_anything(value, country):
    only_own_errors(banking.compact, value)
    only_own_errors(banking.check_iban, value, country)
    only_own_errors(banking.check_bic, value, country)
    only_own_errors(banking.check_routing, value, country)
    only_own_errors(banking.check_account_number, value, country)
    only_own_errors(banking.check_currency, value)
    only_own_errors(banking.check_holder, value)


@SETTINGS
@given(account=st.one_of(anything, st.fixed_dictionaries(
    {"country": countries, "account_holder": anything},
    optional={key: anything for key in banking.KEYS
              if key not in ("country", "account_holder")})))
def test_a_bank_account_is_accepted_or_refused_whole(account):
    only_own_errors(banking.check_account, account)


# The request file parser, and answers to a request.

REQUEST_FILES = sorted((EXAMPLE / "requests").glob("acme-*-20??.toml"))


def load_toml(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def paths(node: object, prefix: tuple = ()) -> list[tuple]:
    """The path of every value in a TOML structure."""
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += paths(value, (*prefix, index))
    return found


def mutated(data: dict, draw, values=anything) -> dict:
    """A copy of `data` with one value replaced by anything, or removed."""
    result = copy.deepcopy(data)
    where = draw(st.sampled_from(paths(result)))
    node = result
    for key in where[:-1]:
        node = node[key]
    if isinstance(node, dict) and draw(st.booleans()):
        del node[where[-1]]
    else:
        node[where[-1]] = draw(values)
    return result


@SETTINGS
@given(data=st.one_of(anything, tables))
def test_the_request_parser_accepts_or_refuses_any_structure(data):
    only_own_errors(forms.parse, data, "request.toml")


@pytest.mark.parametrize("path", REQUEST_FILES, ids=lambda p: p.name)
@SETTINGS
@given(data=st.data())
def test_the_request_parser_refuses_any_change_of_a_request_file_cleanly(path, data):
    only_own_errors(forms.parse, mutated(load_toml(path), data.draw), path.name)


@pytest.mark.parametrize("path", REQUEST_FILES, ids=lambda p: p.name)
@SETTINGS
@given(data=st.data())
def test_answers_to_a_request_are_accepted_or_refused_whole(path, data):
    form = forms.parse(load_toml(path), path.name)
    ids = st.sampled_from([s.id for s in form.sections] + ["x"])
    fields = st.dictionaries(
        st.sampled_from(sorted({q.id for q in form.questions()} | {"na"})),
        anything, max_size=6)
    sections = st.dictionaries(ids, st.one_of(anything, fields), max_size=5)
    # What is stored is a table for each section (request_states.check_record).
    stored = st.dictionaries(ids, fields, max_size=5)
    answers = data.draw(st.one_of(anything, sections))
    country = data.draw(st.one_of(st.none(), countries))
    for complete in (False, True):
        only_own_errors(request_answers.check_answers, form, answers, country,
                        complete)
    if isinstance(answers, dict):
        merged = only_own_errors(request_answers.merge_answers, form,
                                 data.draw(stored), answers)
        only_own_errors(request_answers.check_answers, form, merged, country)
    question = data.draw(st.sampled_from(form.questions()))
    only_own_errors(forms.check_value, question, data.draw(anything), country)


# The onboarding answers file and the setup answers file.

ONBOARDING = load_toml(EXAMPLE / "onboarding-answers.toml")
profile_tables = st.dictionaries(
    st.one_of(st.sampled_from([*registry.SECTIONS, "customers", "format"]),
              st.text(max_size=8)),
    st.one_of(anything, st.dictionaries(
        st.sampled_from(sorted({f.name for f in registry.FIELDS})), anything,
        max_size=6)),
    max_size=6,
)


@SETTINGS
@given(answers=st.one_of(tables, profile_tables), start=st.booleans())
def test_the_onboarding_answers_reader_accepts_or_refuses_anything(answers, start):
    current = {} if start else Store(EXAMPLE).load_profile()[0]
    only_own_errors(onboarding.read_answers, current, answers, dt.date(2026, 12, 4))


@SETTINGS
@given(data=st.data())
def test_the_onboarding_answers_reader_refuses_any_change_cleanly(data):
    only_own_errors(onboarding.read_answers, {}, mutated(ONBOARDING, data.draw),
                    dt.date(2026, 12, 4))


def setup_context(country: str) -> tuple[dict, dict, dict]:
    """(customer, public profile, legal entities) of the example store, with the
    customer asking for every setup item and the supplier in `country`."""
    store = Store(EXAMPLE)
    record = store.customer("Acme Manufacturing")
    record["settings"]["setup"] = list(customers.SETUP_ITEMS)
    public, _ = store.load_profile()
    public["address"]["country"] = country
    return record, public, {e["name"]: e for e in store.entity_records()}


ITEM_KEYS = sorted(
    {f.name for fields in customers.ITEM_FIELDS.values() for f in fields}
    | {"legal_entity", "remit_to_code", "invoice_from", "remit_to", "ship_from"}
    | set(banking.KEYS)
)
setup_tables = st.dictionaries(
    st.one_of(st.sampled_from([*customers.SETUP_ITEMS, "format"]),
              st.text(max_size=8)),
    st.one_of(anything, st.dictionaries(st.sampled_from(ITEM_KEYS), anything,
                                        max_size=6)),
    max_size=5,
)


@pytest.mark.parametrize("country", ["FR", "ES"])
@SETTINGS
@given(answers=st.one_of(tables, setup_tables))
def test_the_setup_answers_reader_accepts_or_refuses_anything(country, answers):
    record, public, known = setup_context(country)
    only_own_errors(customers.read_setup_answers, record, public, answers, known)


# Broken store files, through the commands that read them.

STORE_FILES = {
    "profile": "profile.toml",
    "customer": "customers/acme-manufacturing-837fce9a/customer.toml",
    "request": "customers/acme-manufacturing-837fce9a/requests/"
    "sim-2026-0042-49fd01a8.toml",
    "entity": "entities/atelier-exemple-sarl-86567762.toml",
    "answered request": "customers/acme-manufacturing-837fce9a/requests/"
    "bank-2025-0003-3a89b781.toml",
}
READERS = {
    "profile": [
        ["profile", "show"], ["profile", "show", "--json"], ["profile", "get",
        "company.name"], ["profile", "validate"], ["customers", "show",
        "Acme Manufacturing"],
    ],
    "customer": [
        ["customers", "list"], ["customers", "list", "--json"],
        ["customers", "show", "Acme Manufacturing"],
        ["customers", "show", "Acme Manufacturing", "--json"],
        ["profile", "validate"],
    ],
    "request": [
        ["requests", "list", "--all"], ["requests", "list", "--json", "--all"],
        ["requests", "show", "Acme Manufacturing", "SIM-2026-0042"],
        ["requests", "show", "Acme Manufacturing", "SIM-2026-0042", "--json"],
        ["customers", "list"],
    ],
    "answered request": [
        ["requests", "show", "Acme Manufacturing", "BANK-2025-0003"],
        ["requests", "show", "Acme Manufacturing", "BANK-2025-0003", "--json"],
        ["requests", "export", "Acme Manufacturing", "BANK-2025-0003"],
        ["requests", "copy", "Acme Manufacturing", "BANK-2025-0003", "--dry-run"],
        ["requests", "list", "--all"], ["profile", "validate"],
    ],
    "entity": [
        ["entities", "list"], ["entities", "list", "--json"],
        ["entities", "show", "Atelier Exemple SARL"],
        ["entities", "show", "Atelier Exemple SARL", "--json"],
    ],
}
WRONG_SHAPES = {
    "answered request": [
        "format = 1\nstatus = 'approved'\nrevision = 1\napplied = true\n"
        "history = [1, 2]\nanswers = {}\n[request]\nid = 'BANK-2025-0003'\n",
        "format = 1\nstatus = 'approved'\nrevision = 'first'\n",
    ],
    "profile": ["format = 1\ncompany = 'Atelier'\n",
                "format = 1\n[company]\nname = ['a', 'b']\n",
                "format = 1\nupdated = 'yesterday'\n",
                "format = 1\n[[address]]\ncity = 'Lyon'\n"],
    "customer": ["format = 1\nname = 5\n",
                 "format = 1\nname = 'Acme Manufacturing'\nconnection = 'approved'\n",
                 "format = 1\nname = 'Acme Manufacturing'\n"
                 "[connection]\nstatus = 'approved'\nrequests = [2026-12-04]\n"
                 "[profile]\ncompany = 'Acme'\n",
                 "format = 1\nname = 'Acme Manufacturing'\nowners = 'Claire'\n"
                 "[connection]\nstatus = 'approved'\nrequests = [2026-12-04]\n"],
    "request": ["format = 1\nstatus = 'draft'\n",
                "format = 1\nstatus = 'draft'\nrevision = 1\napplied = false\n"
                "history = []\nanswers = {}\nrequest = 'SIM-2026-0042'\n",
                "format = 1\n[[request]]\nid = 'SIM-2026-0042'\n"],
    "entity": ["format = 1\nname = 'Atelier Exemple SARL'\n",
               "format = 1\nname = 'Atelier Exemple SARL'\ncountry = 'FR'\n"
               "bank_accounts = 'FR76'\n",
               "format = 1\nname = 'Atelier Exemple SARL'\ncountry = 'FR'\n"
               "invoice_from = 'Lyon'\n",
               "format = 1\nname = 'Atelier Exemple SARL'\ncountry = 'FR'\n"
               "[[remit_to]]\ncity = 'Lyon'\n"],
}


@pytest.fixture(scope="module")
def example_copy(tmp_path_factory) -> Path:
    return copy_example(tmp_path_factory.mktemp("bad-input"))


def check_readers(store: Path, kind: str, allowed: tuple = (3,)) -> None:
    """Each command that reads the `kind` of file exits with a code in `allowed`;
    with 3, its message names the file."""
    for args in READERS[kind]:
        result = invoke(store, *args)
        assert result.exit_code in allowed, (args, result.stdout, result.stderr)
        if result.exit_code == 3:
            assert str(store / STORE_FILES[kind]) in result.stderr, (args,
                                                                   result.stderr)
        assert "Traceback" not in result.stderr


def broken_variants(text: str) -> dict[str, bytes]:
    """A store file's text broken in each of the ways a file can be."""
    return {
        "broken TOML": text.replace("=", "", 1).encode(),
        "cut in the middle": text.encode()[: len(text) // 2],
        "BOM and broken TOML": b"\xef\xbb\xbf" + text.replace("]", "", 1).encode(),
        "UTF-16": text.encode("utf-16"),
        "Latin-1 with accents": (text + "\n# Zoë, Lyon, café\n").encode("latin-1",
                                                                      "replace"),
        "empty": b"",
        "a NUL byte": text.encode()[:20] + b"\x00" + text.encode()[20:],
    }


@pytest.mark.parametrize("kind", STORE_FILES)
def test_a_broken_store_file_is_named_with_exit_3(example_copy, kind):
    path = example_copy / STORE_FILES[kind]
    original = path.read_bytes()
    try:
        for content in broken_variants(original.decode("utf-8")).values():
            path.write_bytes(content)
            check_readers(example_copy, kind)
        for text in WRONG_SHAPES[kind]:
            path.write_text(text, encoding="utf-8")
            check_readers(example_copy, kind)
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("kind", STORE_FILES)
def test_a_store_file_with_a_byte_order_mark_reads_as_without(example_copy, kind):
    path = example_copy / STORE_FILES[kind]
    original = path.read_bytes()
    plain = [invoke(example_copy, *args) for args in READERS[kind]]
    try:
        path.write_bytes(b"\xef\xbb\xbf" + original)
        marked = [invoke(example_copy, *args) for args in READERS[kind]]
    finally:
        path.write_bytes(original)
    for args, before, after in zip(READERS[kind], plain, marked):
        assert before.exit_code == 0, (args, before.stderr)
        assert (after.exit_code, after.stdout) == (0, before.stdout), args


@pytest.mark.parametrize("kind", STORE_FILES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_value_of_a_store_file_changed_is_read_or_refused_naming_it(
    example_copy, kind, data
):
    path = example_copy / STORE_FILES[kind]
    original = path.read_bytes()
    changed = mutated(tomllib.loads(original.decode()), data.draw,
                      anything.filter(lambda v: v is not None))
    try:
        path.write_text(tomli_w.dumps(changed), encoding="utf-8")
    except (TypeError, ValueError):
        return
    try:
        # Read as it is, or refused: bad data naming the file (3), a problem
        # listed by profile validate (1), a name no longer found (4), an action
        # the changed state does not allow (5).
        check_readers(example_copy, kind, (0, 1, 3, 4, 5))
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("where", ["a file", "a folder under a file"])
def test_a_store_folder_that_is_a_file_is_refused_when_writing(tmp_path, where):
    afile = tmp_path / "notes.txt"
    afile.write_text("not a store\n")
    store = afile if where == "a file" else afile / "store"

    result = invoke(store, "profile", "set", "company.name", "Atelier")

    assert result.exit_code == 2
    assert f"{store}: cannot be the store folder" in result.stderr
    assert afile.read_text() == "not a store\n"


# The answers files, through the commands that read them.

ANSWERS_FILES = {
    "onboard": (["onboard", "--answers"], profile_tables),
    "setup": (["customers", "setup", "Acme Manufacturing", "--answers"],
              setup_tables),
    "request": (["requests", "answer", "Acme Manufacturing", "SIM-2026-0042",
                 "--submit", "--answers"],
                st.fixed_dictionaries({"answers": st.one_of(anything, tables)})),
}


@pytest.mark.parametrize("command", ANSWERS_FILES)
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_answers_file_is_taken_whole_or_refused_with_nothing_written(
    tmp_path, command, data
):
    args, answers = ANSWERS_FILES[command]
    try:
        text = tomli_w.dumps(data.draw(answers))
    except (TypeError, ValueError):
        return
    work = Path(tempfile.mkdtemp(dir=tmp_path))
    store = copy_example(work)
    path = work / "answers.toml"
    path.write_text(text, encoding="utf-8")
    before = snapshot(store)

    result = invoke(store, *args, str(path))

    assert result.exit_code in (0, 1, 3), (result.stdout, result.stderr)
    if result.exit_code:
        assert result.stderr.strip()
        after = snapshot(store)
        after.pop(".lock", None)  # the lock taken to read and write
        assert after == before
    shutil.rmtree(work)


INPUT_FILES = {
    "request file": (["requests", "receive"],
                     EXAMPLE / "requests" / "acme-supplier-update-2026.toml"),
    "onboarding answers": (["onboard", "--answers"],
                           EXAMPLE / "onboarding-answers.toml"),
    "setup answers": (["customers", "setup", "Acme Manufacturing", "--answers"],
                      None),
    "request answers": (["requests", "answer", "Acme Manufacturing",
                         "BANK-2025-0003", "--answers"],
                        EXAMPLE / "requests" / "acme-bank-details-2025-answers.toml"),
}
SETUP_TEXT = '[virtual_card]\naccept = true\nemail = "cartes@atelier-exemple.fr"\n'


@pytest.mark.parametrize("kind", INPUT_FILES)
def test_a_broken_input_file_is_named_with_exit_3_and_nothing_written(
    tmp_path, kind
):
    args, source = INPUT_FILES[kind]
    store = copy_example(tmp_path)
    before = snapshot(store)
    text = source.read_text(encoding="utf-8") if source else SETUP_TEXT
    given = tmp_path / "given.toml"

    for name, content in broken_variants(text).items():
        if name == "empty":
            continue  # valid TOML: no answers, judged as such
        given.write_bytes(content)
        result = invoke(store, *args, str(given))
        assert result.exit_code == 3, (name, result.stderr)
        assert str(given) in result.stderr, (name, result.stderr)
        after = snapshot(store)
        after.pop(".lock", None)
        assert after == before, name
