from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    label = "reports"
    verbose_name = "年度报告"

    def ready(self) -> None:
        from gongkai.reports import demo, views
        from gongkai.web.demo import DEMO_LOADERS
        from gongkai.web.home import PANELS

        PANELS.register(views.home_panel)
        DEMO_LOADERS.register(demo.load)
