"""The life-cycle facts of a resident: a pregnancy, a baby registered from its mother, a KK."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kader_app.core.errors import PersonInputError
from screening.rules.pregnancy import pregnant_on
from screening.rules.section import RuleSettings
from screening.rules.visit import offered_sections

TODAY = date.today()


def test_a_pregnancy_makes_the_pregnancy_sections_offered_on_its_dates(
    register, make_person_input
) -> None:
    start = TODAY - timedelta(weeks=20)
    pid = register.people.register(
        make_person_input(sex="P", birth_date=date(1995, 4, 2), pregnancy_start=start)
    ).person_id
    person = register.people.get(pid)
    assert person.pregnancy_start == start and person.subject.pregnant
    offered = offered_sections(person.subject, TODAY)
    assert {"lila_hamil", "tensi_hamil"} <= set(offered)
    assert "blood_pressure" not in offered  # adult tensi is off in pregnancy
    before = person.subject_on(start - timedelta(days=1))
    assert not before.pregnant
    start_of_visit = register.visits.start(person_id=pid, on=TODAY, settings=RuleSettings())
    assert start_of_visit.subject.pregnant
    assert start_of_visit.subject.pregnancy_start == start


def test_a_pregnancy_ends_when_recorded_or_after_44_weeks() -> None:
    start = date(2026, 1, 5)
    assert pregnant_on(start, None, date(2026, 6, 1))
    assert not pregnant_on(start, date(2026, 5, 30), date(2026, 6, 1))
    assert not pregnant_on(start, None, start + timedelta(weeks=45))


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"sex": "L", "birth_date": date(1990, 1, 1)}, "pregnancy_start", "not_childbearing"),
        ({"sex": "P", "birth_date": date(1950, 1, 1)}, "pregnancy_start", "not_childbearing"),
        (
            {"sex": "P", "pregnancy_start": TODAY + timedelta(days=3)},
            "pregnancy_start",
            "in_future",
        ),
        (
            {"sex": "P", "pregnancy_end": TODAY - timedelta(weeks=30)},
            "pregnancy_end",
            "invalid",
        ),
    ],
)
def test_an_impossible_pregnancy_is_refused_with_its_field(
    register, make_person_input, overrides, field, code
) -> None:
    values = {"birth_date": date(1995, 1, 1), "pregnancy_start": TODAY - timedelta(weeks=10)}
    values.update(overrides)
    with pytest.raises(PersonInputError) as refused:
        register.people.register(make_person_input(nik=None, **values))
    assert (refused.value.field, refused.value.code) == (field, code)
    assert register.sync.counts().pending == 0


def test_a_baby_is_registered_from_the_mothers_record_without_a_nik(
    register, make_person_input
) -> None:
    mother = register.people.register(
        make_person_input(sex="P", birth_date=date(1996, 3, 3), kk="3201010101200001")
    ).person_id
    baby = register.people.register(
        make_person_input(
            name="Bayi Aminah",
            sex="L",
            birth_date=TODAY - timedelta(days=40),
            nik=None,
            kk="3201010101200001",
            mother_id=mother,
            kia_book=True,
        )
    ).person_id
    assert [p.id for p in register.people.children(mother)] == [baby]
    assert register.people.get(baby).kia_book
    assert [p.id for p in register.people.household("3201 0101 0120 0001")] == [mother, baby]
    # The link and the book travel to the Puskesmas with the resident.
    [_, entry] = register.sync.claim(limit=10)
    assert (entry.payload["mother_id"], entry.payload["kia_book"]) == (mother, True)


@pytest.mark.parametrize("mother", ["nobody", "self", "a man", "younger"])
def test_the_mother_must_be_a_registered_woman_older_than_the_child(
    register, make_person_input, mother
) -> None:
    man = register.people.register(make_person_input(sex="L", nik=None)).person_id
    girl = register.people.register(
        make_person_input(sex="P", nik=None, birth_date=TODAY - timedelta(days=100))
    ).person_id
    chosen = {"nobody": "unknown-id", "self": girl, "a man": man, "younger": girl}[mother]
    child_birth = TODAY - timedelta(days=200 if mother == "younger" else 30)
    with pytest.raises(PersonInputError) as refused:
        if mother == "self":
            register.people.update(
                person_id=girl,
                data=make_person_input(
                    sex="P", nik=None, birth_date=TODAY - timedelta(days=100), mother_id=girl
                ),
                base_version=1,
            )
        else:
            register.people.register(
                make_person_input(nik=None, birth_date=child_birth, mother_id=chosen)
            )
    assert refused.value.field == "mother_id"
