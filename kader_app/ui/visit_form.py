"""The screening form (``VisitForm``) and the dialog that saves or corrects one (``VisitDialog``).

Classifies live by calling the pure ``evaluate_visit`` on every edit; the rules decide, this
module only shows their answer in words. Saving goes through the runner and the Register.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.models import Change, PersonRecord, VisitRecord
from kader_app.core.register import Register
from kader_app.core.rules.common import Level, RuleInputError, max_level
from kader_app.core.rules.visit import (
    AnthropometryInput,
    BloodPressureInput,
    GlucoseInput,
    RuleSettings,
    SectionResult,
    Srq20Input,
    TbInput,
    VisitEvaluation,
    VisitInput,
    evaluate_visit,
)
from kader_app.ui.labels import (
    TB_RISK_TEXT,
    TB_SYMPTOM_TEXT,
    class_text,
    field_text,
    level_text,
    next_step_text,
    range_text,
    reason_text,
    section_title,
    srq20_question,
    tb_contact_text,
    tb_risk_text,
    tb_symptom_text,
)
from kader_app.ui.level_badge import LevelBadge
from kader_app.ui.people_model import age_years
from kader_app.ui.runner import Runner

SECTIONS = ("anthropometry", "blood_pressure", "glucose", "tb", "srq20")


class FieldProblemError(Exception):
    """A typed value that cannot be read as a number: names the field, never the value."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


def _number(text: str) -> float | None:
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        return None


def _set_state(widget: QWidget, state: str) -> None:
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class NumberField(QWidget):
    """A line edit with its unit and an in-place message; what was typed is never cleared."""

    edited = Signal()

    def __init__(self, *, field: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setMaximumWidth(110)
        self.edit.setAccessibleName(field_text(field))
        layout.addWidget(self.edit, 0, 0)
        layout.addWidget(QLabel(unit, self), 0, 1)
        layout.setColumnStretch(2, 1)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message, 1, 0, 1, 3)
        self.edit.textChanged.connect(self.edited)

    def text(self) -> str:
        return self.edit.text().strip()

    def is_empty(self) -> bool:
        return not self.text()

    def value(self) -> float | None:
        """The number typed, ``None`` when empty; raises ``FieldProblemError`` for non-numbers."""
        if self.is_empty():
            return None
        number = _number(self.text())
        if number is None:
            raise FieldProblemError(self.field)
        return number

    def int_value(self) -> int | None:
        number = self.value()
        if number is None:
            return None
        if number != int(number):
            raise FieldProblemError(self.field)
        return int(number)

    def show_problem(self, text: str) -> None:
        self.message.setText("✖ " + text)
        self.message.show()
        _set_state(self.edit, "error")

    def clear_problem(self) -> None:
        self.message.hide()
        self.message.setText("")
        _set_state(self.edit, "")


