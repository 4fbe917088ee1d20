"""v3: each visit stores one typed payload; sections are not asked, incomplete or complete.

Every stored visit version is rewritten in the payload shape of rules 2026.12 by the same
upgrade the Puskesmas server applies to old pushes (`sync.protocol.upgrade_visit_v1`): a
section with no inputs was not asked, an unfinished SRQ-20 and a section not classified for
age are incomplete, every stored class stays as it was. Outbox entries are not touched: they
are sent with the content and hash they were queued with.

Revision ID: 0003_sections
Revises: 0002_sync
"""

from __future__ import annotations

import json
from typing import Any

from alembic import op
from sync.protocol import VisitPayload, payload_json

revision = "0003_sections"
down_revision = "0002_sync"
branch_labels = None
depends_on = None

_COLUMNS = (
    "id",
    "visit_key",
    "version",
    "replaces_id",
    "person_id",
    "measured_at",
    "measured_at_utc",
    "place",
    "recorded_by",
    "voided",
    "void_reason",
    "inputs",
    "sections",
    "rules_version",
    "level",
    "reasons",
)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _utc_text(value: str) -> str:
    text = value.replace(" ", "T")
    return text if text.endswith("Z") or "+" in text[10:] else text + "+00:00"


def _first_schema(row: dict[str, Any]) -> dict[str, Any]:
    """The row as the first schema's visit payload (what 0001/0002 sent for it)."""
    return {
        "id": row["id"],
        "visit_key": row["visit_key"],
        "version": row["version"],
        "replaces_id": row["replaces_id"],
        "person_id": row["person_id"],
        "measured_at": row["measured_at"],
        "measured_at_utc": _utc_text(row["measured_at_utc"]),
        "place": row["place"],
        "recorded_by": row["recorded_by"],
        "voided": bool(row["voided"]),
        "void_reason": row["void_reason"],
        "inputs": _json(row["inputs"]),
        "evaluation": {
            "rules_version": row["rules_version"],
            "level": row["level"],
            "reasons": _json(row["reasons"]),
            "sections": _json(row["sections"]),
        },
    }


def upgrade() -> None:
    conn = op.get_bind()
    rows = conn.exec_driver_sql(f"SELECT {', '.join(_COLUMNS)} FROM visit").fetchall()
    rewritten = []
    for values in rows:
        row = dict(zip(_COLUMNS, values, strict=True))
        upgraded = VisitPayload.model_validate(_first_schema(row))
        rewritten.append((json.dumps(payload_json(upgraded)), upgraded.level, row["id"]))
    # Plain ALTERs, not a batch copy: copying the table would drop its delete guard trigger.
    op.execute("ALTER TABLE visit ADD COLUMN payload JSON NOT NULL DEFAULT '{}'")
    for column in ("inputs", "sections", "reasons", "level"):
        op.execute(f"ALTER TABLE visit DROP COLUMN {column}")
    # Nullable now: a visit saved before 2026.12 may have no complete section at all.
    op.execute("ALTER TABLE visit ADD COLUMN level VARCHAR")
    for text, level, visit_id in rewritten:
        conn.exec_driver_sql(
            "UPDATE visit SET payload = ?, level = ? WHERE id = ?", (text, level, visit_id)
        )


def downgrade() -> None:
    raise NotImplementedError("the section payload cannot be turned back into the v2 columns")
