"""The forms of the accounts: an invitation, a person's own settings, the password reset."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm, _unicode_ci_compare
from django.utils.translation import gettext_lazy as _

from monitoring import access, people
from monitoring.models import Membership
from municipalities.models import Municipality

MUNICIPALITY_REQUIRED = _("Choose the municipality whose social service the person works for.")


class MunicipalityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, municipality) -> str:
        # Before and after the 2021 reform a region has municipalities of the same name.
        if municipality.valid_until:
            return _("%(name)s (until %(date)s)") % {
                "name": municipality.name,
                "date": municipality.valid_until.strftime("%d.%m.%Y"),
            }
        if municipality.valid_from:
            return _("%(name)s (from %(date)s)") % {
                "name": municipality.name,
                "date": municipality.valid_from.strftime("%d.%m.%Y"),
            }
        return municipality.name


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in access.INVITED_ROLES],
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        required=False,
        help_text=_(
            "For the municipality's social-service staff. A council member belongs to the "
            "whole region: leave it empty."
        ),
    )

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = Municipality.objects.filter(region=region).in_order()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Membership.Role.STAFF and not cleaned.get("municipality"):
            self.add_error("municipality", MUNICIPALITY_REQUIRED)
        return cleaned


class SettingsForm(forms.Form):
    """A person's own settings; the daily digest is a coordinator's only."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("Of the pages after you log in and of the e-mail you get."),
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        required=False,
        help_text=_("Where your notices and password reset links go."),
    )
    daily_digest = forms.BooleanField(
        label=_("Daily digest during a reporting year"),
        required=False,
        help_text=_("Who submitted, who is late, who has not started."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not access.roles_of(user).is_coordinator:
            del self.fields["daily_digest"]

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"].strip())
        if email and people.email_taken(email, besides=self.user):
            raise forms.ValidationError(people.ADDRESS_TAKEN)
        return email


class MailedPasswordResetForm(PasswordResetForm):
    """Django's password reset, its e-mail written into the message log and delivered from
    there. Whether the address has an account is not told: the answer is the same page."""

    def get_users(self, email):
        # Invited people who have not set a password yet may ask for a new link too (theirs
        # is unusable, which Django's form would skip).
        User = get_user_model()
        field = User.get_email_field_name()
        active = User._default_manager.filter(**{f"{field}__iexact": email, "is_active": True})
        return (user for user in active if _unicode_ci_compare(email, getattr(user, field)))

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        people.password_reset_mail(user=context["user"], token=context["token"])

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Whether or not a message was written: the request does the same either way.
        people.deliver_after_commit()


class PasswordSetForm(SetPasswordForm):
    """Django's form where the link of the e-mail leads, addressing the person formally."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password2"].help_text = _("Enter the same password again.")
