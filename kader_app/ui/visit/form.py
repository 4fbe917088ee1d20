"""``VisitForm``: every section offered to the person, evaluated by the rules once per edit.

Tabs, summary badges and Alt+1…N come from the section registry and the panels found for it;
nothing here names a section. The rules decide which sections are offered, their states and
classes; this module shows their answer in words and never works one out.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from kader_app.ui.discard import typed_state
from kader_app.ui.labels import section_title
from kader_app.ui.visit.page import SectionPage
from kader_app.ui.visit.panels import panel_class
from kader_app.ui.visit.result_view import ResultView
from kader_app.ui.visit.section_panel import SectionPanel
from kader_app.ui.visit.summary import VisitSummary
from screening.rules.common import RuleInputError
from screening.rules.registry import groups, section, section_codes
from screening.rules.section import (
    InputModel,
    RuleContext,
    RuleSettings,
    SectionResult,
    Subject,
)
from screening.rules.visit import (
    VisitEvaluation,
    VisitInput,
    evaluate_visit,
    offered_sections,
    on_request_sections,
)

MAX_SHORTCUTS = 9


class VisitForm(QWidget):
    """The sections of one visit, with their live results and the visit's banner.

    ``evaluated`` is emitted after every evaluation. ``evaluation`` and ``errors()`` hold the
    rules' last answer (every refusal, from the panels and the rules alike); ``visit_input()``
    is what would be saved; ``save_blocker()`` says in words why it cannot be, or is empty.
    """

    evaluated = Signal()

    def __init__(
        self,
        *,
        subject: Subject,
        measured_on: date,
        settings: RuleSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = RuleContext(subject=subject, on=measured_on, settings=settings)
        self.panels: dict[str, SectionPanel] = {}
        self.result_views: dict[str, ResultView] = {}
        self.add_buttons: dict[str, QPushButton] = {}
        self._pages: dict[str, SectionPage] = {}
        self._refused: dict[str, list[RuleInputError]] = {}
        self._read: dict[str, InputModel] = {}
        self._all_errors: list[RuleInputError] = []
        self._filling = False
        self._untouched: dict[str, tuple[object, ...]] = {}
        self._questions: dict[str, str] = {}
        self.evaluation = VisitEvaluation(rules_version="", sections=())

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = VisitSummary(self)
        layout.addWidget(self.summary)
        self.banner = self.summary.banner
        self.banner_reasons = self.summary.banner_reasons
        self.summary_badges = self.summary.badges
        self.tabs = QTabWidget(self)
        # The tabs are not Tab stops: Tab goes from field to field, Alt+N from tab to tab.
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.tabBar().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.tabs, 1)
        self.nothing_offered = QLabel(
            self.tr("Tidak ada bagian skrining untuk warga ini pada tanggal pemeriksaan."), self
        )
        self.nothing_offered.setWordWrap(True)
        layout.addWidget(self.nothing_offered)
        self._extra = QHBoxLayout()
        layout.addLayout(self._extra)

        for code in offered_sections(subject, measured_on):
            self._add_panel(code)
        for code in on_request_sections(subject, measured_on):
            self._add_request_button(code)
        self._extra.addStretch(1)
        for number in range(1, MAX_SHORTCUTS + 1):
            shortcut = QShortcut(QKeySequence(f"Alt+{number}"), self)
            shortcut.activated.connect(lambda index=number - 1: self.go_to_tab(index))
        self.reevaluate()

    def _add_panel(self, code: str) -> None:
        cls = panel_class(code)
        if cls is None or code in self.panels:
            return
        spec = section(code)
        page = self._pages.get(spec.group)
        if page is None:
            page = SectionPage(spec.group, self.tabs)
            order = [group for group, _ in groups()]
            before = sum(1 for g in self._pages if order.index(g) < order.index(spec.group))
            self._pages[spec.group] = page
            self.tabs.insertTab(before, page, "")
        panel = cls(context=self.context)
        view = ResultView(code)
        codes = section_codes()
        position = codes.index(code)
        page.add(panel, view, position=position)
        self.summary.add_badge(code, at=sum(1 for c in self.panels if codes.index(c) < position))
        self.panels[code] = panel
        self.result_views[code] = view
        self._untouched[code] = typed_state(panel)
        panel.edited.connect(self.reevaluate)
        self._retitle_tabs()

    def _add_request_button(self, code: str) -> None:
        if panel_class(code) is None or code in self.panels:
            return
        button = QPushButton(
            self.tr("+ Tambah bagian: {section}").format(section=section_title(code)), self
        )
        button.setToolTip(self.tr("Bagian ini hanya diisi bila diminta atau perlu."))
        button.clicked.connect(lambda: self.add_section(code))
        self.add_buttons[code] = button
        self._extra.addWidget(button)

    def add_section(self, code: str) -> None:
        """Add an on-request section (e.g. SRQ-20 at 15–17 years) and go to it."""
        self._add_panel(code)
        button = self.add_buttons.pop(code, None)
        if button is not None:
            button.hide()
            button.deleteLater()
        self.reevaluate()
        self.go_to_section(code)

    def _retitle_tabs(self) -> None:
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if isinstance(page, SectionPage):
                # "&" in a title ("Tensi anak & remaja") is a letter, not a shortcut mark.
                title = page.short_title().replace("&", "&&")
                self.tabs.setTabText(index, f"{index + 1} {title}")
                self.tabs.setTabToolTip(index, f"{page.title()} (Alt+{index + 1})")
        self.nothing_offered.setVisible(not self.panels)
        self.tabs.setVisible(bool(self.panels))

    def go_to_tab(self, index: int) -> None:
        """Alt+N: show tab N and put the cursor in its first field."""
        page = self.tabs.widget(index)
        if not isinstance(page, SectionPage):
            return
        self.tabs.setCurrentIndex(index)
        if page.panels:
            self.go_to_section(page.panels[0].code)

    def first_field(self) -> QWidget | None:
        """Where the keyboard starts: the first field of the first section offered."""
        chain = self.focus_chain()
        return chain[0] if chain else None

    def pages(self) -> list[SectionPage]:
        """The tabs, in order."""
        found = [self.tabs.widget(i) for i in range(self.tabs.count())]
        return [page for page in found if isinstance(page, SectionPage)]

    def focus_chain(self, *, every: bool = False) -> list[QWidget]:
        """Every field the keyboard stops at: each section's in order, tab after tab.

        ``every`` keeps the disabled and hidden ones too (see `SectionPanel.focus_chain`).
        """
        panels = [panel for page in self.pages() for panel in page.panels]
        return [widget for panel in panels for widget in panel.focus_chain(every=every)]

    def show_field(self, widget: QWidget) -> None:
        """Bring ``widget``'s tab to the front and scroll it into view."""
        for page in self.pages():
            if page.isAncestorOf(widget):
                self.tabs.setCurrentWidget(page)
                page.show_widget(widget)
                return

    def set_measured_on(self, on: date) -> None:
        """A new measurement date (a paper session's): sections offered then are added."""
        if on == self.context.on:
            return
        self.context = replace(self.context, on=on)
        for panel in self.panels.values():
            panel.context = self.context
        for code in offered_sections(self.context.subject, on):
            self._add_panel(code)
        for code in on_request_sections(self.context.subject, on):
            self._add_request_button(code)
        self.reevaluate()

    def fill_carried(self, visit: VisitInput) -> None:
        """What a visit on this date starts with (inputs carried from earlier visits).

        Only sections offered and still untouched are filled: nothing typed is replaced.
        """
        self._filling = True
        try:
            for code, inputs in visit.sections.items():
                panel = self.panels.get(code)
                if panel is not None and typed_state(panel) == self._untouched.get(code):
                    panel.fill(inputs)
                    self._untouched[code] = typed_state(panel)
        finally:
            self._filling = False
        self.reevaluate()

    def go_to_section(self, code: str) -> None:
        panel = self.panels.get(code)
        page = self._pages.get(section(code).group) if panel is not None else None
        if panel is None or page is None:
            return
        self.tabs.setCurrentWidget(page)
        first = panel.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.ShortcutFocusReason)
            page.show_widget(first)

    def set_inputs(self, visit: VisitInput) -> None:
        """Show a saved visit's inputs (a correction); its sections are added if not offered."""
        self._filling = True
        try:
            for code, inputs in visit.sections.items():
                self._add_panel(code)
                if code in self.add_buttons:
                    self.add_buttons.pop(code).hide()
                panel = self.panels.get(code)
                if panel is not None:
                    panel.fill(inputs)
        finally:
            self._filling = False
        self.reevaluate()

    def reevaluate(self) -> None:
        """Read every panel, evaluate the visit once, and show each section's answer."""
        if self._filling:
            return
        read: dict[str, InputModel] = {}
        self._refused = {}
        self._questions = {}
        for code, panel in self.panels.items():
            read[code], unreadable = panel.inputs()
            if unreadable:
                self._refused[code] = unreadable
            question = panel.question()
            if question:
                self._questions[code] = question
        visit = VisitInput(subject=self.context.subject, measured_on=self.context.on, sections=read)
        # One pass over every section; what could be read of a refused section is checked too.
        self.evaluation = evaluate_visit(visit, self.context.settings)
        self._read = read
        refused: defaultdict[str, list[RuleInputError]] = defaultdict(list)
        for code, errors in self._refused.items():
            refused[code].extend(errors)
        for error in self.evaluation.errors:
            refused[error.section].append(error)
        for code in self._questions:
            # The answer decides how the value is read; until then only the question shows.
            refused.pop(code, None)
        self._all_errors = [e for code in self.panels for e in refused.get(code, [])]
        self._all_errors += [e for e in self.evaluation.errors if e.section not in self.panels]
        held = set(self._refused) | set(self._questions)
        for code, panel in self.panels.items():
            panel.show_errors(refused.get(code, []))
            if code in self._questions:
                panel.show_result(None)
                self.result_views[code].show_question(self._questions[code])
                self.summary.show_question(code)
                continue
            result = None if code in held else self.evaluation.result(code)
            panel.show_result(result)
            self._show_section(code, result, refused.get(code, []))
        # A section with a value that cannot be read, or a question open, has no result yet.
        self.summary.show_visit([r for r in self.evaluation.complete if r.section not in held])
        self.evaluated.emit()

    def _show_section(
        self, code: str, result: SectionResult | None, errors: list[RuleInputError]
    ) -> None:
        view = self.result_views[code]
        if errors:
            view.show_refused(errors)
        elif result is None:
            view.show_not_asked()
        else:
            view.show_result(result)
        self.summary.show_section(code, result, errors)

    def errors(self) -> list[RuleInputError]:
        """Every refusal on the form, in section order."""
        return list(self._all_errors)

    def save_blocker(self) -> str:
        """Why the visit cannot be saved yet, in words; empty when it can."""
        if self.errors():
            return self.tr("Belum bisa disimpan: periksa isian yang ditandai merah.")
        if self._questions:
            return self.tr("Belum bisa disimpan: jawab dulu pertanyaan {question}").format(
                question=next(iter(self._questions.values()))
            )
        if not self.evaluation.has_result:
            return self.tr("Belum bisa disimpan: belum ada bagian yang lengkap.")
        return ""

    def visit_input(self) -> VisitInput:
        """What would be saved: the asked sections' inputs as typed (none that is refused)."""
        asked = {r.section for r in self.evaluation.sections} - set(self._refused)
        asked -= set(self._questions)
        return VisitInput(
            subject=self.context.subject,
            measured_on=self.context.on,
            sections={code: model for code, model in self._read.items() if code in asked},
        )
