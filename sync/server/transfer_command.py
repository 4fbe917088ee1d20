"""`puskesmas-server import-transfer FILE [--receipt OUT]`: a flash-drive file in, its receipt out.

Command-line glue over `transfer_import`; what it prints is for the Puskesmas admin, in Bahasa
Indonesia, and names entries only by how many.
"""

from __future__ import annotations

import getpass
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from sync.server.transfer_import import ImportDone, ImportRefusedError, import_transfer
from sync.transfer import MAX_TRANSFER_BYTES

RECEIPT_SUFFIX = ".tanda-terima"


def default_receipt(transfer: Path) -> Path:
    """Beside the file: ``<file>.tanda-terima``."""
    return transfer.with_name(transfer.name + RECEIPT_SUFFIX)


def summary(done: ImportDone) -> str:
    """``12 data diterima, 3 sudah ada, 1 ditolak`` (conflicts counted with the refused)."""
    refused = done.counts.get("rejected", 0) + done.counts.get("conflict", 0)
    return (
        f"{done.counts.get('accepted', 0)} data diterima, {done.counts.get('duplicate', 0)} "
        f"sudah ada sebelumnya, {refused} ditolak"
    )


def import_transfer_command(*, engine: Engine, transfer: Path, receipt: Path | None) -> int:
    """Import ``transfer`` and write its signed receipt; 0 when imported, 1 when nothing was.

    What was done goes to stdout, why nothing was to stderr (both looked up at call time).
    """
    out, err = sys.stdout, sys.stderr
    try:
        with transfer.open("rb") as handle:
            data = handle.read(MAX_TRANSFER_BYTES + 1)
    except OSError as exc:
        print(f"Gagal membaca {transfer}: {exc.strerror or exc}.", file=err)
        return 1
    try:
        with Session(engine) as session:
            done = import_transfer(
                session=session,
                data=data,
                now=datetime.now(UTC),
                imported_by=f"cli:{_user()}",
            )
    except ImportRefusedError as refused:
        print(f"{transfer}: {refused.message}", file=err)
        return 1
    target = receipt or default_receipt(transfer)
    try:
        temp = target.with_name(target.name + ".tmp")
        temp.write_bytes(done.receipt)
        os.replace(temp, target)
    except OSError as exc:
        print(
            f"Data sudah tersimpan, tetapi tanda terima gagal ditulis ke {target}: "
            f"{exc.strerror or exc}. Impor berkas yang sama sekali lagi untuk tanda terima baru.",
            file=err,
        )
        return 1
    print(f"Dari laptop {done.device_name} (Posyandu {done.posyandu}): {summary(done)}.", file=out)
    print(f"Tanda terima: {target}\nSerahkan ke kader: kader-app transfer-in {target}", file=out)
    return 0


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "admin"
