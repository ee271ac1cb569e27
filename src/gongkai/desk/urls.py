"""URLs of the service desk (服务台), mounted at /desk/."""

from django.urls import path

from gongkai.desk import views

app_name = "desk"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/<slug:name>/", views.take_step, name="step"),
    path("reception/", views.reception, name="reception"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("figures/<int:year>/<slug:key>/", views.figure, name="figure"),
    path("import/", views.import_hotline, name="import"),
    path("settings/", views.settings_page, name="settings"),
    path("export.csv", views.export_csv, name="export"),
]
