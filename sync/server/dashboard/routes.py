"""The dashboard for Puskesmas staff, assembled from one router module per page group.

`login`, `pws` (overview, referrals, follow-ups), `coverage` (SPM, S-K-D-N), `resident`, `devices`,
`transfers` (flash-drive files),
`downloads` (spreadsheets), `fhir_downloads` and `satusehat` (its settings), all under `PREFIX`.
"""

from __future__ import annotations

from fastapi import APIRouter

from sync.server.dashboard import (
    coverage,
    devices,
    downloads,
    fhir_downloads,
    login,
    pws,
    resident,
    satusehat,
    transfers,
)
from sync.server.dashboard.web import HERE, PREFIX, LoginRequiredError

__all__ = ["HERE", "PREFIX", "LoginRequiredError", "make_router"]


def make_router() -> APIRouter:
    """All dashboard routes; each call makes its own login throttle and fact cache."""
    router = APIRouter()
    router.include_router(login.make_router())
    router.include_router(pws.make_router())
    router.include_router(coverage.router)
    router.include_router(resident.router)
    router.include_router(devices.router)
    router.include_router(transfers.router)
    router.include_router(downloads.router)
    router.include_router(fhir_downloads.router)
    router.include_router(satusehat.router)
    return router
