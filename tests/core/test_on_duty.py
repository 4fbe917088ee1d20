"""The profile on duty is the author of every entry saved after it signs in."""

from __future__ import annotations

from kader_app.core.register import Register
from screening.rules.section import RuleSettings


def test_entries_after_a_sign_in_carry_that_kader_as_author(
    register: Register, make_person_input, make_visit_input
) -> None:
    before = register.people.register(make_person_input(name="Warga Lama")).person_id
    register.sign_in(profile_id="p-ani", name="Ani Suryani")
    pid = register.people.register(make_person_input()).person_id
    visit_id = register.visits.record(
        person_id=pid, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    assert visit_id is not None
    assert register.visits.get(visit_id).recorded_by == "Ani Suryani"

    register.sign_in(profile_id="p-budi", name="Budi")
    register.people.update(person_id=pid, data=make_person_input(rt="007"), base_version=1)
    corrected = register.visits.correct(
        visit_id=visit_id, inputs=make_visit_input(), settings=RuleSettings()
    ).visit_id
    assert corrected is not None
    assert register.visits.get(corrected).recorded_by == "Budi"

    authors = [v["recorded_by"] for v in register.people.versions(pid)]
    assert authors == ["Ani Suryani", "Budi"]
    assert register.people.versions(before)[0]["recorded_by"] == ""
    sent = {
        (item.entity_id, item.version): item.payload["recorded_by"]
        for item in register.sync.unsent()
    }
    assert sent[(pid, 2)] == "Budi"


def test_signing_in_is_in_the_audit_chain(register: Register) -> None:
    register.sign_in(profile_id="p-ani", name="Ani")
    links = register.sync.audit_links(limit=5)
    assert [(link["kind"], link["entity_id"]) for link in links] == [("login", "p-ani")]
    assert register.audit_break() is None
