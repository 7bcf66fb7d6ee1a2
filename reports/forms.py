from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.rules import NARRATIVE_MAX_LENGTH


class ReviewTextForm(forms.Form):
    """The coordinator's part of a review; one verdict field per policy result."""

    conclusions = forms.CharField(
        label=_("Conclusions"),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    next_steps = forms.CharField(
        label=_("What to do next"),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, policy_results, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy_results = list(policy_results)
        for result in self.policy_results:
            self.fields[f"verdict_{result.pk}"] = forms.CharField(
                label=result.text,
                required=False,
                max_length=NARRATIVE_MAX_LENGTH,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def verdicts(self) -> dict[int, str]:
        return {r.pk: self.cleaned_data[f"verdict_{r.pk}"] for r in self.policy_results}
