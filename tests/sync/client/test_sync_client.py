"""SyncClient: wire format and failure classification, with a scripted requests transport."""

from __future__ import annotations

import gzip
import json
from collections import deque
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict
from sync_payloads import make_person_payload

from sync.client import (
    AuthError,
    CaptivePortalError,
    NetworkError,
    PayloadTooLargeError,
    ProtocolMismatchError,
    ServerError,
    SyncClient,
)
from sync.protocol import PROTOCOL_VERSION, PushItem, PushRequest, content_hash

BASE = "https://puskesmas.example"
JSON = {"Content-Type": "application/json"}


class ScriptedAdapter(BaseAdapter):
    def __init__(self, answers: list[object]) -> None:
        super().__init__()
        self.answers = deque(answers)
        self.sent: list[tuple[requests.PreparedRequest, dict[str, object]]] = []

    def send(self, request, **kwargs):  # type: ignore[override]
        self.sent.append((request, kwargs))
        answer = self.answers.popleft()
        if isinstance(answer, Exception):
            raise answer
        status, headers, body = answer
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict(headers)
        response._content = body if isinstance(body, bytes) else json.dumps(body).encode()
        response.request = request
        response.url = request.url
        return response

    def close(self) -> None:
        pass


def make_client(answers: list[object], **kwargs) -> tuple[SyncClient, ScriptedAdapter]:
    session = requests.Session()
    adapter = ScriptedAdapter(answers)
    session.mount(BASE, adapter)
    client = SyncClient(
        BASE, token="tok-123", device_id="dev-1", session=session, timeout=(3, 9), **kwargs
    )
    # A server that offers nothing beyond gzip (as before `Sync-Offers`): no probe, gzip bodies.
    client.offers = frozenset()
    return client, adapter


def batch(n: int = 2) -> PushRequest:
    items = []
    for i in range(n):
        person_id = f"00000000-0000-4000-8000-00000000000{i}"
        payload = make_person_payload(person_id=person_id, name=f"Siti {i}", rt="03")
        items.append(
            PushItem(
                id=person_id,
                type="person",
                version=1,
                content_hash=content_hash(payload),
                recorded_at=datetime(2026, 3, 1, 9, tzinfo=UTC),
                payload=payload,
            )
        )
    return PushRequest(
        batch_id="b-1",
        device_id="dev-1",
        app_version="0.1.0",
        protocol_version=PROTOCOL_VERSION,
        client_time=datetime(2026, 3, 1, 9, 5, tzinfo=UTC),
        items=items,
    )


def accepted(request: PushRequest) -> dict[str, object]:
    return {
        "batch_id": request.batch_id,
        "results": [
            {"id": i.id, "version": i.version, "status": "accepted"} for i in request.items
        ],
        "server_time": "2026-03-01T09:05:01Z",
        "receipt": "abc",
    }


def test_push_posts_gzip_json_with_token_tls_and_timeouts() -> None:
    request = batch()
    client, adapter = make_client([(200, JSON, accepted(request))])
    answer = client.push(request)
    assert [r.status for r in answer.results] == ["accepted", "accepted"]
    sent, kwargs = adapter.sent[0]
    assert sent.method == "POST" and sent.url == BASE + "/api/v1/sync/push"
    assert sent.headers["Content-Encoding"] == "gzip"
    assert sent.headers["Authorization"] == "Bearer tok-123"
    body = json.loads(gzip.decompress(sent.body))
    assert body["batch_id"] == "b-1" and len(body["items"]) == 2
    assert b": " not in gzip.decompress(sent.body)  # compact separators
    # True, or the system bundle when REQUESTS_CA_BUNDLE is set: never off.
    assert kwargs["verify"] is True or str(kwargs["verify"]).endswith((".crt", ".pem"))
    assert kwargs["timeout"] == (3, 9)


def test_private_ca_bundle_is_used_and_verification_stays_on() -> None:
    request = batch()
    client, adapter = make_client([(200, JSON, accepted(request))], ca_bundle="/etc/pkm-ca.pem")
    client.push(request)
    assert adapter.sent[0][1]["verify"] == "/etc/pkm-ca.pem"


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        (
            (200, {"Content-Type": "text/html"}, b"<html><body>Login WiFi</body></html>"),
            CaptivePortalError,
        ),
        (
            (200, {"Content-Type": "application/json"}, b"<!DOCTYPE html><html>login</html>"),
            CaptivePortalError,
        ),
        ((302, {"Location": "http://login.wifi/"}, b""), CaptivePortalError),
        ((200, {"Content-Type": "text/plain"}, b"ok"), CaptivePortalError),
        ((401, JSON, {"detail": "token dicabut"}), AuthError),
        ((426, JSON, {"detail": "upgrade"}), ProtocolMismatchError),
        ((413, JSON, {"detail": "too large"}), PayloadTooLargeError),
        ((500, {"Content-Type": "text/html"}, b"<html>error</html>"), ServerError),
        ((200, JSON, b'{"batch_id": "b-1", "results": [{"id": "x'), NetworkError),
        ((200, JSON, {"hello": "world"}), ServerError),
        (requests.exceptions.ConnectionError("reset by peer"), NetworkError),
        (requests.exceptions.ChunkedEncodingError("cut"), NetworkError),
        (requests.exceptions.SSLError("bad cert"), NetworkError),
    ],
)
def test_a_response_that_is_not_a_valid_answer_is_never_success(answer, error) -> None:
    client, _ = make_client([answer])
    with pytest.raises(error) as caught:
        client.push(batch())
    assert caught.value.user_message  # something to tell the kader


