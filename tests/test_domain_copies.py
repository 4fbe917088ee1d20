"""The domain case files the tests read live in the repository and stay in step with ``../shared``.

The suite reads only ``tests/fixtures/domain/`` (a clone has no ``../shared`` beside it). Where
``../shared`` is there, as on CI, a copy that differs from it fails here with the command that
refreshes it; without ``../shared`` the copy is all there is, and it must still be a whole file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
COPIES = REPO / "tests" / "fixtures" / "domain"
SHARED = REPO.parent / "shared" / "domain"
# Each copied file and the rules document its cases follow.
FILES = {"vectors.json": "SCREENING_RULES.md", "lifecycle_vectors.json": "LIFECYCLE_RULES.md"}
REFRESH = "cp ../shared/domain/{name} tests/fixtures/domain/"


def load_case_file(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def check_copy(name: str) -> dict[str, Any]:
    """The repository's copy of ``name``, checked to be a case file for its rules document."""
    path = COPIES / name
    assert path.is_file(), f"tests/fixtures/domain/{name} is missing: {REFRESH.format(name=name)}"
    data = load_case_file(path)
    assert data.get("rules_doc") == FILES[name], f"{name}: rules_doc is {data.get('rules_doc')!r}"
    cases = data.get("cases")
    assert isinstance(cases, list) and cases, f"{name}: no cases"
    incomplete = [n for n, case in enumerate(cases) if not {"rule", "input", "expect"} <= set(case)]
    assert not incomplete, f"{name}: cases without rule/input/expect: {incomplete[:10]}"
    return data


@pytest.mark.parametrize("name", sorted(FILES))
def test_repository_copy_is_a_whole_case_file(name: str) -> None:
    check_copy(name)


def stale_copy_message(name: str, *, copies: Path, shared_dir: Path) -> str | None:
    """Why ``copies/name`` is not in step with ``shared_dir/name``; None when it is, or when
    there is no shared file to compare with."""
    shared_path = shared_dir / name
    if not shared_path.is_file():
        return None
    copy = load_case_file(copies / name)
    shared = load_case_file(shared_path)
    if copy == shared:
        return None
    return (
        f"tests/fixtures/domain/{name} ({len(copy.get('cases', []))} cases) differs from "
        f"../shared/domain/{name} ({len(shared.get('cases', []))} cases): the copy is older "
        f"than ../shared's: copy it again: {REFRESH.format(name=name)}"
    )


@pytest.mark.parametrize("name", sorted(FILES))
def test_repository_copy_is_in_step_with_shared(name: str) -> None:
    check_copy(name)  # with or without ../shared beside this clone, the copy is whole
    message = stale_copy_message(name, copies=COPIES, shared_dir=SHARED)
    assert message is None, message


def test_a_copy_older_than_shared_is_named_with_the_command_to_refresh_it(tmp_path: Path) -> None:
    copies, shared_dir = tmp_path / "copies", tmp_path / "shared"
    copies.mkdir()
    shared_dir.mkdir()
    data = load_case_file(COPIES / "vectors.json")
    (shared_dir / "vectors.json").write_text(json.dumps(data), encoding="utf-8")
    older = {**data, "cases": data["cases"][:-1]}
    (copies / "vectors.json").write_text(json.dumps(older, indent=2), encoding="utf-8")
    message = stale_copy_message("vectors.json", copies=copies, shared_dir=shared_dir)
    assert message is not None
    assert f"({len(data['cases']) - 1} cases) differs" in message
    assert "copy it again: cp ../shared/domain/vectors.json tests/fixtures/domain/" in message
    # The same cases, formatted differently, are in step.
    (copies / "vectors.json").write_text(json.dumps(data, indent=4), encoding="utf-8")
    assert stale_copy_message("vectors.json", copies=copies, shared_dir=shared_dir) is None
    # No shared file beside the clone: nothing to compare.
    (shared_dir / "vectors.json").unlink()
    assert stale_copy_message("vectors.json", copies=copies, shared_dir=shared_dir) is None
