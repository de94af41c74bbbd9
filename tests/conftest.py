"""Shared fixtures: a temporary store folder and the CLI run in-process on it.

No test touches the real home folder, a real terminal width or the network.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner

from supplier_cli import render
from supplier_cli.cli import app

REPO = Path(__file__).resolve().parents[1]

# Under CI the property-based tests draw the same examples at every run, so that
# a submission is judged on what it changed; elsewhere each run draws new ones.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

CLI_ENV = {"NO_COLOR": "1", "COLUMNS": "100"}


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path_factory):
    """A home folder of its own, no $SUPPLIER_PROFILES from outside, no network."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.delenv("SUPPLIER_PROFILES", raising=False)
    for name, value in CLI_ENV.items():
        monkeypatch.setenv(name, value)

    def no_network(*args, **kwargs):
        raise OSError("tests must not use the network")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)


def copy_example(folder: Path) -> Path:
    """A copy of the example store (profiles/) in `folder`, owner-only as the
    README's tour makes it, without what commands run on the checkout's copy may
    have left (its lock, caches)."""
    import shutil

    store = folder / "store"
    shutil.copytree(REPO / "profiles", store,
                    ignore=shutil.ignore_patterns(".lock", ".cache"))
    for path in [store, *store.rglob("*")]:
        path.chmod(0o700 if path.is_dir() else 0o600)
    return store


@pytest.fixture
def example(tmp_path) -> Path:
    """A copy of the example store of the test's own."""
    return copy_example(tmp_path)


@pytest.fixture
def store_dir(tmp_path) -> Path:
    """The store folder of a test; it does not exist until something is saved."""
    return tmp_path / "store"


def invoke(store: Path, *args: str):
    """Run `supplier --profiles STORE ARGS...` in-process; stdout and stderr apart."""
    render.out.cache_clear()
    render.err.cache_clear()
    return CliRunner().invoke(
        app,
        ["--profiles", str(store), *args],
        env=CLI_ENV,
        catch_exceptions=False,
        prog_name="supplier",
    )


@pytest.fixture
def supplier(store_dir):
    """`supplier(*args)` runs the CLI on the test's store and returns the result."""

    def run(*args: str):
        return invoke(store_dir, *args)

    return run


def snapshot(folder: Path) -> dict[str, tuple[int, bytes | None]]:
    """Every path under `folder` with its mode and content (None for a folder)."""
    if not folder.exists():
        return {}
    return {
        str(path.relative_to(folder)): (
            path.stat().st_mode,
            path.read_bytes() if path.is_file() else None,
        )
        for path in sorted(folder.rglob("*"))
    }
