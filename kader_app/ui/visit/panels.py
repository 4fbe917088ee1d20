"""Finds each section's panel: every module of `kader_app.ui.visit.sections` with a ``PANEL``.

Adding a section's panel is adding its module; nothing here lists them. Import-time only.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from kader_app.ui.visit.section_panel import SectionPanel

PACKAGE = "kader_app.ui.visit.sections"


@cache
def panel_classes() -> dict[str, type[SectionPanel]]:
    """Each section code with its panel class."""
    package = importlib.import_module(PACKAGE)
    found: dict[str, type[SectionPanel]] = {}
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{PACKAGE}.{module_info.name}")
        panel = getattr(module, "PANEL", None)
        if isinstance(panel, type) and issubclass(panel, SectionPanel):
            if panel.code in found:
                raise RuntimeError("two panel modules declare the same section code")
            found[panel.code] = panel
    return found


def panel_class(code: str) -> type[SectionPanel] | None:
    """The panel of section ``code`` (``None`` when no module provides one)."""
    return panel_classes().get(code)
