"""schemathesis against the real server's OpenAPI: generated requests to every operation, 0 5xx.

Bounded in time: a fixed number of examples per operation and a time budget for the run. The
requests carry a device's token and a staff member's session, so the checks reach past the
login; the server's own access log is read as well, so a 5xx the tool missed still fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys

from dashboard_site import add_staff, logged_in_client
from server_process import REPO, ServerProcess, enroll_on

BUDGET_S = 25
STATUS = re.compile(r'" (\d{3})\b')


def test_generated_requests_never_get_a_server_error(server: ServerProcess) -> None:
    device = enroll_on(server)
    with logged_in_client(server, add_staff(server)) as client:
        cookie = client.cookies["pkm_sesi"]
    log_start = server.log_path.stat().st_size
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{server.url}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "15",
            "--max-time",
            str(BUDGET_S),
            "--exclude-path",
            "/dashboard/keluar",
            "--header",
            f"Authorization: Bearer {device.token}",
            "--header",
            f"Cookie: pkm_sesi={cookie}",
            "--seed",
            "14",
            "--no-shrink",
            "--request-timeout",
            "20",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=BUDGET_S * 6,
        check=False,
    )
    with server.log_path.open("rb") as log:
        log.seek(log_start)
        lines = log.read().decode(errors="replace").splitlines()
    statuses = [int(m.group(1)) for line in lines if (m := STATUS.search(line))]
    server_errors = [line for line in lines if (m := STATUS.search(line)) and m.group(1)[0] == "5"]

    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert len(statuses) > 100, "schemathesis sent too few requests to mean anything"
    assert server_errors == []
