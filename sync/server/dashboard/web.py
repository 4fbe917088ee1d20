"""The dashboard's page machinery: templates and their filters, the login and CSRF checks.

Shared by the page routers; no queries of its own beyond the staff session look-up. Every page
is plain HTML + CSS and carries the same security headers. Nothing here logs a name or a value.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from screening.words import class_text, level_text, month_title, section_title
from screening.words import month_name as month_word
from sync.server import staff
from sync.server.aggregates import indicators
from sync.server.aggregates.summary_queries import Scope
from sync.server.dashboard.labels import AUDIT_BREAKS, FOLLOW_UP_OUTCOMES
from sync.server.deps import SessionDep
from sync.server.times import now_utc

PREFIX = "/dashboard"
HERE = Path(__file__).parent
SESSION_COOKIE = "pkm_sesi"
# The dashboard's calendar: months and "days waiting" are counted in WIB (UTC+7).
WIB = timezone(timedelta(hours=7), "WIB")
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
templates.env.globals["AUDIT_BREAKS"] = AUDIT_BREAKS
templates.env.globals["INDICATORS"] = indicators.INDICATORS


def _reason(section: str, class_code: str) -> str:
    """``Tensi: Hipertensi derajat 2``; the bare code when no word knows it (never an error)."""
    try:
        return f"{section_title(section)}: {class_text(section, class_code)}"
    except (KeyError, LookupError, ValueError):
        return f"{section}: {class_code}"


templates.env.globals["reason"] = _reason


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


def redirect(url: str) -> RedirectResponse:
    response = RedirectResponse(url, status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response


def secure(request: Request) -> bool:
    return request.url.scheme == "https"


def scope_of(
    login: staff.StaffLogin,
    *,
    puskesmas: str | None = None,
    area: str | None = None,
    posyandu: str | None = None,
) -> Scope:
    """What a page may show this staff member: their own Puskesmas, or what they chose."""
    chosen = login.puskesmas if login.puskesmas is not None else (puskesmas or None)
    return Scope(puskesmas=chosen, area=area or None, posyandu=posyandu or None)


def parse_month(text: str | None) -> date:
    """`YYYY-MM` → its first day; this month (WIB) when empty, malformed or out of range."""
    if text:
        try:
            year, month = text.split("-")
            if year.isdigit() and month.isdigit() and 1900 <= int(year) <= 2199:
                return date(int(year), int(month), 1)
        except ValueError:
            pass
    return today_wib().replace(day=1)


def parse_day(text: str | None, *, default: date) -> date:
    if text:
        try:
            day = date.fromisoformat(text)
        except ValueError:
            return default
        if 1900 <= day.year <= 2199:
            return day
    return default
