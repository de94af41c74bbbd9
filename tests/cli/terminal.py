"""`supplier` in a real pseudo-terminal, for the tests that drive its prompts."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect


def spawn(store: Path, *args: str, width: int = 100) -> pexpect.spawn:
    """`supplier --profiles STORE ARGS...` in a pseudo-terminal 40 lines high."""
    # Nothing answers the cursor position requests of prompt_toolkit in a bare
    # pseudo-terminal; without NO_CPR each prompt waits for the reply.
    env = dict(os.environ, NO_COLOR="1", TERM="xterm", COLUMNS=str(width),
               LINES="40", PROMPT_TOOLKIT_NO_CPR="1")
    return pexpect.spawn(
        sys.executable,
        ["-m", "supplier_cli", "--profiles", str(store), *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(40, width),
    )


def answer_again(child: pexpect.spawn, reason: str, prompt: str, text: str) -> None:
    """After an answer refused for `reason`, wait for `prompt` to be asked again
    (keys sent before it would be lost), clear what it starts from and type `text`."""
    child.expect_exact(reason)
    child.expect_exact(prompt)
    child.send("\x15" + text + "\r")
