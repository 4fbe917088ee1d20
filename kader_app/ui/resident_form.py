"""``ResidentForm``: the fields of one resident, each with its message beside it.

The keyboard walks Nama → Jenis kelamin (L/P) → Tanggal lahir (typed digits) → NIK → No. KK →
Dusun → RT → RW → Desa → No. HP. Every problem shows at once beside its field and goes away
when fixed; the space for messages is kept, so nothing moves. No saving happens here.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QWidget,
)

from kader_app.core.models import PersonInput, PersonRecord
from kader_app.ui.date_field import DateField
from kader_app.ui.labels import nik_error_text, nik_warning_text, person_error_text, sex_text
from kader_app.ui.visit.fields import two_lines_height
from screening.rules.nik import parse_nik

MESSAGE_WIDTH = 360
# Where the calendar opens while no birth date is typed: a grown-up's birth year.
CALENDAR_YEARS_BACK = 35


def digits_only(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class SexField(QWidget):
    """Laki-laki / Perempuan: one tab stop; L or P (or the arrow keys) choose."""

    toggled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerButtons")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleDescription(self.tr("Tekan L untuk laki-laki, P untuk perempuan"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.male = QRadioButton(sex_text("L") + " (L)", self)
        self.female = QRadioButton(sex_text("P") + " (P)", self)
        group = QButtonGroup(self)
        for button in (self.male, self.female):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(lambda on: self.toggled.emit() if on else None)
        layout.addStretch(1)

    def value(self) -> str | None:
        if self.male.isChecked():
            return "L"
        if self.female.isChecked():
            return "P"
        return None

    def set_value(self, code: str) -> None:
        (self.male if code == "L" else self.female).setChecked(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = Qt.Key(event.key())
        if key in (Qt.Key.Key_L, Qt.Key.Key_Left):
            self.male.setChecked(True)
        elif key in (Qt.Key.Key_P, Qt.Key.Key_Right):
            self.female.setChecked(True)
        else:
            super().keyPressEvent(event)


def _message_label(parent: QWidget, *, lines: int = 1) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("fieldMessage")
    label.setWordWrap(True)
    label.setFixedWidth(MESSAGE_WIDTH)
    label.ensurePolished()
    label.setMinimumHeight(two_lines_height(label) if lines > 1 else label.sizeHint().height())
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    policy = label.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    label.setSizePolicy(policy)
    return label


class ResidentForm(QWidget):
    """The fields of one resident.

    ``nik_checked`` fires whenever the NIK's message may have changed. ``show_problems()``
    marks every problem at once (``problems()`` says what they are, keyed by field).
    """

    nik_checked = Signal()

    def __init__(
        self, *, default_desa: str = "", today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._today = today or date.today()
        self._checking = False
        self.messages: dict[str, QLabel] = {}
        grid = QGridLayout(self)
        grid.setColumnStretch(1, 1)
        self._grid = grid

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("Nama lengkap sesuai KTP"))
        self._row("name", self.tr("&Nama"), self.name_edit)
        self.sex_field = SexField(self)
        self.male_radio, self.female_radio = self.sex_field.male, self.sex_field.female
        self._row("sex", self.tr("&Jenis kelamin"), self.sex_field)
        near = self._today.replace(year=self._today.year - CALENDAR_YEARS_BACK, month=1, day=1)
        self.birth_field = DateField(today=self._today, calendar_near=near, parent=self)
        self.birth_edit = self.birth_field.edit
        self._row("birth_date", self.tr("Tanggal &lahir"), self.birth_field)
        self.nik_edit = QLineEdit(self)
        self.nik_edit.setPlaceholderText(self.tr("16 angka (boleh dikosongkan jika tidak tahu)"))
        self.nik_edit.setMaxLength(24)
        self._row("nik", self.tr("NI&K"), self.nik_edit, message=False)
        # NIK warnings are long and may come two at once: their own row, under the NIK.
        self.nik_message = QLabel(self)
        self.nik_message.setObjectName("nikMessage")
        self.nik_message.setWordWrap(True)
        self.nik_message.ensurePolished()
        self.nik_message.setMinimumHeight(two_lines_height(self.nik_message))
        self.nik_message.setSizePolicy(
            QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding
        )
        grid.addWidget(self.nik_message, grid.rowCount(), 1, 1, 2)
        self.kk_edit = QLineEdit(self)
        self.kk_edit.setPlaceholderText(self.tr("16 angka (boleh dikosongkan)"))
        self.kk_edit.setMaxLength(24)
        self._row("kk", self.tr("No. KK"), self.kk_edit)
        self.dusun_edit = QLineEdit(self)
        self._row("dusun", self.tr("Dusun"), self.dusun_edit, message=False)
        rt_rw = QWidget(self)
        rt_rw_layout = QHBoxLayout(rt_rw)
        rt_rw_layout.setContentsMargins(0, 0, 0, 0)
        self.rt_edit = QLineEdit(rt_rw)
        self.rt_edit.setMaxLength(3)
        self.rt_edit.setAccessibleName(self.tr("RT"))
        self.rw_edit = QLineEdit(rt_rw)
        self.rw_edit.setMaxLength(3)
        self.rw_edit.setAccessibleName(self.tr("RW"))
        for text, edit in ((self.tr("RT"), self.rt_edit), (self.tr("RW"), self.rw_edit)):
            rt_rw_layout.addWidget(QLabel(text, rt_rw))
            edit.setFixedWidth(edit.fontMetrics().horizontalAdvance("0000") + 16)
            rt_rw_layout.addWidget(edit)
        rt_rw_layout.addStretch(1)
        self._row("rt_rw", self.tr("RT / RW"), rt_rw, message=False)
        self.desa_edit = QLineEdit(default_desa, self)
        self._row("desa", self.tr("Desa"), self.desa_edit, message=False)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("Nomor HP (boleh dikosongkan)"))
        self._row("phone", self.tr("No. HP"), self.phone_edit, message=False)

        chain = [
            self.name_edit,
            self.sex_field,
            self.birth_edit,
            self.nik_edit,
            self.kk_edit,
            self.dusun_edit,
            self.rt_edit,
            self.rw_edit,
            self.desa_edit,
            self.phone_edit,
        ]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self.last_field = self.phone_edit

        self.nik_edit.textChanged.connect(self.on_identity_edited)
        self.nik_edit.editingFinished.connect(self.on_identity_edited)
        self.birth_field.edited.connect(self.on_identity_edited)
        self.sex_field.toggled.connect(self.on_identity_edited)
        for edit in (self.name_edit, self.kk_edit):
            edit.textChanged.connect(self._recheck)
        self.on_identity_edited()

    def _row(self, field: str, text: str, widget: QWidget, *, message: bool = True) -> None:
        row = self._grid.rowCount()
        label = QLabel(text, self)
        label.setBuddy(widget)
        self._grid.addWidget(label, row, 0)
        self._grid.addWidget(widget, row, 1)
        if message:
            self.messages[field] = _message_label(self)
            self._grid.addWidget(self.messages[field], row, 2)

    def set_person(self, person: PersonRecord) -> None:
        self.name_edit.setText(person.name)
        self.sex_field.set_value(person.sex)
        self.birth_field.set_date(person.birth_date)
        self.nik_edit.setText(person.nik or "")
        self.kk_edit.setText(person.kk or "")
        self.dusun_edit.setText(person.dusun)
        self.rt_edit.setText(person.rt)
        self.rw_edit.setText(person.rw)
        self.desa_edit.setText(person.desa)
        self.phone_edit.setText(person.phone)

    def sex(self) -> str | None:
        return self.sex_field.value()

    def birth_date(self) -> date | None:
        found = self.birth_field.value()
        if found is None or found > self._today or found.year < 1900:
            return None
        return found

    def nik_check(self) -> tuple[str | None, tuple[str, ...]]:
        """(error that blocks saving, warnings that do not) for the NIK as typed."""
        if not self.nik_edit.text().strip():
            return None, ()
        sex = self.sex()
        result = parse_nik(
            digits_only(self.nik_edit.text()),
            birth_date=self.birth_date(),
            sex="L" if sex == "L" else "P" if sex == "P" else None,
        )
        if not result.valid:
            return nik_error_text(result.error), ()
        return None, tuple(nik_warning_text(w) for w in sorted(result.warnings))

    def on_identity_edited(self, *_args: object) -> None:
        self._show_nik()
        self._recheck()
        self.nik_checked.emit()

    def _show_nik(self) -> None:
        error, warnings = self.nik_check()
        typing = self.nik_edit.hasFocus() and len(digits_only(self.nik_edit.text())) < 16
        if error and (self._checking or not typing):
            self.nik_message.setText("✖ " + error)
            self.nik_message.setProperty("kind", "error")
        elif warnings:
            self.nik_message.setText("\n".join("⚠ " + w for w in warnings))
            self.nik_message.setProperty("kind", "warning")
        else:
            self.nik_message.setText("")
            self.nik_message.setProperty("kind", "")
        self.nik_message.style().unpolish(self.nik_message)
        self.nik_message.style().polish(self.nik_message)

    def _recheck(self, *_args: object) -> None:
        if self._checking:
            self.show_problems()

    def problems(self) -> dict[str, str]:
        """What blocks saving, by field, in words (empty when the form can be saved)."""
        found: dict[str, str] = {}
        if not self.name_edit.text().strip():
            found["name"] = person_error_text(field="name", code="required")
        if self.sex() is None:
            found["sex"] = person_error_text(field="sex", code="required")
        birth = self.birth_field.value()
        if self.birth_field.is_empty():
            found["birth_date"] = person_error_text(field="birth_date", code="required")
        elif birth is None or birth.year < 1900:
            found["birth_date"] = self.tr("Tanggal lahir tidak valid: ketik seperti 23081990")
        elif birth > self._today:
            found["birth_date"] = person_error_text(field="birth_date", code="in_future")
        error, _warnings = self.nik_check()
        if error:
            found["nik"] = error
        kk = digits_only(self.kk_edit.text())
        if self.kk_edit.text().strip() and len(kk) != 16:
            found["kk"] = person_error_text(field="kk", code="length")
        return found

    def show_problems(self) -> dict[str, str]:
        """Mark every problem beside its field (from now on, as the kader types); returns them."""
        self._checking = True
        found = self.problems()
        for field, label in self.messages.items():
            text = found.get(field, "")
            label.setText("✖ " + text if text else "")
        self._show_nik()
        return found

    def show_field_problem(self, field: str, text: str) -> None:
        """A problem the Register found (e.g. a NIK in use), beside its field."""
        label = self.messages.get(field)
        if field == "nik":
            self.nik_message.setText("✖ " + text)
            self.nik_message.setProperty("kind", "error")
        elif label is not None:
            label.setText("✖ " + text)

    def person_input(self) -> PersonInput:
        """The typed values; call ``problems()`` first (this assumes they are complete)."""
        birth = self.birth_date()
        sex = self.sex()
        assert birth is not None and sex in ("L", "P")
        return PersonInput(
            name=" ".join(self.name_edit.text().split()),
            sex="L" if sex == "L" else "P",
            birth_date=birth,
            nik=digits_only(self.nik_edit.text()) or None,
            kk=digits_only(self.kk_edit.text()) or None,
            dusun=self.dusun_edit.text().strip(),
            rt=self.rt_edit.text().strip(),
            rw=self.rw_edit.text().strip(),
            desa=self.desa_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
        )
