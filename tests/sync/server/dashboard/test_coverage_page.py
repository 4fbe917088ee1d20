"""The SPM coverage page on the real server: S-K-D-N, served / sasaran, Puskesmas estimates.

The counting and the estimates run on both SQLite and PostgreSQL servers (`server`).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal

import httpx
from coverage_site import CHILD_BORN, seed_coverage
from dashboard_site import add_staff, cells, csrf_of, logged_in_client
from server_api import push
from server_process import ServerFactory, ServerProcess, enroll_on
from test_first_schema import fixture_item

from screening.rules.coverage import SEEN_OUTCOME_WORDS, SEEN_OUTCOMES
from screening.rules.kms_curves import kms_curves
from sync.server.dashboard.labels import FOLLOW_UP_OUTCOMES

MARCH = {"bulan": "2026-03"}


def spm_line(html: str, posyandu: str, indicator: str) -> dict[str, str]:
    row = re.search(
        rf'<tr data-area="[^"]*" data-posyandu="{re.escape(posyandu)}" '
        rf'data-indicator="{indicator}">(.*?)</tr>',
        html,
        re.S,
    )
    assert row is not None, f"no {indicator} line for {posyandu}"
    found = re.findall(r'<td[^>]*data-key="([^"]+)"[^>]*>(.*?)</td>', row.group(1), re.S)
    return {key: text.strip() for key, text in found}


def page(client: httpx.Client, area: str) -> str:
    answer = client.get("/dashboard/cakupan", params={**MARCH, "desa": area})
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_page_counts_skdn_and_spm_per_posyandu_from_the_pushed_registers(
    server: ServerProcess,
) -> None:
    site = seed_coverage(server)
    with logged_in_client(server, add_staff(server, puskesmas=site.puskesmas)) as c:
        html = page(c, site.area)
    assert "<h1>Cakupan SPM Maret 2026" in html
    mawar = cells(html.split('id="skdn-table"')[1], posyandu="Posyandu Mawar")
    assert mawar == {
        "s": "3",
        "k": "1",
        "d": "2",
        "n": "1",
        "d_s": "66,7%",
        "n_d": "50,0%",
        "t": "0",
        "two_t": "0",
        "bgm": "1",
    }
    assert cells(html.split('id="skdn-table"')[1], posyandu="Posyandu Melati")["s"] == "0"
    spm = html.split('id="spm-table"')[1]
    assert spm_line(spm, "Posyandu Mawar", "usia_produktif_skrining") == {
        "served": "1",
        "target": "2",
        "percent": "50,0%",
        "source": "dari register",
    }
    assert spm_line(spm, "Posyandu Mawar", "hipertensi_dipantau")["served"] == "1"
    assert spm_line(spm, "Posyandu Mawar", "ibu_hamil_dilayani")["target"] == "1"
    assert spm_line(spm, "Posyandu Mawar", "lansia_skrining")["percent"] == "0,0%"
    assert spm_line(spm, "Posyandu Melati", "usia_produktif_skrining")["target"] == "1"


def test_a_puskesmas_estimate_replaces_the_register_and_the_page_says_so(
    server: ServerProcess,
) -> None:
    site = seed_coverage(server)
    with logged_in_client(server, add_staff(server, puskesmas=site.puskesmas)) as c:
        form = {
            "csrf_token": csrf_of(page(c, site.area)),
            "posyandu": json.dumps([site.area, "Posyandu Mawar"]),
            "group": "usia_produktif",
            "year": "2026",
            "sasaran": "40",
            "bulan": "2026-03",
            "desa": site.area,
        }
        saved = c.post("/dashboard/cakupan/perkiraan", data=form)
        assert saved.status_code == 303
        html = c.get(saved.headers["location"]).text
        assert "Perkiraan sasaran disimpan." in html
        line = spm_line(html, "Posyandu Mawar", "usia_produktif_skrining")
        assert line == {
            "served": "1",
            "target": "40",
            "percent": "2,5%",
            "source": "perkiraan Puskesmas",
        }
        # Melati keeps its register; another year is untouched.
        melati = spm_line(html, "Posyandu Melati", "usia_produktif_skrining")
        assert melati["source"] == "dari register"
        other_year = c.get("/dashboard/cakupan", params={"bulan": "2025-03", "desa": site.area})
        assert "perkiraan Puskesmas" not in other_year.text.split('id="spm-table"')[1]

        cleared = c.post("/dashboard/cakupan/perkiraan", data={**form, "sasaran": ""})
        assert cleared.status_code == 303
        line = spm_line(page(c, site.area), "Posyandu Mawar", "usia_produktif_skrining")
        assert (line["target"], line["source"]) == ("2", "dari register")

        refused = c.post("/dashboard/cakupan/perkiraan", data={**form, "sasaran": "banyak"})
        assert refused.status_code == 422
        forged = c.post("/dashboard/cakupan/perkiraan", data={**form, "csrf_token": "x"})
        assert forged.status_code == 403


def test_staff_of_another_puskesmas_neither_see_nor_set_its_posyandu(
    live_server: ServerProcess,
) -> None:
    site = seed_coverage(live_server)
    other = seed_coverage(live_server)
    with logged_in_client(live_server, add_staff(live_server, puskesmas=other.puskesmas)) as c:
        html = page(c, site.area)
        # Another Puskesmas's desa is not offered: the page shows the staff member's own.
        assert f'data-area="{site.area}"' not in html
        assert f'data-area="{other.area}" data-posyandu="Posyandu Mawar"' in html
        answer = c.post(
            "/dashboard/cakupan/perkiraan",
            data={
                "csrf_token": csrf_of(html),
                "posyandu": json.dumps([site.area, "Posyandu Mawar"]),
                "group": "lansia",
                "year": "2026",
                "sasaran": "99",
            },
        )
        assert answer.status_code == 404
    with logged_in_client(live_server, add_staff(live_server, puskesmas=site.puskesmas)) as c:
        line = spm_line(page(c, site.area), "Posyandu Mawar", "lansia_skrining")
        assert (line["target"], line["source"]) == ("1", "dari register")


def test_the_follow_ups_the_dashboard_records_as_seen_are_counted_as_seen() -> None:
    assert {FOLLOW_UP_OUTCOMES[code] for code in SEEN_OUTCOMES} == SEEN_OUTCOME_WORDS


def test_a_childs_page_draws_the_kms_chart_from_the_same_numbers_as_the_app(
    live_server: ServerProcess,
) -> None:
    site = seed_coverage(live_server)
    adi = site.people["Adi"]
    with logged_in_client(live_server, add_staff(live_server, puskesmas=site.puskesmas)) as c:
        answer = c.get(f"/dashboard/warga/{adi}")
    assert answer.status_code == 200, answer.text
    html = answer.text
    svg = html.split('<svg class="kms"')[1].split("</svg>")[0]
    assert 'data-index="wfa"' in svg and "Berat badan menurut umur (BB/U) · Laki-laki" in svg
    points = re.findall(r'class="point"[^>]*data-on="([^"]+)" data-value="([^"]+)"', svg)
    assert points == [("2026-02-10", "7.0"), ("2026-03-10", "7.9")]
    assert re.findall(r'class="mark"[^>]*>([^<]+)<', svg) == ["B", "N"]
    expected = kms_curves(
        "wfa",
        sex="L",
        birth_date=CHILD_BORN,
        measurements=[(date(2026, 2, 10), Decimal("7.0")), (date(2026, 3, 10), Decimal("7.9"))],
    )
    for curve in expected.curves:
        drawn = re.search(rf'class="z-line" data-z="{curve.z}" points="([^"]+)"', svg)
        assert drawn is not None and len(drawn.group(1).split()) == len(curve.points)
    # An adult has no chart; another Puskesmas cannot open the child at all.
    with logged_in_client(live_server, add_staff(live_server, puskesmas=site.puskesmas)) as c:
        adult = c.get(f"/dashboard/warga/{site.people['Sri']}").text
    assert '<svg class="kms"' not in adult and "Hipertensi derajat 1" in adult
    with logged_in_client(live_server, add_staff(live_server, puskesmas="Puskesmas Lain")) as c:
        assert c.get(f"/dashboard/warga/{adi}").status_code == 404


def test_first_schema_visits_are_counted_upgraded(server_factory: ServerFactory) -> None:
    # The fixtures' record ids are fixed, so on a server of their own.
    fresh = server_factory("sqlite")
    device = enroll_on(fresh, posyandu="Posyandu Contoh", area="Desa Contoh")
    people = ["person_3025_v1", "person_3ebb_v1", "person_c743_v1"]
    visits = ["visit_full", "visit_partial", "visit_untouched", "visit_child"]
    push(device, [fixture_item(n) for n in people + visits])
    push(device, [fixture_item("visit_corrected", base_version=1)])
    with logged_in_client(fresh, add_staff(fresh, puskesmas=None)) as c:
        pages = {
            m: c.get("/dashboard/cakupan", params={"bulan": m, "desa": "Desa Contoh"}).text
            for m in ("2025-02", "2025-04")
        }
    # Ani: hipertensi derajat 1 in February; Budi's corrected April visit: hipertensi 1 too.
    february = spm_line(pages["2025-02"], "Posyandu Contoh", "hipertensi_dipantau")
    assert (february["served"], february["target"]) == ("1", "1")
    april = spm_line(pages["2025-04"], "Posyandu Contoh", "hipertensi_dipantau")
    assert (april["served"], april["target"]) == ("1", "2")
