"""Request bodies of the sync API: gzip JSON decoding with size limits, and the push envelope.

Parsing only: no database access. Error messages never quote the body (it holds health data).
"""

from __future__ import annotations

import json
import zlib
from datetime import datetime
from typing import Any

from fastapi import HTTPException, Request
from pydantic import BaseModel, Field

MAX_WIRE_BYTES = 8 * 1024 * 1024
# A gzip bomb inflates 1000×; nothing legitimate comes near this after decompression.
MAX_JSON_BYTES = 64 * 1024 * 1024
MAX_ITEMS_PER_BATCH = 2000


class PushEnvelope(BaseModel):
    """A push request with its items left raw, so one malformed item is rejected on its own."""

    batch_id: str = Field(min_length=1, max_length=100)
    device_id: str
    app_version: str = Field(max_length=50)
    protocol_version: int
    client_time: datetime
    items: list[Any] = Field(max_length=MAX_ITEMS_PER_BATCH)
    pending_count: int | None = None


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
    """Inflate a gzip body, refusing one that grows past `MAX_JSON_BYTES`."""
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
    if len(out) > MAX_JSON_BYTES:
        raise too_large()
    return out


async def json_body(request: Request) -> Any:
    """FastAPI dependency: the request body as JSON, gunzipped when `Content-Encoding: gzip`."""
    data = await read_limited(request)
    encoding = request.headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":
        data = gunzip_limited(data)
    elif encoding not in ("identity", ""):
        raise HTTPException(status_code=415, detail="Content-Encoding tidak didukung.")
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError):
        raise HTTPException(status_code=400, detail="Isi kiriman bukan JSON yang sah.") from None
