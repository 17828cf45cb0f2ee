"""The DfE intervention recordings on a council's intervention page: reviews and their outcomes,
notices revised, replaced or lifted (at a review or by letter), statutory directions, the commissioner's report and
revocation, reports to ministers (``recordings.Recording``: form, check-your-answers rows, save)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from . import intervention_forms, intervention_services
from .models import Council, ImprovementNotice, NoticeDate, NoticeReview, StatutoryDirection
from .recordings import Recording, Rows, date_text, from_query, or_text


def _notice_load(council: Council, pk: int) -> ImprovementNotice:
    return get_object_or_404(ImprovementNotice.objects.select_related("council", "inspection"), pk=pk, council=council)


def _file_name(upload) -> str:
    return upload.name.rsplit("/", 1)[-1] if upload else "None"


def _review_rows(data: dict, target: ImprovementNotice) -> Rows:
    scheduled = data.get("scheduled")
    outcome = data.get("outcome")
    return [
        ("Notice", f"{target.title} of {target.issued:%-d %B %Y}", ""),
        ("Date of the review", date_text(data["held_on"]), "held_on_0"),
        (
            "Review date it answers",
            f"{scheduled.get_kind_display()} due {scheduled.label}" if scheduled else "None",
            "scheduled",
        ),
        ("Who attended", or_text(data.get("attendees")), "attendees"),
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
        ("Date the new notice was issued", date_text(data["issued"]), "issued_0"),
        ("Title", data["title"], "title"),
        ("Compliance date", date_text(data.get("compliance")), "compliance_0"),
        ("First DfE review date", date_text(data.get("review")), "review_0"),
        ("First report to ministers", date_text(data.get("report")), "report_0"),
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


def _lift_rows(data: dict, target: ImprovementNotice) -> Rows:
    return [
        ("Notice", f"{target.title} of {target.issued:%-d %B %Y}", ""),
        ("Date of the letter lifting it", date_text(data["lifted_on"]), "lifted_on_0"),
        ("The letter", _file_name(data.get("letter_file")), "letter_file"),
    ]


def _lift_save(*, council, target, data, form) -> str:
    notice = intervention_services.notice_lift(
        notice=target, lifted_on=data["lifted_on"], letter_file=data.get("letter_file")
    )
    return (
        f"Recorded that the {notice.title} of {notice.issued:%-d %B %Y} was lifted on "
        f"{notice.status_changed_on:%-d %B %Y}",
        notice,
    )


def _direction_rows(data: dict, target) -> Rows:
    notice, previous = data.get("follows_notice"), data.get("previous")
    return [
        ("Date the direction was issued", date_text(data["issued"]), "issued_0"),
        ("The law it is made under", data["basis"], "basis"),
        (
            "The notice it escalates",
            f"{notice.title} of {notice.issued:%-d %B %Y}" if notice else "None",
            "follows_notice",
        ),
        ("The direction it replaces", f"Direction of {previous.issued:%-d %B %Y}" if previous else "None", "previous"),
        ("Who it appoints", StatutoryDirection.Appointee(data["appointee_role"]).label, "appointee_role_1"),
        ("Their name", or_text(data.get("appointee_name")), "appointee_name"),
        ("What the direction requires", or_text(data.get("instructions")), "instructions"),
        ("Date the report is due", date_text(data.get("report_due")), "report_due_0"),
        ("Next review date", date_text(data.get("next_review")), "next_review_0"),
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
        ("Date of the report", date_text(data["submitted"]), "submitted_0"),
        ("What it recommends", StatutoryDirection.Recommendation(data["recommendation"]).label, "recommendation_1"),
        ("What the report says", or_text(data.get("recommendation_as_written")), "recommendation_as_written"),
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
        ("Date it was revoked", date_text(data["ended_on"]), "ended_on_0"),
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
        ("Date the report was sent", date_text(data["submitted_on"]), "submitted_on_0"),
    ]


def _report_save(*, council, target, data, form) -> str:
    report = intervention_services.ministerial_report_submitted(report_date=target, submitted_on=data["submitted_on"])
    return (
        f"Recorded that the report to ministers due {report.label} was sent on {report.submitted_on:%-d %B %Y}",
        report,
    )


RECORDINGS = (
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
        initial=from_query("outcome", "outcome", NoticeReview.Outcome.values),
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
        "notice_lift",
        "Record that DfE lifted the notice by letter",
        intervention_forms.NoticeLiftForm,
        _lift_rows,
        _lift_save,
        "intervention",
        load=_notice_load,
        intro="DfE can lift a notice by letter, without a review meeting. The notice ends on the date of the "
        "letter. A notice lifted at a review is recorded with the review.",
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
        initial=from_query("previous", "replaces"),
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
