"""A staff member on the SPM coverage page in a real browser (Debian's Chromium, Playwright)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from coverage_site import seed_coverage
from dashboard_site import PASSWORD, add_staff
from server_process import REPO, ServerProcess

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SHOTS = REPO / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def shot_path(name: str, tmp_path: Path) -> Path:
    # The docs' pictures are refreshed on request only; a test run never rewrites tracked files.
    return SHOTS / name if os.environ.get("KADER_UPDATE_SCREENSHOTS") else tmp_path / name


def test_staff_read_coverage_enter_an_estimate_and_open_a_childs_kms(
    browser: object, live_server: ServerProcess, tmp_path: Path
) -> None:
    # Names as a Puskesmas would see them, for the docs' picture; used by no other test.
    site = seed_coverage(live_server, area="Desa Sukamaju", puskesmas="Puskesmas Depok I")
    username = add_staff(live_server, puskesmas=site.puskesmas)
    context = browser.new_context(  # type: ignore[attr-defined]
        viewport={"width": 1366, "height": 768}, locale="id-ID"
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/dashboard/masuk")
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Masuk')")
    page.wait_for_url(f"{live_server.url}/dashboard")

    page.click("nav a:has-text('Cakupan SPM')")
    page.select_option("#desa", site.area)
    page.fill("#bulan", "2026-03")
    page.click("form.filters button:has-text('Tampilkan')")
    page.wait_for_selector("h1:has-text('Cakupan SPM Maret 2026')")
    mawar = page.locator("#skdn-table tr[data-posyandu='Posyandu Mawar']")
    assert mawar.locator("td[data-key=d_s]").inner_text() == "66,7%"
    assert mawar.locator("td[data-key=bgm]").inner_text() == "1"

    page.select_option("#est-posyandu", label=f"Posyandu Mawar ({site.area})")
    page.select_option("#est-group", label="Lansia (60 tahun ke atas)")
    page.fill("#est-n", "12")
    page.click("button:has-text('Simpan perkiraan')")
    page.wait_for_selector("text=Perkiraan sasaran disimpan.")
    line = page.locator(
        "#spm-table tr[data-posyandu='Posyandu Mawar'][data-indicator='lansia_skrining']"
    )
    assert line.locator("td[data-key=target]").inner_text() == "12"
    assert line.locator("td[data-key=source]").inner_text() == "perkiraan Puskesmas"
    assert page.locator("h1").inner_text() == f"Cakupan SPM Maret 2026 · {site.area}"
    shot = shot_path("spm-coverage.png", tmp_path)
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000

    page.goto(f"{live_server.url}/dashboard/warga/{site.people['Adi']}")
    chart = page.locator("svg.kms[data-index=wfa]")
    assert chart.locator("circle.point").count() == 2
    box = chart.bounding_box()
    assert box is not None and box["width"] > 600  # drawn at a readable size, not collapsed
    shot = shot_path("kms-dashboard.png", tmp_path)
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    context.close()
