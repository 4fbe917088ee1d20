"""A new laptop's first sync through the REAL server: every pulled resident is found as the kader
types, by a fragment of the name or of the NIK, beside the residents registered on it.

The pull writes new residents' search rows set-wise (one statement per page), not through the
insert trigger; this is what a kader would notice if that went wrong. Small pages, so that
the first sync takes several pages and transactions.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from server_process import ServerProcess

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import SyncSetup, build_sync, enroll_device

_FIRST = ("Siti", "Dewi", "Rina", "Yanti", "Wulan", "Endang", "Ratna")
_LAST = ("Rahayu", "Lestari", "Kusuma", "Pratiwi", "Handayani")


@pytest.fixture
def laptop(
    tmp_path: Path, live_server: ServerProcess
) -> Iterator[Callable[[str], tuple[Register, SyncSetup]]]:
    """`laptop(name)`: a Register in its own data dir, enrolled in one area of the live server."""
    area = f"Desa Uji {uuid.uuid4().hex[:8]}"
    opened: list[tuple[Register, SyncSetup]] = []

    def make(name: str) -> tuple[Register, SyncSetup]:
        register = Register.open(tmp_path / name)
        code = live_server.enroll_code(posyandu=f"Posyandu {name}", area=area)
        enroll_device(register, server_url=live_server.url, code=code, device_name=name)
        setup = build_sync(register, settings=AppSettings())
        assert setup is not None
        opened.append((register, setup))
        return register, setup

    yield make
    for register, setup in opened:
        setup.close()
        register.close()


def _found(register: Register, text: str) -> set[str]:
    return {p.id for p in register.search.people(text, limit=200)}


def test_every_pulled_resident_is_found_by_name_fragment_and_nik(
    laptop: Callable[[str], tuple[Register, SyncSetup]],
    make_person_input: Callable[..., PersonInput],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("sync.engine.PULL_LIMIT", 7)
    lama, sync_lama = laptop("lama")
    people: dict[str, PersonInput] = {}
    for n in range(24):
        data = make_person_input(
            name=f"{_FIRST[n % 7]} {_LAST[n % 5]} Nomor{n:02d}",
            birth_date=date(1970 + n, 1 + n % 12, 1 + n),
        )
        people[lama.people.register(data).person_id] = data
    assert sync_lama.engine.run_once().acked == 24

    baru, sync_baru = laptop("baru")
    # A resident registered on the new laptop before its first sync keeps being found.
    own = baru.people.register(make_person_input(name="Kartini Wijaya")).person_id
    summary = sync_baru.engine.run_once()
    assert summary.pulled_people >= 24

    for person_id, data in people.items():
        number = data.name.split()[-1].lower()
        assert person_id in _found(baru, number)  # "nomor07": a fragment of one word
        assert person_id in _found(baru, number[2:])  # "mor07"
        assert data.nik is not None
        assert _found(baru, data.nik) == {person_id}
        assert person_id in _found(baru, data.nik[4:12])
    rahayu = {i for i, d in people.items() if "Rahayu" in d.name}
    assert _found(baru, "ahay") == rahayu and len(rahayu) == 5
    assert _found(baru, "kartini") == {own}

    # An edit pulled later replaces the name the kader finds; a resident registered after
    # the first sync is found beside the pulled ones.
    renamed = next(iter(people))
    data = replace(people[renamed], name="Sulastri Nomor99")
    lama.people.update(person_id=renamed, data=data, base_version=1)
    assert sync_lama.engine.run_once().acked == 1
    assert sync_baru.engine.run_once().pulled_people >= 1
    assert _found(baru, "sulastri") == {renamed}
    assert renamed not in _found(baru, people[renamed].name.split()[-1].lower())
    later = baru.people.register(make_person_input(name="Rahayu Baru Sekali")).person_id
    assert _found(baru, "ahay") == (rahayu - {renamed}) | {later}
    assert _found(baru, people[renamed].nik or "") == {renamed}
