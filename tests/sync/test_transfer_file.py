"""Transfer files and receipts on the laptop's side: sealed, complete, matched exactly."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from pathlib import Path

import nacl.public
import nacl.signing
import pytest

from kader_app.core.register import Register
from kader_app.core.sync_state import SyncCredentials
from kader_app.transfer import NotReadyError, read_receipt, write_transfer
from screening.rules.section import RuleSettings
from sync.transfer import (
    Receipt,
    ReceiptLine,
    TransferError,
    open_transfer,
    sign_receipt,
)

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)


class Server:
    """The two key pairs a Puskesmas server holds for transfer files."""

    def __init__(self) -> None:
        self.box = nacl.public.PrivateKey.generate()
        self.sign = nacl.signing.SigningKey.generate()

    def credentials(self, device_id: str = "laptop-1") -> SyncCredentials:
        return SyncCredentials(
            server_url="https://puskesmas.example",
            device_id=device_id,
            token="secret-token",
            box_key=base64.b64encode(bytes(self.box.public_key)).decode(),
            sign_key=base64.b64encode(bytes(self.sign.verify_key)).decode(),
        )

    def receipt(self, path: Path, *, device_id: str = "laptop-1", keep: int | None = None) -> bytes:
        body = open_transfer(path.read_bytes(), box_private_key=bytes(self.box))
        lines = [
            ReceiptLine(id=i.id, version=i.version, content_hash=i.content_hash, status="accepted")
            for i in body.items[:keep]
        ]
        receipt = Receipt(
            server_key="", device_id=device_id, batch_id=body.batch_id, imported_at=NOW, lines=lines
        )
        return sign_receipt(receipt, signing_key=bytes(self.sign))

    def receipt_for(self, real: Server, tmp_path: Path) -> bytes:
        """A receipt for the same file, signed by this (another) server's key."""
        body = open_transfer(
            (tmp_path / "kirim.kader").read_bytes(), box_private_key=bytes(real.box)
        )
        lines = [
            ReceiptLine(id=i.id, version=i.version, content_hash=i.content_hash, status="accepted")
            for i in body.items
        ]
        receipt = Receipt(
            server_key="",
            device_id="laptop-1",
            batch_id=body.batch_id,
            imported_at=NOW,
            lines=lines,
        )
        return sign_receipt(receipt, signing_key=bytes(self.sign))


@pytest.fixture
def laptop(register: Register, make_person_input, make_visit_input) -> Register:
    for n in range(3):
        pid = register.people.register(make_person_input(name=f"Warga {n}")).person_id
        register.visits.record(person_id=pid, inputs=make_visit_input(), settings=RuleSettings())
    return register


def test_a_transfer_file_holds_every_unsent_entry_sealed_and_changes_nothing(
    laptop: Register, tmp_path: Path
) -> None:
    server = Server()
    laptop.sync.save_credentials(server.credentials())
    before = laptop.sync.counts()
    written = write_transfer(laptop, tmp_path / "kirim.kader")
    assert written.entries == 6
    assert laptop.sync.counts() == before  # nothing is marked sent by writing a file
    data = (tmp_path / "kirim.kader").read_bytes()
    assert b"Warga" not in data  # sealed: no name readable on the drive
    body = open_transfer(data, box_private_key=bytes(server.box))
    assert {(i.type, i.version) for i in body.items} == {("person", 1), ("visit", 1)}
    assert body.token == "secret-token" and body.device_id == "laptop-1"
    assert [link.seq for link in body.audit] == list(range(1, 7))
    with pytest.raises(TransferError) as other:
        open_transfer(data, box_private_key=bytes(nacl.public.PrivateKey.generate()))
    assert other.value.code == "damaged"
    for broken in (data[:-7], data[:40] + bytes([data[40] ^ 1]) + data[41:], b"PK\x03\x04zip"):
        with pytest.raises(TransferError):
            open_transfer(broken, box_private_key=bytes(server.box))


def test_a_receipt_acknowledges_exactly_what_it_names_and_an_edit_since_stays_unsent(
    laptop: Register, tmp_path: Path, make_person_input
) -> None:
    server = Server()
    laptop.sync.save_credentials(server.credentials())
    write_transfer(laptop, tmp_path / "kirim.kader")
    first = laptop.search.people("Warga 0")[0]
    # Edited after the file was written: the receipt names version 1, not this one.
    laptop.people.update(
        person_id=first.id, data=make_person_input(name="Warga 0", rt="009"), base_version=1
    )
    (tmp_path / "terima.json").write_bytes(server.receipt(tmp_path / "kirim.kader"))
    done = read_receipt(laptop, tmp_path / "terima.json")
    assert (done.acknowledged, done.refused, done.not_matched) == (6, 0, 0)
    assert laptop.sync.counts().pending == 1  # the edit
    again = read_receipt(laptop, tmp_path / "terima.json")  # an old receipt changes nothing
    assert (again.acknowledged, again.not_matched) == (0, 6)


def test_receipts_from_another_server_or_for_another_laptop_are_refused(
    laptop: Register, tmp_path: Path
) -> None:
    server, stranger = Server(), Server()
    laptop.sync.save_credentials(server.credentials())
    write_transfer(laptop, tmp_path / "kirim.kader")
    for name, data, code in (
        ("lain.json", stranger.receipt_for(server, tmp_path), "bad_signature"),
        (
            "orang.json",
            server.receipt(tmp_path / "kirim.kader", device_id="laptop-2"),
            "other_device",
        ),
        ("rusak.json", b"{not json", "not_receipt"),
    ):
        (tmp_path / name).write_bytes(data)
        with pytest.raises(TransferError) as refused:
            read_receipt(laptop, tmp_path / name)
        assert refused.value.code == code
    assert laptop.sync.counts().pending == 6


def test_a_laptop_not_enrolled_cannot_write_a_transfer_file(
    laptop: Register, tmp_path: Path
) -> None:
    with pytest.raises(NotReadyError) as refused:
        write_transfer(laptop, tmp_path / "kirim.kader")
    assert refused.value.code == "not_enrolled"
