from django.contrib import admin

from gongkai.agencies.admin import ReadOnlyAdmin
from gongkai.appeals.models import Appeal


@admin.register(Appeal)
class AppealAdmin(ReadOnlyAdmin):
    """Read-only in the admin: appeals change through `gongkai.appeals.services` (audit-logged)."""

    list_display = ("agency", "kind", "body", "case_number", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")
    search_fields = ("case_number", "body", "agency__name")
