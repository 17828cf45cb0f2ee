"""Per-council summaries kept in the cache, never stale after a write.

Each council has a version (:class:`~improvement_board.dashboards.models.DashboardVersion`) that the
database bumps in the same transaction as any write to the tables its summaries read, and the
national data has one (council 0). A summary is cached under the council's version, the national
version and the day (overdue and RAG depend on the date), so a write makes the next read compute
that council's summary afresh, and only that council's: the others are still good. The key also
carries a digest of the code and templates that compute and render summaries, so a release that
changes them does not read back what the release before cached (the cache outlives a deploy).
"""

from __future__ import annotations

import datetime
import functools
import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache

from .models import DashboardVersion

T = TypeVar("T")
TIMEOUT = 60 * 60 * 24  # a day: the key changes with the date anyway


# What computes and renders the summaries: the apps' code and the templates.
CODE = ("improvement_board", "actions", "inspections", "templates")


@functools.cache
def code_version() -> str:
    """A digest of every Python module and template in :data:`CODE` (read once per process)."""
    digest = hashlib.sha256()
    root = Path(settings.BASE_DIR)
    for folder in CODE:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix in (".py", ".html") and "migrations" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def versions(council_ids: Iterable[int]) -> dict[int, int]:
    """Each council's version and the national one (under 0), in one query; 0 where no write has
    been made since the counters began."""
    ids = {*council_ids, DashboardVersion.NATIONAL}
    found = dict(DashboardVersion.objects.filter(council_id__in=ids).values_list("council_id", "version"))
    return {i: found.get(i, 0) for i in ids}


def per_council(
    kind: str,
    council_ids: list[int],
    *,
    on: datetime.date,
    compute: Callable[[list[int]], dict[int, T]],
) -> dict[int, T]:
    """``kind``'s summary of each council, from the cache where its versions have not moved, and
    from ``compute(ids)`` (one call, for every council whose summary is missing or stale)."""
    if not council_ids:
        return {}
    now = versions(council_ids)
    national = now[DashboardVersion.NATIONAL]
    code = code_version()
    keys = {i: f"dashboards:{kind}:{code}:{i}:{now[i]}:{national}:{on.isoformat()}" for i in council_ids}
    found = cache.get_many(list(keys.values()))
    missing = [i for i in council_ids if keys[i] not in found]
    fresh = compute(missing) if missing else {}
    if fresh:
        cache.set_many({keys[i]: summary for i, summary in fresh.items()}, TIMEOUT)
    return {i: found[keys[i]] if keys[i] in found else fresh[i] for i in council_ids}
