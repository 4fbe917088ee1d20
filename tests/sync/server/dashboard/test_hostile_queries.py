"""Dashboard query values a hand-edited URL could carry: never a server error."""

from __future__ import annotations

from dashboard_site import add_staff, logged_in_client
from server_process import ServerProcess


def test_dashboard_query_values_at_the_ends_of_the_calendar_never_crash(
    server: ServerProcess,
) -> None:
    with logged_in_client(server, add_staff(server)) as client:
        for params in (
            {"bulan": "0001-01"},
            {"bulan": "9999-12"},
            {"bulan": "2026-13"},
            {"bulan": "+001-1"},
        ):
            assert client.get("/dashboard", params=params).status_code == 200
        for page in ("0", "-1", "9" * 40):
            answer = client.get("/dashboard/rujukan", params={"halaman": page})
            assert answer.status_code in (200, 422)
        day = {"dari": "0001-01-01", "sampai": "9999-12-31"}
        assert client.get("/dashboard/ekspor/unduh", params=day).status_code == 200
