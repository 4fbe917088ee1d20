"""The protocol's payload models parsed strictly: JSON types as they are, never coerced.

A payload of the current schema is read from its canonical JSON text in pydantic's strict mode
(``"version": "1"`` or ``true`` is refused, times stay ISO text). First-schema payloads keep the
protocol's own upgrade on reading. Pure: no database access.
"""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, TypeAdapter, ValidationError, model_validator

from sync.protocol import PersonPayload, VisitPayload

_STRICT = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, strict=True)


class StrictVisitPayload(VisitPayload):
    """`VisitPayload` of the current schema only, in strict mode (its upgrade step left out)."""

    model_config = _STRICT

    @model_validator(mode="after")
    def _upgrade(self) -> StrictVisitPayload:
        # Replaces the parent's upgrade of first-schema input, which would read in lax mode.
        return self


class StrictPersonPayload(PersonPayload):
    """`PersonPayload` of the current schema only, in strict mode."""

    model_config = _STRICT

    @model_validator(mode="after")
    def _upgrade(self) -> StrictPersonPayload:
        return self


_STRICT_MODELS: dict[str, type[VisitPayload] | type[PersonPayload]] = {
    "visit": StrictVisitPayload,
    "person": StrictPersonPayload,
}
_LEGACY: dict[str, TypeAdapter[Any]] = {
    "visit": TypeAdapter(VisitPayload),
    "person": TypeAdapter(PersonPayload),
}


def parse_payload(
    kind: str, payload: dict[str, Any], canonical: str
) -> VisitPayload | PersonPayload | None:
    """The typed payload of an item of type ``kind``, or None when it is not one."""
    try:
        if "schema_version" in payload:
            return _STRICT_MODELS[kind].model_validate_json(canonical, strict=True)
        # The first schema: no type and no schema_version of its own; upgraded as it is read.
        parsed = _LEGACY[kind].validate_python({**payload, "type": kind})
    except ValidationError:
        return None
    except (AttributeError, LookupError, TypeError, ValueError, OverflowError):
        # A first-schema payload too malformed for its upgrade to read.
        return None
    return parsed if isinstance(parsed, VisitPayload | PersonPayload) else None
