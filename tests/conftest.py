"""Shared fixtures: the test overrides (kept tiny) and the personas every view test uses.

Personas: an officer of Sutton, an officer of Southwark, Sutton's board chair, a DfE observer
who follows every council, one who follows only Southwark, and an administrator.
"""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from inspections import services as inspection_services
from inspections.models import Council, Organisation


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory):
    """Static files collected once per run, as production serves them (WhiteNoise's manifest
    storage), so that a template naming a file that does not exist fails a test."""
    from django.conf import settings

    settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.AXES_ENABLED = True
    # Each test its own empty cache (rate-limit counts, cached charts), whatever REDIS_URL says.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": f"test-{tmp_path.name}"}}


@pytest.fixture(autouse=True)
def _eager_celery():
    """Tasks run in-process in tests, whatever REDIS_URL says: in CI it is set, and the Celery
    app keeps the configuration it read first, so the settings alone would not make them eager.
    The real-worker tests switch this off in their own fixtures."""
    from improvement_board.celery import app

    before = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield app
    app.conf.task_always_eager, app.conf.task_eager_propagates = before


@pytest.fixture
def frameworks(db):
    return inspection_services.frameworks_sync()


def _council(name, short, ons, la, kind, region):
    return Council.objects.get_or_create(
        ons_code=ons,
        defaults=dict(name=name, short_name=short, slug=short.lower(), la_number=la, kind=kind, region=region),
    )[0]


@pytest.fixture
def sutton(db):
    return _council("London Borough of Sutton", "Sutton", "E09000029", "319", Council.Kind.LONDON_BOROUGH, "London")


@pytest.fixture
def southwark(db):
    return _council("London Borough of Southwark", "Southwark", "E09000028", "210", Council.Kind.LONDON_BOROUGH,
                    "London")


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, role, *, council=None, **extra):
        user = django_user_model.objects.create_user(
            username=username, password="correct-horse-battery", role=role, council=council,
            first_name=username.split(".")[0].title(), last_name=role.title(), **extra,
        )
        return user

    return make


@pytest.fixture
def sutton_officer(make_user, sutton):
    return make_user("sutton.officer", "officer", council=sutton)


@pytest.fixture
def southwark_officer(make_user, southwark):
    return make_user("southwark.officer", "officer", council=southwark)


@pytest.fixture
def observer(make_user):
    return make_user("dfe.observer", "observer", observes_all_councils=True)


@pytest.fixture
def southwark_observer(make_user, southwark):
    user = make_user("dfe.southwark", "observer")
    user.observed_councils.add(southwark)
    return user


@pytest.fixture
def administrator(make_user):
    return make_user("admin", "administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def sutton_board(db, sutton, make_user):
    from improvement_board.models import ImprovementBoard

    chair = make_user("sutton.chair", "chair")
    return ImprovementBoard.objects.create(
        council=sutton, name="Sutton Safeguarding Improvement Board", slug="sutton", chair=chair,
        established=datetime.date(2012, 6, 1),
    )


@pytest.fixture
def sutton_chair(sutton_board):
    return sutton_board.chair


@pytest.fixture
def sutton_plan(db, sutton):
    from actions.models import ImprovementPlan

    return ImprovementPlan.objects.create(council=sutton, title="Sutton improvement plan",
                                          agreed_on=datetime.date(2012, 7, 19))


@pytest.fixture
def southwark_plan(db, southwark):
    from actions.models import ImprovementPlan

    return ImprovementPlan.objects.create(council=southwark, title="Southwark improvement plan",
                                          agreed_on=datetime.date(2009, 1, 27))


@pytest.fixture
def make_action(db):
    from actions.models import Action

    counter = {"n": 0}

    def make(plan, **fields):
        counter["n"] += 1
        defaults = dict(
            reference=f"{counter['n']}", order=counter["n"], title=f"Action {counter['n']}",
            lead_organisation=Organisation.objects.get_or_create(name=f"{plan.council.name}")[0],
            start_date=datetime.date(2012, 7, 1), due_date=datetime.date(2012, 12, 31),
        )
        defaults.update(fields)
        return Action.objects.create(plan=plan, **defaults)

    return make


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """The real demo data from the seed documents, loaded once for a test module and removed
    after it, so that other modules start from an empty database. Tests that use it must not
    write (use it with the ``db`` fixture, whose transaction rolls their writes back)."""
    # The demo writes a board report file: into a scratch folder, never the real var/media.
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        call_command("load_demo_data", verbosity=0)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def national_demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The national data and then the demo data (the order ``make run`` uses), loaded once for a
    test module and removed after it. Tests that use it must not write outside their own
    transaction (use ``db``)."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("demo-media")):
        call_command("import_national_data", stdout=StringIO(), stderr=StringIO())
        call_command("load_demo_data", verbosity=0, stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
