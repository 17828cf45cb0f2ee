"""Behind TLS proxies, limits and lockouts count the client's forwarded address, never the
proxy's; a username locked by failures alone is locked only for a short cool-down
(issue 16, item 5)."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.urls import reverse

from improvement_board.ops.client_ip import client_ip, parse_trusted_proxies

PASSWORD = "correct-horse-battery"
PROXY = "10.0.0.1"


def _ip(settings, trusted, remote, forwarded=None) -> str:
    settings.TRUSTED_PROXIES = trusted
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **extra))


@pytest.mark.parametrize(
    "trusted, remote, forwarded, expected",
    [
        # No proxies trusted: the header is anyone's to forge.
        ("", "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        ("0", "203.0.113.5", "198.51.100.1", "203.0.113.5"),
        # One proxy: the address it appended; whatever the client put before it is ignored.
        ("1", PROXY, "203.0.113.5", "203.0.113.5"),
        ("1", PROXY, "6.6.6.6, 203.0.113.5", "203.0.113.5"),
        ("1", PROXY, "203.0.113.5:51234", "203.0.113.5"),
        ("1", PROXY, None, PROXY),
        ("1", PROXY, "not an address", PROXY),
        # Two proxies: the second from the right.
        ("2", PROXY, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        # Addresses: read from the right, skipping the trusted ones.
        ("10.0.0.0/8", PROXY, "6.6.6.6, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        ("10.0.0.1, 10.0.0.2", PROXY, "203.0.113.5, 10.0.0.2", "203.0.113.5"),
        ("10.0.0.0/8", "2001:db8::7", "203.0.113.5", "2001:db8::7"),  # not from a trusted proxy: believe nothing
        ("10.0.0.0/8,2001:db8::/32", "2001:db8::7", "[2001:db8:ffff::9]:443, 203.0.113.5", "203.0.113.5"),
        ("10.0.0.0/8", PROXY, "10.0.0.3, 10.0.0.2", "10.0.0.3"),  # all trusted: the furthest
    ],
)
def test_the_client_address_behind_trusted_proxies(settings, trusted, remote, forwarded, expected):
    assert _ip(settings, trusted, remote, forwarded) == expected


@pytest.mark.parametrize("value", ["ten", "10.0.0.300", "10.0.0.0/8, proxy.example"])
def test_a_bad_trusted_proxies_setting_is_refused(value):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        parse_trusted_proxies(value)


def test_the_libraries_count_by_the_same_address(settings):
    from axes.helpers import get_client_ip_address
    from django_ratelimit.core import _get_ip

    settings.TRUSTED_PROXIES = "1"
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert get_client_ip_address(request) == "203.0.113.5"
    assert _get_ip(request) == "203.0.113.5"


# --- Through the sign-in page, as the proxy forwards it --------------------------------------


def _via_proxy(address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)


def _sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_junk_sign_ins_from_one_client_do_not_lock_out_another_behind_the_proxy(settings, sutton_officer):
    settings.TRUSTED_PROXIES = "1"
    settings.RATE_SIGN_IN_PER_IP = "5/m"
    attacker = _via_proxy("203.0.113.66")
    for n in range(5):
        _sign_in(attacker, f"nobody{n}", "x")
    assert _sign_in(attacker, sutton_officer.username, PASSWORD).status_code == 429
    assert _sign_in(_via_proxy("198.51.100.7"), sutton_officer.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_bad_passwords_lock_the_username_from_that_address_only(settings, sutton_officer):
    settings.TRUSTED_PROXIES = "1"
    attacker = _via_proxy("203.0.113.66")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(attacker, sutton_officer.username, "wrong")
    locked = _sign_in(attacker, sutton_officer.username, PASSWORD)
    assert locked.status_code == 429 and "_auth_user_id" not in attacker.session
    assert _sign_in(_via_proxy("198.51.100.7"), sutton_officer.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_failures_for_a_username_from_many_addresses_pause_it_only_briefly(settings, sutton_officer):
    settings.TRUSTED_PROXIES = "1"
    settings.RATE_SIGN_IN_FAILURES_PER_USERNAME = "10/5m"
    start = datetime.datetime(2026, 12, 1, 12, 0, 30, tzinfo=datetime.timezone.utc)
    with time_machine.travel(start, tick=False) as clock:
        for n in range(10):  # a spread-out guess at one account: each address below axes' limit
            _sign_in(_via_proxy(f"203.0.113.{n + 1}"), sutton_officer.username, "wrong")
        owner = _via_proxy("198.51.100.7")
        paused = _sign_in(owner, sutton_officer.username, PASSWORD)
        assert paused.status_code == 429 and b"Too many attempts" in paused.content
        clock.shift(datetime.timedelta(minutes=5, seconds=1))
        assert _sign_in(owner, sutton_officer.username, PASSWORD).status_code == 302
