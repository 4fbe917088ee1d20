"""The server's SQLite engine: readers never hold up writers, writers queue and never fail BUSY."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session

from sync.server import store
from sync.server.database import begin_write, make_engine, migrate, sqlite_url
from sync.server.store import tables

# Far below SQLite's 30 s busy timeout, which is what a blocked writer used to wait for.
FINISH_WITHIN_S = 10.0
NOW = datetime(2026, 11, 23, 8, tzinfo=UTC)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(sqlite_url(tmp_path))
    migrate(engine)
    yield engine
    engine.dispose()


def _in_thread(work: Callable[[], object]) -> list[object]:
    """Run `work` in another thread; what it returned (or raised), if it finished in time."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:  # noqa: BLE001 - handed to the test to assert on
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=FINISH_WITHIN_S)
    return outcome


def _new_code(engine: Engine) -> str:
    with Session(engine) as session:
        return store.create_enroll_code(session=session, posyandu="Mawar", now=NOW)


def _codes(engine: Engine) -> int:
    with Session(engine) as session:
        return int(
            session.execute(sa.select(sa.func.count()).select_from(tables.ENROLL_CODE)).scalar_one()
        )


def test_an_open_read_does_not_hold_up_a_writer(engine: Engine) -> None:
    with Session(engine) as reader:
        reader.execute(sa.select(tables.DEVICE)).all()

        outcome = _in_thread(lambda: _new_code(engine))

        assert len(outcome) == 1 and isinstance(outcome[0], str)
    assert _codes(engine) == 1


def test_a_read_then_write_succeeds_after_another_writer_committed(engine: Engine) -> None:
    with Session(engine) as session:
        seen_before = session.execute(sa.select(sa.func.count()).select_from(tables.ENROLL_CODE))
        assert seen_before.scalar_one() == 0
        _new_code(engine)

        store.add_audit(session=session, kind="export", device_id=None, counts={}, now=NOW)
        session.commit()

    assert _codes(engine) == 1
    with Session(engine) as session:
        assert [row["kind"] for row in store.audit_rows(session)] == ["export"]


def test_a_rolled_back_writer_lets_the_next_one_in(engine: Engine) -> None:
    with Session(engine) as session:
        begin_write(session.connection())
        session.rollback()

    outcome = _in_thread(lambda: _new_code(engine))

    assert len(outcome) == 1 and isinstance(outcome[0], str)


def test_writers_in_many_threads_all_commit(engine: Engine) -> None:
    results: list[object] = []
    start = threading.Barrier(24)

    def write() -> None:
        start.wait(timeout=FINISH_WITHIN_S)
        results.extend(_in_thread(lambda: _new_code(engine)))

    threads = [threading.Thread(target=write, daemon=True) for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert [type(r) for r in results] == [str] * 24
    assert _codes(engine) == 24
