"""Words of the SKILAS section: the six domains and each question of the ILP form."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("SKILAS (kapasitas intrinsik lansia)", "SKILAS (intrinsic capacity)"),
    short=W("SKILAS", "SKILAS"),
    classes={
        "penurunan_kapasitas": W("Penurunan kapasitas intrinsik", "Decline in intrinsic capacity"),
        "normal": W("Normal", "Normal"),
    },
    reasons={
        "skilas_positive": W("Penurunan pada: {domains}.", "Decline in: {domains}."),
        "skilas_normal": W(
            "Semua domain dinilai, tidak ada penurunan.", "Every domain assessed, no decline."
        ),
    },
    fields={
        "answers": W("Jawaban SKILAS", "SKILAS answers"),
        "recall_fail": W(
            "Tidak dapat mengulang 3 kata (bunga, pintu, nasi)",
            "Cannot recall 3 words (flower, door, rice)",
        ),
        "orientation_time_fail": W("Salah menyebut tanggal/waktu", "Wrong about the date or time"),
        "orientation_place_fail": W("Salah menyebut tempat", "Wrong about the place"),
        "chair_stand_fail": W(
            "Tidak dapat berdiri dari kursi 5 kali tanpa tangan dalam 14 detik",
            "Cannot rise from a chair 5 times without arms in 14 seconds",
        ),
        "weight_loss": W(
            "Berat badan turun lebih dari 3 kg dalam 3 bulan", "Lost more than 3 kg in 3 months"
        ),
        "appetite_loss": W("Nafsu makan hilang/sulit makan", "Loss of appetite"),
        "lila_cm": W("LiLA (lingkar lengan atas)", "MUAC (mid-upper arm circumference)"),
        "eye_problem": W("Ada masalah mata", "Eye problem"),
        "finger_count_fail": W("Tes hitung jari gagal", "Finger counting test failed"),
        "whisper": W("Tes bisik", "Whisper test"),
        "sad_hopeless": W(
            "Merasa sedih/tertekan/putus asa (2 minggu terakhir)",
            "Felt down, depressed or hopeless (past 2 weeks)",
        ),
        "little_interest": W(
            "Sedikit minat atau kesenangan melakukan sesuatu", "Little interest or pleasure"
        ),
    },
    items={
        "kognitif": W("Kognitif", "Cognition"),
        "mobilisasi": W("Mobilisasi", "Mobility"),
        "malnutrisi": W("Malnutrisi", "Nutrition"),
        "penglihatan": W("Penglihatan", "Vision"),
        "pendengaran": W("Pendengaran", "Hearing"),
        "depresi": W("Gejala depresi", "Depressive symptoms"),
        "heard": W("Mendengar", "Heard"),
        "not_heard": W("Tidak mendengar", "Not heard"),
        "cannot_test": W("Tidak dapat dites", "Cannot be tested"),
    },
    next_steps={
        "penurunan_kapasitas": W(
            "Rujuk ke Pustu/Puskesmas untuk pemeriksaan lanjutan.",
            "Refer to the Pustu/Puskesmas for further assessment.",
        ),
        "normal": W("Ulangi SKILAS tiap tahun.", "Repeat SKILAS every year."),
    },
)
