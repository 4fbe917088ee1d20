"""One resident as the dashboard's resident page shows them: who, where, visits, growth chart.

The person is their current entry; the visits are the current, non-voided ones the summary
table `visit_fact` names, read from their entries. A child's weights and lengths go through
`screening.rules.kms_curves` exactly as on the laptop. Reads only; nothing is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from sqlmodel import Session

from screening.rules.common import RuleInputError
from screening.rules.kms_curves import KmsCurves, growth_points, kms_curves, weight_marks
from screening.rules.section import Earlier, InputModel
from screening.rules.tren_bb import DEFAULT_KBM_TABLE
from screening.rules.visit import parse_inputs
from sync.protocol import PersonPayload, VisitPayload
from sync.server.aggregates.facts import parse_stored
from sync.server.models import SERVER_METADATA
from sync.server.store.tables import DEVICE, ENTRY

VISIT_FACT = SERVER_METADATA.tables["visit_fact"]
GROWTH = "antropometri_balita"


@dataclass(frozen=True, slots=True)
class ResidentVisit:
    on: date
    level: str | None
    results: tuple[tuple[str, str], ...]
    """(section, class code) of each complete section."""


@dataclass(frozen=True, slots=True)
class ResidentView:
    person: PersonPayload
    puskesmas: str
    area: str
    posyandu: str
    visits: tuple[ResidentVisit, ...]
    charts: tuple[KmsCurves, ...]


def _person(session: Session, person_id: str) -> sa.Row[tuple[object, ...]] | None:
    query = (
        sa.select(
            sa.cast(ENTRY.c.payload, sa.Text).label("payload"),
            ENTRY.c.area,
            DEVICE.c.puskesmas,
            DEVICE.c.posyandu,
        )
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.id == person_id, ENTRY.c.type == "person", ENTRY.c.is_current.is_(True))
    )
    return session.execute(query).first()


def _visits(session: Session, person_id: str) -> list[VisitPayload]:
    keys = sa.select(VISIT_FACT.c.visit_key).where(
        VISIT_FACT.c.person_id == person_id, VISIT_FACT.c.voided.is_(False)
    )
    rows = session.execute(
        sa.select(sa.cast(ENTRY.c.payload, sa.Text)).where(
            ENTRY.c.type == "visit", ENTRY.c.is_current.is_(True), ENTRY.c.id.in_(keys)
        )
    ).scalars()
    found = (parse_stored(VisitPayload, str(text)) for text in rows)
    return sorted((v for v in found if v is not None), key=lambda v: v.measured_at)


def _growth(visit: VisitPayload) -> Earlier | None:
    stored = visit.sections.get(GROWTH)
    if stored is None:
        return None
    try:
        inputs: InputModel = parse_inputs(GROWTH, stored.inputs)
    except RuleInputError:
        return None
    return Earlier(on=visit.measured_at.date(), sections={GROWTH: inputs})


def _charts(person: PersonPayload, visits: list[VisitPayload]) -> tuple[KmsCurves, ...]:
    earlier = [e for e in (_growth(v) for v in visits) if e is not None]
    if not earlier:
        return ()
    weights, lengths = growth_points(earlier, person.birth_date)
    charts = []
    if weights:
        marks = weight_marks(person.birth_date, weights, kbm_table=DEFAULT_KBM_TABLE)
        charts.append(
            kms_curves(
                "wfa",
                sex=person.sex,
                birth_date=person.birth_date,
                measurements=weights,
                marks=marks,
            )
        )
    if lengths:
        charts.append(
            kms_curves("lhfa", sex=person.sex, birth_date=person.birth_date, measurements=lengths)
        )
    return tuple(c for c in charts if c.drawable and c.points)


def load_resident(
    session: Session, *, person_id: str, puskesmas: str | None
) -> ResidentView | None:
    """The resident of ``person_id`` if within ``puskesmas`` (None: the kabupaten), else None."""
    row = _person(session, person_id)
    if row is None or (puskesmas is not None and row.puskesmas != puskesmas):
        return None
    person = parse_stored(PersonPayload, str(row.payload))
    if person is None:
        return None
    visits = _visits(session, person_id)
    return ResidentView(
        person=person,
        puskesmas=str(row.puskesmas),
        area=str(row.area),
        posyandu=str(row.posyandu),
        visits=tuple(
            ResidentVisit(
                on=v.measured_at.date(),
                level=v.level,
                results=tuple(
                    (code, s.class_code)
                    for code, s in v.sections.items()
                    if s.state == "complete" and s.class_code is not None
                ),
            )
            for v in visits
        ),
        charts=_charts(person, visits),
    )
