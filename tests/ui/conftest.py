"""GUI fixtures: a real runner and a real main window on a fresh Register per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner
from kader_app.ui.visit.dialog import VisitDialog


@pytest.fixture(autouse=True)
def app_stylesheet(qapp: Any) -> Iterator[None]:
    """Every window is measured and driven with the stylesheet the app itself applies."""
    from kader_app.app import load_stylesheet

    qapp.setStyleSheet(load_stylesheet())
    yield
    qapp.setStyleSheet(load_stylesheet())


@pytest.fixture
def runner(register: Register) -> Iterator[Runner]:
    """A real runner; teardown waits for its lanes so no task outlives the Register."""
    run = Runner()
    yield run
    run.wait_idle()


@pytest.fixture
def stored_settings() -> list[AppSettings]:
    return []


@pytest.fixture
def make_window(
    qtbot: QtBot, register: Register, runner: Runner, stored_settings: list[AppSettings]
) -> Callable[..., MainWindow]:
    def make(**overrides: Any) -> MainWindow:
        values: dict[str, Any] = {"desa": "Sukamaju", "kader_name": "Kader Uji"}
        values.update(overrides)
        window = MainWindow(
            register=register,
            runner=runner,
            settings=AppSettings(**values),
            store_settings=stored_settings.append,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: not runner.is_busy())
        return window

    return make


@pytest.fixture
def open_visit_dialog(
    qtbot: QtBot, register: Register, make_window: Callable[..., MainWindow]
) -> Callable[..., tuple[MainWindow, VisitDialog]]:
    """Register ``person``, find them by name in a fresh main window, open "Pemeriksaan baru"."""

    def open_dialog(person: PersonInput, **settings: Any) -> tuple[MainWindow, VisitDialog]:
        register.people.register(person)
        window = make_window(**settings)
        with qtbot.waitSignal(window.search_finished, timeout=10_000):
            qtbot.keyClicks(window.search_edit, person.name)
        with qtbot.waitSignal(window.person_shown, timeout=10_000):
            window.people_view.selectRow(0)
        window.new_visit_action.trigger()
        dialog = window.visit_dialog
        assert dialog is not None and dialog.isVisible()
        return window, dialog

    return open_dialog
