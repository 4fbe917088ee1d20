"""Kader profiles with a PIN: who is on duty, and the database key wrapped by their PINs.

The database key is kept only wrapped: once per profile by a key derived from its 6-digit PIN
(argon2id, libsodium through PyNaCl), and once by a recovery key that the Puskesmas keeps. The
file (``profiles.json`` in the data folder) holds no key in the clear, so neither it nor the
old key file opens the database alone. Wrong PINs are throttled. Qt-free; never logs a PIN or
a key.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Final, Literal

import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils

from kader_app.core.database import PROFILES_FILE, connect_raw, db_path
from kader_app.core.errors import RegisterError
from kader_app.core.keystore import forget_key, load_or_create_key

PIN_LENGTH: Final = 6
# 64 MiB and 3 passes: about a quarter of a second on a village laptop, per try.
KDF_OPS: Final = 3
KDF_MEM: Final = 64 * 1024 * 1024
# Five wrong PINs in a row make the profile wait 30 s, doubling to at most 15 minutes.
FREE_TRIES: Final = 5
FIRST_WAIT: Final = timedelta(seconds=30)
LONGEST_WAIT: Final = timedelta(minutes=15)
RECOVERY_GROUPS: Final = 8

Role = Literal["kader", "nakes"]


class ProfileError(RegisterError):
    """A profile action refused: ``code`` says why (``pin_format``, ``name``, ``unknown``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class WrongPinError(RegisterError):
    """The PIN does not open the profile; ``wait`` is how long before the next try (or 0)."""

    def __init__(self, *, tries_left: int, wait: timedelta) -> None:
        super().__init__("wrong pin")
        self.tries_left = tries_left
        self.wait = wait


class ProfileLockedError(RegisterError):
    """Too many wrong PINs: the profile may be tried again after ``until``."""

    def __init__(self, until: datetime) -> None:
        super().__init__("profile waiting after wrong pins")
        self.until = until


@dataclass(frozen=True, slots=True)
class Profile:
    """A kader or nakes on this laptop, as the "Siapa yang bertugas?" screen lists them."""

    id: str
    name: str
    role: Role


def profiles_path(data_dir: Path) -> Path:
    return data_dir / PROFILES_FILE


def has_profiles(data_dir: Path) -> bool:
    """Whether this data folder's key is protected by kader PINs."""
    return profiles_path(data_dir).exists()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


def _derive(secret: bytes, salt: bytes) -> bytes:
    return bytes(
        nacl.pwhash.argon2id.kdf(
            nacl.secret.SecretBox.KEY_SIZE, secret, salt, opslimit=KDF_OPS, memlimit=KDF_MEM
        )
    )


def _wrap(key: bytes, secret: bytes) -> dict[str, str]:
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_derive(secret, salt))
    return {"salt": _b64(salt), "wrapped": _b64(bytes(box.encrypt(key)))}


def _unwrap(entry: dict[str, Any], secret: bytes) -> bytes | None:
    box = nacl.secret.SecretBox(_derive(secret, _unb64(entry["salt"])))
    try:
        return bytes(box.decrypt(_unb64(entry["wrapped"])))
    except nacl.exceptions.CryptoError:
        return None


def check_pin(pin: str) -> None:
    """Raises: ProfileError: not exactly six digits (code ``pin_format``)."""
    if len(pin) != PIN_LENGTH or not pin.isascii() or not pin.isdigit():
        raise ProfileError("pin_format")


def new_recovery_key() -> str:
    """A recovery key to print once and deposit with the Puskesmas: 8 groups of 4 characters."""
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O or 1/I to misread on paper
    return "-".join(
        "".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(RECOVERY_GROUPS)
    )


def _recovery_secret(text: str) -> bytes:
    return "".join(ch for ch in text.upper() if ch.isalnum()).encode("ascii")


