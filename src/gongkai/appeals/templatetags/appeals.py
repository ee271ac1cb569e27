"""Template helpers for pages of other apps that link to the appeals pages."""

from django import template

from gongkai.agencies.permissions import Action, can

register = template.Library()


@register.simple_tag(takes_context=True)
def can_record_appeal(context, agency) -> bool:
    """Whether the page's user may record an appeal against `agency` (the services' own action)."""
    return can(context["request"].user, agency, Action.ACT)
