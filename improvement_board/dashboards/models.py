"""How far each council's dashboard data has moved on: a counter per council, bumped by database
triggers in the same transaction as every write to the tables its summaries are read from
(``improvement_board/migrations/0009_dashboard_versions.py``), so a summary cached under a
version is never served after a write has changed what it shows."""

from django.db import models


class DashboardVersion(models.Model):
    """``council_id`` 0 is the national data every council's summary reads (published values,
    frameworks); any other is one council's inspections, notices, plan, actions and indicators.
    No foreign key: the row for 0 has no council, and a council's counter outlives nothing."""

    NATIONAL = 0

    council_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"council {self.council_id}: version {self.version}"