class ProfileBook:
    """The profiles of one data folder and the wrapped key (read and written whole)."""

    def __init__(self, data_dir: Path) -> None:
        self.path = profiles_path(data_dir)

    def _read(self) -> dict[str, Any]:
        data: dict[str, Any] = json.loads(self.path.read_text(encoding="utf-8"))
        return data

    def _write(self, data: dict[str, Any]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)

    def profiles(self) -> list[Profile]:
        return [
            Profile(id=p["id"], name=p["name"], role=p["role"]) for p in self._read()["profiles"]
        ]

    def create(self, *, key: bytes, name: str, role: Role, pin: str, recovery_key: str) -> Profile:
        """Protect ``key`` with a first profile and a recovery key (the file must not exist).

        Raises:
            ProfileError: a blank name, a PIN not of six digits, or the file already there.
        """
        if self.path.exists():
            raise ProfileError("exists")
        profile = self._entry(key=key, name=name, role=role, pin=pin)
        self._write(
            {
                "version": 1,
                "profiles": [profile],
                "recovery": _wrap(key, _recovery_secret(recovery_key)),
            }
        )
        return Profile(id=profile["id"], name=profile["name"], role=role)

    def add(self, *, key: bytes, name: str, role: Role, pin: str) -> Profile:
        """Another kader on this laptop (someone already unlocked gives ``key``)."""
        data = self._read()
        profile = self._entry(key=key, name=name, role=role, pin=pin)
        data["profiles"].append(profile)
        self._write(data)
        return Profile(id=profile["id"], name=profile["name"], role=role)

    @staticmethod
    def _entry(*, key: bytes, name: str, role: Role, pin: str) -> dict[str, Any]:
        clean = " ".join(name.split())
        if not clean:
            raise ProfileError("name")
        if role not in ("kader", "nakes"):
            raise ProfileError("role")
        check_pin(pin)
        return {
            "id": str(uuid.uuid4()),
            "name": clean,
            "role": role,
            **_wrap(key, pin.encode("ascii")),
            "failures": 0,
            "waiting_until": None,
        }

    def unlock(self, profile_id: str, pin: str, *, now: datetime | None = None) -> bytes:
        """The database key, when ``pin`` is this profile's.

        Raises:
            ProfileError: no such profile (``unknown``) or a PIN not of six digits.
            ProfileLockedError: still waiting after too many wrong PINs.
            WrongPinError: a wrong PIN (counted; the fifth in a row makes the profile wait).
        """
        now = now or datetime.now(UTC)
        check_pin(pin)
        data = self._read()
        entry = next((p for p in data["profiles"] if p["id"] == profile_id), None)
        if entry is None:
            raise ProfileError("unknown")
        waiting = entry.get("waiting_until")
        if waiting is not None and datetime.fromisoformat(waiting) > now:
            raise ProfileLockedError(datetime.fromisoformat(waiting))
        key = _unwrap(entry, pin.encode("ascii"))
        if key is None:
            entry["failures"] = int(entry.get("failures", 0)) + 1
            over = entry["failures"] - FREE_TRIES
            wait = timedelta(0)
            if over >= 0:
                wait = min(LONGEST_WAIT, FIRST_WAIT * (2**over))
                entry["waiting_until"] = (now + wait).isoformat()
            self._write(data)
            raise WrongPinError(tries_left=max(0, FREE_TRIES - entry["failures"]), wait=wait)
        if entry.get("failures") or entry.get("waiting_until"):
            entry["failures"], entry["waiting_until"] = 0, None
            self._write(data)
        return key

    def key_from_recovery(self, recovery_key: str) -> bytes:
        """The database key the recovery key unwraps (to rescue the data by hand).

        Raises:
            ProfileError: a wrong recovery key (``recovery``).
        """
        key = _unwrap(self._read()["recovery"], _recovery_secret(recovery_key))
        if key is None:
            raise ProfileError("recovery")
        return key

    def recover(self, recovery_key: str, *, profile_id: str, new_pin: str) -> bytes:
        """The database key from the recovery key; the profile gets ``new_pin`` (a forgotten PIN).

        Raises:
            ProfileError: a wrong recovery key (``recovery``), an unknown profile, a bad PIN.
        """
        check_pin(new_pin)
        key = self.key_from_recovery(recovery_key)
        data = self._read()
        entry = next((p for p in data["profiles"] if p["id"] == profile_id), None)
        if entry is None:
            raise ProfileError("unknown")
        entry.update(_wrap(key, new_pin.encode("ascii")), failures=0, waiting_until=None)
        self._write(data)
        return key


def protect_with_first_profile(
    data_dir: Path, *, name: str, role: Role, pin: str
) -> tuple[Profile, str, bytes]:
    """Protect this folder's key with its first profile; returns it, the recovery key, the key.

    The key found today (keyring or key file; a new one for a new folder) is wrapped, checked
    against the database, and only then removed from where it was. Show the recovery key once,
    to be printed and deposited with the Puskesmas.

    Raises:
        ProfileError: a bad name or PIN, or profiles already there.
        DatabaseKeyError: the key found does not open the database.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    database = db_path(data_dir)
    key = load_or_create_key(data_dir, create=not database.exists())
    if database.exists():
        connect_raw(database, key=key).close()  # refuses a key that does not open it
    recovery = new_recovery_key()
    profile = ProfileBook(data_dir).create(
        key=key, name=name, role=role, pin=pin, recovery_key=recovery
    )
    forget_key(data_dir)
    return profile, recovery, key
