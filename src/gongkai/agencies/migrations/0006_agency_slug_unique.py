import gongkai.agencies.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("agencies", "0005_agency_slug"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agency",
            name="slug",
            field=models.CharField(
                blank=True,
                help_text="门户网站专栏的网址 /xxgk/<专栏网址名>/，小写字母、数字或连字符；留空则按机关名称拼音生成。"
                "修改后旧网址失效，以机构代码访问的网址始终跳转到新网址",
                max_length=60,
                unique=True,
                validators=[gongkai.agencies.models.validate_slug],
                verbose_name="专栏网址名",
            ),
        ),
    ]
