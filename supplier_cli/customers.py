"""Customers and connections. Pure: no I/O, no terminal."""

from __future__ import annotations

import datetime as dt
import unicodedata

from supplier_cli import validation
from supplier_cli.errors import InvalidValue

CONNECTION_STATES = ("pending", "approved", "rejected", "expired")
EXPIRY_DAYS = 30
MAX_REQUESTS = 3


def check_name(name: object) -> str:
    text = unicodedata.normalize("NFC", str(name or ""))
    if not text.strip():
        raise InvalidValue("a customer needs a name")
    return text


def new_connection(name: str, contact: str, today: dt.date) -> dict:
    """A customer record with a pending connection request sent today."""
    return {
        "name": check_name(name),
        "connection": {
            "status": "pending",
            "contact": validation.check_email(contact),
            "requests": [today],
        },
    }
