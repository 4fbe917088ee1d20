"""Words of the balita growth section: the Permenkes 2/2020 classes, indices and fields."""

from __future__ import annotations

from collections.abc import Mapping

from screening.words import Language, SectionWords, W, number_text

CLASSES = {
    "bb_sangat_kurang": W("Berat badan sangat kurang", "Severely underweight"),
    "bb_kurang": W("Berat badan kurang", "Underweight"),
    "bb_normal": W("Berat badan normal", "Normal weight"),
    "risiko_bb_lebih": W("Risiko berat badan lebih", "Risk of overweight"),
    "sangat_pendek": W("Sangat pendek", "Severely stunted"),
    "pendek": W("Pendek", "Stunted"),
    "normal": W("Normal", "Normal"),
    "tinggi": W("Tinggi", "Tall"),
    "gizi_buruk": W("Gizi buruk", "Severe wasting"),
    "gizi_kurang": W("Gizi kurang", "Wasting"),
    "gizi_baik": W("Gizi baik", "Normal nutrition"),
    "berisiko_gizi_lebih": W("Berisiko gizi lebih", "Possible risk of overweight"),
    "gizi_lebih": W("Gizi lebih", "Overweight"),
    "obesitas": W("Obesitas", "Obese"),
    "mikrosefali": W("Mikrosefali", "Microcephaly"),
    "makrosefali": W("Makrosefali", "Macrocephaly"),
}
_CHECK = W(
    "{z} di luar batas wajar WHO: periksa/ukur ulang sebelum disimpan.",
    "{z} is outside WHO's plausible range: check and measure again before saving.",
)


_CONFIRM = W(
    "{z} sangat jauh dari median: pastikan hasil ukur dan angka yang diketik benar.",
    "{z} is very far from the median: make sure the measurement and the number typed are right.",
)


def _implausible(index: str) -> W:
    return W(f"{index}: z " + _CHECK.id, f"{index}: z " + _CHECK.en)


def _confirm(index: str) -> W:
    return W(f"{index}: z " + _CONFIRM.id, f"{index}: z " + _CONFIRM.en)


def _summary(values: Mapping[str, object], lang: Language) -> str:
    parts = []
    for key, label_id, label_en, unit in (
        ("weight_kg", "BB", "Weight", "kg"),
        ("length_cm", "PB/TB", "Length/height", "cm"),
        ("head_cm", "LK", "Head", "cm"),
    ):
        if values.get(key) is not None:
            label = label_en if lang == "en" else label_id
            parts.append(f"{label} {number_text(values[key], lang)} {unit}")
    if values.get("oedema") is True:
        parts.append("edema" if lang == "id" else "oedema")
    return ", ".join(parts)


