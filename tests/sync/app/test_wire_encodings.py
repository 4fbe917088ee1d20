"""The app's real sync over zstd stores what a gzip sync stores, byte for byte; a laptop
without zstd, or a server that offers nothing beyond gzip, still syncs everything.

Real demo registers (every life-cycle stage, the demo's mix of sections), the app's own
`build_sync`, real server processes on 127.0.0.1; what each request and answer looked like on the
wire is read from the HTTP session itself.
"""

from __future__ import annotations

import gzip
import json
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import requests
import sqlalchemy as sa
import zstandard
from server_process import ServerFactory, ServerProcess

from kader_app.core.demo import seed_demo
from kader_app.core.keystore import key_file_path
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.sync_link import build_sync, enroll_device
from sync.protocol import PUSH_PATH
from sync.server.offers import OFFERS_ENV
from sync.server.store.audit_chain import LINKS
from sync.server.store.tables import DEVICE, ENTRY

SEEDED = date(2026, 11, 10)


@dataclass
class Wire:
    """Each push's request and answer encodings, and the request bodies, as they travelled."""

    pushes: list[tuple[str, str]] = field(default_factory=list)
    bodies: list[bytes] = field(default_factory=list)

    def hook(self, response: requests.Response, *_args: Any, **_kwargs: Any) -> None:
        if PUSH_PATH not in (response.request.url or ""):
            return
        sent = response.request.headers.get("Content-Encoding", "")
        self.pushes.append((sent, response.headers.get("Content-Encoding", "")))
        assert isinstance(response.request.body, bytes)
        self.bodies.append(response.request.body)


