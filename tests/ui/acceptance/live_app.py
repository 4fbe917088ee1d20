"""The real app in its own process on a test's X screen, driven by real key presses (xdotool).

`LiveApp` starts ``app_probe.py`` (the app, plus a probe that writes what it shows to a JSON
file), sends keys through the X server as a keyboard would, and waits on what the app shows,
never on a fixed pause: every wait is bounded and says what it waited for and what it saw.
Xvfb has no window manager; `LiveApp.give_focus` does the one thing a window manager would (give
the keyboard to the window that is left when a dialog closes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PROBE = Path(__file__).with_name("app_probe.py")
# Generous: a loaded 2-core machine may take several seconds to start Qt and open the register.
START_TIMEOUT_S = 60.0
WAIT_TIMEOUT_S = 20.0
FOCUS_RETRY_S = 1.5
KEY_DELAY_MS = 40
POLL_S = 0.05

State = dict[str, Any]


class LiveApp:
    """One running app. Use as a context manager: it always ends the process it started."""

    def __init__(self, *, data_dir: Path, display: str, work: Path) -> None:
        self.data_dir = data_dir
        self.display = display
        self.state_file = work / "app-state.json"
        self.log_file = work / "app.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.env = {
            **os.environ,
            "DISPLAY": display,
            "QT_QPA_PLATFORM": "xcb",
            "KADER_APP_KEYRING": "off",
        }

    def __enter__(self) -> LiveApp:
        with self.log_file.open("wb") as log:
            self.proc = subprocess.Popen(
                [sys.executable, str(PROBE), str(self.data_dir), str(self.state_file)],
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait(
            lambda s: s.get("results") is not None and not s["busy"],
            "the main window with its first list",
            timeout=START_TIMEOUT_S,
        )
        self.give_focus("Posyandu")
        return self

    def __exit__(self, *_exc: object) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)

    def state(self) -> State:
        try:
            found = json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return found if isinstance(found, dict) else {}

    def wait(
        self, check: Callable[[State], bool], what: str, *, timeout: float = WAIT_TIMEOUT_S
    ) -> State:
        """The app's state once ``check`` holds; fails naming ``what`` and the last state seen."""
        deadline = time.monotonic() + timeout
        seen: State = {}
        while time.monotonic() < deadline:
            if self.proc is not None and self.proc.poll() is not None:
                raise AssertionError(f"the app ended while waiting for {what}: {self._log_tail()}")
            seen = self.state()
            try:
                if seen and check(seen):
                    return seen
            except (KeyError, TypeError):
                pass
            time.sleep(POLL_S)
        raise AssertionError(f"{what}: not shown within {timeout:.0f} s; the app showed {seen}")

    def wait_active(self, title_start: str) -> State:
        """Until the window whose title starts with ``title_start`` has the keyboard.

        A window the app just opened takes the keyboard itself; should Qt miss that on a loaded
        machine, the keyboard is given to it as a window manager would.
        """
        try:
            return self.wait(
                lambda s: (
                    (s["active"] or "").startswith(title_start)
                    and (s["focus"] or {}).get("class") is not None
                ),
                f"the window '{title_start}…' with the keyboard",
                timeout=WAIT_TIMEOUT_S / 2,
            )
        except AssertionError:
            return self.give_focus(title_start)

    def give_focus(self, title_start: str) -> State:
        """What a window manager does: the keyboard to the window named ``title_start…``.

        Asked again every moment until the app says that window has the keyboard.
        """
        name = f"^{title_start}"
        deadline = time.monotonic() + WAIT_TIMEOUT_S
        first = True
        while True:
            try:
                if not first:
                    # The X focus may already be there while Qt missed it (a FocusOut handled
                    # after the FocusIn on a loaded machine): away to the root and back gives
                    # Qt a fresh FocusIn.
                    self.xdotool("search", "--maxdepth", "0", "--name", "", "windowfocus")
                first = False
                self.xdotool("search", "--sync", "--onlyvisible", "--name", name, "windowfocus")
                return self.wait(
                    lambda s: (
                        (s["active"] or "").startswith(title_start)
                        and (s["focus"] or {}).get("class") is not None
                    ),
                    f"the window '{title_start}…' with the keyboard",
                    timeout=FOCUS_RETRY_S,
                )
            except AssertionError:
                if time.monotonic() > deadline:
                    raise AssertionError(
                        f"{title_start}: {self._focus_report(name)}; {self.state()}"
                    ) from None

    def key(self, *keys: str) -> None:
        """Press keys as a keyboard does (``Tab``, ``ctrl+n``, ``alt+2``, ``Return``)."""
        self.xdotool("key", "--delay", str(KEY_DELAY_MS), *keys)

    def type(self, text: str) -> None:
        self.xdotool("type", "--delay", str(KEY_DELAY_MS), text)

    def xdotool(self, *args: str) -> None:
        done = subprocess.run(
            ["xdotool", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=WAIT_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0:
            raise AssertionError(f"xdotool {' '.join(args)} failed: {done.stderr.strip()}")

    def quit(self) -> None:
        """Ctrl+Q in the main window, then wait for the process to end (saves are finished)."""
        self.give_focus("Posyandu")
        self.key("ctrl+q")
        assert self.proc is not None
        try:
            self.proc.wait(timeout=WAIT_TIMEOUT_S)
        except subprocess.TimeoutExpired as error:
            raise AssertionError(f"the app did not close on Ctrl+Q: {self.state()}") from error

    def _focus_report(self, name: str) -> str:
        """Which windows the X server sees by that name, and which has the keyboard."""
        found = []
        for args in (("search", "--onlyvisible", "--name", name), ("getwindowfocus",)):
            done = subprocess.run(
                ["xdotool", *args], env=self.env, capture_output=True, text=True, check=False
            )
            found.append(f"xdotool {' '.join(args)}: {done.stdout.split()} {done.stderr.strip()}")
        return "; ".join(found)

    def _log_tail(self) -> str:
        try:
            return self.log_file.read_text(errors="replace")[-3000:]
        except OSError:
            return ""
