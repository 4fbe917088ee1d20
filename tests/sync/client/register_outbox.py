"""The app's real outbox (the Register and its sync adapter) with the test helpers of SqliteOutbox.

Lets the engine tests run once against the sqlite3 fake and once against the real encrypted
store, so the engine's rules (late acks, holds, releases) are proven on what ships.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from kader_app.core.models import OUTBOX_TABLE, PERSON_VERSION_TABLE, PersonInput
from kader_app.core.register import Register
from kader_app.sync_link import RegisterOutboxStore
from screening.rules.recheck import settings_of, visit_input_of
from sync.protocol import VisitPayload, content_hash

OUTBOX = OUTBOX_TABLE


class RegisterTestOutbox(RegisterOutboxStore):
    """`RegisterOutboxStore` over a real Register, plus what the tests inspect."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.register = Register.open(data_dir, device_id="test-device")
        super().__init__(self.register)

    def reopen(self) -> RegisterTestOutbox:
        """Close and open again on the same directory, as an app restart does."""
        self.register.close()
        return RegisterTestOutbox(self.data_dir)

    def close(self) -> None:
        self.register.close()

    def record_person(self, fields: Mapping[str, Any], *, person_id: str | None = None) -> str:
        data = _person_input(fields)
        return self.register.people.register(data).person_id

    def edit_person(self, person_id: str, changes: Mapping[str, Any]) -> int:
        current = self.register.people.get(person_id)
        fields = {k: getattr(current, k) for k in _PERSON_FIELDS}
        self.register.people.update(
            person_id=person_id,
            data=_person_input({**fields, **changes}),
            base_version=current.version,
        )
        return current.version + 1

    def record_visit(self, payload: Mapping[str, Any], *, visit_id: str | None = None) -> str:
        typed = VisitPayload.model_validate(payload)
        change = self.register.visits.record(
            person_id=typed.person_id,
            inputs=visit_input_of(typed),
            settings=settings_of(typed),
            measured_at=typed.measured_at,
        )
        assert change.visit_id is not None
        return change.visit_id

    def rewrite_unsent(self, item_id: str, version: int, payload: Mapping[str, Any]) -> None:
        """Change the content of an unsent entry in place, as a rebase does."""
        with self.register.database.engine.begin() as conn:
            conn.execute(
                update(OUTBOX)
                .where(
                    OUTBOX.c.entity_id == item_id,
                    OUTBOX.c.entity_version == version,
                    OUTBOX.c.state.in_(("pending", "in_flight")),
                )
                .values(payload=dict(payload), content_hash=content_hash(payload))
            )

    def rows(self, *, state: str | None = None) -> list[dict[str, Any]]:
        query = select(OUTBOX).order_by(OUTBOX.c.seq)
        if state is not None:
            query = query.where(OUTBOX.c.state == state)
        with self.register.database.engine.connect() as conn:
            found = conn.execute(query).all()
        return [
            {
                "id": r.entity_id,
                "version": r.entity_version,
                "state": r.state,
                "content_hash": r.content_hash,
                "message": r.last_message,
                "code": r.last_error,
            }
            for r in found
        ]

    def acked_set(self) -> set[tuple[str, int, str]]:
        return {(r["id"], r["version"], r["content_hash"]) for r in self.rows(state="acked")}

    def person(self, person_id: str) -> dict[str, Any] | None:
        with self.register.database.engine.connect() as conn:
            found = conn.execute(
                select(PERSON_VERSION_TABLE.c.version, PERSON_VERSION_TABLE.c.data)
                .where(PERSON_VERSION_TABLE.c.person_id == person_id)
                .order_by(PERSON_VERSION_TABLE.c.version.desc())
                .limit(1)
            ).first()
        return None if found is None else {"version": found.version, "payload": dict(found.data)}


_PERSON_FIELDS = ("name", "sex", "birth_date", "nik", "kk", "dusun", "rt", "rw", "desa", "phone")


def _person_input(fields: Mapping[str, Any]) -> PersonInput:
    values = {k: v for k, v in fields.items() if k in _PERSON_FIELDS}
    birth = values.get("birth_date", date(1980, 1, 1))
    values["birth_date"] = date.fromisoformat(birth) if isinstance(birth, str) else birth
    values.setdefault("name", "Warga Uji")
    values.setdefault("sex", "P")
    return PersonInput(**values)
