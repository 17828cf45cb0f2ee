"""Forms for recording DfE's intervention: reviews and their outcomes, revised or replacement
notices, statutory directions, the commissioner's report, revocation, reports to ministers. They
validate and normalise; ``intervention_services`` saves."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms

from . import uploads
from .journey_forms import DatesMixin, date_layout, form_helper, gov_date, radio_field, text_area
from .models import Council, ImprovementNotice, NoticeDate, NoticeReview, StatutoryDirection
from .notice_text import parse_themes


def letter_field(label: str = "The review letter (optional)") -> forms.FileField:
    return forms.FileField(
        label=label,
        required=False,
        help_text="A PDF or Word document, up to 20 MB.",
        error_messages={"empty": "The file is empty: choose the letter itself"},
    )


def _clean_letter(form) -> object:
    letter = form.cleaned_data.get("letter_file")
    if letter:
        uploads.letter_file_type(letter)
    return letter


NO_OUTCOME = "none"


class ReviewForm(DatesMixin, forms.Form):
    held_on = gov_date("Date of the review")
    scheduled = forms.ModelChoiceField(
        label="Which of the notice's review dates does it answer? (optional)",
        queryset=NoticeDate.objects.none(),
        required=False,
        empty_label="None of them",
        error_messages={"invalid_choice": "Choose one of the notice's review dates"},
    )
    attendees = text_area(
        "Who attended (optional)", help_text="One person a line, with their role, for example “Jo Bloggs, DfE adviser”."
    )
    outcome = radio_field(
        "What did the review decide?",
        [*NoticeReview.Outcome.choices, (NO_OUTCOME, "Not known yet")],
        required_message="Choose what the review decided, or “Not known yet”",
    )
    letter_file = letter_field()

    def __init__(self, *args, council: Council, target: ImprovementNotice, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = target
        held = set(target.reviews.exclude(scheduled=None).values_list("scheduled_id", flat=True))
        self.fields["scheduled"].queryset = (
            target.dates.filter(kind__in=["review", "final_review"]).exclude(pk__in=held).order_by("date")
        )
        self.fields["scheduled"].label_from_instance = lambda d: f"{d.get_kind_display()} due {d.label}"
        self.helper = form_helper(
            date_layout("held_on"),
            Field.select("scheduled"),
            Field.textarea("attendees", rows=4),
            Field.radios("outcome", legend_size=Size.SMALL),
            Field("letter_file"),
            files=True,
        )

    def clean_outcome(self):
        outcome = self.cleaned_data["outcome"]
        return "" if outcome == NO_OUTCOME else outcome

    def clean_letter_file(self):
        return _clean_letter(self)

    def clean(self):
        data = super().clean()
        self._not_after_today("held_on")
        self._on_or_after("held_on", self.notice.issued, f"the notice was issued, {self.notice.issued:%-d %B %Y}")
        held_on = data.get("held_on")
        if held_on and self.notice.reviews.filter(held_on=held_on).exists() and "held_on" not in self.errors:
            self.add_error("held_on", f"A review on {held_on:%-d %B %Y} is already recorded for this notice")
        return data


class ReviewOutcomeForm(forms.Form):
    outcome = radio_field(
        "What did the review decide?", NoticeReview.Outcome.choices, required_message="Choose what the review decided"
    )
    letter_file = letter_field()

    def __init__(self, *args, council: Council, target: NoticeReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = target
        self.helper = form_helper(Field.radios("outcome", legend_size=Size.MEDIUM), Field("letter_file"), files=True)

    def clean_letter_file(self):
        return _clean_letter(self)

    def clean(self):
        data = super().clean()
        if self.review.outcome:
            raise forms.ValidationError(
                f"The outcome of this review is already recorded: {self.review.get_outcome_display()}"
            )
        return data


class NoticeLiftForm(DatesMixin, forms.Form):
    lifted_on = gov_date("Date of the letter lifting the notice")
    letter_file = letter_field("The letter (optional)")

    def __init__(self, *args, council: Council, target: ImprovementNotice, **kwargs):
        super().__init__(*args, **kwargs)
        self.notice = target
        self.helper = form_helper(date_layout("lifted_on"), Field("letter_file"), files=True)

    def clean_letter_file(self):
        return _clean_letter(self)

    def clean(self):
        data = super().clean()
        notice = self.notice
        if notice.status != ImprovementNotice.Status.IN_FORCE:
            raise forms.ValidationError(f"This notice has already ended: {notice.get_status_display().lower()}")
        self._not_after_today("lifted_on")
        self._on_or_after("lifted_on", notice.issued, f"the notice was issued, {notice.issued:%-d %B %Y}")
        lifted_on = data.get("lifted_on")
        later = notice.reviews.filter(held_on__gt=lifted_on).order_by("held_on").first() if lifted_on else None
        if later and "lifted_on" not in self.errors:
            self.add_error(
                "lifted_on",
                f"The date of the letter must be on or after the review held on {later.held_on:%-d %B %Y}",
            )
        return data


class NoticeReviseForm(DatesMixin, forms.Form):
    relation = radio_field(
        "Does the new notice revise this one or replace it?",
        [
            (ImprovementNotice.Relation.REVISES, "It revises it (the notice, changed)"),
            (ImprovementNotice.Relation.REPLACES, "It replaces it (a new notice)"),
        ],
        required_message="Choose whether the new notice revises or replaces this one",
    )
    issued = gov_date("Date the new notice was issued")
    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter the new notice's title"})
    compliance = gov_date("Compliance date (optional)", required=False)
    review = gov_date("First DfE review date (optional)", required=False)
    report = gov_date("First report to ministers (optional)", required=False)
    themes = text_area("Themes and measures (optional)", rows=10)

    def __init__(self, *args, council: Council, target: ImprovementNotice, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous = target
        measures = sum(theme.measures.count() for theme in target.themes.all())
        self.fields["title"].initial = target.title
        self.fields["themes"].help_text = (
            f"Leave it empty to carry over the earlier notice's {target.themes.count()} themes and {measures} measures. "
            "Otherwise write each theme on a line of its own, and each of its measures under it on a line "
            "starting with a dash."
        )
        self.helper = form_helper(
            Field.radios("relation", legend_size=Size.MEDIUM),
            date_layout("issued"),
            Field.text("title"),
            date_layout("compliance"),
            date_layout("review"),
            date_layout("report"),
            Field.textarea("themes", rows=10),
        )

    def clean_themes(self):
        text = self.cleaned_data.get("themes") or ""
        return parse_themes(text) if text.strip() else None

    def clean(self):
        data = super().clean()
        self._not_after_today("issued")
        issued = data.get("issued")
        if issued and issued <= self.previous.issued and "issued" not in self.errors:
            self.add_error(
                "issued", f"The date the new notice was issued must be after {self.previous.issued:%-d %B %Y}"
            )
        for name in ("compliance", "review", "report"):
            self._on_or_after(name, issued, "the date the new notice was issued")
        return data


class DirectionForm(DatesMixin, forms.Form):
    issued = gov_date("Date the direction was issued")
    basis = forms.CharField(
        label="The law it is made under",
        max_length=300,
        initial=StatutoryDirection._meta.get_field("basis").default,
        error_messages={"required": "Enter the law the direction is made under"},
    )
    follows_notice = forms.ModelChoiceField(
        label="The improvement notice it escalates (optional)",
        queryset=ImprovementNotice.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose one of this council's notices"},
    )
    previous = forms.ModelChoiceField(
        label="The direction it replaces (optional)",
        queryset=StatutoryDirection.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose one of this council's directions that has not ended"},
    )
    appointee_role = radio_field(
        "Who does it appoint?",
        StatutoryDirection.Appointee.choices,
        required_message="Choose who the direction appoints",
    )
    appointee_role.initial = StatutoryDirection.Appointee.COMMISSIONER
    appointee_name = forms.CharField(label="Their name (optional)", required=False, max_length=200)
    instructions = text_area("What the direction requires (optional)", help_text="As the direction writes it.", rows=6)
    report_due = gov_date("Date the report is due (optional)", required=False)
    next_review = gov_date("Next review date (optional)", required=False)

    def __init__(self, *args, council: Council, target=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["follows_notice"].queryset = ImprovementNotice.objects.filter(council=council).order_by("-issued")
        self.fields["follows_notice"].label_from_instance = lambda n: f"{n.title} of {n.issued:%-d %B %Y}"
        self.fields["previous"].queryset = StatutoryDirection.objects.filter(
            council=council, ended_on__isnull=True
        ).order_by("-issued")
        self.fields["previous"].label_from_instance = lambda d: f"Direction of {d.issued:%-d %B %Y}"
        self.helper = form_helper(
            date_layout("issued"),
            Field.text("basis"),
            Field.select("follows_notice"),
            Field.select("previous"),
            Field.radios("appointee_role", legend_size=Size.SMALL),
            Field.text("appointee_name"),
            Field.textarea("instructions", rows=6),
            date_layout("report_due"),
            date_layout("next_review"),
        )

    def clean(self):
        data = super().clean()
        self._not_after_today("issued")
        issued = data.get("issued")
        for name in ("report_due", "next_review"):
            self._on_or_after(name, issued, "the date the direction was issued")
        previous = data.get("previous")
        if previous and issued and issued <= previous.issued and "issued" not in self.errors:
            self.add_error("issued", f"The date the direction was issued must be after {previous.issued:%-d %B %Y}")
        notice = data.get("follows_notice")
        if notice and issued and issued < notice.issued and "issued" not in self.errors:
            self.add_error("issued", f"The date the direction was issued must be on or after {notice.issued:%-d %B %Y}")
        return data


class DirectionReportForm(DatesMixin, forms.Form):
    submitted = gov_date("Date of the report")
    recommendation = radio_field(
        "What does it recommend?",
        StatutoryDirection.Recommendation.choices,
        required_message="Choose what the report recommends",
    )
    recommendation_as_written = text_area("What the report says, as written (optional)", rows=5)

    def __init__(self, *args, council: Council, target: StatutoryDirection, **kwargs):
        super().__init__(*args, **kwargs)
        self.direction = target
        self.helper = form_helper(
            date_layout("submitted"),
            Field.radios("recommendation", legend_size=Size.SMALL),
            Field.textarea("recommendation_as_written", rows=5),
        )

    def clean(self):
        data = super().clean()
        self._not_after_today("submitted")
        self._on_or_after("submitted", self.direction.issued, f"the direction, {self.direction.issued:%-d %B %Y}")
        return data


class DirectionEndForm(DatesMixin, forms.Form):
    ended_on = gov_date("Date it was revoked")
    end = radio_field(
        "What replaced it?",
        [
            (StatutoryDirection.End.REVOKED, "Nothing: it was revoked"),
            (StatutoryDirection.End.REVOKED_TO_NOTICE, "An improvement notice"),
        ],
        required_message="Choose what replaced the direction",
    )

    def __init__(self, *args, council: Council, target: StatutoryDirection, **kwargs):
        super().__init__(*args, **kwargs)
        self.direction = target
        self.fields["end"].help_text = "Record a new notice on the improvement notice's set-up page."
        self.helper = form_helper(date_layout("ended_on"), Field.radios("end", legend_size=Size.SMALL))

    def clean(self):
        data = super().clean()
        self._not_after_today("ended_on")
        self._on_or_after("ended_on", self.direction.issued, f"the direction, {self.direction.issued:%-d %B %Y}")
        if self.direction.ended_on:
            raise forms.ValidationError("This direction has already ended")
        return data


class ReportSentForm(DatesMixin, forms.Form):
    submitted_on = gov_date("Date the report was sent")

    def __init__(self, *args, council: Council, target, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = target
        self.helper = form_helper(date_layout("submitted_on"))

    def clean(self):
        data = super().clean()
        self._not_after_today("submitted_on")
        issued = self.report.notice.issued
        self._on_or_after("submitted_on", issued, f"the notice was issued, {issued:%-d %B %Y}")
        return data
