"""The real `python -m sync.server` as a child process on 127.0.0.1 that tests can SIGKILL.

Test-only: it restarts the server on the same port and data directory, restores an older copy
of its database, and reads what the server stored.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import requests
from free_ports import free_port

from sync.server.database import SQLITE_FILENAME


class KillableServer:
    def __init__(self, data_dir: Path, *, port: int | None = None) -> None:
        self.data_dir = data_dir
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_path = data_dir / "server.log"
        self.starts = 0
        data_dir.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def db_path(self) -> Path:
        return self.data_dir / SQLITE_FILENAME

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        # The campaign checks the SQLite file; a DATABASE_URL from the shell must not redirect it.
        env.pop("DATABASE_URL", None)
        return env

    def start(self) -> KillableServer:
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "sync.server",
                    "--data-dir",
                    str(self.data_dir),
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self._env(),
            )
        self.starts += 1
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        pause = threading.Event()
        for _ in range(600):
            if self.proc is not None and self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/api/v1/health", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            pause.wait(0.05)
        raise RuntimeError("server did not become ready")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def stop(self) -> None:
        self.kill()

    def enroll_code(self, *, posyandu: str, area: str) -> str:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "sync.server",
                "enroll-code",
                "--posyandu",
                posyandu,
                "--area",
                area,
                "--data-dir",
                str(self.data_dir),
            ],
            capture_output=True,
            check=True,
            env=self._env(),
        )
        return done.stdout.decode().strip().splitlines()[-1]

    def backup(self, target: Path) -> None:
        """A consistent copy of the live database (sqlite3 backup API)."""
        src = sqlite3.connect(self.db_path)
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        src.close()
        dst.close()

    def restore(self, backup: Path) -> None:
        """Stop, put an older copy in place, start again: a server restored from backup."""
        self.kill()
        for suffix in ("-wal", "-shm"):
            Path(str(self.db_path) + suffix).unlink(missing_ok=True)
        shutil.copyfile(backup, self.db_path)
        self.start()

    def entries(self) -> list[tuple[str, int, str]]:
        """Every stored (id, version, content_hash) row, duplicates included."""
        db = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True)
        try:
            rows = db.execute("SELECT id, version, content_hash FROM entry").fetchall()
        finally:
            db.close()
        return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]
