"""Concurrency suite: 8 processes, 50 updates each, on one store at the same time.

Each process (tests/fault_processes.py `worker`) takes its turn at three updates:
add an account owner to the same customer (one file, a different key each time),
set its own field of the public profile (one file, a different field for each
process), and answer the same information request. Afterwards every one of the
400 updates is either in the store or was refused with exit code 6 and a message
saying the store is busy: none is lost silently.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests import fault_processes as workers
from tests.conftest import REPO, invoke

PROCESSES = 8
UPDATES = 50
BUSY = "another supplier command is changing the store"


def run_workers(store: Path, work: Path, timeout: float) -> list[dict]:
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.fault_processes", "worker", str(store),
             str(work), str(number), str(UPDATES), str(timeout)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for number in range(PROCESSES)
    ]
    for process in processes:
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
    results = []
    for number in range(PROCESSES):
        for result in json.loads((work / f"worker-{number}.json").read_text()):
            results.append(result | {"worker": number})
    return results


def load(store: Path, kind: str) -> dict:
    return tomllib.loads((store / workers.FILES[kind]).read_text(encoding="utf-8"))


def check_accounted(store: Path, before: dict, results: list[dict]) -> dict:
    """Every update is in the store or was refused as busy; the counts by kind."""
    assert len(results) == PROCESSES * UPDATES
    for result in results:
        assert result["code"] in (0, 6), result
        if result["code"] == 6:
            assert BUSY in result["message"], result
    done = [r for r in results if r["code"] == 0]

    owners = {o["email"] for o in load(store, "setup")["owners"]}
    added = {r["value"] for r in done if r["kind"] == "owner"}
    assert owners == before["owners"] | added

    record = load(store, "request")
    answered = [h for h in record["history"] if h["command"] == "answer --answers"]
    answers = [r["value"] for r in done if r["kind"] == "answer"]
    assert len(record["history"]) == before["history"] + len(answers)
    assert len(answered) == len(answers)
    if answers:
        assert record["answers"]["company"]["insurance_carrier"] in answers

    profile = load(store, "profile")
    for number, key in enumerate(workers.WORKER_FIELDS):
        section, name = key.split(".")
        mine = [r["value"] for r in done if r["kind"] == "field"
                and r["worker"] == number]
        expected = mine[-1] if mine else before["profile"].get(key)
        assert profile[section].get(name) == expected, key

    assert invoke(store, "profile", "validate").exit_code == 0
    return {
        kind: (sum(r["kind"] == kind for r in done),
               sum(r["kind"] == kind and r["code"] == 6 for r in results))
        for kind in ("owner", "field", "answer")
    }


def state(store: Path) -> dict:
    profile = load(store, "profile")
    return {
        "owners": {o["email"] for o in load(store, "setup")["owners"]},
        "history": len(load(store, "request")["history"]),
        "profile": {
            key: profile[key.split(".")[0]].get(key.split(".")[1])
            for key in workers.WORKER_FIELDS
        },
    }


@pytest.mark.parametrize("timeout", [10.0, 0.0],
                         ids=["waiting-for-the-lock", "giving-up-at-once"])
def test_parallel_updates_are_all_kept_or_refused_as_busy(example, tmp_path, timeout):
    before = state(example)

    results = run_workers(example, tmp_path, timeout)

    counts = check_accounted(example, before, results)
    done = sum(count for count, _ in counts.values())
    refused = sum(busy for _, busy in counts.values())
    assert done + refused == PROCESSES * UPDATES
    assert done > 0
    if timeout == 0:
        # Giving up at once, some updates find the store busy.
        assert refused > 0
