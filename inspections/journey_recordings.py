"""What can be recorded on a council's journey pages, one entry each: the record it is about, its
form, the check-your-answers rows, and the service that saves it. The views
(``journey_views.record`` and ``record_check``) run every one the same way."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import intervention_forms, intervention_services, journey_forms, ofsted_services
from .models import (
    Council,
    ImprovementNotice,
    NoticeDate,
    NoticeReview,
    OfstedActivity,
    PostInspectionPlan,
    StatutoryDirection,
)

Rows = list[tuple[str, str, str]]  # (question, answer, the field its "Change" link goes to; "" for none)


def _date(value: datetime.date | None) -> str:
    return f"{value:%-d %B %Y}" if value else "Not given"


def _or(value, empty: str = "Not given") -> str:
    return str(value).strip() if value not in (None, "") and str(value).strip() else empty


@dataclass(frozen=True)
class Recording:
    name: str  # the URL name, in the inspections namespace
    title: str
    form: type
    rows: Callable[[dict, object], Rows]
    save: Callable[..., tuple[str, object]]  # (council=, target=, data=, form=) -> (what was done, the record)
    page: str  # "ofsted" or "intervention": where the person goes back to
    load: Callable[[Council, int], object] | None = None  # the record it is about, or 404
    intro: str = ""
    initial: Callable[[object, dict], dict] = field(default=lambda target, query: {})

    def anchor(self, target) -> str:
        """Where on its page the record is (the person is sent back there)."""
        if isinstance(target, PostInspectionPlan):
            return f"#activity-{target.activity_id}" if target.activity_id else "#inspection-plans"
        if isinstance(target, OfstedActivity):
            return f"#activity-{target.pk}"
        notice = getattr(target, "notice", target)
        if isinstance(notice, ImprovementNotice):
            return f"#notice-{notice.pk}"
        if isinstance(target, StatutoryDirection):
            return f"#direction-{target.pk}"
        return ""


# --- Ofsted between inspections -------------------------------------------------------------


def _activity_rows(data: dict, target) -> Rows:
    kind = OfstedActivity.Kind(data["kind"]).label
    follows = data.get("follows")
    rows = [
        ("What it was", kind, "kind_1"),
        (
            "The inspection it follows",
            f"{follows.title} ({follows.framework.code}, {follows.published:%B %Y})" if follows else "None",
            "follows",
        ),
    ]
    if data["kind"] == OfstedActivity.Kind.MONITORING_VISIT:
        rows.append(("Monitoring visit number", _or(data.get("number"), "The next after those recorded"), "number"))
    rows += [
        ("Title of the letter", _or(data.get("title")), "title"),
        ("What it looked at", _or(data.get("focus")), "focus"),
        ("First day of the visit or meeting", _date(data.get("started")), "started_0"),
        ("Last day of the visit", _date(data.get("ended")), "ended_0"),
        ("Date of the letter", _date(data.get("published")), "published_0"),
        ("Lead inspector", _or(data.get("lead_inspector")), "lead_inspector"),
        ("Inspectorates", _or(data.get("inspectorates")), "inspectorates"),
        (
            "Judgement, as the letter writes it",
            _or(data.get("judgement_as_written"), "Ungraded"),
            "judgement_as_written",
        ),
    ]
    for name, kind_value, label in journey_forms.FINDING_FIELDS:
        text = (data.get(name) or "").strip()
        count = len([p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()])
        rows.append((f"{label} ({count})", text or "None", name))
    return rows


def _activity_fields(data: dict) -> dict:
    return {name: data.get(name) for name in ofsted_services.CORRECTABLE}


def _activity_add(*, council, target, data, form) -> str:
    activity = ofsted_services.record_ofsted_activity(
        council=council, findings=form.findings(), **_activity_fields(data)
    )
    plans = activity.action_plans.count()
    return f"Recorded the {activity.label[0].lower()}{activity.label[1:]}" + (
        f", with {plans} action plan deadline{'s' if plans != 1 else ''}" if plans else ""
    ), activity


def _activity_edit(*, council, target, data, form) -> str:
    activity = ofsted_services.ofsted_activity_update(
        activity=target, findings=form.findings(), **_activity_fields(data)
    )
    return f"Saved the changes to the {activity.label[0].lower()}{activity.label[1:]}", activity


def _activity_load(council: Council, pk: int) -> OfstedActivity:
    return get_object_or_404(OfstedActivity.objects.select_related("council"), pk=pk, council=council)


def _plan_deadline_rows(data: dict, target) -> Rows:
    inspection = data["inspection"]
    return [
        (
            "Inspection",
            f"{inspection.title} ({inspection.framework.code}, {inspection.published:%-d %B %Y})",
            "inspection",
        ),
        ("Working days", _or(data.get("working_days"), "The framework's own deadline"), "working_days"),
        ("Where the deadline comes from", _or(data.get("basis"), "The framework"), "basis"),
    ]


def _plan_deadline_save(*, council, target, data, form) -> str:
    plans = ofsted_services.action_plan_deadlines_set(
        inspection=data["inspection"], working_days=data.get("working_days"), basis=(data.get("basis") or "").strip()
    )
    done = "; ".join(f"{p.get_stage_display().lower()} due {p.due:%-d %B %Y}" for p in plans)
    return f"Set the action plan deadline: {done}", plans[0]


def _plan_load(council: Council, pk: int) -> PostInspectionPlan:
    plan = get_object_or_404(
        PostInspectionPlan.objects.select_related("activity__council", "inspection__council"), pk=pk
    )
    owner = plan.activity.council if plan.activity_id else plan.inspection.council
    if owner != council:
        raise Http404("No such action plan for this council.")
    return plan


def _plan_submitted_rows(data: dict, target) -> Rows:
    return [
        ("Plan", f"{target.get_stage_display()} due {target.due:%-d %B %Y}", ""),
        ("Date the plan was sent to Ofsted", _date(data["submitted"]), "submitted_0"),
        ("Ofsted's response", _or(data.get("ofsted_response"), "None yet"), "ofsted_response"),
        ("Date of Ofsted's response", _date(data.get("ofsted_response_on")), "ofsted_response_on_0"),
    ]


def _plan_submitted_save(*, council, target, data, form) -> str:
    plan = ofsted_services.action_plan_submission_record(
        plan=target,
        submitted=data["submitted"],
        ofsted_response=(data.get("ofsted_response") or "").strip(),
        ofsted_response_on=data.get("ofsted_response_on"),
    )
    late = " (late)" if plan.submitted_late else ""
    return f"Recorded that the {plan.get_stage_display().lower()} was sent on {plan.submitted:%-d %B %Y}{late}", plan


# --- DfE intervention ------------------------------------------------------------------------


def _notice_load(council: Council, pk: int) -> ImprovementNotice:
    return get_object_or_404(ImprovementNotice.objects.select_related("council", "inspection"), pk=pk, council=council)


def _file_name(upload) -> str:
    return upload.name.rsplit("/", 1)[-1] if upload else "None"


def _review_rows(data: dict, target: ImprovementNotice) -> Rows:
    scheduled = data.get("scheduled")
    outcome = data.get("outcome")
    return [
        ("Notice", f"{target.title} of {target.issued:%-d %B %Y}", ""),
        ("Date of the review", _date(data["held_on"]), "held_on_0"),
        (
            "Review date it answers",
            f"{scheduled.get_kind_display()} due {scheduled.label}" if scheduled else "None",
            "scheduled",
        ),
        ("Who attended", _or(data.get("attendees")), "attendees"),
        ("Outcome", NoticeReview.Outcome(outcome).label if outcome else "Not known yet", "outcome_1"),
        ("The review letter", _file_name(data.get("letter_file")), "letter_file"),
    ]


def _review_save(*, council, target, data, form) -> str:
    review = intervention_services.notice_review_record(
        notice=target,
        held_on=data["held_on"],
        scheduled=data.get("scheduled"),
        attendees=(data.get("attendees") or "").strip(),
        outcome=data.get("outcome") or "",
        letter_file=data.get("letter_file"),
    )
    outcome = review.get_outcome_display().lower() if review.outcome else "outcome not known yet"
    return f"Recorded the review of {review.held_on:%-d %B %Y}: {outcome}", review


def _review_load(council: Council, pk: int) -> NoticeReview:
    return get_object_or_404(NoticeReview.objects.select_related("notice__council"), pk=pk, notice__council=council)


def _outcome_rows(data: dict, target: NoticeReview) -> Rows:
    return [
        ("Review", f"Held {target.held_on:%-d %B %Y}", ""),
        ("Outcome", NoticeReview.Outcome(data["outcome"]).label, "outcome_1"),
        ("The review letter", _file_name(data.get("letter_file")), "letter_file"),
    ]


def _outcome_save(*, council, target, data, form) -> str:
    review = intervention_services.notice_review_outcome_record(
        review=target, outcome=data["outcome"], letter_file=data.get("letter_file")
    )
    outcome = review.get_outcome_display().lower()
    return f"Recorded the outcome of the review of {review.held_on:%-d %B %Y}: {outcome}", review


def _revise_rows(data: dict, target: ImprovementNotice) -> Rows:
    themes = data.get("themes")
    text = (
        "\n".join(
            f"{n}. {t.title}\n" + "\n".join(f"   {n}.{m} {measure}" for m, measure in enumerate(t.measures, 1))
            for n, t in enumerate(themes, 1)
        )
        if themes
        else "Carried over from the earlier notice"
    )
    return [
        ("Earlier notice", f"{target.title} of {target.issued:%-d %B %Y}", ""),
        ("The new notice", ImprovementNotice.Relation(data["relation"]).label + " it", "relation_1"),
        ("Date the new notice was issued", _date(data["issued"]), "issued_0"),
        ("Title", data["title"], "title"),
        ("Compliance date", _date(data.get("compliance")), "compliance_0"),
        ("First DfE review date", _date(data.get("review")), "review_0"),
        ("First report to ministers", _date(data.get("report")), "report_0"),
        ("Themes and measures", text, "themes"),
    ]


def _revise_save(*, council, target, data, form) -> str:
    kinds = (
        ("compliance", NoticeDate.Kind.COMPLIANCE),
        ("review", NoticeDate.Kind.REVIEW),
        ("report", NoticeDate.Kind.MINISTERIAL_REPORT),
    )
    themes = data.get("themes")
    notice = intervention_services.notice_revise(
        previous=target,
        relation=data["relation"],
        issued=data["issued"],
        title=data["title"],
        dates=[(kind, data[name]) for name, kind in kinds if data.get(name)],
        themes=[(t.title, list(t.measures)) for t in themes] if themes else None,
    )
    return (
        f"Recorded the {notice.title} of {notice.issued:%-d %B %Y}, which {notice.relation} the earlier notice",
        notice,
    )


def _direction_rows(data: dict, target) -> Rows:
    notice, previous = data.get("follows_notice"), data.get("previous")
    return [
        ("Date the direction was issued", _date(data["issued"]), "issued_0"),
        ("The law it is made under", data["basis"], "basis"),
        (
            "The notice it escalates",
            f"{notice.title} of {notice.issued:%-d %B %Y}" if notice else "None",
            "follows_notice",
        ),
        ("The direction it replaces", f"Direction of {previous.issued:%-d %B %Y}" if previous else "None", "previous"),
        ("Who it appoints", StatutoryDirection.Appointee(data["appointee_role"]).label, "appointee_role_1"),
        ("Their name", _or(data.get("appointee_name")), "appointee_name"),
        ("What the direction requires", _or(data.get("instructions")), "instructions"),
        ("Date the report is due", _date(data.get("report_due")), "report_due_0"),
        ("Next review date", _date(data.get("next_review")), "next_review_0"),
    ]


def _direction_save(*, council, target, data, form) -> str:
    direction = intervention_services.statutory_direction_create(
        council=council,
        issued=data["issued"],
        basis=data["basis"].strip(),
        follows_notice=data.get("follows_notice"),
        previous=data.get("previous"),
        appointee_role=data["appointee_role"],
        appointee_name=(data.get("appointee_name") or "").strip(),
        instructions=(data.get("instructions") or "").strip(),
        report_due=data.get("report_due"),
        next_review=data.get("next_review"),
    )
    return f"Recorded the statutory direction of {direction.issued:%-d %B %Y}", direction


def _direction_load(council: Council, pk: int) -> StatutoryDirection:
    return get_object_or_404(StatutoryDirection.objects.select_related("council"), pk=pk, council=council)


def _direction_report_rows(data: dict, target: StatutoryDirection) -> Rows:
    return [
        ("Direction", f"Direction of {target.issued:%-d %B %Y}", ""),
        ("Date of the report", _date(data["submitted"]), "submitted_0"),
        ("What it recommends", StatutoryDirection.Recommendation(data["recommendation"]).label, "recommendation_1"),
        ("What the report says", _or(data.get("recommendation_as_written")), "recommendation_as_written"),
    ]


def _direction_report_save(*, council, target, data, form) -> str:
    direction = intervention_services.statutory_direction_report_record(
        direction=target,
        submitted=data["submitted"],
        recommendation=data["recommendation"],
        recommendation_as_written=(data.get("recommendation_as_written") or "").strip(),
    )
    recommendation = direction.get_recommendation_display().lower()
    return f"Recorded the report of {direction.report_submitted:%-d %B %Y}: {recommendation}", direction


def _direction_end_rows(data: dict, target: StatutoryDirection) -> Rows:
    return [
        ("Direction", f"Direction of {target.issued:%-d %B %Y}", "ended_on_0"),
        ("Date it was revoked", _date(data["ended_on"]), "ended_on_0"),
        ("What replaced it", StatutoryDirection.End(data["end"]).label, "end_1"),
    ]


def _direction_end_save(*, council, target, data, form) -> str:
    direction = intervention_services.statutory_direction_end(
        direction=target, ended_on=data["ended_on"], end=data["end"]
    )
    return (
        f"Recorded that the direction of {direction.issued:%-d %B %Y} was revoked on {direction.ended_on:%-d %B %Y}",
        direction,
    )


def _report_load(council: Council, pk: int) -> NoticeDate:
    return get_object_or_404(
        NoticeDate.objects.select_related("notice__council"),
        pk=pk,
        notice__council=council,
        kind=NoticeDate.Kind.MINISTERIAL_REPORT,
    )


def _report_rows(data: dict, target: NoticeDate) -> Rows:
    return [
        ("Report to ministers", f"Due {target.label}", ""),
        ("Date the report was sent", _date(data["submitted_on"]), "submitted_on_0"),
    ]


def _report_save(*, council, target, data, form) -> str:
    report = intervention_services.ministerial_report_submitted(report_date=target, submitted_on=data["submitted_on"])
    return (
        f"Recorded that the report to ministers due {report.label} was sent on {report.submitted_on:%-d %B %Y}",
        report,
    )


def _from_query(name: str, parameter: str, choices=None) -> Callable[[object, dict], dict]:
    def initial(target, query) -> dict:
        value = query.get(parameter, "")
        return {name: value} if value and (choices is None or value in choices) else {}

    return initial


RECORDINGS: dict[str, Recording] = {
    r.name: r
    for r in (
        Recording(
            "ofsted_add",
            "Record a visit or meeting",
            journey_forms.ActivityForm,
            _activity_rows,
            _activity_add,
            "ofsted",
            intro="A monitoring, planning or focused visit, a joint targeted area inspection, an annual engagement "
            "meeting, or an unannounced inspection of 2009 to 2012, with its findings as the letter writes them.",
        ),
        Recording(
            "ofsted_edit",
            "Change a visit or meeting",
            journey_forms.ActivityForm,
            _activity_rows,
            _activity_edit,
            "ofsted",
            load=_activity_load,
            initial=lambda target, query: journey_forms.ActivityForm.initial_from(target),
        ),
        Recording(
            "plan_deadline",
            "Set the action plan deadline after an inspection",
            journey_forms.PlanDeadlineForm,
            _plan_deadline_rows,
            _plan_deadline_save,
            "ofsted",
            intro="The written action plan the council sends Ofsted after an inspection, counted in working days "
            "from the report (weekends and bank holidays in England do not count).",
        ),
        Recording(
            "plan_submitted",
            "Record that the action plan was sent",
            journey_forms.PlanSubmittedForm,
            _plan_submitted_rows,
            _plan_submitted_save,
            "ofsted",
            load=_plan_load,
        ),
        Recording(
            "review_add",
            "Record a DfE review",
            intervention_forms.ReviewForm,
            _review_rows,
            _review_save,
            "intervention",
            load=_notice_load,
            intro="A review of the improvement notice, with its outcome if it is known. A review that lifts the "
            "notice ends it from the day of the review.",
            initial=_from_query("outcome", "outcome", NoticeReview.Outcome.values),
        ),
        Recording(
            "review_outcome",
            "Record the outcome of a review",
            intervention_forms.ReviewOutcomeForm,
            _outcome_rows,
            _outcome_save,
            "intervention",
            load=_review_load,
        ),
        Recording(
            "notice_revise",
            "Record a revised or replacement notice",
            intervention_forms.NoticeReviseForm,
            _revise_rows,
            _revise_save,
            "intervention",
            load=_notice_load,
            intro="The earlier notice ends on the day the new one is issued, and the two are linked.",
        ),
        Recording(
            "direction_add",
            "Record a statutory direction",
            intervention_forms.DirectionForm,
            _direction_rows,
            _direction_save,
            "intervention",
            intro="A direction under section 497A of the Education Act 1996. The notice it escalates, or the "
            "direction it replaces, ends on the day it is issued.",
            initial=_from_query("previous", "replaces"),
        ),
        Recording(
            "direction_report",
            "Record the commissioner's or adviser's report",
            intervention_forms.DirectionReportForm,
            _direction_report_rows,
            _direction_report_save,
            "intervention",
            load=_direction_load,
        ),
        Recording(
            "direction_end",
            "Record that a direction was revoked",
            intervention_forms.DirectionEndForm,
            _direction_end_rows,
            _direction_end_save,
            "intervention",
            load=_direction_load,
        ),
        Recording(
            "report_sent",
            "Record that a report to ministers was sent",
            intervention_forms.ReportSentForm,
            _report_rows,
            _report_save,
            "intervention",
            load=_report_load,
        ),
    )
}
