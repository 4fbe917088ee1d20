"""The PWS pages: the monthly overview, the open referrals and marking a referral followed up.

Thin handlers: figures come from the summary tables (`aggregates.summary_queries`), scoped to
the staff member's Puskesmas (or the whole kabupaten); a follow-up goes to `store`. Nothing here
logs names, NIKs or measurements.
"""

from __future__ import annotations

import math
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.server import store
from sync.server.aggregates import indicators, queries
from sync.server.aggregates import summary_queries as summaries
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
    scope_of,
    today_wib,
)
from sync.server.deps import SessionDep
from sync.server.times import now_utc

MAX_NOTE = 2000
# Open referrals per page: a busy area has thousands, and one form each would make a page of
# megabytes (slow to build, and too heavy for a phone on mobile data).
REFERRALS_PER_PAGE = 100
Filter = Annotated[str | None, Query(max_length=200)]


def make_router() -> APIRouter:
    """The PWS routes."""
    router = APIRouter(prefix=PREFIX)

    @router.get("", response_class=HTMLResponse)
    def overview(
        request: Request,
        session: SessionDep,
        login: LoginDep,
        bulan: Annotated[str | None, Query(max_length=7)] = None,
        desa: Filter = None,
        puskesmas: Filter = None,
    ) -> HTMLResponse:
        month = parse_month(bulan)
        first = indicators.shift_month(month, -11)
        scope = scope_of(login, puskesmas=puskesmas, area=desa)
        rows = summaries.month_rows(session=session, scope=scope, month=month)
        history = summaries.trend(session=session, scope=scope, last_month=month)
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
                "areas": queries.load_areas(session, puskesmas=scope.puskesmas),
                "area": desa or "",
                "puskesmas_list": queries.load_puskesmas(session)
                if login.puskesmas is None
                else [],
                "puskesmas": scope.puskesmas or "",
                "rows": rows[:-1],
                "total": rows[-1],
                "history": history,
                "chart": chart,
                "legend": legend(),
                "unreadable": summaries.unreadable_count(session=session, scope=scope),
                "page": "ringkasan",
            },
        )

    @router.get("/rujukan", response_class=HTMLResponse)
    def referrals(
        request: Request,
        session: SessionDep,
        login: LoginDep,
        desa: Filter = None,
        posyandu: Filter = None,
        puskesmas: Filter = None,
        tersimpan: int = 0,
        halaman: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    ) -> HTMLResponse:
        scope = scope_of(login, puskesmas=puskesmas, area=desa, posyandu=posyandu)
        shown, total = summaries.referral_page(
            session=session,
            scope=scope,
            today=today_wib(),
            offset=(halaman - 1) * REFERRALS_PER_PAGE,
            limit=REFERRALS_PER_PAGE,
        )
        page_count = max(1, math.ceil(total / REFERRALS_PER_PAGE))
        number = min(halaman, page_count)
        if number != halaman:
            shown, total = summaries.referral_page(
                session=session,
                scope=scope,
                today=today_wib(),
                offset=(number - 1) * REFERRALS_PER_PAGE,
                limit=REFERRALS_PER_PAGE,
            )
        start = (number - 1) * REFERRALS_PER_PAGE
        return render(
            request,
            "referrals.html",
            {
                "login": login,
                "referrals": shown,
                "total": total,
                "first_shown": start + 1,
                "last_shown": start + len(shown),
                "page_number": number,
                "page_count": page_count,
                "areas": queries.load_areas(session, puskesmas=scope.puskesmas),
                "area": desa or "",
                "posyandus": queries.load_posyandus(session, puskesmas=scope.puskesmas, area=desa),
                "posyandu": posyandu or "",
                "puskesmas_list": queries.load_puskesmas(session)
                if login.puskesmas is None
                else [],
                "puskesmas": scope.puskesmas or "",
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
        posyandu: Annotated[str, Form(max_length=200)] = "",
        halaman: Annotated[int, Form(ge=1, le=1_000_000)] = 1,
    ) -> RedirectResponse:
        require_csrf(login, csrf_token)
        if outcome not in FOLLOW_UP_OUTCOMES:
            raise HTTPException(status_code=422, detail="Hasil tindak lanjut tidak dikenal.")
        referral = summaries.referral_by_key(session=session, visit_key=visit_key)
        if referral is None or (
            login.puskesmas is not None and referral.puskesmas != login.puskesmas
        ):
            raise HTTPException(status_code=404, detail="Rujukan tidak ditemukan.")
        now = now_utc()
        store.add_follow_up(
            session=session,
            area=referral.area,
            person_id=referral.person_id,
            visit_id=referral.row_id,
            outcome=FOLLOW_UP_OUTCOMES[outcome],
            note=note.strip(),
            recorded_at=now,
            now=now,
            recorded_by=login.username,
            puskesmas=referral.puskesmas,
        )
        back: dict[str, str | int] = {
            k: v for k, v in (("desa", desa), ("posyandu", posyandu)) if v
        }
        if halaman > 1:
            back["halaman"] = halaman
        query = urlencode({**back, "tersimpan": 1})
        return redirect(f"{PREFIX}/rujukan?{query}")

    return router
