"""Where the app keeps its files, and the user's settings (a small JSON file). Qt-free.

Never holds health data. Settings are read and written whole; a damaged file falls back to the
defaults rather than stopping the app at the Posyandu table.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir

from screening.rules.common import BmiScheme, BpScheme
from screening.rules.section import RuleSettings

APP_NAME = "kader-app"
DATA_DIR_ENV = "KADER_APP_DATA_DIR"
SETTINGS_FILE = "settings.json"


def resolve_data_dir(
    cli_value: str | os.PathLike[str] | None = None, *, demo: bool = False
) -> Path:
    """The data directory: ``--data-dir`` first, then ``KADER_APP_DATA_DIR``, then platformdirs.

    The demo database lives in its own ``demo`` subfolder so it never mixes with real entries.
    """
    if cli_value:
        base = Path(cli_value)
    elif os.environ.get(DATA_DIR_ENV):
        base = Path(os.environ[DATA_DIR_ENV])
    else:
        base = Path(user_data_dir(APP_NAME, appauthor=False))
    path = base / "demo" if demo else base
    path.mkdir(parents=True, exist_ok=True)
    return path.resolve()


@dataclass(frozen=True, slots=True)
class AppSettings:
    """Everything the user can set in the settings dialog."""

    posyandu_name: str = ""
    puskesmas_name: str = ""
    desa: str = ""
    kader_name: str = ""
    server_url: str = ""
    ca_bundle: str = ""
    bmi_scheme: str = "asia_pacific"
    bp_scheme: str = "ilp"
    tb_cough_min_days: int = 0
    language: str = "id"

    def rule_settings(self) -> RuleSettings:
        bp: BpScheme = "jnc7" if self.bp_scheme == "jnc7" else "ilp"
        bmi: BmiScheme = (
            "kemenkes_nasional" if self.bmi_scheme == "kemenkes_nasional" else "asia_pacific"
        )
        return RuleSettings(
            bp_scheme=bp, bmi_scheme=bmi, tb_cough_min_days=max(0, int(self.tb_cough_min_days))
        )


def load_settings(data_dir: Path) -> AppSettings:
    """Read the settings file; unknown keys are ignored, a damaged file gives the defaults."""
    path = data_dir / SETTINGS_FILE
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return AppSettings()
    if not isinstance(raw, dict):
        return AppSettings()
    known = {f.name: f.type for f in fields(AppSettings)}
    values = {k: v for k, v in raw.items() if k in known}
    try:
        return replace(AppSettings(), **values)
    except TypeError:
        return AppSettings()


def save_settings(data_dir: Path, settings: AppSettings) -> None:
    """Write the settings atomically (temp file + rename), so a power cut keeps the old file."""
    path = data_dir / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
