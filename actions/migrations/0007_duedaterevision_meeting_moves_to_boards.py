"""The meeting that decided a revised due date is recorded on the boards side now
(improvement_board.MeetingRevision, filled by improvement_board 0004 before this runs): the plan
keeps no column pointing at a board's meeting."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0006_plan_structure"),
        ("improvement_board", "0004_meetingrevision"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="duedaterevision",
            name="meeting",
        ),
        migrations.RemoveField(
            model_name="historicalduedaterevision",
            name="meeting",
        ),
    ]
