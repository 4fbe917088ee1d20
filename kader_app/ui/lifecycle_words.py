"""Words the life-cycle panels and the KMS chart show that the vocabulary does not hold yet.

Each entry is keyed (section, table, key) by where it belongs in `kader_app.core.words`
(``fields`` or ``items`` of that section's ``WORDS``). :func:`word` prefers the vocabulary, so
an entry moved there is no longer read from here. Words only: nothing here decides anything.
"""

from __future__ import annotations

from typing import Final, Literal

from kader_app.core import words
from kader_app.core.words import W
from kader_app.ui.labels import language

Table = Literal["fields", "items"]

_ADL_SCORES: Final = {
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

PENDING: Final[dict[tuple[str, Table, str], W]] = {
    ("antropometri_balita", "items", "recumbent"): W("Terlentang (PB)", "Lying down (length)"),
    ("antropometri_balita", "items", "standing"): W("Berdiri (TB)", "Standing (height)"),
    ("antropometri_balita", "items", "kms_wfa"): W(
        "Berat badan menurut umur (BB/U)", "Weight-for-age"
    ),
    ("antropometri_balita", "items", "kms_lhfa"): W(
        "Panjang/tinggi badan menurut umur (PB/U, TB/U)", "Length/height-for-age"
    ),
    ("antropometri_balita", "items", "age_months"): W("Umur (bulan)", "Age (months)"),
    ("imunisasi", "fields", "reviewed"): W(
        "Sudah dicek di buku KIA: tidak ada imunisasi baru",
        "Checked in the KIA book: no new immunisation",
    ),
    ("imunisasi", "items", "date_hint"): W(
        "Tanggal diberikan: hh-bb-tttt (tekan H untuk hari ini).",
        "Date given: dd-mm-yyyy (press H for today).",
    ),
    **{
        ("adl", "items", f"{key}_{score}"): W(text_id, text_en)
        for key, scores in _ADL_SCORES.items()
        for score, (text_id, text_en) in enumerate(scores)
    },
}


def word(section: str, table: Table, key: str) -> str:
    """The vocabulary's word for ``key`` in ``section``'s ``table``, else the pending one.

    Raises:
        KeyError: a key neither holds (a typo in a panel, found by its tests).
    """
    found = words.section_words(section)
    entry = getattr(found, table).get(key) if found is not None else None
    if entry is None:
        entry = PENDING[(section, table, key)]
    return entry.get(language())


def none_listed() -> str:
    """The words for an empty list ("tidak ada")."""
    return words.NONE_LISTED.get(language())
