"""The export table as an XLSX workbook (the default) or a CSV for Indonesian spreadsheet programs.

NIK, No. KK, RT and RW are text in both (a 16-digit number loses its last digits in a
spreadsheet); every text cell a spreadsheet would run as a formula is written as text. Pure:
bytes out, nothing written to disk or logged.
"""

from __future__ import annotations

import csv
import io
from typing import Any

# openpyxl ships no type hints and types-openpyxl is not in the lock.
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from sync.server.exports import Column, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _number_text(value: int | float) -> str:
    """``73,8``: the decimal comma of an Indonesian spreadsheet program."""
    return str(value).replace(".", ",")


def csv_cell(column: Column, value: Any) -> str:
    """One CSV field.

    A number keeps its decimal comma. NIK and No. KK (digits only, checked on arrival) are
    written as the text formula ``="…"``: the one CSV form LibreOffice and Excel both open as
    text, every digit kept. Other text that a spreadsheet would run as a formula starts with an
    apostrophe, so it is read as the text it is.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return _number_text(value)
    text = str(value)
    if column.kind == "id" and text.isdigit():
        return f'="{text}"'
    if text.startswith(FORMULA_START):
        return "'" + text
    return text


def to_csv(table: Table) -> bytes:
    """``;``-separated, decimal comma, UTF-8 with a byte-order mark, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.title for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(c, row.get(c.key)) for c in table.columns])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(table: Table, *, title: str = "Kunjungan") -> bytes:
    """Numbers as numbers; every text cell, formula-like or not, a text cell."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([c.title for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, row in enumerate(table.rows, start=2):
        for number, column in enumerate(table.columns, start=1):
            value = row.get(column.key)
            if value is None or value == "":
                continue
            cell = sheet.cell(row=index, column=number, value=value)
            if isinstance(value, str):
                # openpyxl takes a leading "=" as a formula: this cell is text, shown as typed.
                cell.data_type = "s"
                if value.startswith(FORMULA_START):
                    cell.quotePrefix = True
            if column.kind == "id":
                cell.number_format = "@"
    sheet.freeze_panes = "A2"
    for number, column in enumerate(table.columns, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = max(12, min(40, len(column.title) + 2))
        if column.kind == "id":
            sheet.column_dimensions[letter].number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
