"""A staff member in a real browser (Debian's Chromium through Playwright) on the real server."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from dashboard_site import PASSWORD, WIB, add_staff, seed_area
from openpyxl import load_workbook
from payloads import (
    CURIGA_DIABETES,
    GLUCOSE_NORMAL,
    HIPERTENSI_1,
    HIPERTENSI_2,
    NORMAL_TINGGI,
    OPTIMAL,
    bp,
    item,
    visit_payload,
)
from server_api import pull, push
from server_process import REPO, ServerProcess
from transfer_site import RECOVERY_KEY, Laptop, people

from sync.transfer import verify_receipt

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOT = REPO / "docs" / "screenshots" / "dashboard.png"
REFERRALS_SCREENSHOT = REPO / "docs" / "screenshots" / "referrals.png"
TENSI = [HIPERTENSI_1, bp((124, 82)), HIPERTENSI_2, OPTIMAL, NORMAL_TINGGI]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def add_history(server_area: object, people: dict[str, str]) -> None:
    """Eleven earlier months of visits, so the 12-month chart has lines (March is untouched)."""
    items = []
    for back in range(1, 12):
        month_index = 2025 * 12 + 2 - back
        year, month = divmod(month_index, 12)
        for n, person_id in enumerate(people.values()):
            tensi = TENSI[(n + back) % len(TENSI)]
            glucose = CURIGA_DIABETES if (n + back) % 4 == 0 else GLUCOSE_NORMAL
            payload = visit_payload(
                person_id=person_id,
                measured_at=datetime(year, month + 1, 10 + n, 9, tzinfo=WIB),
                sections={"blood_pressure": tensi, "glucose": glucose},
            )
            items.append(item(payload))
    push(server_area, items)  # type: ignore[arg-type]


def test_staff_sees_the_numbers_follows_up_and_downloads(
    browser: object, live_server: ServerProcess, tmp_path: Path
) -> None:
    seeded = seed_area(live_server)
    add_history(seeded.mawar, seeded.people)
    username = add_staff(live_server)
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="id-ID"
    )
    page = context.new_page()

    page.goto(f"{live_server.url}/dashboard")
    assert page.url.endswith("/dashboard/masuk")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dashboard")

    page.select_option("#desa", seeded.area)
    page.fill("#bulan", "2025-03")
    page.click("form.filters button:has-text('Tampilkan')")
    page.wait_for_selector("h1:has-text('Maret 2025')")
    total = page.locator("#pws-table tfoot tr")
    assert total.locator("td[data-key=screened]").inner_text() == "3"
    assert total.locator("td[data-key=hipertensi]").inner_text().split() == ["2/3", "66,7%"]
    mawar = page.locator("#pws-table tbody tr[data-posyandu='Posyandu Mawar']")
    assert mawar.locator("td[data-key=curiga_diabetes]").inner_text().split() == ["1/2", "50,0%"]
    assert page.locator("#total-registered").inner_text() == "5"
    assert page.locator("svg.chart polyline").count() >= 2
    # The README's picture is refreshed on request only; a test run never rewrites tracked files.
    shot = SCREENSHOT if os.environ.get("KADER_UPDATE_SCREENSHOTS") else tmp_path / "dashboard.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    page.click("nav a:has-text('Rujukan')")
    page.select_option("#desa", seeded.area)
    page.click("form.filters button:has-text('Tampilkan')")
    cards = page.locator("li.referral")
    first_name = cards.first.locator(".name").inner_text()
    assert first_name == "Budi Santoso"
    referrals = (
        REFERRALS_SCREENSHOT
        if os.environ.get("KADER_UPDATE_SCREENSHOTS")
        else tmp_path / "referrals.png"
    )
    page.screenshot(path=str(referrals), full_page=True)
    assert referrals.stat().st_size > 10_000
    sri = page.locator(f"li.referral[data-visit='{seeded.visits['Sri']}']")
    assert "hari" in sri.locator(".days").inner_text()
    sri.locator("select[name=outcome]").select_option("dikunjungi")
    sri.locator("input[name=note]").fill("sudah minum obat")
    sri.locator("button:has-text('Tandai sudah ditindaklanjuti')").click()
    page.wait_for_selector("p.notice")
    assert page.locator(f"li.referral[data-visit='{seeded.visits['Sri']}']").count() == 0

    followups = pull(seeded.mawar)["followups"]
    assert [(f["person_id"], f["outcome"], f["note"]) for f in followups] == [
        (seeded.people["Sri"], "Sudah dikunjungi nakes di rumah", "sudah minum obat")
    ]

    page.click("nav a:has-text('Ekspor')")
    page.fill("#dari", "2025-03-01")
    page.fill("#sampai", "2025-03-31")
    page.select_option("#desa", seeded.area)
    page.check("input[name=format][value=xlsx]")
    with page.expect_download() as waiting:
        page.click("button:has-text('Unduh')")
    target = tmp_path / f"ekspor-{uuid.uuid4().hex[:6]}.xlsx"
    waiting.value.save_as(str(target))
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    names = sorted(r[rows[0].index("Nama")] for r in rows[1:])
    assert names == ["Budi Santoso", "Dewi Sartika", "Sri Wahyuni"]
    context.close()


def test_staff_imports_a_flash_drive_file_and_reveals_a_recovery_key(
    browser: object, live_server: ServerProcess, tmp_path: Path
) -> None:
    tag = uuid.uuid4().hex[:6]
    laptop = Laptop(live_server, puskesmas=f"Puskesmas {tag}", area=f"Desa {tag}")
    items = people(2)
    (tmp_path / "kirim.kader").write_bytes(laptop.file(items))
    username = add_staff(live_server)
    context = browser.new_context(accept_downloads=True, locale="id-ID")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{live_server.url}/dashboard/masuk")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dashboard")

    page.click("nav a:has-text('Kiriman flashdisk')")
    page.set_input_files("#berkas", str(tmp_path / "kirim.kader"))
    page.click("#impor button:has-text('Impor')")
    result = page.locator("#result")
    assert "2 data diterima, 0 sudah ada sebelumnya, 0 ditolak" in result.inner_text()
    with page.expect_download() as waiting:
        page.click("#receipt")
    assert waiting.value.suggested_filename == "kirim.kader.tanda-terima"
    target = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(str(target))
    receipt = verify_receipt(
        target.read_bytes(), server_verify_key=laptop.sign_key, device_id=laptop.device.device_id
    )
    assert sorted(ln.id for ln in receipt.lines) == sorted(i["id"] for i in items)

    page.click("nav a:has-text('Perangkat')")
    row = page.locator(f"tr[data-device='{laptop.device.device_id}']")
    assert RECOVERY_KEY not in page.content()
    row.locator("a:has-text('Kunci pemulihan')").click()
    page.click("button:has-text('Tampilkan kunci pemulihan')")
    assert page.locator("#recovery-key").inner_text() == RECOVERY_KEY
    context.close()
