from django.contrib import admin

from gongkai.appeals.models import Appeal


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    """Read-only in the admin: appeals change through `gongkai.appeals.services` (audit-logged)."""

    list_display = ("agency", "kind", "body", "case_number", "filed_on", "result", "decided_on")
    list_filter = ("kind", "result")
    search_fields = ("case_number", "body", "agency__name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
