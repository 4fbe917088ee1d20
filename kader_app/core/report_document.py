"""The monthly report as the Puskesmas receives it: identity, tables, signatures; HTML and XLSX.

One description of the document (`report_document`) that every output renders: the HTML preview,
the XLSX sheet and the GUI's PDF; the tables come from `report_tables`. Qt-free; the words are
Bahasa Indonesia or English. Every XLSX cell is a value, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from kader_app.core.report import MonthlyReport
from kader_app.core.report_tables import TABLES, Cell, ReportTable, T, masked_nik
from screening.words import Language, month_title

__all__ = ["ReportDocument", "masked_nik", "report_document", "report_html", "write_xlsx"]


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
