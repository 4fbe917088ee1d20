"""SRQ-20: item keys, the score threshold, unanswered items, and item 17 always urgent."""

from __future__ import annotations

from collections.abc import Collection

import pytest

from screening.rules.common import Level, RuleInputError
from screening.rules.srq20 import (
    SRQ20_INCOMPLETE,
    SRQ20_ITEMS,
    SRQ20_SUICIDAL_THOUGHTS,
    classify_srq20,
)


def _answers(yes: set[int], *, unanswered: Collection[int] = ()) -> dict[int, bool | None]:
    return {n: (n in yes) for n in range(1, 21) if n not in unanswered}


def test_items_are_twenty_numbered_with_unique_stable_keys() -> None:
    assert [number for number, _ in SRQ20_ITEMS] == list(range(1, 21))
    keys = [key for _, key in SRQ20_ITEMS]
    assert len(set(keys)) == 20
    assert all(key.isidentifier() and key == key.lower() for key in keys)
    assert dict(SRQ20_ITEMS)[17] == "suicidal_thoughts"
    assert dict(SRQ20_ITEMS)[1] == "headaches"
    assert dict(SRQ20_ITEMS)[2] == "poor_appetite"


@pytest.mark.parametrize(
    ("yes", "code", "level"),
    [
        (set(), "normal", Level.NONE),
        ({1, 2, 3, 4, 5}, "normal", Level.NONE),
        ({1, 2, 3, 4, 5, 6}, "berpotensi_masalah_jiwa", Level.REFER),
        ({17}, "berpotensi_masalah_jiwa", Level.URGENT),
        (set(range(1, 21)), "berpotensi_masalah_jiwa", Level.URGENT),
    ],
)
def test_score_threshold_and_item_17(yes: set[int], code: str, level: Level) -> None:
    result = classify_srq20(_answers(yes))
    assert (result.code, result.level, result.score) == (code, level, len(yes))
    assert result.missing == ()


def test_unanswered_items_are_listed_sorted_and_nothing_is_referred() -> None:
    answers = _answers(set(range(1, 12)), unanswered={20, 3})
    answers[7] = None  # an explicit "not answered yet" counts as missing too
    result = classify_srq20(answers)
    assert (result.code, result.level, result.score) == ("belum_lengkap", Level.NONE, None)
    assert result.missing == (3, 7, 20)
    assert result.reasons[0].params == {"missing": [3, 7, 20]}


def test_item_17_is_urgent_even_when_incomplete() -> None:
    result = classify_srq20({17: True})
    assert (result.code, result.level) == ("berpotensi_masalah_jiwa", Level.URGENT)
    assert len(result.missing) == 19
    assert [r.code for r in result.reasons] == [
        SRQ20_SUICIDAL_THOUGHTS,
        SRQ20_INCOMPLETE,
    ]


def test_empty_form_is_incomplete() -> None:
    result = classify_srq20({})
    assert result.code == "belum_lengkap"
    assert result.missing == tuple(range(1, 21))


@pytest.mark.parametrize("answers", [{0: True}, {21: False}, {1: "ya"}])
def test_bad_item_numbers_or_answers_are_refused(answers: dict[int, object]) -> None:
    with pytest.raises(RuleInputError):
        classify_srq20(answers)  # type: ignore[arg-type]
