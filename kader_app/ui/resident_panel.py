"""``ResidentPanel``: one resident's identity, latest results and full visit history.

Shows plain records handed to it; it never loads data itself and asks for actions by signal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.models import FollowUpRecord, PersonRecord, VisitRecord
from kader_app.ui.labels import (
    level_text,
    no_result_text,
    place_text,
    reason_text,
    result_text,
    sex_text,
)
from kader_app.ui.level_badge import LevelBadge
from kader_app.ui.people_model import address_text, age_years
from screening.rules.common import Level
from screening.rules.section import RuleSettings

if TYPE_CHECKING:
    from kader_app.ui.trend_chart import TrendChartPanel


def follow_up_text(follow_up: FollowUpRecord) -> str:
    """'Tindak lanjut Puskesmas: <hasil>, <tanggal>' (and the note, when there is one)."""
    when = follow_up.recorded_at.astimezone().strftime("%d/%m/%Y")
    text = QCoreApplication.translate("ResidentPanel", "Tindak lanjut Puskesmas: {outcome}, {when}")
    text = text.format(outcome=follow_up.outcome, when=when)
    if follow_up.note:
        text += f" — {follow_up.note}"
    return text


def answers_visit(follow_up: FollowUpRecord, visit: VisitRecord) -> bool:
    return follow_up.visit_id is not None and follow_up.visit_id in (
        visit.id,
        visit.visit_key,
        visit.replaces_id,
    )


class VisitCard(QFrame):
    """One visit in the history: when, where, the level and each section's class in words."""

    correct_requested = Signal(object)
    void_requested = Signal(object)

    def __init__(
        self,
        visit: VisitRecord,
        parent: QWidget | None = None,
        *,
        follow_ups: Sequence[FollowUpRecord] = (),
    ) -> None:
        super().__init__(parent)
        self.visit = visit
        self.setObjectName("visitCard")
        self.setProperty("voided", visit.voided)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        when = visit.measured_at.strftime("%d/%m/%Y %H:%M")
        title = QLabel(f"<b>{when}</b> · {place_text(visit.place)}", self)
        title.setTextFormat(Qt.TextFormat.RichText)
        top.addWidget(title)
        if visit.version > 1:
            corrected = QLabel(self.tr("(dikoreksi, versi {n})").format(n=visit.version), self)
            corrected.setObjectName("hint")
            top.addWidget(corrected)
        top.addStretch(1)
        if visit.recorded_by:
            author = QLabel(self.tr("Dicatat oleh {name}").format(name=visit.recorded_by), self)
            author.setObjectName("visitAuthor")
            top.addWidget(author)
        layout.addLayout(top)
        self.level_badge = LevelBadge(self)
        self.level_badge.setWordWrap(False)
        level = visit.evaluation.level
        if visit.voided:
            self.level_badge.set_neutral(self.tr("DIBATALKAN"))
        elif level is None:
            self.level_badge.set_neutral(no_result_text())
        else:
            self.level_badge.set_level(
                level, self.tr("Hasil skrining: {level}").format(level=level_text(level))
            )
        layout.addWidget(self.level_badge)

        if visit.voided:
            self.void_label = QLabel(
                self.tr("Dibatalkan. Alasan: {reason}").format(reason=visit.void_reason or "-"),
                self,
            )
            self.void_label.setObjectName("voidReason")
            self.void_label.setWordWrap(True)
            layout.addWidget(self.void_label)

        # Each asked section: measured values and class ("Tensi 150/95 mmHg — Hipertensi
        # derajat 1"), or what was missing; sections not asked are not listed.
        self.section_badges: list[LevelBadge] = []
        for result in visit.evaluation.sections:
            badge = LevelBadge(self)
            text = result_text(result)
            if visit.voided or result.level is None or not result.is_complete:
                badge.set_neutral(text)
            else:
                badge.set_level(result.level, text)
            badge.setToolTip(" ".join(reason_text(r) for r in result.reasons))
            self.section_badges.append(badge)
            layout.addWidget(badge)

        for follow_up in follow_ups:
            answer = QLabel(follow_up_text(follow_up), self)
            answer.setObjectName("followUp")
            answer.setWordWrap(True)
            layout.addWidget(answer)

        if not visit.voided:
            actions = QHBoxLayout()
            actions.addStretch(1)
            self.correct_button = QPushButton(self.tr("Koreksi"), self)
            self.void_button = QPushButton(self.tr("Batalkan…"), self)
            actions.addWidget(self.correct_button)
            actions.addWidget(self.void_button)
            layout.addLayout(actions)
            self.correct_button.clicked.connect(lambda: self.correct_requested.emit(self.visit))
            self.void_button.clicked.connect(lambda: self.void_requested.emit(self.visit))

    def text_shown(self) -> str:
        """Every text on the card, one label per line."""
        return "\n".join(label.text() for label in self.findChildren(QLabel))


