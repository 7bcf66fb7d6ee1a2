import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring.models import Project, Status
from municipalities.models import EURO_ADOPTION_YEAR, Currency, YearlyFigures

NARRATIVE_MAX_LENGTH = 5000
STATUS_CHOICES = [("", _("— choose —")), *Status.choices]


class EntryForm(forms.Form):
    """One task's entry; the prefix is the node id."""

    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)
    narrative = forms.CharField(
        label=_("Description of progress"),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    quantity = forms.DecimalField(
        label=_("Number achieved"), required=False, min_value=0, max_digits=12, decimal_places=2
    )
    planned_quantity = forms.DecimalField(
        label=_("Number planned for the year"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
    )


class IndicatorValueForm(forms.Form):
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=14, decimal_places=2)
    text = forms.CharField(label=_("Comment"), required=False, max_length=500)


class FiguresForm(forms.ModelForm):
    class Meta:
        model = YearlyFigures
        fields = [
            "currency",
            "social_budget",
            "clients",
            "benefits_total",
            "benefits_gmi",
            "benefits_housing",
            "benefits_other",
            "recipients",
        ]

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        for name in YearlyFigures.MONEY_FIELDS:
            self.fields[name].widget.attrs["min"] = 0
        if year >= EURO_ADOPTION_YEAR:
            del self.fields["currency"]

    def clean(self):
        cleaned = super().clean()
        if any(cleaned.get(n) is not None and cleaned[n] < 0 for n in YearlyFigures.MONEY_FIELDS):
            raise forms.ValidationError(_("Amounts cannot be negative."))
        if YearlyFigures.benefits_exceed_total(cleaned):
            self.add_error(
                "benefits_total",
                _("The benefits of each kind add up to more than the total."),
            )
        return cleaned

    def data_for_service(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        if self.year >= EURO_ADOPTION_YEAR:
            values["currency"] = Currency.EUR
        return values


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["title", "funding_source", "budget", "currency", "start", "end", "continued"]
        widgets = {"title": forms.TextInput()}


ProjectFormSet = forms.modelformset_factory(Project, form=ProjectForm, extra=1, can_delete=True)


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What has to be corrected"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NARRATIVE_MAX_LENGTH,
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NARRATIVE_MAX_LENGTH,
    )
    until = forms.DateField(
        label=_("Open for changes until"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"until": timezone.localdate() + datetime.timedelta(days=14)})
        super().__init__(*args, **kwargs)


class RoundOpenForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Reporting year"), coerce=int)
    deadline = forms.DateField(
        label=_("Deadline"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("The deadline cannot be in the past."))
        return deadline
