"""Django admin for the site admin: agencies, users and memberships; the audit log read-only.

Every change made here is also written to the audit log.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.forms.models import model_to_dict

from gongkai.agencies import audit
from gongkai.agencies.models import Agency, AuditEntry, Membership, User

admin.site.site_header = "公开 Gongkai 系统管理"
admin.site.site_title = "公开 Gongkai"
admin.site.index_title = "系统管理"

#: Fields never copied into the audit log.
SECRET_FIELDS = frozenset({"password"})


def _values(obj) -> dict:
    return {k: v for k, v in model_to_dict(obj).items() if k not in SECRET_FIELDS and not isinstance(v, list)}


def _agency_of(obj) -> Agency | None:
    if isinstance(obj, Agency):
        return obj
    if isinstance(obj, Membership):
        return obj.agency
    return None


class AuditedAdmin(admin.ModelAdmin):
    """Writes an audit entry for each add, change and delete made in the admin."""

    #: Public data whose values are logged unmasked (an office's phone is not personal data).
    audit_mask: tuple[str, ...] | None = None

    def save_model(self, request, obj, form, change):
        before = _values(type(obj).objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        changes = audit.diff(before, _values(obj))
        action = f"{obj._meta.model_name}.{'change' if change else 'add'}"
        audit.record(request.user, action, obj, agency=_agency_of(obj), mask=self.audit_mask, **changes)

    def delete_model(self, request, obj):
        before, agency = _values(obj), _agency_of(obj)
        audit.record(
            request.user, f"{obj._meta.model_name}.delete", obj, agency=agency, before=before, mask=self.audit_mask
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        """Inline rows (a user's memberships) are audited like the main object."""
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            self.delete_model(request, obj)
        for obj in instances:
            self.save_model(request, obj, None, change=obj.pk is not None)
        formset.save_m2m()


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["agency"]


@admin.register(Agency)
class AgencyAdmin(AuditedAdmin):
    audit_mask = ()
    list_display = ["name", "level", "kind", "parent", "org_code", "phone"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "short_name", "org_code"]
    autocomplete_fields = ["parent"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "parent", "level", "kind", "org_code", "index_pattern"]}),
        (
            "政府信息公开工作机构",
            {"fields": ["office_name", "address", "postcode", "phone", "fax", "email", "office_hours", "website"]},
        ),
    ]


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin):
    list_display = ["username", "display_name", "email", "is_active", "is_superuser", "last_login"]
    search_fields = ["username", "display_name", "email"]
    inlines = [MembershipInline]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        ("个人信息", {"fields": ["display_name", "email"]}),
        ("状态", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("时间", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["username", "display_name", "usable_password", "password1", "password2"]})]


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["user", "agency", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__display_name", "agency__name"]
    autocomplete_fields = ["user", "agency"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """No add, change or delete, not even for the site admin: the model changes elsewhere or never."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only: the audit log is append-only, written by services."""

    list_display = ["at", "actor_label", "agency", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "object_repr", "object_id", "note"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
