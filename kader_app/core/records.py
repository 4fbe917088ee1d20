"""The one way each shape of a visit or a person becomes the next: record ⇄ typed payload.

A visit is classified once (``VisitInput`` → ``VisitEvaluation``), becomes one
`sync.protocol.VisitPayload` (stored, hashed and sent as it is), and is read back from that
payload as a frozen ``VisitRecord``. Pure: no database, no clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kader_app.core.models import VisitRecord
from screening.rules.common import RULES_VERSION, Level, Reason
from screening.rules.recheck import settings_of, subject_of, visit_input_of
from screening.rules.registry import section, section_codes
from screening.rules.section import (
    RuleContext,
    RuleSettings,
    SectionResult,
    SectionState,
)
from screening.rules.visit import VisitEvaluation, VisitInput, evaluate_visit
from sync.protocol import (
    PersonPayload,
    RuleSettingsPayload,
    SectionPayload,
    SubjectPayload,
    VisitPayload,
    jsonable,
)


@dataclass(frozen=True, slots=True)
class VisitHeader:
    """Everything about one version of a visit except what was measured."""

    id: str
    visit_key: str
    version: int
    replaces_id: str | None
    person_id: str
    measured_at: datetime
    place: str
    recorded_by: str = ""
    voided: bool = False
    void_reason: str | None = None


def _section_payload(result: SectionResult, inputs: Any, rules_version: str) -> SectionPayload:
    # Reasons are not stored or sent: the rules of `rules_version` give them again from the
    # inputs (`visit_record`), and they are most of a payload's bytes on the wire.
    return SectionPayload(
        state="complete" if result.is_complete else "incomplete",
        inputs=inputs.model_dump(mode="json"),
        class_code=result.code,
        level=None if result.level is None else result.level.value,
        values=jsonable(dict(result.values)),
        rules_version=rules_version,
    )


def visit_payload(
    header: VisitHeader,
    *,
    inputs: VisitInput,
    evaluation: VisitEvaluation,
    settings: RuleSettings,
) -> VisitPayload:
    """The payload of one version of a visit, from its inputs and their evaluation."""
    level = evaluation.level
    return VisitPayload(
        id=header.id,
        visit_key=header.visit_key,
        version=header.version,
        replaces_id=header.replaces_id,
        person_id=header.person_id,
        measured_at=header.measured_at,
        measured_at_utc=header.measured_at.astimezone(UTC),
        measured_on=inputs.measured_on,
        place="kunjungan_rumah" if header.place == "kunjungan_rumah" else "posyandu",
        recorded_by=header.recorded_by,
        voided=header.voided,
        void_reason=header.void_reason,
        subject=SubjectPayload(
            sex="P" if inputs.subject.sex == "P" else "L",
            birth_date=inputs.subject.birth_date,
            pregnant=inputs.subject.pregnant,
        ),
        settings=RuleSettingsPayload(
            bp_scheme=settings.bp_scheme,
            bmi_scheme=settings.bmi_scheme,
            tb_cough_min_days=settings.tb_cough_min_days,
        ),
        rules_version=evaluation.rules_version,
        level=None if level is None else level.value,
        sections={
            r.section: _section_payload(r, inputs.sections[r.section], evaluation.rules_version)
            for r in evaluation.sections
        },
    )


def with_header(payload: VisitPayload, header: VisitHeader) -> VisitPayload:
    """The same measurement under another version's header (a void keeps what was measured)."""
    return payload.model_copy(
        update={
            "id": header.id,
            "visit_key": header.visit_key,
            "version": header.version,
            "replaces_id": header.replaces_id,
            "recorded_by": header.recorded_by,
            "voided": header.voided,
            "void_reason": header.void_reason,
        }
    )


def _section_result(
    code: str,
    stored: SectionPayload,
    ctx: RuleContext,
    inputs: Any,
    derived: SectionResult | None,
) -> SectionResult:
    state = SectionState(stored.state)
    missing: tuple[tuple[str, int | None], ...] = ()
    if state is SectionState.INCOMPLETE:
        found_state, missing = section(code).state(inputs, ctx)
        if found_state is not SectionState.INCOMPLETE:
            # Stored incomplete under an older version (e.g. not classified for age).
            missing = ()
    return SectionResult(
        section=code,
        state=state,
        code=stored.class_code,
        level=None if stored.level is None else Level(stored.level),
        reasons=tuple(Reason(code=r.code, params=dict(r.params)) for r in stored.reasons)
        or (derived.reasons if derived is not None else ()),
        values=dict(stored.values),
        missing=missing,
    )


