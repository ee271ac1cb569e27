from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "gongkai.catalogue"
    label = "catalogue"
    verbose_name = "主动公开目录"

    def ready(self) -> None:
        from gongkai.catalogue import demo, generation, statistics
        from gongkai.catalogue.views import dashboard
        from gongkai.reports.compute import PROVIDERS, SectionProvider
        from gongkai.web.demo import DEMO_LOADERS
        from gongkai.web.home import PANELS

        PANELS.register(dashboard.home_panel)
        PROVIDERS.register(SectionProvider(statistics.fill, statistics.fill_many, "proactive", statistics.cell_records))
        DEMO_LOADERS.register(demo.load)
        generation.connect()
