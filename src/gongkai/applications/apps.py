from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.applications import demo, statistics, views
        from gongkai.reports.compute import PROVIDERS, SectionProvider
        from gongkai.web.demo import DEMO_LOADERS
        from gongkai.web.home import PANELS

        PANELS.register(views.home_panel)
        PROVIDERS.register(SectionProvider(statistics.fill, statistics.fill_many, "applications", statistics.cell_records))
        DEMO_LOADERS.register(demo.load)  # applications and their appeals
