from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kader_app.ui.runner import Lane, Runner


def test_task_runs_on_a_worker_and_the_result_comes_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = Runner()
    seen: dict[str, str] = {}

    def work() -> int:
        seen["worker"] = threading.current_thread().name
        return 42

    def done(value: int) -> None:
        seen["callback"] = threading.current_thread().name
        seen["value"] = str(value)

    with qtbot.waitSignal(runner.task_finished, timeout=5000) as blocker:
        task_id = runner.submit(work, on_done=done)
    assert blocker.args == [task_id]
    assert seen["value"] == "42"
    assert seen["worker"] != threading.main_thread().name
    assert seen["callback"] == threading.main_thread().name
    assert runner.thread_names[task_id] == seen["worker"]


def test_gui_event_loop_keeps_running_while_a_slow_task_holds_the_database_lane(
    qtbot: QtBot,
) -> None:
    """The slow task can only finish once a GUI-thread timer has fired: a blocked GUI hangs it."""
    runner = Runner()
    released = threading.Event()
    ticks: list[int] = []

    def slow() -> str:
        if not released.wait(timeout=10):
            return "gui was blocked"
        return "ok"

    def tick() -> None:
        ticks.append(1)
        released.set()

    results: list[str] = []
    runner.submit(slow, on_done=results.append)
    QTimer.singleShot(50, tick)
    qtbot.waitUntil(lambda: bool(results), timeout=15000)
    assert ticks == [1]
    assert results == ["ok"]


def test_database_lane_runs_one_task_at_a_time_in_order(qtbot: QtBot) -> None:
    runner = Runner()
    order: list[int] = []
    active = []
    overlap = []

    def make(n: int):  # type: ignore[no-untyped-def]
        def job() -> None:
            active.append(n)
            if len(active) > 1:
                overlap.append(n)
            order.append(n)
            active.remove(n)

        return job

    for n in range(20):
        runner.submit(make(n))
    qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
    assert order == list(range(20))
    assert overlap == []


def test_error_goes_to_the_error_callback(qtbot: QtBot) -> None:
    runner = Runner()
    errors: list[BaseException] = []

    def fail() -> None:
        raise KeyError("code_x")

    with qtbot.waitSignal(runner.task_finished, timeout=5000):
        runner.submit(fail, on_error=errors.append, lane=Lane.NETWORK)
    assert isinstance(errors[0], KeyError)
