"""Words for every stable code the core returns: classes, levels, reasons, NIK and input errors.

Source strings are Bahasa Indonesia and go through Qt's translation layer (context ``labels``);
this module only maps codes to text and must never decide a classification itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication

from kader_app.core.rules.common import Level, Reason


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802, ARG001
    """Marks ``text`` for lupdate (it looks for this name) and returns it untranslated."""
    return text


def tr(text: str) -> str:
    """Translate a source string registered with ``QT_TRANSLATE_NOOP("labels", ...)``."""
    return QCoreApplication.translate("labels", text)


class _KeepMissing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "?"


def fill(template: str, params: Mapping[str, Any]) -> str:
    """Fill ``{name}`` placeholders; a missing parameter shows as ``?`` rather than failing."""
    shown = _KeepMissing()
    for key, value in params.items():
        if isinstance(value, list | tuple | set | frozenset):
            shown[key] = ", ".join(str(v) for v in sorted(value, key=str))
        elif isinstance(value, float):
            shown[key] = f"{value:g}".replace(".", ",")
        else:
            shown[key] = value
    try:
        return template.format_map(shown)
    except (ValueError, IndexError):
        return template


LEVEL_TEXT = {
    Level.NONE: QT_TRANSLATE_NOOP("labels", "Tidak perlu rujukan"),
    Level.MONITOR: QT_TRANSLATE_NOOP("labels", "Pantau / cek lagi"),
    Level.REFER: QT_TRANSLATE_NOOP("labels", "Rujuk ke Puskesmas"),
    Level.URGENT: QT_TRANSLATE_NOOP("labels", "Hubungi nakes hari ini"),
}

LEVEL_NEXT_STEP = {
    Level.NONE: QT_TRANSLATE_NOOP("labels", "Beri edukasi hidup sehat; periksa lagi bulan depan."),
    Level.MONITOR: QT_TRANSLATE_NOOP("labels", "Cek lagi di Posyandu berikutnya."),
    Level.REFER: QT_TRANSLATE_NOOP("labels", "Rujuk ke Pustu/Puskesmas untuk pemeriksaan lanjut."),
    Level.URGENT: QT_TRANSLATE_NOOP("labels", "Hubungi nakes hari ini, jangan ditunda."),
}

# Background colours of the level badges; the words always travel with the colour.
LEVEL_COLOUR = {
    Level.NONE: ("#1b7f3b", "#ffffff"),
    Level.MONITOR: ("#f2c200", "#1a1a1a"),
    Level.REFER: ("#d9600b", "#ffffff"),
    Level.URGENT: ("#b3001b", "#ffffff"),
}

SECTION_TITLE = {
    "anthropometry": QT_TRANSLATE_NOOP("labels", "Antropometri"),
    "bmi": QT_TRANSLATE_NOOP("labels", "IMT"),
    "waist": QT_TRANSLATE_NOOP("labels", "Lingkar perut"),
    "blood_pressure": QT_TRANSLATE_NOOP("labels", "Tensi"),
    "glucose": QT_TRANSLATE_NOOP("labels", "Gula darah"),
    "tb": QT_TRANSLATE_NOOP("labels", "TBC"),
    "srq20": QT_TRANSLATE_NOOP("labels", "Jiwa (SRQ-20)"),
}

CLASS_TEXT: dict[tuple[str, str], str] = {
    ("blood_pressure", "optimal"): QT_TRANSLATE_NOOP("labels", "Optimal"),
    ("blood_pressure", "normal"): QT_TRANSLATE_NOOP("labels", "Normal"),
    ("blood_pressure", "normal_tinggi"): QT_TRANSLATE_NOOP("labels", "Normal tinggi"),
    ("blood_pressure", "prehipertensi"): QT_TRANSLATE_NOOP("labels", "Prehipertensi"),
    ("blood_pressure", "hipertensi_1"): QT_TRANSLATE_NOOP("labels", "Hipertensi derajat 1"),
    ("blood_pressure", "hipertensi_2"): QT_TRANSLATE_NOOP("labels", "Hipertensi derajat 2"),
    ("blood_pressure", "hipertensi_3"): QT_TRANSLATE_NOOP("labels", "Hipertensi derajat 3"),
    ("glucose", "hipoglikemia"): QT_TRANSLATE_NOOP("labels", "Hipoglikemia"),
    ("glucose", "rendah"): QT_TRANSLATE_NOOP("labels", "Gula darah rendah"),
    ("glucose", "normal"): QT_TRANSLATE_NOOP("labels", "Normal"),
    ("glucose", "prediabetes"): QT_TRANSLATE_NOOP("labels", "Prediabetes (curiga)"),
    ("glucose", "curiga_diabetes"): QT_TRANSLATE_NOOP("labels", "Curiga diabetes"),
    ("bmi", "kurang"): QT_TRANSLATE_NOOP("labels", "Berat badan kurang"),
    ("bmi", "normal"): QT_TRANSLATE_NOOP("labels", "Normal"),
    ("bmi", "berisiko"): QT_TRANSLATE_NOOP("labels", "Berisiko (berat badan lebih)"),
    ("bmi", "obesitas_1"): QT_TRANSLATE_NOOP("labels", "Obesitas I"),
    ("bmi", "obesitas_2"): QT_TRANSLATE_NOOP("labels", "Obesitas II"),
    ("bmi", "kurus_berat"): QT_TRANSLATE_NOOP("labels", "Kurus berat"),
    ("bmi", "kurus_ringan"): QT_TRANSLATE_NOOP("labels", "Kurus ringan"),
    ("bmi", "gemuk_ringan"): QT_TRANSLATE_NOOP("labels", "Gemuk ringan"),
    ("bmi", "obesitas"): QT_TRANSLATE_NOOP("labels", "Obesitas"),
    ("waist", "central_obesity"): QT_TRANSLATE_NOOP("labels", "Obesitas sentral"),
    ("waist", "normal"): QT_TRANSLATE_NOOP("labels", "Normal"),
    ("tb", "terduga_tbc"): QT_TRANSLATE_NOOP("labels", "Terduga TBC"),
    ("tb", "kontak_erat"): QT_TRANSLATE_NOOP("labels", "Kontak erat TBC"),
    ("tb", "bukan_terduga"): QT_TRANSLATE_NOOP("labels", "Bukan terduga TBC"),
    ("srq20", "normal"): QT_TRANSLATE_NOOP("labels", "Normal"),
    ("srq20", "berpotensi_masalah_jiwa"): QT_TRANSLATE_NOOP(
        "labels", "Berpotensi masalah kesehatan jiwa"
    ),
    ("srq20", "belum_lengkap"): QT_TRANSLATE_NOOP("labels", "Belum lengkap"),
}

NOT_CLASSIFIED_TEXT = QT_TRANSLATE_NOOP("labels", "Tidak dinilai (di bawah batas usia)")

# What to do next, where the class says more than its level does.
CLASS_NEXT_STEP: dict[tuple[str, str, Level], str] = {
    ("glucose", "rendah", Level.MONITOR): QT_TRANSLATE_NOOP(
        "labels", "Cek ulang gula darah hari ini."
    ),
    ("glucose", "prediabetes", Level.MONITOR): QT_TRANSLATE_NOOP(
        "labels", "Cek lagi dalam 3 bulan; edukasi pola makan dan aktivitas fisik."
    ),
    ("glucose", "curiga_diabetes", Level.REFER): QT_TRANSLATE_NOOP(
        "labels", "Rujuk ke Puskesmas untuk pemeriksaan gula darah lanjut."
    ),
    ("tb", "terduga_tbc", Level.REFER): QT_TRANSLATE_NOOP(
        "labels", "Rujuk ke Pustu untuk pemeriksaan dahak (dua sampel)."
    ),
    ("tb", "kontak_erat", Level.REFER): QT_TRANSLATE_NOOP(
        "labels", "Rujuk ke Puskesmas untuk penilaian pengobatan pencegahan TBC."
    ),
    ("srq20", "berpotensi_masalah_jiwa", Level.REFER): QT_TRANSLATE_NOOP(
        "labels", "Rujuk ke Puskesmas untuk pemeriksaan kesehatan jiwa."
    ),
    ("srq20", "berpotensi_masalah_jiwa", Level.URGENT): QT_TRANSLATE_NOOP(
        "labels", "Hubungi nakes hari ini; temani warga dan jangan tinggalkan sendirian."
    ),
    ("srq20", "belum_lengkap", Level.NONE): QT_TRANSLATE_NOOP(
        "labels", "Lengkapi semua pertanyaan agar bisa dinilai."
    ),
    ("bmi", "kurang", Level.MONITOR): QT_TRANSLATE_NOOP(
        "labels", "Edukasi gizi; timbang lagi bulan depan."
    ),
    ("waist", "central_obesity", Level.MONITOR): QT_TRANSLATE_NOOP(
        "labels", "Edukasi pola makan dan aktivitas fisik; ukur lagi bulan depan."
    ),
}

REASON_TEXT: dict[str, str] = {
    "bp_single": QT_TRANSLATE_NOOP("labels", "Tensi {systolic}/{diastolic} mmHg."),
    "bp_mean_of_two": QT_TRANSLATE_NOOP(
        "labels", "Rata-rata dua pengukuran: {systolic}/{diastolic} mmHg."
    ),
    "bp_systolic_high": QT_TRANSLATE_NOOP(
        "labels", "Sistolik {systolic} mmHg (kelas ini mulai {minimum})."
    ),
    "bp_diastolic_high": QT_TRANSLATE_NOOP(
        "labels", "Diastolik {diastolic} mmHg (kelas ini mulai {minimum})."
    ),
    "bp_isolated_systolic": QT_TRANSLATE_NOOP(
        "labels", "Hipertensi sistolik terisolasi: sistolik tinggi, diastolik di bawah 90."
    ),
    "bp_very_high": QT_TRANSLATE_NOOP(
        "labels", "Sangat tinggi (sistolik 180 ke atas atau diastolik 110 ke atas)."
    ),
    "glucose_converted": QT_TRANSLATE_NOOP("labels", "{mmol} mmol/L = {value} mg/dL."),
    "glucose_meter_lo": QT_TRANSLATE_NOOP(
        "labels", "Alat menunjukkan LO (terlalu rendah untuk diukur)."
    ),
    "glucose_meter_hi": QT_TRANSLATE_NOOP(
        "labels", "Alat menunjukkan HI (terlalu tinggi untuk diukur)."
    ),
    "glucose_below_60": QT_TRANSLATE_NOOP("labels", "Gula darah {value} mg/dL, di bawah {limit}."),
    "glucose_below_80_with_symptoms": QT_TRANSLATE_NOOP(
        "labels", "Gula darah {value} mg/dL (di bawah {limit}) dan ada gejala gula rendah."
    ),
    "glucose_low": QT_TRANSLATE_NOOP(
        "labels", "Gula darah {value} mg/dL ({minimum}–{maximum}) tanpa gejala."
    ),
    "glucose_very_high": QT_TRANSLATE_NOOP(
        "labels", "Gula darah {value} mg/dL ({limit} atau lebih)."
    ),
    "glucose_normal": QT_TRANSLATE_NOOP(
        "labels", "Gula darah {kind} {value} mg/dL (normal {minimum}–{maximum})."
    ),
    "glucose_prediabetes_range": QT_TRANSLATE_NOOP(
        "labels", "Gula darah {kind} {value} mg/dL (rentang {minimum}–{maximum})."
    ),
    "glucose_high": QT_TRANSLATE_NOOP(
        "labels", "Gula darah {kind} {value} mg/dL (rentang {minimum}–{maximum})."
    ),
    "bmi_underweight": QT_TRANSLATE_NOOP("labels", "IMT {bmi} (sampai {maximum})."),
    "bmi_normal": QT_TRANSLATE_NOOP("labels", "IMT {bmi} (normal {minimum}–{maximum})."),
    "bmi_overweight": QT_TRANSLATE_NOOP("labels", "IMT {bmi} (rentang {minimum}–{maximum})."),
    "bmi_obese": QT_TRANSLATE_NOOP("labels", "IMT {bmi} ({minimum} atau lebih)."),
    "waist_normal": QT_TRANSLATE_NOOP(
        "labels", "Lingkar perut {waist_cm} cm (batas {sex}: {limit} cm)."
    ),
    "waist_central_obesity": QT_TRANSLATE_NOOP(
        "labels", "Lingkar perut {waist_cm} cm, lebih dari {limit} cm untuk {sex}."
    ),
    "tb_cough": QT_TRANSLATE_NOOP("labels", "Ada batuk ({cough_days} hari)."),
    "tb_cough_too_short": QT_TRANSLATE_NOOP(
        "labels", "Batuk {cough_days} hari, kurang dari {min_days} hari: tidak dihitung sendiri."
    ),
    "tb_contact_and_symptoms": QT_TRANSLATE_NOOP(
        "labels", "Kontak TBC ({contact}) dan ada gejala: {symptoms}."
    ),
    "tb_contact_and_risks": QT_TRANSLATE_NOOP(
        "labels", "Kontak TBC ({contact}) dan faktor risiko: {risks}."
    ),
    "tb_risks_and_symptoms": QT_TRANSLATE_NOOP(
        "labels", "Faktor risiko: {risks}; gejala: {symptoms}."
    ),
    "tb_contact": QT_TRANSLATE_NOOP(
        "labels", "Kontak TBC ({contact}), tanpa gejala dan faktor risiko."
    ),
    "tb_no_criteria": QT_TRANSLATE_NOOP("labels", "Tidak memenuhi kriteria terduga TBC."),
    "srq20_suicidal_thoughts": QT_TRANSLATE_NOOP(
        "labels", 'Nomor {item} dijawab "ya": ada pikiran untuk mengakhiri hidup.'
    ),
    "srq20_incomplete": QT_TRANSLATE_NOOP("labels", "Belum dijawab: nomor {missing}."),
    "srq20_score_high": QT_TRANSLATE_NOOP("labels", 'Jawaban "ya": {score} (batas {threshold}).'),
    "srq20_score_normal": QT_TRANSLATE_NOOP(
        "labels", 'Jawaban "ya": {score} (di bawah {threshold}).'
    ),
    "section_under_age": QT_TRANSLATE_NOOP(
        "labels",
        "{section} dinilai mulai usia {minimum_age} tahun; usia warga {age} tahun. "
        "Disimpan tanpa penilaian.",
    ),
}

GLUCOSE_KIND_TEXT = {
    "sewaktu": QT_TRANSLATE_NOOP("labels", "sewaktu"),
    "puasa": QT_TRANSLATE_NOOP("labels", "puasa"),
}

TB_SYMPTOM_TEXT = {
    "weight_loss": QT_TRANSLATE_NOOP("labels", "Berat badan turun / nafsu makan turun tanpa sebab"),
    "fever": QT_TRANSLATE_NOOP("labels", "Demam tanpa sebab"),
    "lethargy": QT_TRANSLATE_NOOP("labels", "Badan lemas / lesu"),
    "night_sweats": QT_TRANSLATE_NOOP("labels", "Berkeringat malam tanpa kegiatan"),
    "breathless": QT_TRANSLATE_NOOP("labels", "Sesak napas tanpa nyeri dada"),
    "lymph_nodes": QT_TRANSLATE_NOOP("labels", "Benjolan di leher atau ketiak"),
}

TB_RISK_TEXT = {
    "previous_tb": QT_TRANSLATE_NOOP("labels", "Pernah diobati TBC"),
    "unfinished_treatment": QT_TRANSLATE_NOOP("labels", "Pengobatan TBC tidak tuntas"),
    "diabetes": QT_TRANSLATE_NOOP("labels", "Diabetes (kencing manis)"),
    "hiv": QT_TRANSLATE_NOOP("labels", "HIV"),
    "smoking": QT_TRANSLATE_NOOP("labels", "Merokok"),
    "malnutrition": QT_TRANSLATE_NOOP("labels", "Kurang gizi"),
    "age_over_65": QT_TRANSLATE_NOOP("labels", "Usia di atas 65 tahun"),
    "pregnancy": QT_TRANSLATE_NOOP("labels", "Sedang hamil"),
}

TB_CONTACT_TEXT = {
    "none": QT_TRANSLATE_NOOP("labels", "Tidak ada kontak"),
    "household": QT_TRANSLATE_NOOP("labels", "Serumah dengan pasien TBC"),
    "close": QT_TRANSLATE_NOOP("labels", "Kontak erat (tidak serumah)"),
}

SRQ20_QUESTION = {
    1: QT_TRANSLATE_NOOP("labels", "Apakah Anda sering sakit kepala?"),
    2: QT_TRANSLATE_NOOP("labels", "Apakah nafsu makan Anda buruk?"),
    3: QT_TRANSLATE_NOOP("labels", "Apakah Anda tidak bisa tidur nyenyak?"),
    4: QT_TRANSLATE_NOOP("labels", "Apakah Anda mudah merasa takut?"),
    5: QT_TRANSLATE_NOOP("labels", "Apakah Anda merasa cemas, tegang, atau khawatir?"),
    6: QT_TRANSLATE_NOOP("labels", "Apakah tangan Anda gemetar?"),
    7: QT_TRANSLATE_NOOP("labels", "Apakah pencernaan Anda terganggu atau buruk?"),
    8: QT_TRANSLATE_NOOP("labels", "Apakah Anda sulit berpikir dengan jernih?"),
    9: QT_TRANSLATE_NOOP("labels", "Apakah Anda merasa tidak bahagia?"),
    10: QT_TRANSLATE_NOOP("labels", "Apakah Anda menangis lebih sering dari biasanya?"),
    11: QT_TRANSLATE_NOOP("labels", "Apakah Anda sulit menikmati kegiatan sehari-hari?"),
    12: QT_TRANSLATE_NOOP("labels", "Apakah Anda sulit mengambil keputusan?"),
    13: QT_TRANSLATE_NOOP("labels", "Apakah pekerjaan sehari-hari Anda terganggu?"),
    14: QT_TRANSLATE_NOOP("labels", "Apakah Anda tidak mampu berperan dalam hidup ini?"),
    15: QT_TRANSLATE_NOOP("labels", "Apakah Anda kehilangan minat pada berbagai hal?"),
    16: QT_TRANSLATE_NOOP("labels", "Apakah Anda merasa tidak berharga?"),
    17: QT_TRANSLATE_NOOP("labels", "Apakah Anda punya pikiran untuk mengakhiri hidup?"),
    18: QT_TRANSLATE_NOOP("labels", "Apakah Anda merasa lelah sepanjang waktu?"),
    19: QT_TRANSLATE_NOOP("labels", "Apakah ada rasa tidak enak di perut Anda?"),
    20: QT_TRANSLATE_NOOP("labels", "Apakah Anda mudah lelah?"),
}

# Sending failures, by `sync.client.SyncError.code` (and the engine's LOCAL_FAULT): the sync
# layer's own Indonesian `user_message`, one catalogue entry per sentence so English can follow;
# tests/ui/test_labels.py keeps the two equal.
SYNC_FAILURE_TEXT: dict[str, tuple[str, ...]] = {
    "sync_failed": (
        QT_TRANSLATE_NOOP("labels", "Sinkronisasi gagal."),
        QT_TRANSLATE_NOOP("labels", "Data tetap aman di laptop dan akan dikirim lagi."),
    ),
    "offline": (
        QT_TRANSLATE_NOOP("labels", "Tidak ada koneksi ke Puskesmas."),
        QT_TRANSLATE_NOOP("labels", "Data tersimpan dan akan dikirim otomatis."),
    ),
    "server_busy": (
        QT_TRANSLATE_NOOP("labels", "Server Puskesmas sedang sibuk."),
        QT_TRANSLATE_NOOP("labels", "Data akan dikirim lagi nanti."),
    ),
    "too_large": (
        QT_TRANSLATE_NOOP(
            "labels", "Paket data terlalu besar; dikirim ulang dalam bagian lebih kecil."
        ),
    ),
    "not_enrolled": (
        QT_TRANSLATE_NOOP("labels", "Laptop ini belum terdaftar atau izinnya dicabut."),
        QT_TRANSLATE_NOOP("labels", "Hubungi admin Puskesmas."),
    ),
    "enroll_code": (
        QT_TRANSLATE_NOOP("labels", "Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa."),
        QT_TRANSLATE_NOOP("labels", "Minta kode baru ke admin Puskesmas."),
    ),
    "captive_portal": (
        QT_TRANSLATE_NOOP("labels", "Jaringan meminta login Wi-Fi/voucher."),
        QT_TRANSLATE_NOOP("labels", "Buka browser untuk masuk, lalu tekan Kirim sekarang."),
    ),
    "upgrade_needed": (
        QT_TRANSLATE_NOOP("labels", "Versi aplikasi terlalu lama untuk server Puskesmas."),
        QT_TRANSLATE_NOOP("labels", "Mohon perbarui aplikasi."),
    ),
    "bad_settings": (
        QT_TRANSLATE_NOOP("labels", "Alamat server atau berkas sertifikat tidak bisa dipakai."),
        QT_TRANSLATE_NOOP(
            "labels",
            "Periksa Pengaturan: alamat harus diawali https:// dan berkas sertifikat harus ada.",
        ),
    ),
    "local_fault": (
        QT_TRANSLATE_NOOP(
            "labels", "Sinkronisasi terganggu; data tetap aman dan akan dicoba lagi."
        ),
    ),
}

# Entries the server refused, by its reason code: the server's own Indonesian words
# (`sync.server.store.MESSAGES`; tests/ui/test_labels.py keeps them equal).
SYNC_REFUSAL_TEXT = {
    "unknown_type": QT_TRANSLATE_NOOP("labels", "Jenis data tidak dikenal oleh server Puskesmas."),
    "invalid_item": QT_TRANSLATE_NOOP("labels", "Data tidak lengkap atau formatnya salah."),
    "hash_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Data berubah atau rusak di perjalanan (kode cek tidak cocok)."
    ),
    "bad_payload": QT_TRANSLATE_NOOP("labels", "Isi data tidak bisa dibaca oleh server Puskesmas."),
    "type_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Jenis data tidak cocok dengan data yang sudah ada di server."
    ),
    "wrong_area": QT_TRANSLATE_NOOP(
        "labels", "Data ini terdaftar di wilayah lain; minta petugas Puskesmas memindahkannya."
    ),
    "conflict": QT_TRANSLATE_NOOP(
        "labels", "Data ini sudah diubah dari perangkat lain; perlu dicek oleh petugas."
    ),
}

NIK_ERROR_TEXT = {
    "length": QT_TRANSLATE_NOOP("labels", "NIK harus 16 angka"),
    "not_digits": QT_TRANSLATE_NOOP("labels", "NIK hanya boleh berisi angka"),
    "province": QT_TRANSLATE_NOOP("labels", "Kode provinsi pada NIK tidak dikenal"),
    "month": QT_TRANSLATE_NOOP("labels", "Bulan lahir pada NIK tidak valid"),
    "day": QT_TRANSLATE_NOOP("labels", "Tanggal lahir pada NIK tidak valid"),
    "date": QT_TRANSLATE_NOOP("labels", "Tanggal lahir pada NIK tidak ada di kalender"),
    "serial": QT_TRANSLATE_NOOP("labels", "Nomor urut pada NIK tidak boleh 0000"),
}

NIK_WARNING_TEXT = {
    "birth_date_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Tanggal lahir pada NIK berbeda dengan tanggal lahir yang diisi (boleh disimpan)"
    ),
    "sex_mismatch": QT_TRANSLATE_NOOP(
        "labels", "Jenis kelamin pada NIK berbeda dengan yang diisi (boleh disimpan)"
    ),
}

KK_ERROR_TEXT = {
    "not_digits": QT_TRANSLATE_NOOP("labels", "No. KK hanya boleh berisi angka"),
    "length": QT_TRANSLATE_NOOP("labels", "No. KK harus 16 angka"),
    "province": QT_TRANSLATE_NOOP("labels", "Kode provinsi pada No. KK tidak dikenal"),
}

FIELD_TEXT = {
    "name": QT_TRANSLATE_NOOP("labels", "Nama"),
    "sex": QT_TRANSLATE_NOOP("labels", "Jenis kelamin"),
    "birth_date": QT_TRANSLATE_NOOP("labels", "Tanggal lahir"),
    "visit": QT_TRANSLATE_NOOP("labels", "Pemeriksaan"),
    "nik": QT_TRANSLATE_NOOP("labels", "NIK"),
    "kk": QT_TRANSLATE_NOOP("labels", "No. KK"),
    "reason": QT_TRANSLATE_NOOP("labels", "Alasan"),
    "weight_kg": QT_TRANSLATE_NOOP("labels", "Berat badan"),
    "height_cm": QT_TRANSLATE_NOOP("labels", "Tinggi badan"),
    "waist_cm": QT_TRANSLATE_NOOP("labels", "Lingkar perut"),
    "systolic": QT_TRANSLATE_NOOP("labels", "Sistolik"),
    "diastolic": QT_TRANSLATE_NOOP("labels", "Diastolik"),
    "glucose": QT_TRANSLATE_NOOP("labels", "Gula darah"),
    "value": QT_TRANSLATE_NOOP("labels", "Gula darah"),
    "cough_days": QT_TRANSLATE_NOOP("labels", "Lama batuk"),
}

PERSON_ERROR_TEXT = {
    "empty": QT_TRANSLATE_NOOP("labels", "{field} wajib diisi"),
    "required": QT_TRANSLATE_NOOP("labels", "{field} wajib diisi"),
    "invalid": QT_TRANSLATE_NOOP("labels", "{field} tidak valid"),
    "in_future": QT_TRANSLATE_NOOP("labels", "{field} tidak boleh di masa depan"),
    "voided": QT_TRANSLATE_NOOP("labels", "{field} ini sudah dibatalkan"),
    "blank": QT_TRANSLATE_NOOP("labels", "{field} wajib diisi"),
}


def level_text(level: Level | str) -> str:
    return tr(LEVEL_TEXT[Level(level)])


def level_colours(level: Level | str) -> tuple[str, str]:
    """(background, foreground) of the badge for ``level``."""
    return LEVEL_COLOUR[Level(level)]


def section_title(section: str) -> str:
    text = SECTION_TITLE.get(section)
    return tr(text) if text else section


def class_text(section: str, code: str) -> str:
    if code == "not_classified":
        return tr(NOT_CLASSIFIED_TEXT)
    text = CLASS_TEXT.get((section, code))
    if text is None:
        return code.replace("_", " ").capitalize()
    return tr(text)


def next_step_text(*, section: str, code: str, level: Level | str) -> str:
    lvl = Level(level)
    if code == "not_classified":
        return tr(QT_TRANSLATE_NOOP("labels", "Tidak dinilai karena usia; tanyakan ke nakes."))
    text = CLASS_NEXT_STEP.get((section, code, lvl)) or LEVEL_NEXT_STEP[lvl]
    return tr(text)


def reason_text(reason: Reason) -> str:
    """Words for one reason; an unknown code still says something rather than nothing."""
    template = REASON_TEXT.get(reason.code)
    if template is None:
        return reason.code.replace("_", " ")
    return fill(tr(template), _worded_params(reason.params))


def _worded_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Replace the codes inside reason params (symptoms, contact, sex...) by their words."""
    worded = dict(params)
    if "symptoms" in worded:
        worded["symptoms"] = _joined(worded["symptoms"], TB_SYMPTOM_TEXT)
    if "risks" in worded:
        worded["risks"] = _joined(worded["risks"], TB_RISK_TEXT)
    if "contact" in worded:
        worded["contact"] = tr(TB_CONTACT_TEXT.get(str(worded["contact"]), str(worded["contact"])))
    if "kind" in worded:
        worded["kind"] = tr(GLUCOSE_KIND_TEXT.get(str(worded["kind"]), str(worded["kind"])))
    if "sex" in worded:
        worded["sex"] = sex_text(str(worded["sex"])).lower()
    if "section" in worded:
        worded["section"] = section_title(str(worded["section"]))
    return worded