class ResultView(QFrame):
    """The live answer of one section: badge (colour + words), reasons and what to do next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultView")
        self.setMinimumWidth(330)
        self._layout = QVBoxLayout(self)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QLabel(self.tr("Hasil skrining"), self)
        heading.setObjectName("resultHeading")
        self._layout.addWidget(heading)
        self._body = QWidget(self)
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self._body)
        self._layout.addStretch(1)
        self.badges: list[LevelBadge] = []
        self.show_note(self.tr("Belum diisi"))

    def _clear(self) -> None:
        self.badges = []
        while self._body_layout.count():
            item = self._body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()

    def show_note(self, text: str) -> None:
        self._clear()
        badge = LevelBadge(self._body)
        badge.set_neutral(text)
        self.badges.append(badge)
        self._body_layout.addWidget(badge)

    def show_problem(self, text: str) -> None:
        self._clear()
        badge = LevelBadge(self._body)
        badge.set_neutral(self.tr("Periksa isian"))
        self.badges.append(badge)
        self._body_layout.addWidget(badge)
        self._add_text("✖ " + text, name="resultProblem")

    def show_results(self, results: Iterable[SectionResult]) -> None:
        self._clear()
        for result in results:
            badge = LevelBadge(self._body)
            badge.set_level(
                result.level,
                f"{class_text(result.section, result.code)} — {level_text(result.level)}",
            )
            self.badges.append(badge)
            self._body_layout.addWidget(badge)
            for reason in result.reasons:
                self._add_text(reason_text(reason), name="resultReason")
            self._add_text(
                self.tr("Langkah: ")
                + next_step_text(section=result.section, code=result.code, level=result.level),
                name="resultNextStep",
            )

    def _add_text(self, text: str, *, name: str) -> None:
        label = QLabel(text, self._body)
        label.setObjectName(name)
        label.setWordWrap(True)
        self._body_layout.addWidget(label)

    def all_text(self) -> str:
        """Everything the kader reads in this view (for checks and screen readers)."""
        parts = []
        for label in self._body.findChildren(QLabel):
            if not label.isHidden() or label.parent() is self._body:
                parts.append(label.text())
        return "\n".join(parts)


class SectionPanel(QWidget):
    """One screening section: its inputs, a skip box, and its live result."""

    edited = Signal()
    section = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        self.left_layout = left
        self.skip_box = QCheckBox(self.tr("Lewati bagian ini"), self)
        left.addWidget(self.skip_box)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.inputs = QWidget(scroll)
        scroll.setWidget(self.inputs)
        left.addWidget(scroll, 1)
        self.message = QLabel(self)
        self.message.setObjectName("sectionMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        left.addWidget(self.message)
        outer.addLayout(left, 3)
        self.result_view = ResultView(self)
        outer.addWidget(self.result_view, 2)
        self.skip_box.toggled.connect(self.on_skip_toggled)

    def on_skip_toggled(self, skipped: bool) -> None:
        self.inputs.setEnabled(not skipped)
        self.edited.emit()

    def fields(self) -> list[NumberField]:
        return []

    def is_skipped(self) -> bool:
        return self.skip_box.isChecked()

    def is_filled(self) -> bool:
        return any(not f.is_empty() for f in self.fields())

    def build(self) -> object | None:
        """The section input, ``None`` when skipped or empty; may raise ``FieldProblemError``."""
        raise NotImplementedError

    def fill(self, value: Any) -> None:
        raise NotImplementedError

    def clear_problems(self) -> None:
        for f in self.fields():
            f.clear_problem()
        self.message.hide()

    def show_rule_error(self, error: RuleInputError) -> str:
        text = self.rule_error_text(error)
        matched = [
            f for f in self.fields() if _field_matches(f.field, error.field) and not f.is_empty()
        ]
        outside = [f for f in matched if _outside(f, error)]
        for f in outside or matched:
            f.show_problem(text)
        if not matched:
            self.message.setText("✖ " + text)
            self.message.show()
        self.result_view.show_problem(text)
        return text

    def rule_error_text(self, error: RuleInputError) -> str:
        return range_text(field=error.field, minimum=error.minimum, maximum=error.maximum)

    def show_field_problem(self, problem: FieldProblemError) -> str:
        text = self.tr("{field}: isi dengan angka").format(field=field_text(problem.field))
        for f in self.fields():
            if f.field == problem.field:
                f.show_problem(text)
        self.result_view.show_problem(text)
        return text


def _with_sections(base: VisitInput, sections: dict[str, Any]) -> VisitInput:
    """``base`` with the given section inputs filled in (keys are VisitInput field names)."""
    return replace(base, **sections)


def _outside(field: NumberField, error: RuleInputError) -> bool:
    """Whether this field's own value breaks the range the rule named (finds the culprit)."""
    number = _number(field.text())
    if number is None or (error.minimum is None and error.maximum is None):
        return False
    too_low = error.minimum is not None and number < error.minimum
    too_high = error.maximum is not None and number > error.maximum
    return too_low or too_high


def _field_matches(mine: str, theirs: str) -> bool:
    """Match a rule's field name (``systolic``, ``readings[1].systolic``...) to a form field."""
    base = mine.rstrip("0123456789").rstrip("_")
    if mine == theirs:
        return True
    if base not in theirs:
        return False
    index = mine[len(base) :].lstrip("_")
    if not index:
        return True
    digits = "".join(ch for ch in theirs if ch.isdigit())
    if not digits:
        return True
    # Rules may count readings from 0 or from 1; mark the reading that fits either way.
    return digits in (index, str(int(index) - 1))


