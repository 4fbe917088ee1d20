"""Devices: one-time enrolment codes, enrolment, the token check on every call, and revocation.

Keyword-only functions over one session; each write commits its own work. No web code here.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any, cast

import sqlalchemy as sa
from sqlmodel import Session

from sync.protocol import EnrollResponse
from sync.server.auth import hash_secret, new_enroll_code, new_token, normalize_code
from sync.server.database import begin_write
from sync.server.models import SERVER_METADATA, Device, EnrollCode
from sync.server.store.server_keys import load_server_keys
from sync.server.store.tables import DEVICE, ENROLL_CODE, add_audit
from sync.server.times import utc

ENROLL_CODE_LIFETIME = timedelta(days=7)
AREA_SCOPE = SERVER_METADATA.tables["area_scope"]


class AreaTakenError(ValueError):
    """The desa already belongs to another Puskesmas of this server (message for the admin)."""


def create_enroll_code(
    *,
    session: Session,
    posyandu: str,
    area: str | None = None,
    puskesmas: str = "",
    now: datetime,
    lifetime: timedelta = ENROLL_CODE_LIFETIME,
) -> str:
    """A new one-time code for a Posyandu of a Puskesmas; the area defaults to the Posyandu's name.

    Each area (the desa whose residents its devices share) belongs to one Puskesmas only.

    Raises:
        AreaTakenError: the area is already another Puskesmas's.
    """
    code = new_enroll_code()
    area = area or posyandu
    begin_write(session.connection())
    owner = session.execute(
        sa.select(AREA_SCOPE.c.puskesmas).where(AREA_SCOPE.c.area == area)
    ).scalar()
    if owner is not None and owner != puskesmas:
        session.rollback()
        raise AreaTakenError(
            f"Desa {area} sudah terdaftar pada Puskesmas lain; beri nama yang membedakannya."
        )
    if owner is None:
        session.execute(sa.insert(AREA_SCOPE).values(area=area, puskesmas=puskesmas))
    session.add(
        EnrollCode(
            code_hash=hash_secret(normalize_code(code)),
            posyandu=posyandu,
            area=area,
            puskesmas=puskesmas,
            created_at=now,
            expires_at=now + lifetime,
        )
    )
    session.commit()
    return code


def enroll_device(
    *,
    session: Session,
    code: str,
    device_name: str,
    now: datetime,
    recovery_key: str | None = None,
) -> EnrollResponse | None:
    """Turn an unused, unexpired code into a device and a token; None when the code is not good.

    The laptop's ``recovery_key`` is kept on its row (for the devices page only); the answer
    carries the server's public transfer keys.
    """
    code_hash = hash_secret(normalize_code(code))
    row = session.get(EnrollCode, code_hash)
    if row is None or row.used_at is not None or utc(row.expires_at) <= now:
        session.rollback()
        return None
    device_id = str(uuid.uuid4())
    # A wrong code never waits for the write lock; a good one takes it only to claim the code.
    begin_write(session.connection())
    # Claimed with a guarded UPDATE so two laptops racing with one code cannot both win.
    claimed = session.execute(
        sa.update(ENROLL_CODE)
        .where(ENROLL_CODE.c.code_hash == code_hash, ENROLL_CODE.c.used_at.is_(None))
        .values(used_at=now, device_id=device_id)
    )
    if cast(sa.CursorResult[Any], claimed).rowcount != 1:
        session.rollback()
        return None
    token = new_token()
    session.add(
        Device(
            id=device_id,
            name=device_name[:200],
            posyandu=row.posyandu,
            area=row.area,
            puskesmas=row.puskesmas,
            token_hash=hash_secret(token),
            created_at=now,
            recovery_key=recovery_key,
        )
    )
    add_audit(session=session, kind="enroll", device_id=device_id, counts={}, now=now)
    keys = load_server_keys(session.connection())
    answer = EnrollResponse(
        device_id=device_id,
        token=token,
        posyandu=row.posyandu,
        area=row.area,
        box_key=keys.box_public,
        sign_key=keys.sign_public,
    )
    session.commit()
    return answer


def device_for_token(session: Session, token: str) -> Device | None:
    """The enrolled, unrevoked device holding this token (a read: it takes no write lock)."""
    device = device_of_token(session, token)
    if device is None:
        return None
    return device if device.revoked_at is None else None


def device_of_token(session: Session, token: str) -> Device | None:
    """The device this token was given to, revoked or not (for telling the two apart)."""
    return (
        session.execute(sa.select(Device).where(DEVICE.c.token_hash == hash_secret(token)))
        .scalars()
        .first()
    )


def revoke_device(*, session: Session, device_id: str, now: datetime) -> bool:
    """Lock a device out for good; False when no such device exists."""
    if session.get(Device, device_id) is None:
        session.rollback()
        return False
    begin_write(session.connection())
    revoked = session.execute(
        sa.update(DEVICE)
        .where(DEVICE.c.id == device_id, DEVICE.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )
    if cast(sa.CursorResult[Any], revoked).rowcount == 1:
        add_audit(session=session, kind="revoke", device_id=device_id, counts={}, now=now)
    session.commit()
    return True


def deposit_recovery_key(
    *, session: Session, device: Device, recovery_key: str, now: datetime
) -> None:
    """Keep an enrolled laptop's recovery key on its row (a later deposit replaces it)."""
    begin_write(session.connection())
    session.execute(
        sa.update(DEVICE).where(DEVICE.c.id == device.id).values(recovery_key=recovery_key)
    )
    add_audit(session=session, kind="recovery_deposit", device_id=device.id, counts={}, now=now)
    session.commit()
