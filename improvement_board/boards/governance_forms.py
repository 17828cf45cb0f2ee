"""Forms for the board's own papers: its action log, risk register, terms of reference, agenda
and papers, and minutes. They validate and normalise; the services act."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Size
from django import forms

from inspections.forms_gds import GovDateField, form_helper

from .governance import TermsOfReference
from .models import ImprovementBoard, Meeting

LEGEND = {"legend_size": Size.for_legend(Size.SMALL)}
LIKELIHOOD = [(1, "1 – Rare"), (2, "2 – Unlikely"), (3, "3 – Possible"), (4, "4 – Likely"), (5, "5 – Almost certain")]
IMPACT = [(1, "1 – Negligible"), (2, "2 – Minor"), (3, "3 – Moderate"), (4, "4 – Major"), (5, "5 – Catastrophic")]


def helper(*fields, submit: str, multipart: bool = False) -> FormHelper:
    return form_helper(*fields, submit=submit, multipart=multipart)


def char(label: str, *, required=True, rows=None, max_length=None, help_text="", message=None) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput(),
        error_messages={
            "required": message or f"Enter the {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def day(label: str, message: str, *, help_text="For example, 27 3 2027", required=True) -> GovDateField:
    return GovDateField(label=label, help_text=help_text, required_message=message, required=required)


class TextForm(forms.Form):
    """A form of one long text, the field named ``text_field``, sent with the button ``submit``."""

    text_field: str
    submit: str

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(Field.textarea(self.text_field, label_size=Size.MEDIUM), submit=self.submit)


def meeting_label(meeting: Meeting) -> str:
    return f"{meeting.date:%-d %B %Y}"


def meeting_choice(label: str, queryset, message: str) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=label, queryset=queryset, empty_label=None, error_messages={"required": message}
    )
    field.label_from_instance = meeting_label
    return field


# --- The action log ----------------------------------------------------------------------------


class BoardActionForm(forms.Form):
    """Add an action (with the meeting that raised it) or change an open one."""

    text = char("What the board asked for", rows=3, max_length=2000, message="Enter what the board asked for")
    raised_at = meeting_choice("Meeting that raised it", Meeting.objects.none(), "Choose the meeting that raised it")
    owner_member = forms.ModelChoiceField(
        label="Owner",
        queryset=None,
        required=False,
        empty_label="Someone who is not a board member",
        help_text="A member who owns an action can record its progress.",
    )
    owner = char(
        "Owner, if not a board member",
        required=False,
        max_length=200,
        help_text="A person or an organisation, for example Epsom and St Helier University Hospitals NHS Trust.",
    )
    due = day("Due date", "Enter the due date")

    def __init__(self, *args, board: ImprovementBoard, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_member"].queryset = board.members.filter(left__isnull=True).select_related("organisation")
        self.fields["owner_member"].label_from_instance = lambda m: f"{m.name}, {m.organisation}"
        parts = [Field.textarea("text", label_size=Size.SMALL)]
        if new:
            self.fields["raised_at"].queryset = board.meetings.order_by("-date")
            parts.append(Field.select("raised_at"))
        else:
            del self.fields["raised_at"]
        parts += [Field.select("owner_member"), Field.text("owner"), Field("due", context=LEGEND)]
        self.helper = helper(*parts, submit="Add the action" if new else "Save the changes")

    def clean(self):
        data = super().clean()
        if not data.get("owner_member") and not (data.get("owner") or "").strip():
            self.add_error("owner", "Choose a board member, or enter who owns the action")
        if data.get("owner_member") and (data.get("owner") or "").strip():
            self.add_error("owner", "Leave this blank when a board member owns the action")
        return data


class ProgressForm(TextForm):
    text_field, submit = "progress", "Save the progress"
    progress = char(
        "Progress",
        rows=5,
        max_length=5000,
        message="Enter what has been done",
        help_text="What has been done, and what is left. The chair closes the action at a meeting.",
    )


class CloseForm(forms.Form):
    meeting = meeting_choice("Meeting that closed it", Meeting.objects.none(), "Choose the meeting that closed it")
    status = forms.ChoiceField(
        label="Was it done?",
        choices=[("done", "Done"), ("dropped", "Dropped: the board no longer needs it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether it was done or dropped"},
    )

    def __init__(self, *args, action, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = action.board.meetings.filter(date__gte=action.raised_at.date).order_by(
            "-date"
        )
        self.helper = helper(
            Field.select("meeting"), Field.radios("status", legend_size=Size.SMALL), submit="Close the action"
        )


class PlanLinkForm(forms.Form):
    plan_actions = forms.ModelMultipleChoiceField(
        label="Plan actions it follows up", queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_actions"].queryset = choices


# --- The risk register -------------------------------------------------------------------------


def _scale(label: str, choices, help_text: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": f"Choose the {label.lower()}", "invalid_choice": f"Choose the {label.lower()}"},
    )


def likelihood() -> forms.TypedChoiceField:
    return _scale("Likelihood", LIKELIHOOD, "How likely it is to happen.")


def impact() -> forms.TypedChoiceField:
    return _scale("Impact", IMPACT, "How bad it would be for children and families if it did.")


class RiskForm(forms.Form):
    title = char(
        "Risk", max_length=300, message="Enter the risk", help_text="A short name, for example Social worker vacancies."
    )
    cause = char("Cause", rows=3, max_length=4000, message="Enter the cause of the risk")
    likelihood = likelihood()
    impact = impact()
    owner = char("Owner", max_length=200, message="Enter its owner")
    mitigations = char(
        "Mitigations",
        rows=4,
        max_length=4000,
        message="Enter what is being done about it",
        help_text="What is being done to make it less likely or less harmful.",
    )
    review_date = day(
        "Review date", "Enter the review date", help_text="When the board next looks at it. For example, 27 3 2027"
    )
    escalated = forms.BooleanField(label="Escalated for the board's decision", required=False)
    closed = forms.BooleanField(label="Close this risk: it no longer needs managing", required=False)

    def __init__(self, *args, new: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        scores = [
            Field.radios("likelihood", small=True, legend_size=Size.SMALL),
            Field.radios("impact", small=True, legend_size=Size.SMALL),
        ]
        if new:
            del self.fields["closed"]
        else:
            # Scores change only at a review, so that each change is recorded with what it found.
            del self.fields["likelihood"], self.fields["impact"]
            scores = []
        self.helper = helper(
            Field.text("title"),
            Field.textarea("cause"),
            *scores,
            Field.text("owner"),
            Field.textarea("mitigations"),
            Field("review_date", context=LEGEND),
            Field.checkbox("escalated", small=True),
            *([] if new else [Field.checkbox("closed", small=True)]),
            submit="Add the risk" if new else "Save the changes",
        )


class RiskReviewForm(forms.Form):
    likelihood = likelihood()
    impact = impact()
    note = char("What the review found", rows=4, max_length=4000, message="Enter what the review found")
    review_date = day("Next review date", "Enter the next review date")
    escalated = forms.BooleanField(label="Escalated for the board's decision", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field.radios("likelihood", small=True, legend_size=Size.SMALL),
            Field.radios("impact", small=True, legend_size=Size.SMALL),
            Field.textarea("note"),
            Field("review_date", context=LEGEND),
            Field.checkbox("escalated", small=True),
            submit="Record the review",
        )


# --- Terms of reference ------------------------------------------------------------------------


class TermsForm(forms.Form):
    agreed_on = day("Date the board agreed them", "Enter the date the board agreed them")
    remit = char(
        "Remit",
        rows=5,
        max_length=10000,
        message="Enter the board's remit",
        help_text="What the board is for and what it oversees.",
    )
    membership = char(
        "Membership",
        rows=5,
        max_length=10000,
        message="Enter who the members are",
        help_text="Who the members are, by role and organisation.",
    )
    quorum = forms.IntegerField(
        label="Quorum",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),  # GOV.UK: not type=number
        min_value=1,
        max_value=100,
        help_text="How many members (the chair included) must attend for the meeting to make decisions.",
        error_messages={
            "required": "Enter the quorum",
            "invalid": "The quorum must be a whole number, like 6",
            "min_value": "The quorum must be at least 1",
            "max_value": "The quorum must be 100 or fewer",
        },
    )
    substitutes_count = forms.TypedChoiceField(
        label="Does a substitute sent in a member's place count towards the quorum?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether substitutes count towards the quorum"},
    )
    inquorate = forms.ChoiceField(
        label="When a meeting is not quorate",
        choices=TermsOfReference.Inquorate.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens when a meeting is not quorate"},
    )
    escalation = char(
        "Escalation",
        rows=4,
        max_length=10000,
        message="Enter how the board escalates",
        help_text="What the board escalates, to whom (for example the DfE or the Lead Member), and how.",
    )
    review_date = day("Review date", "Enter the date they are next reviewed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            Field("agreed_on", context=LEGEND),
            Field.textarea("remit"),
            Field.textarea("membership"),
            Field.text("quorum", field_width=4),
            Field.radios("substitutes_count", small=True, inline=True, legend_size=Size.SMALL),
            Field.radios("inquorate", small=True, legend_size=Size.SMALL),
            Field.textarea("escalation"),
            Field("review_date", context=LEGEND),
            submit="Continue",
        )


# --- Agenda and papers -------------------------------------------------------------------------


class AgendaItemForm(forms.Form):
    meeting_date = day("Date of the meeting", "Enter the date of the meeting")
    title = char("Item", max_length=300, message="Enter the item's title", help_text="For example, Workforce report.")
    presenter = char("Presented by", required=False, max_length=200)
    paper = forms.FileField(
        label="Paper",
        required=False,
        help_text="A PDF, up to 20 MB. It is added to the meeting's pack after the pack's own pages.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    paper_title = char(
        "Title of the paper", required=False, max_length=300, help_text="Leave blank to use the file's name."
    )
    remove_paper = forms.BooleanField(label="Remove the paper", required=False)

    def __init__(self, *args, new: bool = True, has_paper: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        parts = [Field("meeting_date", context=LEGEND)] if new else []
        if not new:
            del self.fields["meeting_date"]
            self.fields["paper"].label = "Replace the paper" if has_paper else "Paper"
        parts += [Field.text("title"), Field.text("presenter"), Field("paper"), Field.text("paper_title")]
        if has_paper:
            parts.append(Field.checkbox("remove_paper", small=True))
        else:
            del self.fields["remove_paper"]
        self.helper = helper(*parts, submit="Add the item" if new else "Save the changes", multipart=True)


# --- Minutes -----------------------------------------------------------------------------------


class MinutesForm(TextForm):
    text_field, submit = "minutes", "Save the draft"
    minutes = char(
        "Minutes",
        rows=16,
        max_length=50_000,
        message="Enter the minutes",
        help_text="A draft until a later meeting approves them. Once approved they cannot change.",
    )


class LaterMeetingForm(forms.Form):
    """Approve the minutes (or record a correction) at a later meeting."""

    at_meeting = meeting_choice("At the meeting of", Meeting.objects.none(), "Choose the meeting")
    text = char(
        "Correction",
        rows=5,
        max_length=5000,
        message="Enter the correction",
        help_text="What the minutes should have said. The approved minutes stay as they were.",
    )

    def __init__(self, *args, meetings, correction: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = meetings
        parts = [Field.select("at_meeting")]
        if correction:
            parts.append(Field.textarea("text"))
        else:
            del self.fields["text"]
        self.helper = helper(*parts, submit="Record the correction" if correction else "Approve the minutes")
