"""Bytes per visit on the wire, both ways, for the real push bodies and answers: options measured.

Takes the request bodies the engine really sent (gzip, as on the wire) and the answers the
server really gave (plain JSON), and re-encodes them per option:

- ``gzip`` requests (what the client sends), answers as the server sends them;
- ``gzip`` both ways (answers compressed too, level 6);
- ``zstd`` level 19 both ways, no dictionary;
- ``zstd`` level 19 with a dictionary trained on *another* demo village's bodies and answers
  (what an app could ship; the measured village is never in its training set);
- ``slim``: each visit section sent as its inputs and class code only (state, values, reasons,
  level and the per-section rules version left for the server to derive from the rules
  version), gzip both ways, and with the zstd dictionary.

``zstandard`` is optional: without it the zstd rows say so instead of a number.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

DICT_BYTES = 64 * 1024
SLIM_KEEP = ("inputs", "class")


@dataclass(frozen=True, slots=True)
class Option:
    name: str
    sent: int | None
    received: int | None

    def per_visit(self, visits: int) -> float | None:
        if self.sent is None or self.received is None:
            return None
        return (self.sent + self.received) / visits


def _gzip(raw: bytes) -> int:
    return len(gzip.compress(raw, compresslevel=6, mtime=0))


def slim(body: dict[str, Any]) -> dict[str, Any]:
    """The request with every visit section cut to its inputs and class code."""
    items = []
    for item in body["items"]:
        payload = item["payload"]
        if item["type"] == "visit":
            sections = {
                code: {k: v for k, v in section.items() if k in SLIM_KEEP}
                for code, section in payload["sections"].items()
            }
            payload = {**payload, "sections": sections}
        items.append({**item, "payload": payload})
    return {**body, "items": items}


def _zstd() -> Any:
    try:
        import zstandard
    except ImportError:
        return None
    return zstandard


def measure(
    *,
    bodies: Sequence[bytes],
    answers: Sequence[bytes],
    train_bodies: Sequence[bytes],
    train_answers: Sequence[bytes],
) -> list[Option]:
    """Every option's total bytes sent and received for the same batches."""
    requests_raw = [zlib.decompress(b, 16 + zlib.MAX_WBITS) for b in bodies]
    slim_raw = [_compact(slim(json.loads(r))) for r in requests_raw]
    train_raw = [zlib.decompress(b, 16 + zlib.MAX_WBITS) for b in train_bodies]
    train_slim = [_compact(slim(json.loads(r))) for r in train_raw]
    plain_answers = sum(len(a) for a in answers)
    gzip_answers = sum(_gzip(a) for a in answers)
    options = [
        Option("gzip requests, answers as sent (now)", sum(len(b) for b in bodies), plain_answers),
        Option("gzip both ways", sum(len(b) for b in bodies), gzip_answers),
        Option("slim visits, gzip both ways", sum(_gzip(r) for r in slim_raw), gzip_answers),
    ]
    zstd = _zstd()
    if zstd is None:
        for name in ("zstd 19 both ways", "zstd 19 + dictionary", "slim + zstd 19 + dictionary"):
            options.append(Option(f"{name} (zstandard not installed)", None, None))
        return options
    plain = zstd.ZstdCompressor(level=19)
    options.append(
        Option(
            "zstd 19 both ways",
            sum(len(plain.compress(r)) for r in requests_raw),
            sum(len(plain.compress(a)) for a in answers),
        )
    )
    for name, measured, training in (
        ("zstd 19 + dictionary", requests_raw, train_raw),
        ("slim + zstd 19 + dictionary", slim_raw, train_slim),
    ):
        samples = _samples(training) + list(train_answers)
        try:
            dictionary = zstd.train_dictionary(DICT_BYTES, samples)
        except zstd.ZstdError:
            options.append(Option(f"{name} (too few samples to train on)", None, None))
            continue
        packer = zstd.ZstdCompressor(level=19, dict_data=dictionary)
        options.append(
            Option(
                f"{name} ({len(dictionary.as_bytes()) // 1024} KiB, trained on another village)",
                sum(len(packer.compress(r)) for r in measured),
                sum(len(packer.compress(a)) for a in answers),
            )
        )
    return options


def _compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def _samples(raw_bodies: Sequence[bytes]) -> list[bytes]:
    """Training samples: each item of each body on its own (zstd trains on many small ones)."""
    out: list[bytes] = []
    for raw in raw_bodies:
        out.extend(_compact(item) for item in json.loads(raw)["items"])
    return out
