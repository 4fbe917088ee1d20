"""Claiming from a long, mixed queue: every entry goes exactly once, in order, none is lost.

A claim reads the plainly due rows straight from the queue's index and merges in the few that
are not (in flight, refused, blocked, or waiting for a retry time); these tests drain a mixed
outbox batch by batch and check what the server would receive.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from kader_app.core import outbox
from kader_app.core.models import OUTBOX_TABLE, OutboxState, PersonInput
from kader_app.core.register import Register
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput

SETTINGS = RuleSettings()
NOW = datetime(2026, 3, 1, 8, tzinfo=UTC)


def _all_rows(register: Register) -> list[tuple[str, str, str, int, str, str]]:
    with register.database.engine.connect() as conn:
        rows = conn.execute(
            select(
                OUTBOX_TABLE.c.id,
                OUTBOX_TABLE.c.entity_type,
                OUTBOX_TABLE.c.entity_id,
                OUTBOX_TABLE.c.entity_version,
                OUTBOX_TABLE.c.person_id,
                OUTBOX_TABLE.c.state,
            ).order_by(OUTBOX_TABLE.c.seq)
        ).all()
    return [tuple(r) for r in rows]


def _ack(items: list[outbox.OutboxItem]) -> list[outbox.ItemResult]:
    return [
        outbox.ItemResult(id=i.id, content_hash=i.content_hash, status="accepted") for i in items
    ]


def _village(
    register: Register,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> list[str]:
    """Residents with visits and edits, interleaved as a Posyandu day makes them."""
    people = []
    for n in range(12):
        pid = register.people.register(make_person_input(name=f"Warga {n}")).person_id
        people.append(pid)
        register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
        if n % 3 == 0:
            register.people.update(
                person_id=pid, data=make_person_input(name=f"Warga {n} B"), base_version=1
            )
        register.visits.record(person_id=pid, inputs=make_visit_input(), settings=SETTINGS)
    return people


def test_a_mixed_queue_drains_exactly_once_in_order(
    register: Register,
    make_person_input: Callable[..., PersonInput],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    people = _village(register, make_person_input, make_visit_input)
    engine = register.database.engine
    refused_person = people[4]
    rows = _all_rows(register)
    by_id = {r[0]: r for r in rows}
    # One entry (a late visit) waits for a retry time in the future, one's retry time is past.
    later = next(r[0] for r in reversed(rows) if r[1] == "visit")
    retried = rows[10][0]
    with engine.begin() as conn:
        for row_id, at in ((later, NOW + timedelta(hours=1)), (retried, NOW - timedelta(hours=1))):
            conn.execute(
                update(OUTBOX_TABLE).where(OUTBOX_TABLE.c.id == row_id).values(next_attempt_at=at)
            )

    # A first batch stays in flight (no answer yet) while later claims go on.
    held = outbox.claim_batch(engine, limit=3, now=NOW)
    # Queue order: the resident, her visit, her next visit (her edit waits for the first).
    assert [i.id for i in held] == [rows[0][0], rows[1][0], rows[3][0]]
    claimed: list[outbox.OutboxItem] = list(held)
    unanswered = {i.id for i in held}
    refused_at: int | None = None
    rounds = 0
    while batch := outbox.claim_batch(engine, limit=4, now=NOW):
        rounds += 1
        for item in batch:
            row = by_id[item.id]
            for other in unanswered:
                o = by_id[other]
                assert (o[1], o[2]) != (row[1], row[2]), "a version went while another was out"
                creation = o[1] == "person" and o[3] == 1
                assert not (creation and row[4] == o[2]), "a visit went before its resident"
            if refused_at is not None:
                assert row[4] != refused_person, "a visit of a refused resident went"
        claimed.extend(batch)
        answers = []
        for item in batch:
            # The server refuses the resident, and her visits as long as it lacks her.
            if by_id[item.id][4] == refused_person:
                refused_at = rounds
                answers.append(
                    outbox.ItemResult(
                        id=item.id, content_hash=item.content_hash, status="rejected", code="x"
                    )
                )
            else:
                answers.extend(_ack([item]))
        outbox.apply_results(engine, results=answers, now=NOW)
        if rounds == 2:
            # The answer to the first batch arrives late; what waited behind it now goes.
            outbox.apply_results(engine, results=_ack(held), now=NOW)
            unanswered.clear()
    assert rounds > 3
    # The retry time passes: the waiting entry goes too, once.
    last = outbox.claim_batch(engine, limit=4, now=NOW + timedelta(hours=2))
    assert [i.id for i in last] == [later]
    claimed.extend(last)
    outbox.apply_results(engine, results=_ack(last), now=NOW)
    assert outbox.claim_batch(engine, limit=4, now=NOW + timedelta(hours=2)) == []

    ids = [i.id for i in claimed]
    assert len(ids) == len(set(ids)), "an entry was sent twice"
    hers = {r[0] for r in rows if r[4] == refused_person}
    others = set(by_id) - hers
    assert others <= set(ids), "an entry was lost"
    assert set(ids) <= set(by_id)
    # Within a record, versions go in order; a visit never goes before its resident's creation.
    sent_at = {i.id: n for n, i in enumerate(claimed)}
    sent = set(ids)
    for a in sent:
        for b in sent:
            ra, rb = by_id[a], by_id[b]
            if (ra[1], ra[2]) == (rb[1], rb[2]) and ra[3] < rb[3]:
                assert sent_at[a] < sent_at[b]
            if ra[1] == "person" and ra[3] == 1 and rb[1] == "visit" and rb[4] == ra[2]:
                assert sent_at[a] < sent_at[b]
    # What the refusal holds back is shown, nothing else is left.
    left = {r[0]: r[5] for r in _all_rows(register) if r[5] != OutboxState.ACKED.value}
    assert set(left) == hers
    assert OutboxState.REJECTED.value in left.values()
    assert set(left.values()) <= {OutboxState.BLOCKED.value, OutboxState.REJECTED.value}
    with engine.connect() as conn:
        assert outbox.sending_count(conn) == 0
