"""Puskesmas staff accounts for the dashboard: argon2 password hashes, expiring sessions, CSRF.

Keyword-only functions over one session; no web code. Passwords, session tokens and CSRF tokens
are never logged and never stored in clear (the CSRF token is per session and only in the page).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session

from sync.server.models import SERVER_METADATA, StaffSession, StaffUser
from sync.server.times import utc

STAFF_SESSION = SERVER_METADATA.tables["staff_session"]

# A shift at the Puskesmas; idle sessions end sooner so a shared PC does not stay logged in.
SESSION_LIFETIME = timedelta(hours=8)
SESSION_IDLE = timedelta(minutes=60)
MIN_PASSWORD_LENGTH = 10
MAX_USERNAME_LENGTH = 100
# Password guessing: after this many failed logins within the window, further attempts are
# refused unchecked until the oldest failure leaves it. One username from one address, and (for
# guesses spread over many usernames) one address in all.
MAX_FAILED_LOGINS = 5
MAX_FAILED_LOGINS_PER_ADDRESS = 20
FAILED_LOGIN_WINDOW = timedelta(minutes=15)
# Beyond this many remembered keys, the oldest are forgotten (bounded memory under a flood).
_MAX_THROTTLE_KEYS = 10_000

_HASHER = PasswordHasher()
# Verified against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _HASHER.hash(secrets.token_urlsafe(16))


class StaffInputError(ValueError):
    """A username or password refused when adding staff; the message is for the admin."""


@dataclass(frozen=True, slots=True)
class StaffLogin:
    """A valid dashboard session: who, and the CSRF token every form of theirs must carry."""

    username: str
    csrf_token: str
    expires_at: datetime
    # The one Puskesmas this account sees; None for the whole kabupaten (Dinkes).
    puskesmas: str | None = None


class LoginThrottle:
    """Failed dashboard logins remembered by this server process, to slow password guessing.

    Thread-safe. A success forgets the failures of that username from that address. Counting is
    per process: `puskesmas-server` runs one uvicorn process; a restart forgets the counts.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[tuple[str, str], deque[datetime]] = {}

    def wait_for(self, *, username: str, address: str, now: datetime) -> timedelta | None:
        """How long this username from this address must wait before trying again, or None."""
        with self._lock:
            waits = [
                self._locked_for(key, limit=limit, now=now)
                for key, limit in self._keys(username=username, address=address)
            ]
        return max((w for w in waits if w is not None), default=None)

    def failed(self, *, username: str, address: str, now: datetime) -> None:
        with self._lock:
            for key, _limit in self._keys(username=username, address=address):
                times = self._failures.pop(key, None) or deque()
                times.append(now)
                self._failures[key] = times  # re-inserted: the dict stays oldest-first
            while len(self._failures) > _MAX_THROTTLE_KEYS:
                del self._failures[next(iter(self._failures))]

    def succeeded(self, *, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop(_user_key(username, address), None)

    @staticmethod
    def _keys(*, username: str, address: str) -> list[tuple[tuple[str, str], int]]:
        return [
            (_user_key(username, address), MAX_FAILED_LOGINS),
            (("address", address), MAX_FAILED_LOGINS_PER_ADDRESS),
        ]

    def _locked_for(self, key: tuple[str, str], *, limit: int, now: datetime) -> timedelta | None:
        times = self._failures.get(key)
        if times is None:
            return None
        while times and times[0] <= now - FAILED_LOGIN_WINDOW:
            times.popleft()
        if not times:
            del self._failures[key]
            return None
        if len(times) < limit:
            return None
        return times[-limit] + FAILED_LOGIN_WINDOW - now


def _user_key(username: str, address: str) -> tuple[str, str]:
    return ("user", f"{username.strip().casefold()}\n{address}")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def add_staff(
    *,
    session: Session,
    username: str,
    password: str,
    now: datetime,
    puskesmas: str | None = None,
) -> None:
    """Create a staff user, or set a new password for an existing one (and end their sessions).

    ``puskesmas`` scopes the account to one Puskesmas; None lets it see the whole kabupaten.

    Raises:
        StaffInputError: empty or over-long username, or a password shorter than 10 characters.
    """
    username = username.strip()
    if not username or len(username) > MAX_USERNAME_LENGTH or any(c.isspace() for c in username):
        raise StaffInputError("Nama pengguna harus diisi, tanpa spasi, paling banyak 100 huruf.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffInputError(f"Kata sandi paling sedikit {MIN_PASSWORD_LENGTH} karakter.")
    existing = session.get(StaffUser, username)
    if existing is None:
        session.add(
            StaffUser(
                username=username,
                password_hash=hash_password(password),
                created_at=now,
                puskesmas=puskesmas,
            )
        )
    else:
        existing.password_hash = hash_password(password)
        existing.disabled_at = None
        existing.puskesmas = puskesmas
        session.execute(sa.delete(STAFF_SESSION).where(STAFF_SESSION.c.username == username))
    session.commit()


def log_in(
    *, session: Session, username: str, password: str, now: datetime
) -> tuple[str, StaffLogin] | None:
    """Check the password; on success a new session token (for the cookie) and its login."""
    user = session.get(StaffUser, username.strip()) if username.strip() else None
    if user is None or user.disabled_at is not None:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    token = secrets.token_urlsafe(32)
    login = StaffLogin(
        username=user.username,
        csrf_token=secrets.token_urlsafe(32),
        expires_at=now + SESSION_LIFETIME,
        puskesmas=user.puskesmas,
    )
    session.add(
        StaffSession(
            token_hash=_token_hash(token),
            username=user.username,
            csrf_token=login.csrf_token,
            created_at=now,
            last_seen=now,
            expires_at=login.expires_at,
        )
    )
    # Expired sessions of everyone are swept at each login; nothing else needs them.
    session.execute(sa.delete(STAFF_SESSION).where(STAFF_SESSION.c.expires_at <= now))
    session.commit()
    return token, login


def login_for_token(*, session: Session, token: str | None, now: datetime) -> StaffLogin | None:
    """The live login behind a session cookie, refreshing its idle timer; None when expired."""
    if not token:
        return None
    row = session.get(StaffSession, _token_hash(token))
    if row is None:
        return None
    user = session.get(StaffUser, row.username)
    expired = utc(row.expires_at) <= now or utc(row.last_seen) + SESSION_IDLE <= now
    if expired or user is None or user.disabled_at is not None:
        session.delete(row)
        session.commit()
        return None
    row.last_seen = now
    login = StaffLogin(
        username=row.username,
        csrf_token=row.csrf_token,
        expires_at=utc(row.expires_at),
        puskesmas=user.puskesmas,
    )
    session.commit()
    return login


def log_out(*, session: Session, token: str | None) -> None:
    if token:
        session.execute(
            sa.delete(STAFF_SESSION).where(STAFF_SESSION.c.token_hash == _token_hash(token))
        )
        session.commit()


def csrf_ok(expected: str, submitted: str | None) -> bool:
    """Constant-time comparison of a form's CSRF token with the session's."""
    return bool(submitted) and hmac.compare_digest(expected.encode(), (submitted or "").encode())
