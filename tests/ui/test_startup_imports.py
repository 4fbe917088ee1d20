"""Start-up stays light: the network stack loads only when this laptop is enrolled and syncs."""

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
