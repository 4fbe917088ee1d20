"""The resident page: who the resident is, their visits, and a child's KMS growth chart.

Staff see residents of their own Puskesmas only (the kabupaten sees all); the chart is the
laptop's picture drawn as SVG (`kms_svg`). Nothing here logs a name or a value.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse

from screening.rules.age import age_on
from sync.server.aggregates.resident import load_resident
from sync.server.dashboard.kms_svg import kms_svg
from sync.server.dashboard.web import PREFIX, LoginDep, render, today_wib
from sync.server.deps import SessionDep

router = APIRouter(prefix=PREFIX)


@router.get("/warga/{person_id}", response_class=HTMLResponse)
def resident_page(
    request: Request, person_id: str, session: SessionDep, login: LoginDep
) -> HTMLResponse:
    if len(person_id) > 64:
        raise HTTPException(status_code=404, detail="Warga tidak ditemukan.")
    view = load_resident(session, person_id=person_id, puskesmas=login.puskesmas)
    if view is None:
        raise HTTPException(status_code=404, detail="Warga tidak ditemukan.")
    today = today_wib()
    age = age_on(view.person.birth_date, today) if view.person.birth_date <= today else None
    return render(
        request,
        "resident.html",
        {
            "login": login,
            "view": view,
            "age": age,
            "charts": [kms_svg(c) for c in view.charts],
            "page": "rujukan",
        },
    )
