"""The onboarding wizard's checks that need no terminal (supplier_cli/wizard.py);
its screens are driven in tests/cli/test_onboard_pty.py."""

from __future__ import annotations

import os

import pytest

from supplier_cli import wizard
from supplier_cli.errors import InvalidValue


def test_a_readable_file_is_taken_by_its_path(tmp_path):
    path = tmp_path / "cert [EU] ü.pdf"
    path.write_bytes(b"%PDF-1.4")

    assert wizard.readable_file(f"  {path}  ") == str(path)


@pytest.mark.parametrize("name", ["missing.pdf", "a-folder"])
def test_a_missing_file_or_a_folder_is_refused(tmp_path, name):
    (tmp_path / "a-folder").mkdir()

    with pytest.raises(InvalidValue) as caught:
        wizard.readable_file(str(tmp_path / name))

    assert caught.value.message == f"{tmp_path / name}: no such file"


def test_a_file_that_cannot_be_read_is_refused_as_it_is_typed(tmp_path, monkeypatch):
    """Regression: an unreadable certificate passed the prompt and failed only
    when step 5 was saved, losing every answer of the step."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(b"%PDF-1.4")
    real_access = os.access

    def access(where, mode):
        return False if str(where) == str(path) else real_access(where, mode)

    monkeypatch.setattr(os, "access", access)

    with pytest.raises(InvalidValue) as caught:
        wizard.readable_file(str(path))

    assert caught.value.message == f"{path}: cannot be read; check its permissions"
