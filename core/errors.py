"""The two kinds of error: ones a clerk or villager can act on, and bugs.

A :class:`UserFacingError` carries a Chinese message that is safe to show on screen or
print on one line of a terminal: it never contains an ID number, a password or a token.
Anything else is a bug and goes to the front end's excepthook.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message a clerk or villager can read and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InvalidInput(UserFacingError):
    """Input that fails validation; nothing was changed."""


class NotFound(UserFacingError):
    """The thing asked for does not exist."""


class Conflict(UserFacingError):
    """The operation is not allowed in the current state; nothing was changed."""


class PermissionDenied(UserFacingError):
    """The acting staff member may not do this."""


class AccountLocked(PermissionDenied):
    """Too many failed logins; the account is locked for a while."""


class StorageError(UserFacingError):
    """The database cannot be opened or used as it is (too new, damaged, locked)."""


class BugError(Exception):
    """An internal invariant was violated. Never shown to a villager as-is."""
