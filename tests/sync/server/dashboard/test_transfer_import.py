"""Flash-drive files on the real server (SQLite and PostgreSQL): `import-transfer` and the
dashboard upload store exactly what a push would, answer with a receipt the laptop can verify,
and refuse damaged files and revoked laptops without storing anything. The deposited recovery
key shows only on a deliberate, audited reveal.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import nacl.public
import sqlalchemy as sa
from dashboard_site import add_staff, csrf_of, logged_in_client
from payloads import item, person_payload
from server_api import pull_all
from server_process import ServerProcess
from transfer_site import RECOVERY_KEY, Laptop, people

from sync.server.models import SERVER_METADATA
from sync.transfer import verify_receipt


def stored(server: ServerProcess, laptop: Laptop) -> set[tuple[str, int]]:
    rows, _ = pull_all(laptop.device)
    return {(r["id"], r["version"]) for r in rows}


def test_import_transfer_stores_the_file_as_a_push_and_writes_a_receipt_the_laptop_verifies(
    server: ServerProcess, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    laptop = Laptop(server, puskesmas=f"Puskesmas {tag}", area=f"Desa {tag}")
    items = people(3)
    path = tmp_path / "kirim.kader"
    path.write_bytes(laptop.file(items))

    done = server.cli("import-transfer", str(path))
    assert done.returncode == 0, done.stderr
    assert "3 data diterima, 0 sudah ada sebelumnya, 0 ditolak" in done.stdout
    receipt_path = tmp_path / "kirim.kader.tanda-terima"
    assert f"kader-app transfer-in {receipt_path}" in done.stdout
    receipt = verify_receipt(
        receipt_path.read_bytes(),
        server_verify_key=laptop.sign_key,
        device_id=laptop.device.device_id,
    )
    assert [(ln.id, ln.version, ln.content_hash, ln.status) for ln in receipt.lines] == [
        (i["id"], 1, i["content_hash"], "accepted") for i in items
    ]
    assert stored(server, laptop) == {(i["id"], 1) for i in items}

    # The same file again, receipt elsewhere: the same answer, nothing stored twice.
    again = server.cli("import-transfer", str(path), "--receipt", str(tmp_path / "lagi.json"))
    assert again.returncode == 0, again.stderr
    second = verify_receipt(
        (tmp_path / "lagi.json").read_bytes(),
        server_verify_key=laptop.sign_key,
        device_id=laptop.device.device_id,
    )
    assert [ln.status for ln in second.lines] == ["accepted"] * 3
    with server.session() as session:
        entry = SERVER_METADATA.tables["entry"]
        count = session.execute(
            sa.select(sa.func.count()).where(entry.c.id.in_([i["id"] for i in items]))
        ).scalar()
    assert count == 3

    # A newer file holding the same three plus an edit: duplicates and one accepted version.
    edit = item(
        person_payload(person_id=items[0]["id"], name="Warga Flashdisk 0", version=2),
        base_version=1,
    )
    path.write_bytes(laptop.file([*items, edit]))
    newer = server.cli("import-transfer", str(path))
    assert newer.returncode == 0, newer.stderr
    assert "1 data diterima, 3 sudah ada sebelumnya, 0 ditolak" in newer.stdout
    assert (items[0]["id"], 2) in stored(server, laptop)


def test_damaged_foreign_and_revoked_files_store_nothing_and_get_no_receipt(
    server: ServerProcess, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    laptop = Laptop(server, puskesmas=f"Puskesmas {tag}", area=f"Desa {tag}")
    data = laptop.file(people(2))
    cases = {
        "terpotong.kader": (data[: len(data) // 2], "rusak, terpotong"),
        "berubah.kader": (data[:60] + bytes([data[60] ^ 0x10]) + data[61:], "rusak, terpotong"),
        "bukan.kader": (b"PK\x03\x04 lembar kerja", "bukan berkas kiriman kader"),
        "asing.kader": (laptop.file(people(1), token="token-lain"), "tidak terdaftar"),
        "server-lain.kader": (
            laptop.file(people(1), box_key=bytes(nacl.public.PrivateKey.generate().public_key)),
            "dibuat untuk server Puskesmas lain",
        ),
    }
    for name, (content, words) in cases.items():
        (tmp_path / name).write_bytes(content)
        done = server.cli("import-transfer", str(tmp_path / name))
        assert done.returncode == 1, name
        assert words in done.stderr, (name, done.stderr)
        assert not (tmp_path / f"{name}.tanda-terima").exists()
    assert stored(server, laptop) == set()

    (tmp_path / "utuh.kader").write_bytes(data)
    revoked = server.cli("revoke-device", laptop.device.device_id)
    assert revoked.returncode == 0, revoked.stderr
    done = server.cli("import-transfer", str(tmp_path / "utuh.kader"))
    assert done.returncode == 1
    assert "Izin laptop ini sudah dicabut" in done.stderr
    assert "tidak ada tanda terima" in done.stderr
    assert not (tmp_path / "utuh.kader.tanda-terima").exists()
    with server.session() as session:
        entry = SERVER_METADATA.tables["entry"]
        held = session.execute(
            sa.select(sa.func.count()).where(entry.c.device_id == laptop.device.device_id)
        ).scalar()
    assert held == 0


def test_a_file_may_not_move_a_resident_out_of_another_area(
    server: ServerProcess, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    home = Laptop(server, puskesmas=f"Puskesmas {tag}", area=f"Desa A {tag}")
    other = Laptop(server, puskesmas=f"Puskesmas {tag}", area=f"Desa B {tag}")
    resident = people(1)
    (tmp_path / "a.kader").write_bytes(home.file(resident))
    assert server.cli("import-transfer", str(tmp_path / "a.kader")).returncode == 0
    moved = item(
        person_payload(person_id=resident[0]["id"], name="Pindah", version=2), base_version=1
    )
    (tmp_path / "b.kader").write_bytes(other.file([moved]))
    done = server.cli("import-transfer", str(tmp_path / "b.kader"))
    assert done.returncode == 0, done.stderr
    assert "0 data diterima, 0 sudah ada sebelumnya, 1 ditolak" in done.stdout
    receipt = verify_receipt(
        (tmp_path / "b.kader.tanda-terima").read_bytes(),
        server_verify_key=other.sign_key,
        device_id=other.device.device_id,
    )
    assert [(ln.status, ln.code) for ln in receipt.lines] == [("rejected", "wrong_area")]


def test_the_dashboard_upload_imports_a_file_and_offers_its_receipt(
    server: ServerProcess,
) -> None:
    tag = uuid.uuid4().hex[:6]
    puskesmas = f"Puskesmas {tag}"
    laptop = Laptop(server, puskesmas=puskesmas, area=f"Desa {tag}")
    items = people(2)
    data = laptop.file(items)
    with logged_in_client(server, add_staff(server, puskesmas=puskesmas)) as client:
        form = client.get("/dashboard/kiriman")
        assert form.status_code == 200
        csrf = csrf_of(form.text)
        broken = client.post(
            "/dashboard/kiriman",
            data={"csrf_token": csrf},
            files={"berkas": ("kirim.kader", data[:-40], "application/octet-stream")},
        )
        assert broken.status_code == 422
        assert "Berkas rusak, terpotong" in broken.text
        assert stored(server, laptop) == set()

        answer = client.post(
            "/dashboard/kiriman",
            data={"csrf_token": csrf},
            files={"berkas": ("kirim.kader", data, "application/octet-stream")},
        )
        assert answer.status_code == 200, answer.text
        assert "2 data diterima, 0 sudah ada sebelumnya, 0 ditolak" in answer.text
        assert 'download="kirim.kader.tanda-terima"' in answer.text
        link = answer.text.split('id="receipt" href="', 1)[1].split('"', 1)[0]
        download = client.get(link)
        assert download.status_code == 200
        assert "attachment" in download.headers["content-disposition"]
        receipt = verify_receipt(
            download.content, server_verify_key=laptop.sign_key, device_id=laptop.device.device_id
        )
        assert {ln.id for ln in receipt.lines} == {i["id"] for i in items}
        assert stored(server, laptop) == {(i["id"], 1) for i in items}
        listing = client.get("/dashboard/kiriman")
        assert "laptop-flamboyan" in listing.text

    # Another Puskesmas's staff can neither import this laptop's file nor fetch its receipt.
    with logged_in_client(server, add_staff(server, puskesmas=f"Puskesmas Lain {tag}")) as client:
        csrf = csrf_of(client.get("/dashboard/kiriman").text)
        refused = client.post(
            "/dashboard/kiriman",
            data={"csrf_token": csrf},
            files={"berkas": ("kirim.kader", data, "application/octet-stream")},
        )
        assert refused.status_code == 422
        assert "Puskesmas lain" in refused.text
        assert client.get(link).status_code == 404
        assert "laptop-flamboyan" not in client.get("/dashboard/kiriman").text
        no_csrf = client.post(
            "/dashboard/kiriman",
            data={"csrf_token": "palsu"},
            files={"berkas": ("kirim.kader", data, "application/octet-stream")},
        )
        assert no_csrf.status_code == 403


def test_the_recovery_key_shows_only_on_a_reveal_that_is_audited(server: ServerProcess) -> None:
    tag = uuid.uuid4().hex[:6]
    puskesmas = f"Puskesmas {tag}"
    laptop = Laptop(server, puskesmas=puskesmas, area=f"Desa {tag}")
    device_id = laptop.device.device_id
    username = add_staff(server, puskesmas=puskesmas)
    with logged_in_client(server, username) as client:
        listing = client.get("/dashboard/perangkat")
        assert f"/dashboard/perangkat/{device_id}/kunci-pemulihan" in listing.text
        assert RECOVERY_KEY not in listing.text
        ask = client.get(f"/dashboard/perangkat/{device_id}/kunci-pemulihan")
        assert ask.status_code == 200
        assert RECOVERY_KEY not in ask.text
        assert "dicatat" in ask.text
        shown = client.post(
            f"/dashboard/perangkat/{device_id}/kunci-pemulihan",
            data={"csrf_token": csrf_of(ask.text)},
        )
        assert shown.status_code == 200
        assert RECOVERY_KEY in shown.text
        forged = client.post(
            f"/dashboard/perangkat/{device_id}/kunci-pemulihan", data={"csrf_token": "palsu"}
        )
        assert forged.status_code == 403
    with logged_in_client(server, add_staff(server, puskesmas=f"Puskesmas Lain {tag}")) as client:
        assert client.get(f"/dashboard/perangkat/{device_id}/kunci-pemulihan").status_code == 404
        csrf = csrf_of(client.get("/dashboard/perangkat").text)
        other = client.post(
            f"/dashboard/perangkat/{device_id}/kunci-pemulihan", data={"csrf_token": csrf}
        )
        assert other.status_code == 404
        assert RECOVERY_KEY not in other.text
    with server.session() as session:
        audit = SERVER_METADATA.tables["audit"]
        looks = session.execute(
            sa.select(audit.c.counts).where(
                audit.c.kind == "recovery_view", audit.c.device_id == device_id
            )
        ).all()
    assert [row.counts["by"] for row in looks] == [username]
    assert RECOVERY_KEY not in server.log_path.read_text(errors="replace")


def test_a_laptop_enrolled_before_its_first_profile_deposits_its_recovery_key_after_a_sync(
    server: ServerProcess, tmp_path: Path
) -> None:
    from kader_app.core.profiles import new_recovery_key
    from kader_app.core.register import Register
    from kader_app.settings import AppSettings
    from kader_app.sync_link import build_sync, enroll_device

    tag = uuid.uuid4().hex[:6]
    puskesmas = f"Puskesmas {tag}"
    code = server.cli(
        "enroll-code", "--puskesmas", puskesmas, "--posyandu", "Posyandu Kenanga",
        "--area", f"Desa {tag}",
    )  # fmt: skip
    register = Register.open(tmp_path / "laptop")
    try:
        # Enrolled while the laptop had no kader profiles: no recovery key went with it.
        enrolled = enroll_device(
            register, server_url=server.url, code=code.stdout.strip().splitlines()[-1]
        )
        username = add_staff(server, puskesmas=puskesmas)
        page = f"/dashboard/perangkat/{enrolled.device_id}/kunci-pemulihan"
        with logged_in_client(server, username) as client:
            assert page not in client.get("/dashboard/perangkat").text
        # Then the first profile is made (as the app does) and its recovery key kept to deposit.
        key = new_recovery_key()
        register.sync.keep_recovery_key(key)
        setup = build_sync(register, settings=AppSettings())
        assert setup is not None
        try:
            assert not setup.engine.run_once().rejected
            assert setup.deposit_recovery_key() is True
            assert register.sync.recovery_key_to_deposit() is None
            assert setup.deposit_recovery_key() is False  # deposited once, nothing pending
        finally:
            setup.close()
    finally:
        register.close()
    with logged_in_client(server, username) as client:
        assert page in client.get("/dashboard/perangkat").text
        ask = client.get(page)
        shown = client.post(page, data={"csrf_token": csrf_of(ask.text)})
        assert key in shown.text
    with server.session() as session:
        audit = SERVER_METADATA.tables["audit"]
        kinds = session.execute(
            sa.select(audit.c.kind).where(audit.c.device_id == enrolled.device_id)
        ).scalars()
        assert "recovery_deposit" in set(kinds)
    assert key not in server.log_path.read_text(errors="replace")
