"""What sync keeps in the encrypted database: credentials, cursor, pulled rows, estimates.

Pulled rows are residents and Puskesmas follow-ups; estimates are the sasaran the Puskesmas
entered for this Posyandu (`kader_app.core.estimates`).

Qt-free and network-free: the app's sync adapter calls these with the Register's engine. Never
logs or raises with names, NIKs or tokens; a pulled row never gets an outbox entry.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pydantic
from sqlalchemy import Connection, Engine, delete, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kader_app.core import outbox
from kader_app.core.audit import link_fields
from kader_app.core.database import Database, read_connection, write_transaction
from kader_app.core.estimates import Estimate, estimates_of, replace_estimates
from kader_app.core.models import (
    AUDIT_TABLE,
    FOLLOW_UP_TABLE,
    META_TABLE,
    OUTBOX_TABLE,
    PERSON_TABLE,
    OutboxState,
    SyncCounts,
)
from kader_app.core.outbox import NEEDS_REVIEW_STATES
from kader_app.core.pulled_rows import (
    ID,
    NIK,
    local_versions,
    nik_owners,
    person_tuple,
    unsent_people,
    valid_people,
    write_people,
)

META = META_TABLE
OUTBOX = OUTBOX_TABLE
PERSON = PERSON_TABLE
FOLLOW_UP = FOLLOW_UP_TABLE

KEY_SERVER_URL = "sync_server_url"
KEY_DEVICE_ID = "sync_device_id"
KEY_TOKEN = "sync_token"
KEY_POSYANDU = "sync_posyandu"
KEY_AREA = "sync_area"
KEY_BOX_KEY = "sync_server_box_key"
KEY_SIGN_KEY = "sync_server_sign_key"
KEY_CURSOR = "sync_cursor"
KEY_LAST_SUCCESS = "sync_last_success_at"
KEY_SERVER_DATABASE = "sync_server_database"
KEY_SERVER_SEQUENCE = "sync_server_sequence"
KEY_AUDIT_ACKED = "sync_audit_acked_seq"
# The recovery key of the kader profiles, kept (encrypted with the database) until the
# Puskesmas holds it: it is deposited at enrolment, then forgotten here.
KEY_RECOVERY_PENDING = "recovery_key_to_deposit"
# One meta row per pulled resident that could not be stored yet (unsent local changes, or a NIK
# held by another local resident): the cursor has moved past it, so it is kept here and stored
# as soon as nothing stands in its way.
KEY_HELD_PULL_PREFIX = "sync_held_pull:"
CREDENTIAL_KEYS = (
    KEY_SERVER_URL,
    KEY_DEVICE_ID,
    KEY_TOKEN,
    KEY_POSYANDU,
    KEY_AREA,
    KEY_BOX_KEY,
    KEY_SIGN_KEY,
)
# Keeps IN (...) lists well under SQLite's bound-parameter limit.
_CHUNK = 500
_PROBLEMS = (OutboxState.REJECTED.value, OutboxState.CONFLICT.value, OutboxState.BLOCKED.value)


@dataclass(frozen=True, slots=True)
class SyncCredentials:
    """This laptop's enrolment: where it sends, as which device, with which bearer token."""

    server_url: str
    device_id: str
    token: str
    posyandu: str = ""
    area: str = ""
    # The server's public keys for transfer files (base64; see `sync.transfer`).
    box_key: str = ""
    sign_key: str = ""

    def __repr__(self) -> str:
        # The token must never reach a log line or a traceback through a repr.
        return f"SyncCredentials(server_url={self.server_url!r}, device_id={self.device_id!r})"


@dataclass(frozen=True, slots=True)
class ProblemEntry:
    """An entry the server refused (or that waits on one): shown to the kader with the reason."""

    outbox_id: str
    entity_type: str
    entity_id: str
    version: int
    state: str
    code: str
    message: str
    created_at: datetime
    person_id: str
    person_name: str

    @property
    def needs_review(self) -> bool:
        """Refused by the server ("perlu diperiksa"), rather than waiting on a refused entry."""
        return self.state in NEEDS_REVIEW_STATES


