"""SIGKILL at random moments never loses a committed visit nor leaves one without its outbox row."""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from kader_app.core.register import Register

HERE = Path(__file__).parent
# Each wait for the writers is bounded on its own; on an idle machine each takes milliseconds.
LINE_TIMEOUT_S = float(os.environ.get("KADER_CRASH_LINE_TIMEOUT", "60"))


class CrashWriters:
    """The ``crash_writer`` process: forks writers on request, reaps them and reports how."""

    def __init__(self, data_dir: Path, *, stderr_path: Path) -> None:
        env = {**os.environ, "KADER_APP_KEYRING": "off", "PYTHONUNBUFFERED": "1"}
        self.stderr_path = stderr_path
        # stderr to a file: a pipe nobody reads until the end could fill up and stop the writer.
        with stderr_path.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "crash_writer", str(data_dir)],
                cwd=HERE,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
            )
        assert self.proc.stdout is not None and self.proc.stdin is not None
        self._out = self.proc.stdout
        self._in = self.proc.stdin
        self._buffer = b""
        self.expect("READY", what="the crash writer to import the store")

    def send(self, line: str) -> None:
        self._in.write((line + "\n").encode())
        self._in.flush()

    def read_line(self, *, what: str) -> str:
        """The next line on stdout, waiting at most LINE_TIMEOUT_S for it."""
        deadline = time.monotonic() + LINE_TIMEOUT_S
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([self._out], [], [], max(left, 0))
            if not ready:
                state = "is still running" if self.proc.poll() is None else "has ended"
                pytest.fail(
                    f"waited {LINE_TIMEOUT_S:.0f} s for {what}; the crash writer {state}; "
                    f"its stderr:\n{self.stderr()}"
                )
            chunk = os.read(self._out.fileno(), 65536)
            if not chunk:
                pytest.fail(
                    f"the crash writer closed its output waiting for {what}:\n{self.stderr()}"
                )
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line.decode()

    def expect(self, prefix: str, *, what: str, printed: list[str] | None = None) -> str:
        """Read up to the first line starting with ``prefix``; earlier lines go to ``printed``."""
        while True:
            line = self.read_line(what=what)
            if line.startswith(prefix):
                return line
            assert printed is not None, f"unexpected line {line!r} waiting for {what}"
            printed.append(line)

    def stderr(self) -> str:
        return self.stderr_path.read_text(errors="replace")[-3000:]

    def close(self) -> None:
        self._in.close()
        try:
            self.proc.wait(timeout=LINE_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=LINE_TIMEOUT_S)


def run_and_kill(writers: CrashWriters, *, rng: random.Random) -> list[str]:
    """Fork a writer, SIGKILL it at a random moment; return the complete lines it printed."""
    printed: list[str] = []
    writers.send("fork")
    pid = int(writers.expect("W ", what="a new writer to start").split()[1])
    if rng.random() < 0.2:
        # Sometimes die while opening (migration check, requeue, first insert), which takes
        # tens of milliseconds in a forked writer.
        time.sleep(rng.uniform(0.0, 0.05))
    else:
        # Wait until it is writing: its first commit.
        printed.append(writers.expect("P ", what=f"writer {pid}'s first commit", printed=printed))
        time.sleep(rng.uniform(0.0, 0.15))
    os.kill(pid, signal.SIGKILL)
    writers.send(f"wait {pid}")
    ended = writers.expect(f"X {pid} ", what=f"writer {pid} to be reaped", printed=printed)
    assert int(ended.split()[2]) == signal.SIGKILL, (
        f"writer {pid} ended by itself ({ended}) before the kill:\n{writers.stderr()}"
    )
    return printed


@pytest.mark.slow
def test_random_sigkill_loses_nothing(register_dir, tmp_path):
    kills = int(os.environ.get("KADER_CRASH_KILLS", "200"))
    rng = random.Random(int(os.environ.get("KADER_CRASH_SEED", "20250310")))
    printed: list[str] = []
    writers = CrashWriters(register_dir, stderr_path=tmp_path / "crash-writer-stderr.txt")
    try:
        for _ in range(kills):
            printed.extend(run_and_kill(writers, rng=rng))
    finally:
        writers.close()
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
