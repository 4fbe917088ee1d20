"""Entries on a flash drive: writing the sealed transfer file, and reading the server's receipt.

Qt-free; the command line (``kader-app transfer-out`` / ``transfer-in``) and the GUI menu call
it. Writing a file changes nothing in the outbox: the entries stay unsent until a receipt (or a
push) acknowledges them, each only if its record, version and content hash still match.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal, cast

from kader_app.core import outbox
from kader_app.core.register import Register
from kader_app.sync_link import app_version
from sync.protocol import PROTOCOL_VERSION, AuditLink, PushItem
from sync.transfer import TransferBody, TransferError, seal_transfer, verify_receipt

AUDIT_LINKS: int = 100_000


class NotReadyError(Exception):
    """The laptop cannot use transfer files yet: ``code`` is ``not_enrolled`` or ``no_keys``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class TransferWritten:
    path: Path
    entries: int


@dataclass(frozen=True, slots=True)
class ReceiptRead:
    """What a receipt did: entries acknowledged, refused by the server, and not matched."""

    acknowledged: int
    refused: int
    not_matched: int


def _keys(register: Register) -> tuple[str, str, bytes, bytes]:
    credentials = register.sync.credentials()
    if credentials is None:
        raise NotReadyError("not_enrolled")
    if not (credentials.box_key and credentials.sign_key):
        raise NotReadyError("no_keys")
    return (
        credentials.device_id,
        credentials.token,
        base64.b64decode(credentials.box_key),
        base64.b64decode(credentials.sign_key),
    )


def write_transfer(
    register: Register, path: Path, *, now: datetime | None = None
) -> TransferWritten:
    """Write every entry not yet acknowledged to ``path``, sealed to the Puskesmas server.

    Raises:
        NotReadyError: this laptop is not enrolled, or its server gave no transfer keys.
    """
    device_id, token, box_key, _ = _keys(register)
    now = now or datetime.now(UTC)
    entries = register.sync.unsent()
    items = [
        PushItem.model_validate(
            {
                "id": e.entity_id,
                "type": cast(Literal["person", "visit"], e.type),
                "version": e.version,
                "base_version": e.base_version,
                "content_hash": e.content_hash,
                "recorded_at": e.created_at.replace(tzinfo=e.created_at.tzinfo or UTC),
                "payload": e.payload,
            }
        )
        for e in entries
    ]
    digest = hashlib.sha256(device_id.encode())
    for e in entries:
        digest.update(f"\n{e.entity_id}:{e.version}:{e.content_hash}".encode())
    body = TransferBody(
        batch_id=str(uuid.UUID(bytes=digest.digest()[:16], version=4)),
        device_id=device_id,
        token=token,
        app_version=app_version(),
        protocol_version=PROTOCOL_VERSION,
        written_at=now,
        items=items,
        audit=[
            AuditLink.model_validate(link) for link in register.sync.audit_links(limit=AUDIT_LINKS)
        ],
    )
    data = seal_transfer(body, server_box_key=box_key)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    register.record_export(what="transfer", period=f"{len(items)}")
    return TransferWritten(path=path, entries=len(items))


def read_receipt(register: Register, path: Path) -> ReceiptRead:
    """Apply a receipt: acknowledge exactly the entries whose id, version and hash it names.

    Raises:
        NotReadyError: not enrolled, or no transfer keys.
        TransferError: not a receipt, not signed by this laptop's server, or for another laptop.
        OSError: the file cannot be read.
    """
    device_id, _, _, sign_key = _keys(register)
    receipt = verify_receipt(path.read_bytes(), server_verify_key=sign_key, device_id=device_id)
    acks: list[tuple[str, int, outbox.ItemResult]] = []
    refusals: list[tuple[str, int, outbox.ItemResult]] = []
    for line in receipt.lines:
        answer = outbox.ItemResult(
            id="",
            content_hash=line.content_hash,
            status=line.status,
            code=line.code or "",
            message=line.message or "",
            server_version=line.server_version,
        )
        is_ack = line.status in ("accepted", "duplicate")
        (acks if is_ack else refusals).append((line.id, line.version, answer))
    acknowledged = register.sync.settle_records(acks)
    refused = register.sync.settle_records(refusals)
    register.record_export(what="receipt", period=receipt.batch_id[:36])
    return ReceiptRead(
        acknowledged=acknowledged,
        refused=refused,
        not_matched=len(receipt.lines) - acknowledged - refused,
    )


__all__ = ["NotReadyError", "TransferError", "read_receipt", "write_transfer"]
