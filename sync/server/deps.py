"""FastAPI dependencies shared by the routers: a database session per request, the calling device.

No queries of their own beyond the token look-up; nothing here logs a header or a body.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Request
from pydantic import ValidationError
from sqlmodel import Session

from sync.server import store
from sync.server.auth import bearer_token
from sync.server.models import Device

UNAUTHORIZED = "Token perangkat tidak ada, salah, atau sudah dicabut."
BAD_BODY = "Isi kiriman tidak sesuai protokol."


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def current_device(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Device:
    """The calling device, looked up in a short read session closed before the endpoint runs.

    The endpoint's own session is a separate one, so no lock or snapshot outlives the check.
    """
    token = bearer_token(authorization)
    device = None
    if token:
        with Session(request.app.state.engine, expire_on_commit=False) as session:
            device = store.device_for_token(session, token)
    if device is None:
        raise HTTPException(
            status_code=401, detail=UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"}
        )
    return device


DeviceDep = Annotated[Device, Depends(current_device)]


def parse_body(model: type[Any], body: Any) -> Any:
    """``body`` as ``model``, or a 422 that never quotes the body (it may hold health data)."""
    try:
        return model.model_validate(body)
    except ValidationError:
        raise HTTPException(status_code=422, detail=BAD_BODY) from None
