"""``SyncPanel``: how sending to the Puskesmas stands, refused entries, and "Kirim sekarang".

A non-modal dialog fed by ``SyncController`` snapshots; it never reads the database itself and
never blocks recording. Also holds the wording of sync states, ages and the clock warning.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.sync_state import ProblemEntry
from kader_app.ui.labels import sync_failure_text, sync_refusal_text
from kader_app.ui.sync_controller import SyncController, SyncSnapshot
from kader_app.ui.sync_status import (
    age_text,
    clock_warning_text,
    local_time_text,
    revoked_text,
    status_bar_text,
    unsent_status_text,
)

__all__ = [
    "SyncPanel",
    "age_text",
    "clock_warning_text",
    "headline_text",
    "local_time_text",
    "status_bar_text",
    "unsent_status_text",
]

if TYPE_CHECKING:
    from sync.engine import EngineState

# A progress bar only helps when there is a real backlog; a handful of entries flash by.
PROGRESS_MIN_TOTAL = 20
# How long "Sedang mengirim…" may stand with no word from the engine (its requests time out
# well before this).
SENDING_GUARD_MS = 90_000


def _engine_state() -> type[EngineState]:
    """``sync.engine.EngineState``, loaded when first needed rather than at the app's start."""
    from sync.engine import EngineState

    return EngineState


def snapshot_counts(snapshot: SyncSnapshot) -> tuple[int, int]:
    """(belum terkirim, perlu diperiksa) from a snapshot, as ``outbox.sync_counts`` counts them.

    Entries still to send plus every listed problem (refused, in conflict, or waiting on one)
    is every entry not acknowledged.
    """
    needs_review = sum(1 for p in snapshot.problems if p.needs_review)
    return snapshot.pending + len(snapshot.problems), needs_review


def headline_text(snapshot: SyncSnapshot, *, now: datetime | None = None) -> str:
    """One line on how sending stands, in the kader's words."""
    if not snapshot.enrolled:
        return (
            QCoreApplication.translate(
                "SyncPanel", "Belum terhubung ke Puskesmas: laptop ini belum terdaftar di server."
            )
            + " "
            + QCoreApplication.translate(
                "SyncPanel", "Data tetap tersimpan di laptop. Daftarkan laptop ini di Pengaturan."
            )
        )
    from sync.engine import EngineState

    status = snapshot.status
    state = None if status is None else status.state
    if state is EngineState.SYNCING:
        return QCoreApplication.translate("SyncPanel", "Sedang mengirim data ke Puskesmas…")
    if state in (None, EngineState.IDLE, EngineState.STOPPED):
        unsent, needs_review = snapshot_counts(snapshot)
        return unsent_status_text(
            unsent=unsent,
            needs_review=needs_review,
            oldest_unsent_at=snapshot.oldest_unsent_at,
            now=now or datetime.now(UTC),
        )
    if state is EngineState.PAUSED_AUTH:
        return revoked_text()
    # Waiting, captive portal, upgrade: the failure's own advice says what to do.
    assert status is not None
    return sync_failure_text(status.problem, fallback=status.message)


def problem_advice(problem: ProblemEntry) -> str:
    """What the kader should do about a refused entry."""
    if problem.state == "blocked":
        # Two sentences, two catalogue entries: each fits on a source line for lupdate.
        first = QCoreApplication.translate(
            "SyncPanel", "Belum dikirim: menunggu data warga ini yang ditolak server."
        )
        second = QCoreApplication.translate(
            "SyncPanel", "Dikirim otomatis begitu data itu diterima; data tetap aman di laptop."
        )
        return f"{first} {second}"
    if problem.state == "conflict":
        # Two sentences, two catalogue entries: each fits on a source line for lupdate.
        first = QCoreApplication.translate("SyncPanel", "Data ini juga diubah di laptop lain.")
        second = QCoreApplication.translate(
            "SyncPanel",
            "Hubungi petugas Puskesmas untuk menyamakan; data di laptop ini tetap aman.",
        )
        return f"{first} {second}"
    if problem.code == "bad_payload":
        # What happened, then what to do: one catalogue entry per sentence.
        what = QCoreApplication.translate(
            "SyncPanel",
            "Server Puskesmas tidak bisa memakai isi data ini: bentuknya tidak dikenal, atau "
            "hasil skrining yang tercatat tidak sama dengan hasil aturan skrining di server.",
        )
        todo = QCoreApplication.translate(
            "SyncPanel",
            "Data tetap aman di laptop ini. Perbarui aplikasi bila ada versi baru, lalu tekan "
            "Kirim sekarang; bila masih ditolak, hubungi petugas Puskesmas dan sebutkan kode: "
            "{code}.",
        ).format(code=problem.code)
        return f"{what} {todo}"
    return QCoreApplication.translate(
        "SyncPanel",
        "Data tetap tersimpan di laptop ini. Hubungi petugas Puskesmas dan sebutkan kode: {code}.",
    ).format(code=problem.code)


