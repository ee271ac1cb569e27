from django.apps import AppConfig


class AppealsConfig(AppConfig):
    name = "gongkai.appeals"
    label = "appeals"
    verbose_name = "行政复议和行政诉讼"

    def ready(self) -> None:
        from gongkai.appeals import statistics
        from gongkai.reports.compute import PROVIDERS, SectionProvider

        PROVIDERS.register(SectionProvider(statistics.fill, statistics.fill_many, "appeals", statistics.cell_records))
