"""The database refuses a judgement whose grade is not on its inspection's framework's scale,
or whose normalised level is not that grade's level."""

from django.db import migrations

# The SQL helpers are copied into this migration, so that it stays as it ran whatever later
# becomes of the code (and the app imports nothing from the project package).


def run_vendor_sql(
    *, sqlite: list[str], postgresql: list[str], reverse_sqlite: list[str], reverse_postgresql: list[str]
) -> migrations.RunPython:
    """A migration operation that runs the statements for the database in use."""

    def forwards(apps, schema_editor):
        for statement in _pick(schema_editor, sqlite, postgresql):
            schema_editor.execute(statement)

    def backwards(apps, schema_editor):
        for statement in _pick(schema_editor, reverse_sqlite, reverse_postgresql):
            schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)


def _pick(schema_editor, sqlite: list[str], postgresql: list[str]) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        return sqlite
    if vendor == "postgresql":
        return postgresql
    raise NotImplementedError(f"No trigger SQL for the {vendor} database; SQLite and PostgreSQL are supported.")


MESSAGE = "judgement grade must be on the inspection framework scale, with that grade level"

_CHECK = """
    (SELECT framework_id FROM inspections_frameworkgrade WHERE id = NEW.grade_id)
      IS NOT (SELECT framework_id FROM inspections_inspection WHERE id = NEW.inspection_id)
    OR (SELECT level FROM inspections_frameworkgrade WHERE id = NEW.grade_id) IS NOT NEW.level
"""

_PG_CHECK = _CHECK.replace("IS NOT", "IS DISTINCT FROM")

SQLITE = [
    f"CREATE TRIGGER judgement_grade_insert BEFORE INSERT ON inspections_judgement WHEN {_CHECK} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
    f"CREATE TRIGGER judgement_grade_update BEFORE UPDATE ON inspections_judgement WHEN {_CHECK} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;",
]
POSTGRESQL = [
    f"""CREATE FUNCTION judgement_grade_check() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF {_PG_CHECK} THEN
        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END; $$;""",
    "CREATE TRIGGER judgement_grade_check BEFORE INSERT OR UPDATE ON inspections_judgement "
    "FOR EACH ROW EXECUTE FUNCTION judgement_grade_check();",
]


class Migration(migrations.Migration):
    dependencies = [("inspections", "0001_initial")]

    operations = [
        run_vendor_sql(
            sqlite=SQLITE,
            postgresql=POSTGRESQL,
            reverse_sqlite=[
                "DROP TRIGGER IF EXISTS judgement_grade_insert;",
                "DROP TRIGGER IF EXISTS judgement_grade_update;",
            ],
            reverse_postgresql=[
                "DROP TRIGGER IF EXISTS judgement_grade_check ON inspections_judgement;",
                "DROP FUNCTION IF EXISTS judgement_grade_check();",
            ],
        ),
    ]
