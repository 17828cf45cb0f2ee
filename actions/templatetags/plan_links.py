"""Template questions about the plan for pages of other apps (the inspection page asks whether to
offer "Add to the plan" without its app knowing about plans)."""

from django import template

from actions import access, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def can_add_to_plan(context, council) -> bool:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return False
    return access.can_edit_structure(request.user, council, selectors.active_plan(council))
