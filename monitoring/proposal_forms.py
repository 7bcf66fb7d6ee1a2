"""The forms of a proposal to the programme and of the coordinator's decision on it; the text
fields take their limits from monitoring/rules.py."""

from django import forms
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from monitoring import rules
from programmes.models import Proposal


class ObjectChoiceField(forms.ChoiceField):
    """A choice among objects the view has already read (so the form reads nothing itself),
    cleaned to the chosen object; `empty_label` offers no choice, where it is not required."""

    def __init__(self, objects, *, label_of=str, empty_label=None, **kwargs):
        self.objects = {str(o.pk): o for o in objects}
        blank = [("", empty_label)] if empty_label is not None else []
        choices = [*blank, *((key, label_of(o)) for key, o in self.objects.items())]
        super().__init__(choices=choices, **kwargs)

    def clean(self, value):
        key = super().clean(value)
        return self.objects.get(key) if key else None


def node_label(node) -> str:
    return f"{node.code} {Truncator(node.title).chars(90)}"


class ProposalForm(forms.Form):
    def __init__(self, *args, municipalities, nodes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"] = ObjectChoiceField(
            municipalities,
            label=_("Proposed by"),
            help_text=_("Your municipality that makes the proposal."),
        )
        self.fields["text"] = rules.PROPOSAL["text"].formfield(
            label=_("Proposal"),
            required=True,
            help_text=_("What the programme should add or change, and why."),
            widget=forms.Textarea(attrs={"rows": 6}),
        )
        self.fields["node"] = ObjectChoiceField(
            nodes,
            label_of=node_label,
            empty_label=_("— none in particular —"),
            required=False,
            label=_("Task or action it concerns"),
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Proposal.Decision.choices)

    def __init__(self, *args, nodes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = rules.PROPOSAL["reason"].formfield(
            label=_("Reason for the decision"),
            help_text=_("Required for every decision but “not decided yet”."),
            widget=forms.Textarea(attrs={"rows": 5}),
        )
        self.fields["included_in"] = ObjectChoiceField(
            nodes,
            label_of=node_label,
            empty_label=_("— not included —"),
            required=False,
            label=_("Included in"),
            help_text=_(
                "The task or action the proposal went into; required for a proposal included"
                " under another action."
            ),
        )
        self.fields["decided_on"] = forms.DateField(
            label=_("Decided on"),
            required=False,
            help_text=_("Empty for today."),
            widget=forms.DateInput(
                attrs={"type": "date", "max": timezone.localdate().isoformat()},
                format="%Y-%m-%d",
            ),
        )
        self.fields["decided_how"] = rules.PROPOSAL["decided_how"].formfield(
            label=_("How it was decided"),
            help_text=_("E.g. by a vote of the sector's representatives at a seminar."),
        )
