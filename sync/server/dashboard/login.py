"""Staff login and logout pages: a double-submit cookie on the login form, a throttle on guesses.

Thin handlers over `staff`; no password, token or name is ever logged.
"""

from __future__ import annotations

import math
import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from sync.server import staff
from sync.server.dashboard.web import (
    PREFIX,
    SESSION_COOKIE,
    CsrfField,
    LoginDep,
    redirect,
    render,
    require_csrf,
    secure,
)
from sync.server.deps import SessionDep
from sync.server.times import now_utc

LOGIN_CSRF_COOKIE = "pkm_masuk"
# The login page's wait message never promises more than the lockout window can need.
LOCKOUT_MINUTES_SHOWN_MAX = int(staff.FAILED_LOGIN_WINDOW.total_seconds() // 60)


def make_router() -> APIRouter:
    """The login routes, with a throttle of failed logins of their own (per app)."""
    router = APIRouter(prefix=PREFIX)
    throttle = staff.LoginThrottle()

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
            secure=secure(request),
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
            return redirect(f"{PREFIX}/masuk?gagal=1")
        now = now_utc()
        address = request.client.host if request.client is not None else ""
        wait = throttle.wait_for(username=username, address=address, now=now)
        if wait is not None:
            # Refused without checking the password: guessing gets no answer until it passes.
            minutes = math.ceil(wait.total_seconds() / 60)
            return redirect(f"{PREFIX}/masuk?tunggu={minutes}")
        answer = staff.log_in(session=session, username=username, password=password, now=now)
        if answer is None:
            throttle.failed(username=username, address=address, now=now)
            return redirect(f"{PREFIX}/masuk?gagal=1")
        throttle.succeeded(username=username, address=address)
        token, login = answer
        response = redirect(PREFIX)
        response.set_cookie(
            SESSION_COOKIE,
            token,
            httponly=True,
            samesite="strict",
            secure=secure(request),
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
        response = redirect(f"{PREFIX}/masuk")
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response

    return router
