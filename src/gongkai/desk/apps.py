from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "gongkai.desk"
    label = "desk"
    verbose_name = "服务台（咨询、12345转办、建议提案、接待）"

    def ready(self) -> None:
        from gongkai.desk import demo, views
        from gongkai.web.demo import DEMO_LOADERS
        from gongkai.web.home import PANELS

        PANELS.register(views.home_panel)
        DEMO_LOADERS.register(demo.load)
