"""prompts.text: what a person types at a prompt, and what it becomes."""

from __future__ import annotations

import pytest
import questionary

from supplier_cli import prompts
from supplier_cli.errors import InvalidValue
from supplier_cli.profile import mask


class Typist:
    """Stands in for questionary.text: each prompt gets the next typed line,
    and the text each prompt started from is kept in `shown`."""

    def __init__(self, monkeypatch, *lines: str):
        self.lines = list(lines)
        self.shown: list[str] = []
        monkeypatch.setattr(questionary, "text", self.prompt)
        monkeypatch.setattr(prompts, "_ask", lambda question: question())

    def prompt(self, label, default="", multiline=False):
        self.shown.append(default)
        return lambda: self.lines.pop(0)


def digits(raw: str) -> str:
    if raw and not raw.isdigit():
        raise InvalidValue("not digits")
    return raw


def test_enter_on_a_masked_saved_value_keeps_it(monkeypatch):
    typist = Typist(monkeypatch, "•••••3782")
    assert prompts.text("DUNS", default="150483782", check=digits, private=True) == "150483782"
    assert typist.shown == ["•••••3782"]


def test_a_masked_saved_value_can_be_cleared(monkeypatch):
    Typist(monkeypatch, "")
    assert prompts.text("DUNS", default="150483782", check=digits, private=True) == ""


@pytest.mark.parametrize("private", [True, False])
def test_enter_on_a_refused_answer_is_refused_again_not_taken_for_the_saved_value(
    monkeypatch, capsys, private
):
    """Regression: after a refused answer the prompt starts from it, and Enter on
    it unchanged kept the saved value, silently: a tax ID typed as "FR12" and
    refused, then Enter, left the old tax ID while the screen showed FR12."""
    saved = "150483782"
    typist = Typist(monkeypatch, "12ab", "12ab", "987654321")
    assert prompts.text("DUNS", default=saved, check=digits, private=private) == "987654321"
    assert typist.shown[1:] == ["12ab", "12ab"]
    assert capsys.readouterr().err.count("Not digits") == 2


def test_a_masked_value_edited_in_part_is_asked_again_from_the_mask(monkeypatch, capsys):
    typist = Typist(monkeypatch, "•••••37829", "•••••3782")
    assert prompts.text("DUNS", default="150483782", check=digits, private=True) == "150483782"
    assert typist.shown == ["•••••3782", "•••••3782"]
    assert "cannot be edited in part" in capsys.readouterr().err


def test_a_saved_value_holding_mask_characters_is_asked_whole(monkeypatch, capsys):
    """A remit-to street saved with the mask's characters in it (as an edit of a
    masked value was once kept) cannot be kept by Enter: the reason says so,
    rather than telling to leave it as it was, which was refused again."""
    saved = "••••••••••••••Exemple"
    typist = Typist(monkeypatch, mask(saved), "1 place Bellecour")
    assert prompts.text("Street", default=saved, private=True) == "1 place Bellecour"
    err = capsys.readouterr().err
    assert "The saved value holds the mask's character •" in err
    assert "leave it as it was" not in err
    assert typist.shown[1] == ""
