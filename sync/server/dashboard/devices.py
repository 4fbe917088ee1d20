"""The devices page: each laptop's last sync, unsent entries, clock and audit chain; revoking one.

Revoking asks first, on a page of its own that says how many entries the laptop still holds
unsent. A laptop's recovery key is shown only on a deliberate reveal (a form post), and every
reveal is audited with who asked. Thin handlers over `aggregates.queries` and `store`, scoped to
the staff's Puskesmas.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.server import store
from sync.server.aggregates import queries
from sync.server.dashboard.web import PREFIX, CsrfField, LoginDep, redirect, render, require_csrf
from sync.server.deps import SessionDep
from sync.server.staff import StaffLogin
from sync.server.store.transfer_receipts import reveal_recovery_key
from sync.server.times import now_utc

router = APIRouter(prefix=PREFIX)
NOT_FOUND = "Perangkat tidak ditemukan."


def _device(session: SessionDep, login: StaffLogin, device_id: str) -> queries.DeviceRow:
    found = queries.load_devices(session, puskesmas=login.puskesmas, device_id=device_id[:64])
    if not found:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return found[0]


@router.get("/perangkat", response_class=HTMLResponse)
def devices(request: Request, session: SessionDep, login: LoginDep) -> HTMLResponse:
    return render(
        request,
        "devices.html",
        {
            "login": login,
            "devices": queries.load_devices(session, puskesmas=login.puskesmas),
            "now": now_utc(),
            "page": "perangkat",
        },
    )


@router.get("/perangkat/{device_id}/cabut", response_class=HTMLResponse)
def confirm_revoke(
    request: Request, device_id: str, session: SessionDep, login: LoginDep
) -> HTMLResponse:
    return render(
        request,
        "revoke.html",
        {"login": login, "device": _device(session, login, device_id), "page": "perangkat"},
    )


@router.post("/perangkat/{device_id}/cabut")
def revoke(
    device_id: str, session: SessionDep, login: LoginDep, csrf_token: CsrfField
) -> RedirectResponse:
    require_csrf(login, csrf_token)
    device = _device(session, login, device_id)
    if not store.revoke_device(session=session, device_id=device.id, now=now_utc()):
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    return redirect(f"{PREFIX}/perangkat")


@router.get("/perangkat/{device_id}/kunci-pemulihan", response_class=HTMLResponse)
def confirm_reveal(
    request: Request, device_id: str, session: SessionDep, login: LoginDep
) -> HTMLResponse:
    return render(
        request,
        "recovery_key.html",
        {"login": login, "device": _device(session, login, device_id), "page": "perangkat"},
    )


@router.post("/perangkat/{device_id}/kunci-pemulihan", response_class=HTMLResponse)
def reveal(
    request: Request, device_id: str, session: SessionDep, login: LoginDep, csrf_token: CsrfField
) -> HTMLResponse:
    require_csrf(login, csrf_token)
    device = _device(session, login, device_id)
    key = reveal_recovery_key(
        session=session, device_id=device.id, username=login.username, now=now_utc()
    )
    return render(
        request,
        "recovery_key.html",
        {"login": login, "device": device, "page": "perangkat", "revealed": True, "key": key},
    )
