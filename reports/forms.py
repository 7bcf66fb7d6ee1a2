from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring.rules import NARRATIVE_MAX_LENGTH


class ReviewTextForm(forms.Form):
    """The coordinator's part of a review; one verdict field per policy result."""

    introduction = forms.CharField(
        label=_("Introduction"),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    assessment = forms.CharField(
        label=_("The coordinator's (working group's) assessment"),
        help_text=_(
            "Your own assessment of how much of the programme was fulfilled, e.g. “aptuveni "
            "70 % no plānotajiem uzdevumiem ir izpildīti”; the review prints it as yours, beside "
            "the share computed from the reports."
        ),
        required=False,
        max_length=NARRATIVE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
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

    @classmethod
    def for_review(cls, standing) -> "ReviewTextForm":
        """The form as the review stands now (reports/review.py's ReviewStanding); a year with
        no text yet starts from last year's introduction, as a draft to edit."""
        text = standing.text
        initial = {
            name: getattr(text, name) if text else ""
            for name in ("introduction", "assessment", "conclusions", "next_steps")
        }
        form = cls(
            policy_results=[result for result, _verdict in standing.verdicts],
            initial={
                **initial,
                **{f"verdict_{result.pk}": verdict for result, verdict in standing.verdicts},
            },
        )
        previous = standing.previous_text
        if text is None and previous is not None and previous.introduction:
            form.initial["introduction"] = previous.introduction
            form.fields["introduction"].help_text = _(
                "Started from the introduction of %(year)s: edit it for this year before saving."
            ) % {"year": previous.year}
        return form

    def verdicts(self) -> dict[int, str]:
        return {r.pk: self.cleaned_data[f"verdict_{r.pk}"] for r in self.policy_results}


class ReviewDecisionForm(forms.Form):
    """The development council's decision on a final version, as the coordinator records it.
    Which dates are allowed is the service's rule (reports/services.py)."""

    date = forms.DateField(
        label=_("Date of the council meeting"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )
    number = forms.CharField(label=_("Decision number"), max_length=20)
    wording = forms.CharField(
        label=_("Wording of the decision (optional)"),
        help_text=_("What the council decided, e.g. “apstiprināt”."),
        required=False,
        max_length=100,
    )

    def __init__(self, *args, version, **kwargs):
        # One form per final version on the review page: their ids must differ.
        super().__init__(*args, auto_id=f"decision-{version.pk}-%s", **kwargs)
        self.version = version
