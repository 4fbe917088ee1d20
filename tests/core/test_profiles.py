"""Kader profiles with a PIN: the key wrapped by PINs, throttled tries, recovery, migration."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kader_app.core.errors import DatabaseKeyError
from kader_app.core.keystore import key_file_path
from kader_app.core.profiles import (
    ProfileBook,
    ProfileError,
    ProfileLockedError,
    WrongPinError,
    has_profiles,
    protect_with_first_profile,
)
from kader_app.core.register import Register

FIXTURE = Path(__file__).parents[1] / "fixtures" / "schema_v2"
NOW = datetime(2026, 12, 1, 8, tzinfo=UTC)


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A copy of a database as a field laptop holds it: opened today by its key file."""
    shutil.copytree(FIXTURE, tmp_path / "schema_v2")
    return tmp_path / "schema_v2" / "data"


def test_an_existing_database_moves_to_pins_and_the_key_file_alone_no_longer_opens_it(
    real_copy: Path,
) -> None:
    key_file = key_file_path(real_copy)
    kept_key_file = key_file.read_text()
    profile, recovery, _ = protect_with_first_profile(
        real_copy, name="Bu Sri", role="kader", pin="482913"
    )
    assert has_profiles(real_copy) and not key_file.exists()
    assert len(recovery.replace("-", "")) == 32
    with pytest.raises(DatabaseKeyError):
        Register.open(real_copy)
    # Even the old key file put back does not open it without a PIN.
    key_file.write_text(kept_key_file)
    with pytest.raises(DatabaseKeyError):
        Register.open(real_copy)
    key = ProfileBook(real_copy).unlock(profile.id, "482913", now=NOW)
    register = Register.open(real_copy, key=key)
    try:
        assert [p.name for p in register.search.people("fiktif")] == [
            "Ani Fiktif",
            "Budi Fiktif",
            "Citra Fiktif",
        ]
    finally:
        register.close()


def test_wrong_pins_are_counted_and_then_make_the_profile_wait(real_copy: Path) -> None:
    profile, _, _ = protect_with_first_profile(real_copy, name="Bu Sri", role="kader", pin="482913")
    book = ProfileBook(real_copy)
    for tries_left in (4, 3, 2, 1):
        with pytest.raises(WrongPinError) as wrong:
            book.unlock(profile.id, "000000", now=NOW)
        assert (wrong.value.tries_left, wrong.value.wait) == (tries_left, timedelta(0))
    with pytest.raises(WrongPinError) as fifth:
        book.unlock(profile.id, "000000", now=NOW)
    assert fifth.value.wait == timedelta(seconds=30)
    # Even the right PIN waits now.
    with pytest.raises(ProfileLockedError):
        book.unlock(profile.id, "482913", now=NOW + timedelta(seconds=10))
    assert book.unlock(profile.id, "482913", now=NOW + timedelta(seconds=31))
    with pytest.raises(WrongPinError) as after:
        book.unlock(profile.id, "111111", now=NOW + timedelta(seconds=40))
    assert after.value.tries_left == 4  # a right PIN starts the count again


def test_a_forgotten_pin_is_replaced_with_the_recovery_key(real_copy: Path) -> None:
    profile, recovery, _ = protect_with_first_profile(
        real_copy, name="Bu Sri", role="kader", pin="482913"
    )
    book = ProfileBook(real_copy)
    with pytest.raises(ProfileError):
        book.recover(
            "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH", profile_id=profile.id, new_pin="135790"
        )
    key = book.recover(recovery.lower().replace("-", " "), profile_id=profile.id, new_pin="135790")
    Register.open(real_copy, key=key).close()
    assert book.unlock(profile.id, "135790", now=NOW) == key
    with pytest.raises(WrongPinError):
        book.unlock(profile.id, "482913", now=NOW)


def test_more_kader_share_one_laptop_each_with_a_pin(tmp_path: Path) -> None:
    data_dir = tmp_path / "baru"
    first, _, key = protect_with_first_profile(data_dir, name="Bu Sri", role="kader", pin="111222")
    Register.open(data_dir, key=key).close()  # a new folder gets a new key, PIN-protected
    book = ProfileBook(data_dir)
    nurse = book.add(key=key, name="Bidan Ani", role="nakes", pin="333444")
    assert [(p.name, p.role) for p in book.profiles()] == [
        ("Bu Sri", "kader"),
        ("Bidan Ani", "nakes"),
    ]
    assert book.unlock(nurse.id, "333444", now=NOW) == book.unlock(first.id, "111222", now=NOW)


@pytest.mark.parametrize("pin", ["12345", "1234567", "12a456", "١٢٣٤٥٦"])
def test_a_pin_is_six_digits(tmp_path: Path, pin: str) -> None:
    with pytest.raises(ProfileError) as refused:
        protect_with_first_profile(tmp_path / "d", name="Bu Sri", role="kader", pin=pin)
    assert refused.value.code == "pin_format"
    assert not has_profiles(tmp_path / "d")
