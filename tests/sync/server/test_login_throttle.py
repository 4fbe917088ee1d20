"""Password guessing on the dashboard login is slowed: the throttle's own rules, clock given."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sync.server.staff import (
    FAILED_LOGIN_WINDOW,
    MAX_FAILED_LOGINS,
    MAX_FAILED_LOGINS_PER_ADDRESS,
    LoginThrottle,
)

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
OFFICE = "10.0.0.7"


def fail(
    throttle: LoginThrottle,
    times: int,
    *,
    username: str = "bidan.ani",
    address: str = OFFICE,
    start: datetime = T0,
) -> datetime:
    at = start
    for _ in range(times):
        throttle.failed(username=username, address=address, now=at)
        at += timedelta(seconds=10)
    return at


def test_a_username_is_locked_after_repeated_failures_until_the_oldest_leaves_the_window() -> None:
    throttle = LoginThrottle()
    now = fail(throttle, MAX_FAILED_LOGINS - 1)
    assert throttle.wait_for(username="bidan.ani", address=OFFICE, now=now) is None
    now = fail(throttle, 1, start=now)
    wait = throttle.wait_for(username="Bidan.Ani ", address=OFFICE, now=now)
    assert wait is not None
    assert wait == T0 + FAILED_LOGIN_WINDOW - now
    # Other staff at the same office, and the same name from elsewhere, are not held up.
    assert throttle.wait_for(username="bidan.sri", address=OFFICE, now=now) is None
    assert throttle.wait_for(username="bidan.ani", address="10.0.0.8", now=now) is None
    # Once the oldest failure is older than the window, one more try is allowed.
    later = T0 + FAILED_LOGIN_WINDOW + timedelta(seconds=1)
    assert throttle.wait_for(username="bidan.ani", address=OFFICE, now=later) is None


def test_a_success_forgets_that_usernames_failures() -> None:
    throttle = LoginThrottle()
    now = fail(throttle, MAX_FAILED_LOGINS - 1)
    throttle.succeeded(username="bidan.ani", address=OFFICE)
    now = fail(throttle, MAX_FAILED_LOGINS - 1, start=now)
    assert throttle.wait_for(username="bidan.ani", address=OFFICE, now=now) is None


def test_guesses_spread_over_many_usernames_lock_the_address() -> None:
    throttle = LoginThrottle()
    now = T0
    for n in range(MAX_FAILED_LOGINS_PER_ADDRESS):
        now = fail(throttle, 1, username=f"nama{n}", start=now)
    assert throttle.wait_for(username="nama-baru", address=OFFICE, now=now) is not None
    assert throttle.wait_for(username="nama-baru", address="10.0.0.8", now=now) is None
