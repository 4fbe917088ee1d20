"""A sqlite3-file fake of the app's outbox implementing `sync.engine.OutboxStore`, for client tests.

It holds people, visits and their outbox rows like the app does (one transaction per change),
and can be reopened on the same file to simulate an app restart. Test-only.
"""

from __future__ import annotations

import functools
import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sync_payloads import make_person_payload

from sync.engine import DayDigest, OutboxEntry
from sync.protocol import ItemResult, PulledEstimate, ServerMark, content_hash, day_digest

SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, base_version INTEGER,
    content_hash TEXT NOT NULL, recorded_at TEXT NOT NULL, payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0,
    code TEXT, message TEXT, server_version INTEGER, acked_hash TEXT,
    UNIQUE (id, version)
);
CREATE TABLE IF NOT EXISTS people (
    id TEXT PRIMARY KEY, version INTEGER NOT NULL, payload TEXT NOT NULL, origin TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS followups (id TEXT PRIMARY KEY, payload TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS estimates (
    year INTEGER NOT NULL, grp TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (year, grp)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""

UNSENT = ("pending", "in_flight")
PERSON_FIELDS = ("name", "sex", "birth_date", "nik", "kk", "dusun", "rt", "rw", "desa", "phone")


def locked(method: Callable[..., Any]) -> Callable[..., Any]:
    """One connection is shared by the engine thread and the test: one call at a time."""

    @functools.wraps(method)
    def wrapper(self: SqliteOutbox, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            return method(self, *args, **kwargs)

    return wrapper


class SqliteOutbox:
    def __init__(self, path: Path, *, hasher: Any = content_hash) -> None:
        self.path = path
        self._hash = hasher
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        # "Reopen" simulates an app restart, not a power cut: skip fsyncs, tests share a disk.
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.executescript(SCHEMA)
        self._clock_offset = 0

    def reopen(self) -> SqliteOutbox:
        """Close and open again on the same file, as an app restart does."""
        self._db.close()
        return SqliteOutbox(self.path, hasher=self._hash)

    @locked
    def close(self) -> None:
        self._db.close()

    def _tx(self) -> sqlite3.Connection:
        return self._db

    def _now(self) -> datetime:
        # Distinct, increasing record times keep the outbox order stable across days.
        self._clock_offset += 1
        return datetime(2026, 3, 1, 8, tzinfo=UTC) + timedelta(minutes=37 * self._clock_offset)

    def _append(
        self,
        *,
        item_id: str,
        kind: str,
        version: int,
        base_version: int | None,
        payload: Mapping[str, Any],
        recorded_at: datetime | None = None,
    ) -> None:
        when = recorded_at or self._now()
        self._db.execute(
            "INSERT INTO outbox (id, version, type, base_version, content_hash, recorded_at,"
            " payload) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                item_id,
                version,
                kind,
                base_version,
                self._hash(payload),
                when.isoformat(),
                json.dumps(payload),
            ),
        )

    @locked
    def record_person(self, fields: Mapping[str, Any], *, person_id: str | None = None) -> str:
        """Register a resident with these fields (a real person payload, version 1)."""
        person_id = person_id or str(uuid.uuid4())
        payload = make_person_payload(person_id=person_id, when=self._now(), **fields)
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "INSERT INTO people (id, version, payload, origin) VALUES (?, 1, ?, 'local')",
                (person_id, json.dumps(payload)),
            )
            self._append(
                item_id=person_id, kind="person", version=1, base_version=None, payload=payload
            )
        return person_id

    @locked
    def edit_person(self, person_id: str, changes: Mapping[str, Any]) -> int:
        with self._db:
            self._db.execute("BEGIN")
            row = self._db.execute(
                "SELECT version, payload FROM people WHERE id = ?", (person_id,)
            ).fetchone()
            version = row["version"] + 1
            stored = json.loads(row["payload"])
            fields = {k: v for k, v in stored.items() if k in PERSON_FIELDS}
            payload = make_person_payload(
                person_id=person_id, version=version, **{**fields, **changes}
            )
            payload["created_at"] = stored["created_at"]
            self._db.execute(
                "UPDATE people SET version = ?, payload = ? WHERE id = ?",
                (version, json.dumps(payload), person_id),
            )
            self._append(
                item_id=person_id,
                kind="person",
                version=version,
                base_version=version - 1,
                payload=payload,
            )
        return version

    @locked
    def record_visit(self, payload: Mapping[str, Any], *, visit_id: str | None = None) -> str:
        # An outbox entry of a visit is named by its visit key, as the app's own outbox names it.
        visit_id = visit_id or str(payload.get("visit_key") or uuid.uuid4())
        with self._db:
            self._db.execute("BEGIN")
            self._append(
                item_id=visit_id, kind="visit", version=1, base_version=None, payload=payload
            )
        return visit_id

    @locked
    def rewrite_unsent(self, item_id: str, version: int, payload: Mapping[str, Any]) -> None:
        """Replace the content of a not-yet-acked row (an app that folds edits into it)."""
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute(
                "UPDATE outbox SET payload = ?, content_hash = ?, state = 'pending'"
                " WHERE id = ? AND version = ? AND state IN ('pending', 'in_flight')",
                (json.dumps(payload), self._hash(payload), item_id, version),
            )

    @locked
    def claim_batch(self, limit: int) -> list[OutboxEntry]:
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            rows = self._db.execute(
                "SELECT * FROM outbox WHERE state = 'pending' ORDER BY seq LIMIT ?", (limit,)
            ).fetchall()
            self._db.executemany(
                "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1 WHERE seq = ?",
                [(r["seq"],) for r in rows],
            )
        return [
            OutboxEntry(
                id=r["id"],
                type=r["type"],
                version=r["version"],
                base_version=r["base_version"],
                content_hash=r["content_hash"],
                recorded_at=datetime.fromisoformat(r["recorded_at"]),
                payload=json.loads(r["payload"]),
            )
            for r in rows
        ]

    @locked
    def apply_results(
        self, results: Sequence[ItemResult], *, sent_hashes: Mapping[tuple[str, int], str]
    ) -> None:
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            for r in results:
                sent = sent_hashes.get((r.id, r.version))
                if sent is None:
                    continue
                if r.status in ("accepted", "duplicate"):
                    self._db.execute(
                        "UPDATE outbox SET state = 'acked', acked_hash = content_hash,"
                        " code = NULL, message = NULL"
                        " WHERE id = ? AND version = ? AND content_hash = ?",
                        (r.id, r.version, sent),
                    )
                else:
                    self._db.execute(
                        "UPDATE outbox SET state = ?, code = ?, message = ?, server_version = ?"
                        " WHERE id = ? AND version = ? AND content_hash = ?"
                        " AND state = 'in_flight'",
                        (r.status, r.code, r.message, r.server_version, r.id, r.version, sent),
                    )

    @locked
    def release_in_flight(self) -> int:
        cur = self._db.execute("UPDATE outbox SET state = 'pending' WHERE state = 'in_flight'")
        return cur.rowcount

    @locked
    def store_pulled(self, people: Sequence[Mapping[str, Any]], followups: Sequence[Any]) -> int:
        stored = 0
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            for person in people:
                pid = str(person["id"])
                unsent = self._db.execute(
                    "SELECT 1 FROM outbox WHERE id = ? AND state NOT IN ('acked')", (pid,)
                ).fetchone()
                if unsent:
                    continue
                local = self._db.execute(
                    "SELECT version FROM people WHERE id = ?", (pid,)
                ).fetchone()
                version = int(person.get("version", 1))
                if local is not None and local["version"] > version:
                    continue
                self._db.execute(
                    "INSERT INTO people (id, version, payload, origin) VALUES (?, ?, ?, 'pulled')"
                    " ON CONFLICT (id) DO UPDATE SET version = excluded.version,"
                    " payload = excluded.payload",
                    (pid, version, json.dumps(person.get("payload", {}))),
                )
                stored += 1
            for followup in followups:
                fid = str(followup.get("id", uuid.uuid4())) if isinstance(followup, dict) else ""
                self._db.execute(
                    "INSERT OR REPLACE INTO followups (id, payload) VALUES (?, ?)",
                    (fid, json.dumps(followup, default=str)),
                )
        return stored

    @locked
    def store_estimates(self, estimates: Sequence[PulledEstimate]) -> None:
        with self._db:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM estimates")
            self._db.executemany(
                "INSERT INTO estimates (year, grp, n) VALUES (?, ?, ?)",
                [(e.year, e.group, e.n) for e in estimates],
            )

    @property
    def cursor(self) -> str | None:
        with self._lock:
            return self._cursor()

    def _cursor(self) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'cursor'").fetchone()
        return None if row is None else row["value"]

    @locked
    def set_cursor(self, cursor: str | None) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('cursor', ?)", (cursor,))

    @locked
    def acked_digests_by_day(self) -> list[DayDigest]:
        rows = self._db.execute(
            "SELECT id, content_hash, recorded_at FROM outbox WHERE state = 'acked'"
        ).fetchall()
        by_day: dict[Any, list[tuple[str, str]]] = {}
        for r in rows:
            day = datetime.fromisoformat(r["recorded_at"]).astimezone(UTC).date()
            by_day.setdefault(day, []).append((r["id"], r["content_hash"]))
        return [
            DayDigest(
                day=day,
                count=len(pairs),
                digest=day_digest(pairs),
                lines=tuple(sorted(f"{i}:{h}" for i, h in pairs)),
            )
            for day, pairs in sorted(by_day.items())
        ]

    @locked
    def requeue(self, ids: Sequence[str]) -> int:
        cur = self._db.executemany(
            "UPDATE outbox SET state = 'pending' WHERE id = ? AND state = 'acked'",
            [(i,) for i in ids],
        )
        return cur.rowcount

    @locked
    def pending_count(self) -> int:
        row = self._db.execute(
            "SELECT count(*) FROM outbox WHERE state IN ('pending', 'in_flight')"
        ).fetchone()
        return int(row[0])

    @locked
    def oldest_unsent_at(self) -> datetime | None:
        row = self._db.execute(
            "SELECT min(recorded_at) FROM outbox WHERE state IN ('pending', 'in_flight')"
        ).fetchone()
        return None if row[0] is None else datetime.fromisoformat(row[0])

    @locked
    def server_mark(self) -> ServerMark | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'server_mark'").fetchone()
        return None if row is None else ServerMark.model_validate_json(row["value"])

    @locked
    def set_server_mark(self, mark: ServerMark) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('server_mark', ?)",
            (mark.model_dump_json(),),
        )

    def audit_links(self, limit: int) -> list[Any]:
        """This store keeps no audit trail."""
        return []

    def audit_acked(self, seq: int) -> None:
        return None

    @locked
    def rows(self, *, state: str | None = None) -> list[sqlite3.Row]:
        if state is None:
            return self._db.execute("SELECT * FROM outbox ORDER BY seq").fetchall()
        return self._db.execute(
            "SELECT * FROM outbox WHERE state = ? ORDER BY seq", (state,)
        ).fetchall()

    @locked
    def acked_set(self) -> set[tuple[str, int, str]]:
        return {(r["id"], r["version"], r["content_hash"]) for r in self.rows(state="acked")}

    @locked
    def person(self, person_id: str) -> dict[str, Any] | None:
        row = self._db.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        return None if row is None else {**dict(row), "payload": json.loads(row["payload"])}
