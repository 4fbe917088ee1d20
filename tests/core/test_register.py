"""The Register facade as the GUI uses it: people, visits, versions, search and counts."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kader_app.core.errors import (
    DuplicateNikError,
    NotFoundError,
    PersonInputError,
    StaleVersionError,
)
from kader_app.core.register import Register
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.glucose import GlucoseInput
from screening.rules.section import RuleSettings
from screening.rules.srq20 import Srq20Input
from screening.rules.visit import VisitRefusedError, evaluate_visit

SETTINGS = RuleSettings()


def test_registered_person_reads_back_with_normalised_fields(register, make_person_input):
    data = make_person_input(
        name="  Siti   Aminah ", nik="3201 0152.0580-0001", birth_date=date(1980, 5, 12), sex="P"
    )
    change = register.people.register(data)
    assert change.kind == "person_created"
    assert change.pending == 1
    person = register.people.get(change.person_id)
    assert person.name == "Siti Aminah"
    assert person.nik == "3201015205800001"
    assert person.version == 1
    assert person.created_at.tzinfo is not None
    assert person.last_visit_at is None and person.last_level is None


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"name": "   "}, "name", "required"),
        ({"nik": "1234"}, "nik", "length"),
        ({"nik": "3201011305800000"}, "nik", "serial"),
        ({"kk": "9901010101200001"}, "kk", "province"),
    ],
)
def test_invalid_person_input_is_refused_with_field_and_code(
    register, make_person_input, overrides, field, code
):
    with pytest.raises(PersonInputError) as caught:
        register.people.register(make_person_input(**overrides))
    assert caught.value.field == field
    assert caught.value.code == code
    assert register.sync.counts().pending == 0
    assert register.search.people("") == []


def test_nik_is_unique(register, make_person_input):
    first = register.people.register(
        make_person_input(nik="3201015205800001", birth_date=date(1980, 5, 12))
    )
    with pytest.raises(DuplicateNikError) as caught:
        register.people.register(
            make_person_input(
                name="Orang Lain", nik="3201015205800001", birth_date=date(1980, 5, 12)
            )
        )
    assert caught.value.existing_id == first.person_id
    # Editing someone else onto a taken NIK is refused as well.
    other = register.people.register(make_person_input(name="Orang Lain"))
    with pytest.raises(DuplicateNikError):
        register.people.update(
            person_id=other.person_id,
            data=make_person_input(
                name="Orang Lain", nik="3201015205800001", birth_date=date(1980, 5, 12)
            ),
            base_version=1,
        )
    assert register.sync.counts().pending == 2


def test_people_without_nik_may_be_many(register, make_person_input):
    register.people.register(make_person_input(name="Bayu", nik=None))
    register.people.register(make_person_input(name="Bima", nik=""))
    assert {p.name for p in register.search.people("")} == {"Bayu", "Bima"}


def test_update_makes_a_new_version_and_refuses_a_stale_form(register, make_person_input):
    change = register.people.register(make_person_input(name="Dewi"))
    register.people.update(
        person_id=change.person_id,
        data=make_person_input(name="Dewi Lestari", nik=None),
        base_version=1,
    )
    person = register.people.get(change.person_id)
    assert (person.name, person.version, person.nik) == ("Dewi Lestari", 2, None)
    assert [v["name"] for v in register.people.versions(change.person_id)] == [
        "Dewi",
        "Dewi Lestari",
    ]
    with pytest.raises(StaleVersionError):
        register.people.update(
            person_id=change.person_id, data=make_person_input(name="Dewi L."), base_version=1
        )
    assert register.people.get(change.person_id).name == "Dewi Lestari"
    assert register.sync.counts().pending == 2


def test_possible_duplicates_by_nik_or_name_birth_and_desa(register, make_person_input):
    existing = register.people.register(
        make_person_input(
            name="Ahmad Fauzi", sex="L", birth_date=date(1970, 1, 2), nik=None, desa="Sukamaju"
        )
    )
    same_person = make_person_input(
        name="ahmad  FAUZI", sex="L", birth_date=date(1970, 1, 2), nik=None, desa=" sukamaju "
    )
    assert [p.id for p in register.people.possible_duplicates(same_person)] == [existing.person_id]
    other_desa = make_person_input(
        name="Ahmad Fauzi", sex="L", birth_date=date(1970, 1, 2), nik=None, desa="Cibodas"
    )
    assert register.people.possible_duplicates(other_desa) == []
    assert register.people.possible_duplicates(same_person, exclude_id=existing.person_id) == []
    with_nik = register.people.register(make_person_input(name="Rina"))
    rina = register.people.get(with_nik.person_id)
    assert [
        p.id
        for p in register.people.possible_duplicates(
            make_person_input(name="Nama Lain", nik=rina.nik, birth_date=rina.birth_date)
        )
    ] == [rina.id]


def test_search_by_name_parts_and_nik_parts(register, make_person_input):
    siti = register.people.register(
        make_person_input(
            name="Siti Nurhaliza", nik="3201015205800001", birth_date=date(1980, 5, 12)
        )
    )
    register.people.register(
        make_person_input(name="Nur Aini", nik="3273024107900002", birth_date=date(1990, 7, 1))
    )
    register.people.register(
        make_person_input(
            name="Budi Santoso", sex="L", nik="3201011201850003", birth_date=date(1985, 1, 12)
        )
    )

    def names(query: str) -> list[str]:
        return [p.name for p in register.search.people(query)]

    assert names("nur") == ["Nur Aini", "Siti Nurhaliza"]
    assert names("NURHAL") == ["Siti Nurhaliza"]
    assert names("haliza siti") == ["Siti Nurhaliza"]
    assert names("siti aini") == []
    assert names("nu") == ["Nur Aini", "Siti Nurhaliza"]
    assert names("3201") == ["Budi Santoso", "Siti Nurhaliza"]
    assert names("32") == ["Budi Santoso", "Siti Nurhaliza", "Nur Aini"]
    assert names("5205800") == ["Siti Nurhaliza"]
    assert names("3201 0152") == ["Siti Nurhaliza"]
    assert names("santoso%") == []  # taken literally: no name holds a "%"
    assert names("xyz") == []
    assert len(register.search.people("", limit=2)) == 2
    # An edit is found under the new name only.
    register.people.update(
        person_id=siti.person_id,
        data=make_person_input(
            name="Siti Rahma", nik="3201015205800001", birth_date=date(1980, 5, 12)
        ),
        base_version=1,
    )
    assert names("nurhal") == []
    assert names("rahma") == ["Siti Rahma"]
    assert names("")[0] == "Siti Rahma"  # most recently updated first


def test_a_search_hit_is_the_same_record_as_opening_the_person(
    register, make_person_input, make_visit_input
):
    """Every search shape shows the same fields as the resident's own page, times in UTC."""
    change = register.people.register(
        make_person_input(
            name="Siti Nurhaliza", nik="3201015205800001", birth_date=date(1980, 5, 12)
        )
    )
    measured = datetime(2025, 3, 10, 9, 30, 15, 250000, tzinfo=timezone(timedelta(hours=7)))
    register.visits.record(
        person_id=change.person_id,
        inputs=make_visit_input(blood_pressure=BloodPressureInput.of((182, 100))),
        settings=SETTINGS,
        measured_at=measured,
    )
    opened = register.people.get(change.person_id)
    assert opened.last_visit_at == measured
    assert opened.last_visit_at.utcoffset() == timedelta(0)
    assert opened.last_level == "urgent"
    assert opened.birth_date == date(1980, 5, 12)
    for query in ("", "nurhaliza", "siti nu", "si", "3201", "32", "05800001"):
        [hit] = register.search.people(query)
        assert hit == opened, query
        assert hit.created_at.tzinfo is not None and hit.last_visit_at.tzinfo is not None


