"""Child processes for the crash and concurrency suites.

Each child runs `supplier` in-process, many commands in a row, so that one process
gives many chances to be killed in the middle of a write, or to race the others for
the store's lock, without paying the interpreter's start-up for every command.

    python -m tests.fault_processes zygote STORE WORK
        Runs each kind of write once on a copy of STORE, so that everything is
        imported and loaded before forking, then reads lines from stdin:
        `fork FIRST LOG` forks a writer (see `crash_writer`) and prints its pid,
        `fork-copy FIRST LOG` one that copies files in (see `copy_writer`);
        `reap PID` waits for it and prints its wait status.
    python -m tests.fault_processes worker STORE WORK NUMBER UPDATES TIMEOUT
        Runs UPDATES updates (see `worker`) with the lock timeout set to TIMEOUT
        seconds and writes what each one returned to WORK/worker-NUMBER.json.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import sys
from pathlib import Path

CUSTOMER = "Acme Manufacturing"
REQUEST = "SIM-2026-0042"
# The files of the example store that the writers change.
FILES = {
    "profile": "profile.toml",
    "request": "customers/acme-manufacturing-837fce9a/requests/"
    "sim-2026-0042-49fd01a8.toml",
    "setup": "customers/acme-manufacturing-837fce9a/customer.toml",
}
# The crash writer's three kinds of write, taken in turn.
KINDS = ("profile", "request", "setup")
# The field of the public profile each concurrency worker sets, by its number.
WORKER_FIELDS = (
    "contact.title",
    "company.description",
    "company.industry",
    "address.street2",
    "company.corruption_policy_text",
    "contact.first_name",
    "contact.last_name",
    "company.name",
)


def run(store: str, *args: str) -> tuple[int, str]:
    """`supplier --profiles STORE ARGS...` in this process: (exit code, stderr)."""
    import typer.main

    from supplier_cli import render
    from supplier_cli.cli import app

    stderr, sys.stderr = sys.stderr, io.StringIO()
    render.out.cache_clear()
    render.err.cache_clear()
    try:
        code = typer.main.get_command(app).main(
            ["--profiles", store, *args], standalone_mode=False, prog_name="supplier"
        )
    except SystemExit as error:
        code = error.code
    finally:
        stderr, sys.stderr = sys.stderr, stderr
        render.err.cache_clear()
    return code or 0, stderr.getvalue()


# The crash suite.


def crash_value(kind: str, seq: int) -> str:
    """The value the writer's command number `seq` writes."""
    return {
        "profile": f"crash {seq}",
        "request": f"carrier {seq}",
        "setup": f"cards{seq}@atelier-exemple.fr",
    }[kind]


def crash_command(kind: str, seq: int, work: Path) -> list[str]:
    """The arguments of the writer's command number `seq`, with its answers file."""
    value = crash_value(kind, seq)
    if kind == "profile":
        return ["profile", "set", "company.description", value]
    if kind == "request":
        answers = work / "request-answers.toml"
        answers.write_text(f'[answers.company]\ninsurance_carrier = "{value}"\n')
        return ["requests", "answer", CUSTOMER, REQUEST, "--answers", str(answers)]
    answers = work / "setup-answers.toml"
    answers.write_text(f'[virtual_card]\naccept = true\nemail = "{value}"\n')
    return ["customers", "setup", CUSTOMER, "--answers", str(answers)]


def crash_writer(store: str, work: Path, first: int, log_path: str) -> None:
    """Write forever, logging `start SEQ` before and `end SEQ CODE` after each
    command, unbuffered, so the log says which write a kill interrupted."""
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    for seq in itertools.count(first):
        args = crash_command(KINDS[seq % len(KINDS)], seq, work)
        os.write(log, f"start {seq}\n".encode())
        code, _ = run(store, *args)
        os.write(log, f"end {seq} {code}\n".encode())


def copy_writer(store: str, work: Path, first: int, log_path: str) -> None:
    """Copy attached files into the store forever, each of new content (1 MiB),
    logging as `crash_writer` does. The store's lock is held as the commands
    that attach files hold it."""
    from supplier_cli.storage import Store

    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    target = Store(Path(store))
    for seq in itertools.count(first):
        source = work / f"w9-{seq % 2}.pdf"
        source.write_bytes(seq.to_bytes(8, "big") * (128 * 1024))
        os.write(log, f"start {seq}\n".encode())
        with target.locked():
            target.add_answer_file(CUSTOMER, str(source))
        os.write(log, f"end {seq} 0\n".encode())


def zygote(store: str, work: str) -> None:
    import shutil

    scratch = Path(work, "warm-up")
    shutil.copytree(store, scratch)
    for seq, kind in enumerate(KINDS):
        code, message = run(str(scratch), *crash_command(kind, seq, Path(work)))
        assert code == 0, message

    writers = {"fork": crash_writer, "fork-copy": copy_writer}
    for line in sys.stdin:
        command, *args = line.split()
        if command in writers:
            pid = os.fork()
            if pid == 0:
                try:
                    null = os.open(os.devnull, os.O_RDWR)
                    for fd in (0, 1, 2):
                        os.dup2(null, fd)
                    os.umask(0o022)  # the usual one: a file made without a mode is 0644
                    writers[command](store, Path(work), int(args[0]), args[1])
                finally:
                    os._exit(70)
            print(pid, flush=True)
        elif command == "reap":
            _, status = os.waitpid(int(args[0]), 0)
            print(status, flush=True)


# The concurrency suite.


def worker_update(number: int, index: int, work: Path) -> tuple[str, str, list[str]]:
    """(kind, what it adds, arguments) of update `index` of worker `number`."""
    kind = ("owner", "field", "answer")[index % 3]
    tag = f"w{number}-{index}"
    if kind == "owner":
        owner = f"Owner {tag} <{tag}@acme.example>"
        return kind, f"{tag}@acme.example", ["customers", "configure", CUSTOMER,
                                              "--owner", owner]
    if kind == "field":
        value = f"value {tag}"
        return kind, value, ["profile", "set", WORKER_FIELDS[number], value]
    answers = work / f"answers-{tag}.toml"
    answers.write_text(f'[answers.company]\ninsurance_carrier = "{tag}"\n')
    return kind, tag, ["requests", "answer", CUSTOMER, REQUEST, "--answers",
                       str(answers)]


def worker(store: str, work: str, number: int, updates: int, timeout: float) -> None:
    from supplier_cli import storage

    storage.LOCK_TIMEOUT = timeout
    results = []
    for index in range(updates):
        kind, value, args = worker_update(number, index, Path(work))
        code, message = run(store, *args)
        results.append({"kind": kind, "value": value, "code": code,
                        "message": message})
    Path(work, f"worker-{number}.json").write_text(json.dumps(results))


if __name__ == "__main__":
    role, *arguments = sys.argv[1:]
    if role == "zygote":
        zygote(*arguments)
    else:
        store_, work_, number_, updates_, timeout_ = arguments
        worker(store_, work_, int(number_), int(updates_), float(timeout_))
