"""The rule of antropometri balita, 0–1856 days: BB/U, PB-TB/U, BB/PB-TB, IMT/U, LK/U (§b).

WHO 2006 z-scores (``growth``) in the Permenkes 2/2020 classes. The pure rule answers the
``antropometri_balita`` vectors (LiLA included); the section (``antropometri_balita``) serves
the form, where LiLA is its own section (``lila_balita``). A z beyond WHO's plausibility flags
(``flags``), or beyond ±3 where WHO's restricted rule begins, keeps its class and asks the kader
to confirm the measurement before saving (``check_again``, ``confirm``): such a value is
possible, so it is never refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, Literal

from screening.rules.age import Age
from screening.rules.common import Level, Reason, max_level
from screening.rules.growth import (
    HEIGHT_FROM_DAY,
    Band,
    adjusted_length,
    band,
    bmi_of,
    cut,
    lms_for_age,
    lms_for_length,
    position_fits_age,
    shown_z,
    z_score,
)
from screening.rules.growth_inputs import GrowthInputs, growth_refusals
from screening.rules.lila_balita import lila_band
from screening.rules.stage import required_age

_NUTRITION: Final = (
    cut("gizi_buruk", Level.URGENT, "-3"),
    cut("gizi_kurang", Level.REFER, "-2"),
    cut("gizi_baik", Level.NONE, "1", inclusive=True),
    cut("berisiko_gizi_lebih", Level.MONITOR, "2", inclusive=True),
    cut("gizi_lebih", Level.REFER, "3", inclusive=True),
    cut("obesitas", Level.REFER),
)
BANDS: Final[dict[str, tuple[Band, ...]]] = {
    "wfa": (
        cut("bb_sangat_kurang", Level.REFER, "-3"),
        cut("bb_kurang", Level.REFER, "-2"),
        cut("bb_normal", Level.NONE, "1", inclusive=True),
        cut("risiko_bb_lebih", Level.MONITOR),
    ),
    "lhfa": (
        cut("sangat_pendek", Level.REFER, "-3"),
        cut("pendek", Level.REFER, "-2"),
        cut("normal", Level.NONE, "3", inclusive=True),
        cut("tinggi", Level.MONITOR),
    ),
    "wflh": _NUTRITION,
    "bmi": _NUTRITION,
    "hc": (
        cut("mikrosefali", Level.REFER, "-2"),
        cut("normal", Level.NONE, "2", inclusive=True),
        cut("makrosefali", Level.REFER),
    ),
}
INDICES: Final = ("wflh", "lhfa", "wfa", "bmi", "hc")
"""The indices in the order they head the result when their levels are equal."""
# WHO flags (|z| beyond these, or below/above for BB/U): shown with "ukur ulang".
FLAG_LIMITS: Final[dict[str, tuple[Decimal, Decimal]]] = {
    "wfa": (Decimal(-6), Decimal(5)),
    "lhfa": (Decimal(-6), Decimal(6)),
    "wflh": (Decimal(-5), Decimal(5)),
    "bmi": (Decimal(-5), Decimal(5)),
    "hc": (Decimal(-5), Decimal(5)),
}
CONFIRM_BEYOND: Final = Decimal(3)
"""|z| above this (where WHO's restricted rule begins) asks the kader to confirm the value."""
OEDEMA_CLASS: Final = "gizi_buruk"

GROWTH_OEDEMA: Final = "growth_oedema"
"""Bilateral pitting oedema: weight-based indices not computed, gizi buruk."""
GROWTH_STANDING_UNDER_2: Final = "growth_standing_under_2"
"""Measured standing before 24 months: 0.7 cm added to the length used."""
GROWTH_RECUMBENT_FROM_2: Final = "growth_recumbent_from_2"
"""Measured lying down from 24 months: 0.7 cm taken off the height used."""
REASON_PARAMS: Final[dict[str, tuple[str, ...]]] = {
    "growth_wfa": ("z", "class"),
    "growth_lhfa": ("z", "class"),
    "growth_wflh": ("z", "class"),
    "growth_bmi": ("bmi", "z", "class"),
    "growth_hc": ("z", "class"),
    **{f"growth_{index}_implausible": ("z",) for index in INDICES},
    **{f"growth_{index}_confirm": ("z",) for index in INDICES},
    GROWTH_OEDEMA: (),
    GROWTH_STANDING_UNDER_2: (),
    GROWTH_RECUMBENT_FROM_2: (),
}


@dataclass(frozen=True, slots=True)
class IndexResult:
    """One index: its shown z (``None`` when not computed, as with oedema) and its class."""

    z: Decimal | None
    band: Band


@dataclass(frozen=True, slots=True)
class GrowthResult:
    """Every index measured, the LiLA class when given, the flags and the level."""

    age: Age
    indices: Mapping[str, IndexResult]
    bmi: Decimal | None
    lila: Band | None
    flags: frozenset[str]
    check_again: frozenset[str]
    position_fits: bool
    level: Level
    code: str
    reasons: tuple[Reason, ...] = field(default=())

    def z(self, index: str) -> float | None:
        found = self.indices.get(index)
        return None if found is None or found.z is None else float(found.z)

    def class_of(self, index: str) -> str | None:
        found = self.indices.get(index)
        return None if found is None else found.band.code

    def values(self) -> dict[str, Any]:
        """The result as the vectors and the stored section name it (JSON values only)."""
        out: dict[str, Any] = {}
        for index in ("wfa", "lhfa", "wflh", "bmi", "hc"):
            out[f"{index}_z"] = self.z(index)
            out[f"{index}_class"] = self.class_of(index)
        out["bmi"] = None if self.bmi is None else float(self.bmi)
        out["lila_class"] = None if self.lila is None else self.lila.code
        out["flags"] = sorted(self.flags)
        out["age_days"] = self.age.days
        out["age_months"] = self.age.months
        out["position_fits"] = self.position_fits
        out["check_again"] = sorted(self.check_again)
        out["confirm"] = bool(self.check_again) or not self.position_fits
        out["level"] = self.level.value
        return out


def _index(index: str, value: float, lms_found: Any, *, restricted: bool) -> IndexResult | None:
    if lms_found is None:
        return None
    z = shown_z(z_score(value, lms_found, restricted=restricted))
    return IndexResult(z, band(z, BANDS[index]))


def measure_growth(sex: str, age: Age, given: GrowthInputs) -> GrowthResult:
    """The four indices (and LK/U, LiLA) of checked inputs at ``age`` (≤ 1856 days)."""
    days = age.days
    indices: dict[str, IndexResult] = {}
    weight, length = given.weight_kg, given.length_cm
    used = None
    if length is not None and given.position is not None:
        used = adjusted_length(length, given.position, days)
        lhfa = _index("lhfa", float(used), lms_for_age("lhfa", sex, days), restricted=False)
        if lhfa is not None:
            indices["lhfa"] = lhfa
    bmi_shown = None
    if given.oedema:
        oedema = next(b for b in BANDS["wflh"] if b.code == OEDEMA_CLASS)
        indices["wflh"] = IndexResult(None, oedema)
    elif weight is not None:
        wfa = _index("wfa", float(weight), lms_for_age("wfa", sex, days), restricted=True)
        if wfa is not None:
            indices["wfa"] = wfa
        if used is not None:
            table: Literal["wfl", "wfh"] = "wfl" if days < HEIGHT_FROM_DAY else "wfh"
            wflh = _index("wflh", float(weight), lms_for_length(table, sex, used), restricted=True)
            if wflh is not None:
                indices["wflh"] = wflh
            metres = used / 100
            bmi_shown = (weight / (metres * metres)).quantize(Decimal("0.1"), ROUND_HALF_UP)
            bmi = _index(
                "bmi", bmi_of(weight, used), lms_for_age("bmi", sex, days), restricted=True
            )
            if bmi is not None:
                indices["bmi"] = bmi
    if given.head_cm is not None:
        hc = _index("hc", float(given.head_cm), lms_for_age("hc", sex, days), restricted=False)
        if hc is not None:
            indices["hc"] = hc
    lila = None if given.lila_cm is None else lila_band(given.lila_cm, age.months)
    flags = frozenset(
        index
        for index, found in indices.items()
        if found.z is not None and not FLAG_LIMITS[index][0] <= found.z <= FLAG_LIMITS[index][1]
    )
    extreme = frozenset(
        index
        for index, found in indices.items()
        if found.z is not None and abs(found.z) > CONFIRM_BEYOND
    )
    levels = [found.band.level for found in indices.values()]
    if lila is not None:
        levels.append(lila.level)
    ranked = sorted(
        ((found.band, INDICES.index(index)) for index, found in indices.items()),
        key=lambda item: (-item[0].level.rank, item[1]),
    )
    headline = ranked[0][0] if ranked else lila
    fits = given.position is None or position_fits_age(given.position, days)
    return GrowthResult(
        age=age,
        indices=indices,
        bmi=bmi_shown,
        lila=lila,
        flags=flags,
        check_again=flags | extreme,
        position_fits=fits,
        level=max_level(*levels),
        code=headline.code if headline is not None else "",
        reasons=_reasons(indices, bmi_shown, flags | extreme, given, days),
    )


def _reasons(
    indices: Mapping[str, IndexResult],
    bmi: Decimal | None,
    checks: frozenset[str],
    given: GrowthInputs,
    days: int,
) -> tuple[Reason, ...]:
    reasons: list[Reason] = []
    if given.oedema:
        reasons.append(Reason(GROWTH_OEDEMA))
    for index in INDICES:
        found = indices.get(index)
        if found is None or found.z is None:
            continue
        params: dict[str, object] = {"z": float(found.z), "class": found.band.code}
        if index == "bmi" and bmi is not None:
            params = {"bmi": float(bmi), **params}
        reasons.append(Reason(f"growth_{index}", params))
        if index in checks:
            beyond = not FLAG_LIMITS[index][0] <= found.z <= FLAG_LIMITS[index][1]
            code = f"growth_{index}_implausible" if beyond else f"growth_{index}_confirm"
            reasons.append(Reason(code, {"z": float(found.z)}))
    if given.position is not None and not position_fits_age(given.position, days):
        standing = given.position == "standing"
        reasons.append(Reason(GROWTH_STANDING_UNDER_2 if standing else GROWTH_RECUMBENT_FROM_2))
    return tuple(reasons)


def vector_rule(case: Mapping[str, Any]) -> dict[str, Any]:
    """The ``antropometri_balita`` vectors: every §b input, refusals in table order."""
    birth = date.fromisoformat(case["birth_date"])
    on = date.fromisoformat(case["date"])
    errors, given = growth_refusals(case, sex=case.get("sex"), birth_date=birth, on=on)
    if errors or given is None:
        raise errors[0]
    return measure_growth(str(case["sex"]), required_age(birth, on), given).values()
