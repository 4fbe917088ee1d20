"""``kader-app backup PATH``: a consistent, still-encrypted copy of the local database.

Uses the SQLite online backup API, so it is safe while the app is open. Prints only paths and
counts, never health data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from kader_app.core.database import db_path
from kader_app.core.errors import RegisterError
from kader_app.core.keystore import key_location
from kader_app.core.register import Register


def backup_command(*, data_dir: Path, target: Path, out: TextIO) -> int:
    """Copy the database of ``data_dir`` to ``target``; returns the process exit code (0 or 1)."""
    if not db_path(data_dir).exists():
        out.write(f"Gagal: tidak ada database di {data_dir}.\n")
        return 1
    if target.is_dir():
        target = target / "kader-backup.db"
    # Through the Register, so the copy is written to the audit log like any other export.
    try:
        register = Register.open(data_dir)
    except RegisterError:
        out.write(
            f"Gagal: database tidak bisa dibuka dengan kunci yang ada ({key_location(data_dir)}).\n"
        )
        return 1
    try:
        register.backup(target)
    except OSError as exc:
        out.write(f"Gagal menyimpan cadangan ke {target}: {exc.strerror or exc}.\n")
        return 1
    finally:
        register.close()
    out.write(
        f"Cadangan tersimpan: {target}\n"
        f"Cadangan ini terenkripsi dengan kunci yang sama ({key_location(data_dir)}).\n"
        "Simpan kunci itu di tempat aman: tanpa kunci, cadangan tidak bisa dibuka.\n"
    )
    return 0