class ResidentPanel(QWidget):
    """The selected resident. Signals ask the window to act; the panel holds no database."""

    new_visit_requested = Signal()
    edit_requested = Signal()
    correct_requested = Signal(object)
    void_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person: PersonRecord | None = None
        self.cards: list[VisitCard] = []
        layout = QVBoxLayout(self)

        self.name_label = QLabel(self)
        self.name_label.setObjectName("personName")
        self.name_label.setWordWrap(True)
        layout.addWidget(self.name_label)
        self.identity_label = QLabel(self)
        self.identity_label.setWordWrap(True)
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.identity_label)

        actions = QHBoxLayout()
        self.new_visit_button = QPushButton(self.tr("Pemeriksaan baru (Ctrl+P)"), self)
        self.new_visit_button.setObjectName("primaryButton")
        self.edit_button = QPushButton(self.tr("Ubah data warga"), self)
        actions.addWidget(self.new_visit_button)
        actions.addWidget(self.edit_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.follow_up_label = QLabel(self)
        self.follow_up_label.setObjectName("followUp")
        self.follow_up_label.setWordWrap(True)
        self.follow_up_label.hide()
        layout.addWidget(self.follow_up_label)

        self.notice = QLabel(self)
        self.notice.setObjectName("savedNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        layout.addWidget(self.notice)

        self.views = QTabWidget(self)
        history_page = QWidget(self.views)
        history_layout = QVBoxLayout(history_page)
        history_layout.setContentsMargins(0, 0, 0, 0)
        self.history_heading = QLabel(self.tr("Riwayat pemeriksaan (terbaru di atas)"), self)
        self.history_heading.setObjectName("sectionHeading")
        history_layout.addWidget(self.history_heading)
        self.history_scroll = QScrollArea(self)
        self.history_scroll.setWidgetResizable(True)
        self.history_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history = QWidget(self.history_scroll)
        self.history_layout = QVBoxLayout(self.history)
        self.history_layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.history_scroll.setWidget(self.history)
        history_layout.addWidget(self.history_scroll, 1)
        self.views.addTab(history_page, self.tr("&Riwayat"))
        # The chart's page is built (and QtCharts loaded) the first time it is opened.
        self.chart_page = QWidget(self.views)
        QVBoxLayout(self.chart_page).setContentsMargins(0, 0, 0, 0)
        self.views.addTab(self.chart_page, self.tr("&Grafik"))
        layout.addWidget(self.views, 1)
        self.chart: TrendChartPanel | None = None
        self.rule_settings = RuleSettings()
        self._history: list[VisitRecord] = []
        self.views.currentChanged.connect(self.on_view_changed)

        self.new_visit_button.clicked.connect(self.new_visit_requested)
        self.edit_button.clicked.connect(self.edit_requested)
        self.clear()

    def clear(self) -> None:
        self.person = None
        self._history = []
        if self.chart is not None:
            self.chart.show_history([])
        self.name_label.setText(self.tr("Pilih warga dari daftar, atau daftarkan warga baru."))
        self.identity_label.setText("")
        self.new_visit_button.setEnabled(False)
        self.edit_button.setEnabled(False)
        self.notice.hide()
        self.follow_up_label.hide()
        self._set_cards([])

    def show_person(
        self,
        person: PersonRecord,
        history: list[VisitRecord],
        follow_ups: Sequence[FollowUpRecord] = (),
    ) -> None:
        same_person = self.person is not None and self.person.id == person.id
        self.person = person
        if not same_person:
            self.notice.hide()
        self.name_label.setText(person.name)
        age = age_years(person.birth_date, date.today())
        lines = [
            self.tr("{sex}, {age} tahun (lahir {birth})").format(
                sex=sex_text(person.sex), age=age, birth=person.birth_date.strftime("%d/%m/%Y")
            ),
            self.tr("NIK: {nik}").format(nik=person.nik or self.tr("belum ada")),
            self.tr("No. KK: {kk}").format(kk=person.kk or "-"),
            self.tr("Alamat: {address}").format(address=address_text(person) or "-"),
        ]
        if person.phone:
            lines.append(self.tr("No. HP: {phone}").format(phone=person.phone))
        self.identity_label.setText("\n".join(lines))
        self.new_visit_button.setEnabled(True)
        self.edit_button.setEnabled(True)
        # The newest follow-up first: it is what the kader needs to know at the table.
        self.follow_up_label.setText("\n".join(follow_up_text(f) for f in follow_ups))
        self.follow_up_label.setVisible(bool(follow_ups))
        self._set_cards(history, follow_ups)
        self._history = list(history)
        if self.chart is not None:
            self.chart.show_history(self._history)

    def on_view_changed(self, index: int) -> None:
        if self.views.widget(index) is self.chart_page:
            self.show_chart()

    def show_chart(self) -> TrendChartPanel:
        """The trend chart page (built, and QtCharts loaded, on first use)."""
        if self.chart is None:
            from kader_app.ui.trend_chart import TrendChartPanel

            self.chart = TrendChartPanel(settings=self.rule_settings, parent=self.chart_page)
            layout = self.chart_page.layout()
            assert layout is not None
            layout.addWidget(self.chart)
            self.chart.show_history(self._history)
        self.views.setCurrentWidget(self.chart_page)
        return self.chart

    def show_notice(self, text: str, *, level: Level | None = None) -> None:
        self.notice.setText(text)
        self.notice.setProperty("level", level.value if level else "")
        self.notice.style().unpolish(self.notice)
        self.notice.style().polish(self.notice)
        self.notice.show()

    def _set_cards(
        self, history: list[VisitRecord], follow_ups: Sequence[FollowUpRecord] = ()
    ) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        while self.history_layout.count():
            item = self.history_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not history and self.person is not None:
            empty = QLabel(self.tr("Belum ada pemeriksaan."), self.history)
            self.history_layout.addWidget(empty)
        for visit in history:
            answered = [f for f in follow_ups if answers_visit(f, visit)]
            card = VisitCard(visit, self.history, follow_ups=answered)
            card.correct_requested.connect(self.correct_requested)
            card.void_requested.connect(self.void_requested)
            self.cards.append(card)
            self.history_layout.addWidget(card)
