"""Times the dashboard pages of a real server process on a generated area (not a test).

    uv run --frozen python tests/sync/server/dashboard/page_timings.py [--old-tree DIR]

Two desa of 4,000 residents and 12,000 visits each (the demo's mix of sections, classified by
the real rules) are written straight into a SQLite database; the server then answers the
overview and referral pages: the first load after a start, a repeated load, and the load right
after a push of one visit. With ``--old-tree`` (an exported older `sync` package) the same
figures are taken from that code on first-schema payloads, interleaved with this code's, and
medians are printed. Health data here is generated; nothing is logged.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa
from sqlmodel import Session

REPO = Path(__file__).resolve().parents[4]
sys.path[:0] = [str(REPO), str(REPO / "tests" / "sync"), str(REPO / "tests" / "sync" / "server")]

from server_process import _free_port  # noqa: E402

from kader_app.core.records import VisitHeader, visit_payload  # noqa: E402
from screening.rules.registry import sections  # noqa: E402
from screening.rules.section import RuleContext, RuleSettings, Subject  # noqa: E402
from screening.rules.visit import VisitInput, evaluate_visit  # noqa: E402
from sync.protocol import content_hash, payload_json  # noqa: E402
from sync.server import staff, store  # noqa: E402
from sync.server.database import make_engine, migrate, sqlite_url  # noqa: E402
from sync.server.store.tables import ENTRY  # noqa: E402

WIB = timezone(timedelta(hours=7))
AREAS = ("Desa Timur", "Desa Barat")
PEOPLE_PER_AREA = 4000
VISITS_PER_PERSON = 3
PASSWORD = "sandi-rahasia-123"
FIXTURES = REPO / "tests" / "fixtures" / "payloads_v1"


def _v2_visit(rng: random.Random, person_id: str, subject: Subject, at: datetime) -> dict[str, Any]:
    ctx = RuleContext(subject=subject, on=at.date(), settings=RuleSettings())
    chosen = {}
    for spec in sections():
        if spec.applies_to(subject, at.date()):
            sample = spec.sample(rng, ctx, risk=rng.random())
            if sample is not None:
                chosen[spec.code] = sample
    inputs = VisitInput(subject=subject, measured_on=at.date(), sections=chosen)
    evaluation = evaluate_visit(inputs, RuleSettings())
    if not evaluation.has_result or evaluation.errors:
        inputs = VisitInput(subject=subject, measured_on=at.date(), sections={})
        evaluation = evaluate_visit(inputs, RuleSettings())
    row_id = str(uuid.uuid4())
    header = VisitHeader(
        id=row_id,
        visit_key=row_id,
        version=1,
        replaces_id=None,
        person_id=person_id,
        measured_at=at,
        place="posyandu",
    )
    return payload_json(
        visit_payload(header, inputs=inputs, evaluation=evaluation, settings=RuleSettings())
    )


def _v1_visit(template: dict[str, Any], person_id: str, at: datetime) -> dict[str, Any]:
    payload = copy.deepcopy(template)
    row_id = str(uuid.uuid4())
    payload.update(
        id=row_id,
        visit_key=row_id,
        person_id=person_id,
        measured_at=at.isoformat(),
        measured_at_utc=at.astimezone(UTC).isoformat(),
    )
    payload["inputs"]["measured_on"] = at.date().isoformat()
    return payload


def _person(template: dict[str, Any], person_id: str, name: str) -> dict[str, Any]:
    return dict(template, id=person_id, name=name, nik=None)


def build_database(data_dir: Path, *, schema: int) -> None:
    """Residents and visits of both desa written straight into a new server database."""
    rng = random.Random(12)
    person_template = json.loads((FIXTURES / "person_3ebb_v1.json").read_text())["payload"]
    visit_template = json.loads((FIXTURES / "visit_full.json").read_text())["payload"]
    engine = make_engine(sqlite_url(data_dir))
    migrate(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        staff.add_staff(session=session, username="bidan", password=PASSWORD, now=now)
        for area in AREAS:
            code = store.create_enroll_code(
                session=session, posyandu=f"Posyandu {area}", area=area, now=now
            )
            device = store.enroll_device(session=session, code=code, device_name="bench", now=now)
            assert device is not None
            rows = []
            for n in range(PEOPLE_PER_AREA):
                person_id = str(uuid.uuid4())
                birth = date(1950 + rng.randrange(55), 1 + rng.randrange(12), 1 + rng.randrange(28))
                sex = rng.choice("LP")
                person = _person(person_template, person_id, f"Warga {n}") | {
                    "birth_date": birth.isoformat(),
                    "sex": sex,
                }
                payloads = [("person", person_id, person)]
                for _ in range(VISITS_PER_PERSON):
                    day = date(2025, 1, 1) + timedelta(days=rng.randrange(365))
                    at = datetime.combine(day, datetime.min.time(), WIB) + timedelta(hours=9)
                    if schema == 2:
                        visit = _v2_visit(rng, person_id, Subject(sex=sex, birth_date=birth), at)
                    else:
                        visit = _v1_visit(visit_template, person_id, at)
                    payloads.append(("visit", visit["visit_key"], visit))
                for kind, entry_id, payload in payloads:
                    rows.append(
                        {
                            "id": entry_id,
                            "type": kind,
                            "version": 1,
                            "base_version": None,
                            "content_hash": content_hash(payload),
                            "payload": payload,
                            "recorded_at": now,
                            "received_at": now,
                            "device_id": device.device_id,
                            "area": area,
                            "is_current": True,
                        }
                    )
            for start in range(0, len(rows), 2000):
                session.execute(sa.insert(ENTRY), rows[start : start + 2000])
            session.commit()
    engine.dispose()


@contextmanager
def running(tree: Path, data_dir: Path) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.server", "--port", str(port), "--data-dir", str(data_dir)],
        cwd=tree,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(600):
            try:
                if httpx.get(url + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def timed(call: Callable[[], httpx.Response]) -> float:
    start = time.perf_counter()
    answer = call()
    elapsed = time.perf_counter() - start
    assert answer.status_code == 200, answer.status_code
    return elapsed


def _push_one(url: str, data_dir: Path, payload: dict[str, Any]) -> None:
    engine = make_engine(sqlite_url(data_dir))
    with Session(engine) as session:
        code = store.create_enroll_code(
            session=session, posyandu=f"Posyandu {AREAS[0]}", area=AREAS[0], now=datetime.now(UTC)
        )
    engine.dispose()
    device = httpx.post(
        url + "/api/v1/devices/enroll", json={"code": code, "device_name": "x"}
    ).json()
    body = {
        "batch_id": str(uuid.uuid4()),
        "device_id": device["device_id"],
        "app_version": "bench",
        "protocol_version": 1,
        "client_time": datetime.now(UTC).isoformat(),
        "items": [
            {
                "id": payload["visit_key"],
                "type": "visit",
                "version": 1,
                "base_version": None,
                "content_hash": content_hash(payload),
                "recorded_at": datetime.now(UTC).isoformat(),
                "payload": payload,
            }
        ],
    }
    answer = httpx.post(
        url + "/api/v1/sync/push",
        json=body,
        headers={"Authorization": f"Bearer {device['token']}"},
        timeout=60,
    ).json()
    assert answer["results"][0]["status"] == "accepted", answer


def measure(tree: Path, data_dir: Path, *, schema: int) -> dict[str, float]:
    rng = random.Random()
    with running(tree, data_dir) as url, httpx.Client(base_url=url, timeout=120) as client:
        page = client.get("/dashboard/masuk")
        token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        client.post(
            "/dashboard/masuk",
            data={"username": "bidan", "password": PASSWORD, "csrf_token": token},
        )
        overview = {"bulan": "2025-03", "desa": AREAS[0]}
        figures = {
            "overview_first": timed(lambda: client.get("/dashboard", params=overview)),
            "overview_again": statistics.median(
                timed(lambda: client.get("/dashboard", params=overview)) for _ in range(5)
            ),
            "referrals_first": timed(
                lambda: client.get("/dashboard/rujukan", params={"desa": AREAS[1]})
            ),
            "referrals_again": statistics.median(
                timed(lambda: client.get("/dashboard/rujukan", params={"desa": AREAS[1]}))
                for _ in range(5)
            ),
        }
        after = []
        template = json.loads((FIXTURES / "visit_full.json").read_text())["payload"]
        for _ in range(3):
            at = datetime(2025, 3, 20, 9, tzinfo=WIB)
            person_id = str(uuid.uuid4())
            payload = (
                _v2_visit(rng, person_id, Subject(sex="P", birth_date=date(1970, 1, 1)), at)
                if schema == 2
                else _v1_visit(template, person_id, at)
            )
            _push_one(url, data_dir, payload)
            after.append(timed(lambda: client.get("/dashboard", params=overview)))
        figures["overview_after_push"] = statistics.median(after)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--old-tree", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="page-timings-"))
    try:
        built: dict[int, Path] = {}
        for schema in (1, 2):
            built[schema] = work / f"schema{schema}"
            built[schema].mkdir()
            build_database(built[schema], schema=schema)
        variants = [("this code, schema 2", REPO, 2), ("this code, schema 1", REPO, 1)]
        if args.old_tree:
            variants.insert(0, ("old code, schema 1", args.old_tree, 1))
        results: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in variants}
        for _ in range(args.rounds):
            for name, tree, schema in variants:
                run_dir = work / "run"
                shutil.rmtree(run_dir, ignore_errors=True)
                shutil.copytree(built[schema], run_dir)
                results[name].append(measure(tree, run_dir, schema=schema))
        keys = list(next(iter(results.values()))[0])
        print("seconds, median of", args.rounds, "rounds:", " | ".join(keys))  # noqa: T201
        for name, runs in results.items():
            medians = [statistics.median(r[k] for r in runs) for k in keys]
            print(f"{name:24s}", " ".join(f"{m:8.3f}" for m in medians))  # noqa: T201
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
