"""Backups: `kader-app backup PATH` and Register.backup give an encrypted, openable, full copy."""

from __future__ import annotations

import io
import sqlite3

import pytest

from kader_app.__main__ import main
from kader_app.commands import backup_command
from kader_app.core.database import connect_raw
from kader_app.core.register import Register
from screening.rules.section import RuleSettings


def table_rows(path, key) -> dict[str, list[tuple[object, ...]]]:
    conn = connect_raw(path, key=key)
    try:
        return {
            name: conn.execute(f"SELECT * FROM {name} ORDER BY 1, 2").fetchall()
            for name in ("person", "person_version", "visit", "outbox", "meta")
        }
    finally:
        conn.close()


def fill(register, make_person_input, make_visit_input) -> None:
    for n in range(3):
        pid = register.people.register(make_person_input(name=f"Warga {n}")).person_id
        register.visits.record(person_id=pid, inputs=make_visit_input(), settings=RuleSettings())


def test_backup_command_copies_every_row_encrypted(
    register, register_dir, tmp_path, make_person_input, make_visit_input
):
    fill(register, make_person_input, make_visit_input)
    target = tmp_path / "usb" / "cadangan.db"
    out = io.StringIO()
    # The app stays open while the backup runs.
    assert backup_command(data_dir=register_dir, target=target, out=out) == 0
    assert "Cadangan tersimpan" in out.getvalue() and str(target) in out.getvalue()
    key = register.database.key
    assert table_rows(target, key) == table_rows(register.database.path, key)
    plain = sqlite3.connect(target)
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute("select * from sqlite_master").fetchall()
    plain.close()
    assert not (tmp_path / "usb" / "cadangan.db.partial").exists()
    # A copy of everyone's data left the laptop's database: the audit log says so (no contents).
    conn = connect_raw(register.database.path, key=key)
    try:
        audited = conn.execute(
            "SELECT entity_type, entity_id FROM audit_log WHERE kind = 'export'"
        ).fetchall()
    finally:
        conn.close()
    assert ("database", "backup") in audited


def test_register_backup_is_openable_as_a_data_dir(
    register, tmp_path, make_person_input, make_visit_input
):
    from kader_app.core.keystore import key_file_path
    from kader_app.core.register import Register

    fill(register, make_person_input, make_visit_input)
    restored = tmp_path / "restored"
    restored.mkdir()
    register.backup(restored / "kader.db")
    key_file_path(restored).write_text(register.database.key.hex() + "\n")
    copy = Register.open(restored)
    try:
        assert [p.name for p in copy.search.people("warga")] == ["Warga 0", "Warga 1", "Warga 2"]
        assert copy.sync.counts().pending == 6
    finally:
        copy.close()


def test_backup_without_database_fails_in_bahasa(tmp_path):
    out = io.StringIO()
    assert backup_command(data_dir=tmp_path / "kosong", target=tmp_path / "x.db", out=out) == 1
    assert out.getvalue().startswith("Gagal")
    assert not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(
    "order",
    ["data-dir-first", "data-dir-last", "data-dir-both"],
)
def test_cli_backup_takes_the_data_dir_before_or_after_the_subcommand(
    order,
    register,
    register_dir,
    tmp_path,
    monkeypatch,
    capsys,
    make_person_input,
    make_visit_input,
):
    fill(register, make_person_input, make_visit_input)
    # Were --data-dir ignored, the backup would read this empty folder and fail.
    monkeypatch.setenv("KADER_APP_DATA_DIR", str(tmp_path / "not-this-one"))
    target = tmp_path / "b.db"
    args = {
        "data-dir-first": ["--data-dir", str(register_dir), "backup", str(target)],
        "data-dir-last": ["backup", str(target), "--data-dir", str(register_dir)],
        # The one after the subcommand is the one nearer to it, and wins.
        "data-dir-both": [
            "--data-dir",
            str(tmp_path / "not-this-one"),
            "backup",
            str(target),
            "--data-dir",
            str(register_dir),
        ],
    }[order]
    assert main(args) == 0
    assert "Cadangan tersimpan" in capsys.readouterr().out
    key = register.database.key
    assert table_rows(target, key) == table_rows(register.database.path, key)
    assert len(table_rows(target, key)["person"]) == 3


def test_backup_of_a_pin_protected_folder_asks_the_kaders_pin(register_dir, tmp_path) -> None:
    from kader_app.commands import open_for_command
    from kader_app.core.profiles import protect_with_first_profile

    protect_with_first_profile(register_dir, name="Bu Sri", role="kader", pin="482913")
    out = io.StringIO()
    assert open_for_command(register_dir, out=out, read_pin=lambda _: "000000") is None
    assert "PIN salah" in out.getvalue()
    register = open_for_command(register_dir, out=out, read_pin=lambda prompt: "482913")
    assert register is not None
    register.close()


def test_a_backup_of_a_pin_protected_folder_opens_elsewhere_with_the_same_pin(
    register, register_dir, tmp_path, monkeypatch, capsys, make_person_input, make_visit_input
) -> None:
    from kader_app.core.profiles import ProfileBook, protect_with_first_profile

    fill(register, make_person_input, make_visit_input)
    register.close()
    protect_with_first_profile(register_dir, name="Bu Sri", role="kader", pin="482913")
    monkeypatch.setattr("getpass.getpass", lambda prompt: "482913")
    target = tmp_path / "usb" / "cadangan.db"
    target.parent.mkdir()
    assert main(["backup", str(target), "--data-dir", str(register_dir)]) == 0
    said = capsys.readouterr().out
    assert "cadangan.db.profiles.json" in said and "PIN" in said
    # On the new laptop: the copy as kader.db, the profiles beside it.
    new_dir = tmp_path / "laptop-baru"
    new_dir.mkdir()
    (new_dir / "kader.db").write_bytes(target.read_bytes())
    (new_dir / "profiles.json").write_bytes(
        (tmp_path / "usb" / "cadangan.db.profiles.json").read_bytes()
    )
    book = ProfileBook(new_dir)
    key = book.unlock(book.profiles()[0].id, "482913")
    moved = Register.open(new_dir, key=key)
    try:
        assert len(moved.search.people("")) == 3
    finally:
        moved.close()


def test_the_recovery_key_gives_it_staff_the_database_key(register_dir, tmp_path) -> None:
    from kader_app.commands import print_key_command
    from kader_app.core.profiles import protect_with_first_profile

    _, recovery, key = protect_with_first_profile(
        register_dir, name="Bu Sri", role="kader", pin="482913"
    )
    out = io.StringIO()
    assert print_key_command(data_dir=register_dir, out=out, read_secret=lambda _: "AAAA") == 1
    assert out.getvalue() == "Kunci pemulihan tidak cocok.\n"
    out = io.StringIO()
    typed = recovery.lower().replace("-", " ")
    assert print_key_command(data_dir=register_dir, out=out, read_secret=lambda _: typed) == 0
    printed = out.getvalue().strip()
    assert printed == key.hex()
    # The printed key opens the database with sqlcipher, as docs/recovery.md shows.
    assert table_rows(register_dir / "kader.db", bytes.fromhex(printed))["person"] == []
