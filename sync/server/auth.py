"""Secrets of the Puskesmas server: bearer tokens and one-time enrolment codes, kept only hashed.

No web code and no entry data here; a token or code is never logged.
"""

from __future__ import annotations

import hashlib
import secrets

# No 0/O/1/I: the admin reads the code out or writes it on paper for the kader.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_GROUP = 5
CODE_GROUPS = 2


def hash_secret(secret: str) -> str:
    """sha256 hex; enough because tokens and codes are random, never chosen by a person."""
    return hashlib.sha256(secret.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def new_enroll_code() -> str:
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalize_code(code: str) -> str:
    """Upper case without separators, so `abcde-fghij`, `ABCDE FGHIJ` and `ABCDEFGHIJ` match."""
    return "".join(ch for ch in code.upper() if ch.isalnum())


def bearer_token(authorization: str | None) -> str | None:
    """The token of an `Authorization: Bearer …` header, or None."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return None
    return token
