"""Bytes per visit on the wire, both ways, for the real push bodies and answers: options measured.

Takes the request bodies the engine really sent and the answers the server really gave (each as
on the wire: zstd or gzip), rebuilds the plain JSON of each, and re-encodes it per option. Three
things vary, each a part of the protocol (docs/sync-protocol.md, "Wire encodings"):

- the codec both ways: gzip (the client's level 4, the server's level 6), zstd (at the levels
  of `sync.wire`), or zstd with a dictionary trained on *another* demo village's bodies and
  answers (the measured village is never in its training set);
- each item's ``content_hash`` and each audit link's ``hash`` and ``prev_hash``: the full
  sha256 (64 hex digits) or its 16-digit prefix (``hash-prefix``: the server computes them);
- the push answer: a result per item, or only the items not accepted (``Prefer:
  return=minimal``);

and, for reference, ``slim``: each visit section cut to its inputs and class code (the server
would have to derive state, values, level and the section's rules version again).
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sync.client import GZIP_LEVEL, GZIP_WBITS
from sync.protocol import HASH_PREFIX_HEX, audit_link_hash, content_hash
from sync.wire import ANSWER_LEVEL, REQUEST_LEVEL, ZSTD, ZSTD_MAGIC, zstd_decompress

DICT_BYTES = 64 * 1024
SLIM_KEEP = ("inputs", "class")
_LIMIT = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    sent: int | None
    received: int | None

    def per_visit(self, visits: int) -> float | None:
        if self.sent is None or self.received is None:
            return None
        return (self.sent + self.received) / visits


def plain(data: bytes) -> bytes:
    """The JSON of a body or answer as it travelled (zstd, gzip or already plain)."""
    if data.startswith(ZSTD_MAGIC):
        return zstd_decompress(data, limit=_LIMIT)
    if data.startswith(b"\x1f\x8b"):
        return zlib.decompress(data, 16 + zlib.MAX_WBITS)
    return data


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _items(body: dict[str, Any], change: Callable[[dict[str, Any]], dict[str, Any]]) -> bytes:
    return _compact({**body, "items": [change(item) for item in body["items"]]})


def with_full_hashes(bodies: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The batches (in the order sent) with every hash in full, computed again as both sides do:
    each item's from its payload, each audit link's from its fields and the link before it."""
    out: list[dict[str, Any]] = []
    prev = ""
    for body in bodies:
        items = [{**i, "content_hash": content_hash(i["payload"])} for i in body["items"]]
        links = []
        for link in body.get("audit", []):
            fields = {k: v for k, v in link.items() if k not in ("hash", "prev_hash")}
            if link["seq"] == 1:
                prev = ""
            full = audit_link_hash(**fields, prev_hash=prev)
            links.append({**fields, "prev_hash": prev, "hash": full})
            prev = full
        out.append({**body, "items": items, "audit": links})
    return out


def _cut(value: str) -> str:
    return value[:HASH_PREFIX_HEX]


def short_hashes(body: dict[str, Any]) -> bytes:
    """Every hash cut to its prefix (`OFFER_HASH_PREFIX`)."""
    items = [{**i, "content_hash": _cut(i["content_hash"])} for i in body["items"]]
    links = [
        {**ln, "hash": _cut(ln["hash"]), "prev_hash": _cut(ln["prev_hash"])}
        for ln in body.get("audit", [])
    ]
    return _compact({**body, "items": items, "audit": links})


def slim(body: dict[str, Any]) -> bytes:
    """Short hashes, and every visit section cut to its inputs and class code."""
    body = json.loads(short_hashes(body))

    def cut(item: dict[str, Any]) -> dict[str, Any]:
        payload = item["payload"]
        if item["type"] == "visit":
            sections = {
                code: {k: v for k, v in section.items() if k in SLIM_KEEP}
                for code, section in payload["sections"].items()
            }
            payload = {**payload, "sections": sections}
        return {**item, "payload": payload}

    return _items(body, cut)


def full_answer(answer: dict[str, Any], body: dict[str, Any]) -> bytes:
    """The answer with a result for every item (a minimal one expanded, in the batch's order)."""
    if answer.get("rest") is None:
        return _compact(answer)
    listed = {(r["id"], r["version"]): r for r in answer["results"]}
    results = [
        listed.get(
            (i["id"], i["version"]),
            {
                "id": i["id"],
                "version": i["version"],
                "status": answer["rest"],
                "code": None,
                "message": None,
                "server_version": None,
            },
        )
        for i in body["items"]
    ]
    rest = {k: v for k, v in answer.items() if k != "rest"}
    return _compact({**rest, "results": results})


