from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    label = "agencies"
    verbose_name = "机关与人员"

    def ready(self) -> None:
        from gongkai.agencies import signals  # noqa: F401 - connects the lockout receiver
