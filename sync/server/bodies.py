"""Request bodies of the sync API: size limits, gzip or zstd, and JSON decoded with a depth limit.

Parsing only: no database access. Error messages never quote the body (it holds health data).
A push body whose whole does not decode is split into its items (`item_split`), so one item
nested too deep, or holding NaN, is refused alone and the others are still stored.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from typing import Annotated, Any

import pydantic_core
from fastapi import Depends, HTTPException, Request

from sync.protocol import OFFER_ZSTD
from sync.server.item_split import split_push_body
from sync.wire import WireError, zstd_decompress

MAX_WIRE_BYTES = 8 * 1024 * 1024
# The most JSON one request may inflate to: a full batch of the largest real items fits many
# times over; a gzip bomb stops here. The client halves its batch on 413.
MAX_JSON_BYTES = 32 * 1024 * 1024
MAX_ITEMS_PER_BATCH = 2000
MAX_AUDIT_LINKS = 2000

BAD_JSON = "Isi kiriman bukan JSON yang sah."


def too_large() -> HTTPException:
    return HTTPException(status_code=413, detail="Paket data terlalu besar.")


async def read_limited(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_WIRE_BYTES:
        raise too_large()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_WIRE_BYTES:
            raise too_large()
        chunks.append(chunk)
    return b"".join(chunks)


def gunzip_limited(data: bytes) -> bytes:
    """Inflate one gzip member, refusing one that grows past `MAX_JSON_BYTES` or trails junk."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, MAX_JSON_BYTES + 1)
        if len(out) > MAX_JSON_BYTES or inflater.unconsumed_tail:
            raise too_large()
        out += inflater.flush()
    except zlib.error:
        raise HTTPException(status_code=400, detail="Isi kiriman gzip rusak.") from None
    if not inflater.eof:
        raise HTTPException(status_code=400, detail="Isi kiriman gzip terpotong.")
    if inflater.unused_data:
        raise HTTPException(status_code=400, detail="Ada data lain setelah isi gzip.")
    if len(out) > MAX_JSON_BYTES:
        raise too_large()
    return out


_ZSTD_REFUSALS = {
    "corrupt": "Isi kiriman zstd rusak.",
    "truncated": "Isi kiriman zstd terpotong.",
    "trailing": "Ada data lain setelah isi zstd.",
}


def unzstd_limited(data: bytes) -> bytes:
    """Inflate one zstd frame, refusing one that grows past `MAX_JSON_BYTES` or trails junk."""
    try:
        return zstd_decompress(data, limit=MAX_JSON_BYTES)
    except WireError as exc:
        if exc.kind == "too_large":
            raise too_large() from None
        raise HTTPException(
            status_code=400, detail=_ZSTD_REFUSALS.get(exc.kind, _ZSTD_REFUSALS["corrupt"])
        ) from None


async def raw_body(request: Request) -> bytes:
    """FastAPI dependency: the body's JSON bytes, inflated for `Content-Encoding` gzip or zstd.

    zstd only when this server has it (it says so in `OFFERS_HEADER`); else 415.
    """
    data = await read_limited(request)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        data = gunzip_limited(data)
    elif encoding == OFFER_ZSTD and OFFER_ZSTD in request.app.state.offers:
        data = unzstd_limited(data)
    elif encoding not in ("identity", ""):
        raise HTTPException(status_code=415, detail="Content-Encoding tidak didukung.")
    if len(data) > MAX_JSON_BYTES:
        raise too_large()
    return data


RawBodyDep = Annotated[bytes, Depends(raw_body)]


def decode_json(data: bytes | str) -> Any:
    """Strict JSON: nesting bounded (deeper is refused, never a crash), no NaN or Infinity.

    Raises:
        ValueError: not JSON by these rules (also invalid UTF-8).
    """
    return pydantic_core.from_json(data, allow_inf_nan=False, cache_strings=False)


def decode_body(data: bytes) -> Any:
    """The body as JSON, or a 400 that never quotes it."""
    try:
        return decode_json(data)
    except ValueError:
        raise HTTPException(status_code=400, detail=BAD_JSON) from None


@dataclass(frozen=True, slots=True)
class UnreadableItem:
    """A push item whose own JSON does not decode; its id and version as far as they show."""

    id: str
    version: int


def decode_push(data: bytes) -> Any:
    """A push body as JSON; when only some items are unreadable, those become `UnreadableItem`.

    The whole body is decoded in one pass when it can be. Otherwise it is split at its items
    (strings and brackets only, no recursion), the envelope and each item decoded apart.
    """
    try:
        return decode_json(data)
    except ValueError:
        pass
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(status_code=400, detail=BAD_JSON) from None
    split = split_push_body(text, max_items=MAX_ITEMS_PER_BATCH)
    if split is None:
        raise HTTPException(status_code=400, detail=BAD_JSON)
    if len(split.items) > MAX_ITEMS_PER_BATCH:
        raise too_large()
    envelope = decode_body(split.envelope.encode("utf-8"))
    if not isinstance(envelope, dict):
        raise HTTPException(status_code=400, detail=BAD_JSON)
    items: list[Any] = []
    for part in split.items:
        try:
            items.append(decode_json(part.text))
        except ValueError:
            items.append(UnreadableItem(id=part.item_id, version=part.version))
    envelope["items"] = items
    return envelope
