"""PyInstaller's own QtGui hook, less Qt's GTK 3 theme plugin.

The plugin would carry the build machine's whole GTK 3 stack (about 20 MB, and only when GTK
happens to be installed there) into the bundle. Without it Qt draws its own Fusion look and
dialogs: the same on every Linux desktop, and nothing of the host's GTK to clash with.
"""

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if "libqgtk3" not in entry[0]]
