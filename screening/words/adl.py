"""Words of the ADL (modified Barthel) section: the ten items as on the ILP form."""

from __future__ import annotations

from screening.rules.adl import ADL_ITEMS, item_field
from screening.words import SectionWords, W

ITEMS = {
    "bowels": W("Mengendalikan BAB", "Bowel control"),
    "bladder": W("Mengendalikan BAK", "Bladder control"),
    "grooming": W("Membersihkan diri (wajah, rambut, gigi, cukur)", "Grooming"),
    "toilet": W("Penggunaan toilet", "Toilet use"),
    "feeding": W("Makan", "Feeding"),
    "transfer": W("Berpindah kursi ↔ tempat tidur", "Transfer chair ↔ bed"),
    "mobility": W("Berjalan di permukaan datar", "Walking on level ground"),
    "dressing": W("Berpakaian", "Dressing"),
    "stairs": W("Naik turun tangga", "Stairs"),
    "bathing": W("Mandi", "Bathing"),
}

# The answers of each item, by score (the form's own words).
_SCORES = {
    "bowels": (
        ("tak terkendali/pencahar", "incontinent or needs laxatives"),
        ("kadang (1×/minggu)", "occasional accident (once a week)"),
        ("terkendali", "continent"),
    ),
    "bladder": (
        ("tak terkendali/kateter", "incontinent or catheterised"),
        ("kadang (≤ 1×/24 jam)", "occasional accident (once in 24 h)"),
        ("mandiri", "continent"),
    ),
    "grooming": (("butuh bantuan", "needs help"), ("mandiri", "independent")),
    "toilet": (
        ("tergantung", "dependent"),
        ("perlu sebagian bantuan", "needs some help"),
        ("mandiri", "independent"),
    ),
    "feeding": (
        ("tidak mampu", "unable"),
        ("perlu dipotongkan", "needs food cut up"),
        ("mandiri", "independent"),
    ),
    "transfer": (
        ("tidak mampu", "unable"),
        ("bantuan besar (2 orang)", "major help (2 people)"),
        ("bantuan kecil (1 orang)", "minor help (1 person)"),
        ("mandiri", "independent"),
    ),
    "mobility": (
        ("tidak mampu", "immobile"),
        ("mandiri dengan kursi roda", "independent in a wheelchair"),
        ("dibantu 1 orang", "walks with 1 person's help"),
        ("mandiri", "independent"),
    ),
    "dressing": (
        ("tergantung", "dependent"),
        ("sebagian dibantu", "needs some help"),
        ("mandiri", "independent"),
    ),
    "stairs": (
        ("tidak mampu", "unable"),
        ("butuh bantuan", "needs help"),
        ("mandiri", "independent"),
    ),
    "bathing": (("tergantung", "dependent"), ("mandiri", "independent")),
}

SCORES = {
    f"{key}_{score}": W(text_id, text_en)
    for key, answers in _SCORES.items()
    for score, (text_id, text_en) in enumerate(answers)
}

WORDS = SectionWords(
    title=W("ADL (indeks Barthel)", "ADL (Barthel index)"),
    short=W("ADL", "ADL"),
    classes={
        "mandiri": W("Mandiri (A)", "Independent (A)"),
        "ketergantungan_ringan": W("Ketergantungan ringan (B)", "Mild dependency (B)"),
        "ketergantungan_sedang": W("Ketergantungan sedang (B)", "Moderate dependency (B)"),
        "ketergantungan_berat": W("Ketergantungan berat (C)", "Severe dependency (C)"),
        "ketergantungan_total": W("Ketergantungan total (C)", "Total dependency (C)"),
    },
    reasons={
        "adl_score": W(
            "Skor ADL {score} dari 20 (kategori {grade}).", "ADL score {score} of 20 ({grade})."
        ),
    },
    fields={
        "items": W("Butir ADL", "ADL items"),
        **{
            item_field(number): W(
                f"Butir {number}: {ITEMS[key].id}", f"Item {number}: {ITEMS[key].en}"
            )
            for number, key, _ in ADL_ITEMS
        },
    },
    items={**ITEMS, **SCORES},
    next_steps={
        "mandiri": W("Ulangi penilaian ADL tiap tahun.", "Repeat the ADL assessment every year."),
        **{
            code: W("Rujuk ke Pustu/Puskesmas.", "Refer to the Pustu/Puskesmas.")
            for code in (
                "ketergantungan_ringan",
                "ketergantungan_sedang",
                "ketergantungan_berat",
                "ketergantungan_total",
            )
        },
    },
    summary=W("skor {score}", "score {score}"),
)
