"""All file I/O of the store: TOML files read with tomllib, written atomically with
tomli-w, owner-only, under a lock, each with a format version.

Layout of a store folder:

    profile.toml                  the public profile and onboarding progress
    certificates/<hash>-<name>    diversity certificate files (hash: SHA-256, 16 digits)
    customers/<slug>/customer.toml
    entities/<slug>.toml          legal entities
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import tempfile
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from supplier_cli import registry
from supplier_cli.errors import (
    BadDataFile,
    CannotWrite,
    InvalidValue,
    NotFound,
    Refused,
    StoreBusy,
    UsageError,
)

FORMAT = 1
LOCK_TIMEOUT = 10.0
FILE_MODE = 0o600
DIR_MODE = 0o700


def default_root() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("supplier", appauthor=False))


def resolve_root(option: str | None) -> Path:
    """The store folder: --profiles, else $SUPPLIER_PROFILES, else the user data folder."""
    chosen = option or os.environ.get("SUPPLIER_PROFILES")
    return Path(chosen).expanduser() if chosen else default_root()


def read_toml(path: Path) -> dict:
    """A TOML file's data; BadDataFile naming the file and the line on any problem."""
    import tomllib

    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file.") from None
    except OSError as error:
        raise BadDataFile(f"{path}: cannot be read ({error.strerror}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadDataFile(
            f"{path}: is not UTF-8 text (byte {error.start}).",
            hint="Save the file as UTF-8 and try again.",
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadDataFile(
            f"{path}: is not valid TOML: {error}.",
            hint="Fix the file at that line, or restore it from a backup.",
        ) from None


def write_toml(path: Path, data: dict) -> None:
    """Write `data` to `path` atomically: the old or the new file, never a part."""
    import tomli_w

    write_bytes(path, tomli_w.dumps(data).encode("utf-8"))


def write_bytes(path: Path, content: bytes) -> None:
    """Write `content` to `path` atomically, through a temporary file that is
    owner-only from its creation; temporary files a killed process left for the
    same path are removed first. CannotWrite when the system refuses, such as
    when the disk is full: the old file is then left as it was."""
    try:
        make_dir(path.parent)
        for stale in path.parent.glob(f".{path.name}.*.tmp"):
            stale.unlink(missing_ok=True)
        handle, temp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
        )
    except OSError as error:
        raise _cannot_write(path, error) from None
    try:
        os.fchmod(handle, FILE_MODE)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp, path)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from None
        raise
    _fsync_dir(path.parent)


def _cannot_write(path: Path, error: OSError) -> CannotWrite:
    return CannotWrite(
        f"{path}: could not be written ({error.strerror or error}); "
        "the file was left as it was.",
        hint="Free some disk space or fix the folder's permissions, then run the "
        "command again.",
    )


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_dir(folder: Path) -> None:
    """Create `folder` and any missing parents, each owner-only."""
    if folder.is_dir():
        return
    make_dir(folder.parent)
    try:
        folder.mkdir(mode=DIR_MODE)
    except FileExistsError:
        if not folder.is_dir():
            raise


def check_format(path: Path, data: dict) -> None:
    version = data.get("format")
    if version is None:
        raise BadDataFile(
            f"{path}: has no 'format' key.",
            hint=f"Add the line 'format = {FORMAT}' at the top of the file.",
        )
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BadDataFile(f"{path}: key 'format' must be a whole number, such as 1.")
    if version > FORMAT:
        raise BadDataFile(
            f"{path}: was written in format {version}, newer than this version of "
            f"supplier reads ({FORMAT}).",
            hint="Upgrade supplier to read it.",
        )


_TYPES = {
    "boolean": (bool,),
    "year": (int,),
    "number": (int, float),
    "date": (dt.date,),
    "list": (list,),
    "multi_choice": (list,),
    "certificates": (list,),
}


def check_profile_meta(path: Path, meta: dict) -> None:
    """Refuse an `updated` or `onboarding` entry that the commands would trip over."""
    if "updated" in meta and not isinstance(meta["updated"], dt.datetime):
        raise BadDataFile(
            f"{path}: key 'updated' must be a date and time, "
            "such as 2026-01-31 09:00:00+00:00."
        )
    onboarding = meta.get("onboarding", {})
    steps = onboarding.get("completed", []) if isinstance(onboarding, dict) else None
    if not isinstance(steps, list) or not all(
        type(step) is int and step in registry.STEP_TITLES for step in steps
    ):
        raise BadDataFile(
            f"{path}: key 'onboarding' must be a table with the completed steps, "
            "such as completed = [1, 2]."
        )


