"""DRF's throttles, counting a signed-out client by the address behind the trusted proxies
(improvement_board/ops/client_ip.py) rather than DRF's own reading of X-Forwarded-For."""

from __future__ import annotations

from rest_framework import throttling

from improvement_board.ops.client_ip import client_ip


class AnonRateThrottle(throttling.AnonRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)


class UserRateThrottle(throttling.UserRateThrottle):
    def get_ident(self, request) -> str:
        return client_ip(request)
