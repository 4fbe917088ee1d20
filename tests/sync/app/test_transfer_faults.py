"""The flash-drive fault campaign: a real Register and the real server process on 127.0.0.1,
entries carried by transfer files through truncation, flipped bits, double and out-of-order
imports, old, damaged and foreign receipts, a revoked laptop, edits after transfer-out and
network sync in between. At the end the server holds exactly what the laptop counts as sent:
0 lost, 0 duplicated.

`KADER_TRANSFER_FAULTS` sets how many faults (default 200); `KADER_TRANSFER_SEED` replays a run.
"""

from __future__ import annotations

import base64
import os
import random
import sys
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from kader_work import Kader, PersonFactory, VisitFactory
from killable_server import KillableServer
from transfer_campaign import Imported, Laptop, Puskesmas, Row, keys_of, run_cli

from kader_app.core.profiles import new_recovery_key
from kader_app.core.register import Register
from sync.client import SyncError
from sync.server.database import make_engine, migrate, sqlite_url
from sync.server.store.server_keys import ServerKeys
from sync.server.transfer_import import REFUSALS
from sync.transfer import Receipt, ReceiptLine, TransferError, sign_receipt, verify_receipt

AREA = "Desa Sukamulya"
POSYANDU = "Posyandu Kenanga"
WEIGHTS = {
    "truncated_file": 14,
    "flipped_file": 14,
    "double_import": 12,
    "wrong_order": 12,
    "old_receipt": 10,
    "foreign_receipt": 8,
    "damaged_receipt": 8,
    "edit_after_transfer": 12,
    "network_interleaved": 12,
    "revoked_device": 2,
}
NOT_IMPORTED = (REFUSALS["damaged"], REFUSALS["not_transfer"])


