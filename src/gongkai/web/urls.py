"""Top-level URL map: each app owns its own urls module."""

from django.contrib import admin
from django.urls import include, path

from gongkai.portal.views import robots
from gongkai.web.home import home

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", home, name="home"),
    path("", include("gongkai.agencies.urls")),
    path("catalogue/", include("gongkai.catalogue.urls")),
    path("applications/", include("gongkai.applications.urls")),
    path("appeals/", include("gongkai.appeals.urls")),
    path("reports/", include("gongkai.reports.urls")),
    path("desk/", include("gongkai.desk.urls")),
    path("xxgk/", include("gongkai.portal.urls")),
    path("online/", include("gongkai.portal.staff_urls")),
    path("robots.txt", robots, name="robots"),
]
