"""The section registry: every rule module of this package that holds a ``SPEC``, in form order.

Adding a section is adding its module; nothing here lists them. Import-time only, no I/O.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from screening.rules.section import InputModel, SectionSpec


@cache
def sections() -> tuple[SectionSpec[InputModel], ...]:
    """Every section's spec, ordered by ``order``."""
    package = importlib.import_module("screening.rules")
    found: list[SectionSpec[InputModel]] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        spec = getattr(module, "SPEC", None)
        if isinstance(spec, SectionSpec):
            found.append(spec)
    codes = [spec.code for spec in found]
    if len(set(codes)) != len(codes):
        raise RuntimeError("two rule modules declare the same section code")
    return tuple(sorted(found, key=lambda spec: (spec.order, spec.code)))


@cache
def _by_code() -> dict[str, SectionSpec[InputModel]]:
    return {spec.code: spec for spec in sections()}


def section(code: str) -> SectionSpec[InputModel]:
    """The spec of section ``code``.

    Raises:
        KeyError: no section has that code.
    """
    return _by_code()[code]


def section_codes() -> tuple[str, ...]:
    return tuple(spec.code for spec in sections())


def groups() -> tuple[tuple[str, tuple[SectionSpec[InputModel], ...]], ...]:
    """The form's tabs: each group with its sections, in the order of their first section."""
    ordered: dict[str, list[SectionSpec[InputModel]]] = {}
    for spec in sections():
        ordered.setdefault(spec.group, []).append(spec)
    return tuple((group, tuple(specs)) for group, specs in ordered.items())
