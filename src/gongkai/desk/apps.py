from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "gongkai.desk"
    label = "desk"
    verbose_name = "服务台（咨询、12345转办、建议提案、接待）"
