"""Words of the LiLA in pregnancy (KEK) section."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("LiLA ibu hamil", "MUAC in pregnancy"),
    classes={
        "kek": W("Risiko KEK (Kurang Energi Kronis)", "Risk of chronic energy deficiency"),
        "normal": W("Normal", "Normal"),
    },
    reasons={
        "lila_hamil_kek": W(
            "LiLA {lila_cm} cm, di bawah {limit} cm.", "MUAC {lila_cm} cm, below {limit} cm."
        ),
        "lila_hamil_normal": W(
            "LiLA {lila_cm} cm ({limit} cm ke atas).", "MUAC {lila_cm} cm ({limit} cm or more)."
        ),
    },
    fields={
        "lila_cm": W("LiLA (lingkar lengan atas)", "MUAC (mid-upper arm circumference)"),
        "pregnant": W(
            "Hamil (hanya perempuan usia 10–55 tahun)", "Pregnant (women aged 10–55 only)"
        ),
    },
    next_steps={
        "kek": W(
            "Risiko KEK: rujuk ke Pustu/Puskesmas untuk PMT ibu hamil KEK.",
            "Risk of chronic energy deficiency: refer to the Pustu/Puskesmas for food support.",
        ),
        "normal": W("Ukur lagi pada kunjungan berikutnya.", "Measure again at the next visit."),
    },
    summary=W("{lila_cm} cm", "{lila_cm} cm"),
)
