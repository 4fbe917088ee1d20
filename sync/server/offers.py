"""What this server takes beyond gzip JSON, and the `Sync-Offers` header that says so.

By default every offer this installation can serve (zstd only with the ``zstandard`` package).
``PUSKESMAS_SYNC_OFFERS`` narrows it (a comma list; empty: none, as a server before them): a
laptop uses an offer only after it saw it (`sync.client`), so this is how a server stops one
being used, e.g. while an older server process still answers behind the same proxy. A server
that does not offer zstd refuses zstd bodies (415) and never answers in zstd.

The header is added by a pure ASGI middleware (no body buffering) to answers under ``/api/``.
"""

from __future__ import annotations

import os

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import OFFER_HASH_PREFIX, OFFER_ZSTD, OFFERS_HEADER
from sync.wire import ZSTD

OFFERS_ENV = "PUSKESMAS_SYNC_OFFERS"
AVAILABLE = (OFFER_ZSTD, OFFER_HASH_PREFIX) if ZSTD else (OFFER_HASH_PREFIX,)


def configured_offers() -> frozenset[str]:
    """The offers of this process: `AVAILABLE`, or those of them named in `OFFERS_ENV`."""
    named = os.environ.get(OFFERS_ENV)
    if named is None:
        return frozenset(AVAILABLE)
    wanted = {part.strip().lower() for part in named.split(",")}
    return frozenset(o for o in AVAILABLE if o in wanted)


class OffersHeader:
    """Adds `OFFERS_HEADER` (the app's ``state.offers``) to every answer under ``/api/``."""

    def __init__(self, app: ASGIApp, *, offers: frozenset[str]) -> None:
        self.app = app
        value = ", ".join(o for o in AVAILABLE if o in offers)
        self.header = (OFFERS_HEADER.lower().encode("latin-1"), value.encode("latin-1"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not str(scope.get("path", "")).startswith("/api/"):
            await self.app(scope, receive, send)
            return

        async def send_with_offers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), self.header]
            await send(message)

        await self.app(scope, receive, send_with_offers)
