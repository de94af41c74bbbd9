"""`supplier onboard` run in-process on a temporary store (cli/onboard.py).

The wizard itself is driven in a pseudo-terminal in test_onboard_pty.py; here
the answers file, and what the command says around the steps.
"""

from __future__ import annotations

import shutil

from supplier_cli import prompts, wizard
from supplier_cli.errors import Interrupted
from tests.conftest import REPO, snapshot

EXAMPLE = REPO / "profiles" / "onboarding-answers.toml"


def example_answers(tmp_path):
    """The example answers file, with its certificate, in a folder of the test."""
    folder = tmp_path / "answers"
    (folder / "profiles" / "certificates-src").mkdir(parents=True)
    shutil.copy(EXAMPLE, folder / "answers.toml")
    shutil.copy(
        REPO / "profiles" / "certificates-src" / "weconnect-2025.pdf",
        folder / "profiles" / "certificates-src" / "weconnect-2025.pdf",
    )
    return folder


def test_onboard_when_complete_says_so_and_no_more(supplier, tmp_path, monkeypatch):
    """Regression: a complete onboarding said it was complete, then that the
    profile was saved, and without a terminal refused to say anything at all."""
    folder = example_answers(tmp_path)
    monkeypatch.chdir(folder)
    assert supplier("onboard", "--answers", "answers.toml").exit_code == 0

    result = supplier("onboard")

    assert result.exit_code == 0
    assert result.stderr == (
        "Onboarding is complete. Use --restart to go through it again, "
        "or --step N to revisit one step.\n"
    )


def test_onboard_on_an_empty_store_without_a_terminal_names_answers(supplier):
    result = supplier("onboard")

    assert result.exit_code == 2
    assert "give the answers with --answers FILE" in result.stderr
