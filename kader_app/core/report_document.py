"""The monthly report as the Puskesmas receives it: identity, tables, signatures; HTML and XLSX.

One description of the document (`report_document`) that every output renders: the HTML preview,
the XLSX sheet and the GUI's PDF. A new table is one more builder in ``TABLES``. Qt-free; the
words are Bahasa Indonesia or English. Every XLSX cell is a value, never a formula.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from kader_app.core.report import AGE_GROUPS, BySex, MonthlyReport
from kader_app.core.words import (
    Language,
    W,
    class_text,
    level_text,
    month_title,
    section_title,
)

Cell = str | int


@dataclass(frozen=True, slots=True)
class ReportTable:
    """One table: a heading, its column titles, rows, and relative column widths."""

    key: str
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ReportDocument:
    """What is printed: a title (on every page), identity lines, a note, tables, signatures."""

    title: str
    identity: tuple[tuple[str, str], ...]
    note: str
    tables: tuple[ReportTable, ...]
    signatures: tuple[tuple[str, str], ...]
    place_date: str
    empty: str
    page: str


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
    from kader_app.core.report import EARLIER_MONTHS

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


TableBuilder = Callable[[MonthlyReport, Language], ReportTable]
# The report's tables in print order; a new table (e.g. coverage per life-cycle group) is one
# more builder here.
TABLES: tuple[TableBuilder, ...] = (
    summary_table,
    section_table,
    age_table,
    class_table,
    referral_count_table,
    referral_list_table,
    earlier_table,
)


def report_title(report: MonthlyReport, lang: Language = "id") -> str:
    """'Laporan Bulanan Posyandu Mawar · Sukamaju — Maret 2025' (printed on every page)."""
    name = report.identity.posyandu or report.posyandu
    if not name.casefold().startswith("posyandu"):
        name = f"Posyandu {name}".strip()
    where = " · ".join(p for p in (name, report.identity.desa or report.desa) if p)
    return f"{T['title'].get(lang)} {where} — {month_title(report.month, lang)}"


def report_document(report: MonthlyReport, lang: Language = "id") -> ReportDocument:
    t = {k: w.get(lang) for k, w in T.items()}
    who = report.identity
    posyandu = who.posyandu or report.posyandu
    return ReportDocument(
        title=report_title(report, lang),
        identity=(
            (t["puskesmas"], who.puskesmas or "-"),
            (t["desa"], who.desa or report.desa or "-"),
            (t["posyandu"], posyandu or "-"),
            (t["month"], month_title(report.month, lang)),
            (t["kader"], who.kader or "-"),
        ),
        note=t["note"],
        tables=tuple(build(report, lang) for build in TABLES),
        signatures=(
            (t["signed_kader"], who.kader),
            (t["signed_health"], ""),
        ),
        place_date=t["place_date"].format(place=who.desa or report.desa or "........"),
        empty=t["empty"],
        page=t["page"],
    )


def report_html(report: MonthlyReport, lang: Language = "id") -> str:
    """The document as simple HTML (the preview); what was typed is escaped."""
    doc = report_document(report, lang)

    def table(item: ReportTable) -> str:
        head = "".join(f"<th>{escape(h)}</th>" for h in item.header)
        body = (
            "".join(
                "<tr>"
                + "".join(
                    f'<td align="right">{cell}</td>'
                    if isinstance(cell, int)
                    else f"<td>{escape(str(cell))}</td>"
                    for cell in row
                )
                + "</tr>"
                for row in item.rows
            )
            or f'<tr><td colspan="{len(item.header)}">{escape(doc.empty)}</td></tr>'
        )
        return (
            f"<h3>{escape(item.title)}</h3>"
            '<table border="1" cellspacing="0" cellpadding="4" width="100%">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    identity = "".join(
        f"<tr><td><b>{escape(k)}</b></td><td>{escape(v)}</td></tr>" for k, v in doc.identity
    )
    signatures = "".join(
        f"<td>{escape(role)}<br><br><br><br>( {escape(name or '.' * 30)} )</td>"
        for role, name in doc.signatures
    )
    return "".join(
        [
            "<html><body>",
            f"<h2>{escape(doc.title)}</h2>",
            f'<table cellpadding="2">{identity}</table>',
            f"<p>{escape(doc.note)}</p>",
            *(table(item) for item in doc.tables),
            f"<p>{escape(doc.place_date)}</p>",
            f'<table width="100%" cellpadding="8"><tr>{signatures}</tr></table>',
            "</body></html>",
        ]
    )


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write_xlsx(report: MonthlyReport, path: Path, lang: Language = "id") -> None:
    """The document as one sheet (runs on a worker; writes only ``path``).

    Text is always written as text: a name typed as ``=HYPERLINK(…)`` stays those characters.
    """
    # openpyxl ships no type hints and types-openpyxl is not in the lock.
    from openpyxl import Workbook  # type: ignore[import-untyped]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped]

    doc = report_document(report, lang)
    book = Workbook()
    sheet = book.active
    sheet.title = f"{report.month:%Y-%m}"
    bold = Font(bold=True)
    rows = iter(range(1, 1_000_000))

    def put(values: Sequence[Cell], *, font: Font | None = None) -> None:
        row = next(rows)
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=column)
            cell.value = value
            if isinstance(value, str):
                # Never a formula, whatever it starts with.
                cell.data_type = "s"
                if value.startswith(FORMULA_STARTS):
                    cell.quotePrefix = True
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if font is not None:
                cell.font = font

    put([doc.title], font=Font(bold=True, size=14))
    for key, value in doc.identity:
        put([key, value])
    put([doc.note])
    for item in doc.tables:
        put([])
        put([item.title], font=bold)
        put(item.header, font=bold)
        for row in item.rows:
            put(row)
        if not item.rows:
            put([doc.empty])
    put([])
    put([doc.place_date])
    put([role for role, _ in doc.signatures], font=bold)
    put([])
    put([f"( {name or '.' * 30} )" for _, name in doc.signatures])
    for column, width in zip("ABCDEFGH", (34, 26, 22, 20, 30, 16, 24, 48), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.print_title_rows = "1:1"
    book.save(path)
