"""The one module that calls questionary.

Every prompt uses the raising `unsafe_ask()`, so Ctrl-C and Ctrl-D become
`Interrupted` and never come back as None. A prompt's `check` is the same
validation function the scripted path uses: it returns the value to keep or
raises InvalidValue, and the prompt asks again with the reason.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable

from supplier_cli import render
from supplier_cli.errors import Interrupted, InvalidValue, UsageError
from supplier_cli.profile import HIDDEN, mask

Check = Callable[[str], object]


def require_terminal(option: str) -> None:
    """Refuse to prompt without a terminal: answers are never taken from a pipe."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(
            "This command asks questions, and there is no terminal to ask them in.",
            hint=f"Run it in a terminal, or give the answers with {option}.",
        )


def as_default(value: object) -> str:
    """A stored value as the text a prompt starts from."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _ask(question):
    try:
        return question.unsafe_ask()
    except (KeyboardInterrupt, EOFError):
        raise Interrupted("Stopped.") from None


def text(label: str, default: str = "", check: Check | None = None,
         multiline: bool = False, instruction: str = "",
         private: bool = False) -> object:
    """Ask for text; returns what `check` makes of it (the text, if no check).

    An invalid answer is printed with its reason in full, then asked again from
    what was typed: prompt_toolkit's validation bar is one line, cut at the
    terminal's width. A `private` saved value starts the prompt masked, and
    Enter on it unchanged keeps the saved value."""
    import questionary

    if instruction:
        # In brackets, so the answer that follows cannot be read as part of it.
        label = f"{label} ({instruction})"
    masked = mask(default) if private and default else default
    shown = masked
    with _keys_held():
        while True:
            typed = _ask(questionary.text(label, default=shown, multiline=multiline))
            # Only the mask itself stands for the saved value: after a refusal the
            # prompt starts from the refused answer, and Enter on it is that answer.
            answer = default if shown == masked and typed == masked else typed
            try:
                if private and HIDDEN in default and answer == default:
                    raise InvalidValue(
                        f"the saved value holds the mask's character {HIDDEN}, so it "
                        "cannot be kept: type the whole value"
                    )
                if private and HIDDEN in answer:
                    raise InvalidValue(
                        "the saved value is hidden, so it cannot be edited in part: "
                        "clear it (Ctrl-U) and type the whole new value, or leave it "
                        "as it was to keep it"
                    )
                return answer if check is None else check(answer)
            except InvalidValue as error:
                render.message(error.message[:1].upper() + error.message[1:], "red")
                if HIDDEN not in typed:
                    shown = typed
                else:
                    shown = "" if HIDDEN in default else masked


def _keys_held():
    """Keep the terminal in raw mode from one try to the next, as it is during a
    prompt: keys typed in between then reach the next try as keys, and are not
    taken by the terminal's line editing (which would eat a Ctrl-U)."""
    from contextlib import nullcontext

    if os.name != "posix" or not sys.stdin.isatty():
        return nullcontext()
    from prompt_toolkit.input.vt100 import raw_mode

    return raw_mode(sys.stdin.fileno())


def select(label: str, options: list[str], default: str | None = None) -> str:
    import questionary

    return _ask(questionary.select(label, choices=options, default=default))


def confirm(label: str, default: bool = False) -> bool:
    import questionary

    return _ask(questionary.confirm(label, default=default))


def checkbox(label: str, options: list[tuple[str, str]], checked: set[str]) -> list[str]:
    """Ask for several of `options` (value, title); returns the chosen values."""
    import questionary

    choices = [
        questionary.Choice(title, value=value, checked=value in checked)
        for value, title in options
    ]
    return _ask(questionary.checkbox(label, choices=choices))
