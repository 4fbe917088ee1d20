"""A visit the Puskesmas refused as ``bad_payload``: the sync panel says what happened and what
to do, in Bahasa Indonesia and in English. The refusal is settled through the real outbox, as
the sync engine settles the server's answer."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kader_app.core.models import PersonInput
from kader_app.core.outbox import ItemResult
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.ui import labels
from kader_app.ui.runner import Runner
from kader_app.ui.sync_controller import SyncController
from kader_app.ui.sync_panel import SyncPanel
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput
from sync.server.store import MESSAGES


@pytest.fixture
def refused_visit(
    register: Register,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> Register:
    person = register.people.register(make_person_input(name="Wati Suryani"))
    register.visits.record(
        person_id=person.person_id, inputs=make_visit_input(), settings=RuleSettings()
    )
    claimed = register.sync.claim(limit=10)
    register.sync.settle(
        [
            ItemResult(id=item.id, content_hash=item.content_hash, status="accepted")
            if item.type == "person"
            else ItemResult(
                id=item.id,
                content_hash=item.content_hash,
                status="rejected",
                code="bad_payload",
                message=MESSAGES["bad_payload"],
            )
            for item in claimed
        ]
    )
    return register


@pytest.fixture
def panel(qtbot: QtBot, refused_visit: Register, runner: Runner) -> Iterator[SyncPanel]:
    controller = SyncController(
        register=refused_visit,
        runner=runner,
        settings=AppSettings(),
        factory=lambda *_args, **_options: None,
        watch_network=False,
    )
    shown = SyncPanel(controller=controller)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: "Wati Suryani" in shown.problems_text(), timeout=10_000)
    yield shown
    controller.stop()
    runner.wait_idle()


def test_a_bad_payload_refusal_says_what_happened_and_what_to_do(panel: SyncPanel) -> None:
    shown = panel.problems_text()
    assert "Wati Suryani — pemeriksaan" in shown
    assert "Alasan: Isi data tidak bisa dibaca oleh server Puskesmas." in shown
    assert "hasil skrining yang tercatat tidak sama dengan hasil aturan skrining di server" in shown
    assert "Data tetap aman di laptop ini." in shown
    assert "Perbarui aplikasi bila ada versi baru, lalu tekan Kirim sekarang" in shown
    assert "sebutkan kode: bad_payload." in shown
    assert panel.problems_list.isVisible()


def test_the_same_refusal_in_english(qapp, panel: SyncPanel, runner: Runner) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    from kader_app.app import RESOURCES

    translator = QTranslator()
    assert translator.load(str(RESOURCES / "translations" / "kader_app_en.qm"))
    qapp.installTranslator(translator)
    labels.set_language("en")
    try:
        snapshot = panel._controller.last_snapshot
        assert snapshot is not None
        panel.show_snapshot(snapshot)
        shown = panel.problems_text()
        assert "Reason: The Puskesmas server cannot read the contents of this data." in shown
        assert "the recorded screening result differs from the result of the server's" in shown
        assert "Update the app if a new version is available, then press Send now" in shown
        assert "quote the code: bad_payload." in shown
        assert "Alasan" not in shown and "Perbarui" not in shown
    finally:
        labels.set_language("id")
        qapp.removeTranslator(translator)
