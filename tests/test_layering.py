"""The layers hold at run time: `kader_app.core`, `screening` and `sync` never load Qt.

Each check runs in a fresh interpreter, so nothing imported by other tests can hide a Qt import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

# Imports every module under the given packages and reports, as JSON, what it saw.
# Alembic's env.py scripts only run inside an alembic command (they read its context at import),
# so they are left to import-linter's static check.
PROBE = textwrap.dedent(
    """
    import importlib, json, pkgutil, sys, traceback

    roots = sys.argv[1:]
    imported, errors, optional_missing = [], {}, {}

    def load(name):
        try:
            importlib.import_module(name)
            imported.append(name)
        except ModuleNotFoundError as error:
            missing = (error.name or "").split(".")[0]
            if missing and missing not in roots:
                optional_missing[name] = error.name
            else:
                errors[name] = traceback.format_exc(limit=3)
        except Exception:
            errors[name] = traceback.format_exc(limit=3)

    for root in roots:
        load(root)
        package = sys.modules.get(root)
        if package is None or not hasattr(package, "__path__"):
            continue
        found = pkgutil.walk_packages(
            package.__path__, root + ".", onerror=lambda name: errors.setdefault(name, "walk")
        )
        for info in found:
            if info.name.endswith(".migrations.env"):
                continue
            load(info.name)

    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    print(json.dumps({
        "imported": imported,
        "errors": errors,
        "optional_missing": optional_missing,
        "qt": qt,
        "modules": sorted(sys.modules),
    }))
    """
)


def _probe(*roots: str, extra_path: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, "-c", PROBE, *roots]
    env_path = [str(extra_path)] if extra_path else []
    run = subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=extra_path or REPO,
        timeout=180,
        check=False,
        env=_env(env_path),
    )
    assert run.returncode == 0, run.stderr
    result: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return result


def _env(extra: list[str]) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([*extra, env.get("PYTHONPATH", "")]).strip(os.pathsep)
    return env


def test_core_and_sync_import_without_qt() -> None:
    seen = _probe("kader_app.core", "screening", "sync")
    assert not seen["errors"], f"modules that failed to import: {seen['errors']}"
    assert "screening.rules.visit" in seen["imported"]  # the walk really reached the rules
    assert "sync" in seen["imported"]
    assert seen["qt"] == [], f"Qt loaded by core/sync: {seen['qt']}"


def _app_modules(seen: dict[str, Any]) -> list[str]:
    return [m for m in seen["modules"] if m.split(".")[0] == "kader_app"]


def test_the_sync_protocol_client_and_engine_never_load_the_app() -> None:
    seen = _probe("sync.protocol", "sync.client", "sync.engine")
    assert not seen["errors"], f"modules that failed to import: {seen['errors']}"
    assert _app_modules(seen) == []


def test_sync_never_loads_the_app_and_builds_on_the_screening_rules() -> None:
    seen = _probe("sync")
    assert not seen["errors"], f"modules that failed to import: {seen['errors']}"
    assert "screening.rules.recheck" in seen["modules"]  # the server really reached the rules
    assert _app_modules(seen) == []


def test_the_probe_catches_a_qt_import(tmp_path: Path) -> None:
    # A scratch package shaped like core with one module that imports Qt: the same probe must
    # report it, or the checks above could never fail.
    package = tmp_path / "scratch_core"
    (package / "rules").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "rules" / "__init__.py").write_text("")
    (package / "rules" / "clean.py").write_text("VALUE = 1\n")
    (package / "rules" / "leaky.py").write_text("from PySide6 import QtCore  # noqa: F401\n")
    seen = _probe("scratch_core", extra_path=tmp_path)
    assert "scratch_core.rules.leaky" in seen["imported"]
    assert "PySide6.QtCore" in seen["qt"]
