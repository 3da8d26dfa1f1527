"""The per-account backoff beside the per-(email, IP) lockout (decision 0004): guessing one account's password from
many addresses slows down exponentially, the page says when to try again (429 with Retry-After), a right password
during the wait is refused like a wrong one, and the pair lockout still works."""

from __future__ import annotations

import pytest

from talentpool.accounts import lockout

from ..factories import PASSWORD


def login(client, email, password, ip):
    return client.post("/accounts/login/", {"email": email, "password": password}, REMOTE_ADDR=ip)


@pytest.fixture
def clock(monkeypatch):
    """The lockout module's clock, moved by hand."""

    class Clock:
        now = 1_800_000_000.0

        def advance(self, seconds: float) -> None:
            self.now += seconds

    clock = Clock()
    monkeypatch.setattr(lockout, "_now", lambda: clock.now)
    return clock


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 50  # the pair lock stays out of the way unless a test wants it
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 3
    settings.LOGIN_ACCOUNT_WINDOW_SECONDS = 3600
    settings.LOGIN_ACCOUNT_BACKOFF_MAX_SECONDS = 10
    return settings


def test_the_wait_doubles_from_the_limit_on_and_stops_at_the_cap(limits):
    assert [lockout.backoff_seconds(failures) for failures in range(1, 9)] == [0, 0, 2, 4, 8, 10, 10, 10]


def test_failures_from_many_addresses_start_a_backoff_that_refuses_even_the_right_password(
    client, admin_a, limits, clock
):
    for attempt in range(2):
        response = login(client, admin_a.email, "wrong", ip=f"10.1.0.{attempt}")
        assert response.status_code == 400 and "Retry-After" not in response
    # The third failure (a third address) starts the backoff: the page says so and when to come back.
    response = login(client, admin_a.email, "wrong", ip="10.1.0.2")
    assert response.status_code == 429 and response["Retry-After"] == "2"
    assert "Too many failed attempts for this account. Try again in 2 seconds." in response.content.decode()
    # During the wait the right password, from yet another address, gets the same refusal and no session.
    refused = login(client, admin_a.email, PASSWORD, ip="10.1.0.3")
    assert refused.status_code == 429 and refused["Retry-After"] == "2"
    wrong = login(client, admin_a.email, "still wrong", ip="10.1.0.4")
    assert wrong.status_code == 429 and wrong["Retry-After"] == "2"
    message = "Too many failed attempts for this account. Try again in 2 seconds."
    assert message in refused.content.decode() and message in wrong.content.decode()
    assert client.get("/").status_code == 302
    # Once the wait has passed, the right password gets in, and the counter starts again.
    clock.advance(2.01)
    assert login(client, admin_a.email, PASSWORD, ip="10.1.0.3").status_code == 302
    assert lockout.account_retry_after(admin_a.email) == 0
    assert lockout.record_account_failure(admin_a.email) == 0


def test_each_failure_after_a_wait_doubles_the_next_wait_up_to_the_cap(client, admin_a, limits, clock):
    waits = []
    for attempt in range(7):
        response = login(client, admin_a.email, "wrong", ip=f"10.2.0.{attempt}")
        waits.append(int(response.get("Retry-After", 0)))
        clock.advance(waits[-1] + 0.01)
    assert waits == [0, 0, 2, 4, 8, 10, 10]


def test_attempts_during_the_wait_do_not_lengthen_it(client, admin_a, limits, clock):
    for attempt in range(3):
        login(client, admin_a.email, "wrong", ip=f"10.3.0.{attempt}")
    for attempt in range(20):
        assert login(client, admin_a.email, "wrong", ip=f"10.3.1.{attempt}").status_code == 429
    clock.advance(1)
    assert lockout.account_retry_after(admin_a.email) == 1
    clock.advance(1.01)
    assert login(client, admin_a.email, PASSWORD, ip="10.3.2.1").status_code == 302


def test_an_unknown_email_backs_off_the_same_way_so_accounts_are_not_revealed(client, db, limits, clock):
    statuses = [login(client, "nobody@nowhere.test", "x", ip=f"10.4.0.{n}").status_code for n in range(4)]
    assert statuses == [400, 400, 429, 429]


def test_the_backoff_is_per_account(client, admin_a, recruiter_a, limits, clock):
    for attempt in range(3):
        login(client, admin_a.email, "wrong", ip=f"10.5.0.{attempt}")
    assert login(client, recruiter_a.email, PASSWORD, ip="10.5.0.9").status_code == 302


def test_the_pair_lockout_still_locks_one_address(client, admin_a, settings, clock):
    settings.LOGIN_ACCOUNT_FAILURE_LIMIT = 100  # only the pair lock here
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, admin_a.email, "nope", ip="10.6.0.1")
    locked = login(client, admin_a.email, PASSWORD, ip="10.6.0.1")
    assert locked.status_code == 400 and "Too many failed attempts" in locked.content.decode()
    assert login(client, admin_a.email, PASSWORD, ip="10.6.0.2").status_code == 302


def test_the_backoff_message_is_translated(client, admin_a, limits, clock):
    for attempt in range(3):
        response = client.post(
            "/accounts/login/",
            {"email": admin_a.email, "password": "wrong"},
            REMOTE_ADDR=f"10.7.0.{attempt}",
            HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9",
        )
    assert response.status_code == 429 and "2 秒后再试" in response.content.decode()


def test_the_backend_refuses_during_the_backoff_for_every_caller_of_authenticate(rf, admin_a, limits, clock):
    from django.contrib.auth import authenticate

    for _attempt in range(3):
        lockout.record_account_failure(admin_a.email)
    request = rf.post("/accounts/login/", REMOTE_ADDR="10.9.9.9")
    assert authenticate(request, email=admin_a.email, password=PASSWORD) is None
    clock.advance(2.01)
    assert authenticate(request, email=admin_a.email, password=PASSWORD) == admin_a
