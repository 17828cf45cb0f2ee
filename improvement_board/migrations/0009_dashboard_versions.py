"""A version per council, bumped by the database itself in the same transaction as every write to
a table the dashboards' summaries read, whatever makes the write (a service, the admin, an import,
a bulk create). A summary cached under (council, version) is then never served once a write has
changed it: the writer's transaction bumps the version as it commits its rows, and a reader sees
both or neither.

PostgreSQL: one statement-level trigger per table and event, over the statement's transition
table, so a bulk insert of 18,000 actions bumps each council once. SQLite: row-level triggers.
"""

from django.db import migrations, models

# The SQL is written out here, so that the migration stays as it ran whatever later becomes of the
# code. For each table: how a changed row ({r}) names its council; 0 is the national data.
VERSIONS = "improvement_board_dashboardversion"
_PLAN = "(SELECT council_id FROM actions_improvementplan WHERE id = {r}.plan_id)"
_ACTION = (
    "(SELECT p.council_id FROM actions_action a JOIN actions_improvementplan p ON p.id = a.plan_id "
    "WHERE a.id = {r}.action_id)"
)
_INDICATOR = (
    "(SELECT p.council_id FROM actions_performanceindicator i JOIN actions_improvementplan p ON p.id = i.plan_id "
    "WHERE i.id = {r}.indicator_id)"
)
_NOTICE = "(SELECT council_id FROM inspections_improvementnotice WHERE id = {r}.notice_id)"
COUNCIL_OF = {
    # National: every council's summaries read them.
    "inspections_council": "0",
    "inspections_framework": "0",
    "inspections_publishedindicator": "0",
    "inspections_publishedvalue": "0",
    # One council's.
    "inspections_inspection": "{r}.council_id",
    "inspections_judgement": "(SELECT council_id FROM inspections_inspection WHERE id = {r}.inspection_id)",
    "inspections_improvementnotice": "{r}.council_id",
    "inspections_noticedate": _NOTICE,
    "inspections_noticereview": _NOTICE,
    "inspections_noticetheme": _NOTICE,
    "inspections_noticemeasure": (
        "(SELECT n.council_id FROM inspections_noticetheme t JOIN inspections_improvementnotice n "
        "ON n.id = t.notice_id WHERE t.id = {r}.theme_id)"
    ),
    "inspections_statutorydirection": "{r}.council_id",
    "inspections_statisticalneighbour": "{r}.council_id",
    "actions_improvementplan": "{r}.council_id",
    "actions_action": _PLAN,
    "actions_action_measures": _ACTION,
    "actions_duedaterevision": _ACTION,
    "actions_milestone": _PLAN,
    "actions_performanceindicator": _PLAN,
    "actions_indicatorvalue": _INDICATOR,
    "actions_trajectorypoint": _INDICATOR,
}

# A version is the time of the write in microseconds, or one more than the last if the clock has not
# moved on: it only ever grows, and a database restored from a backup does not reuse numbers that
# summaries were cached under before (cached summaries outlive the database in Redis).
_PG_NOW = "(extract(epoch from clock_timestamp()) * 1000000)::bigint"
_SQLITE_NOW = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"
_UPSERT = (
    f"INSERT INTO {VERSIONS} (council_id, version) SELECT c, {_PG_NOW} FROM ({{changed}}) AS x(c) "
    f"WHERE c IS NOT NULL ORDER BY c ON CONFLICT (council_id) "
    f"DO UPDATE SET version = GREATEST({VERSIONS}.version + 1, EXCLUDED.version);"
)


def _postgresql(table: str, council: str) -> list[str]:
    name = f"dashboard_version_{table}"
    new = f"SELECT DISTINCT {council.format(r='r')} FROM changed r"
    both = f"{new} UNION SELECT {council.format(r='r')} FROM old_changed r"
    return [
        f"""CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'UPDATE' THEN
            {_UPSERT.format(changed=both)}
          ELSE
            {_UPSERT.format(changed=new)}
          END IF;
          RETURN NULL;
        END; $$;""",
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS changed "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_changed "
        f"NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION {name}();",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS changed "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {name}();",
    ]


def _sqlite(table: str, council: str) -> list[str]:
    name = f"dashboard_version_{table}"
    upsert = (
        f"INSERT INTO {VERSIONS} (council_id, version) SELECT c, {_SQLITE_NOW} FROM (SELECT {{row}} AS c) "
        f"WHERE c IS NOT NULL ON CONFLICT (council_id) DO UPDATE SET version = MAX(version + 1, excluded.version);"
    )
    new, old = upsert.format(row=council.format(r="NEW")), upsert.format(row=council.format(r="OLD"))
    return [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {table} BEGIN {new} END;",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {table} BEGIN {new} {old} END;",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {table} BEGIN {old} END;",
    ]


def _drop(vendor: str, table: str) -> list[str]:
    name = f"dashboard_version_{table}"
    if vendor == "postgresql":
        return [f"DROP FUNCTION IF EXISTS {name}() CASCADE;"]
    return [f"DROP TRIGGER IF EXISTS {name}_{event};" for event in ("insert", "update", "delete")]


def _statements(vendor: str, *, create: bool) -> list[str]:
    if vendor not in ("postgresql", "sqlite"):
        raise NotImplementedError(f"No trigger SQL for the {vendor} database; SQLite and PostgreSQL are supported.")
    out = []
    for table, council in COUNCIL_OF.items():
        if not create:
            out += _drop(vendor, table)
        elif vendor == "postgresql":
            out += _postgresql(table, council)
        else:
            out += _sqlite(table, council)
    return out


def forwards(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, create=True):
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    for statement in _statements(schema_editor.connection.vendor, create=False):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [
        ("improvement_board", "0008_board_governance_pages"),
        ("actions", "0009_improvementplan_owner"),
        ("inspections", "0005_notice_review_letter_file"),
    ]

    operations = [
        migrations.CreateModel(
            name="DashboardVersion",
            fields=[
                ("council_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(forwards, backwards),
    ]
