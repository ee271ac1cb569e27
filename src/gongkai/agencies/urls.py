"""Staff shell URLs: login, logout, home, agency switcher, audit log."""

from django.urls import path

from gongkai.agencies import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("agency/switch/", views.switch_agency, name="switch-agency"),
    path("audit/", views.audit_log, name="audit-log"),
    path("agency/<int:pk>/", views.agency_detail, name="agency-detail"),
]
