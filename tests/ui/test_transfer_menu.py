"""Berkas → Kirim lewat flashdisk… and Baca tanda terima…, on the real window and Register.

Only the file dialog's answer (the path) is given by the test; the menu, the runner, the sealed
file and the message the kader reads are the app's own.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from pathlib import Path

import nacl.public
import nacl.signing
import pytest
from pytestqt.qtbot import QtBot

from kader_app.core.register import Register
from kader_app.core.sync_state import SyncCredentials
from kader_app.ui.main_window import MainWindow
from screening.rules.section import RuleSettings
from sync.transfer import Receipt, ReceiptLine, open_transfer, sign_receipt


class Server:
    def __init__(self) -> None:
        self.box = nacl.public.PrivateKey.generate()
        self.sign = nacl.signing.SigningKey.generate()

    def credentials(self) -> SyncCredentials:
        return SyncCredentials(
            server_url="https://puskesmas.example",
            device_id="laptop-1",
            token="secret-token",
            box_key=base64.b64encode(bytes(self.box.public_key)).decode(),
            sign_key=base64.b64encode(bytes(self.sign.verify_key)).decode(),
        )

    def receipt(self, sent: Path, *, keep: int, signer: nacl.signing.SigningKey | None = None):  # type: ignore[no-untyped-def]
        body = open_transfer(sent.read_bytes(), box_private_key=bytes(self.box))
        lines = [
            ReceiptLine(id=i.id, version=i.version, content_hash=i.content_hash, status="accepted")
            for i in body.items[:keep]
        ]
        receipt = Receipt(
            server_key="",
            device_id="laptop-1",
            batch_id=body.batch_id,
            imported_at=body.written_at,
            lines=lines,
        )
        return sign_receipt(receipt, signing_key=bytes(signer or self.sign))


def _menu_item(window: MainWindow, text: str) -> None:
    """Trigger ``text`` from the Berkas menu, as a click on it would."""
    (berkas,) = [a.menu() for a in window.menuBar().actions() if a.text() == "&Berkas"]
    (action,) = [a for a in berkas.actions() if a.text().replace("&", "") == text]
    action.trigger()


def _message(qtbot: QtBot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: window.transfer_menu.message_box is not None, timeout=10_000)
    box = window.transfer_menu.message_box
    assert box is not None and box.isVisible()
    text = box.text()
    box.close()
    window.transfer_menu.message_box = None
    return text


@pytest.fixture
def laptop(register: Register, make_person_input, make_visit_input) -> Register:  # type: ignore[no-untyped-def]
    for n in range(3):
        pid = register.people.register(make_person_input(name=f"Warga {n}")).person_id
        register.visits.record(person_id=pid, inputs=make_visit_input(), settings=RuleSettings())
    return register


def test_the_menu_writes_the_file_then_reads_the_receipt(
    qtbot: QtBot,
    laptop: Register,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = Server()
    laptop.sync.save_credentials(server.credentials())
    window = make_window()
    target = tmp_path / "flashdisk" / "kiriman"
    target.parent.mkdir()
    monkeypatch.setattr(
        "kader_app.ui.transfer_menu.QFileDialog.getSaveFileName",
        lambda *_a, **_k: (str(target), ""),
    )
    _menu_item(window, "Kirim lewat flashdisk…")
    text = _message(qtbot, window)
    sent = target.with_suffix(".kirim")
    assert text.startswith(f"6 data ditulis ke {sent}."), text
    assert "belum terkirim sampai tanda terima" in text
    assert len(open_transfer(sent.read_bytes(), box_private_key=bytes(server.box)).items) == 6
    assert laptop.sync.counts().pending == 6  # a file is not a delivery

    receipt = tmp_path / "flashdisk" / "tanda.terima"
    receipt.write_bytes(server.receipt(sent, keep=4))
    monkeypatch.setattr(
        "kader_app.ui.transfer_menu.QFileDialog.getOpenFileName",
        lambda *_a, **_k: (str(receipt), ""),
    )
    _menu_item(window, "Baca tanda terima…")
    text = _message(qtbot, window)
    assert "Diterima Puskesmas: 4 data." in text, text
    assert "Masih belum terkirim: 2 data." in text
    assert "Ditolak Puskesmas: 0 data." in text
    assert laptop.sync.counts().pending == 2

    foreign = tmp_path / "flashdisk" / "lain.terima"
    foreign.write_bytes(server.receipt(sent, keep=6, signer=nacl.signing.SigningKey.generate()))
    monkeypatch.setattr(
        "kader_app.ui.transfer_menu.QFileDialog.getOpenFileName",
        lambda *_a, **_k: (str(foreign), ""),
    )
    _menu_item(window, "Baca tanda terima…")
    text = _message(qtbot, window)
    assert "tidak ditandatangani server Puskesmas laptop ini" in text, text
    assert laptop.sync.counts().pending == 2  # nothing marked sent by it

    (tmp_path / "flashdisk" / "foto.terima").write_bytes(b"\x89PNG not a receipt")
    monkeypatch.setattr(
        "kader_app.ui.transfer_menu.QFileDialog.getOpenFileName",
        lambda *_a, **_k: (str(tmp_path / "flashdisk" / "foto.terima"), ""),
    )
    _menu_item(window, "Baca tanda terima…")
    assert "bukan tanda terima" in _message(qtbot, window)


def test_an_unenrolled_laptop_is_told_to_enrol_first(
    qtbot: QtBot,
    laptop: Register,
    make_window: Callable[..., MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    target = tmp_path / "kiriman.kirim"
    monkeypatch.setattr(
        "kader_app.ui.transfer_menu.QFileDialog.getSaveFileName",
        lambda *_a, **_k: (str(target), ""),
    )
    _menu_item(window, "Kirim lewat flashdisk…")
    assert "belum terdaftar di Puskesmas" in _message(qtbot, window)
    assert not target.exists()
