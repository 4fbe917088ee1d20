"""Importing a transfer file brought on a flash drive: exactly a push, answered by a signed receipt.

The file is opened with the server's key (`sync.transfer`), its device found by the token inside
it, and its entries stored through `store.record_batch` (per item, idempotent, area-scoped,
typed). A file that cannot be opened, or whose laptop is unknown or revoked, stores nothing and
gets no receipt: its entries stay unsent on the laptop. Shared by the CLI and the dashboard; no
message here names a resident or a value.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from sync.protocol import PROTOCOL_VERSION
from sync.server.bodies import MAX_AUDIT_LINKS, MAX_ITEMS_PER_BATCH
from sync.server.envelopes import PushEnvelope
from sync.server.models import Device, TransferReceipt
from sync.server.store.devices import device_of_token
from sync.server.store.push import record_batch
from sync.server.store.server_keys import load_server_keys
from sync.server.store.tables import add_audit
from sync.transfer import (
    Receipt,
    ReceiptLine,
    TransferBody,
    TransferError,
    open_transfer,
    sign_receipt,
)

REFUSALS = {
    "not_transfer": "Berkas ini bukan berkas kiriman kader (kader-app transfer-out).",
    "damaged": (
        "Berkas rusak, terpotong, atau dibuat untuk server Puskesmas lain. Tidak ada data yang "
        "disimpan; minta kader menulis berkas baru."
    ),
    "unknown_device": (
        "Berkas ini dari laptop yang tidak terdaftar di server ini. Tidak ada data yang disimpan."
    ),
    "revoked": (
        "Izin laptop ini sudah dicabut: berkasnya tidak diimpor dan tidak ada tanda terima. "
        "Data tetap tercatat belum terkirim di laptop; daftarkan ulang laptop itu dengan kode "
        "baru, lalu kirim lagi."
    ),
    "other_puskesmas": ("Laptop ini terdaftar di Puskesmas lain; berkasnya tidak diimpor di sini."),
    "old_protocol": (
        "Berkas ini dibuat aplikasi kader versi lain yang tidak didukung. Mohon perbarui "
        "aplikasinya, lalu tulis berkas baru."
    ),
}


class ImportRefusedError(Exception):
    """A file not imported, nothing stored: ``code`` names why, ``message`` says it to the admin."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code
        self.message = REFUSALS[code]


@dataclass(frozen=True, slots=True)
class ImportDone:
    """One imported file: whose, how each entry fared, and the signed receipt for the laptop."""

    receipt_id: int
    device_id: str
    device_name: str
    posyandu: str
    counts: dict[str, int]
    receipt: bytes


def import_transfer(
    *,
    session: Session,
    data: bytes,
    now: datetime,
    imported_by: str,
    puskesmas: str | None = None,
) -> ImportDone:
    """Store a transfer file's entries as a push and answer with a signed receipt.

    ``puskesmas`` limits whose laptops may be imported (a staff member's own Puskesmas); None
    for any. Importing the same file again answers the same way and stores nothing twice.

    Raises:
        ImportRefusedError: the file cannot be opened, or its laptop may not send.
    """
    keys = load_server_keys(session.connection())
    try:
        body = open_transfer(data, box_private_key=keys.box_private)
    except TransferError as error:
        session.rollback()
        raise ImportRefusedError(
            "not_transfer" if error.code == "not_transfer" else "damaged"
        ) from None
    envelopes = _envelopes(body, session=session)
    device = _sending_device(session, body, puskesmas=puskesmas)
    results: list[dict[str, Any]] = []
    for envelope in envelopes:
        answer = record_batch(
            session=session, device=device, request=envelope, now=now, from_file=True
        )
        results.extend(json.loads(answer.body)["results"])
    lines = [
        ReceiptLine(
            id=item.id,
            version=item.version,
            content_hash=item.content_hash,
            status=result["status"],
            code=result.get("code"),
            message=result.get("message"),
            server_version=result.get("server_version"),
        )
        for item, result in zip(body.items, results, strict=True)
    ]
    counts = {"items": len(lines)}
    for line in lines:
        counts[line.status] = counts.get(line.status, 0) + 1
    receipt = sign_receipt(
        Receipt(
            server_key="",
            device_id=device.id,
            batch_id=body.batch_id,
            imported_at=now,
            lines=lines,
        ),
        signing_key=keys.sign_private,
    )
    row = TransferReceipt(
        device_id=device.id,
        batch_id=body.batch_id,
        imported_at=now,
        imported_by=imported_by[:100],
        counts=counts,
        receipt=receipt.decode("utf-8"),
    )
    session.add(row)
    add_audit(
        session=session,
        kind="transfer_import",
        device_id=device.id,
        counts={**counts, "by": imported_by[:100]},
        now=now,
    )
    session.commit()
    assert row.id is not None
    return ImportDone(
        receipt_id=row.id,
        device_id=device.id,
        device_name=device.name,
        posyandu=device.posyandu,
        counts=counts,
        receipt=receipt,
    )


def _sending_device(session: Session, body: TransferBody, *, puskesmas: str | None) -> Device:
    device = device_of_token(session, body.token)
    if device is None or device.id != body.device_id:
        session.rollback()
        raise ImportRefusedError("unknown_device")
    if device.revoked_at is not None:
        session.rollback()
        raise ImportRefusedError("revoked")
    if puskesmas is not None and device.puskesmas != puskesmas:
        session.rollback()
        raise ImportRefusedError("other_puskesmas")
    if body.protocol_version != PROTOCOL_VERSION:
        session.rollback()
        raise ImportRefusedError("old_protocol")
    return device


def _envelopes(body: TransferBody, *, session: Session) -> list[PushEnvelope]:
    """The file's push in batches the push path takes; batch ids follow from the file's own."""
    items = [item.model_dump(mode="json") for item in body.items]
    links = [link.model_dump(mode="json") for link in body.audit]
    parts = max(
        1, math.ceil(len(items) / MAX_ITEMS_PER_BATCH), math.ceil(len(links) / MAX_AUDIT_LINKS)
    )
    envelopes = []
    for part in range(parts):
        try:
            envelopes.append(
                PushEnvelope.model_validate(
                    {
                        "batch_id": body.batch_id if parts == 1 else f"{body.batch_id}.{part}",
                        "device_id": body.device_id,
                        "app_version": body.app_version,
                        "protocol_version": body.protocol_version,
                        "client_time": body.written_at.isoformat(),
                        "items": items[
                            part * MAX_ITEMS_PER_BATCH : (part + 1) * MAX_ITEMS_PER_BATCH
                        ],
                        "audit": links[part * MAX_AUDIT_LINKS : (part + 1) * MAX_AUDIT_LINKS],
                    }
                )
            )
        except ValidationError:
            session.rollback()
            raise ImportRefusedError("damaged") from None
    return envelopes
