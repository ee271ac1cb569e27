"""URLs of the applications workspace, mounted at /applications/."""

from django.urls import path

from gongkai.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.intake, name="intake"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/step/<slug:name>/", views.step, name="step"),
    path("<int:pk>/letters/", views.issue_letter, name="issue-letter"),
    path("<int:pk>/letters/<int:letter_pk>.<slug:fmt>", views.download_letter, name="letter"),
    path("<int:pk>/attachments/", views.upload_attachment, name="upload-attachment"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.download_attachment, name="attachment"),
]
