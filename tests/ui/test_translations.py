"""Every sentence the GUI shows through Qt's translation layer has its English translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "resources" / "translations" / "kader_app_en.ts"


def test_the_english_catalogue_is_complete_for_the_current_sources(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    assert lupdate.exists(), "pyside6-lupdate comes with pyside6-essentials"
    copy = tmp_path / CATALOGUE.name
    shutil.copy2(CATALOGUE, copy)
    sources = sorted(str(p) for p in (REPO / "kader_app" / "ui").rglob("*.py"))
    run = subprocess.run(
        [
            str(lupdate),
            *sources,
            str(REPO / "kader_app" / "app.py"),
            "-no-obsolete",
            "-ts",
            str(copy),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "(0 new and" in run.stdout, run.stdout
    assert "Removed" not in run.stdout, run.stdout
    assert 'type="unfinished"' not in copy.read_text(encoding="utf-8")
