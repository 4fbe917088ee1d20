"""Test set-up shared by every test: Qt runs offscreen, and no test touches the user's data."""

from __future__ import annotations

import os

# Must happen before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KADER_APP_KEYRING", "off")
