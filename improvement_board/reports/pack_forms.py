"""Forms for the board pack: preparing it for a meeting, the key messages, a correction. They
validate and normalise; :mod:`.packs` acts."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Size
from django import forms
from django.conf import settings

from inspections.forms_gds import GovDateField, form_helper

from .packs import COMMENTARY_LIMIT


def _helper(*fields, submit: str) -> FormHelper:
    return form_helper(*fields, submit=submit)


class PackCreateForm(forms.Form):
    meeting_date = GovDateField(
        label="Date of the meeting",
        help_text="For example, 25 11 2026",
        required_message="Enter the date of the meeting",
    )
    cutoff_day = GovDateField(
        label="Data cut-off",
        required=False,
        help_text=(
            f"Progress, ratings, dates, milestones and indicator values recorded by the end of this day are "
            f"counted. Leave it blank for {settings.BOARD_PACK_CUTOFF_WORKING_DAYS} working days before the "
            f"meeting."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        legend = {"legend_size": Size.for_legend(Size.MEDIUM)}
        self.helper = _helper(
            Field("meeting_date", context=legend), Field("cutoff_day", context=legend), submit="Prepare the pack"
        )


class CommentaryForm(forms.Form):
    council_commentary = forms.CharField(
        label="Key messages from the council",
        required=False,
        max_length=COMMENTARY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the board most needs to know about progress since the last pack. Drafted by the council.",
    )
    chair_commentary = forms.CharField(
        label="Key messages from the chair",
        required=False,
        max_length=COMMENTARY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The chair's view, printed beside the council's.",
    )

    def __init__(self, *args, council: bool, chair: bool, **kwargs):
        super().__init__(*args, **kwargs)
        shown = []
        if council:
            shown.append(Field.textarea("council_commentary", label_size=Size.MEDIUM))
        else:
            del self.fields["council_commentary"]
        if chair:
            shown.append(Field.textarea("chair_commentary", label_size=Size.MEDIUM))
        else:
            del self.fields["chair_commentary"]
        self.helper = _helper(*shown, submit="Save the key messages")


class CorrectionForm(forms.Form):
    reason = forms.CharField(
        label="Why does the pack need correcting?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter why the pack needs correcting"},
        help_text="Printed on the new version's first page. The signed-off version is kept as it was.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(Field.textarea("reason", label_size=Size.MEDIUM), submit="Make a corrected version")
