from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from server_api import person_item, post_gzip, push_body
from server_process import EnrolledDevice, ServerProcess

ENDPOINTS = ["push", "pull", "reconcile"]


def call(dev: EnrolledDevice, endpoint: str, headers: dict[str, str]) -> httpx.Response:
    if endpoint == "pull":
        return httpx.get(dev.url + "/api/v1/sync/pull", headers=headers)
    if endpoint == "push":
        return post_gzip(dev, "/api/v1/sync/push", push_body(dev, [person_item()]), headers=headers)
    body = {"device_id": dev.device_id, "days": []}
    return post_gzip(dev, "/api/v1/sync/reconcile", body, headers=headers)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_no_or_wrong_token_is_401(device: EnrolledDevice, endpoint: str) -> None:
    for headers in ({}, {"Authorization": "Bearer salah"}, {"Authorization": device.token}):
        answer = call(device, endpoint, headers)
        assert answer.status_code == 401
        assert answer.json()["detail"] == "Token perangkat tidak ada, salah, atau sudah dicabut."
    assert call(device, endpoint, device.headers).status_code == 200


def test_a_revoked_device_gets_401_everywhere(server: ServerProcess, make_device: Any) -> None:
    laptop = make_device()
    assert call(laptop, "push", laptop.headers).status_code == 200

    result = server.cli("revoke-device", laptop.device_id)

    assert result.returncode == 0, result.stderr
    assert "dicabut" in result.stdout
    for endpoint in ENDPOINTS:
        assert call(laptop, endpoint, laptop.headers).status_code == 401


def test_an_enrolment_code_works_once(server: ServerProcess) -> None:
    code = server.enroll_code(posyandu="Posyandu Melati", area="Sukamaju")
    url = server.url + "/api/v1/devices/enroll"

    first = httpx.post(url, json={"code": code.lower().replace("-", " "), "device_name": "a"})
    second = httpx.post(url, json={"code": code, "device_name": "b"})

    assert first.status_code == 200
    assert first.json()["posyandu"] == "Posyandu Melati"
    assert first.json()["area"] == "Sukamaju"
    assert second.status_code == 401
    assert "sudah dipakai" in second.json()["detail"]
    made_up = httpx.post(url, json={"code": "AAAAA-AAAAA", "device_name": "c"})
    assert made_up.status_code == 401


def test_the_cli_makes_codes_that_enrol_a_device(server: ServerProcess) -> None:
    result = server.cli("enroll-code", "--posyandu", "Posyandu Kenanga", "--area", "Cibodas")
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()

    answer = httpx.post(
        server.url + "/api/v1/devices/enroll", json={"code": code, "device_name": "laptop"}
    )

    assert answer.status_code == 200
    assert answer.json()["area"] == "Cibodas"
    assert len(answer.json()["token"]) >= 40


def test_revoking_an_unknown_device_says_so(server: ServerProcess) -> None:
    result = server.cli("revoke-device", "tidak-ada")
    assert result.returncode == 1
    assert "tidak ditemukan" in result.stderr


def test_health_answers_with_the_server_time(server: ServerProcess) -> None:
    answer = httpx.get(server.url + "/api/v1/health")
    assert answer.status_code == 200
    body = answer.json()
    assert body["status"] == "ok"
    skew = datetime.now(UTC) - datetime.fromisoformat(body["server_time"])
    assert abs(skew.total_seconds()) < 600
