"""Progress updates and their evidence are history: the database refuses to change them."""

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


def refuse_updates(table: str, message: str) -> dict[str, list[str]]:
    """Trigger SQL that makes every UPDATE of ``table`` fail: rows are history."""
    name = f"{table}_no_update"
    return {
        "sqlite": [f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} BEGIN SELECT RAISE(ABORT, '{message}'); END;"],
        "postgresql": [
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}' USING ERRCODE = 'integrity_constraint_violation'; END; $$;",
            f"CREATE TRIGGER {name} BEFORE UPDATE ON {table} FOR EACH ROW EXECUTE FUNCTION {name}();",
        ],
        "reverse_sqlite": [f"DROP TRIGGER IF EXISTS {name};"],
        "reverse_postgresql": [f"DROP TRIGGER IF EXISTS {name} ON {table};", f"DROP FUNCTION IF EXISTS {name}();"],
    }


updates = refuse_updates("actions_progressupdate", "progress updates are never edited; add a new update")
evidence = refuse_updates("actions_evidence", "evidence is never edited; add a new update")


class Migration(migrations.Migration):
    dependencies = [("actions", "0002_initial")]

    operations = [
        run_vendor_sql(**updates),
        run_vendor_sql(**evidence),
    ]
