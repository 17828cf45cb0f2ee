"""Every URL in the project, with every role: the exact answer to a GET and to a POST.

The table is tests/permissions/matrix.toml (how to read it is at its top). Each row names a URL
pattern, builds a real address for it from the objects in ``world`` (tests/permissions/conftest.py,
all of them Sutton's), and gives the status each role gets. A URL pattern that is not in the table
fails the test, so a new page cannot be added without deciding who may use it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver, reverse

pytestmark = pytest.mark.django_db

MATRIX = tomllib.loads((Path(__file__).parent / "matrix.toml").read_text(encoding="utf-8"))
ROLES: list[str] = MATRIX["roles"]
TABLE: dict[str, list[dict]] = MATRIX["url"]
# Roles that must never read Sutton's data.
OUTSIDERS = {"southwark_officer", "southwark_observer"}


def address(name: str, row: dict, world) -> str:
    """The row's address: its literal kwargs, its kwargs from the world, then its query string."""
    kwargs = {**row.get("kwargs", {}), **{k: world.resolve(path) for k, path in row.get("world", {}).items()}}
    return reverse(name, kwargs=kwargs) + row.get("query", "")


def walk(resolver=None, prefix="", namespace=None):
    """Every URL pattern's name (with its namespace), outside the admin."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = ":".join(filter(None, [namespace, pattern.namespace])) or None
            if pattern.namespace == "admin":
                continue
            yield from walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), prefix + str(pattern.pattern)


def _check_every_url_pattern_is_in_the_table():
    reviewed = set(TABLE) | set(MATRIX["elsewhere"])
    missing = [f"{name} ({route})" for name, route in walk() if name not in reviewed]
    assert not missing, "URL patterns with no row in the permissions table: " + ", ".join(missing)


def test_every_url_pattern_is_in_the_table():
    _check_every_url_pattern_is_in_the_table()


def test_the_check_fails_on_a_url_pattern_missing_from_the_table():
    with override_settings(ROOT_URLCONF="tests.security.urls_with_an_unreviewed_page"):
        clear_url_caches()
        try:
            with pytest.raises(AssertionError, match=r"unreviewed_page \(unreviewed/\)"):
                _check_every_url_pattern_is_in_the_table()
        finally:
            clear_url_caches()


def _never_stored(response) -> bool:
    """Every response to a signed-in person says no cache may keep it (issue 16, item 13)."""
    directives = {d.strip().split("=")[0].lower() for d in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives and "public" not in directives


def _status(client, method, url):
    response = client.get(url) if method == "get" else client.post(url, {})
    return response.status_code, response


CASES = [(name, index) for name, rows in TABLE.items() for index in range(len(rows))]


@pytest.mark.parametrize("name, index", CASES, ids=[f"{n}[{i}]" for n, i in CASES])
def test_each_role_gets_exactly_the_answer_in_the_table(name, index, world, client, request, django_user_model):
    row = TABLE[name][index]
    url = address(name, row, world)
    found = {"get": [], "post": []}
    leaks = []
    for method in ("get", "post"):
        for role in ROLES:
            client.logout()
            if role != "anonymous":
                client.force_login(django_user_model.objects.get(pk=request.getfixturevalue(role).pk))
            status, response = _status(client, method, url)
            found[method].append(str(status))
            if (
                role in OUTSIDERS
                and status == 200
                and not row.get("public", False)
                and b"Sutton" in getattr(response, "content", b"")
            ):
                leaks.append(f"{role} {method.upper()} got Sutton's data")
            if role != "anonymous" and not _never_stored(response):
                leaks.append(
                    f"{role} {method.upper()} {status} may be stored: Cache-Control {response.get('Cache-Control')!r}"
                )
    got = {m: " ".join(v) for m, v in found.items()}
    assert not leaks, leaks
    assert (got["get"], got["post"]) == (row["get"], row["post"]), (
        f'{url}: found get = "{got["get"]}", post = "{got["post"]}"  (roles: {" ".join(ROLES)})'
    )


def test_an_observer_can_change_nothing_anywhere():
    """Every row's POST for both observers is refused (403, 404 or 405) except signing in and
    out, asking for a password reset, setting up their own two-step verification and making their
    own API tokens, which change nothing of the plan's."""
    open_to_all = {
        "login",
        "logout",
        "password_reset",
        "password_reset_confirm",
        "two_factor",
        "account_two_factor",
        "account_two_factor_remove",
        "api_tokens",
        "api_token_revoke",
        "invitation_accept",
        "invitation_sso",
    }
    for name, rows in TABLE.items():
        if name in open_to_all:
            continue
        for row in rows:
            post = row["post"].split()
            if len(post) != len(ROLES):
                continue  # a row still being written; the matrix test fails it
            for role in ("observer", "southwark_observer"):
                assert post[ROLES.index(role)] in {"403", "404", "405"}, (name, role)
