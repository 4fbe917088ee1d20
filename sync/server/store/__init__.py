"""The Puskesmas server's store, one module per use case; this facade names what callers use.

`devices` (enrol, token, revoke), `push` (store a batch), `pull`, `reconcile`, `follow_ups`,
`history` (read-only looks). Keyword-only functions over one session; each commits its own work.
No web code anywhere below, and no payload content in the audit table or an error message.
"""

from __future__ import annotations

from sync.server.refusals import MESSAGES
from sync.server.store.devices import (
    AreaTakenError,
    create_enroll_code,
    deposit_recovery_key,
    device_for_token,
    enroll_device,
    revoke_device,
)
from sync.server.store.follow_ups import add_follow_up
from sync.server.store.history import audit_rows, entry_versions, health_check
from sync.server.store.pull import MAX_PULL_LIMIT, pull_changes
from sync.server.store.push import record_batch
from sync.server.store.reconcile import reconcile
from sync.server.store.tables import add_audit

__all__ = [
    "AreaTakenError",
    "MAX_PULL_LIMIT",
    "MESSAGES",
    "add_audit",
    "add_follow_up",
    "audit_rows",
    "create_enroll_code",
    "deposit_recovery_key",
    "device_for_token",
    "enroll_device",
    "entry_versions",
    "health_check",
    "pull_changes",
    "reconcile",
    "record_batch",
    "revoke_device",
]