def check_profile_shape(path: Path, sections: dict, prefix: str = "") -> None:
    """Refuse a profile file with an unknown key or a value of the wrong type; a
    customer profile's keys are named with the prefix "profile."."""
    for section, table in sections.items():
        if section not in registry.SECTIONS or not isinstance(table, dict):
            raise BadDataFile(
                f"{path}: '{section}' is not a section of the profile.",
                hint="Sections are: " + ", ".join(registry.SECTIONS) + ".",
            )
        for name, value in table.items():
            key = f"{prefix}{section}.{name}"
            field = registry.BY_KEY.get(f"{section}.{name}")
            if field is None:
                raise BadDataFile(f"{path}: key '{key}' is not a profile field.")
            expected = _TYPES.get(field.type, (str,))
            wrong_bool = isinstance(value, bool) and bool not in expected
            if not isinstance(value, expected) or wrong_bool:
                raise BadDataFile(
                    f"{path}: key '{key}' holds a {type(value).__name__}, "
                    f"not a {field.type} value.",
                    hint="Fix it by hand."
                    if prefix
                    else "Fix it by hand, or set it again with `supplier profile set`.",
                )
            if field.type in ("list", "multi_choice"):
                _check_items(path, key, value, (str,), "texts")
            if field.type == "certificates":
                _check_items(path, key, value, (dict,), "tables ([[...]])")
                for number, entry in enumerate(value, start=1):
                    _check_certificate(path, f"{key}[{number}]", entry)


def _check_items(path: Path, key: str, items: list, kinds: tuple, what: str) -> None:
    if not all(isinstance(item, kinds) for item in items):
        raise BadDataFile(f"{path}: key '{key}' must be a list of {what}.")


def _check_certificate(path: Path, key: str, entry: dict) -> None:
    for name, value in entry.items():
        dates = name in ("issued", "expires")
        if dates and (isinstance(value, dt.datetime) or not isinstance(value, dt.date)):
            raise BadDataFile(f"{path}: key '{key}.{name}' must be a date.")
        if not dates and not isinstance(value, str):
            raise BadDataFile(f"{path}: key '{key}.{name}' must be text.")


