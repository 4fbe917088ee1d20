"""The vocabulary's words as the life-cycle panels and the KMS chart look them up, by table.

Words only, in the current language; nothing here decides anything.
"""

from __future__ import annotations

from typing import Literal

from kader_app.ui.labels import language
from screening import words
from screening.words import W

Table = Literal["fields", "items"]


def word(section: str, table: Table, key: str) -> str:
    """The vocabulary's word for ``key`` in ``section``'s ``table``, else the pending one.

    Raises:
        KeyError: a key neither holds (a typo in a panel, found by its tests).
    """
    found = words.section_words(section)
    if found is None:
        raise KeyError(section)
    entry: W = getattr(found, table)[key]
    return entry.get(language())


def none_listed() -> str:
    """The words for an empty list ("tidak ada")."""
    return words.NONE_LISTED.get(language())
