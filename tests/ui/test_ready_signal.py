"""`kader-app --exit-when-ready`: the start-up check an installed copy is measured and smoked with.

Each test starts the real command in a fresh interpreter, as a kader's double-click would, on
this worker's X screen, and types through the opening screens (the first profile, or the PIN)
with real keys: the line comes once the main window shows its data.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from on_duty import open_with_pin, protect

from kader_app.core.database import DB_FILENAME
from kader_app.core.keystore import key_file_path
from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings, save_settings
from kader_app.ui.visit.panels import panel_classes
from screening.rules.registry import sections

READY = re.compile(
    r"^ready at_ms=(\d+) rows=(\d+) sections=(\d+) words=(\d+) panels=(\d+) style=(\d+) "
    r"title=(.*)$",
    re.MULTILINE,
)
STYLESHEET = Path(__file__).resolve().parents[2] / "resources" / "style.qss"


PIN = "246810"


def xdotool(env: dict[str, str], *args: str) -> None:
    subprocess.run(["xdotool", *args], env=env, check=True, timeout=60, capture_output=True)


def keyboard_to(env: dict[str, str], title: str) -> None:
    """The keyboard to the app's window named ``title…``, as a window manager gives it."""
    xdotool(
        env, "search", "--sync", "--onlyvisible", "--name", f"^{title}", "windowfocus", "--sync"
    )


def type_keys(env: dict[str, str], *steps: str) -> None:
    """``steps``: text to type, or ``key:NAME`` for a key (``key:Tab``, ``key:alt+l``)."""
    for step in steps:
        if step.startswith("key:"):
            xdotool(env, "key", "--delay", "40", step[4:])
        else:
            xdotool(env, "type", "--delay", "40", step)


def start_until_ready(
    data_dir: Path, *, display: str, screens: Callable[[dict[str, str]], None]
) -> tuple[int, str, float]:
    """The real command on this worker's X screen; ``screens`` types through what opens first."""
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "KADER_APP_KEYRING": "off"}
    started = time.time()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kader_app", "--data-dir", str(data_dir), "--exit-when-ready"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        screens(env)
        out, _err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    return proc.returncode, out, started


def first_profile(env: dict[str, str]) -> None:
    """A laptop without profiles: the first kader's name, role, PIN twice; the recovery key."""
    keyboard_to(env, "Petugas pertama di laptop ini")
    type_keys(env, "Kader Uji", "key:Tab", "key:Tab", PIN, "key:Tab", PIN, "key:Return")
    keyboard_to(env, "Kunci pemulihan")
    type_keys(env, "key:space", "key:alt+l")  # "kept on paper", Lanjut


def sign_in(title: str) -> Callable[[dict[str, str]], None]:
    def screens(env: dict[str, str]) -> None:
        keyboard_to(env, title)
        type_keys(env, PIN, "key:Return")

    return screens


def test_a_fresh_folder_gets_its_first_kader_its_database_and_reports_every_section(
    tmp_path: Path, x_display: str
) -> None:
    data_dir = tmp_path / "data"
    code, out, started = start_until_ready(data_dir, display=x_display, screens=first_profile)
    assert code == 0
    found = READY.search(out)
    assert found is not None, out
    at_ms, rows, n_sections, words, panels, style = (int(g) for g in found.groups()[:6])
    assert started * 1000 - 1000 < at_ms < time.time() * 1000
    assert rows == 0
    assert n_sections == len(sections()) >= 21
    assert words == n_sections
    assert panels == len(panel_classes()) > 0
    assert style == len(STYLESHEET.read_text(encoding="utf-8")) > 0
    assert found.group(7) == "Posyandu — Pencatatan Kader"
    assert (data_dir / DB_FILENAME).stat().st_size > 0
    assert not key_file_path(data_dir).exists()  # the key lives only wrapped by the PIN
    register = open_with_pin(data_dir, name="Kader Uji", pin=PIN)
    try:  # kept to be deposited with the Puskesmas at enrolment
        assert register.sync.recovery_key_to_deposit() is not None
    finally:
        register.close()


def test_the_title_follows_the_english_setting(tmp_path: Path, x_display: str) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    save_settings(data_dir, AppSettings(language="en", posyandu_name="Posyandu Melati"))
    protect(data_dir, pin=PIN)
    code, out, _started = start_until_ready(
        data_dir, display=x_display, screens=sign_in("Who is on duty?")
    )
    assert code == 0
    found = READY.search(out)
    assert found is not None, out
    assert found.group(7) == "Posyandu — Kader Records — Posyandu Melati"


def test_a_laptop_from_before_profiles_keeps_its_residents_under_the_first_pin(
    register_dir: Path, make_person_input: Callable[..., PersonInput], x_display: str
) -> None:
    register = Register.open(register_dir)
    try:
        register.people.register(make_person_input())
        register.people.register(make_person_input(name="Budi Santoso", sex="L"))
    finally:
        register.close()
    assert key_file_path(register_dir).exists()
    code, out, _started = start_until_ready(register_dir, display=x_display, screens=first_profile)
    assert code == 0
    found = READY.search(out)
    assert found is not None, out
    assert int(found.group(2)) == 2  # the line comes once the list shows both residents
    assert not key_file_path(register_dir).exists()
    open_with_pin(register_dir, name="Kader Uji", pin=PIN).close()


def test_keluar_on_the_sign_in_screen_ends_the_app_cleanly(tmp_path: Path, x_display: str) -> None:
    data_dir = tmp_path / "data"
    protect(data_dir, pin=PIN)

    def leave(env: dict[str, str]) -> None:
        keyboard_to(env, "Siapa yang bertugas?")
        type_keys(env, "key:Escape")

    code, out, _started = start_until_ready(data_dir, display=x_display, screens=leave)
    assert code == 0
    assert READY.search(out) is None
    assert not (data_dir / DB_FILENAME).exists()
