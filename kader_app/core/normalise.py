"""Normal forms of what people type: names for search and duplicate checks, NIK/KK digits.

A leaf: it imports only the NIK rule's separator stripping, so every store can use it.
"""

from __future__ import annotations

from screening.rules.nik import normalise_number as _strip_separators


def normalise_name(name: str) -> str:
    """Case- and space-insensitive form of a name, used for search and duplicate checks."""
    return " ".join(name.split()).casefold()


def normalise_number(value: str | None) -> str | None:
    """A NIK or KK as digits only (spaces, dots and dashes removed); ``None`` when empty."""
    if value is None:
        return None
    cleaned = _strip_separators(value)
    return cleaned or None
