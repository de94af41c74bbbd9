"""Crash suite: writers killed with SIGKILL at random moments.

The README promises: "Every write is atomic: a crash leaves the old file or the new
one, never a part." After each kill, every TOML file of the store parses, each value
is the one written last or the one being written, and `supplier profile validate`
passes. A temporary file a kill leaves behind is removed by the next save of the
same file (storage.write_toml), so none is left once that file is written again,
and none at all once every file has been written after the last kill.

The writers run `supplier` in-process in a loop (tests/fault_processes.py), each
forked from one process that imported everything beforehand, so that a fork costs
milliseconds and the kills land in the middle of commands and of writes. Other
writers copy attached files into the store, killed likewise; and whole `python -m
supplier_cli` processes are killed from their start-up on.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from supplier_cli.storage import read_toml
from tests import fault_processes as children
from tests.conftest import REPO, invoke

KILLS = 210
COPY_KILLS = 40
SPAWN_KILLS = 20


def stored_value(store: Path, kind: str) -> object:
    """The value the writer's `kind` of command changes, as the store holds it."""
    data = tomllib.loads((store / children.FILES[kind]).read_text(encoding="utf-8"))
    if kind == "profile":
        return data["company"]["description"]
    if kind == "request":
        return data.get("answers", {}).get("company", {}).get("insurance_carrier")
    return data["profile"]["virtual_card"]["email"]


def read_log(path: Path) -> tuple[list[int], int | None]:
    """(the commands that ended, the one started but not ended, if any)."""
    ended, started = [], None
    lines = path.read_text().splitlines(keepends=True) if path.exists() else []
    for line in lines:
        if not line.endswith("\n"):
            continue
        word, seq, *code = line.split()
        if word == "start":
            started = int(seq)
        else:
            assert code == ["0"], f"command {seq} failed: {line!r}"
            ended.append(int(seq))
            started = None
    return ended, started


def temps(store: Path) -> set[Path]:
    return set(store.rglob(".*.tmp"))


def check_store(store: Path) -> None:
    """Every TOML file parses and `profile validate` passes."""
    for path in store.rglob("*.toml"):
        read_toml(path)
    result = invoke(store, "profile", "validate")
    assert result.exit_code == 0, result.stderr


