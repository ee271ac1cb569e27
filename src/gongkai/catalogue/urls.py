"""Staff URLs of the catalogue (mounted at /catalogue/). None of them is public."""

from django.urls import path

from gongkai.catalogue.views import (
    attachments,
    categories,
    dashboard,
    guide,
    items,
    page,
    published,
    review,
    statistics,
)

app_name = "catalogue"

urlpatterns = [
    path("", items.item_list, name="list"),
    path("new/", items.item_create, name="create"),
    path("<int:pk>/", page.item_detail, name="detail"),
    path("<int:pk>/edit/", items.item_edit, name="edit"),
    path("<int:pk>/transition/", review.item_transition, name="transition"),
    path("<int:pk>/findings/<int:finding_pk>/", review.finding_resolve, name="resolve"),
    path("<int:pk>/attachments/", attachments.attachment_add, name="attachment-add"),
    path("<int:pk>/validity/", published.item_validity, name="validity"),
    path("<int:pk>/channels/", published.item_channel, name="channel"),
    path("attachments/<int:attachment_pk>/", attachments.attachment_download, name="attachment"),
    path("attachments/<int:attachment_pk>/remove/", attachments.attachment_remove, name="attachment-remove"),
    path("attachments/<int:attachment_pk>/replace/", attachments.attachment_replace, name="attachment-replace"),
    path("deadlines/", dashboard.deadlines, name="deadlines"),
    path("handover/", published.handover, name="handover"),
    path("statistics/", statistics.statistics_page, name="statistics"),
    path("figures/", statistics.figures_page, name="figures"),
    path("guide/", guide.guide_page, name="guide"),
    path("categories/", categories.categories_page, name="categories"),
]
