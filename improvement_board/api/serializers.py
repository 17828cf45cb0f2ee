"""What the API returns. Every serializer is read-only: the API changes nothing."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from actions.models import Action, ImprovementPlan
from actions.rules import Rag, Status
from improvement_board.models import BoardReport
from inspections.grading import Level
from inspections.intervention import Stage, intervention_stage
from inspections.models import Council, ImprovementNotice, Inspection, Judgement, NoticeDate, Recommendation

from . import links


class CouncilSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:council", lookup_field="ons_code", read_only=True)
    intervention_stage = serializers.SerializerMethodField(
        help_text="Where the council stands in DfE intervention today (details at its intervention URL)."
    )

    class Meta:
        model = Council
        fields = [
            "ons_code",
            "name",
            "short_name",
            "kind",
            "la_number",
            "region",
            "is_current",
            "intervention_stage",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field({"type": "string", "enum": [s.value for s in Stage]})
    def get_intervention_stage(self, council) -> str:
        stages = self.context.get("stages")
        if stages is not None and council.pk in stages:
            return stages[council.pk].stage.value
        return intervention_stage(council, on=timezone.localdate()).stage.value


class NoticeDateSerializer(serializers.ModelSerializer):
    class Meta:
        model = NoticeDate
        fields = ["kind", "date", "precision"]


class NoticeSerializer(serializers.ModelSerializer):
    dates = NoticeDateSerializer(many=True, read_only=True)

    class Meta:
        model = ImprovementNotice
        fields = ["title", "issued", "status", "status_changed_on", "dates"]


class PlanSummarySerializer(serializers.ModelSerializer):
    rag = serializers.SerializerMethodField()

    class Meta:
        model = ImprovementPlan
        fields = ["title", "agreed_on", "is_synthetic", "rag"]

    @extend_schema_field(
        {
            "type": "object",
            "properties": {r.value: {"type": "integer"} for r in Rag},
            "required": [r.value for r in Rag],
        }
    )
    def get_rag(self, plan) -> dict:
        return self.context["rag"]


class CouncilDetailSerializer(CouncilSerializer):
    notices = NoticeSerializer(many=True, read_only=True)
    plan = serializers.SerializerMethodField()
    statistical_neighbours = serializers.SerializerMethodField()
    inspections_url = serializers.SerializerMethodField()
    actions_url = serializers.SerializerMethodField()
    indicators_url = serializers.SerializerMethodField()
    reports_url = serializers.SerializerMethodField()
    intervention_url = serializers.SerializerMethodField()
    ofsted_activity_url = serializers.SerializerMethodField()

    class Meta(CouncilSerializer.Meta):
        fields = CouncilSerializer.Meta.fields + [
            "region_code",
            "ofsted_region",
            "notices",
            "plan",
            "statistical_neighbours",
            "inspections_url",
            "actions_url",
            "indicators_url",
            "reports_url",
            "intervention_url",
            "ofsted_activity_url",
        ]
        read_only_fields = fields

    @extend_schema_field(PlanSummarySerializer(allow_null=True))
    def get_plan(self, council):
        plan = self.context.get("plan")
        return PlanSummarySerializer(plan, context=self.context).data if plan else None

    def get_statistical_neighbours(self, council) -> list[str]:
        return [n.neighbour.ons_code for n in council.statistical_neighbours.all()]

    def _link(self, council, name) -> str:
        from django.urls import reverse

        return self.context["request"].build_absolute_uri(reverse(f"api:{name}", kwargs={"ons_code": council.ons_code}))

    def get_inspections_url(self, council) -> str:
        return self._link(council, "inspections")

    def get_actions_url(self, council) -> str:
        return self._link(council, "actions")

    def get_indicators_url(self, council) -> str:
        return self._link(council, "indicators")

    def get_reports_url(self, council) -> str:
        return self._link(council, "reports")

    def get_intervention_url(self, council) -> str:
        return self._link(council, "intervention")

    def get_ofsted_activity_url(self, council) -> str:
        return self._link(council, "ofsted_activity")


class JudgementSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.name", allow_null=True, default=None)
    level = serializers.ChoiceField(choices=Level.choices)

    class Meta:
        model = Judgement
        fields = ["section", "area", "grade_as_written", "level"]


class RecommendationSerializer(serializers.ModelSerializer):
    section = serializers.CharField(source="section.name", allow_null=True, default=None)

    class Meta:
        model = Recommendation
        fields = ["id", "number", "section", "text", "timescale", "timescale_as_written", "due_date"]


class InspectionSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="framework.code")
    framework_name = serializers.CharField(source="framework.name")
    judgements = JudgementSerializer(many=True, read_only=True)
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = Inspection
        # Everything recorded but the council (in the URL), the document it was read from and the row's own date.
        exclude = ["council", "source_name", "source_file", "created_at"]


class RecommendationRefSerializer(serializers.ModelSerializer):
    inspection = serializers.IntegerField(source="inspection_id")

    class Meta:
        model = Recommendation
        fields = ["id", "inspection", "number", "text"]


class MeasureRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    reference = serializers.CharField()
    text = serializers.CharField()


class ActionSerializer(serializers.ModelSerializer):
    rag = serializers.ChoiceField(choices=Rag.choices, help_text="By the board's rules on today's date.")
    overdue = serializers.BooleanField()
    deadline = serializers.DateField(help_text="The agreed revised due date if there is one, else the due date.")
    status = serializers.ChoiceField(choices=Status.choices)
    lead_organisation = serializers.CharField(source="lead_organisation.name")
    recommendations = RecommendationRefSerializer(many=True, read_only=True)
    measures = MeasureRefSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "reference",
            "title",
            "status",
            "rag",
            "reported_rag",
            "start_date",
            "due_date",
            "revised_due_date",
            "deadline",
            "overdue",
            "lead_organisation",
            "last_updated_at",
            "recommendations",
            "measures",
        ]


class ActionFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Status.choices, required=False)
    rag = serializers.ChoiceField(choices=Rag.choices, required=False)
    overdue = serializers.BooleanField(required=False, allow_null=True, default=None)


INDICATOR_KINDS = [("plan", "The plan's own indicator"), ("published", "DfE's published indicator")]


class IndicatorValueSerializer(serializers.Serializer):
    period = serializers.CharField(help_text="A month (YYYY-MM) for plan indicators; the year as published.")
    value = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True, coerce_to_string=True)
    missing_reason = serializers.CharField(allow_blank=True)
    england = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True, coerce_to_string=True)
    region = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True, coerce_to_string=True)
    neighbours = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        allow_null=True,
        coerce_to_string=True,
        help_text="The average of the statistical neighbours with a value that period.",
    )


class IndicatorSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=INDICATOR_KINDS)
    code = serializers.CharField()
    name = serializers.CharField()
    definition = serializers.CharField(allow_blank=True)
    unit = serializers.CharField()
    polarity = serializers.ChoiceField(choices=[("higher", "Higher is better"), ("lower", "Lower is better")])
    target = serializers.DecimalField(max_digits=14, decimal_places=4, allow_null=True, coerce_to_string=True)
    target_date = serializers.DateField(allow_null=True)
    values = IndicatorValueSerializer(many=True)


class BoardReportSerializer(serializers.ModelSerializer):
    board = serializers.CharField(source="board.name")
    board_slug = serializers.CharField(source="board.slug")
    download_url = serializers.SerializerMethodField(
        help_text="The report's download page in the service, for a person signed in to the web."
    )
    file_url = serializers.SerializerMethodField(
        help_text="The report's PDF for API clients: it answers to the same token as this list."
    )

    class Meta:
        model = BoardReport
        fields = [
            "id",
            "board",
            "board_slug",
            "period",
            "version",
            "generated_at",
            "size",
            "checksum",
            "download_url",
            "file_url",
        ]

    def get_download_url(self, report) -> str:
        from improvement_board.dashboards.council import report_download_url

        return self.context["request"].build_absolute_uri(report_download_url(report))

    def get_file_url(self, report) -> str:
        return links.object_url(self.context["request"], "api:report_file", report.board.council.ons_code, report.pk)
