"""How sending to the Puskesmas stands, in the kader's words: counts, ages, the linked state.

Used by the status bar and the sync panel alike, so both always say the same. Words only: the
facts come from the Register and the sync engine's status.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from kader_app.core.models import SyncCounts

if TYPE_CHECKING:
    from sync.engine import EngineState


def age_text(when: datetime | None, *, now: datetime) -> str:
    """'baru saja', '5 menit lalu', '3 jam lalu', '2 hari lalu'."""
    if when is None:
        return "-"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = max(0.0, (now - when).total_seconds())
    if seconds < 60:
        return QCoreApplication.translate("SyncPanel", "baru saja")
    if seconds < 3600:
        return QCoreApplication.translate("SyncPanel", "{n} menit lalu").format(
            n=int(seconds // 60)
        )
    if seconds < 86400:
        return QCoreApplication.translate("SyncPanel", "{n} jam lalu").format(
            n=int(seconds // 3600)
        )
    return QCoreApplication.translate("SyncPanel", "{n} hari lalu").format(n=int(seconds // 86400))


def local_time_text(when: datetime) -> str:
    return when.astimezone().strftime("%d/%m/%Y %H:%M")


def clock_warning_text(skew_seconds: float | None) -> str:
    """The non-blocking warning when the laptop clock is off by more than 10 minutes; or ''."""
    if skew_seconds is None:
        return ""
    # Here, not at the top: the main window shows this line before the sync stack is loaded.
    from sync.engine import SKEW_WARNING_SECONDS

    if abs(skew_seconds) <= SKEW_WARNING_SECONDS:
        return ""
    minutes = round(abs(skew_seconds) / 60)
    return QCoreApplication.translate(
        "SyncPanel", "Jam laptop berbeda {n} menit dari server Puskesmas — periksa tanggal dan jam"
    ).format(n=minutes)


def unsent_status_text(
    *, unsent: int, needs_review: int, oldest_unsent_at: datetime | None, now: datetime
) -> str:
    """'12 data belum terkirim, terlama 3 hari (1 perlu diperiksa)' or 'Semua data sudah terkirim'.

    The one wording of the count, for the status bar and this panel alike: ``unsent`` is every
    entry the server has not acknowledged, ``needs_review`` those it refused (rejected or in
    conflict), ``oldest_unsent_at`` when the oldest unsent one was recorded.
    """
    if unsent == 0:
        return QCoreApplication.translate("SyncPanel", "Semua data sudah terkirim")
    text = QCoreApplication.translate("SyncPanel", "{n} data belum terkirim").format(n=unsent)
    if oldest_unsent_at is not None:
        oldest = oldest_unsent_at
        if oldest.tzinfo is None:
            oldest = oldest.replace(tzinfo=UTC)
        days = max(0, (now - oldest).days)
        if days == 0:
            text += QCoreApplication.translate("SyncPanel", ", terlama hari ini")
        else:
            text += QCoreApplication.translate("SyncPanel", ", terlama {d} hari").format(d=days)
    if needs_review:
        text += QCoreApplication.translate("SyncPanel", " ({n} perlu diperiksa)").format(
            n=needs_review
        )
    return text


def not_enrolled_text() -> str:
    return QCoreApplication.translate("SyncPanel", "Belum terhubung ke Puskesmas")


def revoked_text() -> str:
    """A device the Puskesmas revoked: what happened, what it means, what to do."""
    what = QCoreApplication.translate(
        "SyncPanel", "Puskesmas mencabut izin laptop ini; data tidak dikirim lagi."
    )
    means = QCoreApplication.translate(
        "SyncPanel", "Semua yang sudah dicatat tetap tersimpan di laptop ini dan tidak hilang."
    )
    todo = QCoreApplication.translate(
        "SyncPanel",
        "Minta kode pendaftaran baru ke admin Puskesmas, lalu daftarkan ulang di Pengaturan.",
    )
    return f"{what} {means} {todo}"


def status_bar_text(
    counts: SyncCounts, *, enrolled: bool | None, state: EngineState | None, now: datetime
) -> str:
    """The status bar's line: linked or not, revoked, or how many entries wait to be sent."""
    unsent = unsent_status_text(
        unsent=counts.pending,
        needs_review=counts.rejected + counts.conflict,
        oldest_unsent_at=counts.oldest_unsent_at,
        now=now,
    )
    if enrolled is False:
        if counts.pending == 0:
            return not_enrolled_text()
        kept = QCoreApplication.translate("SyncPanel", "{n} data tersimpan di laptop").format(
            n=counts.pending
        )
        return f"{not_enrolled_text()} · {kept}"
    if state is not None and state.value == "paused_auth":
        revoked = QCoreApplication.translate(
            "SyncPanel", "Izin laptop dicabut Puskesmas; data tetap tersimpan"
        )
        return f"{revoked} · {unsent}" if counts.pending else revoked
    return unsent
