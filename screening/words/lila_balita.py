"""Words of the LiLA balita section (6–59 months)."""

from __future__ import annotations

from screening.words import SectionWords, W

CLASSES = {
    "gizi_buruk": W("Gizi buruk", "Severe acute malnutrition"),
    "gizi_kurang": W("Gizi kurang", "Moderate acute malnutrition"),
    "normal": W("Normal", "Normal"),
}

WORDS = SectionWords(
    title=W("LiLA balita", "Child MUAC"),
    classes=CLASSES,
    reasons={
        "lila_balita_value": W(
            "LiLA {lila_cm} cm: {class} (gizi kurang di bawah 12,5 cm, gizi buruk di bawah 11,5).",
            "MUAC {lila_cm} cm: {class} (moderate below 12.5 cm, severe below 11.5).",
        ),
    },
    fields={"lila_cm": W("LiLA (lingkar lengan atas)", "MUAC (mid-upper arm circumference)")},
    items=dict(CLASSES),
    next_steps={
        "gizi_buruk": W("Hubungi nakes hari ini.", "Contact a health worker today."),
        "gizi_kurang": W("Rujuk ke Pustu/Puskesmas.", "Refer to the Pustu/Puskesmas."),
        "normal": W("Lanjutkan timbang tiap bulan.", "Keep weighing every month."),
    },
    summary=W("{lila_cm} cm", "{lila_cm} cm"),
)
