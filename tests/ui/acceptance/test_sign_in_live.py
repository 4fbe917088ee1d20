"""Who is on duty, with real key presses on the real app: sign-in, wrong PINs, the lock, Lupa PIN.

Each test gives its data folder kader profiles through the core API (as the first-profile screen
would), starts the app on this worker's X screen and types as a kader does; what was stored is
then read back with a kader's PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from live_app import LiveApp
from on_duty import open_with_pin, protect

from kader_app.core.models import PersonInput
from kader_app.core.profiles import ProfileBook, ProfileLockedError, WrongPinError
from kader_app.core.register import Register
from kader_app.settings import AppSettings, save_settings
from screening.rules.blood_pressure import BloodPressureInput

ANI, ANI_PIN = "Ani Rahayu", "135790"
BUDI, BUDI_PIN = "Budi Santoso", "864200"


@pytest.fixture
def laptop(register_dir: Path, make_person_input: Callable[..., PersonInput]) -> Path:
    """One resident, and two kader (Ani first, then Budi) whose PINs open the folder."""
    save_settings(register_dir, AppSettings(desa="Sukamaju", posyandu_name="Posyandu Mawar"))
    register = Register.open(register_dir)
    try:
        register.people.register(
            make_person_input(name="Dwi Lestari", birth_date=date(1980, 5, 25))
        )
    finally:
        register.close()
    _profile, _recovery, key = protect(register_dir, name=ANI, pin=ANI_PIN)
    ProfileBook(register_dir).add(key=key, name=BUDI, role="kader", pin=BUDI_PIN)
    return register_dir


def _blood_pressure(inputs: object) -> tuple[int | None, int | None]:
    assert isinstance(inputs, BloodPressureInput)
    return inputs.readings[0].systolic, inputs.readings[0].diastolic


def test_a_kader_signs_in_by_keyboard_and_is_the_author_of_the_visit(
    laptop: Path, x_display: str, tmp_path: Path
) -> None:
    with LiveApp(data_dir=laptop, display=x_display, work=tmp_path) as app:
        state = app.wait_sign_in(timeout=60)
        assert state["focus"]["name"] == "signInPeople", state  # two names: choose first
        assert state["sign_in"]["chosen"] == ANI
        app.key("Down")
        app.wait(lambda s: s["sign_in"]["chosen"] == BUDI, "Budi chosen")
        app.key("Tab")
        app.type(BUDI_PIN)
        app.key("Return")
        state = app.wait_main_window()
        assert state["on_duty"] == f"Petugas: {BUDI} (Kader)"
        app.type("Dwi")
        app.wait(lambda s: s["results"] == 1 and not s["busy"], "one match for 'Dwi'")
        app.key("Return", "ctrl+p")
        app.wait_active("Pemeriksaan baru — Dwi Lestari")
        app.key("alt+2")
        app.wait(lambda s: "pengukuran 1" in s["focus"]["accessible"], "the cursor in tensi")
        app.type("150")
        app.key("Tab")
        app.type("95")
        app.key("ctrl+s")
        app.give_focus("Posyandu")
        state = app.wait(
            lambda s: bool(s["cards"]) and f"Dicatat oleh {BUDI}" in s["cards"][0],
            "the visit in the history, recorded by Budi",
        )
        app.quit()

    register = open_with_pin(laptop, name=BUDI, pin=BUDI_PIN)
    try:
        (dwi,) = register.search.people("Dwi", limit=5)
        (visit,) = register.visits.history(dwi.id)
    finally:
        register.close()
    assert visit.recorded_by == BUDI
    assert _blood_pressure(visit.inputs.sections["blood_pressure"]) == (150, 95)


def test_wrong_pins_say_the_tries_left_then_the_wait_counts_down(
    laptop: Path, x_display: str, tmp_path: Path
) -> None:
    with LiveApp(data_dir=laptop, display=x_display, work=tmp_path) as app:
        app.wait_sign_in(timeout=60)
        app.key("Tab")  # Ani, the first name
        for left in (4, 3, 2, 1):
            app.type("000000")
            app.key("Return")
            app.wait(
                lambda s, n=left: f"Sisa {n} kali coba" in s["sign_in"]["message"],
                f"'Sisa {left} kali coba'",
            )
        app.type("000000")
        app.key("Return")
        state = app.wait(
            lambda s: s["sign_in"]["message"].startswith("Terlalu banyak PIN salah. Tunggu 0:"),
            "the wait after the fifth wrong PIN",
        )
        assert not state["sign_in"]["open_enabled"], state
        first = state["sign_in"]["message"]
        # Even the right PIN does not open while the wait runs; the countdown goes on.
        app.type(ANI_PIN)
        app.key("Return")
        state = app.wait(
            lambda s: (
                s["sign_in"]["message"].startswith("Terlalu banyak")
                and s["sign_in"]["message"] != first
            ),
            "the countdown moving on",
        )
        assert state["results"] is None, state  # the main window never opened
        app.key("Escape")  # Keluar: the app ends cleanly
        assert app.proc is not None
        assert app.proc.wait(timeout=20) == 0
    with pytest.raises(ProfileLockedError):
        ProfileBook(laptop).unlock(ProfileBook(laptop).profiles()[0].id, ANI_PIN)


def test_the_idle_lock_keeps_the_half_typed_form_and_another_kader_continues_it(
    laptop: Path, x_display: str, tmp_path: Path
) -> None:
    # Nine idle seconds instead of ten minutes; typing keeps resetting it.
    with LiveApp(
        data_dir=laptop, display=x_display, work=tmp_path, pin=ANI_PIN, idle_minutes=0.15
    ) as app:
        state = app.wait(lambda s: s["on_duty"] == f"Petugas: {ANI} (Kader)", "Ani on duty")
        app.type("Dwi")
        app.wait(lambda s: s["results"] == 1 and not s["busy"], "one match for 'Dwi'")
        app.key("Return", "ctrl+p")
        app.wait_active("Pemeriksaan baru — Dwi Lestari")
        app.type("52")
        app.key("Tab")
        app.type("152")
        state = app.wait(
            lambda s: s["sign_in"] is not None and "tidak dipakai" in (s["sign_in"]["note"] or ""),
            "the lock screen after the idle time",
        )
        assert state["sign_in"]["chosen"] == ANI  # the one on duty, first
        assert state["visit_open"], state  # the form stays open under the lock
        app.wait_active("Siapa yang bertugas?")
        app.wait(lambda s: s["focus"]["name"] == "signInPin", "the cursor in the PIN")
        app.key("shift+Tab", "Down")  # Budi takes over
        app.wait(lambda s: s["sign_in"]["chosen"] == BUDI, "Budi chosen on the lock screen")
        app.key("Tab")
        app.type(BUDI_PIN)
        app.key("Return")
        state = app.wait(
            lambda s: s["sign_in"] is None and s["on_duty"] == f"Petugas: {BUDI} (Kader)",
            "the lock gone, Budi on duty",
        )
        state = app.give_focus("Pemeriksaan baru — Dwi Lestari")
        assert state["focus"].get("text") == "152", state  # the height typed before the lock
        app.key("Tab")
        app.type("76")
        app.key("alt+2")
        app.wait(lambda s: "pengukuran 1" in s["focus"]["accessible"], "the cursor in tensi")
        app.type("150")
        app.key("Tab")
        app.type("95")
        app.key("ctrl+s")
        app.give_focus("Posyandu")
        app.wait(
            lambda s: bool(s["cards"]) and f"Dicatat oleh {BUDI}" in s["cards"][0],
            "the visit saved by Budi",
        )
        app.quit()

    register = open_with_pin(laptop, name=ANI, pin=ANI_PIN)
    try:
        (dwi,) = register.search.people("Dwi", limit=5)
        (visit,) = register.visits.history(dwi.id)
    finally:
        register.close()
    bmi = visit.inputs.sections["bmi"]
    assert (str(bmi.weight_kg), str(bmi.height_cm)) == ("52", "152")  # type: ignore[attr-defined]
    assert str(visit.inputs.sections["waist"].waist_cm) == "76"  # type: ignore[attr-defined]
    assert _blood_pressure(visit.inputs.sections["blood_pressure"]) == (150, 95)
    assert visit.recorded_by == BUDI


def test_a_forgotten_pin_is_replaced_with_the_recovery_key_and_the_app_opens(
    register_dir: Path, x_display: str, tmp_path: Path
) -> None:
    _profile, recovery, _key = protect(register_dir, name=ANI, pin=ANI_PIN)
    with LiveApp(data_dir=register_dir, display=x_display, work=tmp_path) as app:
        app.wait_sign_in(timeout=60)
        app.key("alt+l")  # Lupa PIN…
        app.wait_active("Lupa PIN")
        app.wait(lambda s: s["focus"]["name"] == "recoveryKey", "the cursor in the recovery key")
        app.type(recovery.lower())  # as typed from paper: small letters are fine
        app.key("Tab")
        app.type("975310")
        app.key("Tab")
        app.type("975310")
        app.key("Return")
        state = app.wait_main_window()
        assert state["on_duty"] == f"Petugas: {ANI} (Kader)"
        app.quit()
    open_with_pin(register_dir, name=ANI, pin="975310").close()
    book = ProfileBook(register_dir)
    with pytest.raises(WrongPinError):
        book.unlock(book.profiles()[0].id, ANI_PIN)
