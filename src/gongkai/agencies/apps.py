from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = "机关与人员"

    def ready(self) -> None:
        from gongkai.agencies import demo, signals  # noqa: F401 - signals connects the lockout receiver
        from gongkai.web.demo import DEMO_LOADERS

        DEMO_LOADERS.register(demo.load)