def _aware(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def get_meta(conn: Connection, key: str) -> str | None:
    value: str | None = conn.execute(
        select(META.c.value).where(META.c.key == key)
    ).scalar_one_or_none()
    return value


def set_meta(conn: Connection, *, key: str, value: str | None) -> None:
    """Store ``value`` under ``key``; ``None`` removes the key."""
    if value is None:
        conn.execute(delete(META).where(META.c.key == key))
        return
    conn.execute(
        sqlite_insert(META)
        .values(key=key, value=value)
        .on_conflict_do_update(index_elements=[META.c.key], set_={"value": value})
    )


def load_credentials(engine: Engine) -> SyncCredentials | None:
    with read_connection(engine) as conn:
        rows = dict(
            conn.execute(
                select(META.c.key, META.c.value).where(META.c.key.in_(CREDENTIAL_KEYS))
            ).all()
        )
    if not (rows.get(KEY_SERVER_URL) and rows.get(KEY_DEVICE_ID) and rows.get(KEY_TOKEN)):
        return None
    return SyncCredentials(
        server_url=rows[KEY_SERVER_URL],
        device_id=rows[KEY_DEVICE_ID],
        token=rows[KEY_TOKEN],
        posyandu=rows.get(KEY_POSYANDU, ""),
        area=rows.get(KEY_AREA, ""),
        box_key=rows.get(KEY_BOX_KEY, ""),
        sign_key=rows.get(KEY_SIGN_KEY, ""),
    )


def save_credentials(engine: Engine, credentials: SyncCredentials) -> None:
    """Replace the enrolment; a new server or device starts pulling from the beginning."""
    with write_transaction(engine) as conn:
        previous = (get_meta(conn, KEY_SERVER_URL), get_meta(conn, KEY_DEVICE_ID))
        set_meta(conn, key=KEY_SERVER_URL, value=credentials.server_url)
        set_meta(conn, key=KEY_DEVICE_ID, value=credentials.device_id)
        set_meta(conn, key=KEY_TOKEN, value=credentials.token)
        set_meta(conn, key=KEY_POSYANDU, value=credentials.posyandu)
        set_meta(conn, key=KEY_AREA, value=credentials.area)
        set_meta(conn, key=KEY_BOX_KEY, value=credentials.box_key or None)
        set_meta(conn, key=KEY_SIGN_KEY, value=credentials.sign_key or None)
        if previous != (credentials.server_url, credentials.device_id):
            set_meta(conn, key=KEY_CURSOR, value=None)
            # Rows held from another server's pull must not be stored as this one's.
            conn.execute(delete(META).where(META.c.key.startswith(KEY_HELD_PULL_PREFIX)))


def load_cursor(engine: Engine) -> str | None:
    with read_connection(engine) as conn:
        return get_meta(conn, KEY_CURSOR)


def save_cursor(engine: Engine, cursor: str | None) -> None:
    with write_transaction(engine) as conn:
        set_meta(conn, key=KEY_CURSOR, value=cursor)


def load_last_success(engine: Engine) -> datetime | None:
    with read_connection(engine) as conn:
        return _aware(get_meta(conn, KEY_LAST_SUCCESS))


def save_last_success(engine: Engine, when: datetime) -> None:
    with write_transaction(engine) as conn:
        set_meta(conn, key=KEY_LAST_SUCCESS, value=when.astimezone(UTC).isoformat())


def acked_pairs_by_day(engine: Engine) -> dict[date, list[tuple[str, str]]]:
    """(record id, content hash) of every acknowledged entry, by UTC day of its recording.

    The day and the pair are exactly what was pushed (``recorded_at`` = the outbox row's
    ``created_at``), so ``sync.protocol.day_digest`` over them matches the server's.
    """
    by_day: dict[date, list[tuple[str, str]]] = {}
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(OUTBOX.c.entity_id, OUTBOX.c.content_hash, OUTBOX.c.created_at).where(
                OUTBOX.c.state == OutboxState.ACKED.value
            )
        )
        for entity_id, item_hash, created_at in rows:
            day = (_aware(created_at) or datetime.now(UTC)).astimezone(UTC).date()
            by_day.setdefault(day, []).append((entity_id, item_hash))
    return by_day


