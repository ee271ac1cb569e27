"""Staff URLs of the catalogue (mounted at /catalogue/). None of them is public."""

from django.urls import path

from gongkai.catalogue import views

app_name = "catalogue"

urlpatterns = [
    path("", views.item_list, name="list"),
    path("new/", views.item_create, name="create"),
    path("<int:pk>/", views.item_detail, name="detail"),
    path("<int:pk>/edit/", views.item_edit, name="edit"),
    path("<int:pk>/transition/", views.item_transition, name="transition"),
    path("<int:pk>/findings/<int:finding_pk>/", views.finding_resolve, name="resolve"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment-add"),
    path("<int:pk>/validity/", views.item_validity, name="validity"),
    path("<int:pk>/channels/", views.item_channel, name="channel"),
    path("attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
    path("attachments/<int:attachment_pk>/remove/", views.attachment_remove, name="attachment-remove"),
    path("attachments/<int:attachment_pk>/replace/", views.attachment_replace, name="attachment-replace"),
    path("deadlines/", views.deadlines, name="deadlines"),
    path("handover/", views.handover, name="handover"),
    path("statistics/", views.statistics_page, name="statistics"),
    path("figures/", views.figures_page, name="figures"),
    path("guide/", views.guide_page, name="guide"),
    path("categories/", views.categories_page, name="categories"),
]
