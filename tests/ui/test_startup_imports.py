"""Start-up stays light: the network stack loads only when this laptop syncs."""

from __future__ import annotations

import subprocess
import sys


def test_opening_the_app_module_does_not_load_the_sync_stack() -> None:
    code = (
        "import sys, kader_app.app\n"
        "heavy = sorted(m for m in sys.modules if m == 'requests' or m.startswith("
        "('requests.', 'sync.client', 'sync.engine', 'kader_app.sync_link')))\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == ""


def test_the_store_loads_before_qt_so_qt_does_not_scan_it() -> None:
    """PySide6 reads the source of every module imported after it: the store comes first."""
    code = (
        "import sys, kader_app.app\n"
        "order = list(sys.modules)\n"
        "print(order.index('sqlalchemy'), order.index('sqlmodel'), order.index('PySide6'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    sqlalchemy_at, sqlmodel_at, qt_at = (int(n) for n in out.stdout.split())
    assert sqlalchemy_at < qt_at
    assert sqlmodel_at < qt_at
