"""The Puskesmas sync API and dashboard: `create_app` builds the FastAPI app, thin handlers only.

Handlers parse, authenticate and call `store`; they hold no queries. Nothing here logs bodies.
"""

from __future__ import annotations

import gc
import sqlite3
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import anyio.to_thread
import sqlalchemy as sa
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from sync.protocol import (
    ENROLL_PATH,
    HEALTH_PATH,
    PROTOCOL_VERSION,
    PULL_PATH,
    PUSH_PATH,
    RECONCILE_PATH,
    EnrollRequest,
    EnrollResponse,
    HealthResponse,
    PullResponse,
    PushResponse,
    ReconcileRequest,
    ReconcileResponse,
)
from sync.server import store
from sync.server.auth import bearer_token
from sync.server.bodies import MAX_ITEMS_PER_BATCH, PushEnvelope, json_body, too_large
from sync.server.dashboard import routes as dashboard
from sync.server.database import WORKER_THREADS, make_engine, migrate
from sync.server.models import Device

UNAUTHORIZED = "Token perangkat tidak ada, salah, atau sudah dicabut."
BAD_CODE = "Kode pendaftaran tidak dikenal, sudah dipakai, atau kedaluwarsa."
WRONG_DEVICE = "device_id tidak sesuai dengan token perangkat."
OLD_PROTOCOL = "Versi protokol tidak didukung. Mohon perbarui aplikasi."
BAD_BODY = "Isi kiriman tidak sesuai protokol."
DB_DOWN = "Basis data server Puskesmas tidak dapat dihubungi."


# A request checkpoints the WAL itself only past this many pages (~32 MiB): a safety valve for
# when the background checkpointer falls behind. SQLite's default, 1000, would fire on nearly
# every push commit (a batch of 500 visits writes about 1,400 pages, mostly index pages).
WAL_VALVE_PAGES = 8000
# A checkpoint also runs this often without being asked, for writes outside the push path.
CHECKPOINT_IDLE_S = 5.0


def now_utc() -> datetime:
    return datetime.now(UTC)


