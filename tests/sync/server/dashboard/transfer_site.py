"""A laptop enrolled on the real server as the transfer tests see it: its token, the server's
two public keys it was given, and transfer files sealed with them. Test support only.
"""

from __future__ import annotations

import base64
import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
from payloads import item, person_payload
from server_process import EnrolledDevice, ServerProcess

from sync.protocol import PROTOCOL_VERSION, PushItem
from sync.transfer import TransferBody, seal_transfer

RECOVERY_KEY = "K7QM-2XPA-RT4N-WZ8C-H3JD-9VBE-6LSU-QF2G"


class Laptop:
    """An enrolled laptop as the server sees it: its token and the two public keys it was given."""

    def __init__(self, server: ServerProcess, *, puskesmas: str, area: str) -> None:
        code = server.cli(
            "enroll-code", "--puskesmas", puskesmas, "--posyandu", "Posyandu Flamboyan",
            "--area", area,
        )  # fmt: skip
        assert code.returncode == 0, code.stderr
        answer = httpx.post(
            server.url + "/api/v1/devices/enroll",
            json={
                "code": code.stdout.strip().splitlines()[-1],
                "device_name": "laptop-flamboyan",
                "recovery_key": RECOVERY_KEY,
            },
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        body = answer.json()
        self.device = EnrolledDevice(
            url=server.url,
            token=body["token"],
            device_id=body["device_id"],
            posyandu=body["posyandu"],
            area=body["area"],
        )
        self.box_key = base64.b64decode(body["box_key"])
        self.sign_key = base64.b64decode(body["sign_key"])

    def file(
        self,
        items: list[dict[str, Any]],
        *,
        token: str | None = None,
        box_key: bytes | None = None,
    ) -> bytes:
        body = TransferBody(
            batch_id=str(uuid.uuid4()),
            device_id=self.device.device_id,
            token=token or self.device.token,
            app_version="0.1.0",
            protocol_version=PROTOCOL_VERSION,
            written_at=datetime(2026, 11, 28, 8, tzinfo=UTC),
            items=[PushItem.model_validate(i) for i in items],
        )
        return seal_transfer(body, server_box_key=box_key or self.box_key)


def people(count: int) -> list[dict[str, Any]]:
    return [item(person_payload(name=f"Warga Flashdisk {n}")) for n in range(count)]
