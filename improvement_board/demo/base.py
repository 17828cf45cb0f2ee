"""The demo loader's ground: where the documents are, the fixed times of day it records things at,
and the helpers that create what is missing and bring back what differs (idempotent)."""

from __future__ import annotations

import datetime
import tomllib
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models

from actions import rules as action_rules
from inspections.models import (
    Council,
    Framework,
    Organisation,
)

from ..accounts.models import User

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "demo"

DOCUMENTS = (
    "sutton-apa-2005.toml",
    "staffordshire-apa-2006.toml",
    "southwark-executive-report-2009.toml",
    "sutton-slac-2012.toml",
)
NOTICE = "sutton-improvement-notice-2012.toml"
IMPROVEMENT = "sutton-improvement-2012.toml"

Status = action_rules.Status
Rag = action_rules.Rag

# Times of day for dated events (Europe/London): revised dates are proposed in the morning,
# boards decide in the afternoon, progress is logged at the end of the day.
PROPOSED_AT = datetime.time(10, 0)
DECIDED_AT = datetime.time(14, 0)
UPDATED_AT = datetime.time(16, 30)
ENTERED_AT = datetime.time(9, 30)

# The last month of the demo's story (progress updates and indicator values).
LAST_MONTH = datetime.date(2014, 2, 1)


def read(name: str) -> dict:
    with open(FIXTURES / name, "rb") as f:
        return tomllib.load(f)


class LoaderBase:
    """One run of the loader; ``created`` counts the rows it added, by model."""

    def __init__(self) -> None:
        self.created: Counter[str] = Counter()
        self.changed: Counter[str] = Counter()
        self.tz = ZoneInfo(settings.TIME_ZONE)
        self.councils: dict[str, Council] = {}
        self.organisations: dict[str, Organisation] = {}
        self.users: dict[str, User] = {}
        self.frameworks: dict[str, Framework] = {}
        self.logged: set[tuple[int, datetime.datetime]] = set()

    # -- helpers ---------------------------------------------------------------------------

    def at(self, day: datetime.date, time: datetime.time) -> datetime.datetime:
        return datetime.datetime.combine(day, time, tzinfo=self.tz)

    def upsert(self, model: type[models.Model], lookup: dict, values: dict | None = None):
        """The row ``lookup`` finds, created with ``values`` if missing, or brought back to
        ``values`` if it differs. Saves nothing when it is already right."""
        values = values or {}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.created[model._meta.label] += 1
            return obj
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save(update_fields=changed)
            self.changed[model._meta.label] += 1
        return obj

    def set_m2m(self, manager, objects) -> None:
        wanted = {o.pk for o in objects}
        if set(manager.values_list("pk", flat=True)) != wanted:
            manager.set(list(objects))

    def user(self, username: str, *, password: str | None, **fields) -> User:
        """A user found by username; a new one gets ``password`` (or an unusable one)."""
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, **fields)
            if password:
                user.set_password(password)
            else:
                user.set_unusable_password()
            user.save()
            self.created[User._meta.label] += 1
        else:
            self.upsert(User, {"pk": user.pk}, fields)
            user.refresh_from_db()
        self.users[username] = user
        return user
