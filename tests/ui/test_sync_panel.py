"""Sync in the GUI against the REAL server process: enrol from the settings dialog, send, see
refused entries with their reason, the clock warning, and a Puskesmas follow-up on the resident.
"""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import enroll_device
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner
from kader_app.ui.sync_controller import SyncController, SyncSnapshot
from kader_app.ui.sync_panel import SyncPanel
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))
from server_process import ServerProcess  # noqa: E402

from sync.server import store  # noqa: E402

WAIT_MS = 30_000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    from sync.server.database import sqlite_url

    data_dir = tmp_path_factory.mktemp("gui-server")
    proc = ServerProcess(database_url=sqlite_url(data_dir), data_dir=data_dir, backend="sqlite")
    proc.start()
    yield proc
    proc.stop()


@pytest.fixture
def area() -> str:
    return f"Desa Uji {uuid.uuid4().hex[:8]}"


class ShiftedClock:
    """The laptop's clock, off by ``shift`` from true time."""

    def __init__(self, shift: timedelta) -> None:
        self.shift = shift

    def now(self) -> datetime:
        return datetime.now(UTC) + self.shift

    def monotonic(self) -> float:
        return time.monotonic()


@pytest.fixture
def make_sync(
    qtbot: QtBot, register: Register, runner: Runner
) -> Iterator[Callable[..., tuple[SyncController, MainWindow]]]:
    made: list[SyncController] = []

    def make(**factory_options: Any) -> tuple[SyncController, MainWindow]:
        settings = AppSettings(desa="Sukamaju", kader_name="Kader Uji")
        controller = SyncController(
            register=register, runner=runner, settings=settings, factory_options=factory_options
        )
        window = MainWindow(
            register=register,
            runner=runner,
            settings=settings,
            store_settings=lambda _s: None,
            sync=controller,
        )
        qtbot.addWidget(window)
        window.show()
        made.append(controller)
        return controller, window

    yield make
    for controller in made:
        controller.stop()
    runner.wait_idle()


def _wait_snapshot(
    qtbot: QtBot, controller: SyncController, check: Callable[[SyncSnapshot], bool]
) -> SyncSnapshot:
    seen: list[SyncSnapshot] = []
    controller.sync_finished.connect(seen.append)
    qtbot.waitUntil(lambda: any(check(s) for s in seen), timeout=WAIT_MS)
    return next(s for s in seen if check(s))


def _panel(window: MainWindow) -> SyncPanel:
    window.sync_button.click()
    assert window.sync_panel is not None and window.sync_panel.isVisible()
    return window.sync_panel