class AnthropometryPanel(SectionPanel):
    section = "anthropometry"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self.inputs)
        self.weight_field = NumberField(field="weight_kg", unit="kg", parent=self.inputs)
        self.height_field = NumberField(field="height_cm", unit="cm", parent=self.inputs)
        self.waist_field = NumberField(field="waist_cm", unit="cm", parent=self.inputs)
        for row, (label, f) in enumerate(
            [
                (self.tr("Berat badan"), self.weight_field),
                (self.tr("Tinggi badan"), self.height_field),
                (self.tr("Lingkar perut"), self.waist_field),
            ]
        ):
            layout.addWidget(QLabel(label, self.inputs), row, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(f, row, 1)
            f.edited.connect(self.edited)
        layout.setRowStretch(3, 1)

    def fields(self) -> list[NumberField]:
        return [self.weight_field, self.height_field, self.waist_field]

    def build(self) -> AnthropometryInput | None:
        if self.is_skipped() or not self.is_filled():
            return None
        return AnthropometryInput(
            weight_kg=self.weight_field.value(),
            height_cm=self.height_field.value(),
            waist_cm=self.waist_field.value(),
        )

    def fill(self, value: AnthropometryInput) -> None:
        for f, v in (
            (self.weight_field, value.weight_kg),
            (self.height_field, value.height_cm),
            (self.waist_field, value.waist_cm),
        ):
            f.edit.setText("" if v is None else f"{v:g}".replace(".", ","))


class BloodPressurePanel(SectionPanel):
    section = "blood_pressure"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self.inputs)
        self.sys1 = NumberField(field="systolic_1", unit="mmHg", parent=self.inputs)
        self.dia1 = NumberField(field="diastolic_1", unit="mmHg", parent=self.inputs)
        self.sys2 = NumberField(field="systolic_2", unit="mmHg", parent=self.inputs)
        self.dia2 = NumberField(field="diastolic_2", unit="mmHg", parent=self.inputs)
        layout.addWidget(QLabel(self.tr("Sistolik (atas)"), self.inputs), 0, 1)
        layout.addWidget(QLabel(self.tr("Diastolik (bawah)"), self.inputs), 0, 2)
        layout.addWidget(
            QLabel(self.tr("Pengukuran 1"), self.inputs), 1, 0, Qt.AlignmentFlag.AlignTop
        )
        layout.addWidget(self.sys1, 1, 1)
        layout.addWidget(self.dia1, 1, 2)
        layout.addWidget(
            QLabel(self.tr("Pengukuran 2\n(boleh kosong)"), self.inputs),
            2,
            0,
            Qt.AlignmentFlag.AlignTop,
        )
        layout.addWidget(self.sys2, 2, 1)
        layout.addWidget(self.dia2, 2, 2)
        hint = QLabel(
            self.tr("Jika diukur dua kali, hasil memakai rata-rata kedua pengukuran."), self.inputs
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout.addWidget(hint, 3, 0, 1, 3)
        layout.setRowStretch(4, 1)
        for f in self.fields():
            f.edited.connect(self.edited)

    def fields(self) -> list[NumberField]:
        return [self.sys1, self.dia1, self.sys2, self.dia2]

    def build(self) -> BloodPressureInput | None:
        if self.is_skipped() or not self.is_filled():
            return None
        readings = []
        for s, d in ((self.sys1, self.dia1), (self.sys2, self.dia2)):
            if s.is_empty() and d.is_empty():
                continue
            sv, dv = s.int_value(), d.int_value()
            if sv is None or dv is None:
                raise FieldProblemError(s.field if sv is None else d.field)
            readings.append((sv, dv))
        return BloodPressureInput(readings=tuple(readings))

    def show_field_problem(self, problem: FieldProblemError) -> str:
        target = next(f for f in self.fields() if f.field == problem.field)
        if target.is_empty():
            text = self.tr("Isi sistolik dan diastolik dari pengukuran yang sama")
            target.show_problem(text)
            self.result_view.show_problem(text)
            return text
        return super().show_field_problem(problem)

    def rule_error_text(self, error: RuleInputError) -> str:
        if error.field == "diastolic" and error.minimum is None and error.maximum is None:
            return self.tr("Sistolik (atas) harus lebih besar dari diastolik (bawah)")
        return super().rule_error_text(error)

    def show_rule_error(self, error: RuleInputError) -> str:
        if error.field == "diastolic" and error.minimum is None and error.maximum is None:
            text = self.rule_error_text(error)
            for s, d in ((self.sys1, self.dia1), (self.sys2, self.dia2)):
                sv, dv = _number(s.text()), _number(d.text())
                if sv is not None and dv is not None and sv <= dv:
                    d.show_problem(text)
            self.result_view.show_problem(text)
            return text
        return super().show_rule_error(error)

    def fill(self, value: BloodPressureInput) -> None:
        pairs = ((self.sys1, self.dia1), (self.sys2, self.dia2))
        for (s, d), reading in zip(pairs, value.readings, strict=False):
            s.edit.setText(str(reading[0]))
            d.edit.setText(str(reading[1]))


class GlucosePanel(SectionPanel):
    section = "glucose"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self.inputs)
        self.value = NumberField(field="value", unit="", parent=self.inputs)
        self.value.edit.setPlaceholderText(self.tr("angka, LO atau HI"))
        self.unit_combo = QComboBox(self.inputs)
        self.unit_combo.addItem("mg/dL", "mg/dL")
        self.unit_combo.addItem("mmol/L", "mmol/L")
        layout.addWidget(
            QLabel(self.tr("Hasil alat"), self.inputs), 0, 0, Qt.AlignmentFlag.AlignTop
        )
        layout.addWidget(self.value, 0, 1)
        layout.addWidget(self.unit_combo, 0, 2, Qt.AlignmentFlag.AlignTop)
        self.random_radio = QRadioButton(self.tr("Sewaktu (GDS)"), self.inputs)
        self.fasting_radio = QRadioButton(self.tr("Puasa ≥ 8 jam (GDP)"), self.inputs)
        self.random_radio.setChecked(True)
        kind_group = QButtonGroup(self)
        kind_group.addButton(self.random_radio)
        kind_group.addButton(self.fasting_radio)
        layout.addWidget(QLabel(self.tr("Jenis"), self.inputs), 1, 0)
        layout.addWidget(self.random_radio, 1, 1)
        layout.addWidget(self.fasting_radio, 1, 2)
        self.hypo_box = QCheckBox(
            self.tr("Ada gejala gula rendah (berkeringat, gemetar, bingung)"), self.inputs
        )
        layout.addWidget(self.hypo_box, 2, 0, 1, 3)
        layout.setRowStretch(3, 1)
        layout.setColumnStretch(3, 1)
        self.value.edited.connect(self.edited)
        self.unit_combo.currentIndexChanged.connect(self.edited)
        self.random_radio.toggled.connect(self.edited)
        self.hypo_box.toggled.connect(self.edited)

    def fields(self) -> list[NumberField]:
        return [self.value]

    def build(self) -> GlucoseInput | None:
        if self.is_skipped() or not self.is_filled():
            return None
        raw = self.value.text().upper().replace(",", ".")
        if raw not in ("LO", "HI") and _number(raw) is None:
            raise FieldProblemError(self.value.field)
        return GlucoseInput(
            value=raw,
            kind="sewaktu" if self.random_radio.isChecked() else "puasa",
            hypo_symptoms=self.hypo_box.isChecked(),
            unit="mmol/L" if self.unit_combo.currentData() == "mmol/L" else "mg/dL",
        )

    def fill(self, value: GlucoseInput) -> None:
        self.value.edit.setText(value.value)
        (self.random_radio if value.kind == "sewaktu" else self.fasting_radio).setChecked(True)
        self.hypo_box.setChecked(value.hypo_symptoms)
        self.unit_combo.setCurrentIndex(self.unit_combo.findData(value.unit))


