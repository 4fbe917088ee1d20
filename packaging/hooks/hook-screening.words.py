"""The vocabulary finds each section's words module with pkgutil at run time: bundle them all."""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("screening.words", on_error="raise")
