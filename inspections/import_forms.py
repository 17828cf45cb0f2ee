"""Forms of the import page: they validate and normalise; the importing service saves."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from . import grading, importing, rules
from .forms_gds import GovDateField, form_helper
from .models import Council, OfstedFinding


def _helper(*fields, form_tag: bool = True) -> FormHelper:
    return form_helper(*fields, form_tag=form_tag)


class UploadForm(forms.Form):
    document = forms.FileField(
        label="Inspection report",
        help_text=f"A PDF with a text layer, or a text file, up to {importing.MAX_SIZE_LABEL}.",
        error_messages={
            "required": "Choose the inspection report to import",
            "empty": "The file is empty: choose the inspection report itself (a PDF or text file)",
        },
    )
    council = forms.ModelChoiceField(
        label="Council",
        queryset=Council.objects.none(),
        required=False,
        empty_label="Read it from the report",
        help_text="Only needed when the report does not name its council clearly.",
    )
    published = GovDateField(
        label="Publication date",
        required=False,
        help_text="Only needed when the report does not state it (an improvement notice: the date it was issued). "
        "For example, 27 3 2024",
    )

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
        fields = [Field("document"), Field("published", context={"legend_size": Size.for_legend(Size.SMALL)})]
        if councils.count() > 1:
            fields.insert(1, Field.select("council"))
        else:
            del self.fields["council"]
        self.helper = _helper(*fields, Submit("upload", "Read the report"))
        self.helper.attrs["enctype"] = "multipart/form-data"

    def clean_document(self):
        document = self.cleaned_data["document"]
        document.seek(0)
        head = document.read(65536)
        document.seek(0)
        try:
            importing.document_check(name=document.name, size=document.size, head=head)
        except importing.DocumentUnreadable as exc:
            raise ValidationError(str(exc)) from exc
        return document


def scale_choices(framework: str) -> list[tuple[str, str]]:
    """The grades of a framework's scale as choices, each as the scale writes it."""
    spec = grading.FRAMEWORKS.get(framework)
    if spec is None:
        return []
    return [(g.label if g.value is None else f"{g.value} ({g.label})",) * 2 for g in spec.grades]


