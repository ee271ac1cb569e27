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
    path("settings/calendar/", views.settings_calendar, name="settings-calendar"),
    path("settings/calendar/<int:pk>/remove/", views.settings_calendar_remove, name="settings-calendar-remove"),
    path("settings/letters/", views.settings_letters, name="settings-letters"),
    path("settings/letters/<slug:kind>/template.docx", views.settings_letter_download, name="settings-letter"),
    path("settings/letters/<slug:kind>/upload/", views.settings_letter_upload, name="settings-letter-upload"),
    path("settings/letters/<slug:kind>/revert/", views.settings_letter_revert, name="settings-letter-revert"),
]