def _joined(codes: Any, words: Mapping[str, str]) -> str:
    if not codes:
        return tr(QT_TRANSLATE_NOOP("labels", "tidak ada"))
    if isinstance(codes, str) or not isinstance(codes, list | tuple | set | frozenset):
        codes = [codes]
    return ", ".join(tr(words.get(str(c), str(c))).lower() for c in codes)


def field_text(field: str) -> str:
    text = FIELD_TEXT.get(field)
    return tr(text) if text else field


def range_text(*, field: str, minimum: float | None, maximum: float | None) -> str:
    """The refusal shown in place of an implausible value, with the allowed range."""
    name = field_text(field)
    if minimum is not None and maximum is not None:
        template = tr(
            QT_TRANSLATE_NOOP("labels", "{field} di luar batas wajar ({minimum}–{maximum})")
        )
    elif minimum is not None:
        template = tr(QT_TRANSLATE_NOOP("labels", "{field} harus paling sedikit {minimum}"))
    elif maximum is not None:
        template = tr(QT_TRANSLATE_NOOP("labels", "{field} harus paling banyak {maximum}"))
    else:
        template = tr(QT_TRANSLATE_NOOP("labels", "{field} tidak masuk akal, periksa lagi"))
    return fill(template, {"field": name, "minimum": _num(minimum), "maximum": _num(maximum)})


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}".replace(".", ",")


