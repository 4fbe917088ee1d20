"""The strict shapes of what laptops send: push envelope, reconcile, enrolment, bounded values.

Integers are integers (never ``"1"`` or ``true``) within the ranges the database holds; times
and days are ISO text within years the calendar arithmetic can carry. Parsing only: no database
access, and no error quotes a value.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, model_validator

from sync.protocol import ReconcileDay, ReconcileRequest
from sync.server.bodies import MAX_AUDIT_LINKS, MAX_ITEMS_PER_BATCH

FIRST_YEAR = 1900
LAST_YEAR = 2199
MAX_VERSION = 2**31 - 1
MAX_RECONCILE_DAYS = 5000
MAX_RECONCILE_IDS = 200_000


def in_years(value: date) -> bool:
    return FIRST_YEAR <= value.year <= LAST_YEAR


def iso_time(value: object) -> datetime:
    """An aware ISO 8601 time in the years the server keeps; anything else is refused."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not a time")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        raise ValueError("a time without its offset")
    if not in_years(parsed) or not in_years(parsed.astimezone(UTC)):
        raise ValueError("a time outside the years kept")
    return parsed


def iso_day(value: object) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise ValueError("not a day")
    parsed = date.fromisoformat(value)
    if not in_years(parsed):
        raise ValueError("a day outside the years kept")
    return parsed


IsoTime = Annotated[datetime, BeforeValidator(iso_time)]
IsoDay = Annotated[date, BeforeValidator(iso_day)]
Text = Annotated[str, Strict()]
StrictInt = Annotated[int, Strict()]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True)


class PushEnvelope(_Strict):
    """A push request with its items left raw, so one malformed item is rejected on its own."""

    batch_id: Annotated[Text, Field(min_length=1, max_length=100)]
    device_id: Annotated[Text, Field(min_length=1, max_length=64)]
    app_version: Annotated[Text, Field(max_length=50)]
    protocol_version: StrictInt
    client_time: IsoTime
    items: list[Any] = Field(max_length=MAX_ITEMS_PER_BATCH)
    pending_count: Annotated[StrictInt, Field(ge=0, le=10**9)] | None = None
    audit: list[Any] = Field(default_factory=list, max_length=MAX_AUDIT_LINKS)


class _Day(_Strict):
    day: IsoDay
    count: Annotated[StrictInt, Field(ge=0, le=10**7)]
    digest: Annotated[Text, Field(min_length=64, max_length=64)]
    ids: list[Annotated[Text, Field(max_length=200)]] = Field(
        default_factory=list, max_length=MAX_RECONCILE_IDS
    )


class ReconcileBody(_Strict):
    device_id: Annotated[Text, Field(min_length=1, max_length=64)]
    days: list[_Day] = Field(max_length=MAX_RECONCILE_DAYS)

    @model_validator(mode="after")
    def _ids_bounded(self) -> ReconcileBody:
        if sum(len(d.ids) for d in self.days) > MAX_RECONCILE_IDS:
            raise ValueError("too many ids")
        return self

    def request(self) -> ReconcileRequest:
        """The protocol's own request, from values already checked."""
        return ReconcileRequest.model_construct(
            device_id=self.device_id,
            days=[
                ReconcileDay.model_construct(day=d.day, count=d.count, digest=d.digest, ids=d.ids)
                for d in self.days
            ],
        )


class RecoveryKeyBody(_Strict):
    # Deposited with the Puskesmas (docs/recovery.md); never echoed or logged.
    recovery_key: Annotated[Text, Field(min_length=1, max_length=64)]


class EnrollBody(_Strict):
    code: Annotated[Text, Field(max_length=64)]
    device_name: Annotated[Text, Field(max_length=200)]
    # Deposited with the Puskesmas (docs/recovery.md); never echoed or logged.
    recovery_key: Annotated[Text, Field(max_length=64)] | None = None
