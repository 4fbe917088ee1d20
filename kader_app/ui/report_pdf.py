"""The monthly report as an A4 PDF: the title and page number on every page, rows never split.

Lays out `kader_app.core.report_document` itself with QPainter (a first pass counts the pages
for "Halaman 1 dari 3"): each table's header row is repeated on every page it runs onto, a row
is moved whole to the next page rather than split, a table's title stays with its first row,
a short table is kept on one page, and the signatures stay together. Runs on a worker
(QPdfWriter is not a widget).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPdfWriter

from kader_app.core.report import MonthlyReport
from kader_app.core.report_document import ReportDocument, report_document
from kader_app.core.report_tables import ReportTable
from screening.words import Language

RESOLUTION = 150
# A table of at most this many rows (the S-K-D-N, the SPM lines) moves whole to the next page.
KEEP_WHOLE_ROWS = 12
PAD = 6.0
WRAP = int(Qt.TextFlag.TextWordWrap)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)


def _font(points: float, *, bold: bool = False) -> QFont:
    font = QFont("DejaVu Sans")
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


class _Pages:
    """Where the next thing goes; paints only when ``painter`` is given (the second pass)."""

    def __init__(
        self,
        doc: ReportDocument,
        *,
        page: QRectF,
        device: QPdfWriter,
        painter: QPainter | None,
        total: int,
    ) -> None:
        self.doc = doc
        self.area = page
        self.device = device
        self.painter = painter
        self.number = 0
        self.total = total
        self.body = _font(8.5)
        self.bold = _font(8.5, bold=True)
        self.small = _font(7.5)
        self.y = 0.0
        self.top = 0.0
        self.new_page()

    def text_height(self, text: str, width: float, font: QFont) -> float:
        # Measured on the PDF itself, so what is laid out is what is printed.
        metrics = QFontMetricsF(font, self.device)
        return metrics.boundingRect(QRectF(0, 0, width, 1e6), WRAP, text).height()

    def draw(self, rect: QRectF, text: str, font: QFont, flags: int = LEFT) -> None:
        if self.painter is not None:
            self.painter.setFont(font)
            self.painter.drawText(rect, flags | WRAP, text)

    def new_page(self) -> None:
        if self.number and self.painter is not None:
            self.device.newPage()
        self.number += 1
        area, doc = self.area, self.doc
        title = _font(11, bold=True)
        height = self.text_height(doc.title, area.width(), title)
        self.draw(QRectF(area.left(), area.top(), area.width(), height), doc.title, title)
        who = " · ".join(f"{k}: {v}" for k, v in doc.identity if k)
        line_y = area.top() + height + 2
        who_h = self.text_height(who, area.width(), self.small)
        self.draw(QRectF(area.left(), line_y, area.width(), who_h), who, self.small)
        self.y = line_y + who_h + 8
        if self.painter is not None:
            self.painter.setPen(QColor("#888888"))
            self.painter.drawLine(int(area.left()), int(self.y), int(area.right()), int(self.y))
            self.painter.setPen(QColor("#000000"))
            footer = doc.page.format(page=self.number, pages=self.total or self.number)
            foot_h = self.text_height(footer, area.width(), self.small) + 2
            foot = QRectF(area.left(), area.bottom() - foot_h, area.width(), foot_h)
            self.draw(foot, footer, self.small, RIGHT)
        self.y += 10
        self.top = self.y

    @property
    def bottom(self) -> float:
        return self.area.bottom() - 32

    def ensure(self, height: float) -> None:
        if self.y + height > self.bottom:
            self.new_page()


def _widths(table: ReportTable, total: float) -> list[float]:
    weight = sum(table.widths)
    return [total * w / weight for w in table.widths]


def _row_height(pages: _Pages, cells: tuple[object, ...], widths: list[float], bold: bool) -> float:
    font = pages.bold if bold else pages.body
    return (
        max(
            pages.text_height(str(cell), width - 2 * PAD, font)
            for cell, width in zip(cells, widths, strict=True)
        )
        + 2 * PAD
    )


def _draw_row(
    pages: _Pages, cells: tuple[object, ...], widths: list[float], height: float, *, head: bool
) -> None:
    x = pages.area.left()
    painter = pages.painter
    for cell, width in zip(cells, widths, strict=True):
        rect = QRectF(x, pages.y, width, height)
        if painter is not None:
            if head:
                painter.fillRect(rect, QColor("#e9eef0"))
            painter.setPen(QColor("#777777"))
            painter.drawRect(rect)
            painter.setPen(QColor("#000000"))
        inner = rect.adjusted(PAD, PAD, -PAD, -PAD)
        flags = RIGHT if isinstance(cell, int) else LEFT
        pages.draw(inner, str(cell), pages.bold if head else pages.body, flags)
        x += width
    pages.y += height


def _table(pages: _Pages, table: ReportTable) -> None:
    widths = _widths(table, pages.area.width())
    title_h = pages.text_height(table.title, pages.area.width(), pages.bold) + 4
    head_h = _row_height(pages, table.header, widths, True)
    rows = table.rows or ((pages.doc.empty, *[""] * (len(table.header) - 1)),)
    heights = [_row_height(pages, row, widths, False) for row in rows]
    whole = title_h + head_h + sum(heights)
    if len(rows) <= KEEP_WHOLE_ROWS and whole <= pages.bottom - pages.top:
        pages.ensure(whole)  # a short table is read at a glance: never split over two pages
    pages.ensure(title_h + head_h + heights[0])
    pages.draw(
        QRectF(pages.area.left(), pages.y, pages.area.width(), title_h), table.title, pages.bold
    )
    pages.y += title_h
    _draw_row(pages, table.header, widths, head_h, head=True)
    for row, height in zip(rows, heights, strict=True):
        if pages.y + height > pages.bottom:
            pages.new_page()
            _draw_row(pages, table.header, widths, head_h, head=True)
        _draw_row(pages, row, widths, height, head=False)
    pages.y += 12


def _identity(pages: _Pages) -> None:
    doc, area = pages.doc, pages.area
    for key, value in doc.identity:
        height = pages.text_height(value, area.width() * 0.7, pages.body) + 2
        pages.draw(QRectF(area.left(), pages.y, area.width() * 0.25, height), key, pages.bold)
        pages.draw(
            QRectF(area.left() + area.width() * 0.25, pages.y, area.width() * 0.75, height),
            value,
            pages.body,
        )
        pages.y += height
    height = pages.text_height(doc.note, area.width(), pages.small) + 4
    pages.draw(QRectF(area.left(), pages.y + 4, area.width(), height), doc.note, pages.small)
    pages.y += height + 12


def _signatures(pages: _Pages) -> None:
    doc, area = pages.doc, pages.area
    line = QFontMetricsF(pages.body, pages.device).lineSpacing()
    pages.ensure(line * 9)
    pages.draw(QRectF(area.left(), pages.y, area.width(), line * 2), doc.place_date, pages.body)
    pages.y += line * 2
    column = area.width() / len(doc.signatures)
    for index, (role, name) in enumerate(doc.signatures):
        left = area.left() + index * column
        pages.draw(QRectF(left, pages.y, column - 10, line * 2), role, pages.bold)
        signed = f"( {name or '.' * 40} )"
        pages.draw(QRectF(left, pages.y + line * 6, column - 10, line * 2), signed, pages.body)
    pages.y += line * 8


def _lay_out(
    doc: ReportDocument,
    *,
    page: QRectF,
    device: QPdfWriter,
    painter: QPainter | None,
    total: int,
) -> int:
    pages = _Pages(doc, page=page, device=device, painter=painter, total=total)
    _identity(pages)
    for table in doc.tables:
        _table(pages, table)
    _signatures(pages)
    return pages.number


def write_pdf(report: MonthlyReport, path: Path, lang: Language = "id") -> None:
    """Write the report to ``path`` as an A4 PDF (on a worker; touches no widget)."""
    doc = report_document(report, lang)
    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(14, 14, 14, 14), QPageLayout.Unit.Millimeter)
    writer.setResolution(RESOLUTION)
    writer.setTitle(doc.title)
    page = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
    page.moveTo(0, 0)
    total = _lay_out(doc, page=page, device=writer, painter=None, total=0)
    painter = QPainter(writer)
    try:
        _lay_out(doc, page=page, device=writer, painter=painter, total=total)
    finally:
        painter.end()
