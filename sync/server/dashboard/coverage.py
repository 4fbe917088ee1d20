"""The SPM coverage page: S-K-D-N and served / sasaran per Posyandu and group, and the estimates.

Figures come from `aggregates.coverage` (the same counting as the laptop's monthly report),
scoped to the staff member's Puskesmas (or the kabupaten), one desa at a time. A
Puskesmas-entered sasaran is kept per Posyandu, year and group and replaces the register's
count; the page says which is used.
Nothing here logs names or measurements.
"""

from __future__ import annotations

import json
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from screening.words import coverage as words
from sync.server.aggregates import coverage as figures
from sync.server.aggregates import indicators, queries
from sync.server.dashboard.web import (
    PREFIX,
    CsrfField,
    LoginDep,
    parse_month,
    redirect,
    render,
    require_csrf,
    scope_of,
)
from sync.server.deps import SessionDep
from sync.server.times import now_utc

Filter = Annotated[str | None, Query(max_length=200)]
MAX_ESTIMATE = 1_000_000
router = APIRouter(prefix=PREFIX)


def place_value(area: str, posyandu: str) -> str:
    """The form value naming one Posyandu (names may hold any character)."""
    return json.dumps([area, posyandu], ensure_ascii=False)


def ratio(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in percent (None when ``whole`` is 0)."""
    return None if whole <= 0 else 100 * part / whole


@router.get("/cakupan", response_class=HTMLResponse)
def coverage_page(
    request: Request,
    session: SessionDep,
    login: LoginDep,
    bulan: Annotated[str | None, Query(max_length=7)] = None,
    desa: Filter = None,
    puskesmas: Filter = None,
    tersimpan: int = 0,
) -> HTMLResponse:
    month = parse_month(bulan)
    areas = queries.load_areas(session, puskesmas=scope_of(login, puskesmas=puskesmas).puskesmas)
    # One desa at a time: coverage is counted from the entries themselves, so a page costs
    # one desa's register, never the whole kabupaten's.
    area = desa if desa in areas else (areas[0] if areas else None)
    scope = scope_of(login, puskesmas=puskesmas, area=area)
    rows = figures.coverage_rows(session, scope=scope, month=month) if area else []
    entered = figures.estimates(session, scope=scope, year=month.year) if area else {}
    return render(
        request,
        "coverage.html",
        {
            "login": login,
            "month": month,
            "month_value": f"{month:%Y-%m}",
            "previous_month": f"{indicators.shift_month(month, -1):%Y-%m}",
            "next_month": f"{indicators.shift_month(month, 1):%Y-%m}",
            "areas": areas,
            "area": area or "",
            "puskesmas_list": queries.load_puskesmas(session) if login.puskesmas is None else [],
            "puskesmas": scope.puskesmas or "",
            "rows": rows,
            "estimates": sorted(
                (place, group, n) for place, found in entered.items() for group, n in found.items()
            ),
            "estimate_groups": figures.ESTIMATE_GROUPS,
            "place_value": place_value,
            "group_text": words.group_text,
            "indicator_text": words.indicator_text,
            "source_text": {k: w.get("id") for k, w in words.SOURCES.items()},
            "skdn_words": {k: w.get("id") for k, w in words.SKDN.items()},
            "ratio": ratio,
            "saved": bool(tersimpan),
            "page": "cakupan",
        },
    )


@router.post("/cakupan/perkiraan")
def save_estimate(
    session: SessionDep,
    login: LoginDep,
    csrf_token: CsrfField,
    posyandu: Annotated[str, Form(max_length=500)],
    group: Annotated[str, Form(max_length=40)],
    year: Annotated[int, Form(ge=2000, le=2199)],
    sasaran: Annotated[str, Form(max_length=12)] = "",
    bulan: Annotated[str, Form(max_length=7)] = "",
    desa: Annotated[str, Form(max_length=200)] = "",
) -> RedirectResponse:
    """Enter a group's sasaran for one Posyandu of the staff member's Puskesmas (blank removes)."""
    require_csrf(login, csrf_token)
    if group not in figures.ESTIMATE_GROUPS:
        raise HTTPException(status_code=422, detail="Kelompok sasaran tidak dikenal.")
    text = sasaran.strip().replace(".", "")
    if text and (not text.isdigit() or int(text) > MAX_ESTIMATE):
        raise HTTPException(status_code=422, detail="Sasaran harus bilangan bulat 0–1.000.000.")
    try:
        area, name = json.loads(posyandu)
    except (ValueError, TypeError):
        raise HTTPException(status_code=422, detail="Posyandu tidak dikenal.") from None
    allowed = figures.posyandu_places(session, scope=scope_of(login))
    place = next((p for p in allowed if (p[1], p[2]) == (area, name)), None)
    if place is None:
        raise HTTPException(status_code=404, detail="Posyandu tidak ditemukan.")
    figures.save_estimate(
        session,
        place=place,
        year=year,
        group=group,
        n=int(text) if text else None,
        entered_by=login.username,
        now=now_utc(),
    )
    back = {k: v for k, v in (("bulan", bulan), ("desa", desa)) if v}
    return redirect(f"{PREFIX}/cakupan?{urlencode({**back, 'tersimpan': 1})}")
