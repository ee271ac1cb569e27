"""Letter templates cannot run code: the payloads that run shell commands in plain Jinja are
refused at upload and at render (even when stored without the upload check), with a Chinese
message, and nothing runs; loops and render time are bounded."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from jinja2 import Environment
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from gongkai.applications import letter_sandbox, letters, services
from gongkai.applications.letter_sandbox import LetterEnvironment, TemplateRefused
from gongkai.applications.models import LetterTemplate
from tests.applications.conftest import word_file

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _payloads(marker) -> dict[str, str]:
    """Templates that create `marker` through os.popen when rendered by plain Jinja."""
    command = f"touch {marker}"
    return {
        "subclasses": ("{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
                       "{% if c.__name__ == '_wrap_close' %}{{ c.__init__.__globals__['popen']('" + command
                       + "').read() }}{% endif %}{% endfor %}"),
        "cycler_globals": "{{ cycler.__init__.__globals__.os.popen('" + command + "').read() }}",
        "attr_filter": "{{ (a|attr('__class__')|attr('__mro__'))[1] }}{{ cycler.__init__.__globals__.os.popen('"
                       + command + "').read() }}",
    }


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


@pytest.mark.parametrize("name", ["subclasses", "cycler_globals"])
def test_the_payloads_do_run_code_in_plain_jinja(tmp_path, name):
    """Control: what the sandbox refuses below is a real attack (unsandboxed Jinja runs it)."""
    marker = tmp_path / "ran"
    Environment().from_string(_payloads(marker)[name]).render(a={})
    assert marker.exists()


@pytest.mark.parametrize("name", ["subclasses", "cycler_globals", "attr_filter"])
def test_code_running_templates_are_refused_at_upload_and_nothing_runs(client, users, data_dir, tmp_path, name):
    marker = tmp_path / "ran"
    client.force_login(users.admin)
    url = reverse("applications:settings-letter-upload", kwargs={"kind": "correction_notice"})
    response = client.post(url, {"file": SimpleUploadedFile("模板.docx", word_file(_payloads(marker)[name]),
                                                            content_type=DOCX)})
    html = response.content.decode()
    assert response.status_code == 400 and "模板不安全或过于复杂，已拒绝" in html
    assert ("以下划线开头的属性" in html) or ("过滤器“attr”" in html)
    assert not marker.exists()
    assert not LetterTemplate.objects.exists()


def test_cpu_exhausting_templates_are_refused_at_upload(tmp_path):
    nested = ("{% for a in items %}{% for b in items %}{% for c in items %}{% for d in items %}x"
              "{% endfor %}{% endfor %}{% endfor %}{% endfor %}")
    with pytest.raises(letters.LetterError, match="循环嵌套不能超过2层"):
        letters.check_template(word_file(nested), "correction_notice")
    ranges = "{% for i in range(10**9) %}{% for j in range(10**9) %}{{ i }}{% endfor %}{% endfor %}"
    with pytest.raises(letters.LetterError) as refused:
        letters.check_template(word_file(ranges), "correction_notice")
    assert "不存在的变量“range”" in str(refused.value) and "调用函数或方法" in str(refused.value)
    with pytest.raises(letters.LetterError, match="乘法运算"):
        letters.check_template(word_file("{{ a.description * 100000000 }}"), "correction_notice")
    with pytest.raises(letters.LetterError, match="循环只能遍历"):
        letters.check_template(word_file("{% for c in a.description %}{{ c }}{% endfor %}"), "correction_notice")


def test_a_stored_template_that_skipped_the_upload_check_cannot_run_code(register, users, data_dir, tmp_path):
    marker = tmp_path / "ran"
    a = register()
    services.request_correction(a, users.clerk, content="年份", reply_by=a.received_on.replace(day=15),
                                on=a.received_on.replace(day=2))
    for name, payload in _payloads(marker).items():
        stored = f"{name}.docx"
        (data_dir / "applications" / "letter_templates").mkdir(parents=True, exist_ok=True)
        (data_dir / "applications" / "letter_templates" / stored).write_bytes(word_file(payload))
        LetterTemplate.objects.update_or_create(agency=a.agency, kind="correction_notice",
                                                defaults={"stored_name": stored})
        with pytest.raises(letters.LetterError, match="告知书模板不安全"):
            letters.render_docx(a, "correction_notice")
        with pytest.raises(services.TransitionError, match="告知书模板不安全"):
            letters.issue_letter(a, users.clerk, "correction_notice")
        assert not marker.exists(), name
    assert not a.letters.exists()


def test_the_sandbox_itself_stops_attribute_walks_the_audit_missed():
    """Layer 2 alone (the audit switched off by a subclass): the sandbox still refuses ``__class__``."""
    class Unaudited(LetterEnvironment):
        def _parse(self, source, name, filename):
            return ImmutableSandboxedEnvironment._parse(self, source, name, filename)

    env = Unaudited({"a": {"x": "1"}})
    with pytest.raises(SecurityError, match="access to attribute '__class__' of 'str' object is unsafe"):
        env.from_string("{{ a.x.__class__.__mro__[1].__subclasses__() }}").render(a={"x": "1"})


def test_render_is_bounded_by_an_operation_budget_and_a_deadline():
    items = [{"no": i} for i in range(300)]
    template = "{% for a in items %}{% for b in items %}{{ b.no }}{% endfor %}{% endfor %}"
    env = LetterEnvironment({"items": items}, operations=10_000)
    with pytest.raises(TemplateRefused, match="运算量超过上限"):
        env.from_string(template).render(env.bounded({"items": items}))
    late = LetterEnvironment({"items": items}, seconds=0)
    with pytest.raises(TemplateRefused, match="超过0秒"):
        late.from_string(template).render(late.bounded({"items": items}))
    ok = LetterEnvironment({"items": items[:3]})
    assert ok.from_string(template).render(ok.bounded({"items": items[:3]})) == "012" * 3


def test_documented_templates_pass_and_report_what_they_use():
    env = LetterEnvironment(letters.SAMPLE_CONTEXT)
    text = env.from_string("{{ a.tracking_number|upper }}{% for item in items %}{% set n = item.no %}{{ n }}"
                           "{{ loop.index }}{% endfor %}{{ a['applicant'] }}").render(
        env.bounded(letters.SAMPLE_CONTEXT))
    assert text == "示例-00011" + "1" + "申请人"
    assert {"a.tracking_number", "items"} <= env.used
    assert letter_sandbox.list_paths(letters.SAMPLE_CONTEXT) >= {"items", "fee.lines"}


def test_a_template_that_inflates_far_beyond_a_letter_is_refused_before_it_is_parsed():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word_file("{{ a.tracking_number }}"))) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            bomb.writestr(info, source.read(info))
        bomb.writestr("word/media/padding.bin", b"\0" * (25 * 1024 * 1024))  # ~25 KB compressed
    assert len(buffer.getvalue()) < letters.TEMPLATE_MAX_BYTES
    with pytest.raises(letters.LetterError, match="模板文件解压后超过20MB"):
        letters.check_template(buffer.getvalue(), "correction_notice")
