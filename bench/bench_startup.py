"""Cold start of the real app on a large database vs a bare PySide6 QMainWindow, in fresh processes.

Each sample is a new interpreter (``QT_QPA_PLATFORM=offscreen``) timed from just before it is
spawned to the first paint of a window that is ready: for the app, the results list filled.
The app opens on "Siapa yang bertugas?": it runs on a copy of the folder protected by one
kader's PIN (`signed_copy`), which the child types as soon as that screen shows, so the figure
holds the sign-in screen and the PIN's key derivation but not a kader's typing.
Run alone: ``uv run python bench/bench_startup.py --data-dir DIR [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CHILD_TIMEOUT_S = 300
# A common name part and a NIK prefix: what a kader types at the table.
MEMORY_SEARCHES = ("wati", "3273")
BENCH_PIN = "135790"


def signed_copy(source: Path, target: Path) -> Path:
    """A copy of the (key-file) folder ``source`` whose key one kader's PIN unwraps."""
    from kader_app.core.keystore import key_file_path
    from kader_app.core.profiles import protect_with_first_profile

    shutil.copytree(source, target)
    shutil.copy2(key_file_path(source), key_file_path(target))
    protect_with_first_profile(target, name="Kader Bench", role="kader", pin=BENCH_PIN)
    return target


@dataclass(frozen=True, slots=True)
class ChildResult:
    """What one child process reports: seconds to the ready paint, and its memory then."""

    seconds: float
    rss_kib: int
    uss_kib: int
    pss_kib: int
    anon_kib: int
    rows_shown: int


def child_env(data_dir: Path | None) -> dict[str, str]:
    env = {
        # Byte-compiled, as an installed app runs: this machine sets PYTHONDONTWRITEBYTECODE,
        # which would make every start compile the app's own modules again (~50 ms).
        **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
        "QT_QPA_PLATFORM": "offscreen",
        "KADER_APP_KEYRING": "off",
        "PYTHONUNBUFFERED": "1",
    }
    if data_dir is not None:
        env["KADER_APP_DATA_DIR"] = str(data_dir)
    return env


def spawn(*, kind: str, data_dir: Path | None, searches: tuple[str, ...] = ()) -> ChildResult:
    """Start one fresh child (``app`` or ``bare``) and wait for its report line."""
    command = [sys.executable, str(HERE / "bench_startup.py"), "--child", kind]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    for query in searches:
        command += ["--search", query]
    started = time.time()
    done = subprocess.run(
        command,
        cwd=REPO,
        env=child_env(data_dir),
        capture_output=True,
        timeout=CHILD_TIMEOUT_S,
        check=False,
    )
    report = [line for line in done.stdout.decode().splitlines() if line.startswith("READY ")]
    if done.returncode != 0 or not report:
        tail = done.stderr.decode(errors="replace")[-1500:]
        raise RuntimeError(f"{kind} child failed (exit {done.returncode}): {tail}")
    data: dict[str, Any] = json.loads(report[-1][len("READY ") :])
    return ChildResult(
        seconds=float(data["at"]) - started,
        rss_kib=int(data["rss_kib"]),
        uss_kib=int(data["uss_kib"]),
        pss_kib=int(data["pss_kib"]),
        anon_kib=int(data["anon_kib"]),
        rows_shown=int(data["rows"]),
    )


def memory_kib() -> dict[str, int]:
    """RSS, PSS and USS (private clean + dirty) of this process, from /proc/self/smaps_rollup."""
    fields: dict[str, int] = {}
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            parts = line.split()
            if len(parts) >= 2 and parts[0].endswith(":") and parts[1].isdigit():
                fields[parts[0][:-1]] = int(parts[1])
    return {
        "rss_kib": fields.get("Rss", 0),
        "pss_kib": fields.get("Pss", 0),
        "uss_kib": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
        # Heap and other anonymous pages: unlike USS, not changed by other processes that
        # happen to map the same Qt libraries at the time.
        "anon_kib": fields.get("Anonymous", 0),
    }


def _report(rows: int, *, at: float | None = None) -> None:
    line = {"at": at if at is not None else time.time(), "rows": rows, **memory_kib()}
    sys.stdout.write("READY " + json.dumps(line) + "\n")
    sys.stdout.flush()


def run_libs_child() -> int:
    """A reference, not the goal's baseline: the bare window after importing the store libraries
    the design fixes (SQLModel, hence pydantic and SQLAlchemy with its ORM, and sqlcipher3), in
    the app's order. What no build of this design can start below."""
    import sqlcipher3  # noqa: F401
    import sqlmodel  # noqa: F401

    return run_bare_child()


