"""What a staff member may record when a referral has been followed up, plus the shared words.

The words for the stable codes live in `sync.vocabulary` (shared with the app's reports).
"""

from __future__ import annotations

from sync.vocabulary import CLASS_TEXT, LEVEL_TEXT, SECTION_TITLE, SEX_TEXT, class_text, reason_text

__all__ = [
    "CLASS_TEXT",
    "FOLLOW_UP_OUTCOMES",
    "LEVEL_TEXT",
    "SECTION_TITLE",
    "SEX_TEXT",
    "class_text",
    "reason_text",
]

FOLLOW_UP_OUTCOMES = {
    "datang": "Sudah datang ke Puskesmas/Pustu",
    "dikunjungi": "Sudah dikunjungi nakes di rumah",
    "dirujuk_lanjut": "Dirujuk lanjut ke rumah sakit",
    "tidak_dapat_dihubungi": "Tidak dapat dihubungi",
    "menolak": "Menolak rujukan",
    "meninggal_pindah": "Pindah atau meninggal",
}
