"""SIGKILL at random moments never loses a committed visit nor leaves one without its outbox row."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from kader_app.core.register import Register

HERE = Path(__file__).parent


def run_and_kill(data_dir: Path, *, rng: random.Random) -> list[str]:
    """Start the writer, SIGKILL it at a random moment; return the complete lines it printed."""
    env = {**os.environ, "KADER_APP_KEYRING": "off", "PYTHONUNBUFFERED": "1"}
    child = subprocess.Popen(
        [sys.executable, "-m", "crash_writer", str(data_dir)],
        cwd=HERE,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert child.stdout is not None
    if rng.random() < 0.2:
        # Sometimes die while opening (migration check, requeue, first insert).
        time.sleep(rng.uniform(0.0, 0.5))
    else:
        child.stdout.readline()  # wait until it is writing
        time.sleep(rng.uniform(0.0, 0.15))
    child.send_signal(signal.SIGKILL)
    out, err = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, err.decode(errors="replace")[-2000:]
    return [line for line in out.decode().split("\n")[:-1] if line]


@pytest.mark.slow
def test_random_sigkill_loses_nothing(register_dir):
    kills = int(os.environ.get("KADER_CRASH_KILLS", "200"))
    rng = random.Random(int(os.environ.get("KADER_CRASH_SEED", "20250310")))
    printed: list[str] = []
    for _ in range(kills):
        printed.extend(run_and_kill(register_dir, rng=rng))
    visit_ids = {line[2:] for line in printed if line.startswith("V ")}
    person_ids = {line[2:] for line in printed if line.startswith("P ")}
    assert len(visit_ids) > kills  # the kills really landed among the writes

    register = Register.open(register_dir)
    try:
        with register.database.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            stored_visits = set(conn.execute(text("SELECT id FROM visit")).scalars())
            stored_people = set(conn.execute(text("SELECT id FROM person")).scalars())
            visit_outbox = set(
                conn.execute(
                    text("SELECT row_id FROM outbox WHERE entity_type = 'visit'")
                ).scalars()
            )
            person_outbox = set(
                conn.execute(
                    text("SELECT row_id FROM outbox WHERE entity_type = 'person'")
                ).scalars()
            )
            in_flight = conn.execute(
                text("SELECT count(*) FROM outbox WHERE state != 'pending'")
            ).scalar()
            not_current = conn.execute(
                text(
                    "SELECT count(*) FROM (SELECT visit_key FROM visit GROUP BY visit_key "
                    "HAVING sum(is_current) != 1)"
                )
            ).scalar()
        assert visit_ids <= stored_visits, "a visit reported as saved is missing"
        assert person_ids <= stored_people
        assert stored_visits == visit_outbox, "a visit without its outbox row (or the reverse)"
        assert stored_people == person_outbox
        assert not_current == 0
        assert in_flight == 0
        assert register.sync.counts().pending == len(stored_visits) + len(stored_people)
        for visit_id in rng.sample(sorted(visit_ids), k=min(20, len(visit_ids))):
            assert register.visits.get(visit_id).evaluation.rules_version
    finally:
        register.close()
