"""The typed facts the dashboard counts: the current version of each resident and visit.

Each fact is read from its stored payload through the typed models of `sync.protocol` (payloads
of the first schema upgraded on reading). A payload that does not parse is left out and counted
as unreadable, never guessed at; of a visit, only its complete sections are facts. Pure: no
database access.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cache
from types import MappingProxyType
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from screening.rules.registry import section_codes
from sync.protocol import LevelCode, PersonPayload, VisitPayload

StoredPayload = str | bytes | Mapping[str, Any]
"""A payload as the database hands it back: JSON text, or already decoded."""

ModelT = TypeVar("ModelT", bound=BaseModel)


def parse_stored(model: type[ModelT], stored: StoredPayload) -> ModelT | None:
    """The stored payload as ``model``, or None when it is not one (never a guess)."""
    try:
        if isinstance(stored, str | bytes):
            return model.model_validate_json(stored)
        return model.model_validate(stored)
    except (ValidationError, AttributeError, LookupError, TypeError, ValueError):
        # Validation errors, and a first-schema payload too malformed for its upgrade.
        return None


@dataclass(frozen=True, slots=True)
class PersonFact:
    """The current version of a registered resident, with where (desa, Posyandu) it came from."""

    id: str
    area: str
    posyandu: str
    name: str
    nik: str | None
    sex: str
    birth_date: date
    registered_on: date


@dataclass(frozen=True, slots=True)
class SectionFact:
    """One complete section of a visit: its class and its level (stable codes)."""

    code: str
    level: LevelCode


@dataclass(frozen=True, slots=True)
class VisitFact:
    """The current version of one visit (corrections resolved), as the dashboard counts it.

    ``key`` names the visit across its versions; ``ids`` are every record id it has had (a
    follow-up naming any of them closes the referral). ``measured_at`` is the local time with
    its offset. ``sections`` holds the complete sections only; ``level`` is the highest of
    theirs (None when none is complete). ``payload`` is kept only when the facts are read for
    exports and FHIR.
    """

    key: str
    row_id: str
    version: int
    person_id: str
    area: str
    posyandu: str
    device_id: str
    measured_at: datetime
    level: LevelCode | None
    rules_version: str
    sections: Mapping[str, SectionFact]
    voided: bool
    ids: frozenset[str] = field(default_factory=frozenset)
    payload: VisitPayload | None = None

    @property
    def month(self) -> date:
        return self.measured_at.date().replace(day=1)

    @property
    def measured_utc(self) -> datetime:
        return self.measured_at.astimezone(UTC)

    @property
    def screened(self) -> bool:
        """Whether anything was screened: at least one section is complete."""
        return bool(self.sections)


class SharedValues:
    """One copy of the names and section results that many facts read together have in common.

    The same desa, Posyandu, device and results recur in every visit of an area; sharing them
    keeps a cached area's facts several times smaller, and gives the garbage collector far fewer
    objects to walk.
    """

    def __init__(self) -> None:
        self._texts: dict[str, str] = {}
        self._results: dict[tuple[str, str], SectionFact] = {}
        self._sections: dict[tuple[tuple[str, str, str], ...], Mapping[str, SectionFact]] = {}

    def text(self, value: str) -> str:
        return self._texts.setdefault(value, value)

    def result(self, code: str, level: LevelCode) -> SectionFact:
        found = self._results.get((code, level))
        if found is None:
            found = self._results[(code, level)] = SectionFact(code=self.text(code), level=level)
        return found

    def sections(self, sections: dict[str, SectionFact]) -> Mapping[str, SectionFact]:
        """One read-only copy of each distinct set of results (visits repeat a few hundred)."""
        key = tuple((name, r.code, r.level) for name, r in sections.items())
        found = self._sections.get(key)
        if found is None:
            found = self._sections[key] = MappingProxyType(sections)
        return found


def person_fact(
    *, payload: StoredPayload, area: str, posyandu: str, shared: SharedValues | None = None
) -> PersonFact | None:
    """The resident of one stored person payload; None when it does not parse."""
    person = parse_stored(PersonPayload, payload)
    if person is None:
        return None
    share = shared or SharedValues()
    return PersonFact(
        id=person.id,
        area=share.text(area),
        posyandu=share.text(posyandu),
        name=person.name,
        nik=person.nik,
        sex=person.sex,
        birth_date=person.birth_date,
        registered_on=person.created_at.date(),
    )


@dataclass(frozen=True, slots=True)
class VisitVersion:
    """One stored visit row read from its payload, before corrections are resolved."""

    entry_id: str
    seq: int
    fact: VisitFact


def visit_version(
    *,
    entry_id: str,
    entry_version: int,
    seq: int,
    payload: StoredPayload,
    area: str,
    posyandu: str,
    device_id: str,
    details: bool = True,
    shared: SharedValues | None = None,
) -> VisitVersion | None:
    """Read one stored visit payload; None when it does not parse.

    With ``details`` the parsed payload is kept on the fact (exports and FHIR read its inputs
    and measures); without, only codes and levels are kept, shared through ``shared``.
    """
    visit = parse_stored(VisitPayload, payload)
    if visit is None:
        return None
    share = shared or SharedValues()
    complete: dict[str, SectionFact] = {}
    # In the registry's order (the form's), whatever order the payload lists them in.
    for code in sorted(visit.sections, key=_section_order):
        stored = visit.sections[code]
        if stored.state == "complete" and stored.class_code is not None and stored.level:
            complete[share.text(code)] = share.result(stored.class_code, stored.level)
    fact = VisitFact(
        key=visit.visit_key,
        row_id=visit.id,
        version=max(visit.version, entry_version),
        person_id=visit.person_id,
        area=share.text(area),
        posyandu=share.text(posyandu),
        device_id=share.text(device_id),
        measured_at=visit.measured_at,
        level=visit.level,
        rules_version=share.text(visit.rules_version),
        sections=share.sections(complete),
        voided=visit.voided,
        # What `current_visits` gives a visit stored as one version (it keeps this fact then).
        ids=frozenset({visit.visit_key, visit.id, entry_id}),
        payload=visit if details else None,
    )
    return VisitVersion(entry_id=entry_id, seq=seq, fact=fact)


@cache
def _section_order(code: str) -> tuple[int, str]:
    order = section_codes()
    return (order.index(code), code) if code in order else (len(order), code)


def current_visits(versions: Iterable[VisitVersion]) -> list[VisitFact]:
    """The current, non-voided version of each visit, in measurement order.

    Versions of one visit share its ``visit_key``; the highest version (then the latest stored)
    wins, and a visit whose winning version is a void is left out.
    """
    groups: dict[str, list[VisitVersion]] = defaultdict(list)
    for version in versions:
        groups[version.fact.key].append(version)
    out: list[VisitFact] = []
    for key, group in groups.items():
        winner = group[0] if len(group) == 1 else max(group, key=lambda v: (v.fact.version, v.seq))
        if winner.fact.voided:
            continue
        ids = frozenset({key, *(v.fact.row_id for v in group), *(v.entry_id for v in group)})
        out.append(winner.fact if winner.fact.ids == ids else replace(winner.fact, ids=ids))
    out.sort(key=lambda v: (v.measured_utc, v.key))
    return out
