"""`supplier onboard` run in-process on a temporary store (cli/onboard.py).

The wizard itself is driven in a pseudo-terminal in test_onboard_pty.py; here
the answers file, and what the command says around the steps.
"""

from __future__ import annotations

import shutil

import pytest

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


def stop_at_step(monkeypatch, stop: int) -> list[int]:
    """Run the wizard without a terminal: every step is left as it is, and Ctrl-C
    is pressed at step `stop`. Returns the steps that were asked."""
    asked = []

    def run_step(number, working, today):
        asked.append(number)
        if number == stop:
            raise Interrupted("Stopped.")
        return []

    monkeypatch.setattr(prompts, "require_terminal", lambda option: None)
    monkeypatch.setattr(wizard, "run_step", run_step)
    return asked


def test_ctrl_c_in_a_restart_says_how_to_revisit_that_step(
    supplier, store_dir, tmp_path, monkeypatch
):
    """Regression: stopped during --restart, it said to run `supplier onboard` to
    resume, which only answers that onboarding is complete."""
    monkeypatch.chdir(example_answers(tmp_path))
    assert supplier("onboard", "--answers", "answers.toml").exit_code == 0
    before = snapshot(store_dir)
    asked = stop_at_step(monkeypatch, 3)

    result = supplier("onboard", "--restart")

    assert result.exit_code == 130
    assert asked == [1, 2, 3]
    assert "Stopped at step 3 of 8; that step was not saved." in result.stderr
    assert "Run `supplier onboard --step 3` to revisit this step." in result.stderr
    assert snapshot(store_dir).keys() == before.keys()


def test_ctrl_c_in_a_first_onboarding_says_to_resume(supplier, monkeypatch):
    asked = stop_at_step(monkeypatch, 2)

    result = supplier("onboard")

    assert result.exit_code == 130
    assert asked == [1, 2]
    assert "Run `supplier onboard` to resume." in result.stderr


@pytest.mark.parametrize("version", ['"1"', "2", "true"])
def test_answers_of_another_format_are_refused(supplier, store_dir, tmp_path, version):
    """Regression: `format = "1"` was refused as "format 1 is not known; use 1"."""
    path = tmp_path / "answers.toml"
    path.write_text(f"format = {version}\n", "utf-8")

    result = supplier("onboard", "--answers", str(path))

    assert result.exit_code == 3
    assert f"{path}: 'format' must be 1, not " in result.stderr
    assert not store_dir.exists()


def test_a_missing_certificate_file_is_reported_with_the_other_problems(
    supplier, store_dir, tmp_path
):
    """Regression: a missing certificate file was reported only once every other
    answer was valid, not with them."""
    path = tmp_path / "answers.toml"
    path.write_text(
        EXAMPLE.read_text("utf-8")
        .replace("zoe.martin@atelier-exemple.fr", "not-an-email")
        .replace("profiles/certificates-src/weconnect-2025.pdf", "missing.pdf"),
        "utf-8",
    )

    result = supplier("onboard", "--answers", str(path))

    assert result.exit_code == 1
    assert "  - contact.email: not a valid email address" in result.stderr
    assert "  - diversity.certificates[1].file: missing.pdf: no such file" in (
        result.stderr
    )
    assert not (store_dir / "profile.toml").exists()


def test_a_customer_named_again_is_left_as_it_is_and_said_so(
    supplier, store_dir, tmp_path, monkeypatch
):
    """Regression: naming a customer that is already connected was silently
    ignored, as if the connection had been recorded again."""
    monkeypatch.chdir(example_answers(tmp_path))
    assert supplier("onboard", "--answers", "answers.toml").exit_code == 0
    before = snapshot(store_dir / "customers")

    result = supplier("onboard", "--answers", "answers.toml")

    assert result.exit_code == 0
    assert result.stderr == (
        "Acme Manufacturing is a customer already; its connection was left as it "
        "is.\nSaved the public profile from answers.toml.\n"
    )
    assert snapshot(store_dir / "customers") == before


@pytest.mark.parametrize("option", [["--restart"], ["--step", "3"]])
def test_answers_with_restart_or_step_is_refused_and_nothing_written(
    supplier, store_dir, tmp_path, option
):
    """Regression: --restart and --step were ignored beside --answers."""
    answers = example_answers(tmp_path) / "answers.toml"
    result = supplier("onboard", "--answers", str(answers), *option)

    assert result.exit_code == 2
    assert result.stderr == (
        "Error: --answers takes every step from the file; it goes with neither "
        "--restart nor --step.\nLeave out --restart and --step, or run without "
        "--answers.\n"
    )
    assert not store_dir.exists()
