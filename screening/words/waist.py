"""Words of the lingkar perut section: title, classes, reasons, fields, next steps."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Lingkar perut", "Waist"),
    classes={
        "normal": W("Normal", "Normal"),
        "central_obesity": W("Obesitas sentral", "Central obesity"),
        "not_classified": W(
            "Tidak dinilai (di bawah batas usia)", "Not classified (below the age limit)"
        ),
    },
    reasons={
        "waist_normal": W(
            "Lingkar perut {waist_cm} cm (batas {sex}: {limit} cm).",
            "Waist {waist_cm} cm (limit for {sex}: {limit} cm).",
        ),
        "waist_central_obesity": W(
            "Lingkar perut {waist_cm} cm, lebih dari {limit} cm untuk {sex}.",
            "Waist {waist_cm} cm, more than {limit} cm for {sex}.",
        ),
    },
    fields={"waist_cm": W("Lingkar perut", "Waist")},
    next_steps={
        "central_obesity": W(
            "Edukasi pola makan dan aktivitas fisik; ukur lagi bulan depan.",
            "Advice on diet and physical activity; measure again next month.",
        ),
    },
    summary=W("{waist_cm} cm", "{waist_cm} cm"),
)
