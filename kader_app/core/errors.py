"""The errors the Register raises, as codes the GUI translates. Qt-free.

Messages carry ids and codes only, never names, NIKs or measurements, because they may be logged.
"""

from __future__ import annotations


class RegisterError(Exception):
    """Base of every error the Register facade raises on purpose."""


class PersonInputError(RegisterError, ValueError):
    """A field of a form refused: ``field`` names it, ``code`` says why (e.g. ``required``)."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code


class DuplicateNikError(RegisterError):
    """The NIK already belongs to another registered person (``existing_id``)."""

    def __init__(self, existing_id: str) -> None:
        super().__init__(f"nik already registered to person {existing_id}")
        self.existing_id = existing_id


class StaleVersionError(RegisterError):
    """The record changed since the form was opened: reload and edit again."""

    def __init__(self, entity_id: str, *, expected: int, current: int) -> None:
        super().__init__(f"{entity_id}: base version {expected}, current {current}")
        self.entity_id = entity_id
        self.expected = expected
        self.current = current


class NotFoundError(RegisterError, LookupError):
    """No person or visit with that id."""

    def __init__(self, kind: str, entity_id: str) -> None:
        super().__init__(f"{kind} {entity_id} not found")
        self.kind = kind
        self.entity_id = entity_id


class DatabaseKeyError(RegisterError):
    """The database cannot be opened with the key found (wrong or missing key, or not a DB)."""
