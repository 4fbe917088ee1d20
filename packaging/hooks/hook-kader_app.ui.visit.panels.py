"""The visit form finds each section's panel with pkgutil at run time: bundle every panel module."""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("kader_app.ui.visit.sections", on_error="raise")