def visit_record(payload: VisitPayload, *, is_current: bool) -> VisitRecord:
    """The frozen record the GUI receives, read from the stored payload (never recomputed)."""
    inputs = visit_input_of(payload)
    settings = settings_of(payload)
    ctx = RuleContext(subject=subject_of(payload), on=payload.measured_on, settings=settings)
    order = {code: i for i, code in enumerate(section_codes())}
    derived = _derived_results(payload, inputs, settings)
    results = tuple(
        _section_result(code, stored, ctx, inputs.sections[code], derived.get(code))
        for code, stored in sorted(
            payload.sections.items(), key=lambda item: order.get(item[0], len(order))
        )
    )
    return VisitRecord(
        id=payload.id,
        visit_key=payload.visit_key,
        version=payload.version,
        replaces_id=payload.replaces_id,
        person_id=payload.person_id,
        measured_at=payload.measured_at,
        measured_at_utc=payload.measured_at_utc,
        place=payload.place,
        recorded_by=payload.recorded_by,
        inputs=inputs,
        evaluation=VisitEvaluation(rules_version=payload.rules_version, sections=results),
        settings=settings,
        voided=payload.voided,
        void_reason=payload.void_reason,
        is_current=is_current,
    )


def stored_results(payload: dict[str, Any]) -> tuple[SectionResult, ...]:
    """The sections of a stored visit payload as results, without re-reading its inputs.

    For bulk reads (the monthly report) of payloads this app wrote itself; ``missing`` is not
    filled in.
    """
    return tuple(
        SectionResult(
            section=code,
            state=SectionState(stored["state"]),
            code=stored.get("class"),
            level=None if stored.get("level") is None else Level(stored["level"]),
            reasons=tuple(
                Reason(code=r["code"], params=dict(r.get("params") or {}))
                for r in stored.get("reasons") or ()
            ),
            values=dict(stored.get("values") or {}),
        )
        for code, stored in payload["sections"].items()
    )


# The growth section's values the coverage counts read (S-K-D-N: weighed, under the red line).
GROWTH_SECTION = "antropometri_balita"
_NONE = "-"


def complete_sections_text(payload: dict[str, Any]) -> str:
    """The complete sections of a stored visit payload in the report's compact form.

    ``"code class,code class"``; the growth section adds its weight and weight-for-age class
    (``"antropometri_balita class 9.8 bb_normal"``, ``-`` when absent). Codes never hold a
    space or a comma. Stored beside the payload (``visit.complete_sections``, in a covering
    index) so the monthly report's coverage reads no payload.
    """
    items = []
    for code, stored in payload["sections"].items():
        class_code = stored.get("class")
        if stored.get("state") != SectionState.COMPLETE.value or not class_code:
            continue
        item = f"{code} {class_code}"
        if code == GROWTH_SECTION:
            values = stored.get("values") or {}
            weight, wfa = values.get("weight_kg"), values.get("wfa_class")
            item += f" {_NONE if weight is None else weight} {wfa or _NONE}"
        items.append(item)
    return ",".join(items)


@dataclass(frozen=True, slots=True)
class CompleteSection:
    """One complete section read back from `complete_sections_text`."""

    code: str
    class_code: str
    weight_kg: float | None = None
    wfa_class: str | None = None


def read_complete_sections(text: str) -> list[CompleteSection]:
    """`complete_sections_text` read back."""
    found = []
    for item in text.split(",") if text else ():
        code, class_code, *growth = item.split(" ")
        if growth:
            weight, wfa = growth
            found.append(
                CompleteSection(
                    code,
                    class_code,
                    None if weight == _NONE else float(weight),
                    None if wfa == _NONE else wfa,
                )
            )
        else:
            found.append(CompleteSection(code, class_code))
    return found


def _derived_results(
    payload: VisitPayload, inputs: VisitInput, settings: RuleSettings
) -> dict[str, SectionResult]:
    """The rules' own results for a payload of this rules version whose reasons were not stored.

    Older versions keep the reasons they were saved with (their rules are not here to ask).
    """
    if payload.rules_version != RULES_VERSION or all(
        s.reasons or s.state != "complete" for s in payload.sections.values()
    ):
        return {}
    return {r.section: r for r in evaluate_visit(inputs, settings).sections}


PERSON_FIELDS = (
    "id",
    "version",
    "name",
    "sex",
    "birth_date",
    "nik",
    "kk",
    "dusun",
    "rt",
    "rw",
    "desa",
    "phone",
    "pregnancy_start",
    "pregnancy_end",
    "mother_id",
    "kia_book",
    "created_at",
    "updated_at",
)


def person_payload(values: dict[str, Any], *, recorded_by: str = "") -> PersonPayload:
    """The payload of one version of a person, from its row values, and who saved it."""
    return PersonPayload.model_validate(
        {**{key: values[key] for key in PERSON_FIELDS}, "recorded_by": recorded_by}
    )