class TbPanel(SectionPanel):
    section = "tb"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self.inputs)
        self.cough_box = QCheckBox(self.tr("Batuk"), self.inputs)
        self.cough_days = QSpinBox(self.inputs)
        self.cough_days.setRange(0, 365)
        self.cough_days.setSuffix(self.tr(" hari"))
        self.cough_days.setEnabled(False)
        layout.addWidget(self.cough_box, 0, 0)
        layout.addWidget(QLabel(self.tr("sudah berapa lama:"), self.inputs), 0, 1)
        layout.addWidget(self.cough_days, 0, 2)

        symptoms = QGroupBox(self.tr("Gejala lain"), self.inputs)
        s_layout = QVBoxLayout(symptoms)
        self.symptom_boxes: dict[str, QCheckBox] = {}
        for code in TB_SYMPTOM_TEXT:
            box = QCheckBox(tb_symptom_text(code), symptoms)
            self.symptom_boxes[code] = box
            s_layout.addWidget(box)
            box.toggled.connect(self.edited)
        layout.addWidget(symptoms, 1, 0, 1, 2)

        risks = QGroupBox(self.tr("Faktor risiko"), self.inputs)
        r_layout = QVBoxLayout(risks)
        self.risk_boxes: dict[str, QCheckBox] = {}
        for code in TB_RISK_TEXT:
            box = QCheckBox(tb_risk_text(code), risks)
            self.risk_boxes[code] = box
            r_layout.addWidget(box)
            box.toggled.connect(self.edited)
        layout.addWidget(risks, 1, 2, 2, 2)

        contact = QGroupBox(self.tr("Kontak dengan pasien TBC (3 bulan terakhir)"), self.inputs)
        c_layout = QVBoxLayout(contact)
        self.contact_radios: dict[str, QRadioButton] = {}
        contact_group = QButtonGroup(self)
        for code in ("none", "household", "close"):
            radio = QRadioButton(tb_contact_text(code), contact)
            self.contact_radios[code] = radio
            contact_group.addButton(radio)
            c_layout.addWidget(radio)
            radio.toggled.connect(self.edited)
        self.contact_radios["none"].setChecked(True)
        layout.addWidget(contact, 2, 0, 1, 2)
        layout.setRowStretch(3, 1)
        self.cough_box.toggled.connect(self.cough_days.setEnabled)
        self.cough_box.toggled.connect(self.edited)
        self.cough_days.valueChanged.connect(self.edited)

    def is_filled(self) -> bool:
        return True

    def build(self) -> TbInput | None:
        if self.is_skipped():
            return None
        contact = next(c for c, r in self.contact_radios.items() if r.isChecked())
        return TbInput(
            cough=self.cough_box.isChecked(),
            cough_days=self.cough_days.value() if self.cough_box.isChecked() else 0,
            symptoms=frozenset(c for c, b in self.symptom_boxes.items() if b.isChecked()),
            contact="household"
            if contact == "household"
            else "close"
            if contact == "close"
            else "none",
            risks=frozenset(c for c, b in self.risk_boxes.items() if b.isChecked()),
        )

    def fill(self, value: TbInput) -> None:
        self.cough_box.setChecked(value.cough)
        self.cough_days.setValue(value.cough_days)
        for code, box in self.symptom_boxes.items():
            box.setChecked(code in value.symptoms)
        for code, box in self.risk_boxes.items():
            box.setChecked(code in value.risks)
        self.contact_radios[value.contact].setChecked(True)


