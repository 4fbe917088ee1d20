"""Words of the child and adolescent blood pressure section (7 to < 18 years)."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Tensi anak & remaja", "Blood pressure (child & adolescent)"),
    short=W("Tensi", "Blood pressure"),
    classes={
        "normal": W("Normal", "Normal"),
        "meningkat": W("Tekanan darah meningkat", "Elevated blood pressure"),
        "hipertensi_1": W("Hipertensi derajat 1", "Stage 1 hypertension"),
        "hipertensi_2": W("Hipertensi derajat 2", "Stage 2 hypertension"),
    },
    reasons={
        "child_bp_single": W(
            "Tensi {systolic}/{diastolic} mmHg.", "Blood pressure {systolic}/{diastolic} mmHg."
        ),
        "child_bp_mean_of_two": W(
            "Rata-rata dua pengukuran: {systolic}/{diastolic} mmHg.",
            "Mean of two readings: {systolic}/{diastolic} mmHg.",
        ),
        "child_bp_row": W(
            "Sistolik {systolic_from} ke atas atau diastolik {diastolic_from} ke atas.",
            "Systolic {systolic_from} or more, or diastolic {diastolic_from} or more.",
        ),
        "child_bp_for_age": W(
            "Mencapai batas usia {age} tahun ({systolic_from}/{diastolic_from} mmHg).",
            "At or above the limit for age {age} ({systolic_from}/{diastolic_from} mmHg).",
        ),
        "child_bp_below_for_age": W(
            "Di bawah batas usia {age} tahun ({systolic_from}/{diastolic_from} mmHg).",
            "Below the limit for age {age} ({systolic_from}/{diastolic_from} mmHg).",
        ),
    },
    fields={
        "systolic": W("Sistolik (atas)", "Systolic (upper)"),
        "diastolic": W("Diastolik (bawah)", "Diastolic (lower)"),
        "readings": W("Pengukuran tensi", "Blood pressure readings"),
    },
    next_steps={
        "meningkat": W("Ukur ulang tiap bulan di Posyandu.", "Measure again every month."),
        "hipertensi_1": W("Rujuk ke Puskesmas.", "Refer to the Puskesmas."),
        "hipertensi_2/refer": W("Rujuk ke Puskesmas.", "Refer to the Puskesmas."),
        "hipertensi_2/urgent": W(
            "Hubungi nakes hari ini, jangan ditunda.", "Contact a health worker today, do not wait."
        ),
        "normal": W("Ukur lagi pada skrining berikutnya.", "Measure again at the next screening."),
    },
    summary=W("{systolic}/{diastolic} mmHg", "{systolic}/{diastolic} mmHg"),
    index_label=W("pengukuran {n}", "reading {n}"),
)