def run_bare_child() -> int:
    """The baseline: import PySide6, show an empty QMainWindow of the app's size, paint it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1366, 740)
    window.show()

    def ready() -> None:
        window.repaint()
        _report(0)
        app.quit()

    QTimer.singleShot(0, ready)
    return app.exec()


def run_app_child(*, data_dir: Path, searches: tuple[str, ...]) -> int:
    """The real entry point (``kader-app --data-dir``) with a probe that waits for the list.

    The probe finds the main window once the event loop runs, waits until the first search has
    filled the results list, forces its paint and reports; then it types each of ``searches``
    (for the memory figure) before reporting again and quitting.
    """
    # The app's modules first, in their own order (the store before Qt), as `kader-app` loads
    # them; the probe's own Qt imports then find them loaded.
    import kader_app.app  # noqa: F401
    from kader_app.__main__ import main
    from kader_app.ui.main_window import MainWindow

    # isort: split
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    pending = list(searches)
    state: dict[str, Any] = {"first": None, "signed": False}

    def rows(window: MainWindow) -> int:
        return int(window.people_model.rowCount())

    def next_step(window: MainWindow) -> None:
        if state["first"] is None:
            window.repaint()
            state["first"] = time.time()
            if not pending:
                _report(rows(window), at=state["first"])
                app.quit()
                return
        if pending:
            # As a kader types: the window's own debounce timer starts the search.
            window.search_edit.setText(pending.pop(0))
            return
        window.repaint()
        _report(rows(window), at=state["first"])
        app.quit()

    def probe() -> None:
        from kader_app.ui.duty import SignInDialog

        for dialog in app.topLevelWidgets():
            if isinstance(dialog, SignInDialog) and dialog.isVisible() and not state["signed"]:
                state["signed"] = True
                QTest.keyClicks(dialog.pin_edit, BENCH_PIN)
                QTest.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows:
            QTimer.singleShot(1, probe)
            return
        window = windows[0]
        window.search_finished.connect(lambda: next_step(window))
        if rows(window) > 0:
            next_step(window)

    QTimer.singleShot(0, probe)
    return main(["--data-dir", str(data_dir)])


@dataclass(frozen=True, slots=True)
class StartupFigures:
    """Medians (seconds) of the app, the bare window and the bare window after the store
    libraries' import, and every sample, interleaved."""

    app_s: float
    bare_s: float
    libs_s: float
    app_runs: list[float]
    bare_runs: list[float]
    libs_runs: list[float]
    rows_shown: int

    @property
    def ratio(self) -> float:
        return self.app_s / self.bare_s


def measure(*, data_dir: Path, runs: int = 5) -> StartupFigures:
    """Alternate app, bare and libs samples (one warm-up each first, not counted)."""
    spawn(kind="bare", data_dir=None)
    spawn(kind="libs", data_dir=None)
    spawn(kind="app", data_dir=data_dir)
    app_runs: list[float] = []
    bare_runs: list[float] = []
    libs_runs: list[float] = []
    rows = 0
    for _ in range(runs):
        bare_runs.append(spawn(kind="bare", data_dir=None).seconds)
        libs_runs.append(spawn(kind="libs", data_dir=None).seconds)
        result = spawn(kind="app", data_dir=data_dir)
        app_runs.append(result.seconds)
        rows = result.rows_shown
    return StartupFigures(
        app_s=statistics.median(app_runs),
        bare_s=statistics.median(bare_runs),
        libs_s=statistics.median(libs_runs),
        app_runs=app_runs,
        bare_runs=bare_runs,
        libs_runs=libs_runs,
        rows_shown=rows,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", choices=("app", "bare", "libs"), help=argparse.SUPPRESS)
    parser.add_argument("--search", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "bare":
        return run_bare_child()
    if args.child == "libs":
        return run_libs_child()
    if args.data_dir is None:
        parser.error("--data-dir is required (a database made by bench/datagen.py)")
    if args.child == "app":
        return run_app_child(data_dir=args.data_dir, searches=tuple(args.search))
    with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
        figures = measure(data_dir=signed_copy(args.data_dir, Path(tmp) / "data"), runs=args.runs)
    sys.stdout.write(
        f"cold start to filled window: app {figures.app_s:.3f} s, bare QMainWindow "
        f"{figures.bare_s:.3f} s -> ratio {figures.ratio:.2f} ({figures.rows_shown} rows); "
        f"bare window after importing the store libraries {figures.libs_s:.3f} s\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
