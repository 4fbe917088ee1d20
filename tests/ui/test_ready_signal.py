"""`kader-app --exit-when-ready`: the start-up check an installed copy is measured and smoked with.

Each test starts the real command in a fresh interpreter, as a kader's double-click would.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from kader_app.core.database import DB_FILENAME
from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.core.rules.registry import sections
from kader_app.settings import AppSettings, save_settings
from kader_app.ui.visit.panels import panel_classes

READY = re.compile(
    r"^ready at_ms=(\d+) rows=(\d+) sections=(\d+) words=(\d+) panels=(\d+) style=(\d+) "
    r"title=(.*)$",
    re.MULTILINE,
)
STYLESHEET = Path(__file__).resolve().parents[2] / "resources" / "style.qss"


def start_until_ready(data_dir: Path) -> tuple[int, str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KADER_APP_KEYRING": "off"}
    started = time.time()
    done = subprocess.run(
        [sys.executable, "-m", "kader_app", "--data-dir", str(data_dir), "--exit-when-ready"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, started


def test_a_fresh_folder_gets_its_database_and_reports_every_section(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    code, out, started = start_until_ready(data_dir)
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


def test_the_title_follows_the_english_setting(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    save_settings(data_dir, AppSettings(language="en", posyandu_name="Posyandu Melati"))
    code, out, _started = start_until_ready(data_dir)
    assert code == 0
    found = READY.search(out)
    assert found is not None, out
    assert found.group(7) == "Posyandu — Kader Records — Posyandu Melati"


def test_the_line_comes_once_the_list_shows_the_residents(
    register_dir: Path, make_person_input: Callable[..., PersonInput]
) -> None:
    register = Register.open(register_dir)
    try:
        register.people.register(make_person_input())
        register.people.register(make_person_input(name="Budi Santoso", sex="L"))
    finally:
        register.close()
    code, out, _started = start_until_ready(register_dir)
    assert code == 0
    found = READY.search(out)
    assert found is not None, out
    assert int(found.group(2)) == 2