def slug(name: str) -> str:
    """A safe folder name for a customer: readable, and distinct for distinct names."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    readable = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "customer"
    digest = hashlib.sha256(unicodedata.normalize("NFC", name).encode()).hexdigest()
    return f"{readable}-{digest[:8]}"


def _same_name(known: str, name: str) -> bool:
    return known.strip().casefold() == name.strip().casefold()


def _one_of(what: str, name: str, same: list[str]) -> str | None:
    """The one name of `same` (names matching `name` ignoring case), or None;
    Refused when there are several, as nothing tells which one is meant."""
    if len(same) > 1:
        raise Refused(
            f"'{name.strip()}' names more than one {what} when case is ignored: "
            + ", ".join(f"'{n}'" for n in sorted(same)) + ".",
            hint="Give the name as one of them spells it.",
        )
    return same[0] if same else None


class Store:
    """One store folder; every read and write of the tool goes through it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._lock = None
        self.verbose = False

    @property
    def profile_path(self) -> Path:
        return self.root / "profile.toml"

    @property
    def customers_dir(self) -> Path:
        return self.root / "customers"

    @property
    def certificates_dir(self) -> Path:
        return self.root / "certificates"

    def loose_permissions(self) -> bool:
        """True when others may read the store folder."""
        return self.root.is_dir() and bool(self.root.stat().st_mode & 0o077)

    @contextlib.contextmanager
    def locked(self):
        """Hold the store's lock around a read-modify-write."""
        from filelock import FileLock, Timeout

        try:
            make_dir(self.root)
        except OSError as error:  # such as a --profiles that names a file
            raise UsageError(
                f"{self.root}: cannot be the store folder ({error.strerror}).",
                hint="Give --profiles (or SUPPLIER_PROFILES) a folder you can write "
                "to.",
            ) from None
        if self._lock is None:
            self._lock = FileLock(self.root / ".lock", timeout=LOCK_TIMEOUT, mode=FILE_MODE)
        try:
            self._lock.acquire()
        except Timeout:
            raise StoreBusy(
                f"{self.root}: another supplier command is changing the store.",
                hint="Wait for it to finish, then try again.",
            ) from None
        except OSError as error:  # no room for the lock file, or no permission
            raise CannotWrite(
                f"{self.root / '.lock'}: the store's lock file could not be created "
                f"({error.strerror or error}); nothing was changed.",
                hint="Free some disk space or fix the folder's permissions, then run "
                "the command again.",
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    # The public profile.

    def load_profile(self) -> tuple[dict, dict]:
        """(profile, meta): the profile sections, and `updated` and `onboarding`."""
        if not self.profile_path.exists():
            return {}, {}
        data = read_toml(self.profile_path)
        check_format(self.profile_path, data)
        meta = {k: data.pop(k) for k in ("format", "updated", "onboarding") if k in data}
        check_profile_meta(self.profile_path, meta)
        check_profile_shape(self.profile_path, data)
        return data, meta

    def save_profile(self, profile: dict, meta: dict) -> None:
        meta = dict(meta, updated=dt.datetime.now(dt.timezone.utc).replace(microsecond=0))
        meta["format"] = FORMAT
        ordered = {k: meta[k] for k in ("format", "updated", "onboarding") if k in meta}
        write_toml(self.profile_path, ordered | profile)

    def add_certificate(self, source: str) -> tuple[str, str]:
        """Copy a certificate file into the store: (its path in the store, SHA-256)."""
        target, digest = self._copy_in(source, self.certificates_dir)
        return str(target.relative_to(self.root)), digest

    def _copy_in(self, source: str, folder: Path) -> tuple[Path, str]:
        """Copy a file into `folder`, named by its checksum: (its path, SHA-256).
        InvalidValue names the source when it is missing or unreadable."""
        path = Path(source).expanduser()
        try:
            content = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            raise InvalidValue(f"{source}: no such file") from None
        except OSError as error:
            raise InvalidValue(f"{source}: cannot be read ({error.strerror})") from None
        digest = hashlib.sha256(content).hexdigest()
        target = folder / f"{digest[:16]}-{path.name}"
        if not target.exists():
            # Copies are made under the store's lock: any temporary file here was
            # left by a copy that was killed.
            for stale in folder.glob(".*.tmp"):
                stale.unlink(missing_ok=True)
            write_bytes(target, content)
        return target, digest

    # Customers.

    def customer_path(self, name: str) -> Path:
        return self.customers_dir / slug(name) / "customer.toml"

    def load_customer(self, name: str) -> dict | None:
        path = self.customer_path(name)
        if not path.exists():
            return None
        data = read_toml(path)
        check_format(path, data)
        return data

    def save_customer(self, record: dict) -> None:
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        record = {k: v for k, v in record.items() if k != "format"} | {"updated": now}
        write_toml(self.customer_path(record["name"]), {"format": FORMAT} | record)

    def customer_names(self) -> list[str]:
        names = []
        for path in sorted(self.customers_dir.glob("*/customer.toml")):
            data = read_toml(path)
            check_format(path, data)
            if not isinstance(data.get("name"), str):
                raise BadDataFile(f"{path}: key 'name' must be the customer's name.")
            names.append(data["name"])
        return names

    # Information requests: customers/<slug>/requests/<slug of id>.toml, and the
    # files their answers attach under customers/<slug>/files/.

    def requests_dir(self, customer: str) -> Path:
        return self.customers_dir / slug(customer) / "requests"

    def request_path(self, customer: str, request_id: str) -> Path:
        return self.requests_dir(customer) / f"{slug(request_id)}.toml"

    def load_request(self, customer: str, request_id: str) -> dict | None:
        """The stored record of a request (without its `format`), or None."""
        path = self.request_path(customer, request_id)
        if not path.exists():
            return None
        return self._read_request(path)

    def _read_request(self, path: Path) -> dict:
        data = read_toml(path)
        check_format(path, data)
        data.pop("format")
        return data

    def save_request(self, record: dict) -> Path:
        request = record["request"]
        path = self.request_path(request["customer"], request["id"])
        write_toml(path, {"format": FORMAT} | record)
        return path

    def request_heads(self, customer: str | None = None) -> Iterator[tuple[Path, dict]]:
        """(path, head) of every stored request, or of one customer's, one at a time.

        A head is what the listings need: `status`, `revision`, `applied` and the
        request's `id`, `customer`, `title`, `sent` and `due`. A file is read whole,
        so a broken one is always reported, and its head remembered in .cache/ for
        the next listings while the file stays unchanged (see _REMEMBER)."""
        started = time.time_ns()
        if customer:
            folders = [self.requests_dir(customer)]
        else:
            folders = sorted(self.customers_dir.glob("*/requests"))
            _forget_unfinished_caches(self.root / ".cache" / "requests")
        for folder in folders:
            yield from self._heads_in(folder, started)

    def _heads_in(self, folder: Path, started: int) -> Iterator[tuple[Path, dict]]:
        cache = self.root / ".cache" / "requests" / f"{folder.parent.name}.json"
        known = _read_cache(cache)
        kept = {}
        for path in sorted(folder.glob("*.toml")):
            stamp = _stamp(path)
            entry = known.get(path.name)
            head = _decode_head(entry[1]) if entry and entry[0] == stamp else None
            if head is not None:
                kept[path.name] = entry
            else:
                head = _read_head(path)
                settled = bool(stamp) and max(stamp[2:]) < started - _SETTLE_NS
                encoded = _encode_head(head)
                if settled and encoded is not None and _stamp(path) == stamp:
                    kept[path.name] = [stamp, encoded]
            yield path, head
        if kept != known:
            _write_cache(cache, kept)

    def customer_profile(self, name: str) -> dict:
        """The customer profile of `name` (empty when it has none of its own)."""
        record = self.load_customer(name) or {}
        data = record.get("profile", {})
        return data if isinstance(data, dict) else {}

    def add_answer_file(self, customer: str, source: str) -> str:
        """Copy a file an answer attaches into the store; its path in the store."""
        target, _ = self._copy_in(source, self.customers_dir / slug(customer) / "files")
        return str(target.relative_to(self.root))

    @staticmethod
    def toml_text(data: dict) -> str:
        """`data` as the TOML text write_toml would write."""
        import tomli_w

        return tomli_w.dumps(data)

    def write_file(self, path: Path, data: dict) -> None:
        """Write a TOML file outside the store (an exported response)."""
        write_toml(path, data)

    # Customers as whole records, and legal entities (entities/<slug>.toml).

    def customer(self, name: str) -> dict:
        """A customer's record, by its name (exact, else ignoring case and the
        spaces around it if only one matches, Refused if several do); NotFound
        says how to list them."""
        record = self.load_customer(name)
        if record is None:
            same = [n for n in self.customer_names() if _same_name(n, name)]
            if _one_of("customer", name, same) is not None:
                name, record = same[0], self.load_customer(same[0])
        if record is None:
            raise NotFound(
                f"There is no customer '{name}'.",
                hint="See your customers with `supplier customers list`, or connect "
                "one with `supplier customers connect NAME --contact EMAIL`.",
            )
        check_customer_shape(self.customer_path(name), record)
        record.pop("format", None)
        return record

    def customer_records(self) -> Iterator[dict]:
        """Every customer's record, one at a time, each file read once."""
        for path in sorted(self.customers_dir.glob("*/customer.toml")):
            record = read_toml(path)
            check_format(path, record)
            check_customer_shape(path, record)
            record.pop("format")
            yield record

    @property
    def entities_dir(self) -> Path:
        return self.root / "entities"

    def entity_path(self, name: str) -> Path:
        return self.entities_dir / f"{slug(name)}.toml"

    def load_entity(self, name: str) -> dict | None:
        path = self.entity_path(name)
        if not path.exists():
            return None
        return self._read_entity(path)

    def find_entity(self, name: str) -> dict | None:
        """A legal entity by its name: exact, else ignoring case if only one
        matches (Refused if several do); None if none does."""
        entity = self.load_entity(name)
        if entity is None:
            same = [e for e in self.entity_records() if _same_name(e["name"], name)]
            if _one_of("legal entity", name, [e["name"] for e in same]) is not None:
                entity = same[0]
        return entity

    def entity(self, name: str) -> dict:
        """A legal entity (see find_entity); NotFound says how to list them."""
        entity = self.find_entity(name)
        if entity is None:
            raise NotFound(
                f"There is no legal entity '{name}'.",
                hint="See them with `supplier entities list`, or add one with "
                "`supplier entities add NAME --country CC`.",
            )
        return entity

    def save_entity(self, entity: dict) -> None:
        write_toml(self.entity_path(entity["name"]), {"format": FORMAT} | entity)

    def entity_records(self) -> list[dict]:
        paths = sorted(self.entities_dir.glob("*.toml"))
        return sorted((self._read_entity(p) for p in paths), key=lambda e: e["name"])

    def _read_entity(self, path: Path) -> dict:
        data = read_toml(path)
        check_format(path, data)
        data.pop("format")
        for key in ("name", "country"):
            if not isinstance(data.get(key), str):
                raise BadDataFile(f"{path}: key '{key}' must be text.")
        for key in ("invoice_from", "ship_from"):
            if not isinstance(data.get(key, {}), dict):
                raise BadDataFile(
                    f"{path}: key '{key}' must be a table ([{key}]); an address "
                    "answered N/A is na = true in it."
                )
        _check_tables(path, data, "remit_to", ("code",))
        _check_tables(path, data, "bank_accounts")
        return data


# _REMEMBER: what the listings remember of each request file, in
# .cache/requests/<customer folder>.json, is used only while the file's inode, size,
# mtime and ctime are all unchanged, so any change to the file, by hand too, is
# read again. A file changed less than _SETTLE_NS before a listing started is not
# remembered: a second change within its timestamps' resolution would not show.
_CACHE_FORMAT = 1
_SETTLE_NS = 2_000_000_000
_HEAD_KEYS = ("status", "revision", "applied")
_HEAD_REQUEST_KEYS = ("id", "customer", "title", "sent", "due")


def _stamp(path: Path) -> list[int]:
    try:
        info = path.stat()
    except OSError:
        return []
    return [info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _read_head(path: Path) -> dict:
    data = read_toml(path)
    check_format(path, data)
    head = {key: data[key] for key in _HEAD_KEYS if key in data}
    request = data.get("request")
    if isinstance(request, dict):
        request = {key: request[key] for key in _HEAD_REQUEST_KEYS if key in request}
    if "request" in data:
        head["request"] = request
    return head


def _encode_head(head: dict) -> dict | None:
    """`head` as JSON values, dates tagged; None when it holds another type."""

    def encoded(value):
        if isinstance(value, dict):
            return {key: encoded(item) for key, item in value.items()}
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return {"date": value.isoformat()}
        if isinstance(value, (str, bool, int)):
            return value
        raise TypeError(value)

    try:
        return {key: encoded(value) for key, value in head.items()}
    except TypeError:
        return None


def _decode_head(data: object) -> dict | None:
    """The head `_encode_head` gave `data` for; None when `data` is not one."""

    def decoded(value):
        if isinstance(value, dict) and set(value) == {"date"}:
            return dt.date.fromisoformat(value["date"])
        if isinstance(value, dict):
            return {key: decoded(item) for key, item in value.items()}
        if isinstance(value, (str, bool, int)):
            return value
        raise TypeError(value)

    try:
        head = decoded(data)
    except (TypeError, ValueError):
        return None
    return head if isinstance(head, dict) else None


def _read_cache(path: Path) -> dict:
    """The entries of a cache file; none when it is missing, broken or older."""
    import json

    try:
        data = json.loads(path.read_bytes())
        entries = data["heads"] if data["format"] == _CACHE_FORMAT else {}
    except (OSError, ValueError, TypeError, KeyError):
        return {}
    if not isinstance(entries, dict):
        return {}
    return {
        name: entry
        for name, entry in entries.items()
        if isinstance(entry, list) and len(entry) == 2
    }


def _write_cache(path: Path, entries: dict) -> None:
    """Write a cache file atomically and owner-only; a store that cannot be written
    to is left as it is."""
    import json

    content = json.dumps({"format": _CACHE_FORMAT, "heads": entries}).encode()
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        make_dir(path.parent)
        handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        os.fchmod(handle, FILE_MODE)
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)


def _forget_unfinished_caches(folder: Path) -> None:
    """Remove the temp files of cache writes that a killed listing left."""
    with contextlib.suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".tmp"):
                Path(entry.path).unlink(missing_ok=True)


