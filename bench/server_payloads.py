"""Real app payloads for the server benchmarks: residents and visits as the laptop pushes them.

Visits are demo visits classified by the real rules and built by `kader_app.core.records`
(`datagen.visit_templates`), then given their own ids, resident and date (and hashed again);
residents are `PersonPayload`s with valid NIKs (`datagen.people_rows`). Seeded: the same seed
gives the same items.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from datagen import clone_visit, people_rows, visit_templates

from sync.protocol import PersonPayload, content_hash, payload_json

WIB = timezone(timedelta(hours=7))
START = datetime(2025, 1, 6, 8, tzinfo=WIB)


def _item(kind: str, payload: dict[str, Any], *, item_id: str, at: datetime) -> dict[str, Any]:
    return {
        "id": item_id,
        "type": kind,
        "version": 1,
        "base_version": None,
        "content_hash": content_hash(payload),
        "recorded_at": at.astimezone(UTC).isoformat(),
        "payload": payload,
    }


def person_item(row: dict[str, Any], *, desa: str) -> dict[str, Any]:
    fields = {k: v for k, v in row.items() if k != "name_norm"}
    payload = payload_json(PersonPayload.model_validate({**fields, "desa": desa}))
    return _item("person", payload, item_id=row["id"], at=row["created_at"])


def area_items(
    *, people: int, visits_per_person: int, seed: int, desa: str, months: int = 12
) -> Iterator[dict[str, Any]]:
    """Each resident, then their visits (monthly, spread over ``months``), in push order."""
    # Its own stream: the residents' ids come from `people_rows`'s generator of the same seed.
    rng = random.Random(seed + 7919)
    templates = visit_templates(seed=seed, count=300)
    for row in people_rows(count=people, seed=seed):
        yield person_item(row, desa=desa)
        for n in range(visits_per_person):
            month = (n * months) // max(1, visits_per_person)
            at = START + timedelta(
                days=30 * month + rng.randint(0, 25), minutes=rng.randint(0, 480)
            )
            visit_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            payload = clone_visit(
                rng.choice(templates), visit_id=visit_id, person_id=row["id"], at=at
            )
            yield _item("visit", payload, item_id=visit_id, at=at)
