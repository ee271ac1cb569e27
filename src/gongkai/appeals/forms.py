"""Forms of the appeals pages: they parse what a person typed; `gongkai.appeals.services` decides.

The related application is typed as its tracking number (受理编号) and resolved within the
agency the appeal is recorded for, so another agency's application cannot be named.
"""

from __future__ import annotations

from django import forms

from gongkai import clock
from gongkai.appeals.models import Appeal
from gongkai.applications.forms import BLANK, DateInput
from gongkai.applications.models import Application

#: Results a decision or judgment can have (尚未审结 is the absence of one).
DECIDED_RESULTS = [(key, label) for key, label in Appeal.Result.choices if key != Appeal.Result.PENDING]


class AppealForm(forms.Form):
    """A new reconsideration or lawsuit; `service_kwargs` are those of `services.record_appeal`."""

    kind = forms.ChoiceField(label="类型", choices=BLANK + list(Appeal.Kind.choices))
    body = forms.CharField(label="复议机关/法院", max_length=100, help_text="如：台儿庄区人民政府、台儿庄区人民法院")
    case_number = forms.CharField(label="案号", max_length=100, required=False)
    appellant = forms.CharField(label="申请人/原告", max_length=100, required=False)
    filed_on = forms.DateField(label="申请/立案日期", initial=clock.today, widget=DateInput())
    tracking_number = forms.CharField(label="相关申请的受理编号", max_length=40, required=False,
                                      help_text="不针对某件申请（如针对主动公开）的，可不填")

    def __init__(self, data=None, *, agency, **kwargs):
        super().__init__(data, **kwargs)
        self.agency = agency

    def clean_tracking_number(self) -> Application | None:
        number = self.cleaned_data["tracking_number"].strip()
        if not number:
            return None
        application = Application.objects.filter(agency=self.agency, tracking_number=number).first()
        if application is None:
            raise forms.ValidationError(f"本机关没有受理编号为“{number}”的申请")
        return application

    def service_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"kind": d["kind"], "body": d["body"], "filed_on": d["filed_on"], "application": d["tracking_number"],
                "case_number": d["case_number"], "appellant": d["appellant"]}


class ResultForm(forms.Form):
    """The decision or judgment; `service_kwargs` are those of `services.record_result`."""

    result = forms.ChoiceField(label="结果", choices=BLANK + DECIDED_RESULTS)
    decided_on = forms.DateField(label="决定/判决日期", initial=clock.today, widget=DateInput())
    summary = forms.CharField(label="结果摘要", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)
