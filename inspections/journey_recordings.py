"""The Ofsted recordings on a council's "Ofsted between inspections" page (a visit or meeting,
changed; an action plan's deadline, and when it was sent), and :data:`RECORDINGS`, every recording
on the journey pages by its URL name (the DfE ones are in ``intervention_recordings``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import intervention_recordings, journey_forms, ofsted_services
from .models import Council, OfstedActivity, PostInspectionPlan
from .recordings import Recording, Rows, date_text, or_text


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
        rows.append(("Monitoring visit number", or_text(data.get("number"), "The next after those recorded"), "number"))
    rows += [
        ("Title of the letter", or_text(data.get("title")), "title"),
        ("What it looked at", or_text(data.get("focus")), "focus"),
        ("First day of the visit or meeting", date_text(data.get("started")), "started_0"),
        ("Last day of the visit", date_text(data.get("ended")), "ended_0"),
        ("Date of the letter", date_text(data.get("published")), "published_0"),
        ("Lead inspector", or_text(data.get("lead_inspector")), "lead_inspector"),
        ("Inspectorates", or_text(data.get("inspectorates")), "inspectorates"),
        (
            "Judgement, as the letter writes it",
            or_text(data.get("judgement_as_written"), "Ungraded"),
            "judgement_as_written",
        ),
    ]
    for name, kind_value, label in journey_forms.FINDING_FIELDS:
        text = (data.get(name) or "").strip()
        count = len([p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()])
        rows.append((f"{label} ({count})", text or "None", name))
    return rows


def _activity_fields(data: dict) -> dict:
    return {name: data.get(name) for name in ofsted_services.DETAILS}


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
        ("Working days", or_text(data.get("working_days"), "The framework's own deadline"), "working_days"),
        ("Where the deadline comes from", or_text(data.get("basis"), "The framework"), "basis"),
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
        ("Date the plan was sent to Ofsted", date_text(data["submitted"]), "submitted_0"),
        ("Ofsted's response", or_text(data.get("ofsted_response"), "None yet"), "ofsted_response"),
        ("Date of Ofsted's response", date_text(data.get("ofsted_response_on")), "ofsted_response_on_0"),
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
        *intervention_recordings.RECORDINGS,
    )
}
