"""Words of the IMT (adult BMI) section: title, classes, reasons, fields, next steps."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("IMT", "BMI"),
    classes={
        "kurang": W("Berat badan kurang", "Underweight"),
        "normal": W("Normal", "Normal"),
        "berisiko": W("Berisiko (berat badan lebih)", "At risk (overweight)"),
        "obesitas_1": W("Obesitas I", "Obesity I"),
        "obesitas_2": W("Obesitas II", "Obesity II"),
        "kurus_berat": W("Kurus berat", "Severely thin"),
        "kurus_ringan": W("Kurus ringan", "Mildly thin"),
        "gemuk_ringan": W("Gemuk ringan", "Mildly overweight"),
        "obesitas": W("Obesitas", "Obesity"),
        "not_classified": W(
            "Tidak dinilai (di bawah batas usia)", "Not classified (below the age limit)"
        ),
    },
    reasons={
        "bmi_underweight": W("IMT {bmi} (sampai {maximum}).", "BMI {bmi} (up to {maximum})."),
        "bmi_normal": W(
            "IMT {bmi} (normal {minimum}–{maximum}).", "BMI {bmi} (normal {minimum}–{maximum})."
        ),
        "bmi_overweight": W(
            "IMT {bmi} (rentang {minimum}–{maximum}).", "BMI {bmi} (range {minimum}–{maximum})."
        ),
        "bmi_obese": W("IMT {bmi} ({minimum} atau lebih).", "BMI {bmi} ({minimum} or more)."),
    },
    fields={
        "weight_kg": W("Berat badan", "Weight"),
        "height_cm": W("Tinggi badan", "Height"),
    },
    next_steps={
        "kurang": W(
            "Edukasi gizi; timbang lagi bulan depan.", "Nutrition advice; weigh again next month."
        ),
        "kurus_berat": W(
            "Edukasi gizi; timbang lagi bulan depan.", "Nutrition advice; weigh again next month."
        ),
        "kurus_ringan": W(
            "Edukasi gizi; timbang lagi bulan depan.", "Nutrition advice; weigh again next month."
        ),
    },
    summary=W("{bmi}", "{bmi}"),
)
