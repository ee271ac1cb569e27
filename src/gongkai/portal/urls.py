"""The portal under /xxgk/ (fixed routes first: an agency's column is /xxgk/<slug>/, and
/xxgk/<organisation code>/… redirects there, see `columns`)."""

from django.contrib.sitemaps.views import index as sitemap_index
from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from gongkai.portal import feeds, views
from gongkai.portal.columns import by_slug
from gongkai.portal.sitemaps import SITEMAPS

app_name = "portal"

#: An agency's slug, or its organisation code (redirected to the slug).
CODE = r"(?P<code>[0-9A-Za-z-]{2,60})"

urlpatterns = [
    path("", views.index, name="index"),
    path("search/", views.search, name="search"),
    path("apply/", views.apply, name="apply"),
    path("query/", views.query, name="query"),
    path("query/letter/", views.reply_letter, name="reply-letter"),
    path("catalogue/", views.catalogue, name="catalogue"),
    re_path(r"^catalogue\.(?P<fmt>csv|json)$", views.export, name="export"),
    path("items/<int:pk>/", views.item, name="item"),
    path("attachments/<int:pk>/", views.attachment, name="attachment"),
    path("feed/rss/", feeds.LatestItems(), name="rss"),
    path("feed/atom/", feeds.LatestItemsAtom(), name="atom"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap-section"},
        name="sitemap",
    ),  # fmt: skip
    path("sitemap-<section>.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    re_path(rf"^{CODE}/$", by_slug(views.column), name="column"),
    re_path(rf"^{CODE}/guide/$", by_slug(views.guide), name="guide"),
    re_path(rf"^{CODE}/catalogue/$", by_slug(views.catalogue), name="agency-catalogue"),
    re_path(rf"^{CODE}/catalogue\.(?P<fmt>csv|json)$", by_slug(views.export), name="agency-export"),
    re_path(rf"^{CODE}/consult/$", by_slug(views.consult), name="consult"),
    re_path(rf"^{CODE}/qa/$", by_slug(views.qa), name="qa"),
    re_path(rf"^{CODE}/reports/$", by_slug(views.reports), name="reports"),
    re_path(rf"^{CODE}/reports/(?P<year>\d{{4}})/$", by_slug(views.report), name="report"),
    re_path(rf"^{CODE}/reports/(?P<year>\d{{4}})/v(?P<number>\d{{1,3}})/$", by_slug(views.report), name="report-version"),
    re_path(rf"^{CODE}/reports/(?P<year>\d{{4}})/v(?P<number>\d{{1,3}})\.(?P<kind>[a-z]{{3,4}})$", by_slug(views.report_file),
            name="report-file"),
    re_path(rf"^{CODE}/feed/rss/$", by_slug(feeds.LatestItems()), name="agency-rss"),
    re_path(rf"^{CODE}/feed/atom/$", by_slug(feeds.LatestItemsAtom()), name="agency-atom"),
]
