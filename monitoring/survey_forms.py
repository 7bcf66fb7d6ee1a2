"""The survey's forms: the coordinator's survey, question and provider, and the answers."""

from django import forms
from django.utils.translation import gettext_lazy as _

from monitoring import rules
from monitoring.models import Survey, SurveyQuestion, SurveyRespondent


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["year", "title", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, years=None, **kwargs):
        super().__init__(*args, **kwargs)
        if years is None:  # editing: the year stays
            del self.fields["year"]
        else:
            self.fields["year"] = forms.TypedChoiceField(
                label=_("Year"), choices=[(y, y) for y in years], coerce=int
            )


class QuestionForm(forms.ModelForm):
    class Meta:
        model = SurveyQuestion
        fields = ["audience", "number", "text", "summary"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, fixed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].widget.attrs["min"] = "1"
        self.fields["number"].min_value = 1
        # After a submission only the summary may change (monitoring/surveys.py).
        for name in ("audience", "number", "text"):
            self.fields[name].disabled = fixed


class ProviderForm(forms.ModelForm):
    class Meta:
        model = SurveyRespondent
        fields = ["name", "municipality", "email"]
        help_texts = {
            "email": _("Optional: for your own records; the link is shown to you to pass on."),
        }

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = True
        municipality = self.fields["municipality"]
        municipality.queryset = municipalities
        municipality.empty_label = _("— not given —")
        municipality.label_from_instance = lambda m: m.name


class AnswersForm(forms.Form):
    """A textarea per question asked of the respondent, named by the question's id."""

    def __init__(self, *args, questions, answers, read_only=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[self.name_of(question)] = rules.SURVEY_ANSWER.formfield(
                label=f"{question.number}. {question.text}",
                initial=answers.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 5}),
                disabled=read_only,
            )

    @staticmethod
    def name_of(question) -> str:
        return f"q{question.pk}"

    def rows(self):
        """(question, bound field) in the questions' order."""
        return [(q, self[self.name_of(q)]) for q in self.questions]

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[self.name_of(q)] for q in self.questions}
