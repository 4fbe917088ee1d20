"""The dashboard's own words: what staff may record when a referral has been followed up.

Words for the stable screening codes (sections, classes, levels, sex, months) are never kept
here: they come from `screening.words`, the one vocabulary.
"""

from __future__ import annotations

FOLLOW_UP_OUTCOMES = {
    "datang": "Sudah datang ke Puskesmas/Pustu",
    "dikunjungi": "Sudah dikunjungi nakes di rumah",
    "dirujuk_lanjut": "Dirujuk lanjut ke rumah sakit",
    "tidak_dapat_dihubungi": "Tidak dapat dihubungi",
    "menolak": "Menolak rujukan",
    "meninggal_pindah": "Pindah atau meninggal",
}

AUDIT_BREAKS = {
    "altered": "isi catatan diubah",
    "unlinked": "catatan tidak menyambung",
    "missing": "catatan hilang",
    "changed": "catatan yang sudah dikirim berubah",
}
"""How a device's audit chain broke, as the devices page says it."""