def requeue_acked(engine: Engine, ids: Sequence[str]) -> int:
    """Acknowledged entries of these records go back to pending (the server lost them)."""
    changed = 0
    with write_transaction(engine) as conn:
        for chunk in _chunks(list(dict.fromkeys(ids))):
            changed += conn.execute(
                update(OUTBOX)
                .where(OUTBOX.c.entity_id.in_(chunk), OUTBOX.c.state == OutboxState.ACKED.value)
                .values(state=OutboxState.PENDING.value, next_attempt_at=None, acked_at=None)
            ).rowcount
    return changed


def problem_entries(engine: Engine, *, limit: int | None = None) -> list[ProblemEntry]:
    """Rejected, conflicting and blocked entries, oldest first, with the resident's name.

    All of them by default: with the entries still to send they make up exactly the
    "belum terkirim" count of ``outbox.sync_counts``.
    """
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(
                OUTBOX.c.id,
                OUTBOX.c.entity_type,
                OUTBOX.c.entity_id,
                OUTBOX.c.entity_version,
                OUTBOX.c.state,
                OUTBOX.c.last_error,
                OUTBOX.c.last_message,
                OUTBOX.c.created_at,
                OUTBOX.c.person_id,
                PERSON.c.name,
            )
            .select_from(OUTBOX.outerjoin(PERSON, PERSON.c.id == OUTBOX.c.person_id))
            .where(OUTBOX.c.state.in_(_PROBLEMS))
            .order_by(OUTBOX.c.seq)
            .limit(limit)
        ).all()
    return [
        ProblemEntry(
            outbox_id=r[0],
            entity_type=r[1],
            entity_id=r[2],
            version=r[3],
            state=r[4],
            code=r[5] or r[4],
            message=r[6] or "",
            created_at=_aware(r[7]) or datetime.now(UTC),
            person_id=r[8],
            person_name=r[9] or "",
        )
        for r in rows
    ]


def store_pulled(
    engine: Engine,
    *,
    people: Sequence[Mapping[str, Any]],
    followups: Sequence[Mapping[str, Any]],
    now: datetime | None = None,
) -> int:
    """Upsert pulled residents and follow-ups in one transaction; returns residents stored.

    A resident is not stored while the local row has unsent changes (any person entry not
    acked) or when its NIK belongs to another local resident (a double registration the
    Puskesmas resolves); such a row is held and stored by a later call once nothing stands in
    its way, if it is still newer than the local one (``store_held_pulls`` after each push).
    A row at the local version or older is dropped. Pulled rows get no outbox entry.
    """
    now = now or datetime.now(UTC)
    pulled = valid_people(people)
    stored = 0
    # Rows that can be pulled again: the cursor, saved durably after them, settles them.
    with write_transaction(engine, durable=False) as conn:
        held = valid_people(
            [
                json.loads(value)
                for value in conn.execute(
                    select(META.c.value).where(META.c.key.startswith(KEY_HELD_PULL_PREFIX))
                ).scalars()
            ]
        )
        for person_id, person in held.items():
            if person_id not in pulled or pulled[person_id].version < person.version:
                pulled[person_id] = person
        ids = sorted(pulled)
        local = local_versions(conn, ids)
        unsent = unsent_people(conn, ids)
        newer = [i for i in ids if local.get(i, 0) < pulled[i].version]
        waiting = {i for i in newer if i in unsent}
        rows = [person_tuple(pulled[i]) for i in newer if i not in waiting]
        nik_owner = nik_owners(conn, sorted({r[NIK] for r in rows if r[NIK]}))
        kept: list[tuple[Any, ...]] = []
        for row in rows:
            owner = nik_owner.get(row[NIK]) if row[NIK] else None
            if owner is not None and owner != row[ID]:
                waiting.add(row[ID])
                continue
            if row[NIK]:
                nik_owner[row[NIK]] = row[ID]
            kept.append(row)
        settled = [i for i in held if i not in waiting]
        for chunk in _chunks(settled):
            conn.execute(
                delete(META).where(META.c.key.in_([KEY_HELD_PULL_PREFIX + i for i in chunk]))
            )
        for person_id in sorted(waiting):
            if person_id in held and held[person_id] is pulled[person_id]:
                continue
            set_meta(
                conn,
                key=KEY_HELD_PULL_PREFIX + person_id,
                value=pulled[person_id].model_dump_json(),
            )
        if kept:
            write_people(conn, kept, pulled=pulled, local=local, now=now)
            stored = len(kept)
        from sync.protocol import PulledFollowUp

        follow_rows = []
        for raw in followups:
            try:
                f = PulledFollowUp.model_validate(raw)
            except pydantic.ValidationError:
                continue
            follow_rows.append(
                {
                    "id": f.id,
                    "person_id": f.person_id,
                    "visit_id": f.visit_id,
                    "outcome": f.outcome,
                    "note": f.note,
                    "recorded_at": _aware(f.recorded_at) or now,
                    "received_at": now,
                }
            )
        if follow_rows:
            upsert_f = sqlite_insert(FOLLOW_UP)
            conn.execute(
                upsert_f.on_conflict_do_update(
                    index_elements=[FOLLOW_UP.c.id],
                    set_={
                        c: upsert_f.excluded[c]
                        for c in ("person_id", "visit_id", "outcome", "note", "recorded_at")
                    },
                ),
                follow_rows,
            )
    return stored


