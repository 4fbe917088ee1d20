"""Dashboard pages for Puskesmas staff: login, PWS overview, open referrals, devices, exports.

Thin handlers: they check the login and the CSRF token, call `aggregates`/`store`/`exports`/
`fhir`, and render Jinja2 templates. Every page is plain HTML + CSS (works without JavaScript on
a slow phone). Nothing here logs names, NIKs or measurements.
"""

from __future__ import annotations

import json
import math
import secrets
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from kader_app.core.words import level_text, month_title
from kader_app.core.words import month_name as month_word
from sync.server import exports, fhir, staff, store
from sync.server.aggregates import cache, indicators, queries
from sync.server.dashboard.chart import legend, rate_chart
from sync.server.dashboard.labels import FOLLOW_UP_OUTCOMES
from sync.server.deps import SessionDep
from sync.server.times import now_utc

PREFIX = "/dashboard"
# The login page's wait message never promises more than the lockout window can need.
LOCKOUT_MINUTES_SHOWN_MAX = int(staff.FAILED_LOGIN_WINDOW.total_seconds() // 60)
HERE = Path(__file__).parent
SESSION_COOKIE = "pkm_sesi"
LOGIN_CSRF_COOKIE = "pkm_masuk"
# The dashboard's calendar: months and "days waiting" are counted in WIB (UTC+7).
WIB = timezone(timedelta(hours=7), "WIB")
MAX_NOTE = 2000
# Open referrals per page: a busy area has thousands, and one form each would make a page of
# megabytes (slow to build, and too heavy for a phone on mobile data).
REFERRALS_PER_PAGE = 100
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
}


def today_wib() -> date:
    return now_utc().astimezone(WIB).date()


def month_name(month: date) -> str:
    return month_title(month)


def percent(value: float | None) -> str:
    """`12,5%` (Indonesian decimal comma); a dash when nobody was screened."""
    return "–" if value is None else f"{value:.1f}%".replace(".", ",")


def short_date(value: date | datetime | None) -> str:
    if value is None:
        return "–"
    if isinstance(value, datetime):
        local = value.astimezone(WIB)
        return f"{local.day} {month_word(local.month)[:3]} {local.year} {local:%H:%M} WIB"
    return f"{value.day} {month_word(value.month)[:3]} {value.year}"


def skew_text(seconds: float | None) -> str:
    if seconds is None:
        return "–"
    minutes = round(seconds / 60)
    if abs(seconds) < 60:
        return "tepat"
    direction = "lebih cepat" if seconds > 0 else "lebih lambat"
    return f"{abs(minutes)} menit {direction}"


templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["percent"] = percent
templates.env.filters["short_date"] = short_date
templates.env.filters["month_name"] = month_name
templates.env.filters["skew"] = skew_text
templates.env.filters["level_text"] = level_text
templates.env.globals["OUTCOMES"] = FOLLOW_UP_OUTCOMES
templates.env.globals["INDICATORS"] = indicators.INDICATORS


class LoginRequiredError(Exception):
    """Raised by the login dependency; the app answers with a redirect to the login page."""


def current_login(request: Request, session: SessionDep) -> staff.StaffLogin:
    login = staff.login_for_token(
        session=session, token=request.cookies.get(SESSION_COOKIE), now=now_utc()
    )
    if login is None:
        raise LoginRequiredError
    return login


LoginDep = Annotated[staff.StaffLogin, Depends(current_login)]
CsrfField = Annotated[str, Form(alias="csrf_token")]


def require_csrf(login: staff.StaffLogin, submitted: str) -> None:
    if not staff.csrf_ok(login.csrf_token, submitted):
        raise HTTPException(status_code=403, detail="Formulir kedaluwarsa. Muat ulang halaman.")


def render(
    request: Request, name: str, context: dict[str, Any], *, status_code: int = 200
) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, context, status_code=status_code)
    response.headers.update(SECURITY_HEADERS)
    return response


def _redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def parse_month(text: str | None) -> date:
    """`YYYY-MM` → its first day; this month (WIB) when empty or malformed."""
    if text:
        try:
            year, month = text.split("-")
            return date(int(year), int(month), 1)
        except ValueError:
            pass
    return today_wib().replace(day=1)


def parse_day(text: str | None, *, default: date) -> date:
    if text:
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return default


