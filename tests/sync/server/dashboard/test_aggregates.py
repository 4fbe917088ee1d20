"""PWS figures against a small area counted by hand (see the docstring of `area`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from payloads import visit_payload

from sync.server.aggregates import (
    PersonFact,
    VisitFact,
    VisitVersion,
    current_visits,
    open_referrals,
    summarize,
    trend,
    visit_version,
)

WIB = timezone(timedelta(hours=7))
MARCH = date(2025, 3, 1)
APRIL = date(2025, 4, 1)
_seq = iter(range(1, 10_000))


def wib(day: int, hour: int = 9, *, month: int = 3, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=WIB)


def person(pid: str, *, area: str, posyandu: str, registered: date, name: str = "") -> PersonFact:
    return PersonFact(
        id=pid,
        area=area,
        posyandu=posyandu,
        name=name or pid,
        nik=None,
        sex="P",
        birth_date=date(1970, 1, 1),
        registered_on=registered,
    )


def version(
    payload: dict[str, Any], *, area: str, posyandu: str, entry_id: str | None = None
) -> VisitVersion:
    found = visit_version(
        entry_id=entry_id or payload["visit_key"],
        entry_version=payload["version"],
        seq=next(_seq),
        payload=payload,
        area=area,
        posyandu=posyandu,
        device_id="dev",
        recorded_at=datetime.now(UTC),
    )
    assert found is not None
    return found


@dataclass
class Area:
    people: list[PersonFact]
    visits: list[VisitFact]
    ids: dict[str, str]


@pytest.fixture
def area() -> Area:
    """Desa A / Mawar: p1..p4; Desa B / Melati: p5, p6 (registered in April).

    - p1: 3 Mar hipertensi_1 (refer) + glucose normal + obesitas_1; 25 Mar normal_tinggi.
    - p2: 10 Mar hipertensi_3, curiga_diabetes, terduga_tbc, SRQ-20 berpotensi (urgent).
    - p3: 12 Mar hipertensi_2, corrected (version 2, same key) to optimal.
    - p4: 15 Mar hipertensi_1 then voided; 16 Mar SRQ-20 belum lengkap only.
    - p5: 31 Mar 23:30 WIB hipertensi_2 (refer); 1 Apr 00:30 WIB optimal (April in WIB,
      still 31 Mar in UTC).
    """
    a, b = ("Desa A", "Mawar"), ("Desa B", "Melati")
    people = [
        person("p1", area=a[0], posyandu=a[1], registered=date(2025, 2, 1)),
        person("p2", area=a[0], posyandu=a[1], registered=date(2025, 2, 2)),
        person("p3", area=a[0], posyandu=a[1], registered=date(2025, 2, 3)),
        person("p4", area=a[0], posyandu=a[1], registered=date(2025, 3, 10)),
        person("p5", area=b[0], posyandu=b[1], registered=date(2025, 1, 5)),
        person("p6", area=b[0], posyandu=b[1], registered=date(2025, 4, 2)),
    ]
    p1_first = visit_payload(
        person_id="p1",
        measured_at=wib(3),
        sections={
            "blood_pressure": ("hipertensi_1", "refer"),
            "glucose": ("normal", "none"),
            "bmi": ("obesitas_1", "monitor"),
        },
    )
    p2 = visit_payload(
        person_id="p2",
        measured_at=wib(10),
        sections={
            "blood_pressure": ("hipertensi_3", "urgent"),
            "glucose": ("curiga_diabetes", "refer"),
            "tb": ("terduga_tbc", "refer"),
            "srq20": ("berpotensi_masalah_jiwa", "urgent"),
        },
    )
    p3_v1 = visit_payload(
        person_id="p3", measured_at=wib(12), sections={"blood_pressure": ("hipertensi_2", "refer")}
    )
    p3_v2 = visit_payload(
        person_id="p3",
        measured_at=wib(12),
        visit_key=p3_v1["visit_key"],
        version=2,
        replaces_id=p3_v1["id"],
        sections={"blood_pressure": ("optimal", "none")},
    )
    p4_v1 = visit_payload(
        person_id="p4", measured_at=wib(15), sections={"blood_pressure": ("hipertensi_1", "refer")}
    )
    p4_void = {
        **p4_v1,
        "id": str(uuid.uuid4()),
        "version": 2,
        "replaces_id": p4_v1["id"],
        "voided": True,
    }
    p5_march = visit_payload(
        person_id="p5",
        measured_at=wib(31, 23, minute=30),
        sections={"blood_pressure": ("hipertensi_2", "refer")},
    )
    p5_april = visit_payload(
        person_id="p5",
        measured_at=wib(1, 0, month=4, minute=30),
        sections={"blood_pressure": ("optimal", "none")},
    )
    versions = [
        version(p1_first, area=a[0], posyandu=a[1]),
        version(
            visit_payload(
                person_id="p1",
                measured_at=wib(25),
                sections={"blood_pressure": ("normal_tinggi", "monitor")},
            ),
            area=a[0],
            posyandu=a[1],
        ),
        version(p2, area=a[0], posyandu=a[1]),
        version(p3_v1, area=a[0], posyandu=a[1]),
        version(p3_v2, area=a[0], posyandu=a[1]),
        version(p4_v1, area=a[0], posyandu=a[1]),
        version(p4_void, area=a[0], posyandu=a[1]),
        version(
            visit_payload(
                person_id="p4", measured_at=wib(16), sections={"srq20": ("belum_lengkap", "none")}
            ),
            area=a[0],
            posyandu=a[1],
        ),
        version(p5_march, area=b[0], posyandu=b[1]),
        version(p5_april, area=b[0], posyandu=b[1]),
    ]
    ids = {"p1_first": p1_first["id"], "p2": p2["visit_key"], "p5_march": p5_march["visit_key"]}
    return Area(people=people, visits=current_visits(versions), ids=ids)


def figures(row: Any) -> dict[str, tuple[int, int]]:
    return {i.key: (i.cases, i.screened) for i in row.indicators}


def test_corrections_replace_and_voids_remove_a_visit(area: Area) -> None:
    shown = sorted(
        (v.person_id, v.measured_at.day, {s: r.code for s, r in v.sections.items()})
        for v in area.visits
        if v.person_id in ("p3", "p4")
    )

    assert shown == [
        ("p3", 12, {"blood_pressure": "optimal"}),
        ("p4", 16, {"srq20": "belum_lengkap"}),
    ]


def test_each_desa_and_posyandu_in_march_as_counted_by_hand(area: Area) -> None:
    rows = summarize(people=area.people, visits=area.visits, month=MARCH)

    mawar, melati, total = rows
    assert (mawar.area, mawar.posyandu) == ("Desa A", "Mawar")
    assert (mawar.registered, mawar.new_registered, mawar.screened) == (4, 1, 4)
    assert figures(mawar) == {
        "hipertensi": (1, 3),
        "curiga_diabetes": (1, 2),
        "terduga_tbc": (1, 1),
        "srq20": (1, 1),
        "obesitas": (1, 1),
    }
    assert (melati.registered, melati.new_registered, melati.screened) == (1, 0, 1)
    assert figures(melati)["hipertensi"] == (1, 1)
    assert (total.area, total.posyandu) == ("", "")
    assert (total.registered, total.new_registered, total.screened) == (5, 1, 5)
    assert total.indicator("hipertensi").rate == pytest.approx(50.0)
    assert total.indicator("curiga_diabetes").rate == pytest.approx(50.0)


def test_months_follow_the_local_date_of_measurement(area: Area) -> None:
    april_total = summarize(people=area.people, visits=area.visits, month=APRIL)[-1]

    assert april_total.screened == 1
    assert figures(april_total)["hipertensi"] == (0, 1)
    assert april_total.registered == 6
    assert april_total.indicator("terduga_tbc").rate is None


def test_the_trend_has_twelve_months_ending_with_the_chosen_one(area: Area) -> None:
    months = trend(people=area.people, visits=area.visits, last_month=APRIL)

    assert [m.month for m in months][0] == date(2024, 5, 1)
    assert [m.month for m in months][-2:] == [MARCH, APRIL]
    assert [m.screened for m in months] == [0] * 10 + [5, 1]


def test_open_referrals_urgent_first_then_longest_waiting(area: Area) -> None:
    referrals = open_referrals(
        people=area.people, visits=area.visits, followed=[], today=date(2025, 4, 5)
    )

    assert [(r.person_id, r.level, r.days_waiting) for r in referrals] == [
        ("p2", "urgent", 26),
        ("p1", "refer", 33),
        ("p5", "refer", 5),
    ]
    assert referrals[0].reasons == (
        "Tensi: Hipertensi derajat 3",
        "Gula darah: Curiga diabetes",
        "TBC: Terduga TBC",
        "Jiwa (SRQ-20): Berpotensi masalah kesehatan jiwa",
    )


def test_a_follow_up_closes_its_referral(area: Area) -> None:
    referrals = open_referrals(
        people=area.people,
        visits=area.visits,
        followed=[area.ids["p1_first"]],
        today=date(2025, 4, 5),
    )

    assert [r.person_id for r in referrals] == ["p2", "p5"]


def test_a_correction_sent_as_a_new_id_naming_the_old_one_replaces_it() -> None:
    first = visit_payload(
        person_id="px", measured_at=wib(5), sections={"blood_pressure": ("hipertensi_2", "refer")}
    )
    second = visit_payload(
        person_id="px",
        measured_at=wib(5),
        replaces_id=first["id"],
        version=2,
        sections={"blood_pressure": ("normal", "none")},
    )
    # No visit_key: only the chain of replaces_id ties the two records together.
    del first["visit_key"], second["visit_key"]
    versions = [
        version(first, area="A", posyandu="M", entry_id=first["id"]),
        version(second, area="A", posyandu="M", entry_id=second["id"]),
    ]

    (only,) = current_visits(versions)

    assert only.sections["blood_pressure"].code == "normal"
    assert only.key == first["id"]
    assert {first["id"], second["id"]} <= only.ids


def test_a_payload_without_a_person_is_skipped() -> None:
    assert (
        visit_version(
            entry_id="x",
            entry_version=1,
            seq=1,
            payload={"measured_on": "2025-03-01"},
            area="A",
            posyandu="M",
            device_id="d",
            recorded_at=datetime.now(UTC),
        )
        is None
    )
