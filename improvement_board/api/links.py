"""Full addresses of one council's objects for API responses: the API's own file downloads
(:mod:`.files`, which answer to the same token as the rest of the API) and the pages' download
links (which need a web sign-in)."""

from __future__ import annotations

from django.urls import reverse


def object_url(request, name: str, ons_code: str, pk: int) -> str:
    """The full address of URL ``name`` for object ``pk`` of the council ``ons_code``."""
    return request.build_absolute_uri(reverse(name, kwargs={"ons_code": ons_code, "pk": pk}))
