"""Words of the TBC symptom section: title, classes, reasons, fields, the form's items."""

from __future__ import annotations

from screening.words import SectionWords, W

WORDS = SectionWords(
    title=W("TBC", "TB"),
    classes={
        "terduga_tbc": W("Terduga TBC", "Presumptive TB"),
        "kontak_erat": W("Kontak erat TBC", "TB close contact"),
        "bukan_terduga": W("Bukan terduga TBC", "Not presumptive TB"),
    },
    reasons={
        "tb_cough": W("Ada batuk ({cough_days} hari).", "Cough ({cough_days} days)."),
        "tb_cough_too_short": W(
            "Batuk {cough_days} hari, kurang dari {min_days} hari: tidak dihitung sendiri.",
            "Cough for {cough_days} days, less than {min_days} days: does not count on its own.",
        ),
        "tb_contact_and_symptoms": W(
            "Kontak TBC ({contact}) dan ada gejala: {symptoms}.",
            "TB contact ({contact}) with symptoms: {symptoms}.",
        ),
        "tb_contact_and_risks": W(
            "Kontak TBC ({contact}) dan faktor risiko: {risks}.",
            "TB contact ({contact}) with risk factors: {risks}.",
        ),
        "tb_risks_and_symptoms": W(
            "Faktor risiko: {risks}; gejala: {symptoms}.",
            "Risk factors: {risks}; symptoms: {symptoms}.",
        ),
        "tb_contact": W(
            "Kontak TBC ({contact}), tanpa gejala dan faktor risiko.",
            "TB contact ({contact}), no symptoms or risk factors.",
        ),
        "tb_no_criteria": W(
            "Tidak memenuhi kriteria terduga TBC.", "Does not meet the presumptive TB criteria."
        ),
    },
    fields={
        "cough": W("Batuk (ya/tidak)", "Cough (yes/no)"),
        "cough_days": W("Lama batuk", "Cough duration"),
        "symptoms": W("Gejala lain", "Other symptoms"),
        "contact": W("Kontak dengan pasien TBC", "Contact with a TB patient"),
        "risks": W("Faktor risiko", "Risk factors"),
    },
    items={
        "weight_loss": W(
            "Berat badan turun / nafsu makan turun tanpa sebab",
            "Weight loss / poor appetite without cause",
        ),
        "fever": W("Demam tanpa sebab", "Fever without cause"),
        "lethargy": W("Badan lemas / lesu", "Weakness / lethargy"),
        "night_sweats": W("Berkeringat malam tanpa kegiatan", "Night sweats without activity"),
        "breathless": W("Sesak napas tanpa nyeri dada", "Shortness of breath without chest pain"),
        "lymph_nodes": W("Benjolan di leher atau ketiak", "Lumps in the neck or armpit"),
        "previous_tb": W("Pernah diobati TBC", "Earlier TB treatment"),
        "unfinished_treatment": W("Pengobatan TBC tidak tuntas", "Unfinished TB treatment"),
        "diabetes": W("Diabetes (kencing manis)", "Diabetes"),
        "hiv": W("HIV", "HIV"),
        "smoking": W("Merokok", "Smoking"),
        "malnutrition": W("Kurang gizi", "Malnutrition"),
        "age_over_65": W("Usia di atas 65 tahun", "Age over 65"),
        "pregnancy": W("Sedang hamil", "Pregnant"),
        "none": W("Tidak ada kontak", "No contact"),
        "household": W("Serumah dengan pasien TBC", "Same household as a TB patient"),
        "close": W("Kontak erat (tidak serumah)", "Close contact (other household)"),
    },
    next_steps={
        "terduga_tbc": W(
            "Rujuk ke Pustu untuk pemeriksaan dahak (dua sampel).",
            "Refer to the Pustu for sputum tests (two samples).",
        ),
        "kontak_erat": W(
            "Rujuk ke Puskesmas untuk penilaian pengobatan pencegahan TBC.",
            "Refer to the Puskesmas to assess TB preventive treatment.",
        ),
    },
)
