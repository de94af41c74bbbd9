"""Stores of any size for the scale benchmark: N customers with ten information
requests each, in the store's own file format, owner-only.

The records come from the example store (`profiles/`) and the project's own
functions: one request is answered and submitted by the real `supplier` command,
and the other states are made from it with `request_states`. Files are written
as `storage.write_toml` writes them (the same TOML, 0600 in 0700 folders), but
without its fsync, two per file, which would add minutes to a store of 110,000 files.

    python -m benchmarks.generate N FOLDER
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import tomli_w

from benchmarks.common import CACHE, EXAMPLE_STORE, child_env, copy_store, supplier_argv
from supplier_cli import request_states as states
from supplier_cli import storage

# Change it whenever the generated stores change, so cached ones are built again.
VERSION = 1
REQUESTS_PER_CUSTOMER = 10
NOW = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)

ACME = "Acme Manufacturing"
ACME_SLUG = "acme-manufacturing-837fce9a"
NAMES = ("Acme Manufacturing", "Nordwind Logistik GmbH", "Zoë & Fils [EU] SARL",
         "株式会社サンプル")
# The customer record each customer is made from, by its position in ten: most
# are connected, some pending, one rejected.
CUSTOMER_TEMPLATES = ("acme-manufacturing-837fce9a",) * 6 + (
    "nordwind-logistik-gmbh-e5cbfb43",
    "nordwind-logistik-gmbh-e5cbfb43",
    "zoe-fils-eu-sarl-46bbf64e",
    "customer-65e4e286",
)
# The state of each of a customer's ten requests: years of requests, mostly
# approved and applied, and four still pending.
REQUEST_STATES = (
    "requested", "draft", "pending_approval", "declined", "approved",
) + ("applied",) * 5

# The answers file the benchmark submits for a customer's first request.
ANSWERS = """\
format = 1

[answers.company]
insurance_carrier = "Mutuelle Exemple"

[answers.remit_to]
street1 = "12 rue de l'Exemple"
city = "Lyon"
postal_code = "69002"
country = "FR"
"""


def customer_name(number: int) -> str:
    return f"{NAMES[number % len(NAMES)]} {number:05d}"


def request_id(number: int) -> str:
    """The id of a customer's request `number` (0 to 9); the same for every customer."""
    return f"SIM-{2026 - number // 2}-{number:04d}"


def answer_target(size: int) -> tuple[str, str]:
    """(customer, request id) that the benchmark answers: the middle customer's
    first request, which is `requested`."""
    return customer_name(size // 2), request_id(0)


def _read(path: Path) -> dict:
    data = storage.read_toml(path)
    data.pop("format", None)
    return data


def _submitted_template(work: Path) -> dict:
    """The record of SIM-2026-0042 answered and submitted by `supplier` itself."""
    store = copy_store(EXAMPLE_STORE, work / "seed")
    answers = work / "answers.toml"
    answers.write_text(ANSWERS, encoding="utf-8")
    subprocess.run(
        [*supplier_argv(), "requests", "answer", ACME, "SIM-2026-0042",
         "--answers", str(answers), "--submit"],
        env=child_env(store), check=True, capture_output=True,
    )
    return _read(storage.Store(store).request_path(ACME, "SIM-2026-0042"))


def request_templates(work: Path) -> dict[str, dict]:
    """A record in each state the generated requests are in."""
    folder = EXAMPLE_STORE / "customers" / ACME_SLUG / "requests"
    requested = _read(folder / "sim-2026-0042-49fd01a8.toml")
    submitted = _submitted_template(work)
    answers = submitted["answers"]
    approved = states.transition(submitted, "approve", NOW, "record --approved")
    return {
        "requested": requested,
        "draft": states.save_answers(requested, answers, NOW, "answer"),
        "pending_approval": submitted,
        "declined": states.transition(
            submitted, "decline", NOW, "record --declined", "Please use the new form."
        ),
        "approved": approved,
        "applied": states.transition(approved, "apply", NOW, "record --applied"),
    }


def _write(path: Path, data: dict) -> None:
    """`data` as storage.write_toml writes it, owner-only, but without fsync."""
    content = tomli_w.dumps(data).encode("utf-8")
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, storage.FILE_MODE)
    with os.fdopen(handle, "wb") as stream:
        stream.write(content)


def _customer_record(template: dict, name: str) -> dict:
    record = copy.deepcopy(template)
    record["name"] = name
    record["updated"] = NOW
    return {"format": storage.FORMAT} | record


def _request_record(template: dict, name: str, number: int, customer: int) -> dict:
    record = copy.deepcopy(template)
    request = record["request"]
    request["id"] = request_id(number)
    request["customer"] = name
    request["sent"] = dt.date(2026 - number // 2, 1 + customer % 12, 1 + number)
    request["due"] = request["sent"] + dt.timedelta(days=30 + customer % 60)
    return {"format": storage.FORMAT} | record


def build(size: int, root: Path) -> None:
    """Write a store of `size` customers with ten requests each into `root`."""
    with tempfile.TemporaryDirectory(prefix="supplier-seed-") as work:
        requests = request_templates(Path(work))
    customers = {
        slug: _read(EXAMPLE_STORE / "customers" / slug / "customer.toml")
        for slug in set(CUSTOMER_TEMPLATES)
    }
    store = storage.Store(root)
    storage.make_dir(root)
    shutil.copy2(EXAMPLE_STORE / "profile.toml", store.profile_path)
    for folder in ("certificates", "entities"):
        shutil.copytree(EXAMPLE_STORE / folder, root / folder)
    for number in range(size):
        name = customer_name(number)
        template = customers[CUSTOMER_TEMPLATES[number % len(CUSTOMER_TEMPLATES)]]
        path = store.customer_path(name)
        storage.make_dir(store.requests_dir(name))
        _write(path, _customer_record(template, name))
        for index, state in enumerate(REQUEST_STATES):
            record = _request_record(requests[state], name, index, number)
            _write(store.request_path(name, request_id(index)), record)
    for folder, dirs, files in os.walk(root):
        os.chmod(folder, storage.DIR_MODE)
        for file in files:
            os.chmod(Path(folder) / file, storage.FILE_MODE)


def cached_store(size: int) -> Path:
    """A store of `size` customers, built once and kept under the temp folder."""
    root = CACHE / "stores" / f"v{VERSION}-{size}"
    if root.is_dir():
        return root
    partial = root.with_name(f"{root.name}.partial-{os.getpid()}")
    if partial.exists():
        shutil.rmtree(partial)
    build(size, partial)
    os.replace(partial, root)
    return root


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not args[0].isdigit():
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    build(int(args[0]), Path(args[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