def test_enrol_in_settings_then_send_now_empties_the_queue(
    qtbot: QtBot,
    register: Register,
    server: ServerProcess,
    area: str,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    controller, window = make_sync()
    with qtbot.waitSignal(controller.sync_finished, timeout=WAIT_MS):
        controller.start()
    panel = _panel(window)
    assert "belum terdaftar" in panel.headline.text()

    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.server_edit.clear()
    qtbot.keyClicks(dialog.server_edit, server.url)
    qtbot.keyClicks(dialog.code_edit, server.enroll_code(posyandu="Posyandu Melati", area=area))
    with qtbot.waitSignal(dialog.enrollment_shown, timeout=WAIT_MS):
        dialog.enroll_button.click()
    assert dialog.enroll_status.text().startswith("Laptop terdaftar: Posyandu Melati")
    dialog.accept()
    _wait_snapshot(qtbot, controller, lambda s: s.enrolled and s.status is not None)

    person = register.people.register(make_person_input(name="Siti Aminah")).person_id
    register.visits.record(person_id=person, inputs=make_visit_input(), settings=RuleSettings())
    window.refresh_sync_counts()
    qtbot.waitUntil(lambda: "2 data belum terkirim" in window.sync_label.text(), timeout=WAIT_MS)
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    _wait_snapshot(qtbot, controller, lambda s: s.pending == 0 and s.last_success_at is not None)
    qtbot.waitUntil(lambda: panel.headline.text() == "Semua data sudah terkirim", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Semua data sudah terkirim")
    assert panel.pending_label.text() == "0 data"
    assert "belum pernah" not in panel.last_success_label.text()
    with server.session() as session:
        assert [r["version"] for r in store.entry_versions(session=session, item_id=person)] == [1]


def test_a_save_wakes_sync_and_a_refused_entry_shows_the_servers_reason(
    qtbot: QtBot,
    register: Register,
    server: ServerProcess,
    area: str,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    enroll_device(
        register, server_url=server.url, code=server.enroll_code(posyandu="Posyandu A", area=area)
    )
    controller, window = make_sync()
    with qtbot.waitSignal(controller.sync_finished, timeout=WAIT_MS):
        controller.start()
    change = register.people.register(make_person_input(name="Dewi Lestari"))
    # Damage the stored checksum: the server must refuse the entry, and the kader must see why.
    with register.database.engine.begin() as conn:
        conn.execute(
            text("UPDATE outbox SET content_hash = :bad WHERE entity_id = :pid"),
            {"bad": "0" * 64, "pid": change.person_id},
        )
    window.change_applied.emit(change)
    snapshot = _wait_snapshot(qtbot, controller, lambda s: bool(s.problems))
    assert snapshot.problems[0].code == "hash_mismatch"
    panel = _panel(window)
    qtbot.waitUntil(lambda: "Dewi Lestari" in panel.problems_text(), timeout=WAIT_MS)
    shown = panel.problems_text()
    assert "Alasan: Data berubah atau rusak di perjalanan (kode cek tidak cocok)." in shown
    assert "Hubungi petugas Puskesmas dan sebutkan kode: hash_mismatch" in shown
    assert panel.problems_list.isVisible()

    # Her visit at the next Posyandu cannot go before she is accepted: it waits, visibly, and
    # the status bar and the panel count the same entries in the same words.
    visit = register.visits.record(
        person_id=change.person_id, inputs=make_visit_input(), settings=RuleSettings()
    )
    window.change_applied.emit(visit)
    _wait_snapshot(qtbot, controller, lambda s: len(s.problems) == 2)
    expected = "2 data belum terkirim, terlama hari ini (1 perlu diperiksa)"
    qtbot.waitUntil(lambda: panel.headline.text() == expected, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.sync_label.text() == expected, timeout=WAIT_MS)
    assert panel.pending_label.text() == "2 data"
    assert (
        "Belum dikirim: menunggu data warga ini yang ditolak server. "
        "Dikirim otomatis begitu data itu diterima; data tetap aman di laptop."
    ) in panel.problems_text()


def test_clock_twenty_minutes_off_shows_a_warning_but_still_sends(
    qtbot: QtBot,
    register: Register,
    server: ServerProcess,
    area: str,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
    make_person_input: Callable[..., PersonInput],
) -> None:
    enroll_device(
        register, server_url=server.url, code=server.enroll_code(posyandu="Posyandu B", area=area)
    )
    register.people.register(make_person_input(name="Rina Wati"))
    controller, window = make_sync(clock=ShiftedClock(timedelta(minutes=20)))
    panel = _panel(window)
    controller.start()
    _wait_snapshot(qtbot, controller, lambda s: s.status is not None and s.pending == 0)
    expected = "Jam laptop berbeda 20 menit dari server Puskesmas — periksa tanggal dan jam"
    qtbot.waitUntil(lambda: panel.clock_warning.text() == expected, timeout=WAIT_MS)
    assert panel.clock_warning.isVisible()
    qtbot.waitUntil(lambda: window.clock_warning_label.text() == expected, timeout=WAIT_MS)
    assert window.clock_warning_label.isVisible()


def test_right_clock_shows_no_warning(
    qtbot: QtBot,
    register: Register,
    server: ServerProcess,
    area: str,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
) -> None:
    enroll_device(
        register, server_url=server.url, code=server.enroll_code(posyandu="Posyandu C", area=area)
    )
    controller, window = make_sync(clock=ShiftedClock(timedelta(minutes=3)))
    panel = _panel(window)
    controller.start()
    snapshot = _wait_snapshot(qtbot, controller, lambda s: s.status is not None)
    assert snapshot.status is not None and snapshot.status.skew_seconds is not None
    qtbot.waitUntil(lambda: panel.headline.text() == "Semua data sudah terkirim")
    assert not panel.clock_warning.isVisible() and not window.clock_warning_label.isVisible()


def test_puskesmas_follow_up_shows_on_the_resident_and_the_visit(
    qtbot: QtBot,
    register: Register,
    server: ServerProcess,
    area: str,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    enroll_device(
        register, server_url=server.url, code=server.enroll_code(posyandu="Posyandu D", area=area)
    )
    person = register.people.register(make_person_input(name="Ani Lestari")).person_id
    visit = register.visits.record(
        person_id=person, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    controller, window = make_sync()
    controller.start()
    _wait_snapshot(qtbot, controller, lambda s: s.status is not None and s.pending == 0)
    with qtbot.waitSignal(window.person_shown, timeout=WAIT_MS):
        window.show_person(person)
    assert not window.panel.follow_up_label.isVisible()

    with server.session() as session:
        store.add_follow_up(
            session=session,
            area=area,
            outcome="Sudah datang ke Puskesmas/Pustu",
            person_id=person,
            visit_id=visit,
            recorded_at=datetime(2025, 3, 14, 3, 0, tzinfo=UTC),
            now=datetime.now(UTC),
        )
    with qtbot.waitSignal(window.person_shown, timeout=WAIT_MS):
        controller.send_now()
    expected = "Tindak lanjut Puskesmas: Sudah datang ke Puskesmas/Pustu, 14/03/2025"
    assert window.panel.follow_up_label.text() == expected
    assert window.panel.follow_up_label.isVisible()
    [card] = window.panel.cards
    assert expected in card.text_shown()


def test_a_laptop_never_enrolled_says_so_and_never_sent_anything(
    qtbot: QtBot,
    register: Register,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
    make_person_input: Callable[..., PersonInput],
) -> None:
    register.people.register(make_person_input(name="Siti Aminah"))
    controller, window = make_sync()
    with qtbot.waitSignal(controller.sync_finished, timeout=WAIT_MS):
        controller.start()
    expected = "Belum terhubung ke Puskesmas · 1 data tersimpan di laptop"
    qtbot.waitUntil(lambda: window.sync_label.text() == expected, timeout=WAIT_MS)
    panel = _panel(window)
    qtbot.waitUntil(lambda: "Belum terhubung ke Puskesmas" in panel.headline.text())
    assert "terkirim" not in panel.headline.text()
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert "Sedang mengirim" not in panel.headline.text()


def test_a_revoked_laptop_says_what_it_means_and_what_to_do(
    qtbot: QtBot,
    register: Register,
    server: ServerProcess,
    area: str,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
    make_person_input: Callable[..., PersonInput],
) -> None:
    enrolled = enroll_device(
        register, server_url=server.url, code=server.enroll_code(posyandu="Posyandu E", area=area)
    )
    controller, window = make_sync()
    controller.start()
    _wait_snapshot(qtbot, controller, lambda s: s.status is not None and s.pending == 0)
    with server.session() as session:
        assert store.revoke_device(
            session=session, device_id=enrolled.device_id, now=datetime.now(UTC)
        )
    change = register.people.register(make_person_input(name="Wulan Sari"))
    window.change_applied.emit(change)
    _wait_snapshot(
        qtbot, controller, lambda s: s.state is not None and s.state.value == "paused_auth"
    )
    panel = _panel(window)
    revoked = (
        "Puskesmas mencabut izin laptop ini; data tidak dikirim lagi. "
        "Semua yang sudah dicatat tetap tersimpan di laptop ini dan tidak hilang. "
        "Minta kode pendaftaran baru ke admin Puskesmas, lalu daftarkan ulang di Pengaturan."
    )
    qtbot.waitUntil(lambda: panel.headline.text() == revoked, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: window.sync_label.text().startswith(
            "Izin laptop dicabut Puskesmas; data tetap tersimpan · 1 data belum terkirim"
        ),
        timeout=WAIT_MS,
    )
    # "Kirim sekarang" cannot send: it says so again rather than "sending…" for ever.
    qtbot.mouseClick(panel.send_button, Qt.MouseButton.LeftButton)
    assert panel.headline.text() == revoked
    assert register.search.people("Wulan", limit=5)


def test_enrolling_an_enrolled_laptop_again_asks_first(
    qtbot: QtBot,
    register: Register,
    server: ServerProcess,
    area: str,
    make_sync: Callable[..., tuple[SyncController, MainWindow]],
) -> None:
    enroll_device(
        register, server_url=server.url, code=server.enroll_code(posyandu="Posyandu F", area=area)
    )
    controller, window = make_sync()
    controller.start()
    _wait_snapshot(qtbot, controller, lambda s: s.enrolled and s.status is not None)
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    asked: list[str] = []

    def refuse(current: object) -> bool:
        asked.append(getattr(current, "posyandu", ""))
        return False

    dialog.ask_reenroll = refuse  # type: ignore[assignment]
    other = server.enroll_code(posyandu="Posyandu G", area=area)
    dialog.server_edit.setText(server.url)
    qtbot.keyClicks(dialog.code_edit, other)
    dialog.enroll_button.click()
    assert asked == ["Posyandu F"]
    assert dialog.enroll_status.text() == (
        "Tidak didaftarkan ulang; laptop tetap terdaftar di Posyandu F."
    )
    credentials = register.sync.credentials()
    assert credentials is not None and credentials.posyandu == "Posyandu F"

    dialog.ask_reenroll = lambda _current: True  # type: ignore[assignment]
    with qtbot.waitSignal(dialog.enrollment_shown, timeout=WAIT_MS):
        dialog.enroll_button.click()
    assert dialog.enroll_status.text() == (
        f"Laptop terdaftar: Posyandu G, {area}. Data akan dikirim otomatis. "
        "Sebelumnya terdaftar di Posyandu F."
    )
