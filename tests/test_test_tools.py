"""The programs the suite drives besides Python are installed, and the X screen works.

`scripts/dev setup --test` installs them from Debian (its TEST_PACKAGES); each check names the
package that is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

TOOLS = {
    "pdftotext": "poppler-utils",
    "chromium": "chromium",
    "Xvfb": "xvfb",
    "xauth": "xauth",
    "xdotool": "xdotool",
}


@pytest.mark.parametrize("program", sorted(TOOLS))
def test_program_is_installed(program: str) -> None:
    assert shutil.which(program), (
        f"{program} is missing (package {TOOLS[program]}): scripts/dev setup --test installs it"
    )


def test_a_worker_has_its_own_x_screen_that_xdotool_can_drive(x_display: str) -> None:
    env = {**os.environ, "DISPLAY": x_display}
    done = subprocess.run(
        ["xdotool", "getdisplaygeometry"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1366", "768"]
