"""PWS figures against a small area counted by hand (see the docstring of `area`).

Every visit is built by the real rules; only complete sections count anywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from payloads import (
    CURIGA_DIABETES,
    GLUCOSE_NORMAL,
    HIPERTENSI_1,
    HIPERTENSI_2,
    HIPERTENSI_3,
    NORMAL_TINGGI,
    OBESITAS_1,
    OPTIMAL,
    SRQ20_BERPOTENSI,
    TERDUGA_TBC,
    srq20,
    visit_payload,
)

from screening.rules.registry import section
from sync.server.aggregates.facts import (
    PersonFact,
    VisitFact,
    VisitVersion,
    current_visits,
    visit_version,
)
from sync.server.aggregates.indicators import INDICATORS, summarize, trend

WIB = timezone(timedelta(hours=7))
MARCH = date(2025, 3, 1)
APRIL = date(2025, 4, 1)
_seq = iter(range(1, 10_000))


def wib(day: int, hour: int = 9, *, month: int = 3, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=WIB)


def person(pid: str, *, area: str, posyandu: str, registered: date) -> PersonFact:
    return PersonFact(
        id=pid,
        area=area,
        posyandu=posyandu,
        name=pid,
        nik=None,
        sex="P",
        birth_date=date(1975, 8, 17),
        registered_on=registered,
    )


def version(payload: dict[str, Any], *, area: str, posyandu: str) -> VisitVersion:
    # Read from the JSON text, as the cache reads a stored row.
    found = visit_version(
        entry_id=payload["visit_key"],
        entry_version=payload["version"],
        seq=next(_seq),
        payload=json.dumps(payload),
        area=area,
        posyandu=posyandu,
        device_id="dev",
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
    """Desa A / Mawar: p1..p4, p7; Desa B / Melati: p5, p6 (registered in April).

    - p1: 3 Mar hipertensi_1 (refer) + glucose normal + obesitas_1; 25 Mar normal_tinggi.
    - p2: 10 Mar hipertensi_3, curiga_diabetes, terduga_tbc, SRQ-20 berpotensi (urgent).
    - p3: 12 Mar hipertensi_2, corrected (version 2, same key) to optimal.
    - p4: 15 Mar hipertensi_1 then voided; 16 Mar an SRQ-20 with 4 of 20 answered only.
    - p7: 20 Mar tensi only, hipertensi_2: screened for tensi alone.
    - p5: 31 Mar 23:30 WIB hipertensi_2 (refer); 1 Apr 00:30 WIB optimal (April in WIB,
      still 31 Mar in UTC).
    """
    a, b = ("Desa A", "Mawar"), ("Desa B", "Melati")
    people = [
        person("p1", area=a[0], posyandu=a[1], registered=date(2025, 2, 1)),
        person("p2", area=a[0], posyandu=a[1], registered=date(2025, 2, 2)),
        person("p3", area=a[0], posyandu=a[1], registered=date(2025, 2, 3)),
        person("p4", area=a[0], posyandu=a[1], registered=date(2025, 3, 10)),
        person("p7", area=a[0], posyandu=a[1], registered=date(2025, 2, 4)),
        person("p5", area=b[0], posyandu=b[1], registered=date(2025, 1, 5)),
        person("p6", area=b[0], posyandu=b[1], registered=date(2025, 4, 2)),
    ]
    p1_first = visit_payload(
        person_id="p1",
        measured_at=wib(3),
        sections={"blood_pressure": HIPERTENSI_1, "glucose": GLUCOSE_NORMAL, "bmi": OBESITAS_1},
    )
    p1_later = visit_payload(
        person_id="p1", measured_at=wib(25), sections={"blood_pressure": NORMAL_TINGGI}
    )
    p2 = visit_payload(
        person_id="p2",
        measured_at=wib(10),
        sections={
            "blood_pressure": HIPERTENSI_3,
            "glucose": CURIGA_DIABETES,
            "tb": TERDUGA_TBC,
            "srq20": SRQ20_BERPOTENSI,
        },
    )
    p3_v1 = visit_payload(
        person_id="p3", measured_at=wib(12), sections={"blood_pressure": HIPERTENSI_2}
    )
    p3_v2 = visit_payload(
        person_id="p3",
        measured_at=wib(12),
        visit_key=p3_v1["visit_key"],
        version=2,
        replaces_id=p3_v1["id"],
        sections={"blood_pressure": OPTIMAL},
    )
    p4_v1 = visit_payload(
        person_id="p4", measured_at=wib(15), sections={"blood_pressure": HIPERTENSI_1}
    )
    p4_void = visit_payload(
        person_id="p4",
        measured_at=wib(15),
        visit_key=p4_v1["visit_key"],
        version=2,
        replaces_id=p4_v1["id"],
        voided=True,
        sections={"blood_pressure": HIPERTENSI_1},
    )
    p4_unfinished = visit_payload(
        person_id="p4", measured_at=wib(16), sections={"srq20": srq20(answered=range(1, 5))}
    )
    p7 = visit_payload(
        person_id="p7", measured_at=wib(20), sections={"blood_pressure": HIPERTENSI_2}
    )
    p5_march = visit_payload(
        person_id="p5",
        measured_at=wib(31, 23, minute=30),
        sections={"blood_pressure": HIPERTENSI_2},
    )
    p5_april = visit_payload(
        person_id="p5",
        measured_at=wib(1, 0, month=4, minute=30),
        sections={"blood_pressure": OPTIMAL},
    )
    mawar = (p1_first, p1_later, p2, p3_v1, p3_v2, p4_v1, p4_void, p4_unfinished, p7)
    versions = [version(p, area=a[0], posyandu=a[1]) for p in mawar]
    versions += [version(p, area=b[0], posyandu=b[1]) for p in (p5_march, p5_april)]
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

    # p4's unfinished SRQ-20 is still a visit, but it holds no complete section.
    assert shown == [("p3", 12, {"blood_pressure": "optimal"}), ("p4", 16, {})]


def test_each_desa_and_posyandu_in_march_as_counted_by_hand(area: Area) -> None:
    rows = summarize(people=area.people, visits=area.visits, month=MARCH)

    mawar, melati, total = rows
    assert (mawar.area, mawar.posyandu) == ("Desa A", "Mawar")
    # p4's only visit left has nothing complete: p4 was not screened.
    assert (mawar.registered, mawar.new_registered, mawar.screened) == (5, 1, 4)
    assert figures(mawar) == {
        "hipertensi": (2, 4),
        "curiga_diabetes": (1, 2),
        "terduga_tbc": (1, 1),
        "srq20": (1, 1),
        "obesitas": (1, 1),
    }
    assert (melati.registered, melati.new_registered, melati.screened) == (1, 0, 1)
    assert figures(melati)["hipertensi"] == (1, 1)
    assert (total.area, total.posyandu) == ("", "")
    assert (total.registered, total.new_registered, total.screened) == (6, 1, 5)
    assert total.indicator("hipertensi").rate == pytest.approx(60.0)
    assert total.indicator("curiga_diabetes").rate == pytest.approx(50.0)


def test_a_visit_with_only_tensi_counts_as_screened_for_tensi_alone(area: Area) -> None:
    (p7,) = [v for v in area.visits if v.person_id == "p7"]
    others = [v for v in area.visits if v.person_id != "p7"]

    with_p7 = summarize(people=area.people, visits=area.visits, month=MARCH)[-1]
    without = summarize(people=area.people, visits=others, month=MARCH)[-1]

    assert list(p7.sections) == ["blood_pressure"]
    assert with_p7.screened == without.screened + 1
    gained = {
        key: (a[0] - b[0], a[1] - b[1])
        for (key, a), b in zip(figures(with_p7).items(), figures(without).values(), strict=True)
    }
    assert gained == {
        "hipertensi": (1, 1),
        "curiga_diabetes": (0, 0),
        "terduga_tbc": (0, 0),
        "srq20": (0, 0),
        "obesitas": (0, 0),
    }


def test_months_follow_the_local_date_of_measurement(area: Area) -> None:
    april_total = summarize(people=area.people, visits=area.visits, month=APRIL)[-1]

    assert april_total.screened == 1
    assert figures(april_total)["hipertensi"] == (0, 1)
    assert april_total.registered == 7
    assert april_total.indicator("terduga_tbc").rate is None


def test_the_trend_has_twelve_months_ending_with_the_chosen_one(area: Area) -> None:
    months = trend(people=area.people, visits=area.visits, last_month=APRIL)

    assert [m.month for m in months][0] == date(2024, 5, 1)
    assert [m.month for m in months][-2:] == [MARCH, APRIL]
    assert [m.screened for m in months] == [0] * 10 + [5, 1]


def test_a_stored_payload_that_does_not_parse_is_left_out_not_counted_as_no_referral() -> None:
    good = visit_payload(person_id="px", measured_at=wib(5), sections={"blood_pressure": OPTIMAL})
    misspelt = json.loads(json.dumps(good))
    misspelt["sections"]["blood_pressure"]["level"] = "tidak_ada"
    misspelt["level"] = "tidak_ada"

    read = visit_version(
        entry_id="x",
        entry_version=1,
        seq=1,
        payload=json.dumps(misspelt),
        area="A",
        posyandu="M",
        device_id="d",
    )

    assert read is None
    assert version(good, area="A", posyandu="M").fact.level == "none"


def test_every_indicator_counts_real_classes_of_its_section() -> None:
    for indicator in INDICATORS:
        spec = section(indicator.section)
        known = set(spec.class_codes) | set(spec.stored_class_codes)
        assert indicator.is_case.codes <= known, indicator.key
    colours = [i.colour for i in INDICATORS]
    markers = [i.marker for i in INDICATORS]
    assert len(set(colours)) == len(colours) and len(set(markers)) == len(markers)
