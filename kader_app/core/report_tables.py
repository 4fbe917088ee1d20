"""The monthly report's tables and words: one builder per table, in print order (``TABLES``).

A new table is one more builder here (as the S-K-D-N and SPM coverage are); every output
(`report_document`: HTML, XLSX, and the GUI's PDF) prints it. Qt-free; Bahasa Indonesia or
English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from kader_app.core.report import AGE_GROUPS, EARLIER_MONTHS, BySex, MonthlyReport
from screening.words import Language, W, class_text, level_text, section_title
from screening.words import coverage as coverage_words

Cell = str | int


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One table: a heading, its column titles, rows, and relative column widths."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]


T = {
    "title": W("Laporan Bulanan", "Monthly report,"),
    "puskesmas": W("Puskesmas", "Puskesmas"),
    "desa": W("Desa/Kelurahan", "Village"),
    "posyandu": W("Posyandu", "Posyandu"),
    "month": W("Bulan", "Month"),
    "kader": W("Kader", "Kader"),
    "note": W(
        "Hasil skrining, bukan diagnosis. Berisi data pribadi warga: simpan dengan aman. "
        "NIK ditulis 4 angka terakhirnya saja.",
        "Screening results, not diagnoses. Holds residents' personal data: keep it safe. "
        "Only the last 4 digits of each NIK are printed.",
    ),
    "summary": W("Ringkasan", "Summary"),
    "registered": W("Warga terdaftar", "Registered residents"),
    "screened": W("Warga diperiksa", "Residents screened"),
    "visits": W("Jumlah kunjungan", "Visits"),
    "male": W("Laki-laki", "Male"),
    "female": W("Perempuan", "Female"),
    "total": W("Jumlah", "Total"),
    "by_section": W(
        "Warga diperiksa menurut pemeriksaan (bagian yang lengkap)",
        "Residents screened per section (complete sections)",
    ),
    "section": W("Pemeriksaan", "Section"),
    "by_age": W("Warga diperiksa menurut kelompok umur", "Residents screened by age group"),
    "age_group": W("Kelompok umur", "Age group"),
    "classes": W("Hasil skrining (hasil terakhir tiap warga)", "Results (each resident's latest)"),
    "result": W("Hasil", "Result"),
    "referrals": W("Rujukan", "Referrals"),
    "follow": W("Tindak lanjut", "Follow-up"),
    "referral_list": W("Daftar warga yang dirujuk", "Residents referred"),
    "name": W("Nama", "Name"),
    "sex": W("L/P", "M/F"),
    "age": W("Umur", "Age"),
    "nik": W("NIK", "NIK"),
    "address": W("Alamat", "Address"),
    "date": W("Tanggal", "Date"),
    "reasons": W("Alasan", "Reasons"),
    "earlier": W(
        "Status rujukan {n} bulan sebelumnya (kabar dari Puskesmas)",
        "Referrals of the {n} months before (news from the Puskesmas)",
    ),
    "referred_on": W("Dirujuk", "Referred"),
    "news": W("Kabar dari Puskesmas", "News from the Puskesmas"),
    "no_news": W("Belum ada kabar", "No news yet"),
    "signed_kader": W("Kader Posyandu", "Posyandu kader"),
    "signed_health": W(
        "Mengetahui, Bidan desa / Petugas Puskesmas", "Acknowledged, village midwife / Puskesmas"
    ),
    "place_date": W("{place}, tanggal ..........................", "{place}, date ............"),
    "empty": W("Tidak ada.", "None."),
    "page": W("Halaman {page} dari {pages}", "Page {page} of {pages}"),
    "skdn": W(
        "S-K-D-N: penimbangan balita, Posyandu {posyandu}",
        "S-K-D-N: weighing of under-fives, Posyandu {posyandu}",
    ),
    "item": W("Uraian", "Item"),
    "count": W("Jumlah", "Count"),
    "share": W("Persentase", "Percentage"),
    "spm": W(
        "Cakupan SPM: dilayani / sasaran per kelompok", "SPM coverage: served / target per group"
    ),
    "indicator": W("Indikator SPM", "SPM indicator"),
    "group": W("Kelompok sasaran", "Target group"),
    "served": W("Dilayani", "Served"),
    "target": W("Sasaran", "Target"),
    "source": W("Sumber sasaran", "Target from"),
}

AGE_GROUP_EN = {
    "< 15 tahun": "< 15 years",
    "15–18 tahun (remaja)": "15–18 years (adolescents)",
    "19–59 tahun (dewasa)": "19–59 years (adults)",
    "≥ 60 tahun (lansia)": "≥ 60 years (elderly)",
}
SEX_EN = {"L": "M", "P": "F"}


def masked_nik(nik: str | None) -> str:
    """The last four digits only: enough to tell two residents of one name apart on paper."""
    return f"****{nik[-4:]}" if nik else "-"


def _cells(count: BySex) -> tuple[int, int, int]:
    return count.male, count.female, count.total


def _short_date(day: date) -> str:
    return f"{day:%d/%m/%Y}"


def _sex(code: str, lang: Language) -> str:
    return SEX_EN.get(code, code) if lang == "en" else code


def summary_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    return ReportTable(
        key="summary",
        title=t["summary"],
        header=("", t["male"], t["female"], t["total"]),
        rows=(
            (t["registered"], *_cells(report.registered)),
            (t["screened"], *_cells(report.screened)),
            (t["visits"], "", "", report.visits),
        ),
        widths=(8, 3, 3, 3),
    )


def section_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    return ReportTable(
        key="by_section",
        title=t["by_section"],
        header=(t["section"], t["male"], t["female"], t["total"]),
        rows=tuple((section_title(c, lang), *_cells(n)) for c, n in report.by_section),
        widths=(8, 3, 3, 3),
    )


def age_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    order = {label: i for i, (label, _, _) in enumerate(AGE_GROUPS)}
    return ReportTable(
        key="by_age",
        title=t["by_age"],
        header=(t["age_group"], t["male"], t["female"], t["total"]),
        rows=tuple(
            (AGE_GROUP_EN.get(label, label) if lang == "en" else label, *_cells(n))
            for label, n in sorted(report.by_age, key=lambda item: order.get(item[0], 0))
        ),
        widths=(8, 3, 3, 3),
    )


def class_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    return ReportTable(
        key="classes",
        title=t["classes"],
        header=(t["section"], t["result"], t["male"], t["female"], t["total"]),
        rows=tuple(
            (section_title(c.section, lang), class_text(c.section, c.code, lang), *_cells(c.people))
            for c in report.classes
        ),
        widths=(6, 8, 3, 3, 3),
    )


def referral_count_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    return ReportTable(
        key="referrals",
        title=t["referrals"],
        header=(t["follow"], t["male"], t["female"], t["total"]),
        rows=tuple((level_text(level, lang), *_cells(n)) for level, n in report.referrals),
        widths=(8, 3, 3, 3),
    )


def referral_list_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    return ReportTable(
        key="referral_list",
        title=t["referral_list"],
        header=(
            t["name"],
            t["sex"],
            t["age"],
            t["nik"],
            t["address"],
            t["date"],
            t["follow"],
            t["reasons"],
        ),
        rows=tuple(
            (
                r.name,
                _sex(r.sex, lang),
                r.age,
                masked_nik(r.nik),
                r.address or "-",
                _short_date(r.measured_on),
                level_text(r.level, lang),
                "; ".join(f"{section_title(s, lang)}: {class_text(s, c, lang)}" for s, c in r.codes)
                or "; ".join(r.reasons),
            )
            for r in report.referral_list
        ),
        widths=(10, 3, 4, 5, 10, 7, 8, 12),
    )


def earlier_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    return ReportTable(
        key="earlier_referrals",
        title=t["earlier"].format(n=EARLIER_MONTHS),
        header=(t["name"], t["nik"], t["address"], t["referred_on"], t["follow"], t["news"]),
        rows=tuple(
            (
                r.name,
                masked_nik(r.nik),
                r.address or "-",
                _short_date(date.fromisoformat(r.measured_at[:10])),
                level_text(r.level, lang),
                f"{r.outcome} ({date.fromisoformat(r.outcome_at):%d/%m/%Y})"
                if r.outcome and r.outcome_at
                else t["no_news"],
            )
            for r in report.earlier_referrals
        ),
        widths=(10, 5, 10, 7, 8, 12),
    )


def percent_text(part: int, whole: int, lang: Language) -> str:
    """``66,7%`` (``66.7%`` in English); a dash when there is nothing to divide by."""
    if whole <= 0:
        return "–"
    text = f"{100 * part / whole:.1f}%"
    return text.replace(".", ",") if lang == "id" else text


def skdn_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    name = report.identity.posyandu or report.posyandu or "-"
    name = name.removeprefix("Posyandu ").strip() or name
    rows: tuple[tuple[Cell, ...], ...] = ()
    if report.coverage is not None:
        f = report.coverage.skdn
        word = {k: w.get(lang) for k, w in coverage_words.SKDN.items()}
        rows = (
            (word["s"], f.s, ""),
            (word["k"], f.k, f"K/S {percent_text(f.k, f.s, lang)}"),
            (word["d"], f.d, f"D/S {percent_text(f.d, f.s, lang)}"),
            (word["n"], f.n, f"N/D {percent_text(f.n, f.d, lang)}"),
            (word["t"], f.t, ""),
            (word["two_t"], f.two_t, ""),
            (word["bgm"], f.bgm, ""),
            (word["o"], f.o, ""),
            (word["b"], f.b, ""),
        )
    return ReportTable(
        key="skdn",
        title=t["skdn"].format(posyandu=name),
        header=(t["item"], t["count"], t["share"]),
        rows=rows,
        widths=(10, 3, 5),
    )


def spm_table(report: MonthlyReport, lang: Language) -> ReportTable:
    t = {k: w.get(lang) for k, w in T.items()}
    lines = report.coverage.lines if report.coverage is not None else ()
    return ReportTable(
        key="spm",
        title=t["spm"],
        header=(t["indicator"], t["group"], t["served"], t["target"], "%", t["source"]),
        rows=tuple(
            (
                coverage_words.indicator_text(c.indicator, lang),
                coverage_words.group_text(c.group, lang),
                c.served,
                c.target,
                percent_text(c.served, c.target, lang),
                coverage_words.SOURCES[c.source].get(lang),
            )
            for c in lines
        ),
        widths=(12, 9, 3, 3, 3, 5),
    )


TableBuilder = Callable[[MonthlyReport, Language], ReportTable]
# The report's tables in print order; a new table is one more builder here.
TABLES: tuple[TableBuilder, ...] = (
    summary_table,
    section_table,
    age_table,
    skdn_table,
    spm_table,
    class_table,
    referral_count_table,
    referral_list_table,
    earlier_table,
)