@pytest.fixture(scope="module")
def demo_register(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo village, every entry still pending (copied for each laptop)."""
    data_dir = tmp_path_factory.mktemp("demo") / "laptop"
    register = Register.open(data_dir, device_id="demo-laptop")
    try:
        seed_demo(register, today=SEEDED, count=8)
    finally:
        register.close()
    return data_dir


def laptop(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    shutil.copy2(key_file_path(source), key_file_path(target))
    return target


def sync_all(data_dir: Path, server: ServerProcess, *, zstd: bool = True) -> tuple[int, Wire]:
    """Enrol the laptop on ``server`` and sync once; (entries acknowledged, what travelled)."""
    register = Register.open(data_dir, device_id="demo-laptop")
    wire = Wire()
    try:
        code = server.enroll_code(posyandu="Posyandu Mawar", area="Desa Sukamaju")
        enroll_device(register, server_url=server.url, code=code, device_name="kader")
        setup = build_sync(register, settings=AppSettings())
        assert setup is not None
        setup.client.zstd = zstd
        setup.client._session.hooks["response"].append(wire.hook)
        try:
            summary = setup.engine.run_once()
        finally:
            setup.close()
        assert register.sync.counts().pending == 0
        return summary.acked, wire
    finally:
        register.close()


def pending(data_dir: Path) -> set[tuple[str, int, str]]:
    register = Register.open(data_dir, device_id="demo-laptop")
    try:
        return {(i.entity_id, i.version, i.content_hash) for i in register.sync.unsent()}
    finally:
        register.close()


def stored(server: ServerProcess) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], Any]:
    """Every entry (id, version, hash, payload text), every audit link, and the chain state."""
    with server.session() as session:
        entries = session.execute(
            sa.select(
                ENTRY.c.id, ENTRY.c.version, ENTRY.c.content_hash, sa.cast(ENTRY.c.payload, sa.Text)
            ).order_by(ENTRY.c.id, ENTRY.c.version)
        ).all()
        links = session.execute(
            sa.select(LINKS.c.seq, LINKS.c.prev_hash, LINKS.c.hash, LINKS.c.sound).order_by(
                LINKS.c.seq
            )
        ).all()
        chain = session.execute(sa.select(DEVICE.c.audit_seq, DEVICE.c.audit_break_seq)).all()
    return [tuple(e) for e in entries], [tuple(ln) for ln in links], [tuple(c) for c in chain]


def test_a_zstd_sync_stores_exactly_the_payloads_and_hashes_a_gzip_sync_stores(
    tmp_path: Path, demo_register: Path, server_factory: ServerFactory
) -> None:
    expected = pending(demo_register)
    packed, plain = server_factory("sqlite"), server_factory("sqlite")

    acked_zstd, zstd_wire = sync_all(laptop(demo_register, tmp_path / "a"), packed)
    acked_gzip, gzip_wire = sync_all(laptop(demo_register, tmp_path / "b"), plain, zstd=False)

    assert acked_zstd == acked_gzip == len(expected) > 50
    assert set(zstd_wire.pushes) == {("zstd", "zstd")}
    # Short answers go plain to a gzip laptop, longer ones gzip'd; never zstd.
    assert {sent for sent, _ in gzip_wire.pushes} == {"gzip"}
    assert {answered for _, answered in gzip_wire.pushes} <= {"gzip", ""}
    entries, links, chain = stored(packed)
    assert stored(plain) == (entries, links, chain)
    assert {(i, v, h) for i, v, h, _ in entries} == expected
    assert all(len(h) == 64 for _, _, h, _ in entries)
    assert all(len(h) == 64 and sound for _, _, h, sound in links)
    assert chain == [(len(links), None)]
    # What travelled: hash prefixes both ways (the server offers them to any laptop).
    zstd_body = json.loads(zstandard.ZstdDecompressor().decompress(zstd_wire.bodies[0]))
    gzip_body = json.loads(gzip.decompress(gzip_wire.bodies[0]))
    for body in (zstd_body, gzip_body):
        assert {len(i["content_hash"]) for i in body["items"]} == {16}
        assert {len(ln["hash"]) for ln in body["audit"]} == {16}
    # About two thirds on this village (72 entries); the margin absorbs its random ids.
    assert sum(map(len, zstd_wire.bodies)) < 0.8 * sum(map(len, gzip_wire.bodies))


def test_a_server_that_offers_nothing_beyond_gzip_gets_gzip_and_full_hashes(
    tmp_path: Path,
    demo_register: Path,
    server_factory: ServerFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(OFFERS_ENV, "")
    old_style = server_factory("sqlite")
    monkeypatch.delenv(OFFERS_ENV)
    expected = pending(demo_register)

    acked, wire = sync_all(laptop(demo_register, tmp_path / "c"), old_style)

    assert acked == len(expected)
    assert {sent for sent, _ in wire.pushes} == {"gzip"}
    assert "zstd" not in {answered for _, answered in wire.pushes}
    body = json.loads(gzip.decompress(wire.bodies[0]))
    assert {len(i["content_hash"]) for i in body["items"]} == {64}
    entries, links, chain = stored(old_style)
    assert {(i, v, h) for i, v, h, _ in entries} == expected
    assert chain == [(len(links), None)]


def test_a_laptop_that_was_told_zstd_falls_back_to_gzip_when_the_server_refuses_it(
    tmp_path: Path,
    demo_register: Path,
    server_factory: ServerFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Another server process behind the same address that does not take zstd (415).
    monkeypatch.setenv(OFFERS_ENV, "hash-prefix")
    server = server_factory("sqlite")
    monkeypatch.delenv(OFFERS_ENV)
    data_dir = laptop(demo_register, tmp_path / "d")
    register = Register.open(data_dir, device_id="demo-laptop")
    wire = Wire()
    try:
        code = server.enroll_code(posyandu="Posyandu Mawar", area="Desa Sukamaju")
        enroll_device(register, server_url=server.url, code=code, device_name="kader")
        setup = build_sync(register, settings=AppSettings())
        assert setup is not None
        setup.client.offers = frozenset({"zstd", "hash-prefix"})
        setup.client._session.hooks["response"].append(wire.hook)
        try:
            summary = setup.engine.run_once()
        finally:
            setup.close()
        assert register.sync.counts().pending == 0
    finally:
        register.close()

    assert summary.acked == len(pending(demo_register))
    assert wire.pushes[0][0] == "zstd"
    assert {sent for sent, _ in wire.pushes[1:]} == {"gzip"}