def problem_text(problem: ProblemEntry) -> str:
    what = (
        QCoreApplication.translate("SyncPanel", "data warga")
        if problem.entity_type == "person"
        else QCoreApplication.translate("SyncPanel", "pemeriksaan")
    )
    who = problem.person_name or QCoreApplication.translate("SyncPanel", "warga tanpa nama")
    reason = sync_refusal_text(
        problem.code,
        fallback=problem.message
        or QCoreApplication.translate("SyncPanel", "Ditolak server Puskesmas."),
    )
    return QCoreApplication.translate(
        "SyncPanel", "{who} — {what}, dicatat {when}\nAlasan: {reason}\n{advice}"
    ).format(
        who=who,
        what=what,
        when=local_time_text(problem.created_at),
        reason=reason,
        advice=problem_advice(problem),
    )


class SyncPanel(QDialog):
    """Status of sending, opened from the status bar; stays open while the kader works."""

    def __init__(self, *, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setWindowTitle(self.tr("Pengiriman data ke Puskesmas"))
        self.setModal(False)
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)

        self.headline = QLabel(self)
        self.headline.setObjectName("sectionHeading")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)

        self.clock_warning = QLabel(self)
        self.clock_warning.setObjectName("clockWarning")
        self.clock_warning.setWordWrap(True)
        self.clock_warning.hide()
        layout.addWidget(self.clock_warning)

        form = QFormLayout()
        self.server_label = QLabel(self)
        self.server_label.setWordWrap(True)
        form.addRow(self.tr("Server"), self.server_label)
        self.last_success_label = QLabel(self)
        form.addRow(self.tr("Terakhir berhasil"), self.last_success_label)
        self.pending_label = QLabel(self)
        form.addRow(self.tr("Belum terkirim"), self.pending_label)
        self.oldest_label = QLabel(self)
        form.addRow(self.tr("Terlama menunggu"), self.oldest_label)
        self.next_label = QLabel(self)
        self.next_label.setWordWrap(True)
        form.addRow(self.tr("Keterangan"), self.next_label)
        layout.addLayout(form)

        self.progress = QProgressBar(self)
        self.progress.setFormat(self.tr("%v dari %m data terkirim"))
        self.progress.hide()
        layout.addWidget(self.progress)

        self.problems_heading = QLabel(self.tr("Data yang ditolak server Puskesmas"), self)
        self.problems_heading.setObjectName("sectionHeading")
        layout.addWidget(self.problems_heading)
        self.problems_list = QListWidget(self)
        self.problems_list.setWordWrap(True)
        self.problems_list.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Room for two refused entries of three lines each without scrolling.
        self.problems_list.setMinimumHeight(170)
        layout.addWidget(self.problems_list, 1)

        buttons = QDialogButtonBox(self)
        self.send_button = QPushButton(self.tr("&Kirim sekarang"), self)
        self.send_button.setObjectName("primaryButton")
        buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("&Tutup"), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.close)
        layout.addWidget(buttons)

        self.send_button.clicked.connect(self.on_send_clicked)
        self._sending_guard = QTimer(self)
        self._sending_guard.setSingleShot(True)
        self._sending_guard.setInterval(SENDING_GUARD_MS)
        self._sending_guard.timeout.connect(self._on_send_unanswered)
        controller.status_changed.connect(self.show_snapshot)
        controller.progress_changed.connect(self.on_progress)
        if controller.last_snapshot is not None:
            self.show_snapshot(controller.last_snapshot)
        else:
            self.headline.setText(self.tr("Memeriksa status pengiriman…"))
        controller.refresh()

    def on_send_clicked(self) -> None:
        snapshot = self._controller.last_snapshot
        state = snapshot.state if snapshot is not None else None
        if snapshot is not None and (not snapshot.enrolled or state is _engine_state().PAUSED_AUTH):
            # Nothing can be sent until the laptop is enrolled again: say so, not "sending".
            self.show_snapshot(snapshot)
            return
        self.headline.setText(self.tr("Sedang mengirim data ke Puskesmas…"))
        self._controller.send_now()
        # Whatever happens, the headline is the engine's own answer within moments; should none
        # come (the engine stopped), the last known state comes back rather than "sending".
        self._sending_guard.start()

    def _on_send_unanswered(self) -> None:
        snapshot = self._controller.last_snapshot
        if snapshot is not None and self.headline.text() == self.tr(
            "Sedang mengirim data ke Puskesmas…"
        ):
            self.show_snapshot(snapshot)

    def on_progress(self, progress: tuple[int, int]) -> None:
        sent, total = progress
        if total >= PROGRESS_MIN_TOTAL and sent < total:
            self.progress.setRange(0, total)
            self.progress.setValue(sent)
            self.progress.show()
        else:
            self.progress.hide()

    def show_snapshot(self, snapshot: SyncSnapshot) -> None:
        now = datetime.now(UTC)
        self.headline.setText(headline_text(snapshot, now=now))
        enrollment = snapshot.enrollment
        if enrollment is None:
            self.server_label.setText(self.tr("belum terdaftar"))
        else:
            self.server_label.setText(
                self.tr("{url}\n{posyandu}, {area}").format(
                    url=enrollment.server_url, posyandu=enrollment.posyandu, area=enrollment.area
                )
            )
        if snapshot.last_success_at is None:
            self.last_success_label.setText(self.tr("belum pernah"))
        else:
            self.last_success_label.setText(
                self.tr("{when} ({age})").format(
                    when=local_time_text(snapshot.last_success_at),
                    age=age_text(snapshot.last_success_at, now=now),
                )
            )
        unsent, _needs_review = snapshot_counts(snapshot)
        self.pending_label.setText(self.tr("{n} data").format(n=unsent))
        if snapshot.oldest_unsent_at is None:
            self.oldest_label.setText("-")
        else:
            self.oldest_label.setText(
                self.tr("dicatat {age}").format(age=age_text(snapshot.oldest_unsent_at, now=now))
            )
        self.next_label.setText(self._detail_text(snapshot))
        status = snapshot.status
        warning = clock_warning_text(None if status is None else status.skew_seconds)
        self.clock_warning.setText(warning)
        self.clock_warning.setVisible(bool(warning))
        if status is None or status.state is not _engine_state().SYNCING:
            self.progress.hide()
        self.problems_list.clear()
        for problem in snapshot.problems:
            QListWidgetItem(problem_text(problem), self.problems_list)
        self.problems_heading.setVisible(bool(snapshot.problems))
        self.problems_list.setVisible(bool(snapshot.problems))

    def _detail_text(self, snapshot: SyncSnapshot) -> str:
        status = snapshot.status
        if not snapshot.enrolled:
            return self.tr("Data dikirim setelah laptop ini didaftarkan ke Puskesmas.")
        if status is None:
            return self.tr("Data tetap aman di laptop; dikirim otomatis saat ada koneksi.")
        if status.state is _engine_state().PAUSED_AUTH:
            return self.tr("Tidak dicoba lagi sampai laptop ini didaftarkan ulang.")
        if status.next_attempt_in is not None:
            minutes = max(1, round(status.next_attempt_in / 60))
            return self.tr("Dicoba lagi otomatis dalam {n} menit.").format(n=minutes)
        summary = status.last_summary
        if status.state is _engine_state().IDLE and summary is not None:
            parts = [
                self.tr("{n} data terkirim pada pengiriman terakhir.").format(n=summary.acked)
                if summary.acked
                else self.tr("Tidak ada data baru yang perlu dikirim.")
            ]
            if summary.pulled_people or summary.pulled_followups:
                parts.append(
                    self.tr("Diterima dari Puskesmas: {p} data warga, {f} tindak lanjut.").format(
                        p=summary.pulled_people, f=summary.pulled_followups
                    )
                )
            return " ".join(parts)
        return self.tr("Data tetap aman di laptop; dikirim otomatis saat ada koneksi.")

    def problems_text(self) -> str:
        """Every refused entry as shown, one after another (for tests and screen readers)."""
        return "\n".join(
            self.problems_list.item(i).text() for i in range(self.problems_list.count())
        )
