"""Progress updates and their evidence are history: the database refuses to change them."""

from django.db import migrations

from improvement_board.ops.db import refuse_updates, run_vendor_sql

updates = refuse_updates("actions_progressupdate", "progress updates are never edited; add a new update")
evidence = refuse_updates("actions_evidence", "evidence is never edited; add a new update")


class Migration(migrations.Migration):
    dependencies = [("actions", "0002_initial")]

    operations = [
        run_vendor_sql(**updates),
        run_vendor_sql(**evidence),
    ]