def test_record_visit_stores_the_rules_answer(register, make_person_input, make_visit_input):
    person = register.people.register(make_person_input())
    inputs = make_visit_input(blood_pressure=BloodPressureInput.of((182, 100)))
    measured = datetime(2025, 3, 10, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    change = register.visits.record(
        person_id=person.person_id,
        inputs=inputs,
        settings=SETTINGS,
        recorded_by="Kader Ani",
        measured_at=measured,
    )
    assert change.kind == "visit_recorded" and change.pending == 2
    [visit] = register.visits.history(person.person_id)
    expected = evaluate_visit(inputs, SETTINGS)
    assert visit.id == change.visit_id == visit.visit_key
    assert visit.inputs == inputs
    assert visit.evaluation == expected
    assert visit.evaluation.level == "urgent"
    assert visit.measured_at == measured
    assert visit.measured_at_utc == datetime(2025, 3, 10, 2, 30, tzinfo=UTC)
    assert (visit.place, visit.recorded_by, visit.version, visit.is_current) == (
        "posyandu",
        "Kader Ani",
        1,
        True,
    )
    found = register.people.get(person.person_id)
    assert found.last_level == "urgent"
    assert found.last_visit_at == visit.measured_at_utc


def test_implausible_input_saves_nothing(register, make_person_input, make_visit_input):
    person = register.people.register(make_person_input())
    with pytest.raises(VisitRefusedError) as refused:
        register.visits.record(
            person_id=person.person_id,
            settings=SETTINGS,
            inputs=make_visit_input(blood_pressure=BloodPressureInput.of((400, 90))),
        )
    assert [(e.section, e.field) for e in refused.value.errors] == [("blood_pressure", "systolic")]
    assert register.visits.history(person.person_id) == []
    assert register.sync.counts().pending == 1


def test_visit_for_unknown_person_or_place_is_refused(
    register, make_person_input, make_visit_input
):
    with pytest.raises(NotFoundError):
        register.visits.record(person_id="nobody", inputs=make_visit_input(), settings=SETTINGS)
    person = register.people.register(make_person_input())
    with pytest.raises(PersonInputError):
        register.visits.record(
            person_id=person.person_id, inputs=make_visit_input(), settings=SETTINGS, place="pasar"
        )
    assert register.sync.counts().pending == 1


def test_correction_and_void_keep_history(register, make_person_input, make_visit_input):
    person = register.people.register(make_person_input()).person_id
    first = register.visits.record(person_id=person, inputs=make_visit_input(), settings=SETTINGS)
    fixed_inputs = make_visit_input(glucose=GlucoseInput(value="250", kind="sewaktu"))
    fixed = register.visits.correct(
        visit_id=first.visit_id, inputs=fixed_inputs, settings=SETTINGS, recorded_by="Bidan Sari"
    )
    assert fixed.kind == "visit_corrected" and fixed.visit_id != first.visit_id
    [current] = register.visits.history(person)
    assert current.id == fixed.visit_id
    assert current.version == 2 and current.replaces_id == first.visit_id
    assert current.evaluation.level == "refer"
    # Correcting an old version would lose the newer one.
    with pytest.raises(StaleVersionError):
        register.visits.correct(visit_id=first.visit_id, inputs=fixed_inputs, settings=SETTINGS)
    with pytest.raises(PersonInputError):
        register.visits.void(visit_id=fixed.visit_id, reason="  ")
    voided = register.visits.void(visit_id=fixed.visit_id, reason="salah orang")
    [shown] = register.visits.history(person)
    assert shown.voided and shown.void_reason == "salah orang" and shown.id == voided.visit_id
    assert shown.inputs == fixed_inputs  # the void keeps what was measured
    versions = register.visits.versions(first.visit_id)
    assert [(v.version, v.is_current, v.voided) for v in versions] == [
        (1, False, False),
        (2, False, False),
        (3, True, True),
    ]
    assert register.people.get(person).last_level is None  # a voided visit is not the last one
    assert register.sync.counts().pending == 4
    with pytest.raises(PersonInputError):
        register.visits.void(visit_id=voided.visit_id, reason="lagi")


def test_history_is_newest_first(register, make_person_input, make_visit_input):
    person = register.people.register(make_person_input()).person_id
    base = datetime(2025, 1, 5, 8, 0, tzinfo=UTC)
    order = [2, 0, 1]
    for month in order:
        when = base + timedelta(days=30 * month)
        register.visits.record(
            person_id=person,
            inputs=make_visit_input(measured_on=when.date()),
            settings=SETTINGS,
            measured_at=when,
        )
    got = [v.measured_at_utc for v in register.visits.history(person)]
    assert got == sorted(got, reverse=True) and len(got) == 3


def test_evaluation_is_stored_not_recomputed(register, make_person_input, make_visit_input):
    person = register.people.register(make_person_input()).person_id
    inputs = make_visit_input(srq20=Srq20Input.by_number({i: i <= 6 for i in range(1, 21)}))
    register.visits.record(person_id=person, inputs=inputs, settings=SETTINGS)
    register.visits.record(person_id=person, inputs=inputs, settings=RuleSettings(bp_scheme="jnc7"))
    stored = [v.evaluation for v in register.visits.history(person)]
    assert all(e.rules_version == evaluate_visit(inputs, SETTINGS).rules_version for e in stored)
    assert {s.section for s in stored[0].sections} >= {"srq20", "blood_pressure", "glucose"}


def test_sync_counts_report_the_oldest_unsent(register, make_person_input):
    before = datetime.now(UTC)
    register.people.register(make_person_input())
    counts = register.sync.counts()
    assert counts.pending == 1 and counts.rejected == 0 and counts.conflict == 0
    assert counts.oldest_unsent_at is not None
    assert before <= counts.oldest_unsent_at <= datetime.now(UTC)


def test_calls_work_from_worker_threads(register, make_person_input, make_visit_input):
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(5):
                pid = register.people.register(make_person_input(name=f"Warga {n}-{i}")).person_id
                register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
                register.search.people("warga")
        except BaseException as exc:  # collected so the test reports it
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(register.search.people("warga")) == 15
    assert register.sync.counts().pending == 30


def test_each_person_shows_their_own_latest_result(register, make_person_input, make_visit_input):
    ani = register.people.register(make_person_input(name="Ani")).person_id
    budi = register.people.register(make_person_input(name="Budi", sex="L")).person_id
    early = datetime(2025, 1, 1, 8, tzinfo=UTC)
    register.visits.record(
        person_id=ani,
        settings=SETTINGS,
        measured_at=early,
        inputs=make_visit_input(
            measured_on=early.date(), blood_pressure=BloodPressureInput.of((150, 95))
        ),
    )
    register.visits.record(
        person_id=budi,
        settings=SETTINGS,
        measured_at=early,
        inputs=make_visit_input(sex="L", measured_on=early.date()),
    )
    later = early + timedelta(days=30)
    register.visits.record(
        person_id=ani,
        settings=SETTINGS,
        measured_at=later,
        inputs=make_visit_input(
            measured_on=later.date(), blood_pressure=BloodPressureInput.of((185, 100))
        ),
    )
    shown = {p.name: (p.last_level, p.last_visit_at) for p in register.search.people("")}
    assert shown == {
        "Ani": ("urgent", early + timedelta(days=30)),
        "Budi": ("none", early),
    }


def test_device_id_is_kept_between_openings(register_dir):
    first = Register.open(register_dir)
    device = first.device_id
    first.close()
    again = Register.open(register_dir)
    try:
        assert again.device_id == device and len(device) == 36
    finally:
        again.close()
    enrolled = Register.open(register_dir, device_id="device-from-server")
    enrolled.close()
    assert Register.open(register_dir).device_id == "device-from-server"


def test_audit_log_holds_ids_and_kinds_but_no_health_data(
    register, make_person_input, make_visit_input
):
    from sqlalchemy import text

    pid = register.people.register(
        make_person_input(name="Namarahasia", nik="3201015205800001", birth_date=date(1980, 5, 12))
    ).person_id
    visit = register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
    register.visits.void(visit_id=str(visit.visit_id), reason="alasanrahasia")
    with register.database.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT kind, entity_type, entity_id, detail FROM audit_log")
        ).all()
    assert [(r.kind, r.entity_type) for r in rows] == [
        ("create", "person"),
        ("create", "visit"),
        ("void", "visit"),
    ]
    dump = repr(rows)
    for secret in ("Namarahasia", "3201015205800001", "alasanrahasia"):
        assert secret not in dump


