"""The API's one permission: signed in, and reading. Any other method is refused with 405
before a view runs, whoever asks, so no API request can change anything."""

from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import SAFE_METHODS, BasePermission


class ReadOnly(BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method not in SAFE_METHODS:
            raise MethodNotAllowed(request.method)
        return bool(request.user and request.user.is_authenticated)
