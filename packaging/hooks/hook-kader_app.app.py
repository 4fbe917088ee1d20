"""The app reads its stylesheet and English catalogue from ``resources/`` beside the package.

`kader_app.app` looks for ``<package's parent>/resources``; in the bundle that is the folder
that holds the frozen packages, so the files go to ``resources/`` at the bundle's top.
"""

from pathlib import Path

from PyInstaller.utils.hooks import get_module_file_attribute

RESOURCES = Path(get_module_file_attribute("kader_app.app")).resolve().parent.parent / "resources"

datas = [(str(RESOURCES / "style.qss"), "resources")] + [
    (str(qm), "resources/translations") for qm in sorted(RESOURCES.glob("translations/*.qm"))
]
