"""Shared fixtures: the test overrides (kept tiny) and the personas every view test uses.

Personas: an officer of Sutton, an officer of Southwark, Sutton's board chair, a DfE observer
who follows every council, one who follows only Southwark, a service administrator
(``administrator``), Sutton's council administrator, a partner officer of an NHS trust working
with Sutton, and a member of Sutton's board.
"""

from __future__ import annotations

import datetime
import fcntl
import shutil
import sqlite3
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings

from inspections import services as inspection_services
from inspections.models import Council, Organisation


@pytest.fixture(scope="session", autouse=True)
def _collected_static(tmp_path_factory, worker_id):
    """Static files collected once per run, as production serves them (WhiteNoise's manifest
    storage), so that a template naming a file that does not exist fails a test. The test
    processes of one run (pytest-xdist) share them: the first collects (about 9 s), the others
    wait for it and read the same folder."""
    from django.conf import settings

    if worker_id == "master":
        settings.STATIC_ROOT = tmp_path_factory.mktemp("static")
        call_command("collectstatic", interactive=False, verbosity=0)
        return
    shared = tmp_path_factory.getbasetemp().parent / "static"
    settings.STATIC_ROOT = shared
    with open(f"{shared}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (shared / ".collected").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
            (shared / ".collected").touch()


@pytest.fixture(scope="session", autouse=True)
def _static_files_listed_once(_collected_static):
    """WhiteNoise's middleware lists and examines every collected static file when it is made:
    once per process in production, but once per test here (the test client builds its
    middleware again for each test), about 0.1 s each, a fifth of a plain view test's time. The
    list made for a folder is kept for the run and given to the next middleware made with the
    same settings; the collected files do not change during a run."""
    from django.conf import settings
    from whitenoise.base import WhiteNoise

    original = WhiteNoise.update_files_dictionary
    listed: dict[tuple, dict] = {}

    def update_files_dictionary(self, root, prefix):
        whitenoise_settings = sorted(
            (k, repr(getattr(settings, k))) for k in dir(settings) if k.startswith("WHITENOISE")
        )
        key = (
            root,
            prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.index_file,
            settings.DEBUG,
            tuple(whitenoise_settings),
        )
        if key not in listed:
            before = dict(self.files)
            original(self, root, prefix)
            listed[key] = {url: found for url, found in self.files.items() if before.get(url) is not found}
        self.files.update(listed[key])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WhiteNoise, "update_files_dictionary", update_files_dictionary)
        yield


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The tests marked ``long`` first (after pytest-django's own ordering): started at once, one
    process walks them while the others share out the rest, instead of a long test starting last
    and running alone at the end."""
    items.sort(key=lambda item: item.get_closest_marker("long") is None)


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
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"test-{tmp_path.name}"}
    }


def verify_session(client, user) -> None:
    """Mark ``client``'s session as having given a code (django-otp), as signing in with one
    does; for someone who needs a code and has no app yet, one is made for them first."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from improvement_board.accounts.two_factor import needs_code, required_for

    if not needs_code(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and required_for(user):
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_gives_the_code_too(monkeypatch):
    """``client.force_login(user)`` signs in as the sign-in pages do: with the code as well, for
    those who need one (every request needs a verified second step for them). A test of a
    session that never gave a code uses the ``login_without_code`` fixture."""
    from django.test.client import ClientMixin

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        verify_session(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", force_login)
    monkeypatch.setattr(ClientMixin, "force_login_without_code", original, raising=False)


@pytest.fixture
def signed_in(client, request):
    """``signed_in("sutton_chair")``: the test client, signed in as that persona (a fixture's name)."""

    def sign_in(persona: str):
        client.force_login(request.getfixturevalue(persona))
        return client

    return sign_in


@pytest.fixture
def api_token_for(db):
    """``api_token_for(user)``: the header of a new 30-day API token of ``user``'s, made as on
    their account page (from a session that gave a code, for those who need one)."""
    from improvement_board.api import tokens

    def make(user) -> dict:
        _, secret = tokens.api_token_create(user=user, name="Test client", days=30, verified=True)
        return {"HTTP_AUTHORIZATION": f"Token {secret}"}

    return make


@pytest.fixture
def login_without_code():
    """Sign ``client`` in as ``user`` with a password-only session."""

    def login(client, user):
        client.force_login_without_code(user)

    return login


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
    return _council(
        "London Borough of Southwark", "Southwark", "E09000028", "210", Council.Kind.LONDON_BOROUGH, "London"
    )


@pytest.fixture
def make_ready_report(db):
    """``make_ready_report(ons_code, period, version=1, pdf=...)``: a ready report of the council's
    active board, its PDF held (``pdf``: the file's bytes)."""
    from django.core.files.base import ContentFile

    from improvement_board.models import BoardReport, ImprovementBoard

    def make(ons_code: str, period: datetime.date, *, version: int = 1, pdf: bytes = b"%PDF-1.4 report"):
        report = BoardReport.objects.create(
            board=ImprovementBoard.objects.get(council__ons_code=ons_code, is_active=True),
            period=period,
            version=version,
            status="ready",
            size=len(pdf),
            checksum="0" * 64,
            generated_at=datetime.datetime(2013, 2, 1, tzinfo=datetime.UTC),
        )
        report.file.save(f"report-{period:%Y-%m}-v{version}.pdf", ContentFile(pdf))
        return report

    return make


@pytest.fixture
def make_user(db, django_user_model):
    def make(username, role, *, council=None, **extra):
        user = django_user_model.objects.create_user(
            username=username,
            password="correct-horse-battery",
            role=role,
            council=council,
            first_name=username.split(".")[0].title(),
            last_name=role.title(),
            **extra,
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
    return make_user("admin", "service_administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def sutton_council_admin(make_user, sutton):
    return make_user("sutton.admin", "council_administrator", council=sutton, email="admin@sutton.gov.uk")


@pytest.fixture
def nhs_trust(db, sutton):
    return Organisation.objects.get_or_create(
        name="Epsom and St Helier University Hospitals NHS Trust",
        defaults={"kind": Organisation.Kind.HEALTH, "council": sutton},
    )[0]


@pytest.fixture
def sutton_partner(make_user, sutton, nhs_trust):
    return make_user(
        "sutton.partner", "partner_officer", council=sutton, organisation=nhs_trust, email="partner@nhs.example"
    )


@pytest.fixture
def sutton_member(make_user, sutton):
    return make_user("sutton.member", "board_member", council=sutton, email="member@example.org")


@pytest.fixture
def sutton_board(db, sutton, make_user):
    from improvement_board.models import ImprovementBoard

    chair = make_user("sutton.chair", "chair")
    return ImprovementBoard.objects.create(
        council=sutton,
        name="Sutton Safeguarding Improvement Board",
        slug="sutton",
        chair=chair,
        established=datetime.date(2012, 6, 1),
    )


@pytest.fixture
def sutton_chair(sutton_board):
    return sutton_board.chair


@pytest.fixture
def sutton_plan(db, sutton):
    from actions.models import ImprovementPlan

    return ImprovementPlan.objects.create(
        council=sutton, title="Sutton improvement plan", agreed_on=datetime.date(2012, 7, 19)
    )


@pytest.fixture
def southwark_plan(db, southwark):
    from actions.models import ImprovementPlan

    return ImprovementPlan.objects.create(
        council=southwark, title="Southwark improvement plan", agreed_on=datetime.date(2009, 1, 27)
    )


@pytest.fixture
def make_action(db):
    from actions.models import Action

    counter = {"n": 0}

    def make(plan, **fields):
        counter["n"] += 1
        defaults = dict(
            reference=f"{counter['n']}",
            order=counter["n"],
            title=f"Action {counter['n']}",
            lead_organisation=Organisation.objects.get_or_create(name=f"{plan.council.name}")[0],
            start_date=datetime.date(2012, 7, 1),
            due_date=datetime.date(2012, 12, 31),
        )
        defaults.update(fields)
        return Action.objects.create(plan=plan, **defaults)

    return make


# The demo's data sets, by name: the management commands that build each (in that order).
DATA_SETS = {
    "demo": [("load_demo_data",)],
    "national": [("import_national_data",)],
    "national and demo": [("import_national_data",), ("load_demo_data",)],
    # What ``make run`` serves: the demo with today's illustrative work, then England's data.
    "make run": [("load_demo_data", "--today"), ("import_national_data", "--no-progress")],
}


class DataSets:
    """Each data set of ``DATA_SETS`` built once per test process by its commands, then copied
    back table by table (and its files into the media folder) whenever a test asks for it again:
    the same rows, ids and sequences as a fresh build, in a fraction of a second instead of the
    10-12 s the commands take. PostgreSQL keeps the copy in a schema of the test database;
    SQLite in an in-memory database (its backup API)."""

    def __init__(self, folder):
        self.folder = folder
        self.copies: dict[str, object] = {}

    def load(self, name: str, *, media_root=None) -> None:
        """Load data set ``name`` into the (empty) test database; its files into ``media_root``."""
        from django.contrib.contenttypes.models import ContentType

        media = self.folder / name.replace(" ", "-") / "media"
        if name in self.copies:
            self._restore(name)
        else:
            with override_settings(MEDIA_ROOT=media):
                for command, *args in DATA_SETS[name]:
                    call_command(command, *args, verbosity=0, stdout=StringIO(), stderr=StringIO())
            self.copies[name] = self._take(name)
        ContentType.objects.clear_cache()  # ids as in the copy
        if media_root is not None and media.is_dir():
            shutil.copytree(media, media_root, dirs_exist_ok=True)

    @staticmethod
    def _tables() -> list[str]:
        return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))

    def _take(self, name: str):
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            copy = sqlite3.connect(":memory:", check_same_thread=False)
            connection.connection.backup(copy)
            return copy
        schema = f"data_set_{len(self.copies)}"
        qn = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}")
            for table in self._tables():
                cursor.execute(f"CREATE TABLE {schema}.{qn(table)} AS TABLE {qn(table)}")
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = current_schema()")
            sequences = cursor.fetchall()
            # Tables with triggers of the service's own (dashboard versions, updates never edited):
            # switched off while the copy goes back, so the rows return as they were.
            cursor.execute(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                " WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace"
            )
            triggered = [row[0] for row in cursor.fetchall()]
        return schema, sequences, triggered

    def _restore(self, name: str) -> None:
        copy = self.copies[name]
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            copy.backup(connection.connection)
            return
        schema, sequences, triggered = copy
        qn = connection.ops.quote_name
        tables = self._tables()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            cursor.execute("TRUNCATE " + ", ".join(qn(t) for t in tables))
            for table in triggered:
                cursor.execute(f"ALTER TABLE {qn(table)} DISABLE TRIGGER USER")
            for table in tables:
                cursor.execute(f"INSERT INTO {qn(table)} SELECT * FROM {schema}.{qn(table)}")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # every row is back: check the keys now
            for table in triggered:
                cursor.execute(f"ALTER TABLE {qn(table)} ENABLE TRIGGER USER")
            for sequence, last_value in sequences:
                if last_value is None:
                    cursor.execute("SELECT setval(%s, 1, false)", [qn(sequence)])
                else:
                    cursor.execute("SELECT setval(%s, %s, true)", [qn(sequence), last_value])


@pytest.fixture(scope="session")
def data_sets(tmp_path_factory):
    """``data_sets.load("national and demo", media_root=...)``: see ``DataSets``."""
    return DataSets(tmp_path_factory.mktemp("data-sets"))


def _data_set_for_the_module(name, django_db_blocker, data_sets):
    with django_db_blocker.unblock():
        data_sets.load(name)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, data_sets):
    """The real demo data from the seed documents, loaded for a test module and removed after
    it, so that other modules start from an empty database. Tests that use it must not write
    (use it with the ``db`` fixture, whose transaction rolls their writes back). The demo's
    board report file goes to a scratch folder, never the real var/media."""
    yield from _data_set_for_the_module("demo", django_db_blocker, data_sets)


@pytest.fixture(scope="module")
def national_demo(django_db_setup, django_db_blocker, data_sets):
    """The national data and then the demo data (the order ``make run`` uses), loaded for a test
    module and removed after it. Tests that use it must not write outside their own transaction
    (use ``db``)."""
    yield from _data_set_for_the_module("national and demo", django_db_blocker, data_sets)


@pytest.fixture
def post_progress():
    """``post_progress(client, action, **fields)``: the progress form sent for ``action`` (an
    in-progress, green update with a narrative, at the action's version, unless ``fields`` say
    otherwise)."""
    from django.urls import reverse

    def post(client, action, **fields):
        data = {
            "version": action.version,
            "narrative": "Audit of 40 plans complete.",
            "status": "in_progress",
            "rag": "green",
            "remedial_action": "",
            "evidence_of_impact": "",
            "links": "",
        }
        data.update(fields)
        return client.post(reverse("actions:progress", args=[action.pk]), data)

    return post


@pytest.fixture
def sutton_records(sutton_plan, make_action, sutton_officer):
    """What an officer's work leaves on Sutton's plan: an action of theirs due in 30 days, a
    progress update with a PDF as evidence, and a revised due date awaiting the board."""
    from types import SimpleNamespace

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from actions import services
    from actions.models import Evidence

    today = timezone.localdate()
    action = make_action(
        sutton_plan,
        owner=sutton_officer,
        start_date=today - datetime.timedelta(days=30),
        due_date=today + datetime.timedelta(days=30),
    )
    update = services.progress_update_create(
        action=action, author=sutton_officer, narrative="Audit begun.", status="in_progress", rag="green"
    )
    evidence = Evidence(
        update=update, title="audit.pdf", original_name="audit.pdf", content_type="application/pdf", size=13
    )
    evidence.file.save("audit.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    evidence.save()
    revision = services.revised_date_propose(
        action=action,
        proposed_by=sutton_officer,
        proposed_date=today + datetime.timedelta(days=90),
        reason="Recruitment",
    )
    return SimpleNamespace(action=action, update=update, evidence=evidence, revision=revision)