def test_srq20_answers_travel_with_their_stable_keys(register, make_person_input, make_visit_input):
    from screening.rules.srq20 import Srq20Input

    person = register.people.register(make_person_input())
    answers = {n: n in (5, 6, 17) for n in range(1, 21)}
    register.visits.record(
        person_id=person.person_id,
        inputs=make_visit_input(srq20=Srq20Input.by_number(answers)),
        settings=RuleSettings(),
    )
    items = register.sync.claim(limit=10)
    visit_payloads = [i.payload for i in items if i.type == "visit"]
    assert len(visit_payloads) == 1
    by_key = visit_payloads[0]["sections"]["srq20"]["inputs"]["answers"]
    # Item 5 is "cemas" on the Kemenkes form (6 in the WHO original): the key says which it is.
    assert by_key["anxious_tense_worried"] is True
    assert by_key["hands_shake"] is True
    assert by_key["suicidal_thoughts"] is True
    assert by_key["headaches"] is False
    assert len(by_key) == 20


def test_a_new_visit_starts_with_the_person_and_nothing_asked(register, make_person_input):
    pid = register.people.register(
        make_person_input(sex="L", birth_date=date(1960, 2, 1))
    ).person_id
    start = register.visits.start(person_id=pid, on=date(2026, 12, 1), settings=SETTINGS)
    assert (start.subject.sex, start.subject.birth_date) == ("L", date(1960, 2, 1))
    assert start.measured_on == date(2026, 12, 1)
    # No adult section reads earlier visits, so none starts filled in.
    assert dict(start.sections) == {}


