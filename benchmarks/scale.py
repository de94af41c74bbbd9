"""Scale: wall time and peak memory of the listing commands and of one answer, on
stores of 100, 1,000 and 10,000 customers with ten information requests each.

Targets: a command that touches one customer costs the same at every size (within
20 % of the smallest); the listings grow no worse than linearly and take under 1 s
at 1,000 customers; every command stays under 200 MB at 10,000 customers. The
listings are measured as a user running them again meets them (with what they
remember in the store's .cache/) and with no cache, where they read every file.

    python -m benchmarks.scale [--sizes 100,1000,10000] [--runs N]

Generated stores are kept under the temp folder, so only the first run builds them.
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from benchmarks import generate
from benchmarks.common import child_env, machine, run, supplier_argv, verdict

LISTINGS = [
    ("requests list --json", ["requests", "list", "--json"]),
    ("customers list --json", ["customers", "list", "--json"]),
]
ANSWER = "requests answer --answers --submit"
# The same listing with no .cache/: every request file read whole, as the first
# listing after an upgrade or after every file changed.
COLD = ", no cache"
ONE_CUSTOMER_SLACK = 1.2
LINEAR_SLACK = 1.1
LISTING_LIMIT = 1.0
LISTING_LIMIT_AT = 1000
MEMORY_LIMIT = 200 * 1024 * 1024
MEMORY_LIMIT_AT = 10_000


def measure(argv: list[str], env: dict, runs: int, before=None) -> tuple[float, int]:
    """(median wall time, highest peak memory) over `runs` runs after one untimed
    run; `before` is called before each run."""
    times, peaks = [], []
    for attempt in range(runs + 1):
        if before:
            before()
        seconds, peak = run(argv, env)
        if attempt:
            times.append(seconds)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def answer_once(store: Path, size: int, answers: Path, runs: int):
    """Time `requests answer ... --submit` on one request, put back as it was
    before each run so every run submits it afresh."""
    customer, request = generate.answer_target(size)
    path = generate.storage.Store(store).request_path(customer, request)
    original = path.read_bytes()

    def restore() -> None:
        temp = path.with_name(f".{path.name}.benchmark")
        temp.write_bytes(original)
        os.chmod(temp, generate.storage.FILE_MODE)
        os.replace(temp, path)

    argv = [*supplier_argv(), "requests", "answer", customer, request,
            "--answers", str(answers), "--submit"]
    try:
        return measure(argv, child_env(store), runs, before=restore)
    finally:
        restore()


def report(label: str, seconds: float, peak: int, checks: list[tuple[str, bool]]):
    marks = "; ".join(f"{name} {verdict(met)}" for name, met in checks)
    print(f"  {label:<38} {seconds * 1000:8.1f} ms {peak / 2**20:7.1f} MB  {marks}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000",
                        help="numbers of customers, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs per command")
    options = parser.parse_args(argv)
    sizes = sorted(int(size) for size in options.sizes.split(","))
    runs = options.runs

    with tempfile.TemporaryDirectory(prefix="supplier-scale-") as work:
        answers = Path(work) / "answers.toml"
        answers.write_text(generate.ANSWERS, encoding="utf-8")
        return _measure(sorted(set(sizes)), runs, answers)


def _measure(sizes: list[int], runs: int, answers: Path) -> int:
    print(f"Scale, median of {runs} runs, peak memory the highest; {machine()}")

    first: dict[str, tuple[int, float]] = {}
    previous: dict[str, tuple[int, float]] = {}
    results = []
    for size in sizes:
        store = generate.cached_store(size)
        print(f"{size:,} customers, {size * generate.REQUESTS_PER_CUSTOMER:,} requests")
        figures = []
        for label, args in LISTINGS:
            argv = [*supplier_argv(), *args]
            figures.append((label, *measure(argv, child_env(store), runs)))
            forget = functools.partial(shutil.rmtree, store / ".cache", True)
            figures.append(
                (label + COLD, *measure(argv, child_env(store), runs, before=forget))
            )
        figures.append((ANSWER, *answer_once(store, size, answers, runs)))
        for label, seconds, peak in figures:
            checks = []
            if label == ANSWER and label in first:
                base = first[label][1]
                checks.append((f"same as at {first[label][0]:,} "
                               f"(<= {ONE_CUSTOMER_SLACK:.1f}x)",
                               seconds <= base * ONE_CUSTOMER_SLACK))
            if label != ANSWER and label in previous:
                smaller, before = previous[label]
                growth = (seconds / before) / (size / smaller)
                checks.append((f"linear from {smaller:,} ({growth:.2f} of linear)",
                               growth <= LINEAR_SLACK))
            if label != ANSWER and size == LISTING_LIMIT_AT:
                checks.append(("under 1 s", seconds < LISTING_LIMIT))
            if size == MEMORY_LIMIT_AT:
                checks.append(("under 200 MB", peak < MEMORY_LIMIT))
            report(label, seconds, peak, checks)
            results += [met for _, met in checks]
            first.setdefault(label, (size, seconds))
            previous[label] = (size, seconds)

    missed = results.count(False)
    print(f"  {len(results) - missed} of {len(results)} scale targets met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
