"""What a push leaves behind: the answer's receipt, and the rows in the SQLite database file."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import time
from pathlib import Path

from server_api import person_item, push, visit_item
from server_process import EnrolledDevice, ServerFactory, enroll_on

from sync.protocol import canonical_json
from sync.server.database import SQLITE_FILENAME

# The checkpoint runs right after the push; this only absorbs a slow, shared machine.
CHECKPOINT_WITHIN_S = 15.0


def test_the_receipt_is_the_hash_of_the_batch_id_the_device_and_the_results(
    device: EnrolledDevice,
) -> None:
    person = person_item()
    bad = person_item() | {"content_hash": "0" * 64}

    answer = push(device, [person, visit_item(person_id=person["id"]), bad])

    signed = {
        "device_id": device.device_id,
        "batch_id": answer["batch_id"],
        "results": answer["results"],
    }
    assert answer["receipt"] == hashlib.sha256(canonical_json(signed)).hexdigest()
    assert [r["status"] for r in answer["results"]] == ["accepted", "accepted", "rejected"]


def _ids_in_database_file(data_dir: Path, tmp_path: Path) -> set[str]:
    """The entry ids in a copy of the database file alone, as a backup of that file would hold."""
    copy = tmp_path / "backup.sqlite3"
    shutil.copyfile(data_dir / SQLITE_FILENAME, copy)
    connection = sqlite3.connect(f"file:{copy}?immutable=1", uri=True)
    try:
        return {row[0] for row in connection.execute("SELECT id FROM entry")}
    except sqlite3.DatabaseError:
        # Copied while a checkpoint was writing it: try again.
        return set()
    finally:
        connection.close()


def test_pushed_visits_reach_the_database_file_itself_soon_after_the_push(
    server_factory: ServerFactory, tmp_path: Path
) -> None:
    server = server_factory("sqlite")
    device = enroll_on(server)
    person = person_item()
    items = [person] + [visit_item(person_id=person["id"]) for _ in range(20)]

    push(device, items)

    # Committed means written to the WAL and synced; the WAL is then copied into the database
    # file in the background, not left there until it grows to thousands of pages.
    wanted = {item["id"] for item in items}
    deadline = time.monotonic() + CHECKPOINT_WITHIN_S
    found: set[str] = set()
    while time.monotonic() < deadline:
        found = _ids_in_database_file(server.data_dir, tmp_path)
        if wanted <= found:
            break
        time.sleep(0.1)
    assert wanted <= found
