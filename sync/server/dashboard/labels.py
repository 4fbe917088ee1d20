"""Bahasa Indonesia words for the codes the dashboard and exports show: sections, classes, levels.

Words only, no decisions. The server may not import the app, so this is the server's own copy of
the labels in `kader_app/ui/labels.py`; codes are the stable ones of SCREENING_RULES.md §7.
"""

from __future__ import annotations

SECTION_TITLE = {
    "bmi": "IMT",
    "waist": "Lingkar perut",
    "blood_pressure": "Tensi",
    "glucose": "Gula darah",
    "tb": "TBC",
    "srq20": "Jiwa (SRQ-20)",
}

CLASS_TEXT: dict[tuple[str, str], str] = {
    ("blood_pressure", "optimal"): "Optimal",
    ("blood_pressure", "normal"): "Normal",
    ("blood_pressure", "normal_tinggi"): "Normal tinggi",
    ("blood_pressure", "prehipertensi"): "Prehipertensi",
    ("blood_pressure", "hipertensi_1"): "Hipertensi derajat 1",
    ("blood_pressure", "hipertensi_2"): "Hipertensi derajat 2",
    ("blood_pressure", "hipertensi_3"): "Hipertensi derajat 3",
    ("glucose", "hipoglikemia"): "Hipoglikemia",
    ("glucose", "rendah"): "Gula darah rendah",
    ("glucose", "normal"): "Normal",
    ("glucose", "prediabetes"): "Prediabetes (curiga)",
    ("glucose", "curiga_diabetes"): "Curiga diabetes",
    ("bmi", "kurang"): "Berat badan kurang",
    ("bmi", "normal"): "Normal",
    ("bmi", "berisiko"): "Berisiko (berat badan lebih)",
    ("bmi", "obesitas_1"): "Obesitas I",
    ("bmi", "obesitas_2"): "Obesitas II",
    ("bmi", "kurus_berat"): "Kurus berat",
    ("bmi", "kurus_ringan"): "Kurus ringan",
    ("bmi", "gemuk_ringan"): "Gemuk ringan",
    ("bmi", "obesitas"): "Obesitas",
    ("waist", "central_obesity"): "Obesitas sentral",
    ("waist", "normal"): "Normal",
    ("tb", "terduga_tbc"): "Terduga TBC",
    ("tb", "kontak_erat"): "Kontak erat TBC",
    ("tb", "bukan_terduga"): "Bukan terduga TBC",
    ("srq20", "normal"): "Normal",
    ("srq20", "berpotensi_masalah_jiwa"): "Berpotensi masalah kesehatan jiwa",
    ("srq20", "belum_lengkap"): "Belum lengkap",
}

LEVEL_TEXT = {
    "none": "Tidak perlu rujukan",
    "monitor": "Pantau / cek lagi",
    "refer": "Rujuk ke Puskesmas",
    "urgent": "Hubungi nakes hari ini",
}

# What a staff member may record when a referral has been followed up.
FOLLOW_UP_OUTCOMES = {
    "datang": "Sudah datang ke Puskesmas/Pustu",
    "dikunjungi": "Sudah dikunjungi nakes di rumah",
    "dirujuk_lanjut": "Dirujuk lanjut ke rumah sakit",
    "tidak_dapat_dihubungi": "Tidak dapat dihubungi",
    "menolak": "Menolak rujukan",
    "meninggal_pindah": "Pindah atau meninggal",
}

SEX_TEXT = {"L": "Laki-laki", "P": "Perempuan"}


def class_text(section: str, code: str) -> str:
    """The class in words; `not_classified` and unknown codes say so rather than failing."""
    if code == "not_classified":
        return "Tidak dinilai (di bawah batas usia)"
    return CLASS_TEXT.get((section, code), code)


def reason_text(section: str, code: str) -> str:
    """`Tensi: Hipertensi derajat 2` — a section's result as a referral reason."""
    return f"{SECTION_TITLE.get(section, section)}: {class_text(section, code)}"
