"""The API's view of the improvement journey: each council's DfE intervention stage (from the one
rule, ``inspections.intervention``), its notices with their reviews, its statutory directions,
and its Ofsted activity between inspections with findings and action plan deadlines."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.response import Response

from inspections.intervention import Stage, intervention_stage
from inspections.models import (
    ImprovementNotice,
    NoticeDate,
    NoticeReview,
    OfstedActivity,
    OfstedFinding,
    PostInspectionPlan,
    StatutoryDirection,
)

from . import links, views


class InterventionStageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices, help_text="Where the council stands today.")
    label = serializers.CharField()
    since = serializers.DateField(allow_null=True)
    next_review = serializers.DateField(
        allow_null=True, help_text="For a month-only review date ('April 2013'), the month's last day."
    )
    next_review_label = serializers.CharField(allow_blank=True, help_text="As the notice gives it.")
    reviews_without_outcome = serializers.ListField(
        child=serializers.CharField(), help_text="Review dates passed, or reviews held, with no outcome recorded."
    )


def stage_data(stage) -> dict:
    return {
        "stage": stage.stage.value,
        "label": stage.label,
        "since": stage.since,
        "next_review": stage.next_review,
        "next_review_label": stage.next_review_label,
        "reviews_without_outcome": stage.reviews_without_outcome,
    }


class ReviewSerializer(serializers.ModelSerializer):
    letter = serializers.CharField(help_text="The review letter's text, as written, where it was recorded.")
    has_letter_file = serializers.SerializerMethodField(help_text="Whether the review letter's file is held.")
    letter_file_url = serializers.SerializerMethodField(
        help_text="Where a person signed in to the web downloads the review letter's file (a PDF or Word "
        "document): the service's own download page, open to whoever may see the council, as on the "
        "intervention page. Null when none is held."
    )
    letter_file_api_url = serializers.SerializerMethodField(
        help_text="The review letter's file for API clients: it answers to the same token as this view. "
        "Null when none is held."
    )

    class Meta:
        model = NoticeReview
        fields = [
            "held_on",
            "attendees",
            "outcome",
            "letter",
            "has_letter_file",
            "letter_file_url",
            "letter_file_api_url",
        ]

    def get_has_letter_file(self, review) -> bool:
        return bool(review.letter_file)

    def _letter(self, review, name: str) -> str | None:
        if not review.letter_file:
            return None
        return links.object_url(self.context["request"], name, review.notice.council.ons_code, review.pk)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_letter_file_url(self, review) -> str | None:
        return self._letter(review, "inspections:review_letter")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_letter_file_api_url(self, review) -> str | None:
        return self._letter(review, "api:review_letter")


class NoticeDateWithReportSerializer(serializers.ModelSerializer):
    label = serializers.CharField(read_only=True, help_text="As the notice gives it: 'October 2012'.")

    class Meta:
        model = NoticeDate
        fields = ["kind", "date", "precision", "label", "submitted_on"]


class NoticeHistorySerializer(serializers.ModelSerializer):
    dates = NoticeDateWithReportSerializer(many=True, read_only=True)
    reviews = ReviewSerializer(many=True, read_only=True)
    previous_issued = serializers.DateField(
        source="previous.issued", allow_null=True, default=None, help_text="The notice this one revises or replaces."
    )
    lift_letter_file_url = serializers.SerializerMethodField(
        help_text="Where a person signed in to the web downloads DfE's letter lifting the notice, where it was "
        "lifted by letter and the letter is held. Null otherwise."
    )
    lift_letter_file_api_url = serializers.SerializerMethodField(
        help_text="The letter lifting the notice for API clients: it answers to the same token as this view. "
        "Null when none is held."
    )

    class Meta:
        model = ImprovementNotice
        fields = [
            "title",
            "issued",
            "status",
            "status_changed_on",
            "relation",
            "previous_issued",
            "lift_letter_file_url",
            "lift_letter_file_api_url",
            "dates",
            "reviews",
        ]

    def _letter(self, notice, name: str) -> str | None:
        if not notice.lift_letter_file:
            return None
        return links.object_url(self.context["request"], name, notice.council.ons_code, notice.pk)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_lift_letter_file_url(self, notice) -> str | None:
        return self._letter(notice, "inspections:notice_letter")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_lift_letter_file_api_url(self, notice) -> str | None:
        return self._letter(notice, "api:notice_letter")


class DirectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatutoryDirection
        fields = [
            "issued",
            "basis",
            "appointee_role",
            "appointee_name",
            "instructions",
            "report_due",
            "report_submitted",
            "recommendation",
            "recommendation_as_written",
            "next_review",
            "ended_on",
            "end",
        ]


class InterventionSerializer(serializers.Serializer):
    stage = InterventionStageSerializer()
    notices = NoticeHistorySerializer(many=True)
    directions = DirectionSerializer(many=True)


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = OfstedFinding
        fields = ["kind", "heading_as_written", "text"]


class ActionPlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = PostInspectionPlan
        fields = [
            "stage",
            "counted_from",
            "working_days",
            "due",
            "basis",
            "submitted",
            "ofsted_response",
            "ofsted_response_on",
        ]


class OfstedActivitySerializer(serializers.ModelSerializer):
    follows = serializers.IntegerField(
        source="follows_id",
        allow_null=True,
        help_text="The id of the inspection it follows (see the inspections list).",
    )
    findings = FindingSerializer(many=True, read_only=True)
    action_plans = ActionPlanSerializer(many=True, read_only=True)

    class Meta:
        model = OfstedActivity
        # Everything recorded but the council (in the URL), the stored letter and the row's own date.
        exclude = ["council", "source_file", "created_at"]


@extend_schema_view(
    get=extend_schema(
        summary="A council's DfE intervention: its stage today, its notices with their "
        "reviews, and its statutory directions",
        parameters=[views.ONS_CODE],
    )
)
class CouncilIntervention(generics.GenericAPIView):
    serializer_class = InterventionSerializer
    pagination_class = None

    def get(self, request, ons_code: str):
        council = views._council(request, ons_code)
        notices = (
            ImprovementNotice.objects.filter(council=council)
            .select_related("council", "previous")
            .prefetch_related("dates", "reviews")
            .order_by("issued")
        )
        data = {
            "stage": stage_data(intervention_stage(council, on=timezone.localdate())),
            "notices": notices,
            "directions": StatutoryDirection.objects.filter(council=council).order_by("issued"),
        }
        return Response(self.get_serializer(data).data)


@extend_schema_view(
    get=extend_schema(
        summary="A council's Ofsted activity between inspections (monitoring and focused "
        "visits, JTAIs, annual engagement meetings, unannounced inspections)",
        parameters=[views.ONS_CODE],
    )
)
class CouncilOfstedActivity(generics.ListAPIView):
    serializer_class = OfstedActivitySerializer

    def get_queryset(self):
        council = views._council(self.request, self.kwargs["ons_code"])
        return (
            OfstedActivity.objects.filter(council=council)
            .prefetch_related(
                Prefetch("findings", queryset=OfstedFinding.objects.order_by("order")),
                Prefetch("action_plans", queryset=PostInspectionPlan.objects.order_by("due")),
            )
            .order_by("-published", "-started", "pk")
        )
