"""Forms of the import page: they validate and normalise; the importing service saves."""

from __future__ import annotations

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout, Size, Submit
from django import forms
from django.core.exceptions import ValidationError

from . import grading, importing, rules
from .forms_gds import GovDateField
from .models import Council


def _helper(*fields, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    helper.form_method = "post"
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(*fields)
    return helper


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


class HeaderForm(forms.Form):
    title = forms.CharField(label="Title", max_length=300)
    published = GovDateField(label="Publication date")
    lead_inspector = forms.CharField(label="Lead inspector", max_length=200, required=False)

    def __init__(self, *args, notice: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if notice:
            self.fields["published"].label = "Date issued"
            self.fields["published"].help_text = "The notice does not always state it. For example, 15 6 2012"
            del self.fields["lead_inspector"]
        self.fields["published"].error_messages["required"] = f"Enter the {self.fields['published'].label.lower()}"
        fields = [Field.text("title"), Field("published", context={"legend_size": Size.for_legend(Size.SMALL)})]
        if not notice:
            fields.append(Field.text("lead_inspector", field_width=20))
        self.helper = _helper(*fields, form_tag=False)
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
                self.add_error(
                    name, f"Enter the {self.fields[name].label.lower()}, or untick “{self.fields['keep'].label}”"
                )


class JudgementForm(_ItemForm):
    section = forms.CharField(label="Section", max_length=300, required=False)
    area = forms.CharField(label="Area judged", max_length=300, required=False)
    grade = forms.CharField(label="Grade as written", max_length=100, required=False)

    def __init__(self, *args, framework: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
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
    timescale = forms.ChoiceField(label="Timescale", choices=rules.Timescale.choices)
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._finish("recommendation", Field.text("section"), Field.select("timescale"), Field.textarea("text", rows=4))

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
