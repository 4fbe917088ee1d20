"""Splitting a push body that does not decode as a whole into its envelope and its items' texts.

Only strings and brackets are read (a regular expression, and a stack that is a plain list), so
nesting of any depth costs memory, never recursion. Pure text work: nothing here decodes values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A JSON string (escapes included), or one structural character.
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}:,]', re.DOTALL)
_ID = re.compile(r'^\s*\{\s*"id"\s*:\s*"([0-9A-Za-z-]{1,64})"')
_VERSION = re.compile(r'"version"\s*:\s*([0-9]{1,9})\s*[,}]')
_PEEK = 400


@dataclass(frozen=True, slots=True)
class ItemText:
    """One element of the body's ``items`` array, as text; its id and version when they show."""

    text: str
    item_id: str
    version: int


@dataclass(frozen=True, slots=True)
class SplitBody:
    envelope: str
    items: list[ItemText]


def _item(text: str) -> ItemText:
    head = text[:_PEEK]
    found_id = _ID.match(head)
    # The envelope's own fields come before the payload in what the app sends.
    before_payload = head.split('"payload"', 1)[0]
    found_version = _VERSION.search(before_payload)
    return ItemText(
        text=text,
        item_id=found_id.group(1) if found_id else "",
        version=int(found_version.group(1)) if found_version else 0,
    )


def split_push_body(text: str, *, max_items: int) -> SplitBody | None:
    """The body with ``items`` emptied, and each item's text; None when that shape is not there.

    More than ``max_items`` items are returned as they are (the caller refuses the request).
    """
    stack: list[str] = []
    key: str | None = None
    expect_key = False
    items_open = -1
    element_start = -1
    items: list[ItemText] = []
    items_span: tuple[int, int] | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        depth = len(stack)
        if token in "{[":
            if depth == 1 and token == "[" and key == "items" and items_span is None:
                items_open = match.start()
                element_start = match.end()
            stack.append(token)
            expect_key = token == "{"
            continue
        if token in "}]":
            if not stack or (stack[-1] == "{") != (token == "}"):
                return None
            if depth == 2 and items_open >= 0 and token == "]":
                part = text[element_start : match.start()]
                if part.strip():
                    items.append(_item(part))
                items_span = (items_open, match.end())
                items_open = -1
            stack.pop()
            expect_key = False
            continue
        if token == ",":
            if depth == 2 and items_open >= 0:
                items.append(_item(text[element_start : match.start()]))
                if len(items) > max_items:
                    return SplitBody(envelope="", items=items)
                element_start = match.end()
            expect_key = bool(stack) and stack[-1] == "{"
            continue
        if token == ":":
            expect_key = False
            continue
        if depth == 1 and expect_key:
            key = token[1:-1]
    if items_span is None or stack:
        return None
    start, end = items_span
    return SplitBody(envelope=text[:start] + "[]" + text[end:], items=items)