class Campaign:
    """Applies one fault at a time and checks at once what the kader or the admin would see."""

    def __init__(
        self,
        *,
        laptop: Laptop,
        puskesmas: Puskesmas,
        stranger: ServerKeys,
        rng: random.Random,
    ) -> None:
        self.laptop = laptop
        self.puskesmas = puskesmas
        self.stranger = stranger
        self.rng = rng
        self.faults: Counter[str] = Counter()
        self.refusals: Counter[str] = Counter()
        self.harmless: Counter[str] = Counter()
        # Receipts already read, with the device they were for (re-enrolling makes a new one).
        self.read: list[tuple[Path, str]] = []
        self.network_errors: Counter[str] = Counter()

    @property
    def keys(self) -> ServerKeys:
        return self.puskesmas.keys

    def run(self, kind: str) -> None:
        self.faults[kind] += 1
        getattr(self, kind)()

    def imported(self, path: Path) -> Path:
        result = self.puskesmas.import_file(path, rng=self.rng)
        assert result.receipt is not None, result.message
        return result.receipt

    def refused(self, path: Path, *, expected: tuple[str, ...]) -> Imported:
        before = self.puskesmas.rows()
        result = self.puskesmas.import_file(path, rng=self.rng)
        assert result.receipt is None, f"a damaged file was imported ({result.channel})"
        assert any(m in result.message for m in expected), result.message
        assert self.puskesmas.rows() == before, "a refused file stored something"
        self.refusals[result.channel] += 1
        return result

    def read_all(self, receipt: Path, sent: set[Row]) -> None:
        """Transfer-in of a receipt for ``sent``: afterwards none of it is unsent."""
        self.laptop.read(receipt)
        self.read.append((receipt, self.laptop.device_id))
        assert not (sent & self.laptop.unsent()), "an entry the server holds is still unsent"

    def network(self) -> None:
        try:
            self.laptop.engine.run_once()
        except SyncError as exc:
            self.network_errors[type(exc).__name__] += 1

    def truncated_file(self) -> None:
        path, _ = self.laptop.write(self.keys)
        data = path.read_bytes()
        path.write_bytes(data[: self.rng.randrange(len(data))])
        self.refused(path, expected=NOT_IMPORTED)

    def flipped_file(self) -> None:
        path, _ = self.laptop.write(self.keys)
        data = bytearray(path.read_bytes())
        data[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
        path.write_bytes(bytes(data))
        self.refused(path, expected=NOT_IMPORTED)

    def double_import(self) -> None:
        path, sent = self.laptop.write(self.keys)
        first = self.imported(path)
        first_copy = first.with_name(first.name + ".1")
        first.replace(first_copy)
        held = self.puskesmas.rows()
        second = self.imported(path)
        assert self.puskesmas.rows() == held, "the second import stored something"
        lines = [self._lines(r) for r in (first_copy, second)]
        assert lines[0] == lines[1]
        self.read_all(self.rng.choice((first_copy, second)), sent)

    def wrong_order(self) -> None:
        older, sent_older = self.laptop.write(self.keys)
        self.laptop.kader.work(self.laptop.register)
        newer, sent_newer = self.laptop.write(self.keys)
        receipts = [self.imported(newer), self.imported(older)]
        self.rng.shuffle(receipts)
        for receipt in receipts:
            self.laptop.read(receipt)
            self.read.append((receipt, self.laptop.device_id))
        assert not ((sent_older | sent_newer) & self.laptop.unsent())

    def old_receipt(self) -> None:
        if not self.read:
            self.double_import()
        before = self.laptop.unsent()
        receipt, device_id = self.rng.choice(self.read)
        if device_id == self.laptop.device_id:
            assert self.laptop.read(receipt) == 0
        else:
            with pytest.raises(TransferError) as other:
                self.laptop.read(receipt)
            assert other.value.code == "other_device"
            self.harmless["old_receipt_other_device"] += 1
        assert self.laptop.unsent() == before

    def foreign_receipt(self) -> None:
        """A receipt naming every unsent entry, for this laptop, signed by another server."""
        unsent = self.laptop.unsent()
        receipt = Receipt(
            server_key="",
            device_id=self.laptop.device_id,
            batch_id=str(uuid.uuid4()),
            imported_at=datetime.now(UTC),
            lines=[
                ReceiptLine(id=i, version=v, content_hash=h, status="accepted")
                for i, v, h in sorted(unsent)
            ],
        )
        path = self.laptop.folder / f"asing-{self.faults['foreign_receipt']}.tanda-terima"
        path.write_bytes(sign_receipt(receipt, signing_key=self.stranger.sign_private))
        with pytest.raises(TransferError) as refused:
            self.laptop.read(path)
        assert refused.value.code == "bad_signature"
        assert self.laptop.unsent() == unsent

    def damaged_receipt(self) -> None:
        path, sent = self.laptop.write(self.keys)
        receipt = self.imported(path)
        data = receipt.read_bytes()
        broken = receipt.with_name(receipt.name + ".rusak")
        if self.rng.random() < 0.5:
            broken.write_bytes(data[: self.rng.randrange(len(data))])
        else:
            flipped = bytearray(data)
            flipped[self.rng.randrange(len(data))] ^= 1 << self.rng.randrange(8)
            broken.write_bytes(bytes(flipped))
        before = self.laptop.unsent()
        try:
            same = self._lines(broken) == self._lines(receipt)
        except TransferError:
            same = False
        if same:
            # A flip the parser reads the same way (a letter's case in a time): the same receipt.
            self.harmless["damaged_receipt"] += 1
        else:
            with pytest.raises(TransferError):
                self.laptop.read(broken)
            assert self.laptop.unsent() == before
        self.read_all(receipt, sent)

    def edit_after_transfer(self) -> None:
        path, sent = self.laptop.write(self.keys)
        kader, register = self.laptop.kader, self.laptop.register
        if not kader.people:
            kader._register(register)
        kader._edit(register)
        open_visits = [k for k in kader.visits if k not in kader.voided]
        if open_visits:
            kader._correct(register, self.rng.choice(open_visits))
        edits = self.laptop.unsent() - sent
        assert edits
        self.read_all(self.imported(path), sent)
        assert self.laptop.unsent() == edits, "an edit made after transfer-out was acknowledged"

    def network_interleaved(self) -> None:
        path, sent = self.laptop.write(self.keys)
        if self.rng.random() < 0.5:
            self.laptop.kader.work(self.laptop.register)
            self.network()
            receipt = self.imported(path)
        else:
            receipt = self.imported(path)
            self.laptop.kader.work(self.laptop.register)
            self.network()
        self.read_all(receipt, sent)

    def revoked_device(self) -> None:
        """Revoked after one import: its receipt still counts, the next file is refused, and
        after enrolling again the old receipt is for another laptop."""
        path, sent = self.laptop.write(self.keys)
        receipt = self.imported(path)
        old_device = self.laptop.device_id
        assert run_cli(self.puskesmas.server.data_dir, "revoke-device", old_device)[0] == 0
        self.laptop.kader._register(self.laptop.register)
        later, _ = self.laptop.write(self.keys)
        self.refused(later, expected=(REFUSALS["revoked"],))
        self.network()
        self.read_all(receipt, sent)
        code, out, _ = run_cli(
            self.puskesmas.server.data_dir, "enroll-code", "--posyandu", POSYANDU, "--area", AREA
        )
        assert code == 0
        self.laptop.client.close()
        self.laptop.enroll(url=self.puskesmas.server.url, code=out.strip().splitlines()[-1])
        self.laptop.connect()
        assert self.laptop.device_id != old_device
        with pytest.raises(TransferError) as other:
            self.laptop.read(receipt)
        assert other.value.code == "other_device"

    def _lines(self, receipt: Path) -> list[tuple[str, int, str, str]]:
        checked = verify_receipt(
            receipt.read_bytes(),
            server_verify_key=base64.b64decode(self._public_sign_key()),
            device_id=self.laptop.device_id,
        )
        return [(ln.id, ln.version, ln.content_hash, ln.status) for ln in checked.lines]

    def _public_sign_key(self) -> str:
        credentials = self.laptop.register.sync.credentials()
        assert credentials is not None
        return credentials.sign_key


def expected_rows(laptop: Laptop) -> set[tuple[str, int]]:
    """Every version the kader made, read back from the Register."""
    expected: set[tuple[str, int]] = set()
    for person_id in laptop.kader.people:
        expected |= {
            (person_id, v) for v in range(1, laptop.register.people.get(person_id).version + 1)
        }
    for key in laptop.kader.visits:
        expected |= {(key, v.version) for v in laptop.register.visits.versions(key)}
    return expected


@pytest.mark.slow
def test_transfer_faults_lose_nothing_and_duplicate_nothing(
    register_dir: Path,
    tmp_path: Path,
    killable_server: KillableServer,
    make_person_input: PersonFactory,
    make_visit_input: VisitFactory,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    record_property: Callable[[str, object], None],
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    faults = int(os.environ.get("KADER_TRANSFER_FAULTS", "200"))
    seed = int(os.environ.get("KADER_TRANSFER_SEED", str(random.SystemRandom().randrange(10**6))))
    rng = random.Random(seed)
    replay = f"KADER_TRANSFER_SEED={seed} KADER_TRANSFER_FAULTS={faults}"

    stranger_dir = tmp_path / "server-lain"
    stranger_dir.mkdir()
    engine = make_engine(sqlite_url(stranger_dir))
    migrate(engine)
    engine.dispose()
    stranger = keys_of(stranger_dir)
    puskesmas = Puskesmas(killable_server)
    assert stranger.sign_public != puskesmas.keys.sign_public

    drive = tmp_path / "flashdisk"
    drive.mkdir()
    kader = Kader(rng=rng, make_person=make_person_input, make_visit=make_visit_input)
    recovery_key = new_recovery_key()
    first = Register.open(register_dir)
    first.sync.keep_recovery_key(recovery_key)
    first.close()
    code = killable_server.enroll_code(posyandu=POSYANDU, area=AREA)
    laptop = Laptop(
        data_dir=register_dir,
        kader=kader,
        rng=rng,
        folder=drive,
        url=killable_server.url,
        code=code,
    )
    credentials = laptop.register.sync.credentials()
    assert credentials is not None
    # The enrolment answer gave the laptop this server's public keys.
    assert (credentials.box_key, credentials.sign_key) == (
        puskesmas.keys.box_public,
        puskesmas.keys.sign_public,
    )
    # ...and the laptop deposited its recovery key with the Puskesmas on the way.
    assert laptop.register.sync.recovery_key_to_deposit() is None
    assert puskesmas.recovery_key(laptop.device_id) == recovery_key
    campaign = Campaign(laptop=laptop, puskesmas=puskesmas, stranger=stranger, rng=rng)
    try:
        plan = list(WEIGHTS) + rng.choices(
            list(WEIGHTS), list(WEIGHTS.values()), k=max(0, faults - len(WEIGHTS))
        )
        for kind in plan:
            kader.work(laptop.register)
            try:
                campaign.run(kind)
            except BaseException as exc:
                exc.add_note(f"fault {kind} #{campaign.faults[kind]}; replay with: {replay}")
                raise
        # The last file carries everything left: nothing is unsent afterwards.
        path, sent = laptop.write(puskesmas.keys)
        campaign.read_all(campaign.imported(path), sent)
        assert laptop.unsent() == set()

        server_rows = puskesmas.rows()
        duplicated = len(server_rows) - len({(i, v) for i, v, _ in server_rows})
        on_server = {(i, v) for i, v, _ in server_rows}
        expected = expected_rows(laptop)
        lost = len(expected - on_server)
        counts = {
            "faults": dict(campaign.faults),
            "total_faults": campaign.faults.total(),
            "imports": dict(puskesmas.channels),
            "refused_imports": dict(campaign.refusals),
            "notes": dict(campaign.harmless),
            "network_errors": dict(campaign.network_errors),
            "made": dict(kader.made),
            "entries": len(server_rows),
            "lost": lost,
            "duplicated": duplicated,
        }
        record_property("transfer_campaign", counts)
        with capsys.disabled():
            sys.stdout.write(f"\ntransfer campaign ({replay}): {counts}\n")
        assert duplicated == 0
        assert lost == 0
        assert set(server_rows) == laptop.acked(), "server and laptop disagree on what was sent"
        assert on_server == expected
        assert campaign.faults.total() >= faults
        assert min(campaign.faults[k] for k in WEIGHTS) >= 1
    finally:
        laptop.close()
        puskesmas.close()
