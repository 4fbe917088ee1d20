"""Imunisasi rutin: each antigen's status (due / overdue / …) and IDL (LIFECYCLE_RULES §g).

The section's spec and its pure rule; the schedule is data. The doses recorded at earlier visits
travel in this section's own inputs (carried), beside the doses entered at this visit, so the
stored visit can be rechecked on its own. Levels are always none: a reminder for the bidan.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Final

from screening.rules.age import month_reached
from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.section import (
    Availability,
    Earlier,
    InputModel,
    Missing,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
)
from screening.rules.stage import required_age, subject_age

# (dose, antigen, age in months, previous dose, minimum gap in days): ILP klaster 2, §g.
SCHEDULE: Final[tuple[tuple[str, str, int, str | None, int], ...]] = (
    ("hb0", "hb0", 0, None, 0), ("bcg", "bcg", 0, None, 0), ("opv_1", "opv", 0, None, 0),
    ("opv_2", "opv", 2, "opv_1", 28), ("opv_3", "opv", 3, "opv_2", 28),
    ("opv_4", "opv", 4, "opv_3", 28),
    ("dpt_hb_hib_1", "dpt_hb_hib", 2, None, 0),
    ("dpt_hb_hib_2", "dpt_hb_hib", 3, "dpt_hb_hib_1", 28),
    ("dpt_hb_hib_3", "dpt_hb_hib", 4, "dpt_hb_hib_2", 28),
    ("dpt_hb_hib_4", "dpt_hb_hib", 18, "dpt_hb_hib_3", 365),
    ("rv_1", "rv", 2, None, 0), ("rv_2", "rv", 3, "rv_1", 28), ("rv_3", "rv", 4, "rv_2", 28),
    ("pcv_1", "pcv", 2, None, 0), ("pcv_2", "pcv", 3, "pcv_1", 28),
    ("pcv_3", "pcv", 12, "pcv_2", 56),
    ("ipv_1", "ipv", 4, None, 0), ("ipv_2", "ipv", 9, "ipv_1", 28),
    ("mr_1", "mr", 9, None, 0), ("mr_2", "mr", 18, "mr_1", 183), ("je", "je", 10, None, 0),
)  # fmt: skip
DOSES: Final = tuple(row[0] for row in SCHEDULE)
ANTIGENS: Final = tuple(dict.fromkeys(row[1] for row in SCHEDULE))
ENDEMIC_ONLY: Final = frozenset({"je"})
IDL_DOSES: Final = (
    "hb0", "bcg", "opv_1", "opv_2", "opv_3", "opv_4", "dpt_hb_hib_1", "dpt_hb_hib_2",
    "dpt_hb_hib_3", "rv_1", "rv_2", "rv_3", "pcv_1", "pcv_2", "ipv_1", "ipv_2", "mr_1",
)  # fmt: skip
"""Imunisasi Dasar Lengkap: every dose scheduled before 12 months (ILP 2023; JE apart)."""
MAX_MONTHS: Final = 59
DUE_WINDOW_DAYS: Final = 28
HB0_DUE_UNTIL_DAY: Final = 1
HB0_OVERDUE_UNTIL_DAY: Final = 7
STATUSES: Final = ("overdue", "due", "not_due", "missed", "complete")
"""Antigen statuses, most pressing first; the section's class is the most pressing one."""

REASON_PARAMS: Final = {
    **{f"immunisation_{status}": ("antigens",) for status in STATUSES},
    "immunisation_idl": (),
}


@dataclass(frozen=True, slots=True)
class ImmunisationStatus:
    """``antigens``: antigen code → status; ``idl``: every IDL dose is recorded."""

    antigens: Mapping[str, str]
    idl: bool

    @property
    def code(self) -> str:
        return next(s for s in STATUSES if s in self.antigens.values())

    def reasons(self) -> tuple[Reason, ...]:
        found = [
            Reason(
                f"immunisation_{status}",
                {"antigens": [a for a, s in self.antigens.items() if s == status]},
            )
            for status in STATUSES
            if status in self.antigens.values()
        ]
        if self.idl:
            found.append(Reason("immunisation_idl"))
        return tuple(found)


def _schedule(je_endemic: bool) -> tuple[tuple[str, str, int, str | None, int], ...]:
    return tuple(row for row in SCHEDULE if je_endemic or row[1] not in ENDEMIC_ONLY)


def check_doses(doses: Mapping[str, date], *, birth_date: date, on: date) -> None:
    """Refuse what cannot be a child's dose record.

    First an unknown code (``doses``); then, in schedule order, a dose dated before birth or
    after ``on``, recorded without its previous dose, or dated before it (field = the dose).

    Raises:
        RuleInputError: the first refused dose.
    """
    if set(doses) - set(DOSES):
        raise RuleInputError("doses", Problem.UNKNOWN_CODE)
    for dose, _, _, previous, _ in SCHEDULE:
        given = doses.get(dose)
        if given is None:
            continue
        if not birth_date <= given <= on:
            raise RuleInputError(dose, Problem.OUT_OF_RANGE)
        if previous is not None and (previous not in doses or given < doses[previous]):
            raise RuleInputError(dose, Problem.INVALID)


