"""Weight trend N / T / O / B: the KBM boundary, months running, and history carried alone."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.rules.age import month_reached
from screening.rules.antropometri_balita import AntropometriBalitaInput
from screening.rules.common import Level, Problem
from screening.rules.section import (
    Earlier,
    InputModel,
    RuleContext,
    RuleSettings,
    SectionResult,
    Subject,
)
from screening.rules.tren_bb import KBM_TABLES, SPEC, TrenBbInput, Weighing, classify_trend
from screening.rules.visit import VisitInput, carried_inputs, evaluate_visit, parse_inputs
from screening.words import next_step_text, reason_text, refusal_text

BIRTH = date(2025, 1, 10)
BABY = Subject(sex="P", birth_date=BIRTH)


@settings(max_examples=400, deadline=None)
@given(
    month=st.integers(1, 60),
    table=st.sampled_from(sorted(KBM_TABLES)),
    before=st.integers(300, 2000).map(lambda n: Decimal(n) / 100),
)
def test_naik_is_a_gain_of_at_least_the_kbm(month: int, table: str, before: Decimal) -> None:
    born = date(2020, 1, 1)
    now = month_reached(born, month)
    if now.day > 28:
        now = now + timedelta(days=4)  # keep a previous calendar month with a 28th
    last = date(now.year - (now.month == 1), (now.month - 2) % 12 + 1, 28)
    key = "12-60" if 16 * (now - born).days // 487 >= 12 else str(16 * (now - born).days // 487)
    kbm = KBM_TABLES[table][key]
    enough = classify_trend(
        born, [(last, before), (now, before + Decimal(kbm) / 1000)], kbm_table=table
    )
    short = classify_trend(
        born, [(last, before), (now, before + Decimal(kbm - 10) / 1000)], kbm_table=table
    )
    assert (enough.trend, enough.gain_g, enough.kbm_g, enough.level) == ("N", kbm, kbm, Level.NONE)
    assert (short.trend, short.gain_g, short.level) == ("T", kbm - 10, Level.REFER)


def _visit(on: date, weight: str | None, earlier: list[Earlier]) -> VisitInput:
    sections: dict[str, InputModel] = dict(carried_inputs(BABY, on, earlier, RuleSettings()))
    if weight is not None:
        sections["antropometri_balita"] = AntropometriBalitaInput(weight_kg=Decimal(weight))
    return VisitInput(subject=BABY, measured_on=on, sections=sections)


def _trend(visit: VisitInput) -> SectionResult | None:
    evaluation = evaluate_visit(visit, RuleSettings())
    assert not evaluation.errors, evaluation.errors
    return evaluation.result("tren_bb")


def test_a_baby_weighed_month_after_month_gets_b_then_n_then_t_then_2t() -> None:
    earlier: list[Earlier] = []
    seen = []
    for on, weight in (
        (date(2025, 3, 11), "4.6"),
        (date(2025, 4, 8), "5.5"),
        (date(2025, 5, 13), "5.7"),
        (date(2025, 6, 10), "5.8"),
    ):
        visit = _visit(on, weight, earlier)
        result = _trend(visit)
        assert result is not None
        seen.append((result.code, result.values["gain_g"], result.level))
        earlier.append(Earlier(on=on, sections=visit.sections))
    assert seen == [
        ("B", None, Level.NONE),
        ("N", 900, Level.NONE),
        ("T", 200, Level.REFER),  # month 4: the KBM is 600 g
        ("2T", 100, Level.REFER),
    ]
    assert next_step_text("tren_bb", "2T", "refer") == "2T: rujuk ke Puskesmas."
    assert next_step_text("tren_bb", "T", "refer") == "BB tidak naik: rujuk ke nakes."


def test_a_missed_month_is_o_and_only_the_months_last_weighing_counts() -> None:
    missed = _visit(date(2025, 6, 10), "6.0", [_weighed(date(2025, 4, 8), "5.5")])
    result = _trend(missed)
    assert result is not None and result.code == "O" and result.values["gain_g"] is None
    assert reason_text(result.reasons[0]) == (
        "Bulan lalu tidak ditimbang: tidak dapat dinilai naik atau tidak."
    )
    twice = [_weighed(date(2025, 5, 2), "5.0"), _weighed(date(2025, 5, 28), "5.6")]
    result = _trend(_visit(date(2025, 6, 10), "6.0", twice))
    assert result is not None and (result.code, result.values["gain_g"]) == ("T", 400)


def _weighed(on: date, weight: str) -> Earlier:
    return Earlier(
        on=on, sections={"antropometri_balita": AntropometriBalitaInput(weight_kg=Decimal(weight))}
    )


def test_carried_builds_the_earlier_weighings_from_earlier_visits() -> None:
    earlier = [
        _weighed(date(2025, 3, 11), "4.6"),
        Earlier(on=date(2025, 4, 8), sections={}),  # came, was not weighed
        Earlier(
            on=date(2025, 5, 13),
            sections={
                "antropometri_balita": AntropometriBalitaInput(weight_kg=Decimal("5.7")),
                "tren_bb": TrenBbInput(kbm_table="kms2010"),
            },
        ),
    ]
    ctx = RuleContext(subject=BABY, on=date(2025, 6, 10))
    carried = SPEC.carried(earlier, ctx)
    assert carried == TrenBbInput(
        earlier=(
            Weighing(on=date(2025, 3, 11), weight_kg=Decimal("4.6")),
            Weighing(on=date(2025, 5, 13), weight_kg=Decimal("5.7")),
        ),
        kbm_table="kms2010",
    )


def test_the_stored_inputs_give_the_same_trend_on_their_own() -> None:
    visit = _visit(date(2025, 4, 8), "5.5", [_weighed(date(2025, 3, 11), "4.6")])
    stored = {code: inputs.model_dump(mode="json") for code, inputs in visit.sections.items()}
    # The server sees only the payload: no earlier visits, the inputs as JSON.
    alone = VisitInput(
        subject=BABY,
        measured_on=date(2025, 4, 8),
        sections={code: parse_inputs(code, data) for code, data in stored.items()},
    )
    assert _trend(alone) == _trend(visit)
    assert stored["tren_bb"]["earlier"] == [{"on": "2025-03-11", "weight_kg": 4.6}]


def test_without_todays_weight_the_trend_is_not_asked_and_a_bad_weight_is_refused_once() -> None:
    assert _trend(_visit(date(2025, 4, 8), None, [_weighed(date(2025, 3, 11), "4.6")])) is None
    evaluation = evaluate_visit(
        _visit(date(2025, 4, 8), "55.0", [_weighed(date(2025, 3, 11), "4.6")]), RuleSettings()
    )
    assert [(e.section, e.field) for e in evaluation.errors] == [
        ("antropometri_balita", "weight_kg")
    ]


def test_impossible_history_is_refused_in_words() -> None:
    twice = VisitInput(
        subject=BABY,
        measured_on=date(2025, 4, 8),
        sections={
            "antropometri_balita": AntropometriBalitaInput(weight_kg=Decimal("5.5")),
            "tren_bb": TrenBbInput(
                earlier=(Weighing(on=date(2025, 4, 8), weight_kg=Decimal("5.4")),),
                kbm_table="kms1990",
            ),
        },
    )
    errors = evaluate_visit(twice, RuleSettings()).errors
    assert [(e.field, e.problem) for e in errors] == [
        ("weighings", Problem.INVALID),
        ("kbm_table", Problem.UNKNOWN_CODE),
    ]
    assert refusal_text(errors[1], "en") == "Minimum weight gain table: unknown choice"
