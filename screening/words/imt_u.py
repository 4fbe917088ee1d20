"""Words of the BMI-for-age section (5 to < 18 years, WHO 2007)."""

from __future__ import annotations

from screening.words import SectionWords, W

CLASSES = {
    "gizi_buruk": W("Gizi buruk (sangat kurus)", "Severe thinness"),
    "gizi_kurang": W("Gizi kurang (kurus)", "Thinness"),
    "gizi_baik": W("Gizi baik", "Normal"),
    "gizi_lebih": W("Gizi lebih", "Overweight"),
    "obesitas": W("Obesitas", "Obese"),
}

WORDS = SectionWords(
    title=W("IMT menurut umur (IMT/U)", "BMI-for-age"),
    short=W("IMT/U", "BMI-for-age"),
    classes=CLASSES,
    reasons={
        "imt_u_z": W(
            "IMT {bmi}, z {z} menurut umur dan jenis kelamin: {class}.",
            "BMI {bmi}, z {z} for age and sex: {class}.",
        ),
        "imt_u_implausible": W(
            "z {z} di luar batas wajar WHO: periksa/ukur ulang sebelum disimpan.",
            "z {z} is outside WHO's plausible range: check and measure again before saving.",
        ),
        "imt_u_confirm": W(
            "z {z} sangat jauh dari median: pastikan berat dan tinggi yang diketik benar.",
            "z {z} is very far from the median: make sure the weight and height typed are right.",
        ),
    },
    fields={
        "weight_kg": W("Berat badan", "Weight"),
        "height_cm": W("Tinggi badan (berdiri)", "Height (standing)"),
    },
    items=dict(CLASSES),
    next_steps={
        "gizi_buruk": W("Rujuk ke Pustu/Puskesmas.", "Refer to the Pustu/Puskesmas."),
        "gizi_kurang": W("Rujuk ke Pustu/Puskesmas.", "Refer to the Pustu/Puskesmas."),
        "gizi_baik": W("Pertahankan pola makan gizi seimbang.", "Keep a balanced diet."),
        "gizi_lebih": W(
            "Edukasi gizi & aktivitas fisik; pantau 3 bulan.",
            "Advice on diet and physical activity; follow up in 3 months.",
        ),
        "obesitas": W(
            "Edukasi; pantau 3 bulan, rujuk FKTP bila tidak berubah.",
            "Advice; follow up in 3 months, refer to the primary clinic if unchanged.",
        ),
    },
    summary=W("IMT {bmi}, z {bmi_z}", "BMI {bmi}, z {bmi_z}"),
)