def nik_error_text(code: str | None) -> str:
    text = NIK_ERROR_TEXT.get(code or "")
    return tr(text) if text else tr(QT_TRANSLATE_NOOP("labels", "NIK tidak valid"))


def nik_warning_text(code: str) -> str:
    text = NIK_WARNING_TEXT.get(code)
    return tr(text) if text else code


def person_error_text(*, field: str, code: str) -> str:
    if field == "nik":
        return nik_error_text(code)
    if field == "kk":
        text = KK_ERROR_TEXT.get(code)
        if text:
            return tr(text)
    template = PERSON_ERROR_TEXT.get(code, PERSON_ERROR_TEXT["invalid"])
    return fill(tr(template), {"field": field_text(field)})


def tb_symptom_text(code: str) -> str:
    return tr(TB_SYMPTOM_TEXT[code])


def tb_risk_text(code: str) -> str:
    return tr(TB_RISK_TEXT[code])


def tb_contact_text(code: str) -> str:
    return tr(TB_CONTACT_TEXT[code])


def srq20_question(number: int) -> str:
    return tr(SRQ20_QUESTION[number])


def sex_text(code: str) -> str:
    if code == "L":
        return tr(QT_TRANSLATE_NOOP("labels", "Laki-laki"))
    if code == "P":
        return tr(QT_TRANSLATE_NOOP("labels", "Perempuan"))
    return code


def sync_failure_text(code: str, *, fallback: str) -> str:
    """Why sending failed and what to do, in the kader's language (``fallback`` if unknown)."""
    sentences = SYNC_FAILURE_TEXT.get(code)
    return " ".join(tr(s) for s in sentences) if sentences else fallback


def sync_refusal_text(code: str, *, fallback: str) -> str:
    """Why the server refused an entry, in the kader's language (``fallback`` if unknown)."""
    text = SYNC_REFUSAL_TEXT.get(code)
    return tr(text) if text else fallback
