"""Every section has a panel; each panel's fields are reached by Tab in order; nothing is cut
off at the screening dialog's size on a 1366×768 screen, in Indonesian or in English."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from lifecycle_steps import PEOPLE, make_form
from PySide6.QtCore import QPoint, Qt, QTranslator
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kader_app.app import RESOURCES
from kader_app.ui import labels
from kader_app.ui.visit.page import SectionPage
from screening.rules.registry import sections

DIALOG_FORM_SIZE = (1278, 590)
"""The form's share of the 1300×690 screening dialog."""


@pytest.fixture(params=["id", "en"])
def language(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    translator = QTranslator()
    if request.param == "en":
        assert translator.load(str(RESOURCES / "translations" / "kader_app_en.qm"))
        qapp.installTranslator(translator)
    labels.set_language(request.param)
    yield request.param
    labels.set_language("id")
    qapp.removeTranslator(translator)


def test_every_registered_section_has_a_panel_on_someones_form(qtbot: QtBot) -> None:
    shown: set[str] = set()
    for subject in PEOPLE.values():
        shown |= set(make_form(qtbot, subject).panels)
    assert shown == {spec.code for spec in sections()}


@pytest.mark.parametrize("who", list(PEOPLE))
def test_tab_walks_every_field_of_every_panel_in_order(qtbot: QtBot, who: str) -> None:
    form = make_form(qtbot, PEOPLE[who])
    for code, panel in form.panels.items():
        chain = panel.focus_chain()
        if not chain:
            continue
        form.go_to_section(code)
        assert form.focusWidget() is chain[0], code
        visited: list[QWidget | None] = [chain[0]]
        for _ in range(60):
            if visited[-1] is chain[-1]:
                break
            qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
            visited.append(form.focusWidget())
        assert visited[-1] is chain[-1], code
        # Every field in its turn, and never out of the panel on the way.
        at = [visited.index(widget) for widget in chain]
        assert at == sorted(at), code
        assert all(w is not None and panel.isAncestorOf(w) for w in visited), code


def test_nothing_is_cut_off_at_the_dialogs_size(qtbot: QtBot, language: str) -> None:
    for who, subject in PEOPLE.items():
        form = make_form(qtbot, subject)
        form.resize(*DIALOG_FORM_SIZE)
        for index in range(form.tabs.count()):
            form.go_to_tab(index)
            page = form.tabs.widget(index)
            assert isinstance(page, SectionPage)
            qtbot.waitUntil(lambda page=page: page.scroll_area.viewport().width() > 500)
            where = f"{who}, {language}, {page.title()}"
            assert page.scroll_area.horizontalScrollBar().maximum() == 0, where
            width = page.scroll_area.viewport().width()
            for panel in page.panels:
                for field in panel.fields():
                    target = field.focus_target()
                    right = target.mapTo(page.scroll_area.widget(), QPoint(target.width(), 0))
                    assert right.x() <= width, f"{where}: {panel.code}.{field.field}"
