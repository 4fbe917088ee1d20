"""Entries by flash drive, from the menu: write the transfer file, read the server's receipt.

The work is `kader_app.transfer`'s (also behind ``kader-app transfer-out`` / ``transfer-in``);
this module only asks where, runs it on the runner and says what happened, with counts and
never health data. Writing a file leaves every entry unsent until a receipt or a push
acknowledges it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from kader_app.core.register import Register
from kader_app.ui.runner import Runner

TRANSFER_SUFFIX = ".kirim"


def problem_text(code: str) -> str:
    """Why a transfer file or a receipt cannot be used, in the kader's words."""
    texts = {
        "not_enrolled": QCoreApplication.translate(
            "TransferMenu",
            "Laptop ini belum terdaftar di Puskesmas. Daftarkan dulu di Pengaturan, lalu "
            "coba lagi.",
        ),
        "no_keys": QCoreApplication.translate(
            "TransferMenu",
            "Server Puskesmas belum mendukung kirim lewat flashdisk. Kirim lewat internet.",
        ),
        "not_receipt": QCoreApplication.translate(
            "TransferMenu", "Berkas ini bukan tanda terima dari Puskesmas."
        ),
        "bad_signature": QCoreApplication.translate(
            "TransferMenu",
            "Tanda terima ini tidak ditandatangani server Puskesmas laptop ini. Tidak ada "
            "data yang ditandai terkirim.",
        ),
        "other_device": QCoreApplication.translate(
            "TransferMenu",
            "Tanda terima ini untuk laptop lain. Tidak ada data yang ditandai terkirim.",
        ),
        "damaged": QCoreApplication.translate(
            "TransferMenu", "Berkas rusak atau terpotong. Minta tanda terima baru ke Puskesmas."
        ),
        "not_transfer": QCoreApplication.translate(
            "TransferMenu", "Berkas ini bukan tanda terima dari Puskesmas."
        ),
    }
    return texts.get(
        code, QCoreApplication.translate("TransferMenu", "Berkas ini tidak bisa dipakai.")
    )


@dataclass(frozen=True, slots=True)
class ReceiptOutcome:
    acknowledged: int
    refused: int
    not_matched: int
    still_pending: int


class TransferMenu(QObject):
    """Kirim lewat flashdisk… and Baca tanda terima… (``actions``, for the Berkas menu)."""

    def __init__(
        self, *, window: QWidget, register: Register, runner: Runner, posyandu: str = ""
    ) -> None:
        super().__init__(window)
        self._window = window
        self._register = register
        self._runner = runner
        self.posyandu = posyandu
        self.send_action = QAction(self.tr("Kirim lewat &flashdisk…"), window)
        self.send_action.triggered.connect(self.send)
        self.receipt_action = QAction(self.tr("Baca &tanda terima…"), window)
        self.receipt_action.triggered.connect(self.read_receipt)
        self.actions = (self.send_action, self.receipt_action)
        self.last_message = ""
        self.message_box: QMessageBox | None = None

    def _default_path(self) -> str:
        name = "".join(ch if ch.isalnum() else "-" for ch in self.posyandu.lower()).strip("-")
        stem = f"kiriman-{name or 'posyandu'}-{date.today():%Y-%m-%d}"
        return str(Path.home() / f"{stem}{TRANSFER_SUFFIX}")

    def send(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self._window,
            self.tr("Kirim lewat flashdisk: simpan berkas kiriman"),
            self._default_path(),
            self.tr("Berkas kiriman (*.kirim)"),
        )
        if not path:
            return
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(TRANSFER_SUFFIX)
        register = self._register

        def op() -> int:
            from kader_app.transfer import write_transfer

            return write_transfer(register, target).entries

        self._runner.submit(
            op,
            on_done=lambda entries: self._tell_written(target, entries),
            on_error=lambda error: self._tell_problem(error, target),
        )

    def _tell_written(self, target: Path, entries: int) -> None:
        self._say(
            QMessageBox.Icon.Information,
            self.tr(
                "{n} data ditulis ke {path}.\n\nBawa berkas ini ke Puskesmas. Data tetap "
                "tercatat belum terkirim sampai tanda terima dari Puskesmas dibaca "
                "(Berkas → Baca tanda terima…)."
            ).format(n=entries, path=target),
        )

    def read_receipt(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Baca tanda terima dari Puskesmas"),
            str(Path.home()),
            self.tr("Tanda terima (*.terima);;Semua berkas (*)"),
        )
        if not path:
            return
        source = Path(path)
        register = self._register

        def op() -> ReceiptOutcome:
            from kader_app.transfer import read_receipt

            done = read_receipt(register, source)
            return ReceiptOutcome(
                acknowledged=done.acknowledged,
                refused=done.refused,
                not_matched=done.not_matched,
                still_pending=register.sync.counts().pending,
            )

        self._runner.submit(
            op, on_done=self._tell_read, on_error=lambda error: self._tell_problem(error, source)
        )

    def _tell_read(self, outcome: ReceiptOutcome) -> None:
        text = self.tr(
            "Diterima Puskesmas: {acked} data.\nMasih belum terkirim: {pending} data.\n"
            "Ditolak Puskesmas: {refused} data."
        ).format(acked=outcome.acknowledged, pending=outcome.still_pending, refused=outcome.refused)
        if outcome.refused:
            text += "\n\n" + self.tr("Lihat yang ditolak di Status kirim data…")
        if outcome.not_matched:
            text += "\n" + self.tr(
                "{n} data di tanda terima sudah diubah lagi atau sudah tercatat terkirim; "
                "data itu dikirim lagi nanti bila perlu."
            ).format(n=outcome.not_matched)
        self._say(QMessageBox.Icon.Information, text)

    def _tell_problem(self, error: BaseException, path: Path) -> None:
        code = getattr(error, "code", None)
        if isinstance(code, str):
            text = problem_text(code)
        elif isinstance(error, OSError):
            text = self.tr("Berkas {path} tidak bisa dibaca atau ditulis: {why}.").format(
                path=path, why=error.strerror or type(error).__name__
            )
        else:
            raise error
        self._say(QMessageBox.Icon.Warning, text)

    def _say(self, icon: QMessageBox.Icon, text: str) -> None:
        self.last_message = text
        box = QMessageBox(icon, self.tr("Kirim lewat flashdisk"), text, parent=self._window)
        box.setObjectName("transferMessage")
        box.open()
        self.message_box = box
