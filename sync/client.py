"""HTTP client for the sync protocol v1: zstd or gzip JSON over requests, with typed failures.

Bodies go zstd (and push items with a short content-hash prefix) only to a server that named
those offers in its `OFFERS_HEADER`; otherwise gzip JSON with full hashes, as every server takes.

It never retries or sleeps by itself (the engine decides when), never logs bodies or health data,
and never treats a response that does not parse as success. No Qt, no `kader_app`, no server.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
import urllib.parse
import zlib
from datetime import UTC, datetime
from typing import Any, TypeVar

import pydantic
import requests

from sync.protocol import (
    BUSY_HEADER,
    ENROLL_PATH,
    HASH_PREFIX_HEX,
    HEALTH_PATH,
    OFFER_HASH_PREFIX,
    OFFER_ZSTD,
    OFFERS_HEADER,
    PREFER_MINIMAL,
    PULL_PATH,
    PUSH_PATH,
    RECONCILE_PATH,
    RECOVERY_KEY_PATH,
    EnrollRequest,
    EnrollResponse,
    HealthResponse,
    ItemResult,
    PullResponse,
    PushRequest,
    PushResponse,
    ReconcileRequest,
    ReconcileResponse,
    RecoveryKeyRequest,
    RecoveryKeyResponse,
)
from sync.wire import REQUEST_LEVEL, ZSTD, ZSTD_MAGIC, WireError, zstd_compress, zstd_decompress

log = logging.getLogger(__name__)

ModelT = TypeVar("ModelT", bound=pydantic.BaseModel)

DEFAULT_TIMEOUT = (10.0, 60.0)
# The most an answer may inflate to (a pull page of 1,000 residents is ~500 KiB of JSON).
MAX_ANSWER_BYTES = 64 * 1024 * 1024
# A kept-alive connection idle longer than this is not used again: the server (uvicorn: 5 s)
# may be closing it at the very moment a request goes out on it, and that request is then
# reset or cut off unanswered. A new connection costs a handshake; a lost race, a failed sync.
IDLE_REUSE_SECONDS = 2.0


class SyncError(Exception):
    """Base of every sync failure.

    `code` names the failure for the GUI, which shows it in the kader's language;
    `user_message` is the same advice in Bahasa Indonesia, for every other reader.
    """

    code = "sync_failed"
    user_message = "Sinkronisasi gagal. Data tetap aman di laptop dan akan dikirim lagi."
    retryable = True


class NetworkError(SyncError):
    """No usable answer: refused, reset, timed out or cut short. Retry with backoff."""

    code = "offline"
    user_message = "Tidak ada koneksi ke Puskesmas. Data tersimpan dan akan dikirim otomatis."

    def __init__(self, message: str, *, timeout: bool = False) -> None:
        super().__init__(message)
        self.timeout = timeout


class ServerError(SyncError):
    """The server answered 5xx/429 (or something it should not have). Retry with backoff."""

    code = "server_busy"
    user_message = "Server Puskesmas sedang sibuk. Data akan dikirim lagi nanti."

    def __init__(
        self, message: str, *, status: int, retry_after: float | None = None, busy: bool = False
    ) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after
        # The Puskesmas server's own "busy, nothing stored, send again soon" (`BUSY_HEADER`).
        self.busy = busy


class PayloadTooLargeError(SyncError):
    """413: the batch is too big for the link or the server; send smaller batches."""

    code = "too_large"
    user_message = "Paket data terlalu besar; dikirim ulang dalam bagian lebih kecil."


class AuthError(SyncError):
    """401: the token is missing, wrong or revoked. Sync pauses until the device is enrolled."""

    code = "not_enrolled"
    user_message = "Laptop ini belum terdaftar atau izinnya dicabut. Hubungi admin Puskesmas."
    retryable = False


class EnrollCodeError(AuthError):
    """401 on enrolment: the one-time code is unknown, used or expired."""

    code = "enroll_code"
    user_message = (
        "Kode pendaftaran salah, sudah dipakai, atau kedaluwarsa. Minta kode baru ke admin "
        "Puskesmas."
    )


class CaptivePortalError(SyncError):
    """An HTML page, a redirect or other non-JSON where the API answers JSON: a Wi-Fi login."""

    code = "captive_portal"
    user_message = (
        "Jaringan meminta login Wi-Fi/voucher. Buka browser untuk masuk, lalu tekan Kirim sekarang."
    )


class ProtocolMismatchError(SyncError):
    """426: this app version speaks a protocol the server no longer accepts."""

    code = "upgrade_needed"
    user_message = "Versi aplikasi terlalu lama untuk server Puskesmas. Mohon perbarui aplikasi."
    retryable = False


class ConfigurationError(SyncError):
    """The server address or CA file cannot be used as set; a person must correct the setting."""

    code = "bad_settings"
    user_message = (
        "Alamat server atau berkas sertifikat tidak bisa dipakai. Periksa Pengaturan: alamat "
        "harus diawali https:// dan berkas sertifikat harus ada."
    )
    retryable = False


_LOOPBACK_HOSTS = {"localhost", "::1"}


def check_server_url(url: str) -> str:
    """The URL without a trailing slash, or `ConfigurationError`.

    Health data and the bearer token only travel encrypted: https is required, except to this
    laptop itself (loopback), where nothing crosses a network.
    """
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if not host or parts.scheme not in ("http", "https"):
        raise ConfigurationError("server URL needs a scheme and a host")
    loopback = host in _LOOPBACK_HOSTS or host.startswith("127.")
    if parts.scheme != "https" and not loopback:
        raise ConfigurationError("plain http is refused for a remote server")
    return url.strip().rstrip("/")


def _retry_after_seconds(value: str | None, *, now: datetime) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class SyncClient:
    """One device's connection to the Puskesmas server.

    Blocking; call it from the network lane only. TLS verification is always on: `ca_bundle`
    names the CA file to trust instead of the system's (a Puskesmas' own CA); nothing turns
    checking off.
    """

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None,
        device_id: str | None,
        ca_bundle: str | None = None,
        timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
        app_version: str = "0",
        session: requests.Session | None = None,
        zstd: bool = ZSTD,
    ) -> None:
        """``zstd``: whether this client may speak zstd at all (false: gzip only, as before)."""
        self.base_url = check_server_url(base_url)
        self.token = token
        self.device_id = device_id
        self.app_version = app_version
        self.timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        self._verify: str | bool = ca_bundle or True
        self._session = session or requests.Session()
        self._session.headers["Accept"] = "application/json"
        # Whether bodies and answers may be zstd (only with a server offering it).
        self.zstd = zstd and ZSTD
        # What the server offers beyond gzip, from the last answer that said (None: not known).
        self.offers: frozenset[str] | None = None
        self._last_answer_at: float | None = None

    def set_credentials(self, *, token: str, device_id: str) -> None:
        self.token = token
        self.device_id = device_id

    def close(self) -> None:
        self._session.close()

    def enroll(
        self,
        code: str,
        *,
        device_name: str = "laptop-posyandu",
        recovery_key: str | None = None,
    ) -> EnrollResponse:
        """Turn a one-time code into credentials, which this client keeps for later calls.

        ``recovery_key`` (the kader profiles' one) is deposited with the Puskesmas on the way.
        """
        body = EnrollRequest(code=code, device_name=device_name, recovery_key=recovery_key)
        try:
            answer = self._call("POST", ENROLL_PATH, body=body, model=EnrollResponse)
        except AuthError:
            raise EnrollCodeError("enroll: code refused") from None
        self.set_credentials(token=answer.token, device_id=answer.device_id)
        return answer

    def deposit_recovery_key(self, recovery_key: str) -> None:
        """Deposit the laptop's recovery key with the Puskesmas (after enrolment)."""
        body = RecoveryKeyRequest(recovery_key=recovery_key)
        self._call("POST", RECOVERY_KEY_PATH, body=body, model=RecoveryKeyResponse)

    def push(self, batch: PushRequest) -> PushResponse:
        """Send one batch; the answer has a result for every item (a minimal answer expanded)."""
        if self.offers is None:
            # One small GET tells what the server takes, so even the first batch can use it.
            try:
                self.health()
            except SyncError:
                self.offers = frozenset()
        answer = self._call("POST", PUSH_PATH, body=batch, model=PushResponse)
        if answer.batch_id != batch.batch_id:
            raise ServerError("push answer names another batch", status=200)
        sent = {(item.id, item.version) for item in batch.items}
        listed = {(r.id, r.version) for r in answer.results}
        if not listed <= sent:
            raise ServerError("push answer names items that were not sent", status=200)
        if answer.rest is None:
            return answer
        # A minimal answer: every item it does not list was accepted.
        results = {(r.id, r.version): r for r in answer.results}
        for item in batch.items:
            key = (item.id, item.version)
            if key not in results:
                results[key] = ItemResult(id=item.id, version=item.version, status=answer.rest)
        ordered = [results[(item.id, item.version)] for item in batch.items]
        return answer.model_copy(update={"results": ordered, "rest": None})

    def pull(self, cursor: str | None, *, limit: int = 500) -> PullResponse:
        params: dict[str, str | int] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        return self._call("GET", PULL_PATH, params=params, model=PullResponse)

    def reconcile(self, request: ReconcileRequest) -> ReconcileResponse:
        return self._call("POST", RECONCILE_PATH, body=request, model=ReconcileResponse)

    def health(self) -> HealthResponse:
        """200 with `status: ok` when the server reaches its database; raises otherwise."""
        return self._call("GET", HEALTH_PATH, model=HealthResponse)

    def _call(
        self,
        method: str,
        path: str,
        *,
        model: type[ModelT],
        body: pydantic.BaseModel | None = None,
        params: dict[str, str | int] | None = None,
    ) -> ModelT:
        response = self._request(method, path, body=body, params=params)
        data = self._json(response)
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as exc:
            # Only the error count: the body may hold health data.
            raise ServerError(
                f"{path} answer does not match the protocol ({exc.error_count()} errors)",
                status=response.status_code,
            ) from None

    def _request(
        self,
        method: str,
        path: str,
        *,
        body: pydantic.BaseModel | None,
        params: dict[str, str | int] | None,
    ) -> requests.Response:
        offers = self.offers or frozenset()
        use_zstd = self.zstd and OFFER_ZSTD in offers
        response = self._send(method, path, body=body, params=params, use_zstd=use_zstd)
        if use_zstd and response.status_code == 415:
            # The server stopped taking zstd (another process behind the same address): gzip.
            self.offers = offers - {OFFER_ZSTD}
            response = self._send(method, path, body=body, params=params, use_zstd=False)
        self._raise_for_status(path, response)
        return response

    def _send(
        self,
        method: str,
        path: str,
        *,
        body: pydantic.BaseModel | None,
        params: dict[str, str | int] | None,
        use_zstd: bool,
    ) -> requests.Response:
        headers = {"Accept-Encoding": "zstd, gzip" if self.zstd else "gzip"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        data: bytes | None = None
        if isinstance(body, PushRequest):
            headers["Prefer"] = PREFER_MINIMAL
            if OFFER_HASH_PREFIX in (self.offers or ()):
                body = short_hashes(body)
        if body is not None:
            data = encode_body(body, zstd=use_zstd)
            headers["Content-Type"] = "application/json"
            headers["Content-Encoding"] = "zstd" if use_zstd else "gzip"
        if (
            self._last_answer_at is not None
            and time.monotonic() - self._last_answer_at > IDLE_REUSE_SECONDS
        ):
            # Idle pools are dropped; the session makes new ones on this request.
            self._session.close()
        try:
            response = self._session.request(
                method,
                self.base_url + path,
                data=data,
                params=params,
                headers=headers,
                timeout=self.timeout,
                verify=self._verify,
                # A captive portal answers with a redirect to its login page.
                allow_redirects=False,
            )
            # Read the body inside the try: a cut connection shows up here, not earlier.
            _ = response.content
            self._last_answer_at = time.monotonic()
        except requests.exceptions.SSLError as exc:
            raise NetworkError(f"TLS failed: {type(exc).__name__}") from None
        except requests.exceptions.ConnectTimeout:
            raise NetworkError(f"{path} connect timed out", timeout=True) from None
        except requests.exceptions.Timeout:
            raise NetworkError(f"{path} timed out", timeout=True) from None
        except requests.exceptions.RequestException as exc:
            raise NetworkError(f"{path} failed: {_failure_kind(exc)}") from None
        except OSError as exc:
            # requests raises a bare OSError for a CA bundle path that does not exist.
            raise ConfigurationError(f"CA bundle unusable: {type(exc).__name__}") from None
        offered = response.headers.get(OFFERS_HEADER)
        if offered is not None:
            self.offers = frozenset(o.strip() for o in offered.lower().split(",") if o.strip())
        elif 200 <= response.status_code < 300:
            self.offers = frozenset()
        self._inflate(path, response)
        return response

    def _inflate(self, path: str, response: requests.Response) -> None:
        """A zstd answer decoded in place (requests decodes gzip itself, not zstd)."""
        coding = response.headers.get("Content-Encoding", "").strip().lower()
        if coding != "zstd" or not response.content.startswith(ZSTD_MAGIC):
            return
        try:
            response._content = zstd_decompress(response.content, limit=MAX_ANSWER_BYTES)
        except WireError as exc:
            raise NetworkError(f"{path} answer unreadable (zstd {exc.kind})") from None

    def _raise_for_status(self, path: str, response: requests.Response) -> None:
        status = response.status_code
        if 200 <= status < 300:
            return
        if 300 <= status < 400:
            raise CaptivePortalError(f"{path} redirected ({status})")
        if status == 401:
            raise AuthError(f"{path}: not authorised")
        if status == 426:
            raise ProtocolMismatchError(f"{path}: protocol not supported")
        if status == 413:
            raise PayloadTooLargeError(f"{path}: payload too large")
        retry_after = _retry_after_seconds(
            response.headers.get("Retry-After"), now=datetime.now(UTC)
        )
        if status == 429 or status >= 500:
            busy = status == 503 and BUSY_HEADER.lower() in (k.lower() for k in response.headers)
            raise ServerError(
                f"{path}: HTTP {status}" + (" (busy)" if busy else ""),
                status=status,
                retry_after=retry_after,
                busy=busy,
            )
        if _looks_like_html(response):
            raise CaptivePortalError(f"{path}: HTML answer with HTTP {status}")
        # Any other 4xx is a server/client disagreement; keep the data and try again later.
        raise ServerError(f"{path}: HTTP {status}", status=status, retry_after=retry_after)

    def _json(self, response: requests.Response) -> Any:
        ctype = response.headers.get("Content-Type", "").lower()
        if "json" not in ctype or _looks_like_html(response):
            raise CaptivePortalError(f"non-JSON answer ({ctype.split(';')[0] or 'none'})")
        try:
            return json.loads(response.content)
        except ValueError:
            # A JSON content type that does not parse is a cut-short body, not a portal.
            raise NetworkError("answer cut short (invalid JSON)") from None


def _failure_kind(exc: BaseException) -> str:
    """The exception's type and its innermost cause's ("ConnectionError/RemoteDisconnected").

    Only type names: messages can quote the URL's query or the peer's words.
    """
    names = [type(exc).__name__]
    seen: set[int] = {id(exc)}
    node: BaseException | None = exc
    while node is not None:
        inner = getattr(node, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((a for a in node.args if isinstance(a, BaseException)), None)
        if inner is None:
            inner = node.__cause__ or node.__context__
        if inner is None or id(inner) in seen:
            break
        seen.add(id(inner))
        node = inner
    if node is not None and node is not exc:
        names.append(type(node).__name__)
    return "/".join(names)


def _looks_like_html(response: requests.Response) -> bool:
    ctype = response.headers.get("Content-Type", "").lower()
    if "html" in ctype:
        return True
    # JSON never starts with "<"; portals that lie about the content type still send markup.
    return response.content[:64].lstrip().startswith(b"<")


# gzip level 4 with zlib's FILTERED strategy: on visit batches it is both smaller (114 vs 120
# bytes per visit) and about a quarter faster than level 6 with the default strategy.
GZIP_LEVEL = 4
GZIP_WBITS = 16 + zlib.MAX_WBITS


def short_hashes(batch: PushRequest) -> PushRequest:
    """The batch with each item's content hash, and each audit link's hashes, cut to a prefix.

    The first `HASH_PREFIX_HEX` hex digits, for a server that offers `OFFER_HASH_PREFIX`; the
    payloads and the links' fields, sent as stored, are untouched.
    """
    items = [
        item.model_copy(update={"content_hash": item.content_hash[:HASH_PREFIX_HEX]})
        for item in batch.items
    ]
    audit = [
        link.model_copy(
            update={
                "hash": link.hash[:HASH_PREFIX_HEX],
                "prev_hash": link.prev_hash[:HASH_PREFIX_HEX],
            }
        )
        for link in batch.audit
    ]
    return batch.model_copy(update={"items": items, "audit": audit})


def encode_body(body: pydantic.BaseModel, *, zstd: bool = False) -> bytes:
    """Compact JSON, then zstd or gzip: the wire form of every request body.

    zstd is one frame with its content size and checksum; gzip a header without a timestamp.
    """
    raw = body.model_dump_json(exclude_none=False).encode()
    if zstd:
        return zstd_compress(raw, level=REQUEST_LEVEL)
    deflate = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP_WBITS, 8, zlib.Z_FILTERED)
    return deflate.compress(raw) + deflate.flush()
