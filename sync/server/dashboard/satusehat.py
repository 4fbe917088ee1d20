"""The SATUSEHAT settings page: the ids the Puskesmas' FHIR exports need.

The Puskesmas' Organization IHS id and default nakes, and each Posyandu's Location id and
responsible nakes (Practitioner IHS id).

Thin handlers over `fhir.sites`; saving needs the form token. Nothing here logs a value.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.server.dashboard.web import PREFIX, CsrfField, LoginDep, redirect, render, require_csrf
from sync.server.deps import SessionDep
from sync.server.fhir import sites
from sync.server.times import now_utc

router = APIRouter(prefix=PREFIX)
FIELD_NAMES = {
    "organization_id": "ID Organisasi (IHS) Puskesmas",
    "location_id": "ID Location Posyandu",
    "practitioner_id": "ID nakes (IHS Practitioner)",
}
Text = Annotated[str, Form(max_length=200)]


@router.get("/satusehat", response_class=HTMLResponse)
def settings_page(
    request: Request,
    session: SessionDep,
    login: LoginDep,
    tersimpan: str | None = None,
    salah: str | None = None,
) -> HTMLResponse:
    return render(
        request,
        "satusehat.html",
        {
            "login": login,
            "ids": sites.load_ids(session),
            "saved": bool(tersimpan),
            "error": FIELD_NAMES.get(salah or ""),
            "page": "ekspor",
        },
    )


def _back(error: str | None = None) -> RedirectResponse:
    query = {"salah": error} if error else {"tersimpan": "1"}
    return redirect(f"{PREFIX}/satusehat?{urlencode(query)}")


@router.post("/satusehat/puskesmas")
def save_puskesmas(
    session: SessionDep,
    login: LoginDep,
    csrf_token: CsrfField,
    organization_id: Text,
    practitioner_id: Text = "",
    practitioner_name: Text = "",
) -> RedirectResponse:
    require_csrf(login, csrf_token)
    try:
        org = sites.clean_id(organization_id, "organization_id")
        nakes = sites.clean_id(practitioner_id, "practitioner_id")
    except sites.BadIdError as error:
        return _back(error.field)
    if org is None:
        return _back("organization_id")
    sites.save_organization(
        session=session,
        organization_id=org,
        practitioner_id=nakes,
        practitioner_name=practitioner_name.strip(),
        by=login.username,
        now=now_utc(),
    )
    return _back()


@router.post("/satusehat/posyandu")
def save_posyandu(
    session: SessionDep,
    login: LoginDep,
    csrf_token: CsrfField,
    area: Text,
    posyandu: Text,
    location_id: Text = "",
    practitioner_id: Text = "",
    practitioner_name: Text = "",
) -> RedirectResponse:
    require_csrf(login, csrf_token)
    try:
        location = sites.clean_id(location_id, "location_id")
        nakes = sites.clean_id(practitioner_id, "practitioner_id")
    except sites.BadIdError as error:
        return _back(error.field)
    sites.save_posyandu(
        session=session,
        area=area,
        posyandu=posyandu,
        location_id=location,
        practitioner_id=nakes,
        practitioner_name=practitioner_name.strip(),
        by=login.username,
        now=now_utc(),
    )
    return _back()
