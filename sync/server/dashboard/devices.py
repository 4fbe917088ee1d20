"""The devices page: each laptop's last sync, unsent entries and clock, and revoking one.

Thin handlers over `aggregates.queries` and `store`.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.server import store
from sync.server.aggregates import queries
from sync.server.dashboard.web import PREFIX, CsrfField, LoginDep, redirect, render, require_csrf
from sync.server.deps import SessionDep
from sync.server.times import now_utc

router = APIRouter(prefix=PREFIX)


@router.get("/perangkat", response_class=HTMLResponse)
def devices(request: Request, session: SessionDep, login: LoginDep) -> HTMLResponse:
    return render(
        request,
        "devices.html",
        {
            "login": login,
            "devices": queries.load_devices(session),
            "now": now_utc(),
            "page": "perangkat",
        },
    )


@router.post("/perangkat/{device_id}/cabut")
def revoke(
    device_id: str, session: SessionDep, login: LoginDep, csrf_token: CsrfField
) -> RedirectResponse:
    require_csrf(login, csrf_token)
    if not store.revoke_device(session=session, device_id=device_id, now=now_utc()):
        raise HTTPException(status_code=404, detail="Perangkat tidak ditemukan.")
    return redirect(f"{PREFIX}/perangkat")
