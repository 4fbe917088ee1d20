"""A resident's measurements over time, and the class bands behind them, for the trend chart.

Plain values (no Qt, no QtCharts): what the stored results say was measured, and the bands of
the rules' own tables (`screening.rules`), so the chart shades exactly what the rules
classify. Nothing here classifies a value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from kader_app.core.models import VisitRecord
from screening.rules import blood_pressure, bmi, cholesterol, glucose
from screening.rules.bmi import BmiInput
from screening.rules.common import Level
from screening.rules.section import RuleSettings


@dataclass(frozen=True, slots=True)
class Band:
    """Values from ``low`` up to ``high`` are in class ``code`` (of ``section``), at ``level``."""

    section: str
    code: str
    low: float
    high: float
    level: Level


@dataclass(frozen=True, slots=True)
class Trend:
    """One measure of one resident: named lines of (when, value) and the bands to shade."""

    key: str
    section: str
    unit: str
    lines: tuple[tuple[str, tuple[tuple[datetime, float], ...]], ...]
    bands: tuple[Band, ...]

    @property
    def points(self) -> int:
        return sum(len(points) for _, points in self.lines)


def _bands(section: str, cuts: Sequence[tuple[str, float, Level]], top: float) -> list[Band]:
    """Bands from (code, lower bound, level) rows ordered from the lowest."""
    found = []
    for index, (code, low, level) in enumerate(cuts):
        high = cuts[index + 1][1] if index + 1 < len(cuts) else top
        found.append(Band(section=section, code=code, low=low, high=high, level=level))
    return found


def _current(history: Sequence[VisitRecord]) -> list[VisitRecord]:
    return sorted((v for v in history if not v.voided), key=lambda v: v.measured_at)


def _result_points(
    history: Sequence[VisitRecord], section: str, value: str
) -> tuple[tuple[datetime, float], ...]:
    points = []
    for visit in _current(history):
        result = visit.evaluation.result(section)
        number = None if result is None or not result.is_complete else result.values.get(value)
        if isinstance(number, int | float | Decimal) and not isinstance(number, bool):
            points.append((visit.measured_at, float(number)))
    return tuple(points)


def blood_pressure_trends(history: Sequence[VisitRecord], settings: RuleSettings) -> list[Trend]:
    """Systolic and diastolic apart: each has its own bounds in the rules' table."""
    bands = blood_pressure.BP_BANDS[settings.bp_scheme]
    found = []
    for name, lowest, top in (
        ("systolic", blood_pressure.LOW_SYSTOLIC_BELOW, blood_pressure.SYSTOLIC_RANGE[1]),
        ("diastolic", blood_pressure.LOW_DIASTOLIC_BELOW, blood_pressure.DIASTOLIC_RANGE[1]),
    ):
        cuts = [
            (b.code, float(b.systolic_from if name == "systolic" else b.diastolic_from), b.level)
            for b in bands
        ]
        # Below the lowest band's bound the rules say "rendah"; that part is left unshaded.
        cuts[0] = (cuts[0][0], float(lowest), cuts[0][2])
        found.append(
            Trend(
                key=f"blood_pressure_{name}",
                section="blood_pressure",
                unit=blood_pressure.UNIT,
                lines=((name, _result_points(history, "blood_pressure", name)),),
                bands=tuple(_bands("blood_pressure", cuts, float(top))),
            )
        )
    return found


def glucose_trend(history: Sequence[VisitRecord]) -> Trend:
    """Random (sewaktu) readings on the random bands, the most common kind at a Posyandu."""
    lows = [glucose.GLUCOSE_RANGE_MG_DL[0], glucose.HYPO_BELOW]
    lows += [low for _code, low, _high, _level in glucose.KIND_BANDS["sewaktu"]]
    lows.append(glucose.VERY_HIGH_FROM)
    cuts = []
    for low in lows:
        # Each band's class and level as the rule itself gives them at its lower bound.
        found = glucose.classify_glucose(low, kind="sewaktu")
        cuts.append((found.code, float(low), found.level))
    points = []
    for visit in _current(history):
        result = visit.evaluation.result("glucose")
        if result is None or not result.is_complete or result.values.get("kind") != "sewaktu":
            continue
        value = result.values.get("value")
        if isinstance(value, int | float):
            points.append((visit.measured_at, float(value)))
    return Trend(
        key="glucose",
        section="glucose",
        unit="mg/dL",
        lines=(("value", tuple(points)),),
        bands=tuple(_bands("glucose", cuts, float(glucose.GLUCOSE_RANGE_MG_DL[1]))),
    )


def weight_trend(history: Sequence[VisitRecord], settings: RuleSettings) -> Trend:
    """Weight in kg; the IMT classes shaded at the latest height measured (weight = IMT × m²)."""
    points = []
    height: Decimal | None = None
    for visit in _current(history):
        inputs = visit.inputs.sections.get("bmi")
        if isinstance(inputs, BmiInput) and inputs.weight_kg is not None:
            points.append((visit.measured_at, float(inputs.weight_kg)))
            if inputs.height_cm is not None:
                height = Decimal(str(inputs.height_cm))
    bands: list[Band] = []
    if height is not None:
        square = float((height / 100) ** 2)
        cuts = [
            (b.code, 0.0 if b.minimum is None else float(b.minimum) * square, b.level)
            for b in bmi.BMI_BANDS[settings.bmi_scheme]
        ]
        bands = _bands("bmi", cuts, float(bmi.WEIGHT_RANGE_KG[1]))
    return Trend(
        key="weight",
        section="bmi",
        unit="kg",
        lines=(("weight", tuple(points)),),
        bands=tuple(bands),
    )


def cholesterol_trend(history: Sequence[VisitRecord]) -> Trend:
    cuts = [
        ("normal", float(cholesterol.RANGE_MG_DL[0]), Level.NONE),
        ("batas_tinggi", float(cholesterol.BORDERLINE_FROM), Level.MONITOR),
        ("tinggi", float(cholesterol.HIGH_FROM), Level.REFER),
    ]
    return Trend(
        key="cholesterol",
        section="cholesterol",
        unit="mg/dL",
        lines=(("value", _result_points(history, "cholesterol", "value")),),
        bands=tuple(_bands("cholesterol", cuts, float(cholesterol.RANGE_MG_DL[1]))),
    )


def trends(history: Sequence[VisitRecord], settings: RuleSettings) -> list[Trend]:
    """Each measure with a value: tensi (sistolik, diastolik), gula darah, berat, kolesterol."""
    every = [
        *blood_pressure_trends(history, settings),
        glucose_trend(history),
        weight_trend(history, settings),
        cholesterol_trend(history),
    ]
    return [trend for trend in every if trend.points]
