"""Readers for the official national data releases (Ofsted, DfE). See :mod:`.readers`."""

from .readers import *  # noqa: F401,F403
from .readers import __all__  # noqa: F401