_CUSTOMER_TABLES = ("connection", "settings", "profile", "setup")


def check_customer_shape(path: Path, data: dict) -> None:
    """Refuse a customer file whose keys the commands would trip over."""
    if not isinstance(data.get("name"), str):
        raise BadDataFile(f"{path}: key 'name' must be the customer's name.")
    for key in _CUSTOMER_TABLES:
        if not isinstance(data.get(key, {}), dict):
            raise BadDataFile(f"{path}: key '{key}' must be a table ([{key}]).")
    connection = data.get("connection")
    if not connection or connection.get("status") not in ("pending", "approved",
                                                           "rejected"):
        raise BadDataFile(
            f"{path}: key 'connection.status' must be pending, approved or rejected."
        )
    requests = connection.get("requests", [])
    if not isinstance(requests, list) or not all(
        isinstance(d, dt.date) and not isinstance(d, dt.datetime) for d in requests
    ):
        raise BadDataFile(
            f"{path}: key 'connection.requests' must be a list of dates, "
            "such as [2026-11-20]."
        )
    answered = connection.get("answered", dt.date.min)
    if not isinstance(answered, dt.date) or isinstance(answered, dt.datetime):
        raise BadDataFile(
            f"{path}: key 'connection.answered' must be a date, such as 2026-11-20."
        )
    if not isinstance(connection.get("contact", ""), str):
        raise BadDataFile(f"{path}: key 'connection.contact' must be an email, as text.")
    done = data.get("setup", {}).get("done", [])
    if not isinstance(done, list) or not all(isinstance(item, str) for item in done):
        raise BadDataFile(
            f"{path}: key 'setup.done' must be a list of setup items, such as "
            '["addresses"].'
        )
    _check_tables(path, data, "owners", ("name", "email"))
    settings = data.get("settings", {})
    for key, value in settings.items():
        expected = list if key == "setup" else bool
        if not isinstance(value, expected):
            raise BadDataFile(f"{path}: key 'settings.{key}' holds a "
                              f"{type(value).__name__}, not a {expected.__name__}.")
    _check_setup_items(path, settings.get("setup", []))
    for key, value in data.get("profile", {}).items():
        if key == "legal_entity":
            if not isinstance(value, str):
                raise BadDataFile(f"{path}: key 'profile.legal_entity' must be text.")
        elif not isinstance(value, dict):
            raise BadDataFile(
                f"{path}: key 'profile.{key}' must be a table ([profile.{key}])."
            )
    mine = data.get("profile", {})
    sections = {k: v for k, v in mine.items() if k in registry.SECTIONS}
    check_profile_shape(path, sections, prefix="profile.")
    from supplier_cli.customers import shape_problems

    found = shape_problems(data)
    if found:
        key, why = found[0]
        raise BadDataFile(f"{path}: key '{key}' {why}.")


def _check_setup_items(path: Path, items: list) -> None:
    from supplier_cli.customers import SETUP_ITEMS

    unknown = [i for i in items if not isinstance(i, str) or i not in SETUP_ITEMS]
    if unknown:
        raise BadDataFile(
            f"{path}: key 'settings.setup' holds '{unknown[0]}', not a setup item.",
            hint="The setup items are " + ", ".join(SETUP_ITEMS) + ".",
        )


def _check_tables(path: Path, data: dict, key: str, texts: tuple = ()) -> None:
    """`data[key]` is a list of tables, each with the keys `texts` holding text."""
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadDataFile(f"{path}: key '{key}' must be a list of tables ([[{key}]]).")
    for number, table in enumerate(value, start=1):
        for name in texts:
            if not isinstance(table.get(name), str):
                raise BadDataFile(
                    f"{path}: key '{key}[{number}].{name}' must be text."
                )
