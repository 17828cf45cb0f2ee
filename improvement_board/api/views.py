"""The API's views: thin, read-only (GET and HEAD; the ``ReadOnly`` permission answers 405 to
anything else), scoped like the pages by ``permissions.visible_councils`` (404 for a council the
user may not see). DRF's generic list and retrieve views are used where they save the paging
and schema plumbing; each states its queryset and serializer and nothing more."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from actions import rules
from actions import selectors as action_selectors
from actions.models import Action, IndicatorValue
from improvement_board.accounts import access as permissions
from improvement_board.models import BoardReport
from inspections import selectors as inspection_selectors
from inspections.intervention import intervention_stages
from inspections.models import (
    Council,
    ImprovementNotice,
    Inspection,
    Judgement,
    NoticeMeasure,
    Recommendation,
    StatisticalNeighbour,
)

from . import serializers

ONS_CODE = OpenApiParameter(
    "ons_code",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    description="The council's ONS code, e.g. E09000029 for Sutton.",
    examples=[OpenApiExample("Sutton", value="E09000029"), OpenApiExample("Southwark", value="E09000028")],
)


def _council(request, ons_code: str) -> Council:
    return get_object_or_404(permissions.visible_councils(request.user), ons_code=ons_code)


@extend_schema_view(get=extend_schema(summary="The councils you may see"))
class CouncilList(generics.ListAPIView):
    serializer_class = serializers.CouncilSerializer

    def get_queryset(self):
        return permissions.visible_councils(self.request.user).order_by("short_name", "pk")

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        councils = list(page if page is not None else self.get_queryset())
        stages = intervention_stages(councils, on=timezone.localdate())  # four queries for the page
        serializer = self.get_serializer(
            councils, many=True, context=self.get_serializer_context() | {"stages": stages}
        )
        return self.get_paginated_response(serializer.data) if page is not None else Response(serializer.data)


@extend_schema_view(
    get=extend_schema(summary="One council, its notices and its plan's RAG summary", parameters=[ONS_CODE])
)
class CouncilDetail(generics.RetrieveAPIView):
    serializer_class = serializers.CouncilDetailSerializer
    lookup_field = "ons_code"
    pagination_class = None

    def get_queryset(self):
        return permissions.visible_councils(self.request.user).prefetch_related(
            Prefetch("notices", queryset=ImprovementNotice.objects.prefetch_related("dates").order_by("-issued")),
            Prefetch(
                "statistical_neighbours",
                queryset=StatisticalNeighbour.objects.select_related("neighbour").order_by("rank"),
            ),
        )

    def get_serializer_context(self):
        context = super().get_serializer_context()
        council = getattr(self, "_council_obj", None)
        return context | ({"plan": self._plan, "rag": self._rag} if council else {})

    def retrieve(self, request, *args, **kwargs):
        self._council_obj = self.get_object()
        self._plan = action_selectors.active_plan(self._council_obj)
        self._rag = rules.rag_counts(())
        if self._plan:
            self._rag = action_selectors.plan_rag_counts(self._plan, on=timezone.localdate())
        serializer = self.get_serializer(self._council_obj)
        return Response(serializer.data)


@extend_schema_view(
    get=extend_schema(
        summary="A council's inspections, newest first, with judgements and recommendations", parameters=[ONS_CODE]
    )
)
class CouncilInspections(generics.ListAPIView):
    serializer_class = serializers.InspectionSerializer

    def get_queryset(self):
        council = _council(self.request, self.kwargs["ons_code"])
        return (
            Inspection.objects.filter(council=council)
            .select_related("framework")
            .prefetch_related(
                Prefetch("judgements", queryset=Judgement.objects.select_related("section").order_by("order", "pk")),
                Prefetch(
                    "recommendations", queryset=Recommendation.objects.select_related("section").order_by("number")
                ),
            )
            .order_by("-published", "pk")
        )


@extend_schema_view(
    get=extend_schema(
        summary="The actions of a council's active improvement plan",
        parameters=[ONS_CODE, serializers.ActionFilterSerializer],
    )
)
class CouncilActions(generics.ListAPIView):
    serializer_class = serializers.ActionSerializer

    def get_queryset(self):
        council = _council(self.request, self.kwargs["ons_code"])
        filters = serializers.ActionFilterSerializer(data=self.request.query_params)
        if not filters.is_valid():
            raise ValidationError(filters.errors)
        qs = (
            rules.annotate_rag(
                Action.objects.filter(plan__council=council, plan__is_active=True), on=timezone.localdate()
            )
            .select_related("lead_organisation")
            .prefetch_related(
                Prefetch("recommendations", queryset=Recommendation.objects.order_by("inspection_id", "number")),
                Prefetch(
                    "measures",
                    queryset=NoticeMeasure.objects.select_related("theme").order_by("theme__order", "number"),
                ),
            )
        )
        data = filters.validated_data
        if data.get("status"):
            qs = qs.filter(status=data["status"])
        if data.get("rag"):
            qs = qs.filter(rag=data["rag"])
        if data.get("overdue") is not None:
            qs = qs.filter(overdue=data["overdue"])
        return qs.order_by("order", "pk")


def _plain_period(value) -> str:
    return f"{value:%Y-%m}"


@extend_schema_view(
    get=extend_schema(
        summary="A council's indicators: its plan's own, against target, and DfE's published ones, against England, "
        "its region and its statistical neighbours",
        parameters=[ONS_CODE],
    )
)
class CouncilIndicators(generics.ListAPIView):
    serializer_class = serializers.IndicatorSerializer

    def get_queryset(self):
        council = _council(self.request, self.kwargs["ons_code"])
        out = []
        plan = action_selectors.active_plan(council)
        if plan is not None:
            for indicator in plan.indicators.prefetch_related(
                Prefetch("values", queryset=IndicatorValue.objects.order_by("month"))
            ).order_by("order", "pk"):
                out.append(
                    {
                        "kind": "plan",
                        "code": f"plan-{indicator.pk}",
                        "name": indicator.name,
                        "definition": indicator.definition,
                        "unit": indicator.unit,
                        "polarity": indicator.polarity,
                        "target": indicator.target,
                        "target_date": indicator.target_date,
                        "values": [
                            {
                                "period": _plain_period(v.month),
                                "value": v.value,
                                "missing_reason": "",
                                "england": None,
                                "region": None,
                                "neighbours": None,
                            }
                            for v in indicator.values.all()
                        ],
                    }
                )
        for c in inspection_selectors.indicator_comparisons(council):
            out.append(
                {
                    "kind": "published",
                    "code": c.indicator.code,
                    "name": c.indicator.name,
                    "definition": c.indicator.definition,
                    "unit": c.indicator.unit,
                    "polarity": "higher" if c.indicator.higher_is_better else "lower",
                    "target": None,
                    "target_date": None,
                    "values": [
                        {
                            "period": c.year_labels[i],
                            "value": c.own[i],
                            "missing_reason": c.own_missing[i],
                            "england": c.england[i],
                            "region": c.region[i],
                            "neighbours": c.neighbours[i],
                        }
                        for i in range(len(c.years))
                    ],
                }
            )
        return out


@extend_schema_view(
    get=extend_schema(summary="A council's board reports, newest first, with download links", parameters=[ONS_CODE])
)
class CouncilReports(generics.ListAPIView):
    serializer_class = serializers.BoardReportSerializer

    def get_queryset(self):
        council = _council(self.request, self.kwargs["ons_code"])
        return (
            BoardReport.objects.filter(board__council=council, status=BoardReport.Status.READY)
            .select_related("board__council")
            .order_by("-period", "-version", "pk")
        )