class Srq20Panel(SectionPanel):
    section = "srq20"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QGridLayout(self.inputs)
        intro = QLabel(
            self.tr("Tanyakan tentang 30 hari terakhir. Bacakan setiap pertanyaan apa adanya."),
            self.inputs,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro, 0, 0, 1, 4)
        self.yes: dict[int, QRadioButton] = {}
        self.no: dict[int, QRadioButton] = {}
        self._groups: list[QButtonGroup] = []
        for number in range(1, 21):
            row = number
            question = QLabel(f"{number}. {srq20_question(number)}", self.inputs)
            question.setWordWrap(True)
            yes = QRadioButton(self.tr("Ya"), self.inputs)
            no = QRadioButton(self.tr("Tidak"), self.inputs)
            yes.setAccessibleName(self.tr("Ya, nomor {n}").format(n=number))
            no.setAccessibleName(self.tr("Tidak, nomor {n}").format(n=number))
            group = QButtonGroup(self)
            group.addButton(yes)
            group.addButton(no)
            self._groups.append(group)
            self.yes[number] = yes
            self.no[number] = no
            layout.addWidget(question, row, 0)
            layout.addWidget(yes, row, 1)
            layout.addWidget(no, row, 2)
            yes.toggled.connect(self.on_answer_toggled)
            no.toggled.connect(self.on_answer_toggled)
        layout.setColumnStretch(0, 1)
        self.unanswered_label = QLabel(self)
        self.unanswered_label.setObjectName("unansweredLabel")
        self.left_layout.insertWidget(1, self.unanswered_label)
        self._update_count()

    def on_answer_toggled(self, checked: bool) -> None:
        if checked:
            self._update_count()
            self.edited.emit()

    def answers(self) -> dict[int, bool]:
        found = {}
        for number in range(1, 21):
            if self.yes[number].isChecked():
                found[number] = True
            elif self.no[number].isChecked():
                found[number] = False
        return found

    def _update_count(self) -> None:
        missing = 20 - len(self.answers())
        if missing:
            self.unanswered_label.setText(
                self.tr("Belum dijawab: {n} dari 20 pertanyaan").format(n=missing)
            )
        else:
            self.unanswered_label.setText(self.tr("Semua 20 pertanyaan sudah dijawab"))

    def is_filled(self) -> bool:
        return bool(self.answers())

    def build(self) -> Srq20Input | None:
        if self.is_skipped() or not self.is_filled():
            return None
        return Srq20Input(answers=self.answers())

    def fill(self, value: Srq20Input) -> None:
        for number, answer in value.answers.items():
            (self.yes if answer else self.no)[number].setChecked(True)
        self._update_count()


