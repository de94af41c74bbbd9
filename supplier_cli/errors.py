"""The errors `supplier` reports, each with its documented exit code.

Domain and storage code raise these; the CLI boundary prints the message and
exits with the code. The codes are listed in the README.
"""

from __future__ import annotations


class SupplierError(Exception):
    """An error with a message for the user and an exit code."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InvalidValue(SupplierError):
    """A value given for a field is not valid; the message says why."""

    exit_code = 1


class InvalidAnswers(SupplierError):
    """Several values are invalid; each problem is listed."""

    exit_code = 1

    def __init__(self, message: str, problems: list[tuple[str, str]], hint: str = ""):
        super().__init__(message, hint)
        self.problems = problems


class UsageError(SupplierError):
    """The command was called in a way it cannot work (for example, no terminal)."""

    exit_code = 2


class BadDataFile(SupplierError):
    """A file in the store or given as input does not parse or does not validate."""

    exit_code = 3


class NotFound(SupplierError):
    """A customer, request, key or file that was named does not exist."""

    exit_code = 4


class Refused(SupplierError):
    """The action is not allowed in the current state; the message says what is."""

    exit_code = 5


class StoreBusy(SupplierError):
    """Another `supplier` process held the store lock for too long."""

    exit_code = 6


class CannotWrite(SupplierError):
    """A file could not be written (no space left, no permission); the old one is kept."""

    exit_code = 7


class Interrupted(SupplierError):
    """The user pressed Ctrl-C or Ctrl-D at a prompt."""

    exit_code = 130