def store_held_pulls(engine: Engine, *, now: datetime | None = None) -> int:
    """Store held pulled residents that nothing stands in the way of any more; returns how many.

    Called after each push is settled: the local entry that held a newer server version back
    may just have been acknowledged. Nearly always nothing is held: one look, no write.
    """
    with read_connection(engine) as conn:
        held = conn.execute(
            select(META.c.key).where(META.c.key.startswith(KEY_HELD_PULL_PREFIX)).limit(1)
        ).first()
    if held is None:
        return 0
    return store_pulled(engine, people=[], followups=[], now=now)


class SyncStore:
    """``register.sync``: what the sync engine and the sync panel read and change.

    The outbox (claim, settle, counts, problems), the enrolment, the pull cursor, pulled
    residents and the reconcile digests, each call one short transaction.
    """

    def __init__(self, db: Database) -> None:
        self._db = db

    def counts(self) -> SyncCounts:
        with read_connection(self._db.engine) as conn:
            return outbox.sync_counts(conn)

    def sending_count(self) -> int:
        """Outbox entries sync sends on its own (pending or in flight), as the engine counts."""
        with read_connection(self._db.engine) as conn:
            return outbox.sending_count(conn)

    def claim(self, *, limit: int) -> list[outbox.OutboxItem]:
        """Mark a batch in flight and return it (``outbox.claim_batch``)."""
        return outbox.claim_batch(self._db.engine, limit=limit)

    def settle(self, results: Sequence[outbox.ItemResult]) -> None:
        """Apply the server's per-item answers, then store pulled rows they were holding."""
        outbox.apply_results(self._db.engine, results=results)
        # An ack may free a newer server version that a pull had to hold back.
        store_held_pulls(self._db.engine)

    def unsent(self) -> list[outbox.OutboxItem]:
        """Every entry not yet acknowledged, in queue order, without claiming any."""
        return outbox.unsent_entries(self._db.engine)

    def settle_records(self, results: Sequence[tuple[str, int, outbox.ItemResult]]) -> int:
        """Settle answers that name records (id, version) and hashes, as a receipt does.

        Each ``(record id, version, result)`` applies only to the entry of that record and
        version whose content hash is the result's; returns how many entries matched.
        """
        matched = outbox.results_by_record(self._db.engine, results)
        self.settle(matched)
        return len(matched)

    def release_in_flight(self) -> int:
        """Entries left in flight go back to pending (the server dedupes a resend)."""
        return outbox.requeue_in_flight(self._db.engine)

    def problems(self) -> list[ProblemEntry]:
        """Entries the server refused, and those waiting behind them, for the sync panel."""
        return problem_entries(self._db.engine)

    def credentials(self) -> SyncCredentials | None:
        return load_credentials(self._db.engine)

    def save_credentials(self, credentials: SyncCredentials) -> None:
        save_credentials(self._db.engine, credentials)

    def keep_recovery_key(self, recovery_key: str) -> None:
        with write_transaction(self._db.engine) as conn:
            set_meta(conn, key=KEY_RECOVERY_PENDING, value=recovery_key)

    def recovery_key_to_deposit(self) -> str | None:
        with read_connection(self._db.engine) as conn:
            return get_meta(conn, KEY_RECOVERY_PENDING)

    def recovery_key_deposited(self) -> None:
        with write_transaction(self._db.engine) as conn:
            set_meta(conn, key=KEY_RECOVERY_PENDING, value=None)

    def is_enrolled(self) -> bool:
        """Whether this laptop holds credentials for a Puskesmas server."""
        return self.credentials() is not None

    def cursor(self) -> str | None:
        return load_cursor(self._db.engine)

    def set_cursor(self, cursor: str | None) -> None:
        save_cursor(self._db.engine, cursor)

    def last_success(self) -> datetime | None:
        """When the last sync attempt ended with everything sendable sent (UTC)."""
        return load_last_success(self._db.engine)

    def record_success(self, when: datetime) -> None:
        save_last_success(self._db.engine, when)

    def store_pulled(
        self, people: Sequence[Mapping[str, Any]], followups: Sequence[Mapping[str, Any]]
    ) -> int:
        return store_pulled(self._db.engine, people=people, followups=followups)

    def store_estimates(self, received: Iterable[Estimate]) -> bool:
        """The Puskesmas's whole set of sasaran estimates replaces ours; whether it changed."""
        return replace_estimates(self._db.engine, received)

    def estimates(self, *, year: int) -> dict[str, int]:
        """The Puskesmas-entered sasaran of ``year`` for this Posyandu: group → count."""
        return estimates_of(self._db.engine, year=year)

    def audit_links(self, *, limit: int) -> list[dict[str, Any]]:
        """The audit records the server has not acknowledged yet, oldest first, as chain links."""
        with read_connection(self._db.engine) as conn:
            acked = get_meta(conn, KEY_AUDIT_ACKED)
            after = int(acked) if acked and acked.isdigit() else 0
            rows = conn.execute(
                select(AUDIT_TABLE)
                .where(AUDIT_TABLE.c.seq > after)
                .order_by(AUDIT_TABLE.c.seq)
                .limit(limit)
            ).all()
        return [link_fields(row) for row in rows]

    def audit_acked(self, seq: int) -> None:
        """The server holds this device's chain up to ``seq``.

        Not waited onto the disk (the next settle carries it there): lost with the power, the
        links after the older mark are sent again, and the server keeps each link once.
        """
        with write_transaction(self._db.engine, durable=False) as conn:
            set_meta(conn, key=KEY_AUDIT_ACKED, value=str(seq))

    def server_mark(self) -> tuple[str, int] | None:
        """(database id, highest sequence) of the server database this laptop last saw."""
        with read_connection(self._db.engine) as conn:
            database = get_meta(conn, KEY_SERVER_DATABASE)
            sequence = get_meta(conn, KEY_SERVER_SEQUENCE)
        if database is None or sequence is None or not sequence.isdigit():
            return None
        return database, int(sequence)

    def set_server_mark(self, database_id: str, sequence: int) -> None:
        """Kept without waiting for the disk: the settle that follows each push carries it there.

        Lost with the power, the older mark stays, and the next answer sets it again.
        """
        with write_transaction(self._db.engine, durable=False) as conn:
            set_meta(conn, key=KEY_SERVER_DATABASE, value=database_id)
            set_meta(conn, key=KEY_SERVER_SEQUENCE, value=str(sequence))

    def acked_pairs_by_day(self) -> dict[date, list[tuple[str, str]]]:
        return acked_pairs_by_day(self._db.engine)

    def requeue_acked(self, ids: Sequence[str]) -> int:
        return requeue_acked(self._db.engine, ids)
