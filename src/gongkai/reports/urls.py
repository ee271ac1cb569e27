from django.urls import path

from gongkai.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("baseline/", views.baseline, name="baseline"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("deadlines/remind/", views.remind, name="remind"),
    path("supervision/", views.supervision, name="supervision"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/text/", views.text, name="text"),
    path("<int:pk>/figure/", views.figure, name="figure"),
    path("<int:pk>/explain/", views.explain, name="explain"),
    path("<int:pk>/refresh/", views.refresh, name="refresh"),
    path("<int:pk>/redraft/", views.redraft, name="redraft"),
    path("<int:pk>/step/<slug:name>/", views.step, name="step"),
    path("<int:pk>/cell/<slug:table>/<str:row>/<slug:column>/", views.cell, name="cell"),
    path("<int:pk>/export.<slug:kind>", views.export, name="export"),
    path("<int:pk>/v<int:number>.<slug:kind>", views.published_file, name="published"),
]
