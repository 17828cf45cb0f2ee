"""The client's address, behind the TLS proxies the installation says it has.

Sign-in rate limits, django-axes lockouts, upload limits and API throttles all count by the
address this returns. Without ``TRUSTED_PROXIES`` it is the connection's own address
(``REMOTE_ADDR``). Behind proxies, every request arrives from the proxy, so the client's
address has to come from the ``X-Forwarded-For`` header each proxy appends to; only the entries
added by proxies we trust can be believed (a client can send any header it likes).

``TRUSTED_PROXIES`` is either

- a number *N*: there are exactly *N* proxies in front; the client is the *N*-th address from
  the right of ``X-Forwarded-For`` (the last proxy's own peer is ``REMOTE_ADDR``); or
- addresses and networks (``10.0.0.0/8,192.168.1.5``): ``REMOTE_ADDR`` and the header are read
  from the right, skipping trusted proxies; the first address that is not one is the client.
  A request whose ``REMOTE_ADDR`` is not trusted is believed about nothing.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(value: str) -> int | tuple[Network, ...]:
    """The setting's text as a count of proxies or a tuple of networks; ImproperlyConfigured
    for anything else."""
    value = (value or "").strip()
    if not value:
        return 0
    if value.isdigit():
        return int(value)
    networks = []
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES must be a number of proxies or their addresses (e.g. 10.0.0.0/8,192.168.1.5), "
                f"not {item!r}"
            ) from None
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(value: str):
    return parse_trusted_proxies(value)


def _address(text: str) -> str | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:51234
        text = text.split(":")[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request) -> str:
    """The address limits and lockouts count by (see the module's description)."""
    remote = _address(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    trusted = _trusted(str(getattr(settings, "TRUSTED_PROXIES", "") or ""))
    if not trusted:
        return remote
    forwarded = [a for a in (_address(x) for x in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")) if a]
    if isinstance(trusted, int):
        return forwarded[-trusted] if len(forwarded) >= trusted else (forwarded[0] if forwarded else remote)
    chain = [*forwarded, remote]
    for address in reversed(chain):
        if not any(ipaddress.ip_address(address) in network for network in trusted):
            return address
    return chain[0]