def make_router() -> APIRouter:
    router = APIRouter(prefix=PREFIX)

    throttle = staff.LoginThrottle()
    # The overview and referral figures of the last few areas viewed, checked against the
    # database's data version on every request (see `aggregates.cache.FactCache`).
    fact_cache = cache.FactCache()

    @router.get("/masuk", response_class=HTMLResponse)
    def login_page(request: Request, gagal: int = 0, tunggu: int = 0) -> HTMLResponse:
        token = secrets.token_urlsafe(24)
        wait_minutes = max(0, min(tunggu, LOCKOUT_MINUTES_SHOWN_MAX))
        response = render(
            request,
            "login.html",
            {
                "csrf_token": token,
                "failed": bool(gagal),
                "wait_minutes": wait_minutes,
                "login": None,
            },
            status_code=429 if wait_minutes else 401 if gagal else 200,
        )
        if wait_minutes:
            response.headers["Retry-After"] = str(wait_minutes * 60)
        response.set_cookie(
            LOGIN_CSRF_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
            path=PREFIX,
            max_age=3600,
        )
        return response

    @router.post("/masuk")
    def login_submit(
        request: Request,
        session: SessionDep,
        username: Annotated[str, Form(max_length=100)],
        password: Annotated[str, Form(max_length=500)],
        csrf_token: CsrfField,
    ) -> RedirectResponse:
        expected = request.cookies.get(LOGIN_CSRF_COOKIE) or ""
        if not expected or not staff.csrf_ok(expected, csrf_token):
            return _redirect(f"{PREFIX}/masuk?gagal=1")
        now = now_utc()
        address = request.client.host if request.client is not None else ""
        wait = throttle.wait_for(username=username, address=address, now=now)
        if wait is not None:
            # Refused without checking the password: guessing gets no answer until it passes.
            minutes = math.ceil(wait.total_seconds() / 60)
            return _redirect(f"{PREFIX}/masuk?tunggu={minutes}")
        answer = staff.log_in(session=session, username=username, password=password, now=now)
        if answer is None:
            throttle.failed(username=username, address=address, now=now)
            return _redirect(f"{PREFIX}/masuk?gagal=1")
        throttle.succeeded(username=username, address=address)
        token, login = answer
        response = _redirect(PREFIX)
        response.set_cookie(
            SESSION_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=_secure(request),
            path=PREFIX,
            max_age=int(staff.SESSION_LIFETIME.total_seconds()),
        )
        response.delete_cookie(LOGIN_CSRF_COOKIE, path=PREFIX)
        return response

    @router.post("/keluar")
    def logout(
        request: Request, session: SessionDep, login: LoginDep, csrf_token: CsrfField
    ) -> RedirectResponse:
        require_csrf(login, csrf_token)
        staff.log_out(session=session, token=request.cookies.get(SESSION_COOKIE))
        response = _redirect(f"{PREFIX}/masuk")
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response

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
        return _redirect(f"{PREFIX}/rujukan?{query}")

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
        return _redirect(f"{PREFIX}/perangkat")

    @router.get("/ekspor", response_class=HTMLResponse)
    def export_page(request: Request, session: SessionDep, login: LoginDep) -> HTMLResponse:
        today = today_wib()
        return render(
            request,
            "exports.html",
            {
                "login": login,
                "areas": queries.load_areas(session),
                "start": today.replace(day=1).isoformat(),
                "end": today.isoformat(),
                "page": "ekspor",
            },
        )

    @router.get("/ekspor/unduh")
    def export_download(
        session: SessionDep,
        login: LoginDep,
        fmt: Annotated[str, Query(alias="format", pattern="^(csv|xlsx|fhir)$")] = "csv",
        dari: Annotated[str | None, Query(max_length=10)] = None,
        sampai: Annotated[str | None, Query(max_length=10)] = None,
        desa: Annotated[str | None, Query(max_length=200)] = None,
    ) -> Response:
        today = today_wib()
        start = parse_day(dari, default=today.replace(day=1))
        end = parse_day(sampai, default=today)
        if end < start:
            start, end = end, start
        people = queries.load_people(session=session, area=desa or None)
        visits = exports.in_period(
            queries.load_visits(session=session, area=desa or None, since=start),
            start=start,
            end=end,
            area=desa or None,
        )
        now = now_utc()
        store.add_audit(
            session=session,
            kind="export",
            device_id=None,
            counts={"format": fmt, "visits": len(visits), "by": login.username},
            now=now,
        )
        session.commit()
        stem = f"kunjungan_{start:%Y%m%d}_{end:%Y%m%d}"
        if fmt == "fhir":
            bundle = fhir.visit_bundle(visits=visits, people=people, now=now)
            body = json.dumps(bundle, ensure_ascii=False, indent=1).encode()
            media, filename = "application/fhir+json", f"{stem}_fhir.json"
        else:
            rows = exports.visit_rows(visits=visits, people=people)
            if fmt == "xlsx":
                body = exports.to_xlsx(rows)
                media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                filename = f"{stem}.xlsx"
            else:
                body, media, filename = (
                    exports.to_csv(rows),
                    "text/csv; charset=utf-8",
                    f"{stem}.csv",
                )
        return Response(
            content=body,
            media_type=media,
            headers={
                "Content-Disposition": f'attachment; filename="{filename}"',
                **SECURITY_HEADERS,
            },
        )

    return router
