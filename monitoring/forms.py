"""The forms of a submission and of its review. Every reported field takes its limits from
monitoring/rules.py, so the form refuses what the workbook and the admin import refuse."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from monitoring import rules
from monitoring.models import Project
from municipalities.models import (
    EURO_ADOPTION_YEAR,
    CatalogueYear,
    Currency,
    ServiceOffer,
    YearlyFigures,
    municipality_order,
)


class EntryForm(forms.Form):
    """One task's entry; the prefix is the node id."""

    status = rules.ENTRY["status"].formfield(label=_("Status"))
    narrative = rules.ENTRY["narrative"].formfield(
        label=_("Description of progress"), widget=forms.Textarea(attrs={"rows": 3})
    )
    quantity = rules.ENTRY["quantity"].formfield(label=_("Number achieved"))
    planned_quantity = rules.ENTRY["planned_quantity"].formfield(
        label=_("Number planned for the year")
    )


class IndicatorValueForm(forms.Form):
    value = rules.INDICATOR_VALUE["value"].formfield(label=_("Value"))
    text = rules.INDICATOR_VALUE["text"].formfield(label=_("Comment"))


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
        formfield_callback = rules.model_formfield(rules.FIGURES)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        if year >= EURO_ADOPTION_YEAR:
            del self.fields["currency"]

    def clean(self):
        cleaned = super().clean()
        if YearlyFigures.benefits_exceed_total(cleaned):
            self.add_error("benefits_total", rules.BENEFITS_EXCEED_TOTAL)
        return cleaned

    def data_for_service(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        if self.year >= EURO_ADOPTION_YEAR:
            values["currency"] = Currency.EUR
        return values


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "funding_source",
            "budget",
            "currency",
            "budget_text",
            "start",
            "end",
            "continued",
        ]
        widgets = {"title": forms.TextInput()}
        help_texts = {
            "start": _("Month, e.g. 2015-03."),
            "end": _("Month, e.g. 2016-12; empty while it runs."),
        }
        formfield_callback = rules.model_formfield(rules.PROJECT)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        # A year alone spans its months: "2014" ends after "2014-03" starts.
        if start and end and f"{end}-12"[:7] < f"{start}-01"[:7]:
            self.add_error("end", _("The project cannot end before it starts."))
        return cleaned


ProjectFormSet = forms.modelformset_factory(Project, form=ProjectForm, extra=1, can_delete=True)


# --- the service catalogue (monitoring/catalogue.py builds and saves the section) ----------


