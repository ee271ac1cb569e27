"""Staff pages of the portal, under /online/ (login required)."""

from django.urls import path

from gongkai.portal import staff

app_name = "portal-staff"

urlpatterns = [
    path("", staff.submissions, name="submissions"),
    path("<int:pk>/confirm/", staff.confirm, name="confirm"),
    path("visits/", staff.visit_counts, name="visits"),
]
