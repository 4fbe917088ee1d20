"""``PeopleModel``: the search results as a Qt table model of plain ``PersonRecord`` values.

Holds only what the Register returned; it never queries anything itself.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from kader_app.core.models import PersonRecord
from kader_app.ui.labels import level_colours, level_text, sex_text
from screening.rules.age import years_between
from screening.rules.common import Level

_Index = QModelIndex | QPersistentModelIndex


def age_years(birth: date, today: date) -> int:
    """Completed years on ``today``, for display (the rules count ages themselves)."""
    return years_between(birth, today)


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.UserRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
    }
)


class PeopleModel(QAbstractTableModel):
    """One row per resident: name, sex, age, NIK, address and the latest screening level."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._people: list[PersonRecord] = []
        self._headers = [
            self.tr("Nama"),
            self.tr("L/P"),
            self.tr("Umur"),
            self.tr("NIK"),
            self.tr("Alamat"),
            self.tr("Hasil terakhir"),
        ]

    def set_people(self, people: list[PersonRecord]) -> None:
        self.beginResetModel()
        self._people = list(people)
        self.endResetModel()

    def replace_person(self, person: PersonRecord) -> None:
        """Show ``person``'s new record in its row, if it is in the list."""
        row = self.row_of(person.id)
        if row < 0:
            return
        self._people[row] = person
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    def insert_first(self, person: PersonRecord) -> None:
        """List ``person`` first (a resident shown who is not among the results)."""
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._people.insert(0, person)
        self.endInsertRows()

    def person_at(self, row: int) -> PersonRecord | None:
        if 0 <= row < len(self._people):
            return self._people[row]
        return None

    def row_of(self, person_id: str) -> int:
        for row, person in enumerate(self._people):
            if person.id == person_id:
                return row
        return -1

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in _ROLES:  # fonts, alignment, size hints...: Qt's defaults
            return None
        person = self.person_at(index.row()) if index.isValid() else None
        if person is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(person, column)
        if role == Qt.ItemDataRole.UserRole:
            return person.id
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return sex_text(person.sex)
        if column == 5 and person.last_level:
            background, foreground = level_colours(person.last_level)
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(background))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(foreground))
        return None

    def _display(self, person: PersonRecord, column: int) -> str:
        if column == 0:
            return person.name
        if column == 1:
            return person.sex
        if column == 2:
            return self.tr("{n} th").format(n=age_years(person.birth_date, date.today()))
        if column == 3:
            return person.nik or self.tr("(tanpa NIK)")
        if column == 4:
            return address_text(person)
        if person.last_level is None:
            return self.tr("Belum pernah diperiksa")
        return level_text(Level(person.last_level))


def address_text(person: PersonRecord) -> str:
    parts = []
    if person.dusun:
        parts.append(person.dusun)
    if person.rt or person.rw:
        parts.append(f"RT {person.rt or '-'}/RW {person.rw or '-'}")
    if person.desa:
        parts.append(person.desa)
    return ", ".join(parts)
