"""The answers of the life-cycle forms, as QuestionnaireResponse items: ADL, SKILAS, danger signs.

Like SRQ-20 and TB (`questionnaires`): every answer by its stable key, in the form's order, with
its words from `screening.words`. No result: the rules' class, or SKILAS's domains found
positive, has no code (LIFECYCLE_RULES §j); the ADL total is the sum of the answers. Only a
complete section is read; an answer not given is left without an answer. Pure.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from screening.rules.adl import ADL_ITEMS, AdlInput
from screening.rules.skilas import ANSWERS, SkilasInput
from screening.rules.tanda_bahaya_hamil import SIGNS, TandaBahayaHamilInput
from screening.words import field_text, item_text
from sync.server.fhir.codes import UCUM, WHISPER_SYSTEM
from sync.server.sections import CompleteSection


def adl_items(done: CompleteSection) -> list[dict[str, Any]]:
    """Each Barthel item's score (0 up to the item's highest), then the total."""
    assert isinstance(done.inputs, AdlInput)
    scores = done.inputs.items
    items: list[dict[str, Any]] = []
    for _, key, _ in ADL_ITEMS:
        item: dict[str, Any] = {"linkId": key, "text": item_text("adl", key)}
        if key in scores:
            item["answer"] = [{"valueInteger": scores[key]}]
        items.append(item)
    score = done.result.values.get("score")
    if isinstance(score, int) and not isinstance(score, bool):
        items.append(
            {"linkId": "skor", "text": "Skor ADL (0-20)", "answer": [{"valueInteger": score}]}
        )
    return items


def _skilas_answer(key: str, value: object) -> dict[str, Any]:
    if key == "lila_cm":
        number = value if isinstance(value, Decimal) else Decimal(str(value))
        return {
            "valueQuantity": {"value": float(number), "unit": "cm", "system": UCUM, "code": "cm"}
        }
    if key == "whisper":
        coding = {
            "system": WHISPER_SYSTEM,
            "code": str(value),
            "display": item_text("skilas", str(value)),
        }
        return {"valueCoding": coding}
    return {"valueBoolean": bool(value)}


def skilas_items(done: CompleteSection) -> list[dict[str, Any]]:
    """Each answer grouped by its domain (the rules' positive domains are a class: not sent)."""
    assert isinstance(done.inputs, SkilasInput)
    answers = done.inputs.answers()
    domains: dict[str, list[dict[str, Any]]] = {}
    for key, domain in ANSWERS:
        item: dict[str, Any] = {"linkId": key, "text": field_text("skilas", key)}
        if key in answers:
            item["answer"] = [_skilas_answer(key, answers[key])]
        domains.setdefault(domain, []).append(item)
    return [
        {"linkId": domain, "text": item_text("skilas", domain), "item": found}
        for domain, found in domains.items()
    ]


def danger_sign_items(done: CompleteSection) -> list[dict[str, Any]]:
    """Every danger sign on the form, found or not: a complete checklist asked each one."""
    assert isinstance(done.inputs, TandaBahayaHamilInput)
    found = done.inputs.signs or frozenset()
    return [
        {
            "linkId": sign,
            "text": item_text("tanda_bahaya_hamil", sign),
            "answer": [{"valueBoolean": sign in found}],
        }
        for sign in SIGNS
    ]
