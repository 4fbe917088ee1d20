"""The server's transfer keys: X25519 (files are sealed to it) and Ed25519 (receipts are signed).

Made once with the database (migration 0005) and kept in `server_meta`. Only the public halves
are ever handed out (in the enrolment answer); nothing here logs or returns a private key text.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

import nacl.public
import nacl.signing
import sqlalchemy as sa

from sync.server.store.tables import META

BOX_KEY = "transfer_box_key"
SIGN_KEY = "transfer_sign_key"


@dataclass(frozen=True, slots=True)
class ServerKeys:
    """Both private keys (raw 32 bytes, kept out of the repr) and their public halves."""

    box_private: bytes = field(repr=False)
    sign_private: bytes = field(repr=False)

    @property
    def box_public(self) -> str:
        """Base64 of the key transfer files are sealed to."""
        return _b64(bytes(nacl.public.PrivateKey(self.box_private).public_key))

    @property
    def sign_public(self) -> str:
        """Base64 of the key receipts are verified with."""
        return _b64(bytes(nacl.signing.SigningKey(self.sign_private).verify_key))


def load_server_keys(connection: sa.Connection) -> ServerKeys:
    """This database's key pairs.

    Raises:
        RuntimeError: the database has none (its migrations did not run).
    """
    rows = {
        str(key): str(value)
        for key, value in connection.execute(
            sa.select(META.c.key, META.c.value).where(META.c.key.in_((BOX_KEY, SIGN_KEY)))
        )
    }
    if BOX_KEY not in rows or SIGN_KEY not in rows:
        raise RuntimeError("database has no transfer keys; migrations did not run")
    return ServerKeys(
        box_private=base64.b64decode(rows[BOX_KEY]), sign_private=base64.b64decode(rows[SIGN_KEY])
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
