"""The two ends of a flash-drive transfer for the fault campaign: the Puskesmas (the real server
process, imported into through its dashboard upload or `import-transfer`) and the kader's laptop
(the real Register, its transfer files, receipts and network sync). Test-only.
"""

from __future__ import annotations

import contextlib
import io
import random
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import httpx
from kader_work import Kader, outbox_rows
from killable_server import KillableServer

from kader_app.core.models import OutboxState
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import RegisterOutboxStore, build_sync, enroll_device
from kader_app.transfer import read_receipt, write_transfer
from sync.engine import SyncEngine
from sync.server.__main__ import main as server_main
from sync.server.database import make_engine, sqlite_url
from sync.server.store.server_keys import ServerKeys, load_server_keys
from sync.transfer import open_transfer

PASSWORD = "sandi-kiriman-123"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
PROBLEM = re.compile(r'id="problem">(.*?)</p>', re.S)
RECOVERY = re.compile(r'id="recovery-key">([^<]+)<')
RECEIPT_LINK = re.compile(r'id="receipt" href="([^"]+)"')
Row = tuple[str, int, str]


@dataclass(frozen=True)
class Imported:
    """What the Puskesmas got from one import: the receipt written, or why there is none."""

    receipt: Path | None
    message: str
    channel: str


def keys_of(data_dir: Path) -> ServerKeys:
    """A server database's own transfer keys, as its migration made them."""
    engine = make_engine(sqlite_url(data_dir))
    try:
        with engine.connect() as connection:
            return load_server_keys(connection)
    finally:
        engine.dispose()


def run_cli(data_dir: Path, *args: str) -> tuple[int, str, str]:
    """`puskesmas-server ARGS` run in this process: its exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = server_main(["--data-dir", str(data_dir), *args])
    return code, out.getvalue(), err.getvalue()


class Puskesmas:
    """The real server process, and a staff member at its dashboard."""

    def __init__(self, server: KillableServer) -> None:
        self.server = server
        self.keys = keys_of(server.data_dir)
        self.channels: Counter[str] = Counter()
        done = subprocess.run(
            [sys.executable, "-m", "sync.server", "--data-dir", str(server.data_dir)]
            + ["add-staff", "--username", "admin-kiriman", "--password-stdin"],
            input=PASSWORD + "\n",
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
            env=server._env(),
        )
        assert "dapat masuk" in done.stdout
        self.client = httpx.Client(base_url=server.url, timeout=60)
        page = self.client.get("/dashboard/masuk")
        answer = self.client.post(
            "/dashboard/masuk",
            data={"username": "admin-kiriman", "password": PASSWORD, "csrf_token": _csrf(page)},
        )
        assert answer.status_code == 303, answer.text
        self.csrf = _csrf(self.client.get("/dashboard/kiriman"))

    def rows(self) -> list[Row]:
        return self.server.entries()

    def recovery_key(self, device_id: str) -> str | None:
        """What the devices page reveals for this laptop (the audited reveal, as an admin)."""
        ask = self.client.get(f"/dashboard/perangkat/{device_id}/kunci-pemulihan")
        assert ask.status_code == 200
        shown = self.client.post(
            f"/dashboard/perangkat/{device_id}/kunci-pemulihan", data={"csrf_token": self.csrf}
        )
        assert shown.status_code == 200
        found = RECOVERY.search(shown.text)
        return None if found is None else found.group(1)

    def import_file(self, path: Path, *, rng: random.Random) -> Imported:
        """Import through the dashboard or the CLI (in this process or its own), at random."""
        roll = rng.random()
        if not self.channels or roll < 0.03:
            channel = "cli_process"
        elif roll < 0.55:
            channel = "dashboard"
        else:
            channel = "cli"
        self.channels[channel] += 1
        receipt = path.with_name(path.name + ".tanda-terima")
        receipt.unlink(missing_ok=True)
        if channel == "dashboard":
            return self._upload(path, receipt)
        if channel == "cli":
            code, out, err = run_cli(self.server.data_dir, "import-transfer", str(path))
        else:
            done = subprocess.run(
                [sys.executable, "-m", "sync.server", "--data-dir", str(self.server.data_dir)]
                + ["import-transfer", str(path)],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                env=self.server._env(),
            )
            code, out, err = done.returncode, done.stdout, done.stderr
        if code == 0:
            assert receipt.exists() and f"kader-app transfer-in {receipt}" in out
            return Imported(receipt=receipt, message=out, channel=channel)
        assert not receipt.exists()
        return Imported(receipt=None, message=err, channel=channel)

    def _upload(self, path: Path, receipt: Path) -> Imported:
        answer = self.client.post(
            "/dashboard/kiriman",
            data={"csrf_token": self.csrf},
            files={"berkas": (path.name, path.read_bytes(), "application/octet-stream")},
        )
        if answer.status_code != 200:
            assert answer.status_code == 422, answer.text
            found = PROBLEM.search(answer.text)
            assert found is not None
            return Imported(receipt=None, message=found.group(1), channel="dashboard")
        link = RECEIPT_LINK.search(answer.text)
        assert link is not None
        download = self.client.get(link.group(1))
        assert download.status_code == 200
        receipt.write_bytes(download.content)
        return Imported(receipt=receipt, message=answer.text, channel="dashboard")

    def close(self) -> None:
        self.client.close()


class Laptop:
    """The kader's laptop: the Register, its network sync, and what it writes to the drive."""

    def __init__(
        self,
        *,
        data_dir: Path,
        kader: Kader,
        rng: random.Random,
        folder: Path,
        url: str,
        code: str,
    ) -> None:
        self.kader = kader
        self.rng = rng
        self.folder = folder
        self.files = 0
        self.register = Register.open(data_dir)
        self.enroll(url=url, code=code)
        self.connect()

    def connect(self) -> None:
        setup = build_sync(self.register, settings=AppSettings())
        assert setup is not None
        self.client = setup.client
        self.engine = SyncEngine(
            RegisterOutboxStore(self.register), setup.client, rng=random.Random(self.rng.random())
        )

    def enroll(self, *, url: str, code: str) -> None:
        enroll_device(self.register, server_url=url, code=code, device_name="laptop-flashdisk")

    @property
    def device_id(self) -> str:
        credentials = self.register.sync.credentials()
        assert credentials is not None
        return credentials.device_id

    def unsent(self) -> set[Row]:
        return {
            (i, v, h) for i, v, h, s in outbox_rows(self.register) if s != OutboxState.ACKED.value
        }

    def acked(self) -> set[Row]:
        return {
            (i, v, h) for i, v, h, s in outbox_rows(self.register) if s == OutboxState.ACKED.value
        }

    def write(self, server_keys: ServerKeys) -> tuple[Path, set[Row]]:
        """Transfer-out: a new file, checked to hold exactly what is unsent, nothing more."""
        self.files += 1
        path = self.folder / f"kirim-{self.files}.kader"
        unsent = self.unsent()
        written = write_transfer(self.register, path)
        body = open_transfer(path.read_bytes(), box_private_key=server_keys.box_private)
        held = {(i.id, i.version, i.content_hash) for i in body.items}
        assert held == unsent and written.entries == len(unsent)
        return path, unsent

    def read(self, receipt: Path) -> int:
        """Transfer-in: how many entries the receipt acknowledged."""
        return read_receipt(self.register, receipt).acknowledged

    def close(self) -> None:
        self.client.close()
        self.register.close()


def _csrf(page: httpx.Response) -> str:
    found = CSRF.search(page.text)
    assert found is not None, page.text[:300]
    return found.group(1)