WORDS = SectionWords(
    title=W("Pertumbuhan balita", "Child growth"),
    short=W("Pertumbuhan", "Growth"),
    classes=CLASSES,
    reasons={
        "growth_wfa": W("BB/U: z {z}, {class}.", "Weight-for-age: z {z}, {class}."),
        "growth_lhfa": W(
            "PB/U atau TB/U: z {z}, {class}.", "Length/height-for-age: z {z}, {class}."
        ),
        "growth_wflh": W(
            "BB/PB atau BB/TB: z {z}, {class}.", "Weight-for-length/height: z {z}, {class}."
        ),
        "growth_bmi": W(
            "IMT/U: IMT {bmi}, z {z}, {class}.", "BMI-for-age: BMI {bmi}, z {z}, {class}."
        ),
        "growth_hc": W("LK/U: z {z}, {class}.", "Head circumference-for-age: z {z}, {class}."),
        "growth_wfa_implausible": _implausible("BB/U"),
        "growth_lhfa_implausible": _implausible("PB/U"),
        "growth_wflh_implausible": _implausible("BB/PB"),
        "growth_bmi_implausible": _implausible("IMT/U"),
        "growth_hc_implausible": _implausible("LK/U"),
        "growth_wfa_confirm": _confirm("BB/U"),
        "growth_lhfa_confirm": _confirm("PB/U"),
        "growth_wflh_confirm": _confirm("BB/PB"),
        "growth_bmi_confirm": _confirm("IMT/U"),
        "growth_hc_confirm": _confirm("LK/U"),
        "growth_oedema": W(
            "Edema bilateral: BB/U, BB/PB dan IMT/U tidak dihitung; gizi buruk.",
            "Bilateral oedema: weight-based indices not computed; severe acute malnutrition.",
        ),
        "growth_standing_under_2": W(
            "Diukur berdiri sebelum usia 24 bulan: panjang badan dihitung +0,7 cm. "
            "Sebaiknya ukur terlentang.",
            "Measured standing before 24 months: 0.7 cm added to the length. "
            "Measure lying down if possible.",
        ),
        "growth_recumbent_from_2": W(
            "Diukur terlentang mulai usia 24 bulan: tinggi badan dihitung −0,7 cm. "
            "Sebaiknya ukur berdiri.",
            "Measured lying down from 24 months: 0.7 cm taken off the height. "
            "Measure standing if possible.",
        ),
    },
    fields={
        "weight_kg": W("Berat badan (BB)", "Weight"),
        "length_cm": W("Panjang/tinggi badan (PB/TB)", "Length/height"),
        "position": W("Posisi ukur (terlentang/berdiri)", "Measuring position (lying/standing)"),
        "head_cm": W("Lingkar kepala (LK)", "Head circumference"),
        "lila_cm": W("LiLA", "MUAC"),
        "oedema": W("Edema kedua punggung kaki", "Oedema of both feet"),
    },
    items={
        **CLASSES,
        "recumbent": W("Terlentang (PB)", "Lying down (length)"),
        "standing": W("Berdiri (TB)", "Standing (height)"),
        "kms_wfa": W("Berat badan menurut umur (BB/U)", "Weight-for-age"),
        "kms_lhfa": W("Panjang/tinggi badan menurut umur (PB/U, TB/U)", "Length/height-for-age"),
        "age_months": W("Umur (bulan)", "Age (months)"),
    },
    next_steps={
        "bb_sangat_kurang": W(
            "Rujuk ke Pustu/Puskesmas untuk pemeriksaan gizi.",
            "Refer to the Pustu/Puskesmas for a nutrition check.",
        ),
        "bb_kurang": W(
            "Rujuk ke Pustu/Puskesmas untuk pemeriksaan gizi.",
            "Refer to the Pustu/Puskesmas for a nutrition check.",
        ),
        "bb_normal": W("Lanjutkan timbang tiap bulan.", "Keep weighing every month."),
        "risiko_bb_lebih": W(
            "Periksa BB/PB; edukasi PMBA; timbang bulan depan.",
            "Check weight-for-length; infant and young child feeding advice; weigh next month.",
        ),
        "sangat_pendek": W(
            "Rujuk ke Puskesmas (skrining stunting).", "Refer to the Puskesmas (stunting)."
        ),
        "pendek": W(
            "Rujuk ke Puskesmas (skrining stunting).", "Refer to the Puskesmas (stunting)."
        ),
        "normal": W("Lanjutkan timbang tiap bulan.", "Keep weighing every month."),
        "tinggi": W(
            "Ukur ulang; sampaikan ke nakes di Posyandu berikut.",
            "Measure again; tell the health worker at the next Posyandu.",
        ),
        "gizi_buruk": W(
            "Hubungi nakes hari ini (gizi buruk).",
            "Contact a health worker today (severe malnutrition).",
        ),
        "gizi_kurang": W("Rujuk ke Pustu/Puskesmas.", "Refer to the Pustu/Puskesmas."),
        "gizi_baik": W("Lanjutkan timbang tiap bulan.", "Keep weighing every month."),
        "berisiko_gizi_lebih": W(
            "Edukasi PMBA; pantau bulan depan.", "Feeding advice; follow up next month."
        ),
        "gizi_lebih": W("Rujuk ke Pustu/Puskesmas.", "Refer to the Pustu/Puskesmas."),
        "obesitas": W("Rujuk ke Puskesmas.", "Refer to the Puskesmas."),
        "mikrosefali": W("Rujuk ke Puskesmas.", "Refer to the Puskesmas."),
        "makrosefali": W("Rujuk ke Puskesmas.", "Refer to the Puskesmas."),
    },
    summary=_summary,
)
