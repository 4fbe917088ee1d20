"""Register: the one facade the GUI and the sync adapter use to read and change local data.

A thin facade over one sub-store per area, as attributes: ``people``, ``search``, ``visits``
and ``sync``. Each call opens one short connection from a shared engine and returns frozen
dataclasses, so any thread may call it. Never imports Qt; never puts names, NIKs or
measurements in error messages.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import insert, select, update

from kader_app.core import outbox
from kader_app.core.audit import ChainBreak, OnDuty, add_audit, now_utc, verify_chain
from kader_app.core.database import (
    Database,
    online_backup,
    open_database,
    read_connection,
    write_transaction,
)
from kader_app.core.models import META_TABLE
from kader_app.core.people import PeopleStore
from kader_app.core.report import MonthlyReport, ReportIdentity, build_report
from kader_app.core.search import SearchStore
from kader_app.core.sync_state import SyncStore
from kader_app.core.visits import VisitStore

META = META_TABLE


class Register:
    """The local register of people and visits, with the outbox that carries them to the server.

    ``people`` registers and edits residents; ``search`` finds them as the kader types;
    ``visits`` records, corrects and voids screenings and reads history; ``sync`` is what the
    sync engine and the sync panel use.
    """

    def __init__(self, db: Database, *, device_id: str) -> None:
        self._db = db
        self.device_id = device_id
        self.on_duty = OnDuty()
        self.people = PeopleStore(db, device_id=device_id, duty=self.on_duty)
        self.search = SearchStore(db)
        self.visits = VisitStore(db, device_id=device_id, duty=self.on_duty)
        self.sync = SyncStore(db)

    @classmethod
    def open(
        cls, data_dir: Path, *, device_id: str | None = None, key: bytes | None = None
    ) -> Register:
        """Open (creating and migrating if needed) the register in ``data_dir``.

        ``key``: the database key a kader's PIN unlocked (`kader_app.core.profiles`). Entries
        left in flight by a crash during sending go back to pending.
        """
        db = open_database(data_dir, key=key)
        try:
            with write_transaction(db.engine) as conn:
                stored = conn.execute(
                    select(META.c.value).where(META.c.key == "device_id")
                ).scalar_one_or_none()
                if device_id is None:
                    device_id = stored or str(uuid.uuid4())
                if stored is None:
                    conn.execute(insert(META).values(key="device_id", value=device_id))
                elif stored != device_id:
                    conn.execute(
                        update(META).where(META.c.key == "device_id").values(value=device_id)
                    )
            outbox.requeue_in_flight(db.engine)
        except BaseException:
            db.close()
            raise
        return cls(db, device_id=device_id)

    @property
    def database(self) -> Database:
        """The open database (for backups and tests; the GUI never needs it)."""
        return self._db

    def close(self) -> None:
        self._db.close()

    def backup(self, target: Path) -> None:
        """A consistent copy of the database at ``target``, encrypted with the same key."""
        raw = self._db.engine.raw_connection()
        try:
            online_backup(raw.driver_connection, target=target, key=self._db.key)
        finally:
            raw.close()
        self.record_export(what="database", period="backup")

    def monthly_report(
        self,
        *,
        month: date,
        posyandu: str = "",
        desa: str = "",
        progress: Callable[[int, int], None] | None = None,
        identity: ReportIdentity | None = None,
    ) -> MonthlyReport:
        """The monthly Posyandu report of ``month`` (read-only; may take a moment on big data).

        ``identity`` (Puskesmas, desa, Posyandu, kader) is printed at the report's top. The
        sasaran estimates the Puskesmas entered for the month's year (received by sync) replace
        the register's count of their groups, and the SPM lines say so.
        """
        return build_report(
            self._db.engine,
            month=month,
            posyandu=posyandu,
            desa=desa,
            progress=progress,
            identity=identity,
            estimates=self.sync.estimates(year=month.year),
        )

    def audit_break(self) -> ChainBreak | None:
        """Where the local audit chain was altered, or ``None`` when it is whole."""
        with read_connection(self._db.engine) as conn:
            return verify_chain(conn)

    def sign_in(self, *, profile_id: str, name: str) -> None:
        """The profile whose PIN opened or unlocked the app is on duty from now on (audited).

        Every visit, correction, void and resident edit after this records ``name`` as its
        author (``recorded_by``).
        """
        with write_transaction(self._db.engine) as conn:
            add_audit(
                conn,
                kind="login",
                entity_type="profile",
                entity_id=profile_id,
                device_id=self.device_id,
                now=now_utc(),
            )
        self.on_duty.profile_id, self.on_duty.name = profile_id, name

    def record_export(self, *, what: str, period: str) -> None:
        """Audit that personal data left the database as a file (kind and period, no contents)."""
        with write_transaction(self._db.engine) as conn:
            add_audit(
                conn,
                kind="export",
                entity_type=what,
                entity_id=period,
                device_id=self.device_id,
                now=now_utc(),
            )
