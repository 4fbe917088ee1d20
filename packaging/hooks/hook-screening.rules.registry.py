"""The section registry lists `screening.rules` with pkgutil at run time: bundle every module.

No module imports a rule module by name, so without this the frozen app would find none.
"""

from PyInstaller.utils.hooks import collect_submodules

# "raise": a rule module that cannot be imported fails the build, not a kader's visit form.
hiddenimports = collect_submodules("screening.rules", on_error="raise")