class HeaderForm(forms.Form):
    """The document's own details. For a letter: its date, signatory, the visit's number and the
    inspection it follows. For a report whose overall judgement could not be read (``ask_overall``:
    its framework), a required choice of that grade: the reviewer gives it, nothing is guessed."""

    title = forms.CharField(label="Title", max_length=300, error_messages={"required": "Enter the document's title"})
    published = GovDateField(label="Publication date")
    lead_inspector = forms.CharField(label="Lead inspector", max_length=200, required=False)

    def __init__(
        self,
        *args,
        notice: bool = False,
        letter: str | None = None,
        follows=None,
        ask_overall: str | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        if notice:
            self.fields["published"].label = "Date issued"
            self.fields["published"].help_text = "The notice does not always state it. For example, 15 6 2012"
            del self.fields["lead_inspector"]
        extra = []
        if letter:
            self.fields["published"].label = "Date of the letter"
            self.fields["lead_inspector"].label = "Inspector who signed the letter"
            monitoring = letter == "monitoring_visit"
            if monitoring:
                self.fields["number"] = forms.IntegerField(
                    label="Which monitoring visit is it?",
                    min_value=1,
                    max_value=99,
                    help_text="1 for the first monitoring visit after the inspection, 2 for the second, and so on.",
                    error_messages={"required": "Enter which monitoring visit this is, for example 2"},
                )
                extra.append(Field.text("number", field_width=2))
            self.fields["follows"] = forms.ModelChoiceField(
                label="The inspection it follows",
                queryset=follows,
                required=monitoring,
                empty_label="Choose the inspection" if monitoring else "None",
                error_messages={"required": "Choose the inspection this monitoring visit follows"},
            )
            extra.append(Field.select("follows"))
        if ask_overall:
            self.fields["overall"] = forms.ChoiceField(
                label="Overall effectiveness",
                choices=scale_choices(ask_overall),
                widget=forms.RadioSelect,
                help_text="The overall judgement could not be read from the report: choose the grade it gives.",
                error_messages={"required": "Choose the overall effectiveness grade the report gives"},
            )
            extra.append(Field("overall", context={"legend_size": Size.for_legend(Size.SMALL)}))
        self.fields["published"].error_messages["required"] = f"Enter the {self.fields['published'].label.lower()}"
        fields = [Field.text("title"), Field("published", context={"legend_size": Size.for_legend(Size.SMALL)})]
        if "lead_inspector" in self.fields:
            fields.append(Field.text("lead_inspector", field_width=20))
        self.helper = _helper(*fields, *extra, form_tag=False)
        self.helper.disable_csrf = True


class _ItemForm(forms.Form):
    keep = forms.BooleanField(required=False, initial=True)

    def _finish(self, noun: str, *fields) -> None:
        self.fields["keep"].label = f"Import this {noun}"
        self.helper = _helper(Field.checkbox("keep", small=True), *fields, form_tag=False)
        self.helper.disable_csrf = True

    def _required_if_kept(self, *names: str) -> None:
        if not self.cleaned_data.get("keep"):
            return
        for name in names:
            if not (self.cleaned_data.get(name) or "").strip() and name not in self.errors:
                verb = "Choose" if isinstance(self.fields[name], forms.ChoiceField) else "Enter"
                self.add_error(
                    name, f"{verb} the {self.fields[name].label.lower()}, or untick “{self.fields['keep'].label}”"
                )


class JudgementForm(_ItemForm):
    """One judgement. When the grade read is not on the framework's scale (``ask``), the grade is
    a choice of the scale's grades with none chosen: the reviewer gives it, or unticks the item."""

    section = forms.CharField(label="Section", max_length=300, required=False)
    area = forms.CharField(label="Area judged", max_length=300, required=False)
    grade = forms.CharField(label="Grade as written", max_length=100, required=False)

    def __init__(self, *args, framework: str, ask: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        if ask and scale_choices(framework):
            self.fields["grade"] = forms.ChoiceField(
                label="Grade",
                choices=[("", "Choose the grade"), *scale_choices(framework)],
                required=False,
                help_text=f"“{self.initial.get('grade', '')}” is not a grade on the {framework} scale: "
                "choose the grade the report gives, or untick the judgement.",
            )
            self.initial["grade"] = ""
            self._finish("judgement", Field.text("section"), Field.text("area"), Field.select("grade"))
            return
        scale = (
            ", ".join(
                g.label if g.value is None else f"{g.value} ({g.label})" for g in grading.FRAMEWORKS[framework].grades
            )
            if framework in grading.FRAMEWORKS
            else ""
        )
        self.fields["grade"].help_text = f"On the {framework} scale: {scale}." if scale else ""
        self._finish("judgement", Field.text("section"), Field.text("area"), Field.text("grade", field_width=20))

    def clean(self):
        data = super().clean()
        self._required_if_kept("area", "grade")
        grade = (data.get("grade") or "").strip()
        if data.get("keep") and grade and grading.grade_for(self.framework, grade) is None:
            self.add_error(
                "grade", f"“{grade}” is not a grade on the {self.framework} scale: correct it, or untick the judgement"
            )
        return data


class RecommendationForm(_ItemForm):
    section = forms.CharField(label="Section", max_length=300, required=False)
    timescale = forms.ChoiceField(
        label="Timescale",
        choices=rules.Timescale.choices,
        error_messages={"required": "Choose the recommendation's timescale"},
    )
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._finish("recommendation", Field.text("section"), Field.select("timescale"), Field.textarea("text", rows=4))

    def clean(self):
        data = super().clean()
        self._required_if_kept("text")
        return data


class FindingForm(_ItemForm):
    kind = forms.ChoiceField(
        label="Kind of finding",
        choices=OfstedFinding.Kind.choices,
        error_messages={"required": "Choose the kind of finding"},
    )
    text = forms.CharField(label="Finding", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._finish("finding", Field.select("kind"), Field.textarea("text", rows=4))

    def clean(self):
        data = super().clean()
        self._required_if_kept("text")
        return data


class MeasureForm(_ItemForm):
    theme = forms.CharField(label="Theme", max_length=300, required=False)
    text = forms.CharField(label="Measure", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._finish("measure", Field.text("theme"), Field.textarea("text", rows=5))

    def clean(self):
        data = super().clean()
        self._required_if_kept("theme", "text")
        return data


def item_forms(form_class, items: list[dict], data=None, *, prefix: str, **kwargs) -> list[forms.Form]:
    """One form per extracted item, in the extraction's order (the number of forms is the
    extraction's, whatever a request claims)."""
    return [
        form_class(data, prefix=f"{prefix}-{i}", initial={"keep": True, **item}, **kwargs)
        for i, item in enumerate(items)
    ]
