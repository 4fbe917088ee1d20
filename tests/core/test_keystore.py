"""Where the database key lives: the OS keyring when one exists, else a private key file."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend

from kader_app.core.database import open_database
from kader_app.core.keystore import KEYRING_SERVICE, key_file_path, load_or_create_key
from kader_app.core.register import Register


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring(monkeypatch):
    monkeypatch.delenv("KADER_APP_KEYRING", raising=False)
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


def test_a_real_keyring_holds_the_key_and_no_file_is_written(
    tmp_path, memory_keyring, make_person_input
):
    data_dir = tmp_path / "data"
    register = Register.open(data_dir)
    register.people.register(make_person_input(name="Tersimpan"))
    register.close()
    assert not key_file_path(data_dir).exists()
    stored = memory_keyring.store[(KEYRING_SERVICE, str(data_dir.resolve()))]
    assert bytes.fromhex(stored) == load_or_create_key(data_dir, create=False)
    reopened = Register.open(data_dir)
    try:
        assert [p.name for p in reopened.search.people("tersimpan")] == ["Tersimpan"]
    finally:
        reopened.close()


def test_keyring_off_forces_the_key_file(tmp_path, memory_keyring, monkeypatch):
    monkeypatch.setenv("KADER_APP_KEYRING", "off")
    open_database(tmp_path / "data").close()
    assert key_file_path(tmp_path / "data").exists()
    assert memory_keyring.store == {}


def test_existing_key_file_wins_over_the_keyring(register_dir, memory_keyring):
    # A data folder restored with its key file keeps working on a laptop that has a keyring.
    db = open_database(register_dir)
    try:
        assert db.key == bytes.fromhex(key_file_path(register_dir).read_text().strip())
    finally:
        db.close()
    assert memory_keyring.store == {}
