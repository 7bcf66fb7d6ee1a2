"""The accounts: a region's people (Piekļuve) for its coordinator and national administrators,
invitations, deactivating and reactivating; every person's own settings; setting a password
through the one-time link of an e-mail (Django's password reset views, mailed through the
message log)."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _

from monitoring import access, people
from monitoring.account_forms import (
    InvitationForm,
    MailedPasswordResetForm,
    PasswordSetForm,
    SettingsForm,
)
from monitoring.models import UserSettings
from municipalities.models import PlanningRegion

PEOPLE_PER_PAGE = 50


def _region_for_user(user, slug: str) -> PlanningRegion:
    """A region whose people the user manages, or 404."""
    region = get_object_or_404(PlanningRegion, slug=slug)
    if not access.can_manage_people(user, region.pk):
        raise Http404
    return region


@login_required
def index(request):
    """A coordinator goes straight to her region; a national administrator chooses one."""
    regions = access.managed_region_ids(request.user)
    if regions is not None and not regions:
        raise Http404
    choices = PlanningRegion.objects.all()
    if regions is not None:
        choices = choices.filter(pk__in=regions)
    choices = list(choices)
    if len(choices) == 1:
        return redirect("accounts:people", choices[0].slug)
    return render(request, "accounts/index.html", {"regions": choices})


@login_required
def people_list(request, slug):
    """Who has access in the region: its municipalities' staff, its council, its coordinators."""
    region = _region_for_user(request.user, slug)
    page = Paginator(people.region_people(region), PEOPLE_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "accounts/people.html",
        {
            "region": region,
            "page": page,
            "rows": people.people_rows(page.object_list, by=request.user),
            "national": access.roles_of(request.user).national,
        },
    )


@login_required
def invite(request, slug):
    region = _region_for_user(request.user, slug)
    form = InvitationForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = people.account_invite(
                region=region,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                municipality=data["municipality"],
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            done = (
                _("%(email)s is invited: the e-mail with the link to set a password is sent.")
                if invitation.new_account
                else _("%(email)s has the new role; the e-mail telling so is sent.")
            )
            messages.success(request, done % {"email": invitation.user.email})
            return redirect("accounts:people", region.slug)
    return render(
        request,
        "accounts/invite.html",
        {"region": region, "form": form},
        status=400 if form.is_bound else 200,
    )


def _confirmed_change(request, slug, pk, *, deactivate: bool):
    """The confirmation page (GET) and the change (POST) of a person's access."""
    region = _region_for_user(request.user, slug)
    person = people.get_person_for_user(request.user, region, pk)
    if request.method == "POST":
        if deactivate:
            people.account_deactivate(person=person, region=region, by=request.user)
            done = _("%(name)s can no longer log in.")
        else:
            people.account_reactivate(person=person, region=region, by=request.user)
            done = _("%(name)s can log in again.")
        messages.success(request, done % {"name": person.get_full_name() or person.username})
        return redirect("accounts:people", region.slug)
    return render(
        request,
        "accounts/confirm.html",
        {"region": region, "person": person, "deactivate": deactivate},
    )


@login_required
def deactivate(request, slug, pk):
    return _confirmed_change(request, slug, pk, deactivate=True)


@login_required
def reactivate(request, slug, pk):
    return _confirmed_change(request, slug, pk, deactivate=False)


@login_required
def my_settings(request):
    """The person's own language and e-mail address; a coordinator's daily digest."""
    user = request.user
    saved = UserSettings.objects.filter(user=user).first()
    initial = {
        "language": saved.language if saved else request.LANGUAGE_CODE,
        "email": user.email,
        "daily_digest": saved.daily_digest if saved else True,
    }
    form = SettingsForm(request.POST or None, initial=initial, user=user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {"language": data["language"]}
        if "daily_digest" in data:
            values["daily_digest"] = data["daily_digest"]
        UserSettings.objects.update_or_create(user=user, defaults=values)
        if data["email"] != user.email:
            user.email = data["email"]
            user.save(update_fields=["email"])
        # The cookie follows (monitoring/middleware.py), and the message is in the new language.
        request.language_chosen = data["language"]
        with translation.override(data["language"]):
            messages.success(request, _("Your settings are saved."))
        return redirect("accounts:settings")
    return render(
        request, "accounts/settings.html", {"form": form}, status=400 if form.is_bound else 200
    )


class PasswordResetView(auth_views.PasswordResetView):
    form_class = MailedPasswordResetForm
    template_name = "registration/password_reset_form.html"
    success_url = reverse_lazy("accounts:password-reset-done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    form_class = PasswordSetForm
    success_url = reverse_lazy("accounts:password-reset-complete")

    def get_user(self, uidb64):
        # A deactivated account's links no longer work.
        user = super().get_user(uidb64)
        return user if user is not None and user.is_active else None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Invited and never logged in: her first password.
        context["first_time"] = self.user is not None and not self.user.has_usable_password()
        return context


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "login_url": reverse("login")}
