"""GUI fixtures: a real runner and a real main window on a fresh Register per test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner


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
