"""The Puskesmas server: `create_app` builds the FastAPI app from the sync API and the dashboard.

Composition only: the routers live in `sync_api` and `dashboard.routes`. Nothing here logs bodies.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DataError, SQLAlchemyError

from sync.protocol import BUSY_HEADER, PROTOCOL_VERSION
from sync.server import sync_api
from sync.server.checkpoint import WalCheckpointer
from sync.server.dashboard import routes as dashboard
from sync.server.database import WORKER_THREADS, make_engine, migrate, normalize_url
from sync.server.identity import DatabaseIdentity
from sync.server.offers import OffersHeader, configured_offers
from sync.server.store.summary_rebuild import rebuild_if_stale
from sync.server.writer_lock import BUSY_RETRY_AFTER_S, WriterBusyError

log = logging.getLogger(__name__)
DB_DOWN = "Basis data server Puskesmas tidak dapat dihubungi."
BAD_VALUE = "Isian tidak sah (misalnya berisi karakter kosong)."
BUSY = "Server Puskesmas sedang sibuk menyimpan kiriman lain; kirim lagi sebentar lagi."


def busy_answer() -> JSONResponse:
    """503 with a short Retry-After: the database's writer queue was too long to wait in."""
    return JSONResponse(
        status_code=503,
        content={"detail": BUSY},
        headers={"Retry-After": str(BUSY_RETRY_AFTER_S), BUSY_HEADER: "writers"},
    )


def marker_folder(database_url: str, data_dir: Path | None) -> Path | None:
    """Where the restore marker lives: the given data folder, else a SQLite file's own folder."""
    if data_dir is not None:
        return data_dir
    engine_url = sa.make_url(normalize_url(database_url))
    database = engine_url.database or ""
    if engine_url.get_backend_name() == "sqlite" and database not in ("", ":memory:"):
        return Path(database).resolve().parent
    return None


def create_app(
    *, database_url: str, run_migrations: bool = True, data_dir: Path | None = None
) -> FastAPI:
    """The API over `database_url` (SQLite or PostgreSQL), migrated to the newest schema.

    ``data_dir`` keeps the restore marker (see `identity`); a SQLite file's folder by default.
    """
    engine = make_engine(database_url)
    checkpointer = WalCheckpointer.for_engine(engine)
    if run_migrations:
        migrate(engine)
    rebuild_if_stale(engine)
    identity = DatabaseIdentity(engine=engine, marker_dir=marker_folder(database_url, data_dir))
    identity.check_at_start()

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
    app.state.checkpointer = checkpointer
    app.state.identity = identity

    @app.exception_handler(DataError)
    async def _bad_value(_request: Request, _exc: DataError) -> JSONResponse:
        # The database refused a value as given (a NUL character, a number out of range): the
        # request's fault, not the server's; the text is never echoed (it may be health data).
        return JSONResponse(status_code=422, content={"detail": BAD_VALUE})

    @app.exception_handler(WriterBusyError)
    async def _busy(_request: Request, _exc: WriterBusyError) -> JSONResponse:
        return busy_answer()

    @app.exception_handler(SQLAlchemyError)
    async def _db_error(_request: Request, exc: SQLAlchemyError) -> JSONResponse:
        if isinstance(getattr(exc, "orig", None), WriterBusyError):
            # Taken at a statement's first write (the SQLAlchemy-wrapped form of the same).
            return busy_answer()
        # The kind of error only: its text can quote bound values.
        log.warning("database error: %s", type(exc).__name__)
        # Exception text can carry bound parameters (health data): answer without it.
        return JSONResponse(
            status_code=503, content={"detail": DB_DOWN}, headers={"Retry-After": "30"}
        )

    @app.exception_handler(dashboard.LoginRequiredError)
    async def _login_required(
        _request: Request, _exc: dashboard.LoginRequiredError
    ) -> RedirectResponse:
        return RedirectResponse(f"{dashboard.PREFIX}/masuk", status_code=303)

    app.state.offers = configured_offers()
    app.add_middleware(OffersHeader, offers=app.state.offers)
    app.include_router(sync_api.router)
    app.include_router(dashboard.make_router())
    app.mount(
        f"{dashboard.PREFIX}/static",
        StaticFiles(directory=str(dashboard.HERE / "static")),
        name="dashboard-static",
    )

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse(dashboard.PREFIX, status_code=303)

    return app
