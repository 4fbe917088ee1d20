"""Words of the tensi section (adults): title, classes, reasons, fields, next steps."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("Tensi", "Blood pressure"),
    classes={
        "optimal": W("Optimal", "Optimal"),
        "normal": W("Normal", "Normal"),
        "normal_tinggi": W("Normal tinggi", "High normal"),
        "prehipertensi": W("Prehipertensi", "Prehypertension"),
        "hipertensi_1": W("Hipertensi derajat 1", "Grade 1 hypertension"),
        "hipertensi_2": W("Hipertensi derajat 2", "Grade 2 hypertension"),
        "hipertensi_3": W("Hipertensi derajat 3", "Grade 3 hypertension"),
        "rendah": W("Tekanan darah rendah", "Low blood pressure"),
        "not_classified": W(
            "Tidak dinilai (di bawah batas usia)", "Not classified (below the age limit)"
        ),
    },
    reasons={
        "bp_single": W(
            "Tensi {systolic}/{diastolic} mmHg.", "Blood pressure {systolic}/{diastolic} mmHg."
        ),
        "bp_mean_of_two": W(
            "Rata-rata dua pengukuran: {systolic}/{diastolic} mmHg.",
            "Mean of two readings: {systolic}/{diastolic} mmHg.",
        ),
        "bp_systolic_high": W(
            "Sistolik {systolic} mmHg (kelas ini mulai {minimum}).",
            "Systolic {systolic} mmHg (this class starts at {minimum}).",
        ),
        "bp_diastolic_high": W(
            "Diastolik {diastolic} mmHg (kelas ini mulai {minimum}).",
            "Diastolic {diastolic} mmHg (this class starts at {minimum}).",
        ),
        "bp_isolated_systolic": W(
            "Hipertensi sistolik terisolasi: sistolik tinggi, diastolik di bawah 90.",
            "Isolated systolic hypertension: high systolic, diastolic below 90.",
        ),
        "bp_very_high": W(
            "Sangat tinggi (sistolik 180 ke atas atau diastolik 110 ke atas).",
            "Very high (systolic 180 or more, or diastolic 110 or more).",
        ),
        "bp_low": W(
            "Tensi {systolic}/{diastolic} mmHg: sistolik di bawah 90 atau diastolik di bawah 60.",
            "Blood pressure {systolic}/{diastolic} mmHg: systolic below 90 or diastolic below 60.",
        ),
        "reading_urgent": W(
            "Pengukuran {reading} sendiri sangat tinggi ({systolic}/{diastolic} mmHg): "
            "rata-rata tidak menghapusnya.",
            "Reading {reading} on its own is very high ({systolic}/{diastolic} mmHg): "
            "the mean does not cancel it.",
        ),
    },
    fields={
        "systolic": W("Sistolik (atas)", "Systolic (upper)"),
        "diastolic": W("Diastolik (bawah)", "Diastolic (lower)"),
        "readings": W("Pengukuran tensi", "Blood pressure readings"),
    },
    next_steps={
        "rendah": W(
            "Ukur ulang; bila pusing, lemas atau pernah pingsan, hubungi nakes hari ini.",
            "Measure again; if dizzy, weak or has fainted, contact a health worker today.",
        ),
        "normal_tinggi": W(
            "Edukasi kurangi garam dan aktivitas fisik; ukur lagi bulan depan.",
            "Advise less salt and more physical activity; measure again next month.",
        ),
    },
    summary=W("{systolic}/{diastolic} mmHg", "{systolic}/{diastolic} mmHg"),
    index_label=W("pengukuran {n}", "reading {n}"),
)