def immunisation_status(
    doses: Mapping[str, date], *, birth_date: date, on: date, je_endemic: bool = False
) -> ImmunisationStatus:
    """Each antigen's status on ``on`` and IDL, from the doses recorded so far.

    Raises:
        RuleInputError: a child over 59 months (``birth_date``), or a refused dose.
    """
    age = required_age(birth_date, on)
    if age.months > MAX_MONTHS:
        raise RuleInputError("birth_date", Problem.OUT_OF_RANGE, maximum=MAX_MONTHS)
    check_doses(doses, birth_date=birth_date, on=on)
    statuses: dict[str, str] = {}
    for dose, antigen, months, previous, gap in _schedule(je_endemic):
        if antigen in statuses or dose in doses:
            continue
        if dose == "hb0":
            day = age.days
            status = "due" if day <= HB0_DUE_UNTIL_DAY else "overdue"
            statuses[antigen] = status if day <= HB0_OVERDUE_UNTIL_DAY else "missed"
            continue
        due = month_reached(birth_date, months)
        if previous is not None:
            due = max(due, doses[previous] + timedelta(days=gap))
        if on < due:
            statuses[antigen] = "not_due"
        elif on < due + timedelta(days=DUE_WINDOW_DAYS):
            statuses[antigen] = "due"
        else:
            statuses[antigen] = "overdue"
    for _, antigen, _, _, _ in _schedule(je_endemic):
        statuses.setdefault(antigen, "complete")
    ordered = {a: statuses[a] for a in ANTIGENS if a in statuses}
    return ImmunisationStatus(ordered, all(d in doses for d in IDL_DOSES))


class ImunisasiInput(InputModel):
    """The child's dose record: carried from earlier visits, and entered at this one.

    ``earlier``: doses recorded at earlier visits (carried); ``given``: entered this visit
    (today's, or read from the KIA book). ``reviewed``: the status was checked with nothing new.
    """

    earlier: dict[str, date] = {}
    given: dict[str, date] = {}
    reviewed: bool = False
    je_endemic: bool = False

    def doses(self) -> dict[str, date]:
        return {**self.earlier, **self.given}


class ImunisasiSpec(SectionSpec[ImunisasiInput]):
    code = "imunisasi"
    order = 4
    group = "balita"
    input_model = ImunisasiInput
    class_codes = STATUSES
    reason_codes = tuple(REASON_PARAMS)
    fields = ("doses", *DOSES)
    items = ANTIGENS

    def availability(self, subject: Subject, on: date) -> Availability | None:
        age = subject_age(subject, on)
        return "default" if age is not None and age.months <= MAX_MONTHS else None

    def state(
        self, inputs: ImunisasiInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if not inputs.given and not inputs.reviewed:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: ImunisasiInput, ctx: RuleContext) -> list[RuleInputError]:
        try:
            birth = ctx.subject.birth_date
            required_age(birth, ctx.on)
            assert birth is not None
            check_doses(inputs.doses(), birth_date=birth, on=ctx.on)
        except RuleInputError as error:
            return [error]
        return []

    def classify(self, inputs: ImunisasiInput, ctx: RuleContext) -> SectionResult:
        assert ctx.subject.birth_date is not None
        status = immunisation_status(
            inputs.doses(),
            birth_date=ctx.subject.birth_date,
            on=ctx.on,
            je_endemic=inputs.je_endemic,
        )
        values = {"antigens": dict(status.antigens), "idl": status.idl}
        return complete_result(self.code, status.code, Level.NONE, status.reasons(), values)

    def carried(self, earlier: Sequence[Earlier], ctx: RuleContext) -> ImunisasiInput | None:
        """Every dose recorded at an earlier visit (a later record of a dose wins)."""
        doses: dict[str, date] = {}
        endemic = False
        for visit in earlier:
            found = visit.sections.get(self.code)
            if isinstance(found, ImunisasiInput):
                doses.update(found.doses())
                endemic = found.je_endemic
        return ImunisasiInput(earlier=doses, je_endemic=endemic)

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> ImunisasiInput | None:
        """The doses a child of this age would have had, some late or missing with ``risk``."""
        birth = ctx.subject.birth_date
        if birth is None or rng.random() >= 0.6:
            return None
        doses: dict[str, date] = {}
        for dose, _, months, previous, gap in SCHEDULE[:-1]:
            if previous is not None and previous not in doses:
                continue
            when = month_reached(birth, months) + timedelta(days=rng.randint(0, int(40 * risk) + 7))
            if previous is not None:
                when = max(when, doses[previous] + timedelta(days=gap))
            if when <= ctx.on and rng.random() > 0.15 * risk:
                doses[dose] = when
        return ImunisasiInput(given=doses) if doses else ImunisasiInput(reviewed=True)


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    raw = case["doses"]
    if not isinstance(raw, Mapping):
        raise TypeError("doses must map dose codes to dates")
    status = immunisation_status(
        {code: date.fromisoformat(day) for code, day in raw.items()},
        birth_date=date.fromisoformat(case["birth_date"]),
        on=date.fromisoformat(case["date"]),
        je_endemic=bool(case.get("je_endemic", False)),
    )
    return {"antigens": dict(status.antigens), "idl": status.idl}


ImunisasiSpec.vector_rules = {"imunisasi": _vector}
SPEC = ImunisasiSpec()