def test_an_untouched_visit_is_refused_and_nothing_is_saved(register, make_person_input):
    from screening.rules.section import Subject
    from screening.rules.tb import TbInput
    from screening.rules.visit import VisitInput

    pid = register.people.register(make_person_input()).person_id
    untouched = VisitInput(
        subject=Subject(sex="P", birth_date=date(1975, 8, 17)),
        measured_on=date.today(),
        sections={"tb": TbInput(), "blood_pressure": BloodPressureInput.of((None, None))},
    )
    with pytest.raises(VisitRefusedError) as refused:
        register.visits.record(person_id=pid, inputs=untouched, settings=SETTINGS)
    assert refused.value.empty
    assert register.visits.history(pid) == []
    assert register.sync.counts().pending == 1  # only the resident


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("a_b", ["A_b Lestari"]),
        ("%", ["Rani 100%"]),
        ('"ani', ['"Ani" Wati']),
        ("ani\x00", ['"Ani" Wati', "Rani 100%"]),
        ("\x00", None),
    ],
)
def test_search_takes_what_is_typed_literally(register, make_person_input, query, found):
    for name in ("Ab Santoso", "A_b Lestari", "Rani 100%", '"Ani" Wati', "Abu Bakar"):
        register.people.register(make_person_input(name=name, nik=None))
    names = [p.name for p in register.search.people(query)]
    if found is None:
        assert len(names) == 5  # nothing typed but a NUL: the recent list, no error
    else:
        assert names == found


def test_reasons_are_not_stored_or_sent_but_shown_again_from_the_rules(
    register, make_person_input, make_visit_input
):
    pid = register.people.register(make_person_input()).person_id
    visit = register.visits.record(
        person_id=pid,
        inputs=make_visit_input(blood_pressure=BloodPressureInput.of((150, 95))),
        settings=SETTINGS,
    ).visit_id
    [_, entry] = register.sync.claim(limit=10)
    assert all(s["reasons"] == [] for s in entry.payload["sections"].values())
    tensi = register.visits.get(visit).evaluation.result("blood_pressure")
    assert tensi is not None
    assert [r.code for r in tensi.reasons] == ["bp_single", "bp_systolic_high", "bp_diastolic_high"]
