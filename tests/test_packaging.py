"""The bundle's hooks (packaging/hooks/) collect what the app finds only at run time.

Builds nothing: each hook is run as PyInstaller runs it, and what it declares is checked against
what the registries, the growth rules, the database and the window actually load. A section
missing here is a visit-form tab, a classification or a database a kader would not get from the
installed app. scripts/bundle-smoke checks the built bundle itself.
"""

from __future__ import annotations

import runpy
from pathlib import Path
from typing import Any

import pytest

from kader_app.core.database import MIGRATIONS_DIR
from kader_app.ui.visit.panels import panel_classes
from screening.rules import growth
from screening.rules.registry import sections
from screening.words import section_words

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
HOOKS = ROOT / "packaging" / "hooks"


def run_hook(module: str) -> dict[str, Any]:
    path = HOOKS / f"hook-{module}.py"
    assert path.is_file(), f"no hook for {module}"
    return runpy.run_path(str(path))


def test_every_rule_section_is_collected() -> None:
    collected = set(run_hook("screening.rules.registry")["hiddenimports"])
    needed = {type(spec).__module__ for spec in sections()}
    assert len(needed) == len(sections()) >= 21
    assert needed <= collected
    # What the sections themselves import by module (age, growth, common...) is in too.
    assert {"screening.rules.growth", "screening.rules.common"} <= collected


def test_every_sections_words_are_collected() -> None:
    collected = set(run_hook("screening.words")["hiddenimports"])
    for spec in sections():
        words = section_words(spec.code)
        assert words is not None, spec.code
        assert f"screening.words.{spec.code}" in collected


def test_every_visit_form_panel_is_collected() -> None:
    collected = set(run_hook("kader_app.ui.visit.panels")["hiddenimports"])
    assert panel_classes()
    assert {panel.__module__ for panel in panel_classes().values()} <= collected


def test_the_who_growth_tables_are_collected() -> None:
    collected = set(run_hook("screening.rules.growth")["hiddenimports"])
    assert set(growth._MODULES.values()) <= collected
    assert not any("test" in name for name in collected)


def test_the_migration_scripts_go_in_as_files_with_what_they_import() -> None:
    hook = run_hook("kader_app.core.database")
    targets = {(Path(src).name, Path(dest).as_posix()) for src, dest in hook["datas"]}
    scripts = sorted(MIGRATIONS_DIR.glob("versions/0*.py"))
    assert len(scripts) >= 5
    for script in scripts:
        assert (script.name, "kader_app/core/migrations/versions") in targets
    assert ("env.py", "kader_app/core/migrations") in targets
    imports = set(hook["hiddenimports"])
    assert {"alembic.op", "alembic.ddl.sqlite", "sync.protocol", "kader_app.core.audit"} <= imports
    assert "typing.Any" not in imports


def test_the_stylesheet_and_english_catalogue_go_to_resources() -> None:
    datas = {(Path(src).name, dest) for src, dest in run_hook("kader_app.app")["datas"]}
    assert ("style.qss", "resources") in datas
    assert ("kader_app_en.qm", "resources/translations") in datas


def test_the_gtk_theme_plugin_is_left_out_and_the_rest_of_qtgui_kept() -> None:
    binaries = [src for src, _dest in run_hook("PySide6.QtGui")["binaries"]]
    assert not any("libqgtk3" in src for src in binaries)
    assert any("qoffscreen" in src for src in binaries)
    assert any("platforms" in src and "qxcb" in src for src in binaries)
