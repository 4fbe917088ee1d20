"""Bahasa Indonesia words for the stable screening codes: sections, classes, levels, sex, months.

Words only, no decisions. A leaf shared by the app's reports and the Puskesmas server (which may
not import the app); the GUI has its own translatable copy in `kader_app/ui/labels.py`.
"""

from __future__ import annotations

from datetime import date

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

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

SEX_TEXT = {"L": "Laki-laki", "P": "Perempuan"}


def class_text(section: str, code: str) -> str:
    """The class in words; `not_classified` and unknown codes say so rather than failing."""
    if code == "not_classified":
        return "Tidak dinilai (di bawah batas usia)"
    return CLASS_TEXT.get((section, code), code)


def reason_text(section: str, code: str) -> str:
    """`Tensi: Hipertensi derajat 2` — a section's result as a referral reason."""
    return f"{SECTION_TITLE.get(section, section)}: {class_text(section, code)}"


def month_title(month: date) -> str:
    """``Maret 2025``."""
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"
