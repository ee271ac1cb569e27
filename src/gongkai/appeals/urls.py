"""URLs of the appeals pages (行政复议、行政诉讼), mounted at /appeals/."""

from django.urls import path

from gongkai.appeals import views

app_name = "appeals"

urlpatterns = [
    path("", views.appeal_list, name="list"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.detail, name="detail"),
]