class Tracker:
    """What the store must hold after each kill, from the writers' logs."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.values = {kind: stored_value(store, kind) for kind in children.FILES}
        self.stale = {kind: set() for kind in children.FILES}
        self.mid_command = 0
        self.mid_write = 0

    def check_kill(self, log: Path) -> None:
        ended, started = read_log(log)
        kinds = children.KINDS
        wrote = {kinds[seq % len(kinds)] for seq in ended}
        for seq in ended:
            kind = kinds[seq % len(kinds)]
            self.values[kind] = children.crash_value(kind, seq)
        in_flight = kinds[started % len(kinds)] if started is not None else None
        self.mid_command += in_flight is not None

        check_store(self.store)
        for kind in children.FILES:
            allowed = [self.values[kind]]
            if kind == in_flight:
                allowed.append(children.crash_value(kind, started))
            found = stored_value(self.store, kind)
            assert found in allowed, f"{kind}: {found!r}, expected one of {allowed}"
            self.values[kind] = found

        left = temps(self.store)
        for kind, name in children.FILES.items():
            mine = {p for p in left if p.name.startswith(f".{Path(name).name}.")}
            if kind in wrote:
                assert not mine & self.stale[kind], f"{kind}: stale {mine}"
            if kind != in_flight:
                assert mine <= self.stale[kind], f"{kind}: temp left by a save {mine}"
            elif mine - self.stale[kind]:
                self.mid_write += 1
            self.stale[kind] = mine
        others = left - set().union(*self.stale.values())
        assert not others, f"temp files of other files: {others}"

    def write_each_once(self) -> None:
        """After the last kill, one whole write of each kind: no temp file remains."""
        for seq, kind in enumerate(children.KINDS):
            args = children.crash_command(kind, seq, self.store.parent)
            result = invoke(self.store, *args)
            assert result.exit_code == 0, result.stderr
            assert stored_value(self.store, kind) == children.crash_value(kind, seq)
        assert temps(self.store) == set()
        check_store(self.store)


class Zygote:
    """The process the writers are forked from (tests/fault_processes.py)."""

    def __init__(self, store: Path, work: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.fault_processes", "zygote", str(store),
             str(work)],
            cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )

    def ask(self, line: str) -> int:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def kill_writer(self, kind: str, first: int, log: Path, delay: float) -> None:
        """Fork a writer, let it run for `delay` seconds, SIGKILL it."""
        pid = self.ask(f"{kind} {first} {log}")
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        status = self.ask(f"reap {pid}")
        assert os.WIFSIGNALED(status), f"writer {pid} ended by itself: {status}"
        assert os.WTERMSIG(status) == signal.SIGKILL

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=10)


def test_writers_killed_at_random_moments_leave_old_or_new_values(example, tmp_path):
    zygote = Zygote(example, tmp_path)
    tracker = Tracker(example)
    rng = random.Random(20261204)
    try:
        for round_ in range(KILLS):
            log = tmp_path / f"log-{round_}"
            zygote.kill_writer("fork", round_ * 100_000, log, rng.uniform(0, 0.06))
            tracker.check_kill(log)
    finally:
        zygote.close()

    # Most kills land inside a command, and some inside write_toml itself, between
    # creating its temporary file and renaming it.
    assert tracker.mid_command > KILLS // 2
    assert tracker.mid_write > 0
    tracker.write_each_once()


def test_copies_into_the_store_killed_mid_write_leave_no_file_others_may_read(
    example, tmp_path
):
    """Attached files are copied into the store (customers/<slug>/files/); a kill
    during the copy leaves no file that others may read, whatever the umask, and
    what it leaves is removed by the next copy."""
    files = example / "customers" / "acme-manufacturing-837fce9a" / "files"
    zygote = Zygote(example, tmp_path)
    rng = random.Random(4)
    stale, mid_write = set(), 0
    try:
        for round_ in range(COPY_KILLS):
            log = tmp_path / f"copy-log-{round_}"
            zygote.kill_writer("fork-copy", round_ * 100_000, log,
                               rng.uniform(0.005, 0.05))
            ended, _ = read_log(log)

            left = temps(example)
            assert {oct(p.stat().st_mode & 0o777) for p in files.iterdir()} <= {"0o600"}
            if ended:
                assert not left & stale, f"not removed by the next copy: {left}"
            mid_write += bool(left - stale)
            stale = left
            for copied in files.glob("[!.]*"):
                copied.unlink()  # keep the disk use small
    finally:
        zygote.close()

    assert mid_write > 0


def test_spawned_supplier_processes_killed_while_starting_or_writing(example):
    """Whole `python -m supplier_cli profile set` processes, killed at random
    moments of their life, from interpreter start-up to the write."""
    env = dict(os.environ, NO_COLOR="1")
    rng = random.Random(1204)
    old, killed = stored_value(example, "profile"), 0
    for number in range(SPAWN_KILLS):
        new = f"spawned {number}"
        process = subprocess.Popen(
            [sys.executable, "-m", "supplier_cli", "--profiles", str(example),
             "profile", "set", "company.description", new],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0.0, 0.35))
        process.send_signal(signal.SIGKILL)
        _, stderr = process.communicate(timeout=30)
        if process.returncode == -signal.SIGKILL:
            killed += 1
        else:
            assert process.returncode == 0, stderr

        check_store(example)
        found = stored_value(example, "profile")
        assert found in (old, new)
        if process.returncode == 0:
            assert found == new
        old = found
        assert all(p.name.startswith(".profile.toml.") for p in temps(example))

    assert killed >= SPAWN_KILLS // 2
    print(f"{killed} of {SPAWN_KILLS} supplier processes killed before they ended")
    assert invoke(example, "profile", "set", "company.description", "x").exit_code == 0
    assert temps(example) == set()
