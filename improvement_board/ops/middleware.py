"""Request id and one JSON log line per request (see ``improvement_board.ops.observability``)."""

from __future__ import annotations

import logging
import time

from . import observability

logger = logging.getLogger("improvement_board.request")

HEADER = "X-Request-ID"


class RequestIdMiddleware:
    """First in the chain: gives the request an id (``request.request_id``), puts it on every log
    line while the request is handled and on the response, and logs the request when it ends
    (method, path, status, duration; never the query string, which may hold search terms)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = observability.clean_request_id(request.headers.get(HEADER))
        request.request_id = request_id
        token = observability.set_request_id(request_id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response[HEADER] = request_id
            logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            return response
        finally:
            observability.reset_request_id(token)
