"""Start-up: how long each command takes in a fresh interpreter, as a ratio to the
bare interpreter (`python -c pass`) measured in the same run.

Targets: scripted commands and --help at most 8x the bare interpreter; interactive
commands, up to their first prompt, at most 25x.

    python -m benchmarks.startup [--runs N]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import (
    EXAMPLE_STORE,
    child_env,
    copy_store,
    machine,
    median_time,
    supplier_argv,
    verdict,
)

SCRIPTED = 8
INTERACTIVE = 25

COMMANDS = [
    ("supplier --help", ["--help"]),
    ("supplier profile get company.name", ["profile", "get", "company.name"]),
    ("supplier requests list --json", ["requests", "list", "--json"]),
    ("supplier customers list", ["customers", "list"]),
    ("supplier onboard --help", ["onboard", "--help"]),
    ("supplier requests answer --help", ["requests", "answer", "--help"]),
]

# The interactive commands, timed until their first prompt is on the screen.
PROMPTS = [
    ("supplier onboard, to its first prompt", "empty", ["onboard"], "First name"),
    (
        "supplier requests answer, to its first prompt",
        "example",
        ["requests", "answer", "Acme Manufacturing", "SIM-2026-0042"],
        "Legal company name",
    ),
]

PROMPT_LAYER = (
    "import of the prompt layer (questionary, prompt_toolkit, wizards)",
    [
        "-c",
        "import supplier_cli.cli, supplier_cli.wizard, supplier_cli.request_wizard,"
        " supplier_cli.setup_wizard, questionary",
    ],
)


def first_prompt(argv: list[str], env: dict, text: str) -> float:
    """Seconds from starting `argv` in a pseudo-terminal until `text` is shown."""
    import pexpect

    # A real terminal answers prompt_toolkit's cursor position request at once; a
    # bare pseudo-terminal never does, and each prompt would wait for it.
    env = dict(env, TERM="xterm", PROMPT_TOOLKIT_NO_CPR="1")
    start = time.perf_counter()
    child = pexpect.spawn(
        argv[0], argv[1:], env=env, encoding="utf-8", timeout=30, dimensions=(40, 100)
    )
    try:
        child.expect_exact(text)
        return time.perf_counter() - start
    finally:
        child.close(force=True)


def median_first_prompt(argv, env, text, runs: int) -> float:
    first_prompt(argv, env, text)
    return statistics.median(first_prompt(argv, env, text) for _ in range(runs))


def line(label: str, seconds: float, bare: float, target: int) -> bool:
    ratio = seconds / bare
    met = ratio <= target
    print(
        f"  {label:<66} {seconds * 1000:7.1f} ms {ratio:5.1f}x"
        f"  target <= {target}x  {verdict(met)}"
    )
    return met


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per command")
    options = parser.parse_args(argv)
    runs = options.runs

    with tempfile.TemporaryDirectory(prefix="supplier-startup-") as work:
        return _measure(Path(work), runs)


def _measure(work: Path, runs: int) -> int:
    example = copy_store(EXAMPLE_STORE, work / "example")
    stores = {"example": example, "empty": work / "empty"}
    supplier = supplier_argv()

    print(f"Start-up, median of {runs} runs; {machine()}")
    bare = median_time([sys.executable, "-c", "pass"], child_env(), runs)
    print(f"  {'python -c pass (the bare interpreter)':<66} {bare * 1000:7.1f} ms")

    results = []
    for label, args in COMMANDS:
        seconds = median_time(supplier + args, child_env(example), runs)
        results.append(line(label, seconds, bare, SCRIPTED))

    label, args = PROMPT_LAYER
    seconds = median_time([sys.executable, *args], child_env(), runs)
    results.append(line(label, seconds, bare, INTERACTIVE))
    if importlib.util.find_spec("pexpect") is None:
        print("  (pexpect is not installed: first prompts not measured; "
              "install the test extras)")
    else:
        for label, store, args, text in PROMPTS:
            env = child_env(stores[store])
            seconds = median_first_prompt(supplier + args, env, text, runs)
            results.append(line(label, seconds, bare, INTERACTIVE))

    missed = results.count(False)
    print(f"  {len(results) - missed} of {len(results)} start-up targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
