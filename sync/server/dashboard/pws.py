"""The PWS pages: the monthly overview, the open referrals and marking a referral followed up.

Thin handlers: figures come from the area's cached facts (`aggregates.cache.FactCache`), a
follow-up goes to `store`. Nothing here logs names, NIKs or measurements.
"""

from __future__ import annotations

import math
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.server import store
from sync.server.aggregates import cache, indicators, queries
from sync.server.dashboard.chart import legend, rate_chart
from sync.server.dashboard.labels import FOLLOW_UP_OUTCOMES
from sync.server.dashboard.web import (
    PREFIX,
    CsrfField,
    LoginDep,
    month_name,
    parse_month,
    redirect,
    render,
    require_csrf,
    today_wib,
)
from sync.server.deps import SessionDep
from sync.server.times import now_utc

MAX_NOTE = 2000
# Open referrals per page: a busy area has thousands, and one form each would make a page of
# megabytes (slow to build, and too heavy for a phone on mobile data).
REFERRALS_PER_PAGE = 100


def make_router() -> APIRouter:
    """The PWS routes, sharing one fact cache (per app)."""
    router = APIRouter(prefix=PREFIX)
    # The overview and referral figures of the last few areas viewed, checked against the
    # database's data version on every request (see `aggregates.cache.FactCache`).
    fact_cache = cache.FactCache()

    @router.get("", response_class=HTMLResponse)
    def overview(
        request: Request,
        session: SessionDep,
        login: LoginDep,
        bulan: Annotated[str | None, Query(max_length=7)] = None,
        desa: Annotated[str | None, Query(max_length=200)] = None,
    ) -> HTMLResponse:
        month = parse_month(bulan)
        first = indicators.shift_month(month, -11)
        facts = fact_cache.facts(session=session, area=desa or None)
        rows, history = facts.overview(month)
        where = desa or "semua desa"
        chart = rate_chart(
            history,
            title=f"Persentase hasil skrining per bulan, {where}, "
            f"{month_name(first)} – {month_name(month)}",
        )
        return render(
            request,
            "overview.html",
            {
                "login": login,
                "month": month,
                "month_value": f"{month:%Y-%m}",
                "previous_month": f"{indicators.shift_month(month, -1):%Y-%m}",
                "next_month": f"{indicators.shift_month(month, 1):%Y-%m}",
                "areas": queries.load_areas(session),
                "area": desa or "",
                "rows": rows[:-1],
                "total": rows[-1],
                "history": history,
                "chart": chart,
                "legend": legend(),
                "unreadable": facts.unreadable,
                "page": "ringkasan",
            },
        )

    @router.get("/rujukan", response_class=HTMLResponse)
    def referrals(
        request: Request,
        session: SessionDep,
        login: LoginDep,
        desa: Annotated[str | None, Query(max_length=200)] = None,
        tersimpan: int = 0,
        halaman: Annotated[int, Query(ge=1)] = 1,
    ) -> HTMLResponse:
        facts = fact_cache.facts(session=session, area=desa or None)
        open_rows = facts.open_referrals(today_wib())
        page_count = max(1, math.ceil(len(open_rows) / REFERRALS_PER_PAGE))
        number = min(halaman, page_count)
        start = (number - 1) * REFERRALS_PER_PAGE
        shown = open_rows[start : start + REFERRALS_PER_PAGE]
        return render(
            request,
            "referrals.html",
            {
                "login": login,
                "referrals": shown,
                "total": len(open_rows),
                "first_shown": start + 1,
                "last_shown": start + len(shown),
                "page_number": number,
                "page_count": page_count,
                "areas": queries.load_areas(session),
                "area": desa or "",
                "saved": bool(tersimpan),
                "page": "rujukan",
            },
        )

    @router.post("/rujukan/{visit_key}/tindak-lanjut")
    def follow_up(
        visit_key: str,
        session: SessionDep,
        login: LoginDep,
        csrf_token: CsrfField,
        outcome: Annotated[str, Form(max_length=50)],
        note: Annotated[str, Form(max_length=MAX_NOTE)] = "",
        desa: Annotated[str, Form(max_length=200)] = "",
        halaman: Annotated[int, Form(ge=1)] = 1,
    ) -> RedirectResponse:
        require_csrf(login, csrf_token)
        if outcome not in FOLLOW_UP_OUTCOMES:
            raise HTTPException(status_code=422, detail="Hasil tindak lanjut tidak dikenal.")
        visit = fact_cache.facts(session=session, area=desa or None).visit(visit_key)
        if visit is None and desa:
            visit = fact_cache.facts(session=session).visit(visit_key)
        if visit is None:
            raise HTTPException(status_code=404, detail="Rujukan tidak ditemukan.")
        now = now_utc()
        store.add_follow_up(
            session=session,
            area=visit.area,
            person_id=visit.person_id,
            visit_id=visit.row_id,
            outcome=FOLLOW_UP_OUTCOMES[outcome],
            note=note.strip(),
            recorded_at=now,
            now=now,
            recorded_by=login.username,
        )
        back: dict[str, str | int] = {"desa": desa} if desa else {}
        if halaman > 1:
            back["halaman"] = halaman
        query = urlencode({**back, "tersimpan": 1})
        return redirect(f"{PREFIX}/rujukan?{query}")

    return router
