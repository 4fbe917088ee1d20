"""Words for every stable code, in Bahasa Indonesia and English: the one vocabulary.

Used by the GUI (through its language setting), the monthly report, the Puskesmas dashboard,
exports and FHIR. Each section's words live in the module named after its code; this module
holds the lookup and the words no section owns. Words only: nothing here decides a class.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.section import Missing, SectionResult, SectionState

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")


@dataclass(frozen=True, slots=True)
class W:
    """One text in both languages (``{name}`` placeholders are filled by :func:`fill`)."""

    id: str
    en: str

    def get(self, lang: Language = "id") -> str:
        return self.en if lang == "en" else self.id


@dataclass(frozen=True, slots=True)
class SectionWords:
    """Everything a section shows in words; ``WORDS`` in ``screening/words/<code>.py``.

    ``classes`` covers every class code the section ever stored; ``reasons`` every reason code
    (templates over the reason's params); ``fields`` every input field a refusal or a missing
    entry names; ``items`` the checklist items and other codes that appear inside reasons;
    ``next_steps`` what to do per class (``"class"`` or ``"class/level"``), falling back to the
    level's own step; ``summary`` the measured values beside the class in history and reports;
    ``short`` the title where room is scarce (the form's tabs and result cards), if it differs.
    """

    title: W
    classes: Mapping[str, W]
    reasons: Mapping[str, W]
    fields: Mapping[str, W]
    items: Mapping[str, W] = field(default_factory=dict)
    next_steps: Mapping[str, W] = field(default_factory=dict)
    summary: W | Callable[[Mapping[str, object], Language], str] | None = None
    index_label: W = W("ke-{n}", "no. {n}")
    missing_items: W | None = None
    short: W | None = None


LEVEL = {
    Level.NONE: W("Tidak perlu rujukan", "No referral needed"),
    Level.MONITOR: W("Pantau / cek lagi", "Monitor / recheck"),
    Level.REFER: W("Rujuk ke Puskesmas", "Refer to the Puskesmas"),
    Level.URGENT: W("Hubungi nakes hari ini", "Contact a health worker today"),
}
LEVEL_NEXT_STEP = {
    Level.NONE: W(
        "Beri edukasi hidup sehat; periksa lagi bulan depan.",
        "Give healthy-living advice; screen again next month.",
    ),
    Level.MONITOR: W("Cek lagi di Posyandu berikutnya.", "Recheck at the next Posyandu."),
    Level.REFER: W(
        "Rujuk ke Pustu/Puskesmas untuk pemeriksaan lanjut.",
        "Refer to the Pustu/Puskesmas for further examination.",
    ),
    Level.URGENT: W(
        "Hubungi nakes hari ini, jangan ditunda.", "Contact a health worker today, do not wait."
    ),
}
NO_RESULT = W("Belum ada hasil", "No result yet")
STATE = {
    SectionState.NOT_ASKED: W("Tidak ditanyakan", "Not asked"),
    SectionState.INCOMPLETE: W("Belum lengkap", "Incomplete"),
    SectionState.COMPLETE: W("Lengkap", "Complete"),
}
SEX = {"L": W("Laki-laki", "Male"), "P": W("Perempuan", "Female")}
PLACE = {
    "posyandu": W("Posyandu", "Posyandu"),
    "kunjungan_rumah": W("Kunjungan rumah", "Home visit"),
}
MONTHS = (
    W("Januari", "January"),
    W("Februari", "February"),
    W("Maret", "March"),
    W("April", "April"),
    W("Mei", "May"),
    W("Juni", "June"),
    W("Juli", "July"),
    W("Agustus", "August"),
    W("September", "September"),
    W("Oktober", "October"),
    W("November", "November"),
    W("Desember", "December"),
)
NONE_LISTED = W("tidak ada", "none")
NOT_CLASSIFIED = W("Tidak dinilai (di bawah batas usia)", "Not classified (below the age limit)")
REFUSAL = {
    Problem.NOT_A_NUMBER: W("{field}: isi dengan angka", "{field}: enter a number"),
    Problem.NOT_WHOLE: W("{field} harus bilangan bulat", "{field} must be a whole number"),
    Problem.OUT_OF_RANGE: W(
        "{field} di luar batas wajar ({range})", "{field} is outside the plausible range ({range})"
    ),
    Problem.TOO_MANY_DECIMALS: W(
        "{field}: paling banyak {maximum} angka di belakang koma",
        "{field}: at most {maximum} digits after the decimal point",
    ),
    Problem.SYSTOLIC_NOT_ABOVE_DIASTOLIC: W(
        "{field}: sistolik (atas) harus lebih besar dari diastolik (bawah)",
        "{field}: systolic (upper) must be higher than diastolic (lower)",
    ),
    Problem.UNKNOWN_CODE: W("{field}: pilihan tidak dikenal", "{field}: unknown choice"),
    Problem.TOO_MANY: W("{field}: paling banyak {maximum}", "{field}: at most {maximum}"),
    Problem.NOT_OFFERED: W(
        "{section} tidak diberikan untuk warga ini pada tanggal pemeriksaan",
        "{section} is not offered to this resident on the screening date",
    ),
    Problem.INVALID: W("{field} tidak valid", "{field} is not valid"),
}
RANGE = {
    "both": W("{minimum}–{maximum}{unit}", "{minimum}–{maximum}{unit}"),
    "low": W("paling sedikit {minimum}{unit}", "at least {minimum}{unit}"),
    "high": W("paling banyak {maximum}{unit}", "at most {maximum}{unit}"),
}
MISSING = W("Belum diisi: {fields}", "Still to fill in: {fields}")
# Fields a refusal can name outside any one section.
GENERAL_FIELDS = {
    "section": W("Bagian", "Section"),
    "inputs": W("Isian", "Entries"),
    "date": W("Tanggal pemeriksaan", "Screening date"),
    "birth_date": W("Tanggal lahir", "Birth date"),
    "sex": W("Jenis kelamin", "Sex"),
    "bp_scheme": W("Skema tensi", "Blood pressure scheme"),
    "bmi_scheme": W("Skema IMT", "BMI scheme"),
    "tb_cough_min_days": W("Batas lama batuk", "Minimum cough duration"),
}


@cache
def _section_words() -> dict[str, SectionWords]:
    found: dict[str, SectionWords] = {}
    for module_info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        words = getattr(module, "WORDS", None)
        if isinstance(words, SectionWords):
            found[module_info.name] = words
    return found


def section_words(section: str) -> SectionWords | None:
    """The words of section ``section`` (``None`` for a code no module has words for)."""
    return _section_words().get(section)


def _humane(code: str) -> str:
    return code.replace("_", " ").capitalize()


def section_title(section: str, lang: Language = "id") -> str:
    words = section_words(section)
    return words.title.get(lang) if words else _humane(section)


def section_short_title(section: str, lang: Language = "id") -> str:
    """The section's title where room is scarce: ``ADL`` for ``ADL (indeks Barthel)``."""
    words = section_words(section)
    if words is not None and words.short is not None:
        return words.short.get(lang)
    return section_title(section, lang)


def class_text(section: str, code: str | None, lang: Language = "id") -> str:
    """The class in words; ``None`` (no class) reads "Belum ada hasil"."""
    if code is None:
        return NO_RESULT.get(lang)
    if code == "not_classified":
        return NOT_CLASSIFIED.get(lang)
    words = section_words(section)
    text = words.classes.get(code) if words else None
    return text.get(lang) if text else _humane(code)


def level_text(level: Level | str | None, lang: Language = "id") -> str:
    if level is None:
        return NO_RESULT.get(lang)
    return LEVEL[Level(level)].get(lang)


def state_text(state: SectionState | str, lang: Language = "id") -> str:
    return STATE[SectionState(state)].get(lang)


def sex_text(code: str, lang: Language = "id") -> str:
    words = SEX.get(code)
    return words.get(lang) if words else code


def place_text(code: str, lang: Language = "id") -> str:
    words = PLACE.get(code)
    return words.get(lang) if words else _humane(code)


def month_name(month: int, lang: Language = "id") -> str:
    return MONTHS[month - 1].get(lang)


def month_title(month: date, lang: Language = "id") -> str:
    """``Maret 2025``."""
    return f"{month_name(month.month, lang)} {month.year}"


def next_step_text(
    section: str, code: str | None, level: Level | str | None, lang: Language = "id"
) -> str:
    """What the kader does next for this class (the level's own step when none is set)."""
    if level is None or code is None:
        return ""
    lvl = Level(level)
    words = section_words(section)
    if words is not None:
        step = words.next_steps.get(f"{code}/{lvl.value}") or words.next_steps.get(code)
        if step is not None:
            return step.get(lang)
    return LEVEL_NEXT_STEP[lvl].get(lang)


def item_text(section: str, key: str, lang: Language = "id") -> str:
    words = section_words(section)
    text = words.items.get(key) if words else None
    return text.get(lang) if text else _humane(key)


def number_text(value: object, lang: Language = "id") -> str:
    """A number as a kader writes it: ``24,2`` in Indonesian, ``24.2`` in English."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, Decimal):
        value = float(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, float):
        text = f"{value:g}"
        return text.replace(".", ",") if lang == "id" else text
    return str(value)


class _KeepMissing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, params: Mapping[str, Any], lang: Language = "id") -> str:
    """Fill ``{name}`` placeholders; a missing parameter shows as ``?`` rather than failing."""
    shown = _KeepMissing()
    for key, value in params.items():
        if isinstance(value, list | tuple | set | frozenset):
            shown[key] = ", ".join(number_text(v, lang) for v in sorted(value, key=_sort_key))
        else:
            shown[key] = number_text(value, lang)
    try:
        return template.format_map(shown)
    except (ValueError, IndexError):
        return template


def _sort_key(value: object) -> tuple[int, object]:
    return (0, value) if isinstance(value, int | float) else (1, str(value))


def _worded(section: str, params: Mapping[str, Any], lang: Language) -> dict[str, Any]:
    """Reason params with the codes inside them (items, sex, kind...) replaced by words."""
    words = section_words(section)
    items = words.items if words else {}
    out: dict[str, Any] = {}
    for key, value in params.items():
        if key == "sex" and isinstance(value, str):
            out[key] = sex_text(value, lang).lower()
        elif key == "section" and isinstance(value, str):
            out[key] = section_title(value, lang)
        elif isinstance(value, str) and value in items:
            out[key] = items[value].get(lang).lower()
        elif isinstance(value, list | tuple) and any(isinstance(v, str) for v in value):
            worded = [items[v].get(lang).lower() if v in items else str(v) for v in value]
            out[key] = ", ".join(worded) if worded else NONE_LISTED.get(lang)
        elif isinstance(value, list | tuple) and not value:
            out[key] = NONE_LISTED.get(lang)
        else:
            out[key] = value
    return out


@cache
def _reason_owner() -> dict[str, str]:
    return {code: section for section, w in _section_words().items() for code in w.reasons}


UNDER_AGE = W(
    "{section} dinilai mulai usia {minimum_age} tahun; usia warga {age} tahun. "
    "Disimpan tanpa penilaian.",
    "{section} is classified from age {minimum_age}; the resident is {age}. "
    "Saved without a classification.",
)


def reason_text(reason: Reason, lang: Language = "id") -> str:
    """Words for one reason; an unknown code still says something rather than nothing."""
    if reason.code == "section_under_age":
        return fill(UNDER_AGE.get(lang), _worded("", reason.params, lang), lang)
    section = _reason_owner().get(reason.code)
    words = section_words(section) if section else None
    if section is None or words is None:
        return reason.code.replace("_", " ")
    return fill(words.reasons[reason.code].get(lang), _worded(section, reason.params, lang), lang)


def field_text(
    section: str, field_name: str, index: int | None = None, lang: Language = "id"
) -> str:
    """The name of an input in the kader's words: ``Sistolik pengukuran 2``."""
    words = section_words(section)
    text = words.fields.get(field_name) if words else None
    if text is None:
        text = GENERAL_FIELDS.get(field_name)
    name = text.get(lang) if text else _humane(field_name)
    if index is None:
        return name
    label = words.index_label if words else W("ke-{n}", "no. {n}")
    return f"{name} {fill(label.get(lang), {'n': index}, lang)}"


def _range_text(error: RuleInputError, lang: Language) -> str:
    unit = f" {error.unit}" if error.unit else ""
    params = {"minimum": error.minimum, "maximum": error.maximum, "unit": unit}
    if error.minimum is not None and error.maximum is not None:
        return fill(RANGE["both"].get(lang), params, lang)
    if error.minimum is not None:
        return fill(RANGE["low"].get(lang), params, lang)
    if error.maximum is not None:
        return fill(RANGE["high"].get(lang), params, lang)
    return ""


def refusal_text(error: RuleInputError, lang: Language = "id") -> str:
    """Why an input was refused, naming the field in the kader's words (never the value)."""
    template = REFUSAL.get(error.problem, REFUSAL[Problem.INVALID])
    params = {
        "field": field_text(error.section, error.field, error.index, lang),
        "section": section_title(error.section, lang),
        "range": _range_text(error, lang),
        "minimum": error.minimum,
        "maximum": error.maximum,
    }
    text = fill(template.get(lang), params, lang)
    return text.replace(" ()", "")


def missing_text(section: str, missing: Iterable[Missing], lang: Language = "id") -> str:
    """What is still to fill in: ``Belum dijawab: nomor 3, 7`` or ``Belum diisi: Diastolik``."""
    entries = list(missing)
    if not entries:
        return ""
    words = section_words(section)
    fields = {name for name, _ in entries}
    if words is not None and words.missing_items is not None and len(fields) == 1:
        numbers = [index for _, index in entries if index is not None]
        return fill(words.missing_items.get(lang), {"items": numbers, "count": len(numbers)}, lang)
    names = [field_text(section, name, index, lang) for name, index in entries]
    return fill(MISSING.get(lang), {"fields": ", ".join(names)}, lang)


def result_text(result: SectionResult, lang: Language = "id") -> str:
    """A section's outcome in one line: ``Tensi 150/95 mmHg — Hipertensi derajat 1``."""
    title = section_title(result.section, lang)
    if not result.is_complete:
        detail = missing_text(result.section, result.missing, lang)
        not_classified = any(r.code == "section_under_age" for r in result.reasons)
        state = NOT_CLASSIFIED.get(lang) if not_classified else state_text(result.state, lang)
        return f"{title}: {state}" + (f" ({detail})" if detail else "")
    words = section_words(result.section)
    template = words.summary if words is not None else None
    summary = ""
    if isinstance(template, W):
        values = _worded(result.section, result.values, lang)
        summary = " " + fill(template.get(lang), values, lang)
    elif template is not None:
        summary = " " + template(result.values, lang)
    return f"{title}{summary} — {class_text(result.section, result.code, lang)}"
