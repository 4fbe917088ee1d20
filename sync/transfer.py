"""Entries carried on a file (a flash drive, a phone): the sealed transfer file and its receipt.

A transfer file holds what a push would send, sealed to the Puskesmas server's public key
(libsodium sealed box, X25519 + XSalsa20-Poly1305, through PyNaCl): only that server can read
it, and any change to it is refused. The server answers with a receipt signed by its Ed25519
key, listing each entry's id, version, content hash and result; the laptop acknowledges exactly
the entries whose three match. A leaf beside `sync.protocol`: pydantic and PyNaCl only.
"""

from __future__ import annotations

import base64
import gzip
import json
import zlib
from datetime import datetime
from typing import Any, Final, Literal

import nacl.exceptions
import nacl.public
import nacl.signing
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sync.protocol import CANONICAL_ENCODER, AuditLink, ItemStatus, PushItem

TRANSFER_MAGIC: Final = b"KADER-TRANSFER-1\n"
RECEIPT_KIND: Final = "kader-receipt-1"
MAX_TRANSFER_BYTES: Final = 64 * 1024 * 1024


class TransferError(ValueError):
    """A file that cannot be used: ``code`` names why, in words the GUI and CLI translate.

    ``not_transfer`` (not one of ours), ``damaged`` (truncated, changed, or sealed to another
    server), ``not_receipt``, ``bad_signature`` (not signed by this server's key),
    ``other_device`` (a receipt for another laptop).
    """

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class TransferBody(BaseModel):
    """What a transfer file carries: the push of every entry not yet acknowledged."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["kader-transfer-1"] = "kader-transfer-1"
    batch_id: str = Field(min_length=1, max_length=100)
    device_id: str = Field(min_length=1, max_length=64)
    token: str = Field(min_length=1, max_length=200)
    app_version: str = Field(max_length=50)
    protocol_version: int
    written_at: datetime
    items: list[PushItem]
    audit: list[AuditLink] = Field(default_factory=list)


class ReceiptLine(BaseModel):
    """One entry's result, named by what the laptop can match: record id, version, hash."""

    model_config = ConfigDict(extra="forbid")

    id: str
    version: int
    content_hash: str
    status: ItemStatus
    code: str | None = None
    message: str | None = None
    server_version: int | None = None


class Receipt(BaseModel):
    """The server's signed answer to one transfer file."""

    model_config = ConfigDict(extra="forbid")

    kind: Literal["kader-receipt-1"] = RECEIPT_KIND
    server_key: str  # base64 of the signing key that signed it
    device_id: str
    batch_id: str
    imported_at: datetime
    lines: list[ReceiptLine]


def seal_transfer(body: TransferBody, *, server_box_key: bytes) -> bytes:
    """The file's bytes: the magic line, then the gzipped body sealed to the server's key."""
    raw = body.model_dump_json().encode("utf-8")
    sealed = nacl.public.SealedBox(nacl.public.PublicKey(server_box_key)).encrypt(
        gzip.compress(raw, mtime=0)
    )
    return TRANSFER_MAGIC + bytes(sealed)


def open_transfer(data: bytes, *, box_private_key: bytes) -> TransferBody:
    """The body of a transfer file, checked whole.

    Raises:
        TransferError: not a transfer file, or truncated, changed or sealed to another key.
    """
    if not data.startswith(TRANSFER_MAGIC):
        raise TransferError("not_transfer")
    if len(data) > MAX_TRANSFER_BYTES:
        raise TransferError("damaged")
    try:
        packed = nacl.public.SealedBox(nacl.public.PrivateKey(box_private_key)).decrypt(
            data[len(TRANSFER_MAGIC) :]
        )
        raw = _gunzip_whole(bytes(packed))
        return TransferBody.model_validate_json(raw)
    except (nacl.exceptions.CryptoError, ValidationError, ValueError):
        raise TransferError("damaged") from None


def _gunzip_whole(data: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, MAX_TRANSFER_BYTES)
    if inflater.unconsumed_tail or inflater.unused_data or not inflater.eof:
        raise ValueError("gzip not whole")
    return out


def _signed_bytes(receipt: Receipt) -> bytes:
    data: dict[str, Any] = receipt.model_dump(mode="json")
    return CANONICAL_ENCODER.encode(data).encode("utf-8")


def sign_receipt(receipt: Receipt, *, signing_key: bytes) -> bytes:
    """The receipt file: its JSON with the server's Ed25519 signature over the canonical form."""
    key = nacl.signing.SigningKey(signing_key)
    signed = receipt.model_copy(update={"server_key": _b64(bytes(key.verify_key))})
    signature = key.sign(_signed_bytes(signed)).signature
    document = {**signed.model_dump(mode="json"), "signature": _b64(bytes(signature))}
    return json.dumps(document, indent=1, ensure_ascii=False).encode("utf-8")


def verify_receipt(data: bytes, *, server_verify_key: bytes, device_id: str) -> Receipt:
    """The receipt, when this server signed it, for this laptop.

    Raises:
        TransferError: not a receipt, not signed by this server, or for another device.
    """
    try:
        document = json.loads(data.decode("utf-8"))
        signature = base64.b64decode(document.pop("signature"), validate=True)
        receipt = Receipt.model_validate(document)
    except (ValueError, KeyError, TypeError, AttributeError, ValidationError):
        raise TransferError("not_receipt") from None
    if receipt.server_key != _b64(server_verify_key):
        raise TransferError("bad_signature")
    try:
        nacl.signing.VerifyKey(server_verify_key).verify(_signed_bytes(receipt), signature)
    except nacl.exceptions.BadSignatureError:
        raise TransferError("bad_signature") from None
    if receipt.device_id != device_id:
        raise TransferError("other_device")
    return receipt


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
