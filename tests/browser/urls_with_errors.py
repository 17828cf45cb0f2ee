"""The project's URLs plus two that show the server-error and too-many-requests pages, for the
browser checks of the error pages (tests/browser/test_crawl_every_page.py)."""

from django.urls import include, path

from improvement_board import urls
from improvement_board.accounts import two_factor


def _server_error(request):
    raise RuntimeError("A deliberate error, to show the 500 page")


urlpatterns = [
    path("test-errors/500/", _server_error),
    path("test-errors/429/", two_factor.rate_limited),
    path("", include(urls)),
]
handler403, handler404, handler500 = urls.handler403, urls.handler404, urls.handler500
