"""``MainWindow``: search residents, see one resident's history, and open the forms.

Every Register call goes through the runner's database lane; the window never blocks and never
opens a database session. Stale answers (an older search, another resident) are dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.models import Change, PersonRecord, SyncCounts, VisitRecord
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.ui import operations
from kader_app.ui.labels import level_text
from kader_app.ui.operations import PersonView, SyncOverview
from kader_app.ui.people_model import PeopleModel
from kader_app.ui.report_dialog import ReportDialog
from kader_app.ui.resident_dialog import ResidentDialog
from kader_app.ui.resident_panel import ResidentPanel
from kader_app.ui.runner import Runner
from kader_app.ui.sync_controller import SyncController, SyncSnapshot
from kader_app.ui.sync_panel import (
    SyncPanel,
    clock_warning_text,
    status_bar_text,
)
from kader_app.ui.transfer_menu import TransferMenu
from kader_app.ui.visit.dialog import VisitDialog
from kader_app.ui.void_dialog import VoidDialog
from screening.rules.visit import VisitEvaluation

if TYPE_CHECKING:
    # Imported when first opened: it loads the sync stack (enrolment), which an unenrolled
    # laptop does not need at start.
    from kader_app.ui.duty_menu import DutyMenu
    from kader_app.ui.settings_dialog import SettingsDialog

SEARCH_DELAY_MS = 250
# Rows the results columns are fitted to (Qt measures every cell of each).
RESIZE_PRECISION_ROWS = 50
SEARCH_LIMIT = 200


class MainWindow(QMainWindow):
    """The app's one window.

    Signals for tests and the composition root: ``search_finished`` after results are shown,
    ``person_shown(person_id)`` after the panel shows a resident, ``sync_counts_shown`` after
    the status bar is refreshed, ``change_applied(change)`` after any saved change was shown.

    A saved change refreshes only what it touched (``apply_change``): a visit reloads its
    resident's panel and row; a resident's own change also runs the search again, since the
    list may now match differently. The unsent count comes from the change itself.
    """

    search_finished = Signal()
    person_shown = Signal(str)
    sync_counts_shown = Signal()
    change_applied = Signal(object)

    def __init__(
        self,
        *,
        register: Register,
        runner: Runner,
        settings: AppSettings,
        store_settings: Callable[[AppSettings], None],
        sync: SyncController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._register = register
        self._sync = sync
        self.sync_panel: SyncPanel | None = None
        self._runner = runner
        self._settings = settings
        self._store_settings = store_settings
        self._counts: SyncCounts | None = None
        self._enrolled: bool | None = None
        self._sync_snapshot: SyncSnapshot | None = None
        # Enter in the search box before the search answered: act once it has.
        self._enter_pending = False
        # Ctrl+P while the chosen resident is still loading: open the form once they are shown.
        self._visit_after_load = False
        self._search_generation = 0
        self._search_pending = False
        self._person_generation = 0
        self._selected_id: str | None = None
        self.resident_dialog: ResidentDialog | None = None
        self.visit_dialog: VisitDialog | None = None
        self.void_dialog: VoidDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.report_dialog: ReportDialog | None = None
        # The "Petugas" menu, once a PIN opened the app (set by the composition root).
        self.duty_menu: DutyMenu | None = None
        self._update_title()
        self.resize(1366, 740)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        top = QHBoxLayout()
        self.search_edit = QLineEdit(central)
        self.search_edit.setObjectName("searchEdit")
        self.search_edit.setPlaceholderText(self.tr("Cari warga: ketik nama atau NIK (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        top.addWidget(self.search_edit, 1)
        self.new_person_button = QPushButton(self.tr("Warga baru (Ctrl+N)"), central)
        self.new_person_button.setObjectName("primaryButton")
        top.addWidget(self.new_person_button)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Horizontal, central)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.result_count = QLabel(left)
        left_layout.addWidget(self.result_count)
        self.people_model = PeopleModel(self)
        self.people_view = QTableView(left)
        self.people_view.setModel(self.people_model)
        self.people_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_view.verticalHeader().hide()
        self.people_view.setAlternatingRowColors(True)
        header = self.people_view.horizontalHeader()
        for column in range(6):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        # Fit the columns to the rows a search shows at most, not to all 200 of the start
        # list: every row measured asks the model for each cell's text, font and decoration.
        header.setResizeContentsPrecision(RESIZE_PRECISION_ROWS)
        left_layout.addWidget(self.people_view, 1)
        self.panel = ResidentPanel(splitter)
        self.panel.rule_settings = settings.rule_settings()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setSizes([840, 520])
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)

        self.on_duty_label = QLabel(self)
        self.on_duty_label.setObjectName("onDutyLabel")
        self.on_duty_label.hide()
        self.statusBar().addPermanentWidget(self.on_duty_label)
        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("syncLabel")
        self.statusBar().addPermanentWidget(self.sync_label)
        self.clock_warning_label = QLabel(self)
        self.clock_warning_label.setObjectName("clockWarning")
        self.clock_warning_label.hide()
        self.statusBar().addPermanentWidget(self.clock_warning_label)
        self.sync_button = QPushButton(self.tr("Status kirim data…"), self)
        self.sync_button.setObjectName("syncButton")
        self.sync_button.setFlat(True)
        self.sync_button.setVisible(sync is not None)
        self.sync_button.clicked.connect(self.open_sync_panel)
        self.statusBar().addPermanentWidget(self.sync_button)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._build_actions()

        self.search_edit.textChanged.connect(self.on_search_edited)
        self.search_edit.installEventFilter(self)
        self._search_timer.timeout.connect(self.run_search)
        self.people_view.selectionModel().selectionChanged.connect(self.on_selection_changed)
        self.new_person_button.clicked.connect(self.open_new_person)
        self.panel.new_visit_requested.connect(self.open_new_visit)
        self.panel.edit_requested.connect(self.open_edit_person)
        self.panel.correct_requested.connect(self.open_correction)
        self.panel.void_requested.connect(self.open_void)

        if sync is not None:
            self.change_applied.connect(sync.on_change_applied)
            sync.sync_finished.connect(self.on_sync_finished)

        self.run_search()
        self.refresh_sync_counts()
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _build_actions(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Berkas"))
        self.new_person_action = QAction(self.tr("Warga &baru"), self)
        self.new_person_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_person_action.triggered.connect(self.open_new_person)
        self.new_visit_action = QAction(self.tr("&Pemeriksaan baru"), self)
        self.new_visit_action.setShortcut(QKeySequence("Ctrl+P"))
        self.new_visit_action.triggered.connect(self.open_new_visit)
        self.find_action = QAction(self.tr("&Cari warga"), self)
        self.find_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_action.triggered.connect(self.focus_search)
        self.report_action = QAction(self.tr("&Laporan bulanan…"), self)
        self.report_action.triggered.connect(self.open_report)
        self.transfer_menu = TransferMenu(
            window=self,
            register=self._register,
            runner=self._runner,
            posyandu=self._settings.posyandu_name,
        )
        self.settings_action = QAction(self.tr("P&engaturan…"), self)
        self.settings_action.triggered.connect(self.open_settings)
        quit_action = QAction(self.tr("&Keluar"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        for action in (
            self.new_person_action,
            self.new_visit_action,
            self.find_action,
            self.report_action,
            *self.transfer_menu.actions,
            self.settings_action,
            quit_action,
        ):
            menu.addAction(action)
            self.addAction(action)

    def show_on_duty(self, text: str) -> None:
        """Who is on duty now, at the left of the permanent part of the status bar."""
        self.on_duty_label.setText(text)
        self.on_duty_label.setVisible(bool(text))

    def _update_title(self) -> None:
        name = self._settings.posyandu_name
        title = self.tr("Posyandu — Pencatatan Kader")
        self.setWindowTitle(f"{title} — {name}" if name else title)

    @property
    def settings(self) -> AppSettings:
        return self._settings

    def focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down in the search box goes into the results; Enter there chooses a single match."""
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Down:
                self.go_to_results()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.on_search_entered()
                return True
        return super().eventFilter(watched, event)

    def go_to_results(self) -> None:
        """The cursor in the results list, on the shown resident's row or on the first one."""
        if self.people_model.rowCount() == 0:
            return
        self.people_view.setFocus(Qt.FocusReason.OtherFocusReason)
        rows = self.people_view.selectionModel().selectedRows()
        self.select_row(rows[0].row() if rows else 0)

    def select_row(self, row: int) -> None:
        """Select ``row`` (which shows its resident in the panel) and make it current."""
        index = self.people_model.index(row, 0)
        self.people_view.setCurrentIndex(index)
        self.people_view.selectRow(row)
        self.people_view.scrollTo(index)

    def on_search_entered(self) -> None:
        if self._search_timer.isActive() or self._search_pending:
            self._enter_pending = True
            if self._search_timer.isActive():
                self.run_search()
            return
        self._choose_after_enter()

    def _choose_after_enter(self) -> None:
        count = self.people_model.rowCount()
        if count == 1:
            self.select_row(0)
        elif count > 1:
            self.go_to_results()

    def on_search_edited(self, _text: str) -> None:
        self._search_timer.start()

    def run_search(self) -> None:
        self._search_timer.stop()
        self._search_generation += 1
        self._search_pending = True
        generation = self._search_generation
        query = self.search_edit.text().strip()
        # One more than is shown: the count then says honestly when there are more.
        self._runner.submit(
            operations.search_people(register=self._register, query=query, limit=SEARCH_LIMIT + 1),
            on_done=lambda people: self.on_search_done(generation, query, people),
        )

    def on_search_done(self, generation: int, query: str, people: list[PersonRecord]) -> None:
        if generation != self._search_generation:
            return
        self._search_pending = False
        more = len(people) > SEARCH_LIMIT
        people = people[:SEARCH_LIMIT]
        self.people_model.set_people(people)
        self.result_count.setText(result_count_text(query=query, shown=len(people), more=more))
        shown = self.panel.person.id if self.panel.person is not None else None
        keep = self._selected_id if self._selected_id is not None else shown
        row = self.people_model.row_of(keep) if keep is not None else -1
        if row >= 0:
            self.people_view.selectionModel().blockSignals(True)
            self.select_row(row)
            self.people_view.selectionModel().blockSignals(False)
        elif keep is not None and not query:
            # The latest changes no longer hold the shown resident (e.g. after a pull): kept,
            # first in the list.
            if self.panel.person is not None and self.panel.person.id == keep:
                self.people_model.insert_first(self.panel.person)
                self.people_view.selectionModel().blockSignals(True)
                self.select_row(0)
                self.people_view.selectionModel().blockSignals(False)
        elif keep is not None:
            # The search does not find the shown resident: the panel shows no one rather than
            # them, so Ctrl+P can never open the form of someone not chosen.
            self._selected_id = None
            self._person_generation += 1
            self.panel.clear()
        self.search_finished.emit()
        if self._enter_pending:
            self._enter_pending = False
            self._choose_after_enter()

    def on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        person = self.people_model.person_at(indexes[0].row())
        if person is not None:
            self.show_person(person.id)

    def show_person(self, person_id: str) -> None:
        """Load a resident and their history on the runner, then show them in the panel."""
        self._selected_id = person_id
        self._person_generation += 1
        generation = self._person_generation
        self._runner.submit(
            operations.load_person(register=self._register, person_id=person_id),
            on_done=lambda view: self.on_person_loaded(generation, view),
        )

    def on_person_loaded(self, generation: int, view: PersonView) -> None:
        self.people_model.replace_person(view.person)
        if generation != self._person_generation:
            return
        row = self.people_model.row_of(view.person.id)
        if row < 0:
            # Shown from elsewhere (just saved, or an existing record opened): listed first,
            # so the selected row is always the resident the panel shows.
            self.people_model.insert_first(view.person)
            row = 0
        if not self.people_view.selectionModel().isRowSelected(row):
            self.people_view.selectionModel().blockSignals(True)
            self.select_row(row)
            self.people_view.selectionModel().blockSignals(False)
            self.people_view.viewport().update()
        self.panel.show_person(view.person, view.history, view.follow_ups)
        self.person_shown.emit(view.person.id)
        if self._visit_after_load:
            self._visit_after_load = False
            self.open_new_visit()

    def refresh_sync_counts(self) -> None:
        self._runner.submit(
            operations.sync_overview(register=self._register), on_done=self.on_sync_overview
        )

    def on_sync_overview(self, overview: SyncOverview) -> None:
        self._enrolled = overview.enrolled
        self.on_sync_counts(overview.counts)

    def on_sync_counts(self, counts: SyncCounts) -> None:
        self._counts = counts
        snapshot = self._sync_snapshot
        state = None if snapshot is None else snapshot.state
        self.sync_label.setText(
            status_bar_text(
                counts,
                enrolled=self._enrolled,
                state=state,
                now=datetime.now(UTC),
            )
        )
        self.sync_counts_shown.emit()

    def open_new_person(self) -> None:
        dialog = ResidentDialog(
            register=self._register,
            runner=self._runner,
            default_desa=self._settings.desa,
            parent=self,
        )
        dialog.person_saved.connect(self.on_person_saved)
        dialog.existing_person_requested.connect(self.on_existing_person_requested)
        self.resident_dialog = dialog
        dialog.open()

    def open_edit_person(self) -> None:
        person = self.panel.person
        if person is None:
            return
        dialog = ResidentDialog(
            register=self._register,
            runner=self._runner,
            default_desa=self._settings.desa,
            person=person,
            parent=self,
        )
        dialog.person_saved.connect(self.on_person_saved)
        dialog.existing_person_requested.connect(self.on_existing_person_requested)
        self.resident_dialog = dialog
        dialog.open()

    def on_person_saved(self, _person_id: str, change: Change) -> None:
        self.statusBar().showMessage(self.tr("Data warga tersimpan."), 8000)
        self.apply_change(change)

    def on_existing_person_requested(self, person_id: str) -> None:
        self.show_person(person_id)

    def open_new_visit(self) -> None:
        person = self.panel.person
        if self._selected_id is not None and (person is None or person.id != self._selected_id):
            # The chosen resident is still loading: their form opens once they are shown.
            self._visit_after_load = True
            return
        if person is None:
            self.statusBar().showMessage(self.tr("Pilih warga dulu dari daftar."), 6000)
            return
        self._open_visit_dialog(person=person, visit=None)

    def open_correction(self, visit: VisitRecord) -> None:
        person = self.panel.person
        if person is not None:
            self._open_visit_dialog(person=person, visit=visit)

    def _open_visit_dialog(self, *, person: PersonRecord, visit: VisitRecord | None) -> None:
        dialog = VisitDialog(
            register=self._register,
            runner=self._runner,
            person=person,
            settings=self._settings.rule_settings(),
            recorded_by="",  # the profile on duty (Register.on_duty)
            visit=visit,
            parent=self,
        )
        dialog.visit_saved.connect(self.on_visit_saved)
        self.visit_dialog = dialog
        dialog.open()

    def on_visit_saved(self, change: Change, evaluation: VisitEvaluation | None) -> None:
        if change.kind == "visit_corrected":
            text = self.tr("Koreksi tersimpan.")
        else:
            text = self.tr("Hasil skrining tersimpan.")
        level = evaluation.level if evaluation is not None else None
        if level is not None:
            text += " " + self.tr("Hasil: {level}.").format(level=level_text(level))
        self.panel.show_notice(text, level=level)
        self.statusBar().showMessage(text, 8000)
        self.apply_change(change)

    def open_void(self, visit: VisitRecord) -> None:
        dialog = VoidDialog(when=visit.measured_at.strftime("%d/%m/%Y"), parent=self)
        dialog.void_confirmed.connect(lambda reason: self.void_visit(visit, reason))
        self.void_dialog = dialog
        dialog.open()

    def void_visit(self, visit: VisitRecord, reason: str) -> None:
        op = operations.void_visit(
            register=self._register,
            visit_id=visit.id,
            reason=reason,
            recorded_by="",  # the profile on duty (Register.on_duty)
        )
        self._runner.submit(op, on_done=self.on_visit_voided)

    def on_visit_voided(self, change: Change) -> None:
        text = self.tr("Pemeriksaan dibatalkan; tetap tercatat di riwayat.")
        self.panel.show_notice(text, level=None)
        self.statusBar().showMessage(text, 8000)
        self.apply_change(change)

    def apply_change(self, change: Change) -> None:
        """Refresh only what ``change`` touched, then tell the sync engine.

        Its resident (panel and row); the search when a resident's own record changed; the
        unsent count from ``change.pending`` without asking the Register again.
        """
        self.show_person(change.person_id)
        if change.kind.startswith("person_"):
            # The latest changes list the saved resident first, whatever was searched.
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self.run_search()
        previous = self._counts
        if previous is None:
            self.refresh_sync_counts()
        else:
            oldest = previous.oldest_unsent_at
            if oldest is None and change.pending:
                oldest = datetime.now(UTC)
            self.on_sync_counts(replace(previous, pending=change.pending, oldest_unsent_at=oldest))
        self.change_applied.emit(change)

    def open_report(self) -> None:
        self.report_dialog = ReportDialog(
            runner=self._runner,
            load_report=operations.report_loader(
                register=self._register,
                posyandu=self._settings.posyandu_name,
                desa=self._settings.desa,
                puskesmas=self._settings.puskesmas_name,
                kader=self._settings.kader_name,
            ),
            record_export=operations.export_recorder(register=self._register),
            parent=self,
        )
        self.report_dialog.open()

    def open_sync_panel(self) -> None:
        if self._sync is None:
            return
        if self.sync_panel is None:
            self.sync_panel = SyncPanel(controller=self._sync, parent=self)
        self.sync_panel.show()
        self.sync_panel.raise_()

    def on_sync_finished(self, snapshot: SyncSnapshot) -> None:
        """After each sync attempt: counts, new residents and follow-ups, the clock warning."""
        self._sync_snapshot = snapshot
        self._enrolled = snapshot.enrolled
        self.refresh_sync_counts()
        status = snapshot.status
        summary = None if status is None else status.last_summary
        if summary is not None and (summary.pulled_people or summary.pulled_followups):
            self.run_search()
            if self.panel.person is not None:
                self.show_person(self.panel.person.id)
        warning = clock_warning_text(None if status is None else status.skew_seconds)
        self.clock_warning_label.setText(warning)
        self.clock_warning_label.setVisible(bool(warning))

    def open_settings(self) -> None:
        from kader_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(settings=self._settings, enroller=self._sync, parent=self)
        dialog.accepted.connect(lambda: self.on_settings_accepted(dialog.settings()))
        self.settings_dialog = dialog
        dialog.open()

    def on_settings_accepted(self, settings: AppSettings) -> None:
        self._settings = settings
        self.panel.rule_settings = settings.rule_settings()
        self.transfer_menu.posyandu = settings.posyandu_name
        self._store_settings(settings)
        if self._sync is not None:
            self._sync.update_settings(settings)
        self._update_title()
        self.statusBar().showMessage(self.tr("Pengaturan tersimpan."), 6000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self._sync is not None:
            # Sync ends after its current request; what it did not send is sent next time.
            self._sync.stop()
        # Let a save that is already running finish, so nothing typed is lost on exit.
        self._runner.wait_idle()
        super().closeEvent(event)


def sync_status_text(counts: SyncCounts, *, now: datetime, enrolled: bool | None = None) -> str:
    """The status bar's line: the unsent count, and whether this laptop is linked at all."""
    return status_bar_text(counts, enrolled=enrolled, state=None, now=now)


def result_count_text(*, query: str, shown: int, more: bool) -> str:
    """'3 warga ditemukan', or 'Lebih dari 200 warga ditemukan …' when the list is cut."""
    if not query:
        return QCoreApplication.translate("MainWindow", "Warga yang terakhir diubah")
    if more:
        return QCoreApplication.translate(
            "MainWindow", "Lebih dari {n} warga ditemukan; ketik lebih lengkap (nama atau NIK)"
        ).format(n=shown)
    return QCoreApplication.translate("MainWindow", "{n} warga ditemukan").format(n=shown)
