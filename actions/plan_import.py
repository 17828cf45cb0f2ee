"""Bringing a plan in from a spreadsheet, and sending it out as one.

:func:`preview` reads the file and says, for every row, what saving it would do (create, update,
unchanged or error, with the errors naming the row and column); nothing is written.
:func:`plan_import` saves it, all or nothing: one error anywhere saves nothing. Actions are
matched by reference, so importing the same file again changes nothing. A blank cell leaves an
existing action's value as it is (an import never erases).

The template's columns are ``spreadsheet.COLUMNS``; the README lists them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from inspections.models import Organisation

from . import rules, spreadsheet, structure
from .models import Action, ImprovementPlan, Objective, PlanChange, ProgressUpdate
from .plan_lookups import Lookups

CREATE, UPDATE, UNCHANGED, ERROR = "create", "update", "unchanged", "error"


@dataclass
class RowResult:
    sheet: str
    number: int
    reference: str = ""
    title: str = ""
    kind: str = UNCHANGED
    changes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    heading: bool = False
    values: dict = field(default_factory=dict)  # what to save
    objective_key: tuple | None = None

    @property
    def where(self) -> str:
        return f"{self.sheet}, row {self.number}"


@dataclass
class Preview:
    filename: str
    rows: list[RowResult]
    sheets: list[spreadsheet.Sheet]
    file_errors: list[str] = field(default_factory=list)

    def count(self, kind: str) -> int:
        return sum(1 for r in self.rows if r.kind == kind and not r.heading)

    @property
    def errors(self) -> list[str]:
        return self.file_errors + [f"{r.where}: {e}" for r in self.rows for e in r.errors]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def ignored_columns(self) -> list[str]:
        return sorted({c for s in self.sheets for c in s.ignored})


def _cell(row: RowResult, column: str, parse, raw):
    try:
        return parse(raw)
    except ValueError as error:
        label = spreadsheet.COLUMNS[column][0]
        row.errors.append(f"{label}: {error}")
        return None


def preview(
    *, data: bytes, filename: str, council, plan: ImprovementPlan | None, on: datetime.date | None = None
) -> Preview:
    on = on or timezone.localdate()
    try:
        sheets = spreadsheet.parse(data, filename)
    except spreadsheet.UnreadableFile as error:
        return Preview(filename=filename, rows=[], sheets=[], file_errors=[str(error)])
    result = Preview(filename=filename, rows=[], sheets=sheets)
    if not sheets:
        result.file_errors.append(
            "No sheet has a header row naming at least the Reference and Action columns "
            "(or Ref and Action, for example). Check the file against the template."
        )
        return result
    look = Lookups(council, plan)
    seen: dict[str, RowResult] = {}
    new_objectives: dict[tuple, str] = {}
    for sheet in sheets:
        objective_key = None
        for row in sheet.rows:
            if row.heading is not None:
                ref, title = spreadsheet.heading(row.heading)
                objective_key = ("ref", ref.lower()) if ref else ("title", title.lower())
                out = RowResult(
                    sheet=sheet.name,
                    number=row.number,
                    reference=ref,
                    title=title,
                    heading=True,
                    objective_key=objective_key,
                    values={"reference": ref, "title": title},
                )
                if objective_key in look.objectives or objective_key in new_objectives:
                    out.kind = UNCHANGED
                else:
                    out.kind = CREATE
                    out.changes.append(f"Objective {ref + ' ' if ref else ''}“{title}” added")
                    new_objectives[objective_key] = title
                result.rows.append(out)
                continue
            out = _action_row(sheet, row, look, on=on)
            raw_objective = spreadsheet.text(row.values.get("objective"))
            if raw_objective:
                ref, title = spreadsheet.heading(raw_objective)
                out.objective_key = ("ref", ref.lower()) if ref else ("title", title.lower())
                if out.objective_key not in look.objectives and out.objective_key not in new_objectives:
                    new_objectives[out.objective_key] = title
                    out.changes.insert(0, f"Objective {ref + ' ' if ref else ''}“{title}” added")
                out.values["objective_title"] = (ref, title)
            else:
                out.objective_key = objective_key
            _objective_change(out, look)
            key = out.reference.lower()
            if key and key in seen:
                out.errors.append(
                    f"Reference: {out.reference} is also on {seen[key].where}. Each action needs its own reference"
                )
            elif key:
                seen[key] = out
            if out.errors:
                out.kind = ERROR
            elif out.kind != CREATE:
                out.kind = UPDATE if out.changes else UNCHANGED
            result.rows.append(out)
    return result


def _objective_change(out: RowResult, look: Lookups) -> None:
    existing = look.actions.get(out.reference.lower())
    if out.objective_key is None or existing is None:
        return
    current = existing.objective
    target = look.objectives.get(out.objective_key)
    if current is None or target is None or current.pk != target.pk:
        out.changes.append("Objective changed")


def _action_row(sheet, row: spreadsheet.Row, look: Lookups, *, on: datetime.date) -> RowResult:
    v = row.values
    out = RowResult(
        sheet=sheet.name,
        number=row.number,
        reference=spreadsheet.reference(v.get("reference")),
        title=spreadsheet.text(v.get("title")),
    )
    if not out.reference:
        out.errors.append("Reference: enter the action's reference, for example 1.3")
    existing = look.actions.get(out.reference.lower()) if out.reference else None
    if not out.title and existing is None:
        out.errors.append("Action: enter what the action is")
    values: dict = {}
    for column in ("description", "success_measure"):
        if column in v and spreadsheet.text(v[column]):
            values[column] = spreadsheet.text(v[column])
    if out.title:
        values["title"] = out.title
    for column in ("start_date", "due_date"):
        if column in v:
            parsed = _cell(out, column, spreadsheet.date, v[column])
            if parsed:
                values[column] = parsed
    if "owner" in v:
        owner = _cell(out, "owner", look.owner, v["owner"])
        if owner is not None:
            values["owner"] = owner
    if "lead_organisation" in v and spreadsheet.text(v["lead_organisation"]):
        organisation = look.organisation(v["lead_organisation"])
        values["lead_organisation"] = organisation or spreadsheet.text(v["lead_organisation"])
    for column, parse in (("recommendations", look.recommendation_list), ("measures", look.measure_list)):
        if column in v and spreadsheet.text(v[column]):
            chosen = _cell(out, column, parse, v[column])
            if chosen is not None:
                values[column] = chosen
    status = _cell(out, "status", spreadsheet.status, v.get("status")) if "status" in v else ""
    rag = _cell(out, "rag", spreadsheet.rag, v.get("rag")) if "rag" in v else ""
    update = spreadsheet.text(v.get("update")) if "update" in v else ""
    if rag == "blue" and not status:
        status = rules.Status.COMPLETE
    if rag == "blue" and status and status != rules.Status.COMPLETE:
        out.errors.append("RAG: Blue means complete, but the status is not Complete")
    if existing is None:
        out.kind = CREATE
        if "due_date" not in values and not any(e.startswith("Due date") for e in out.errors):
            out.errors.append("Due date: enter when the action is due, for example 31/03/2027")
        start, due = values.get("start_date"), values.get("due_date")
        if start and due and due < start:
            out.errors.append("Due date: it is before the start date")
        out.changes.append(f"Action {out.reference} added")
    else:
        out.changes += _differences(existing, values, look)
        start, due = values.get("start_date", existing.start_date), values.get("due_date", existing.due_date)
        if due < start:
            out.errors.append("Due date: it is before the start date")
    progress = {}
    current_status = existing.status if existing else rules.Status.NOT_STARTED
    current_rag = existing.reported_rag if existing else ""
    if status and status != current_status:
        progress["status"] = status
        out.changes.append(f"Status changed to {rules.Status(status).label}")
    if rag and rag != current_rag:
        progress["rag"] = rag
        out.changes.append(f"RAG changed to {rules.Rag(rag).label}")
    if update and update != (look.latest.get(existing.pk, "") if existing else ""):
        progress["narrative"] = update
        out.changes.append("Progress update added")
    if progress:
        progress.setdefault("status", status or current_status)
        progress.setdefault("rag", rag or current_rag or rules.Rag.GREEN)
        deadline = values.get("due_date") or (existing.revised_due_date or existing.due_date if existing else None)
        if (
            deadline
            and progress["status"] != rules.Status.COMPLETE
            and deadline < on
            and progress["rag"] in ("green", "amber")
        ):
            out.notes.append("It is past its due date, so the rules show it Red whatever the file says")
    values["progress"] = progress
    out.values = values
    return out


def _differences(action: Action, values: dict, look: Lookups) -> list[str]:
    said = []
    for name, new in values.items():
        if name in ("recommendations", "measures"):
            have = look.links[action.pk][0 if name == "recommendations" else 1]
            if have != {item.pk for item in new}:
                said.append(f"{'Recommendations' if name == 'recommendations' else 'Notice measures'} changed")
            continue
        old = getattr(action, name)
        if name == "lead_organisation":
            if isinstance(new, str) or new.pk != old.pk:
                said.append(f"Lead organisation changed from {old} to {new}")
            continue
        if old != new:
            label = structure.ACTION_LABELS.get(name, name)
            if name in ("description", "success_measure", "title"):
                said.append(f"{label} changed")
            else:
                said.append(f"{label} changed from {structure._words(old)} to {structure._words(new)}")
    return said


class ImportRefused(ValidationError):
    pass


@transaction.atomic
def plan_import(*, data: bytes, filename: str, council, by, on: datetime.date | None = None) -> Preview:
    """Save the file's plan for ``council``, all or nothing. Refuses (ImportRefused, nothing
    saved) if any row has an error."""
    on = on or timezone.localdate()
    plan = ImprovementPlan.objects.select_for_update().active().filter(council=council).first()
    result = preview(data=data, filename=filename, council=council, plan=plan, on=on)
    if not result.ok:
        raise ImportRefused(result.errors)
    if plan is None:
        plan = structure.plan_create(
            council=council, by=by, title=f"{council.short_name} improvement plan", agreed_on=on
        )
    objectives = {("ref", o.reference.lower()): o for o in plan.objectives.all()}
    objectives.update({("title", o.title.lower()): o for o in plan.objectives.all()})
    actions = {a.reference.lower(): a for a in plan.actions.all()}
    organisations: dict[str, Organisation] = {}
    at = timezone.now()
    creates = []
    for row in result.rows:
        if row.kind == UNCHANGED:
            continue
        if row.heading:
            _objective(plan, objectives, row.objective_key, row.values["reference"], row.values["title"], by)
            continue
        values = dict(row.values)
        progress = values.pop("progress")
        title = values.pop("objective_title", None)
        if row.objective_key is not None:
            ref, name = title or (row.objective_key[1] if row.objective_key[0] == "ref" else "", row.objective_key[1])
            values["objective"] = _objective(plan, objectives, row.objective_key, ref, name, by)
        organisation = values.get("lead_organisation")
        if isinstance(organisation, str):
            if organisation.lower() not in organisations:
                organisations[organisation.lower()] = Organisation.objects.get_or_create(name=organisation)[0]
            values["lead_organisation"] = organisations[organisation.lower()]
        action = actions.get(row.reference.lower())
        if action is None:
            creates.append((row, values, progress))
            continue
        recommendations, measures = values.pop("recommendations", None), values.pop("measures", None)
        structure.action_update(
            action=action, by=by, recommendations=recommendations, measures=measures, at=at, **values
        )
        action.refresh_from_db()
        if progress:
            _progress(action, by=by, at=at, filename=filename, **progress)
    if creates:
        _actions_create(plan, creates, by=by, at=at, filename=filename)
    return result


def _actions_create(plan: ImprovementPlan, creates: list, *, by, at, filename: str) -> None:
    """New actions from the file, written in a few batched statements (a 500-row plan in a
    fraction of a second), each with its history record, its change in words, its links and its
    first progress update. The rows were checked by :func:`preview`."""
    from simple_history.utils import bulk_create_with_history

    order = plan.actions.aggregate(n=Max("order"))["n"] or 0
    default = None
    built = []
    for row, values, progress in creates:
        order += 1
        due = values.pop("due_date")
        start = values.pop("start_date", None) or min(plan.agreed_on, due)
        links = values.pop("recommendations", []), values.pop("measures", [])
        if "lead_organisation" not in values:
            default = default or structure.default_organisation(plan)
            values["lead_organisation"] = default
        action = Action(plan=plan, reference=row.reference, order=order, start_date=start, due_date=due, **values)
        if progress:
            action.status, action.reported_rag, action.last_updated_at = progress["status"], progress["rag"], at
        built.append((action, links, progress))
    saved = bulk_create_with_history(
        [a for a, _, _ in built],
        Action,
        default_user=by,
        default_date=at,
        default_change_reason=f"Imported from {filename}"[:100],
    )
    if any(a.pk is None for a in saved):  # a database that does not return keys from a bulk insert
        keys = dict(plan.actions.values_list("reference", "pk"))
        for action in saved:
            action.pk = keys[action.reference]
    Action.recommendations.through.objects.bulk_create(
        [
            Action.recommendations.through(action_id=a.pk, recommendation_id=r.pk)
            for a, (_, (recs, _), _) in zip(saved, built)
            for r in recs
        ]
    )
    Action.measures.through.objects.bulk_create(
        [
            Action.measures.through(action_id=a.pk, noticemeasure_id=m.pk)
            for a, (_, (_, measures), _) in zip(saved, built)
            for m in measures
        ]
    )
    ProgressUpdate.objects.bulk_create(
        [
            ProgressUpdate(
                action_id=a.pk,
                author=by,
                created_at=at,
                status=p["status"],
                rag=p["rag"],
                narrative=p.get("narrative") or f"Status and RAG imported from {filename}.",
            )
            for a, (_, _, p) in zip(saved, built)
            if p
        ]
    )
    PlanChange.objects.bulk_create(
        [
            PlanChange(
                plan=plan,
                action_id=a.pk,
                subject=f"Action {a.reference}",
                by=by,
                at=at,
                text=f"Action {a.reference} added from {filename}",
            )
            for a in saved
        ]
    )


def _objective(plan, objectives: dict, key, reference: str, title: str, by) -> Objective:
    if key in objectives:
        return objectives[key]
    reference = reference or str(len({o.pk for o in objectives.values()}) + 1)
    while plan.objectives.filter(reference=reference).exists():
        reference = f"{reference}a"
    objective = structure.objective_create(plan=plan, by=by, reference=reference, title=title)
    objectives[key] = objectives[("ref", objective.reference.lower())] = objective
    objectives[("title", objective.title.lower())] = objective
    return objective


def _progress(action: Action, *, by, at, filename: str, status: str, rag: str, narrative: str = "") -> None:
    """Status, RAG and commentary from the file, as a progress update (the only way an action's
    status and rating change). The owner's rating is recorded as written; the rules decide."""
    ProgressUpdate.objects.create(
        action=action,
        author=by,
        created_at=at,
        status=status,
        rag=rag,
        narrative=narrative or f"Status and RAG imported from {filename}.",
    )
    action.status, action.reported_rag, action.last_updated_at = status, rag, at
    action.version += 1
    action._history_user = by
    action.save(update_fields=["status", "reported_rag", "last_updated_at", "version"])
