"""What the benchmarks share: running a command in a fresh interpreter, timing it,
measuring its peak memory, and printing a figure against its target."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_STORE = REPO / "profiles"
CACHE = Path(tempfile.gettempdir()) / "supplier-benchmarks"


def supplier_argv() -> list[str]:
    """How to start `supplier`: the installed script next to this interpreter, as a
    user runs it, else the package as a module."""
    script = Path(sys.executable).with_name("supplier")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-m", "supplier_cli"]


def child_env(store: Path | None = None) -> dict[str, str]:
    """The environment of a benchmarked command. Bytecode is cached, as it is for an
    installed package, but under the benchmarks' temp folder, not in the checkout."""
    env = dict(os.environ, NO_COLOR="1", COLUMNS="100", LINES="40")
    env.pop("SUPPLIER_PROFILES", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(CACHE / "pycache")
    if store is not None:
        env["SUPPLIER_PROFILES"] = str(store)
    return env


def copy_store(source: Path, target: Path) -> Path:
    """A copy of a store folder, owner-only, as the README's tour makes it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    for folder, dirs, files in os.walk(target):
        os.chmod(folder, 0o700)
        for name in files:
            os.chmod(Path(folder) / name, 0o600)
    return target


class Failed(RuntimeError):
    """A benchmarked command did not exit 0: its figures would mean nothing."""


def run(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Run `argv` once: (wall time in seconds, its peak resident memory in bytes).

    os.wait4 gives the rusage of that one child, so the memory is its own."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace").strip()
            raise Failed(f"{' '.join(argv)} exited {child.returncode}: {message}")
    return elapsed, usage.ru_maxrss * 1024


def median_time(argv: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of `runs` runs, after one untimed run that warms the caches."""
    run(argv, env)
    return statistics.median(run(argv, env)[0] for _ in range(runs))


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def machine() -> str:
    """nproc, Python version and CPU model, for the figures' context."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    version = sys.version.split()[0]
    return f"{os.cpu_count()} CPU(s), {model}, Python {version}"
