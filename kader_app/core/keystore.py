"""Where the database key lives: the OS keyring when a real one exists, else a 0600 key file.

The key file sits beside the data directory (``<data_dir>.key``), never inside it, so copying
the data folder alone does not copy the key. Never logs or prints a key.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from kader_app.core.errors import DatabaseKeyError

KEYRING_ENV = "KADER_APP_KEYRING"
KEYRING_SERVICE = "kader-app-database"
KEY_BYTES = 32


def key_file_path(data_dir: Path) -> Path:
    """The key file for ``data_dir``: a sibling named ``<dirname>.key``."""
    resolved = data_dir.resolve()
    return resolved.parent / f"{resolved.name}.key"


def load_or_create_key(data_dir: Path, *, create: bool) -> bytes:
    """Return the 256-bit key for ``data_dir``, making one only when ``create`` is true.

    ``create`` must be false once a database exists: a fresh key would make it unreadable, so a
    missing key is an error instead.

    Raises:
        DatabaseKeyError: no key found and ``create`` is false, or a damaged key file.
    """
    path = key_file_path(data_dir)
    if path.exists():
        return _read_key_file(path)
    account = str(data_dir.resolve())
    if _keyring_usable():
        stored = _keyring_get(account)
        if stored is not None:
            return stored
    if not create:
        raise DatabaseKeyError(f"no database key found (looked in the keyring and {path})")
    key = secrets.token_bytes(KEY_BYTES)
    if _keyring_usable() and _keyring_set(account, key):
        return key
    _write_key_file(path, key)
    return key


def key_location(data_dir: Path) -> str:
    """Where the key for ``data_dir`` is kept, for messages and the recovery guide."""
    path = key_file_path(data_dir)
    if path.exists() or not _keyring_usable():
        return str(path)
    return f"keyring service {KEYRING_SERVICE!r}, account {str(data_dir.resolve())!r}"


def _keyring_usable() -> bool:
    if os.environ.get(KEYRING_ENV, "").lower() in {"off", "0", "no", "false"}:
        return False
    try:
        import keyring
        from keyring.backends import chainer, fail
    except ImportError:
        return False
    try:
        backend = keyring.get_keyring()
    except Exception:  # any backend failure means "no keyring here"
        return False
    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
        return False
    return float(getattr(backend, "priority", 0)) > 0


def _keyring_get(account: str) -> bytes | None:
    import keyring

    try:
        value = keyring.get_password(KEYRING_SERVICE, account)
    except Exception:  # a locked or broken keyring behaves like an empty one
        return None
    if value is None:
        return None
    return _decode(value, source="keyring")


def _keyring_set(account: str, key: bytes) -> bool:
    import keyring

    try:
        keyring.set_password(KEYRING_SERVICE, account, key.hex())
        # Read back: some backends accept a write and lose it.
        return keyring.get_password(KEYRING_SERVICE, account) == key.hex()
    except Exception:  # fall back to the key file
        return False


def _read_key_file(path: Path) -> bytes:
    return _decode(path.read_text(encoding="ascii").strip(), source=str(path))


def _decode(text: str, *, source: str) -> bytes:
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise DatabaseKeyError(f"damaged key in {source}") from None
    if len(key) != KEY_BYTES:
        raise DatabaseKeyError(f"damaged key in {source}")
    return key


def _write_key_file(path: Path, key: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key.hex() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def forget_key(data_dir: Path) -> None:
    """Remove the key from the keyring and the key file (once kader PINs protect it)."""
    path = key_file_path(data_dir)
    if path.exists():
        path.unlink()
    if _keyring_usable():
        import keyring

        try:
            keyring.delete_password(KEYRING_SERVICE, str(data_dir.resolve()))
        except Exception:  # nothing stored there, or a keyring that cannot delete
            return