class ServiceOfferForm(forms.ModelForm):
    """One service of the year; `kinds` is the page's one list of (id, name) of the kinds of
    service (a callable, so the list is read once for all rows, and only if shown)."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    kind = forms.TypedChoiceField(label=_("Service"), coerce=int, empty_value=None)

    class Meta:
        model = ServiceOffer
        fields = [
            "name",
            "provider",
            "unit_price",
            "price_unit",
            "price_notes",
            "clients",
            "places",
            "budget",
            "currency",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}
        formfield_callback = rules.model_formfield(rules.SERVICE_OFFER)

    field_order = ["kind", *Meta.fields]

    def __init__(self, *args, kinds, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        if year >= EURO_ADOPTION_YEAR:
            del self.fields["currency"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit_price") is not None and not cleaned.get("price_unit"):
            self.add_error("price_unit", rules.PRICE_WITHOUT_UNIT)
        return cleaned

    def _post_clean(self):
        # The rows are written by the service (monitoring/catalogue.py), which knows the
        # municipality, the year and the kind: nothing for the model to check here.
        pass


class StaffCountForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    role = rules.STAFF_COUNT["role"].formfield(label=_("Role"))
    count = rules.STAFF_COUNT["count"].formfield(label=_("Number of staff"))

    def clean(self):
        cleaned = super().clean()
        role, count = cleaned.get("role"), cleaned.get("count")
        if role and count is None and "count" not in self.errors:
            self.add_error("count", rules.ROLE_WITHOUT_COUNT)
        if count is not None and not role:
            self.add_error("role", rules.COUNT_WITHOUT_ROLE)
        return cleaned


class _CatalogueFormSet(forms.BaseFormSet):
    """A list of the year's rows. The rows it starts with (saved this year, or taken from last
    year) are checked and kept even if left as they are; `key` says which rows are the same."""

    def key(self, cleaned: dict):
        raise NotImplementedError

    duplicate_message = ""
    duplicate_field = ""

    def clean(self):
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or self._should_delete_form(form):
                continue
            key = self.key(form.cleaned_data)
            if key is None:
                continue
            if key in seen:
                form.add_error(self.duplicate_field, self.duplicate_message)
            seen.add(key)

    @property
    def rows(self) -> list[dict]:
        """The rows to write: each form's values with its "id" and "delete" (after
        is_valid); untouched empty new rows are left out."""
        rows = []
        for form in self.forms:
            delete = self._should_delete_form(form)
            if not delete and self.key(form.cleaned_data) is None:
                continue
            rows.append({**form.cleaned_data, "delete": delete})
        return rows


class _ServiceOfferFormSet(_CatalogueFormSet):
    duplicate_message = rules.SERVICE_LISTED_TWICE
    duplicate_field = "name"

    def key(self, cleaned):
        kind = cleaned.get("kind")
        return None if kind is None else (kind, rules.key(cleaned.get("name") or ""))


class _StaffCountFormSet(_CatalogueFormSet):
    duplicate_message = rules.ROLE_LISTED_TWICE
    duplicate_field = "role"

    def key(self, cleaned):
        role = cleaned.get("role")
        return rules.key(role) if role else None


ServiceOfferFormSet = forms.formset_factory(
    ServiceOfferForm, formset=_ServiceOfferFormSet, extra=1, can_delete=True
)
StaffCountFormSet = forms.formset_factory(
    StaffCountForm, formset=_StaffCountFormSet, extra=1, can_delete=True
)


class CatalogueYearForm(forms.ModelForm):
    class Meta:
        model = CatalogueYear
        fields = ["staff_total", "budget", "currency", "budget_lines", "to_develop"]
        widgets = {
            "budget_lines": forms.Textarea(attrs={"rows": 3}),
            "to_develop": forms.Textarea(attrs={"rows": 4}),
        }
        formfield_callback = rules.model_formfield(rules.CATALOGUE_YEAR)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year
        if year >= EURO_ADOPTION_YEAR:
            del self.fields["currency"]

    def _post_clean(self):
        pass

    def data_for_service(self) -> dict:
        values = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        if self.year >= EURO_ADOPTION_YEAR:
            values["currency"] = Currency.EUR
        return values


class ReturnForm(forms.Form):
    comment = rules.RETURN_COMMENT.formfield(
        label=_("What has to be corrected"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=True,
    )


class DecisionForm(forms.Form):
    """The review's one decision: approve, or return with the comment. The comment is needed
    only to return; typed with an approval, it is kept in the history as the approval's note."""

    APPROVE, RETURN = "approve", "return"

    action = forms.ChoiceField(choices=[(APPROVE, APPROVE), (RETURN, RETURN)])
    comment = rules.RETURN_COMMENT.formfield(
        label=_("What has to be corrected"),
        help_text=_(
            "Needed to return the report. Typed with an approval, it is kept in the history."
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )


class BulkApproveForm(forms.Form):
    """Which of a year's reports to approve at once; `confirm` is set by the confirmation
    page, so the first post only lists them."""

    submissions = forms.ModelMultipleChoiceField(queryset=None)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, reporting_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["submissions"].queryset = reporting_round.submissions.select_related(
            "municipality"
        ).order_by(*municipality_order("municipality"))


class ReopenForm(forms.Form):
    reason = rules.REOPEN_REASON.formfield(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=True,
    )
    until = rules.REOPEN_UNTIL.formfield(label=_("Open for changes until"), required=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"until": timezone.localdate() + datetime.timedelta(days=14)})
        super().__init__(*args, **kwargs)


REMINDERS_OUT_OF_ORDER = _(
    "The first reminder must come more days before the deadline than the last one."
)
# Further ahead a reminder would be forgotten by the deadline.
MAX_REMINDER_DAYS = 90


class ReminderDaysForm(forms.Form):
    """How many days before the deadline the staff of reports not handed in are reminded."""

    first_reminder = forms.IntegerField(
        label=_("First reminder, days before the deadline"),
        min_value=1,
        max_value=MAX_REMINDER_DAYS,
        initial=14,
    )
    last_reminder = forms.IntegerField(
        label=_("Last reminder, days before the deadline"),
        help_text=_("0 sends it on the day of the deadline."),
        min_value=0,
        max_value=MAX_REMINDER_DAYS - 1,
        initial=3,
    )

    def clean(self):
        cleaned = super().clean()
        for name in ("first_reminder", "last_reminder"):
            if cleaned.get(name) is None and not self.fields[name].required:
                cleaned[name] = self.fields[name].initial
        first, last = cleaned.get("first_reminder"), cleaned.get("last_reminder")
        if first is not None and last is not None and first <= last:
            self.add_error("last_reminder", REMINDERS_OUT_OF_ORDER)
        return cleaned

    @property
    def reminder_days(self) -> tuple[int, int]:
        return self.cleaned_data["first_reminder"], self.cleaned_data["last_reminder"]


class RoundOpenForm(ReminderDaysForm):
    """The year and its deadline; the reminder days may be left as they are offered."""

    year = forms.TypedChoiceField(label=_("Reporting year"), coerce=int)
    deadline = rules.ROUND_DEADLINE.formfield(label=_("Deadline"), required=True)

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
        for name in ("first_reminder", "last_reminder"):
            self.fields[name].required = False
