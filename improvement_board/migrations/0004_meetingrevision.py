"""The meeting that decided a revised due date moves from the plan (DueDateRevision.meeting) to
the boards side (MeetingRevision): the link rows are copied here, before actions 0007 drops the
column. Every decided-in-a-meeting revision keeps its meeting; going back copies them back."""

import django.db.models.deletion
from django.db import migrations, models


def copy_links(apps, schema_editor):
    DueDateRevision = apps.get_model("actions", "DueDateRevision")
    MeetingRevision = apps.get_model("improvement_board", "MeetingRevision")
    links = DueDateRevision.objects.filter(meeting__isnull=False).values_list("pk", "meeting_id").order_by("pk")
    MeetingRevision.objects.bulk_create(
        [MeetingRevision(revision_id=revision, meeting_id=meeting) for revision, meeting in links], batch_size=1000
    )


def copy_links_back(apps, schema_editor):
    DueDateRevision = apps.get_model("actions", "DueDateRevision")
    MeetingRevision = apps.get_model("improvement_board", "MeetingRevision")
    for revision, meeting in MeetingRevision.objects.values_list("revision_id", "meeting_id").iterator():
        DueDateRevision.objects.filter(pk=revision).update(meeting_id=meeting)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0006_plan_structure"),
        ("improvement_board", "0003_boardreport_claim"),
    ]

    operations = [
        migrations.CreateModel(
            name="MeetingRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "meeting",
                    models.ForeignKey(
                        help_text="The board meeting that decided it.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revision_decisions",
                        to="improvement_board.meeting",
                    ),
                ),
                (
                    "revision",
                    models.OneToOneField(
                        help_text="The revised due date decided.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="decided_in",
                        to="actions.duedaterevision",
                    ),
                ),
            ],
            options={
                "ordering": ["meeting", "revision"],
            },
        ),
        migrations.RunPython(copy_links, copy_links_back),
    ]
