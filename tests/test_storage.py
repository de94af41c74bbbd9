"""The store: atomic owner-only TOML files, format versions, clear errors, slugs."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import stat
import time
import tomllib
from pathlib import Path

import pytest
from filelock import FileLock

from supplier_cli import storage
from supplier_cli.errors import (
    BadDataFile,
    CannotWrite,
    InvalidValue,
    NotFound,
    StoreBusy,
)
from supplier_cli.storage import Store

PROFILE = {
    "company": {"name": "Atelier Exemple SARL", "year_established": 2009},
    "identifiers": {"duns": "012345678"},
}


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def bad_data(call) -> str:
    with pytest.raises(BadDataFile) as caught:
        call()
    return caught.value.message


# Where the store lives.


def test_root_is_the_option_then_the_variable_then_the_user_data_folder(
    monkeypatch, tmp_path
):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert storage.resolve_root(None) == tmp_path / "data" / "supplier"
    monkeypatch.setenv("SUPPLIER_PROFILES", str(tmp_path / "from-env"))
    assert storage.resolve_root(None) == tmp_path / "from-env"
    assert storage.resolve_root(str(tmp_path / "opt")) == tmp_path / "opt"


def test_root_expands_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert storage.resolve_root("~/store") == tmp_path / "store"


# Saving and loading the public profile.


def test_profile_round_trip_keeps_identifiers_as_strings(store_dir):
    store = Store(store_dir)
    store.save_profile(PROFILE, {"onboarding": {"completed": [1, 2]}})

    data, meta = Store(store_dir).load_profile()
    assert data == PROFILE
    assert meta["format"] == 1
    assert meta["onboarding"] == {"completed": [1, 2]}
    assert isinstance(meta["updated"], dt.datetime)
    assert meta["updated"].tzinfo is not None
    text = store.profile_path.read_text()
    assert text.startswith("format = 1\nupdated = ")
    assert 'duns = "012345678"' in text


def test_missing_profile_loads_empty_and_writes_nothing(store_dir):
    assert Store(store_dir).load_profile() == ({}, {})
    assert not store_dir.exists()


def test_files_are_0600_and_folders_0700_across_saves(store_dir):
    store = Store(store_dir / "nested" / "deeper")
    store.save_profile(PROFILE, {})
    assert mode(store.profile_path) == 0o600
    assert mode(store.root) == 0o700
    assert mode(store.root.parent) == 0o700

    os.chmod(store.profile_path, 0o644)
    store.save_profile(PROFILE, {})
    store.save_profile(PROFILE, {})
    assert mode(store.profile_path) == 0o600
    assert mode(store.root) == 0o700
    with store.locked():
        assert mode(store.root / ".lock") == 0o600


def test_write_leaves_no_temp_file(store_dir):
    store = Store(store_dir)
    for _ in range(3):
        store.save_profile(PROFILE, {})
    assert sorted(p.name for p in store_dir.iterdir()) == ["profile.toml"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_failure_during_write_keeps_the_old_file(store_dir, monkeypatch, failing):
    store = Store(store_dir)
    store.save_profile(PROFILE, {})
    before = store.profile_path.read_bytes()

    def crash(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, crash)
    changed = {"company": {"name": "Something else entirely"}}
    with pytest.raises(CannotWrite, match="profile.toml: could not be written "
                       r"\(No space left on device\); the file was left as it was"):
        store.save_profile(changed, {})
    monkeypatch.undo()

    assert store.profile_path.read_bytes() == before
    assert sorted(p.name for p in store_dir.iterdir()) == ["profile.toml"]


def test_temp_file_left_by_a_killed_process_is_cleaned_on_next_save(store_dir):
    store = Store(store_dir)
    store.save_profile(PROFILE, {})
    write(store_dir / ".profile.toml.abc123.tmp", "format = 1\n[company]\nna")
    store.save_profile(PROFILE, {})
    assert sorted(p.name for p in store_dir.iterdir()) == ["profile.toml"]


def test_file_with_a_utf8_bom_loads(store_dir):
    write(
        store_dir / "profile.toml",
        '\ufeffformat = 1\n[company]\nname = "Zoë & Fils"\n'.encode(),
    )
    data, _ = Store(store_dir).load_profile()
    assert data == {"company": {"name": "Zoë & Fils"}}


def test_broken_toml_names_the_file_line_and_column(store_dir):
    path = write(store_dir / "profile.toml", "format = 1\n[company]\nname = \n")
    with pytest.raises(BadDataFile) as caught:
        Store(store_dir).load_profile()
    assert caught.value.message == (
        f"{path}: is not valid TOML: Invalid value (at line 3, column 8)."
    )
    assert (
        caught.value.hint == "Fix the file at that line, or restore it from a backup."
    )
    assert caught.value.exit_code == 3


def test_non_utf8_file_says_so(store_dir):
    path = write(store_dir / "profile.toml", b'format = 1\n[company]\nname = "\xe9"\n')
    with pytest.raises(BadDataFile) as caught:
        Store(store_dir).load_profile()
    assert caught.value.message == f"{path}: is not UTF-8 text (byte 29)."
    assert caught.value.hint == "Save the file as UTF-8 and try again."


def test_unreadable_path_is_bad_data(store_dir):
    (store_dir / "profile.toml").mkdir(parents=True)
    assert bad_data(Store(store_dir).load_profile).startswith(
        f"{store_dir / 'profile.toml'}: cannot be read ("
    )


def test_read_toml_of_a_missing_file_is_not_found(tmp_path):
    with pytest.raises(NotFound) as caught:
        storage.read_toml(tmp_path / "nope.toml")
    assert caught.value.message == f"{tmp_path / 'nope.toml'}: no such file."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[company]\nname = 'x'\n", "has no 'format' key."),
        (
            "format = 2\n",
            "was written in format 2, newer than this version of supplier reads (1).",
        ),
        ("format = 'one'\n", "key 'format' must be a whole number, such as 1."),
        ("format = 0\n", "key 'format' must be a whole number, such as 1."),
        ("format = true\n", "key 'format' must be a whole number, such as 1."),
        (
            "format = 1\n[company]\nshoe = 42\n",
            "key 'company.shoe' is not a profile field.",
        ),
        (
            "format = 1\n[wallet]\niban = 'x'\n",
            "'wallet' is not a section of the profile.",
        ),
        ("format = 1\nwallet = 3\n", "'wallet' is not a section of the profile."),
        (
            "format = 1\n[company]\nyear_established = '2009'\n",
            "key 'company.year_established' holds a str, not a year value.",
        ),
        (
            "format = 1\n[identifiers]\nduns = 12345678\n",
            "key 'identifiers.duns' holds a int, not a duns value.",
        ),
        (
            "format = 1\n[company]\ncorruption_policy = 'yes'\n",
            "key 'company.corruption_policy' holds a str, not a boolean value.",
        ),
        (
            "format = 1\n[company]\nname = true\n",
            "key 'company.name' holds a bool, not a text value.",
        ),
        (
            "format = 1\n[categories]\nproducts = 'a'\n",
            "key 'categories.products' holds a str, not a list value.",
        ),
        # Regression: a wrong-shaped onboarding or updated entry was not refused and
        # ended in a traceback in `profile validate` and `onboard`.
        (
            "format = 1\nonboarding = 3\n",
            (
                "key 'onboarding' must be a table with "
                "the completed steps, such as completed = [1, 2]."
            ),
        ),
        (
            "format = 1\n[onboarding]\ncompleted = 'x'\n",
            (
                "key 'onboarding' must be a "
                "table with the completed steps, such as completed = [1, 2]."
            ),
        ),
        (
            "format = 1\n[onboarding]\ncompleted = [1, 9]\n",
            (
                "key 'onboarding' must "
                "be a table with the completed steps, such as completed = [1, 2]."
            ),
        ),
        (
            "format = 1\nupdated = 'yesterday'\n",
            "key 'updated' must be a date and time, such as 2026-01-31 09:00:00+00:00.",
        ),
    ],
)
def test_bad_profile_file_names_the_file_and_the_key(store_dir, text, expected):
    path = write(store_dir / "profile.toml", text)
    assert bad_data(Store(store_dir).load_profile) == f"{path}: {expected}"


def test_newer_format_says_to_upgrade(store_dir):
    write(store_dir / "profile.toml", "format = 7\n")
    with pytest.raises(BadDataFile) as caught:
        Store(store_dir).load_profile()
    assert caught.value.hint == "Upgrade supplier to read it."


# The lock.


def test_lock_is_reentrant_within_a_command(store_dir):
    store = Store(store_dir)
    with store.locked(), store.locked():
        store.save_profile(PROFILE, {})
    assert store.load_profile()[0] == PROFILE


def test_lock_held_elsewhere_gives_store_busy(store_dir, monkeypatch):
    monkeypatch.setattr(storage, "LOCK_TIMEOUT", 0.1)
    store_dir.mkdir(mode=0o700)
    with FileLock(store_dir / ".lock"), pytest.raises(StoreBusy) as caught:
        with Store(store_dir).locked():
            pytest.fail("the lock was taken twice")
    assert caught.value.message == (
        f"{store_dir}: another supplier command is changing the store."
    )
    assert caught.value.exit_code == 6


def test_a_lock_file_the_system_refuses_is_reported_naming_it(store_dir, monkeypatch):
    """Regression: with no room left for the lock file (a full disk or no free
    inodes), every changing command ended in an OSError traceback."""
    store = Store(store_dir)
    store.save_profile(PROFILE, {})
    before = store.profile_path.read_bytes()
    real_open = os.open

    def refuse_lock(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise OSError(28, "No space left on device", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_lock)
    with pytest.raises(CannotWrite) as caught:
        with store.locked():
            store.save_profile({"company": {"name": "Something else"}}, {})
    monkeypatch.undo()

    assert caught.value.message == (
        f"{store_dir / '.lock'}: the store's lock file could not be created "
        "(No space left on device); nothing was changed."
    )
    assert caught.value.exit_code == 7
    assert store.profile_path.read_bytes() == before


def test_an_error_inside_the_lock_is_not_taken_for_a_lock_error(store_dir):
    store = Store(store_dir)
    with pytest.raises(OSError, match="inside"), store.locked():
        raise OSError(5, "inside")
    with store.locked():
        store.save_profile(PROFILE, {})


def test_loose_permissions_are_noticed(store_dir):
    store = Store(store_dir)
    assert not store.loose_permissions()
    store.save_profile(PROFILE, {})
    assert not store.loose_permissions()
    os.chmod(store_dir, 0o755)
    assert store.loose_permissions()


# Certificates.


def test_certificate_is_copied_with_its_sha256(store_dir, tmp_path):
    source = write(tmp_path / "src" / "weconnect 2025.pdf", b"%PDF-1.4 certificate")
    digest = hashlib.sha256(b"%PDF-1.4 certificate").hexdigest()

    stored, sha = Store(store_dir).add_certificate(str(source))

    assert sha == digest
    assert stored == f"certificates/{digest[:16]}-weconnect 2025.pdf"
    assert (store_dir / stored).read_bytes() == b"%PDF-1.4 certificate"
    assert mode(store_dir / stored) == 0o600
    assert mode(store_dir / "certificates") == 0o700
    assert sorted(p.name for p in (store_dir / "certificates").iterdir()) == [
        Path(stored).name
    ]
    assert source.exists()


def test_missing_certificate_is_refused_and_nothing_is_written(store_dir, tmp_path):
    with pytest.raises(InvalidValue) as caught:
        Store(store_dir).add_certificate(str(tmp_path / "nope.pdf"))
    assert caught.value.message == f"{tmp_path / 'nope.pdf'}: no such file"
    with pytest.raises(InvalidValue):
        Store(store_dir).add_certificate(str(tmp_path))
    assert not store_dir.exists()


# Customers and their folder names.


def test_customer_round_trip(store_dir):
    store = Store(store_dir)
    record = {
        "name": "Acme [EU] Manufacturing",
        "connection": {"status": "pending", "requests": [dt.date(2026, 6, 1)]},
    }
    store.save_customer(record)
    loaded = store.load_customer("Acme [EU] Manufacturing")
    assert isinstance(loaded.pop("updated"), dt.datetime)
    assert loaded == {"format": 1} | record
    assert store.load_customer("Someone else") is None
    assert store.customer_names() == ["Acme [EU] Manufacturing"]
    path = store.customer_path("Acme [EU] Manufacturing")
    assert path.parent.parent == store.customers_dir
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700


def test_customer_file_without_a_name_is_bad_data(store_dir):
    path = write(store_dir / "customers" / "x" / "customer.toml", "format = 1\n")
    assert bad_data(Store(store_dir).customer_names) == (
        f"{path}: key 'name' must be the customer's name."
    )


def test_customer_file_of_a_newer_format_is_refused(store_dir):
    store = Store(store_dir)
    path = write(store.customer_path("Acme"), "format = 2\nname = 'Acme'\n")
    assert bad_data(lambda: store.load_customer("Acme")).startswith(
        f"{path}: was written in format 2"
    )


@pytest.mark.parametrize(
    ("name", "readable"),
    [
        ("Acme Manufacturing", "acme-manufacturing"),
        ("Zoë & Fils [EU] SARL", "zoe-fils-eu-sarl"),
        ("../x", "x"),
        ("../../etc/passwd", "etc-passwd"),
        ("/abs/path", "abs-path"),
        ("..", "customer"),
        (".", "customer"),
        ("株式会社サンプル", "customer"),
        ("a\\b:c*d?e", "a-b-c-d-e"),
        ("x" * 200, "x" * 40),
    ],
)
def test_slug_is_a_safe_readable_folder_name(name, readable):
    slug = storage.slug(name)
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    assert slug == f"{readable}-{digest}"
    assert Path(slug).name == slug
    assert not slug.startswith(".")


@pytest.mark.parametrize(
    "names",
    [
        ("Acme", "ACME", "acme", "Acme!", "Acme."),
        ("Zoë & Fils", "Zoe & Fils", "Zoe Fils", "zoe-fils"),
        ("株式会社サンプル", "株式会社テスト", ""),
    ],
)
def test_names_that_slug_alike_get_distinct_folders(names):
    slugs = {storage.slug(name) for name in names}
    assert len(slugs) == len(names)


def test_slug_is_the_same_for_composed_and_decomposed_accents():
    assert storage.slug("Zo\u00eb") == storage.slug("Zoe\u0308")


def test_path_tricks_stay_inside_the_customers_folder(store_dir):
    store = Store(store_dir)
    for name in ("../x", "../../escape", "/tmp/abs", "..", "a/../../b"):
        store.save_customer({"name": name})
        path = store.customer_path(name).resolve()
        assert path.parent.parent == store.customers_dir.resolve()
    assert sorted(store.customer_names()) == sorted(
        ["../x", "../../escape", "/tmp/abs", "..", "a/../../b"]
    )
    assert sorted(p.name for p in store_dir.iterdir()) == ["customers"]


def test_written_toml_is_plain_toml(store_dir):
    Store(store_dir).save_profile(PROFILE, {})
    data = tomllib.loads((store_dir / "profile.toml").read_text())
    assert data["company"] == PROFILE["company"]


# Reading for the listings: request heads and customer records.

FORM = {
    "id": "SIM-2026-0042",
    "customer": "Acme [EU] Manufacturing",
    "title": "Update [2026]",
    "sent": dt.date(2026, 11, 20),
    "due": dt.date(2026, 12, 20),
    "sections": [
        {
            "id": "company",
            "title": "Company",
            "fields": [{"id": "note", "label": "Note", "type": "long_text"}],
        }
    ],
}
NOTE = "[request]\nid = 'not this'\n[[history]]\n"
WHEN = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.timezone.utc)


def records_in_every_state() -> list[dict]:
    from supplier_cli import request_states as states

    answers = {"company": {"note": NOTE}}
    requested = states.new_record(FORM, WHEN)
    submitted = states.submit(requested, answers, WHEN, "answer")
    approved = states.transition(submitted, "approve", WHEN, "record --approved")
    return [
        requested,
        states.save_answers(requested, answers, WHEN, "answer"),
        submitted,
        states.transition(submitted, "decline", WHEN, "record --declined", "No."),
        approved,
        states.transition(approved, "apply", WHEN, "record --applied"),
    ]


@pytest.mark.parametrize("record", records_in_every_state(), ids=lambda r: r["status"])
def test_a_request_head_holds_the_records_state_without_its_sections(store_dir, record):
    store = Store(store_dir)
    store.save_request(record)

    [(path, head)] = store.request_heads()

    assert path == store.request_path(FORM["customer"], FORM["id"])
    assert head == {
        "status": record["status"],
        "revision": record["revision"],
        "applied": record["applied"],
        "request": {k: v for k, v in FORM.items() if k != "sections"},
    }


TOP = 'format = 1\nstatus = "draft"\nrevision = 2\napplied = false\n'
REQUEST = '[request]\nid = "X-1"\ncustomer = "Acme"\ntitle = "T"\nsent = 2026-11-20\n'
SECTIONS = '[[request.sections]]\nid = "s"\ntitle = "S"\nfields = []\n'


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(TOP + REQUEST + SECTIONS + "[answers]\n", id="as written"),
        pytest.param(TOP + SECTIONS + REQUEST, id="request table after its sections"),
        pytest.param(
            TOP + REQUEST.replace('"T"', "'''T\n[answers]\n'''") + SECTIONS,
            id="a title with a line that looks like a table",
        ),
    ],
)
def test_a_hand_written_request_head_holds_what_the_whole_file_holds(store_dir, text):
    path = write(store_dir / "customers" / "acme" / "requests" / "x-1.toml", text)
    whole = tomllib.loads(text)

    [(found, head)] = Store(store_dir).request_heads()

    assert found == path
    assert head == {
        "status": whole["status"],
        "revision": whole["revision"],
        "applied": whole["applied"],
        "request": {k: v for k, v in whole["request"].items() if k != "sections"},
    }
    assert head["status"] == "draft" and head["revision"] == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("format = 1\nstatus = \n" + REQUEST, "is not valid TOML"),
        (TOP + REQUEST + SECTIONS + "[answers\n", "is not valid TOML"),
        (TOP.replace("format = 1", "format = 2") + REQUEST + SECTIONS, "format 2"),
        (TOP + REQUEST + SECTIONS + '[answers]\nx = "\xff"\n', "is not UTF-8"),
    ],
)
def test_a_request_file_that_cannot_be_read_names_the_file(store_dir, text, expected):
    """Broken after its head too: the listings read each changed file whole."""
    path = write(
        store_dir / "customers" / "acme" / "requests" / "x-1.toml",
        text.encode("utf-8").replace(b"\xc3\xbf", b"\xff"),
    )

    message = bad_data(lambda: list(Store(store_dir).request_heads()))

    assert message.startswith(f"{path}: ") and expected in message


def test_request_heads_of_one_customer(store_dir):
    store = Store(store_dir)
    for customer in ("Acme", "Nordwind"):
        store.save_request(states_record(customer))

    assert [h["request"]["customer"] for _, h in store.request_heads("Nordwind")] == [
        "Nordwind"
    ]
    assert len(list(store.request_heads())) == 2


def states_record(customer: str) -> dict:
    from supplier_cli import request_states as states

    return states.new_record(FORM | {"customer": customer}, WHEN)


def test_customer_records_are_the_records_customer_gives(store_dir):
    store = Store(store_dir)
    for name in ("Zoë & Fils [EU] SARL", "Acme", "株式会社サンプル"):
        store.save_customer(
            {"name": name, "connection": {"status": "pending", "requests": []}}
        )

    records = list(store.customer_records())

    assert records == [store.customer(name) for name in store.customer_names()]
    assert len(records) == 3


def test_customer_records_refuse_a_customer_file_of_the_wrong_shape(store_dir):
    path = write(
        store_dir / "customers" / "acme" / "customer.toml",
        'format = 1\nname = "Acme"\nconnection = "approved"\n',
    )

    message = bad_data(lambda: list(Store(store_dir).customer_records()))

    assert message == f"{path}: key 'connection' must be a table ([connection])."


# What the listings remember of request files (.cache/requests/).


@pytest.fixture
def later(monkeypatch):
    """Listings run ten seconds after the files were written, so they remember them."""
    real = storage.time.time_ns
    monkeypatch.setattr(
        storage, "time", type("Clock", (), {"time_ns": lambda: real() + 10**10})
    )


def cache_of(store: Store, customer: str) -> Path:
    return store.root / ".cache" / "requests" / f"{storage.slug(customer)}.json"


def heads(store: Store) -> list[dict]:
    return [head for _, head in store.request_heads()]


def test_a_listing_remembers_the_heads_and_uses_them_while_files_are_unchanged(
    store_dir, later, monkeypatch
):
    store = Store(store_dir)
    for record in records_in_every_state()[:3]:
        store.save_request(record | {"request": FORM | {"id": record["status"]}})
    first = heads(store)

    def unread(path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(storage, "_read_head", unread)

    assert heads(store) == first
    assert [h["request"]["id"] for h in first] == ["draft", "pending_approval",
                                                   "requested"]
    cache = cache_of(store, FORM["customer"])
    assert mode(cache) == 0o600
    assert mode(cache.parent) == mode(cache.parent.parent) == 0o700
    assert list(cache.parent.iterdir()) == [cache]


def test_a_file_edited_by_hand_is_read_again_even_with_its_size_and_mtime_kept(
    store_dir, later
):
    store = Store(store_dir)
    path = store.save_request(records_in_every_state()[0])
    assert heads(store)[0]["request"]["title"] == "Update [2026]"
    before = path.stat()
    time.sleep(0.05)

    with open(path, "r+b") as stream:
        text = stream.read()
        stream.seek(0)
        stream.write(text.replace(b"Update [2026]", b"Update [2027]"))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))

    assert (path.stat().st_size, path.stat().st_mtime_ns) == (
        before.st_size,
        before.st_mtime_ns,
    )
    assert heads(store)[0]["request"]["title"] == "Update [2027]"


def test_a_file_changed_just_before_a_listing_is_not_remembered(store_dir):
    store = Store(store_dir)
    store.save_request(records_in_every_state()[0])

    assert heads(store)[0]["status"] == "requested"
    assert not (store_dir / ".cache").exists()


def test_removed_files_are_forgotten_and_new_ones_read(store_dir, later):
    store = Store(store_dir)
    first = store.save_request(records_in_every_state()[0])
    heads(store)
    first.unlink()
    store.save_request(records_in_every_state()[0] | {"request": FORM | {"id": "B"}})

    assert [h["request"]["id"] for h in heads(store)] == ["B"]
    cache = json.loads(cache_of(store, FORM["customer"]).read_text())
    assert list(cache["heads"]) == [store.request_path(FORM["customer"], "B").name]


@pytest.mark.parametrize(
    "broken",
    [
        b"not json",
        b'{"format": 1, "heads": []}',
        b'{"format": 1, "heads": {"NAME": [[1, 2, 3, 4], {"status": {"date": "x"}}]}}',
        b'{"format": 99, "heads": {}}',
    ],
)
def test_a_broken_cache_is_read_past_and_written_again(store_dir, later, broken):
    store = Store(store_dir)
    path = store.save_request(records_in_every_state()[0])
    expected = heads(store)
    cache = cache_of(store, FORM["customer"])
    stamp = path.stat()
    cache.write_bytes(
        broken.replace(b"NAME", path.name.encode()).replace(
            b"[1, 2, 3, 4]",
            json.dumps(
                [stamp.st_ino, stamp.st_size, stamp.st_mtime_ns, stamp.st_ctime_ns]
            ).encode(),
        )
    )

    assert heads(store) == expected
    assert json.loads(cache.read_text())["format"] == 1
    assert heads(store) == expected


def test_a_store_that_cannot_be_written_to_is_still_listed(
    store_dir, later, monkeypatch
):
    store = Store(store_dir)
    store.save_request(records_in_every_state()[0])

    def read_only(folder):
        raise PermissionError(13, "Permission denied", str(folder))

    monkeypatch.setattr(storage, "make_dir", read_only)

    assert heads(store)[0]["status"] == "requested"
    assert not (store_dir / ".cache").exists()


def test_a_listing_removes_what_a_killed_listing_left_of_a_cache_write(
    store_dir, later
):
    store = Store(store_dir)
    store.save_request(records_in_every_state()[0])
    heads(store)
    cache = cache_of(store, FORM["customer"])
    left = write(cache.with_name(f".{cache.name}.4242.tmp"), b'{"format": 1, "he')

    assert heads(store)[0]["status"] == "requested"
    assert not left.exists()
    assert list(cache.parent.iterdir()) == [cache]