def test_timeout_is_a_network_error_flagged_as_timeout() -> None:
    client, _ = make_client([requests.exceptions.ReadTimeout("slow")])
    with pytest.raises(NetworkError) as caught:
        client.push(batch())
    assert caught.value.timeout


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_seconds_and_http_date(status: int) -> None:
    later = datetime.now(UTC) + timedelta(seconds=600)
    client, _ = make_client(
        [
            (status, {**JSON, "Retry-After": "120"}, {"detail": "sibuk"}),
            (status, {**JSON, "Retry-After": format_datetime(later, usegmt=True)}, {"detail": "x"}),
        ]
    )
    with pytest.raises(ServerError) as first:
        client.push(batch())
    assert first.value.status == status and first.value.retry_after == 120
    with pytest.raises(ServerError) as second:
        client.push(batch())
    assert second.value.retry_after is not None and 500 < second.value.retry_after <= 600


def test_answer_for_another_batch_or_unsent_items_is_not_an_ack() -> None:
    request = batch()
    other = {**accepted(request), "batch_id": "b-2"}
    stranger = accepted(request)
    stranger["results"] = [{"id": "not-sent", "version": 1, "status": "accepted"}]
    client, _ = make_client([(200, JSON, other), (200, JSON, stranger)])
    with pytest.raises(ServerError):
        client.push(request)
    with pytest.raises(ServerError):
        client.push(request)


def test_enroll_keeps_the_new_credentials() -> None:
    session = requests.Session()
    adapter = ScriptedAdapter(
        [
            (
                200,
                JSON,
                {"device_id": "dev-9", "token": "secret-9", "posyandu": "Melati", "area": "Desa A"},
            ),
            (200, JSON, {"status": "ok", "server_time": "2026-03-01T09:00:00Z"}),
        ]
    )
    session.mount(BASE, adapter)
    client = SyncClient(BASE, token=None, device_id=None, session=session)
    answer = client.enroll("KODE-123", device_name="Laptop Posyandu Melati")
    assert answer.posyandu == "Melati"
    assert "Authorization" not in adapter.sent[0][0].headers
    client.health()
    assert adapter.sent[1][0].headers["Authorization"] == "Bearer secret-9"
    assert client.device_id == "dev-9"


def test_pull_passes_cursor_and_limit() -> None:
    answer = {"people": [], "followups": [], "cursor": "c2", "server_time": "2026-03-01T09:00:00Z"}
    client, adapter = make_client([(200, JSON, answer)])
    pulled = client.pull("c1", limit=50)
    assert pulled.cursor == "c2" and not pulled.must_resync
    assert "cursor=c1" in adapter.sent[0][0].url and "limit=50" in adapter.sent[0][0].url


@pytest.mark.parametrize(
    "url",
    ["http://puskesmas.example.id", "ftp://puskesmas.example.id", "puskesmas.example.id", ""],
)
def test_health_data_never_leaves_over_plain_http_to_a_remote_server(url):
    from sync.client import ConfigurationError

    with pytest.raises(ConfigurationError) as refused:
        SyncClient(url, token="t", device_id="d")
    assert "https://" in refused.value.user_message


@pytest.mark.parametrize(
    "url", ["https://puskesmas.example.id/", "http://127.0.0.1:8000", "http://localhost:9"]
)
def test_https_and_this_laptop_itself_are_allowed(url):
    client = SyncClient(url, token="t", device_id="d")
    assert not client.base_url.endswith("/")
    client.close()


def test_a_missing_ca_file_is_a_setting_to_fix_not_a_network_outage(tmp_path):
    from sync.client import ConfigurationError

    client = SyncClient(
        "https://127.0.0.1:9", token="t", device_id="d", ca_bundle=str(tmp_path / "nope.pem")
    )
    with pytest.raises(ConfigurationError) as refused:
        client.health()
    assert refused.value.retryable is False
    client.close()
