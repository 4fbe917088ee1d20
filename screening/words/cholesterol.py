"""Words of the kolesterol section: title, classes, reasons, fields, next steps."""

from __future__ import annotations

from collections.abc import Mapping

from screening.words import Language, SectionWords, W, number_text


def _summary(values: Mapping[str, object], lang: Language) -> str:
    return str(values.get("meter") or f"{number_text(values.get('value'), lang)} mg/dL")


WORDS = SectionWords(
    title=W("Kolesterol", "Cholesterol"),
    classes={
        "normal": W("Normal", "Normal"),
        "batas_tinggi": W("Batas tinggi", "Borderline high"),
        "tinggi": W("Tinggi", "High"),
    },
    reasons={
        "cholesterol_meter_lo": W(
            "Alat menunjukkan LO (di bawah batas ukur alat).",
            "The meter shows LO (below its range).",
        ),
        "cholesterol_meter_hi": W(
            "Alat menunjukkan HI (di atas batas ukur alat).",
            "The meter shows HI (above its range).",
        ),
        "cholesterol_normal": W(
            "Kolesterol total {value} mg/dL (di bawah {limit}).",
            "Total cholesterol {value} mg/dL (below {limit}).",
        ),
        "cholesterol_borderline": W(
            "Kolesterol total {value} mg/dL (batas tinggi {minimum}–{maximum}).",
            "Total cholesterol {value} mg/dL (borderline high {minimum}–{maximum}).",
        ),
        "cholesterol_high": W(
            "Kolesterol total {value} mg/dL ({limit} atau lebih).",
            "Total cholesterol {value} mg/dL ({limit} or more).",
        ),
    },
    fields={"value": W("Kolesterol total", "Total cholesterol")},
    next_steps={
        "batas_tinggi": W(
            "Cek lagi dalam 3 bulan; edukasi diet rendah lemak jenuh dan aktivitas fisik.",
            "Recheck in 3 months; advise a diet low in saturated fat and physical activity.",
        ),
        "tinggi": W(
            "Rujuk ke Puskesmas untuk pemeriksaan lanjut kolesterol.",
            "Refer to the Puskesmas for further cholesterol tests.",
        ),
    },
    summary=_summary,
)
