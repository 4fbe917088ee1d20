"""The answers of a visit's forms as QuestionnaireResponses, with their result where it is sent.

SRQ-20 and TB here; ADL, SKILAS and the pregnancy danger signs in `forms`. Answers are read by
stable key (never by question number); the SRQ-20 and TB result (the section's class, and the
SRQ-20 score before it) is the last item. The life-cycle forms send their answers (and the ADL
total) without a class: theirs have no code (`codes.UNCODED`, LIFECYCLE_RULES §j). Texts come
from `screening.words`. Pure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from screening.rules.registry import section
from screening.rules.srq20 import Srq20Input
from screening.rules.tb import TB_RISKS, TB_SYMPTOMS, TbInput, derived_risks
from screening.words import class_text, field_text, item_text, section_title
from sync.server.fhir.codes import (
    ADL_QUESTIONNAIRE,
    CLASS_SYSTEM,
    DANGER_SIGNS_QUESTIONNAIRE,
    SKILAS_QUESTIONNAIRE,
    SRQ20_QUESTIONNAIRE,
    TB_CONTACT_SYSTEM,
    TB_QUESTIONNAIRE,
    sends_class,
)
from sync.server.fhir.forms import adl_items, danger_sign_items, skilas_items
from sync.server.fhir.identity import organization_reference, patient_reference, questionnaire_id
from sync.server.fhir.resources import VisitContext
from sync.server.sections import CompleteSection, rule_context

QUESTIONNAIRES = {
    "srq20": SRQ20_QUESTIONNAIRE,
    "tb": TB_QUESTIONNAIRE,
    "tanda_bahaya_hamil": DANGER_SIGNS_QUESTIONNAIRE,
    "adl": ADL_QUESTIONNAIRE,
    "skilas": SKILAS_QUESTIONNAIRE,
}


def _result_item(done: CompleteSection) -> list[dict[str, Any]]:
    """The section's class as the last item, where it may be sent and the section has one."""
    if done.result.code is None or not sends_class(done.code):
        return []
    item = {
        "linkId": "hasil",
        "text": f"Hasil {section_title(done.code)}",
        "answer": [
            {
                "valueCoding": {
                    "system": CLASS_SYSTEM,
                    "code": f"{done.code}.{done.result.code}",
                    "display": class_text(done.code, done.result.code),
                }
            }
        ],
    }
    return [item]


def _response(
    ctx: VisitContext, done: CompleteSection, items: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "resourceType": "QuestionnaireResponse",
        "identifier": ctx.ident(questionnaire_id(ctx.visit.key, done.code))[0],
        "questionnaire": QUESTIONNAIRES[done.code],
        "status": "completed",
        "subject": patient_reference(ctx.nik),
        "encounter": ctx.encounter_ref,
        "authored": ctx.when,
        # Asked and written down by a kader of the Puskesmas' Posyandu; answered by the person.
        "author": organization_reference(ctx.site),
        "source": patient_reference(ctx.nik),
        "item": [*items, *_result_item(done)],
    }


def srq20_items(done: CompleteSection) -> list[dict[str, Any]]:
    assert isinstance(done.inputs, Srq20Input)
    answers = done.inputs.answers
    items: list[dict[str, Any]] = []
    for key in section("srq20").items:
        item: dict[str, Any] = {"linkId": key, "text": item_text("srq20", key)}
        if key in answers:
            item["answer"] = [{"valueBoolean": answers[key]}]
        items.append(item)
    score = done.result.values.get("score")
    if isinstance(score, int) and not isinstance(score, bool):
        items.append(
            {"linkId": "skor", "text": "Jumlah jawaban ya", "answer": [{"valueInteger": score}]}
        )
    return items


def _ticked(prefix: str, codes: Sequence[str], chosen: frozenset[str]) -> list[dict[str, Any]]:
    return [
        {
            "linkId": f"{prefix}.{code}",
            "text": item_text("tb", code),
            "answer": [{"valueBoolean": code in chosen}],
        }
        for code in codes
    ]


def tb_items(ctx: VisitContext, done: CompleteSection) -> list[dict[str, Any]]:
    """The TB answers; risks include those the person's record answers (age, for one)."""
    assert isinstance(done.inputs, TbInput) and ctx.visit.payload is not None
    tb = done.inputs
    risks = tb.risks | derived_risks(rule_context(ctx.visit.payload))
    items: list[dict[str, Any]] = [
        {
            "linkId": "batuk",
            "text": field_text("tb", "cough"),
            "answer": [{"valueBoolean": bool(tb.cough)}],
        },
    ]
    if tb.cough and tb.cough_days is not None:
        items.append(
            {
                "linkId": "lama_batuk",
                "text": f"{field_text('tb', 'cough_days')} (hari)",
                "answer": [{"valueInteger": tb.cough_days}],
            }
        )
    contact = {
        "system": TB_CONTACT_SYSTEM,
        "code": tb.contact,
        "display": item_text("tb", tb.contact),
    }
    items += [
        {
            "linkId": "gejala",
            "text": field_text("tb", "symptoms"),
            "item": _ticked("gejala", TB_SYMPTOMS, tb.symptoms),
        },
        {
            "linkId": "kontak",
            "text": field_text("tb", "contact"),
            "answer": [{"valueCoding": contact}],
        },
        {
            "linkId": "faktor_risiko",
            "text": field_text("tb", "risks"),
            "item": _ticked("risiko", TB_RISKS, risks),
        },
    ]
    return items


def _plain(
    items: Callable[[CompleteSection], list[dict[str, Any]]],
) -> Callable[[VisitContext, CompleteSection], list[dict[str, Any]]]:
    return lambda _ctx, done: items(done)


ITEMS: dict[str, Callable[[VisitContext, CompleteSection], list[dict[str, Any]]]] = {
    "srq20": _plain(srq20_items),
    "tb": tb_items,
    "tanda_bahaya_hamil": _plain(danger_sign_items),
    "adl": _plain(adl_items),
    "skilas": _plain(skilas_items),
}


def questionnaire_responses(ctx: VisitContext) -> dict[str, dict[str, Any]]:
    """The section code → its QuestionnaireResponse, for each complete form of the visit."""
    if ctx.visit.payload is None:
        return {}
    return {
        code: _response(ctx, ctx.sections[code], items(ctx, ctx.sections[code]))
        for code, items in ITEMS.items()
        if code in ctx.sections
    }
