"""Django looks for the app's admin here; each sub-package registers its own models."""

from .accounts import admin as accounts_admin  # noqa: F401
from .api import admin as api_admin  # noqa: F401
from .boards import admin as boards_admin  # noqa: F401
from .reports import admin as reports_admin  # noqa: F401