def minimal_answer(answer: dict[str, Any]) -> bytes:
    """Only the items not accepted, as the server answers `Prefer: return=minimal`."""
    if answer.get("rest") is not None:
        return _compact(answer)
    results = [r for r in answer["results"] if r["status"] != "accepted"]
    return _compact({**answer, "results": results, "rest": "accepted"})


def _gzip_request(raw: bytes) -> int:
    deflate = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, GZIP_WBITS, 8, zlib.Z_FILTERED)
    return len(deflate.compress(raw) + deflate.flush())


def _gzip_answer(raw: bytes) -> int:
    return len(gzip.compress(raw, compresslevel=6, mtime=0))


@dataclass(frozen=True, slots=True)
class _Forms:
    """The plain JSON of every batch and answer in each form."""

    full: list[bytes]
    short: list[bytes]
    slim: list[bytes]
    answers_full: list[bytes]
    answers_minimal: list[bytes]

    @classmethod
    def of(cls, bodies: Sequence[bytes], answers: Sequence[bytes]) -> _Forms:
        parsed = with_full_hashes([json.loads(plain(b)) for b in bodies])
        replies = [json.loads(plain(a)) for a in answers]
        return cls(
            full=[_compact(b) for b in parsed],
            short=[short_hashes(b) for b in parsed],
            slim=[slim(b) for b in parsed],
            answers_full=[full_answer(a, b) for a, b in zip(replies, parsed, strict=True)],
            answers_minimal=[minimal_answer(a) for a in replies],
        )


def measure(
    *,
    bodies: Sequence[bytes],
    answers: Sequence[bytes],
    train_bodies: Sequence[bytes],
    train_answers: Sequence[bytes],
) -> list[Option]:
    """Every option's total bytes sent and received for the same batches."""
    forms = _Forms.of(bodies, answers)

    def gz(requests: list[bytes], replies: list[bytes]) -> tuple[int, int]:
        return sum(map(_gzip_request, requests)), sum(map(_gzip_answer, replies))

    options = [
        Option(
            "gzip, full hashes, an answer per item (before this change)",
            *gz(forms.full, forms.answers_full),
        ),
        Option(
            "gzip, hash prefix, minimal answers (a client without zstd)",
            *gz(forms.short, forms.answers_minimal),
        ),
    ]
    if not ZSTD:
        options.append(Option("zstd options (zstandard not installed)", None, None))
        return options
    import zstandard

    def zs(requests: list[bytes], replies: list[bytes], dictionary: Any = None) -> tuple[int, int]:
        extra = {} if dictionary is None else {"dict_data": dictionary}
        send = zstandard.ZstdCompressor(level=REQUEST_LEVEL, write_checksum=True, **extra)
        answer = zstandard.ZstdCompressor(level=ANSWER_LEVEL, write_checksum=True, **extra)
        return (
            sum(len(send.compress(r)) for r in requests),
            sum(len(answer.compress(r)) for r in replies),
        )

    options += [
        Option("zstd, full hashes, an answer per item", *zs(forms.full, forms.answers_full)),
        Option("zstd, hash prefix, an answer per item", *zs(forms.short, forms.answers_full)),
        Option(
            "zstd, hash prefix, minimal answers (negotiated now)",
            *zs(forms.short, forms.answers_minimal),
        ),
    ]
    train = _Forms.of(train_bodies, train_answers)
    samples = [_compact(i) for raw in train.short for i in json.loads(raw)["items"]]
    slim_samples = [_compact(i) for raw in train.slim for i in json.loads(raw)["items"]]
    for name, requests, training in (
        ("zstd + dictionary, hash prefix, minimal answers", forms.short, samples),
        ("slim + zstd + dictionary, hash prefix, minimal answers", forms.slim, slim_samples),
    ):
        try:
            dictionary = zstandard.train_dictionary(DICT_BYTES, training + train.answers_minimal)
        except zstandard.ZstdError:
            options.append(Option(f"{name} (too few samples to train on)", None, None))
            continue
        size = len(dictionary.as_bytes()) // 1024
        options.append(
            Option(
                f"{name} ({size} KiB, trained on another village)",
                *zs(requests, forms.answers_minimal, dictionary),
            )
        )
    return options