class WalCheckpointer:
    """Copies SQLite's WAL into the database file from its own thread, off the request path.

    A push commit is durable once its WAL frames are fsync'd (`synchronous=FULL`); copying them
    into the database file (and fsyncing that) is what SQLite's auto-checkpoint would otherwise
    do inside the committing request. Here a PASSIVE checkpoint runs on a connection of its own
    after each push and every few seconds; it never blocks readers or writers. The requests' own
    auto-checkpoint stays on at `WAL_VALVE_PAGES`, so the WAL stays bounded even if this thread
    falls behind or stops.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    @classmethod
    def for_engine(cls, engine: Engine) -> WalCheckpointer | None:
        """One for a file-backed SQLite engine (its connections get the valve); None otherwise."""
        database = engine.url.database or ""
        if engine.dialect.name != "sqlite" or database in ("", ":memory:"):
            return None

        @sa.event.listens_for(engine, "connect")
        def _valve(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={WAL_VALVE_PAGES}")

        return cls(database)

    def notify(self) -> None:
        """Something was committed: checkpoint soon (starts the thread on first use)."""
        if self._thread is None:
            with self._start_lock:
                if self._thread is None and not self._stop.is_set():
                    self._thread = threading.Thread(
                        target=self._run, name="wal-checkpoint", daemon=True
                    )
                    self._thread.start()
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def _run(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None)
        try:
            connection.execute("PRAGMA synchronous=FULL")
            while not self._stop.is_set():
                self._wake.wait(CHECKPOINT_IDLE_S)
                self._wake.clear()
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error:
                    # The next request's own auto-checkpoint (the valve) still bounds the WAL.
                    continue
        finally:
            connection.close()


def get_session(request: Request) -> Iterator[Session]:
    with Session(request.app.state.engine, expire_on_commit=False) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
BodyDep = Annotated[Any, Depends(json_body)]


def current_device(
    request: Request, authorization: Annotated[str | None, Header()] = None
) -> Device:
    """The calling device, looked up in a short read session closed before the endpoint runs.

    The endpoint's own session is a separate one, so no lock or snapshot outlives the check.
    """
    token = bearer_token(authorization)
    device = None
    if token:
        with Session(request.app.state.engine, expire_on_commit=False) as session:
            device = store.device_for_token(session, token)
    if device is None:
        raise HTTPException(
            status_code=401, detail=UNAUTHORIZED, headers={"WWW-Authenticate": "Bearer"}
        )
    return device


DeviceDep = Annotated[Device, Depends(current_device)]


def _parse(model: type[Any], body: Any) -> Any:
    try:
        return model.model_validate(body)
    except ValidationError:
        # The error text would quote the body, which may hold health data.
        raise HTTPException(status_code=422, detail=BAD_BODY) from None


def create_app(*, database_url: str, run_migrations: bool = True) -> FastAPI:
    """The API over `database_url` (SQLite or PostgreSQL), migrated to the newest schema."""
    engine = make_engine(database_url)
    checkpointer = WalCheckpointer.for_engine(engine)
    if run_migrations:
        migrate(engine)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The pool is sized for this many threads (see `database.WORKER_THREADS`).
        anyio.to_thread.current_default_thread_limiter().total_tokens = WORKER_THREADS
        # The start-up heap (modules, models, routes) lives as long as the process: frozen, the
        # collector's full passes stop re-scanning it every few push batches (about 40 ms each).
        gc.collect()
        gc.freeze()
        if checkpointer is not None:
            checkpointer.notify()
        try:
            yield
        finally:
            if checkpointer is not None:
                checkpointer.stop()

    app = FastAPI(title="Server Puskesmas", version=str(PROTOCOL_VERSION), lifespan=lifespan)
    app.state.engine = engine

    @app.exception_handler(SQLAlchemyError)
    async def _db_error(_request: Request, _exc: SQLAlchemyError) -> JSONResponse:
        # Exception text can carry bound parameters (health data): answer without it.
        return JSONResponse(
            status_code=503, content={"detail": DB_DOWN}, headers={"Retry-After": "30"}
        )

    @app.exception_handler(dashboard.LoginRequiredError)
    async def _login_required(
        _request: Request, _exc: dashboard.LoginRequiredError
    ) -> RedirectResponse:
        return RedirectResponse(f"{dashboard.PREFIX}/masuk", status_code=303)

    app.include_router(dashboard.make_router())
    app.mount(
        f"{dashboard.PREFIX}/static",
        StaticFiles(directory=str(dashboard.HERE / "static")),
        name="dashboard-static",
    )

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(dashboard.PREFIX, status_code=303)

    @app.get(HEALTH_PATH, response_model=HealthResponse)
    def health(session: SessionDep) -> HealthResponse:
        store.health_check(session)
        return HealthResponse(status="ok", server_time=now_utc())

    @app.post(ENROLL_PATH, response_model=EnrollResponse)
    def enroll(session: SessionDep, body: BodyDep) -> EnrollResponse:
        request: EnrollRequest = _parse(EnrollRequest, body)
        answer = store.enroll_device(
            session=session, code=request.code, device_name=request.device_name, now=now_utc()
        )
        if answer is None:
            raise HTTPException(status_code=401, detail=BAD_CODE)
        return answer

    @app.post(PUSH_PATH, response_model=PushResponse)
    def push(session: SessionDep, device: DeviceDep, body: BodyDep) -> Response:
        if not isinstance(body, dict) or body.get("protocol_version") != PROTOCOL_VERSION:
            raise HTTPException(status_code=426, detail=OLD_PROTOCOL)
        items = body.get("items")
        if isinstance(items, list) and len(items) > MAX_ITEMS_PER_BATCH:
            raise too_large()
        request: PushEnvelope = _parse(PushEnvelope, body)
        if request.device_id != device.id:
            raise HTTPException(status_code=403, detail=WRONG_DEVICE)
        # The store serialised the answer once (it keeps the same bytes for a replay).
        answer = store.record_batch(session=session, device=device, request=request, now=now_utc())
        if checkpointer is not None:
            checkpointer.notify()
        return Response(content=answer, media_type="application/json")

    @app.get(PULL_PATH, response_model=PullResponse)
    def pull(
        session: SessionDep,
        device: DeviceDep,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
        limit: Annotated[int, Query(ge=1, le=store.MAX_PULL_LIMIT)] = 500,
    ) -> PullResponse:
        return store.pull_changes(
            session=session, device=device, cursor=cursor, limit=limit, now=now_utc()
        )

    @app.post(RECONCILE_PATH, response_model=ReconcileResponse)
    def reconcile(session: SessionDep, device: DeviceDep, body: BodyDep) -> ReconcileResponse:
        request: ReconcileRequest = _parse(ReconcileRequest, body)
        if request.device_id != device.id:
            raise HTTPException(status_code=403, detail=WRONG_DEVICE)
        return store.reconcile(session=session, device=device, request=request, now=now_utc())

    return app
