"""The flash-drive page: upload a kader's transfer file, see what it held, download its receipt.

Thin handlers over `transfer_import` (the same import as `puskesmas-server import-transfer`)
and `store.transfer_receipts`, scoped to the staff's Puskesmas. Nothing here logs a file.
"""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, File, HTTPException, Path, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from sync.server.dashboard.web import (
    PREFIX,
    SECURITY_HEADERS,
    CsrfField,
    LoginDep,
    render,
    require_csrf,
)
from sync.server.deps import SessionDep
from sync.server.staff import StaffLogin
from sync.server.store.transfer_receipts import load_receipts
from sync.server.times import now_utc
from sync.server.transfer_command import RECEIPT_SUFFIX, summary
from sync.server.transfer_import import ImportRefusedError, import_transfer
from sync.transfer import MAX_TRANSFER_BYTES

router = APIRouter(prefix=PREFIX)
NOT_FOUND = "Tanda terima tidak ditemukan."
NO_FILE = "Pilih berkas kiriman dari flashdisk dulu."
TOO_LARGE = "Berkas terlalu besar untuk berkas kiriman kader."
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]")


def _page(
    request: Request,
    session: SessionDep,
    login: StaffLogin,
    *,
    problem: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "transfers.html",
        {
            "login": login,
            "page": "kiriman",
            "problem": problem,
            "receipts": load_receipts(session, puskesmas=login.puskesmas),
        },
        status_code=status_code,
    )


@router.get("/kiriman", response_class=HTMLResponse)
def transfers(request: Request, session: SessionDep, login: LoginDep) -> HTMLResponse:
    return _page(request, session, login)


@router.post("/kiriman", response_class=HTMLResponse)
async def upload(
    request: Request,
    session: SessionDep,
    login: LoginDep,
    csrf_token: CsrfField,
    berkas: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    require_csrf(login, csrf_token)
    if berkas is None or not berkas.filename:
        return _page(request, session, login, problem=NO_FILE, status_code=422)
    data = await berkas.read(MAX_TRANSFER_BYTES + 1)
    if len(data) > MAX_TRANSFER_BYTES:
        return _page(request, session, login, problem=TOO_LARGE, status_code=413)
    try:
        done = import_transfer(
            session=session,
            data=data,
            now=now_utc(),
            imported_by=login.username,
            puskesmas=login.puskesmas,
        )
    except ImportRefusedError as refused:
        return _page(request, session, login, problem=refused.message, status_code=422)
    return render(
        request,
        "transfer_done.html",
        {
            "login": login,
            "page": "kiriman",
            "done": done,
            "summary": summary(done),
            "filename": _receipt_name(berkas.filename),
        },
    )


@router.get("/kiriman/{receipt_id}/tanda-terima")
def download_receipt(
    receipt_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    session: SessionDep,
    login: LoginDep,
    nama: Annotated[str | None, Query(max_length=200)] = None,
) -> Response:
    """The signed receipt as a file, named after the kader's file (``nama``) when given."""
    found = load_receipts(session, puskesmas=login.puskesmas, receipt_id=receipt_id, limit=1)
    if not found:
        raise HTTPException(status_code=404, detail=NOT_FOUND)
    name = _receipt_name(nama or f"kiriman-{found[0].device_id[:8]}-{found[0].id}")
    return Response(
        content=found[0].receipt.encode("utf-8"),
        media_type="application/octet-stream",
        headers={"Content-Disposition": f'attachment; filename="{name}"', **SECURITY_HEADERS},
    )


def _receipt_name(uploaded: str) -> str:
    """The name the kader will recognise: their file's own plus ``.tanda-terima``.

    Letters, digits, dots, dashes and underscores only: it goes into a header.
    """
    base = SAFE_NAME.sub("_", uploaded.rsplit("/", 1)[-1].rsplit("\\", 1)[-1])[:150]
    base = base.strip("._") or "kiriman"
    return base if base.endswith(RECEIPT_SUFFIX) else base + RECEIPT_SUFFIX
