"""Kader profiles for tests that open the real app: made with the core API, as the app would.

The app opens on "Siapa yang bertugas?", so a test's data folder gets a first profile here
(its key then lives only wrapped by the PIN) and the test types that PIN with real keys.
"""

from __future__ import annotations

from pathlib import Path

from kader_app.core.profiles import Profile, ProfileBook, protect_with_first_profile
from kader_app.core.register import Register

PIN = "246810"
NAME = "Kader Uji"


def protect(data_dir: Path, *, name: str = NAME, pin: str = PIN) -> tuple[Profile, str, bytes]:
    """Give ``data_dir`` its first profile: the profile, the recovery key and the database key."""
    return protect_with_first_profile(data_dir, name=name, role="kader", pin=pin)


def open_with_pin(data_dir: Path, *, name: str = NAME, pin: str = PIN) -> Register:
    """The register of a PIN-protected folder, opened as that kader (to read what was stored)."""
    book = ProfileBook(data_dir)
    profile = next(p for p in book.profiles() if p.name == name)
    return Register.open(data_dir, key=book.unlock(profile.id, pin))