class VisitForm(QWidget):
    """All screening sections with live classification and an overall banner.

    ``evaluated`` is emitted after every re-classification; ``problems()`` lists what blocks
    saving; ``visit_input()`` returns what will be saved.
    """

    evaluated = Signal()

    def __init__(
        self,
        *,
        sex: str,
        birth_date: date | None,
        settings: RuleSettings,
        measured_on: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sex = "P" if sex == "P" else "L"
        self._birth_date = birth_date
        self._settings = settings
        self._measured_on = measured_on or date.today()
        self.evaluation: VisitEvaluation | None = None
        self._problems: list[str] = []

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.banner = LevelBadge(self)
        self.banner.setObjectName("visitBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.banner)
        self.banner_reasons = QLabel(self)
        self.banner_reasons.setObjectName("bannerReasons")
        self.banner_reasons.setWordWrap(True)
        layout.addWidget(self.banner_reasons)

        summary = QHBoxLayout()
        self.summary_badges: dict[str, LevelBadge] = {}
        for section in SECTIONS:
            badge = LevelBadge(self)
            badge.setObjectName("summaryBadge")
            self.summary_badges[section] = badge
            summary.addWidget(badge, 1)
        layout.addLayout(summary)

        self.tabs = QTabWidget(self)
        self.anthropometry = AnthropometryPanel(self.tabs)
        self.blood_pressure = BloodPressurePanel(self.tabs)
        self.glucose = GlucosePanel(self.tabs)
        self.tb = TbPanel(self.tabs)
        self.srq20 = Srq20Panel(self.tabs)
        self.panels: dict[str, SectionPanel] = {
            "anthropometry": self.anthropometry,
            "blood_pressure": self.blood_pressure,
            "glucose": self.glucose,
            "tb": self.tb,
            "srq20": self.srq20,
        }
        for number, (section, panel) in enumerate(self.panels.items(), start=1):
            self.tabs.addTab(panel, f"&{number} {section_title(section)}")
            panel.edited.connect(self.reevaluate)
        layout.addWidget(self.tabs, 1)

        for number in range(1, 6):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.tabs.setCurrentIndex(index))
        self._apply_age()
        self.reevaluate()

    def _apply_age(self) -> None:
        if self._birth_date is None:
            return
        age = age_years(self._birth_date, self._measured_on)
        if age > 65:
            self.tb.risk_boxes["age_over_65"].setChecked(True)
        if age < 15:
            for section in ("anthropometry", "blood_pressure", "srq20"):
                self.panels[section].skip_box.setChecked(True)

    def set_inputs(self, visit: VisitInput) -> None:
        """Prefill from a saved visit (for a correction); skipped sections stay skipped."""
        values: dict[str, Any] = {
            "anthropometry": visit.anthropometry,
            "blood_pressure": visit.blood_pressure,
            "glucose": visit.glucose,
            "tb": visit.tb,
            "srq20": visit.srq20,
        }
        for section, value in values.items():
            panel = self.panels[section]
            panel.skip_box.setChecked(value is None)
            if value is not None:
                panel.fill(value)
        self.reevaluate()

    def _base_input(self) -> VisitInput:
        return VisitInput(
            sex="P" if self._sex == "P" else "L",
            birth_date=self._birth_date,
            measured_on=self._measured_on,
        )

    def reevaluate(self) -> None:
        """Classify each section on its own (so one bad value never hides the others)."""
        base = self._base_input()
        problems: list[str] = []
        collected: dict[str, Any] = {}
        results: list[SectionResult] = []
        for section, panel in self.panels.items():
            panel.clear_problems()
            badge = self.summary_badges[section]
            try:
                section_input = panel.build()
            except FieldProblemError as problem:
                problems.append(panel.show_field_problem(problem))
                badge.set_neutral(f"{section_title(section)}: " + self.tr("periksa isian"))
                continue
            if section_input is None:
                note = self.tr("Dilewati") if panel.is_skipped() else self.tr("Belum diisi")
                panel.result_view.show_note(note)
                badge.set_neutral(f"{section_title(section)}: {note}")
                continue
            try:
                evaluation = evaluate_visit(
                    _with_sections(base, {section: section_input}), self._settings
                )
            except RuleInputError as error:
                problems.append(panel.show_rule_error(error))
                badge.set_neutral(f"{section_title(section)}: " + self.tr("periksa isian"))
                continue
            collected[section] = section_input
            panel.result_view.show_results(evaluation.sections)
            results.extend(evaluation.sections)
            level = max_level(*(r.level for r in evaluation.sections))
            words = ", ".join(class_text(r.section, r.code) for r in evaluation.sections)
            if evaluation.sections:
                badge.set_level(level, f"{section_title(section)}: {words}")
            else:
                badge.set_neutral(f"{section_title(section)}: -")

        self._problems = problems
        self._collected = collected
        if problems:
            self.evaluation = None
            self.banner.set_neutral(self.tr("Periksa isian yang ditandai merah sebelum menyimpan"))
            self.banner_reasons.setText("")
        elif not collected:
            self.evaluation = None
            self.banner.set_neutral(self.tr("Hasil skrining: belum ada isian"))
            self.banner_reasons.setText("")
        else:
            self.evaluation = evaluate_visit(self.visit_input(), self._settings)
            self.banner.set_level(
                self.evaluation.level,
                self.tr("Hasil skrining: {level}").format(level=level_text(self.evaluation.level)),
            )
            flagged = [
                f"{section_title(r.section)}: {class_text(r.section, r.code)}"
                for r in results
                if r.level is not Level.NONE
            ]
            self.banner_reasons.setText(
                "; ".join(flagged) if flagged else self.tr("Semua hasil dalam batas normal.")
            )
        self.evaluated.emit()

    def problems(self) -> list[str]:
        return list(self._problems)

    def visit_input(self) -> VisitInput:
        """What will be saved: only sections that were filled in and accepted."""
        return _with_sections(self._base_input(), self._collected)

    def set_settings(self, settings: RuleSettings) -> None:
        self._settings = settings
        self.reevaluate()


class VisitDialog(QDialog):
    """Records a new visit, or corrects one (``visit`` given), on the runner's database lane.

    Emits ``visit_saved(change, evaluation)`` once the Register has stored it.
    """

    visit_saved = Signal(object, object)

    def __init__(
        self,
        *,
        register: Register,
        runner: Runner,
        person: PersonRecord,
        settings: RuleSettings,
        recorded_by: str = "",
        visit: VisitRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._register = register
        self._runner = runner
        self._person = person
        self._settings = settings
        self._recorded_by = recorded_by
        self._visit = visit
        self._saving = False
        title = self.tr("Koreksi pemeriksaan") if visit else self.tr("Pemeriksaan baru")
        self.setWindowTitle(f"{title} — {person.name}")

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        who = QLabel(
            self.tr("<b>{name}</b> · {age} tahun").format(
                name=person.name, age=age_years(person.birth_date, date.today())
            ),
            self,
        )
        who.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(who, 1)
        header.addWidget(QLabel(self.tr("Tempat:"), self))
        self.place_combo = QComboBox(self)
        self.place_combo.addItem(self.tr("Posyandu"), "posyandu")
        self.place_combo.addItem(self.tr("Kunjungan rumah"), "kunjungan_rumah")
        header.addWidget(self.place_combo)
        layout.addLayout(header)

        measured_on = visit.measured_at.date() if visit else None
        self.form = VisitForm(
            sex=person.sex,
            birth_date=person.birth_date,
            settings=settings,
            measured_on=measured_on,
            parent=self,
        )
        layout.addWidget(self.form, 1)
        if visit is not None:
            self.place_combo.setCurrentIndex(max(0, self.place_combo.findData(visit.place)))
            self.place_combo.setEnabled(False)
            self.form.set_inputs(visit.inputs)

        footer = QHBoxLayout()
        disclaimer = QLabel(
            self.tr("Ini hasil skrining, bukan diagnosis. Diagnosis hanya oleh tenaga kesehatan."),
            self,
        )
        disclaimer.setObjectName("hint")
        disclaimer.setWordWrap(True)
        footer.addWidget(disclaimer, 1)
        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        footer.addWidget(self.message, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("&Simpan hasil skrining"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("&Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        footer.addWidget(self.buttons)
        layout.addLayout(footer)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.form.evaluated.connect(self.on_form_evaluated)
        self.on_form_evaluated()
        self.resize(1180, 680)

    def on_form_evaluated(self) -> None:
        self.save_button.setEnabled(not self._saving and not self.form.problems())

    def on_save_clicked(self) -> None:
        if self.form.problems() or self._saving:
            return
        inputs = self.form.visit_input()
        register, settings, recorded_by = self._register, self._settings, self._recorded_by
        person_id = self._person.id
        place = str(self.place_combo.currentData())
        visit = self._visit

        save: Callable[[], Change]
        if visit is None:

            def save() -> Change:
                """Worker thread: stores the visit; never touches widgets."""
                return register.record_visit(
                    person_id=person_id,
                    inputs=inputs,
                    settings=settings,
                    place=place,
                    recorded_by=recorded_by,
                )

        else:

            def save() -> Change:
                """Worker thread: stores the corrected version; never touches widgets."""
                return register.correct_visit(
                    visit_id=visit.id, inputs=inputs, settings=settings, recorded_by=recorded_by
                )

        self._saving = True
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Menyimpan…"))
        self._runner.submit(save, on_done=self.on_save_done, on_error=self.on_save_failed)

    def on_save_done(self, change: Change) -> None:
        self._saving = False
        self.visit_saved.emit(change, self.form.evaluation)
        self.accept()

    def on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.on_form_evaluated()
        if isinstance(error, RuleInputError):
            self.message.setText(
                "✖ " + range_text(field=error.field, minimum=error.minimum, maximum=error.maximum)
            )
            return
        self.message.setText(self.tr("✖ Belum tersimpan. Isian tetap ada; coba simpan lagi."))
        sys.excepthook(type(error), error, error.__traceback__)

    def done(self, result: int) -> None:
        # Closing while a save runs would lose its answer; the save finishes within moments.
        if self._saving:
            return
        super().done(result)
