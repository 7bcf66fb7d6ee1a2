"""The region's accounts: the coordinator invites her region's staff and council members by
e-mail, sees who has access, deactivates and reactivates; everyone resets a password by e-mail
and chooses a language. The e-mail goes through a real SMTP server (tests/smtp.py)."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse

from monitoring import people as accounts
from monitoring.models import Membership, Message, UserSettings
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db

User = get_user_model()
ADDRESS = "anna.berzina@jelgava.lv"
PASSWORD = "Zemgale-2015-pavasaris"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
LINK = re.compile(r"http://testserver(/password/reset/[^/\s]+/[^/\s]+/)")


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "http://testserver"


def _invite(client, capture, slug="zemgale", **fields):
    data = {
        "email": ADDRESS,
        "first_name": "Anna",
        "last_name": "Bērziņa",
        "role": "staff",
        "municipality": Municipality.resolve("Jelgava", year=2015).pk,
        **fields,
    }
    with capture(execute=True):  # the e-mail is delivered after the transaction commits
        return client.post(reverse("accounts:invite", args=[slug]), data)


def _link(inbox, address) -> str:
    (message,) = inbox.to(address)
    return LINK.search(inbox.text(message)).group(1)


def _set_password(client, link) -> object:
    form = client.get(link)  # the token goes into the session, the page drops it from the URL
    assert form.status_code == 302
    return client.post(form["Location"], {"new_password1": PASSWORD, "new_password2": PASSWORD})


def _log_in(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_the_invitation_sets_a_password_and_the_person_sees_her_municipality(
    client, people, zemgale_round, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(people.zemgale_coordinator)
    response = _invite(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:people", args=["zemgale"])
    anna = User.objects.get(email=ADDRESS)
    assert (anna.username, anna.get_full_name()) == (ADDRESS, "Anna Bērziņa")
    assert not anna.has_usable_password()
    membership = anna.memberships.get()
    assert (membership.role, membership.municipality) == ("staff", people.jelgava)
    assert membership.history.get().history_user == people.zemgale_coordinator
    message = Message.objects.get(recipient=anna)
    assert (message.kind, message.key) == ("invitation", f"invitation:{anna.pk}:{membership.pk}")
    assert message.sent_at is not None and message.region == people.jelgava.region

    (received,) = smtp_server.to(ADDRESS)
    assert received["Subject"].strip() == "Piekļuve sociālo pakalpojumu programmu uzraudzībai"
    text = smtp_server.text(received)
    assert "ar lomu “pašvaldības sociālā dienesta darbinieks” (Jelgava)" in text
    assert f"lietotājvārdu {ADDRESS}" in text
    assert "Saite darbojas vienu reizi, 3 dienas." in text

    client.logout()
    link = _link(smtp_server, ADDRESS)
    page = client.get(client.get(link)["Location"])
    assert "Iestatiet savu paroli" in page.text
    done = client.post(
        page.request["PATH_INFO"], {"new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert done["Location"] == reverse("accounts:password-reset-complete")
    assert "Saite nedarbojas" in client.get(link).text  # used once

    assert _log_in(client, ADDRESS).status_code == 302
    reports = client.get(reverse("monitoring:index")).context["submissions"]
    assert [s.municipality for s in reports] == [people.jelgava]


def test_the_people_page_shows_who_has_access(client, people):
    people.jelgava_staff.email = "dienests@jelgava.lv"
    people.jelgava_staff.save()
    client.force_login(people.zemgale_coordinator)

    response = client.get(reverse("accounts:people", args=["zemgale"]))

    names = [row.person.username for row in response.context["rows"]]
    assert set(names) == {
        "dienests-jelgava",
        "dienests-dobele",
        "koordinators-zemgale",
        "padome-zemgale",
    }
    manageable = {row.person.username for row in response.context["rows"] if row.manageable}
    assert manageable == {"dienests-jelgava", "dienests-dobele", "padome-zemgale"}
    assert "dienests@jelgava.lv" in response.text


def test_a_second_regions_coordinator_gets_404(client, people, django_capture_on_commit_callbacks):
    client.force_login(people.latgale_coordinator)
    target = people.dobele_staff.pk
    for url in [
        reverse("accounts:people", args=["zemgale"]),
        reverse("accounts:invite", args=["zemgale"]),
        reverse("accounts:deactivate", args=["zemgale", target]),
        reverse("accounts:reactivate", args=["zemgale", target]),
        # Her own region's page, naming Zemgale's staff member: not one of hers.
        reverse("accounts:deactivate", args=["latgale", target]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code == 404, url
    assert _invite(client, django_capture_on_commit_callbacks).status_code == 404
    assert not User.objects.filter(email=ADDRESS).exists()
    assert User.objects.get(pk=target).is_active


@pytest.mark.parametrize("role", ["coordinator", "national"])
def test_an_invitation_cannot_give_more_rights(
    client, people, role, django_capture_on_commit_callbacks
):
    client.force_login(people.zemgale_coordinator)
    response = _invite(client, django_capture_on_commit_callbacks, role=role)
    assert response.status_code == 400
    assert response.context["form"].errors["role"]
    assert not User.objects.filter(email=ADDRESS).exists()


def test_an_invitation_stays_in_her_region(client, people, django_capture_on_commit_callbacks):
    client.force_login(people.zemgale_coordinator)
    daugavpils = Municipality.resolve("Daugavpils", year=2015)
    response = _invite(client, django_capture_on_commit_callbacks, municipality=daugavpils.pk)
    assert response.status_code == 400 and response.context["form"].errors["municipality"]
    response = _invite(client, django_capture_on_commit_callbacks, municipality="")
    assert response.context["form"].errors["municipality"] == [
        "Izvēlieties pašvaldību, kuras sociālajā dienestā persona strādā."
    ]
    assert not User.objects.filter(email=ADDRESS).exists()


@pytest.mark.parametrize(
    ("owner", "error"),
    [
        ("zemgale_coordinator", accounts.OWN_ACCOUNT),
        ("latgale_coordinator", accounts.BELONGS_ELSEWHERE),
        ("national", accounts.BELONGS_ELSEWHERE),
    ],
)
def test_an_address_of_herself_or_of_another_region_is_refused(
    client, people, owner, error, django_capture_on_commit_callbacks
):
    person = getattr(people, owner)
    person.email = ADDRESS
    person.save()
    roles = Membership.objects.count()
    client.force_login(people.zemgale_coordinator)

    response = _invite(client, django_capture_on_commit_callbacks, role="council")

    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [str(error)]
    assert Membership.objects.count() == roles and not Message.objects.exists()


def test_an_address_of_her_region_gets_the_new_role(
    client, people, smtp_server, django_capture_on_commit_callbacks
):
    people.jelgava_staff.email = ADDRESS
    people.jelgava_staff.save()
    client.force_login(people.zemgale_coordinator)

    response = _invite(client, django_capture_on_commit_callbacks, role="council")

    assert response.status_code == 302
    roles = set(people.jelgava_staff.memberships.values_list("role", flat=True))
    assert roles == {"staff", "council"}
    (received,) = smtp_server.to(ADDRESS)
    assert "Pieslēdzieties kā līdz šim ar lietotājvārdu dienests-jelgava" in smtp_server.text(
        received
    )
    again = _invite(client, django_capture_on_commit_callbacks, role="council")
    assert again.context["form"].errors["email"] == [str(accounts.ALREADY_HAS_ROLE)]


def test_deactivating_asks_first_then_ends_her_access(client, people):
    staff = client.__class__()
    staff.force_login(people.dobele_staff)
    client.force_login(people.zemgale_coordinator)
    url = reverse("accounts:deactivate", args=["zemgale", people.dobele_staff.pk])

    confirmation = client.get(url)
    assert confirmation.status_code == 200 and "Deaktivizēt kontu" in confirmation.text
    assert User.objects.get(pk=people.dobele_staff.pk).is_active

    assert client.post(url)["Location"] == reverse("accounts:people", args=["zemgale"])
    assert not User.objects.get(pk=people.dobele_staff.pk).is_active
    assert staff.get(reverse("monitoring:index"))["Location"].startswith(reverse("login"))
    assert _log_in(staff, "dienests-dobele", "parole-123456").status_code == 200  # refused

    url = reverse("accounts:reactivate", args=["zemgale", people.dobele_staff.pk])
    assert "Aktivizēt kontu no jauna" in client.get(url).text
    client.post(url)
    assert User.objects.get(pk=people.dobele_staff.pk).is_active
    assert _log_in(staff, "dienests-dobele", "parole-123456").status_code == 302


@pytest.mark.parametrize("whom", ["zemgale_coordinator", "latgale_coordinator", "national"])
def test_she_cannot_deactivate_herself_coordinators_or_administrators(client, people, whom):
    client.force_login(people.zemgale_coordinator)
    person = getattr(people, whom)
    url = reverse("accounts:deactivate", args=["zemgale", person.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert User.objects.get(pk=person.pk).is_active


def test_someone_with_a_role_in_another_region_is_the_administrators(client, people):
    latgale = people.latgale_coordinator.memberships.get().region
    Membership.objects.create(user=people.dobele_staff, role="council", region=latgale)
    client.force_login(people.zemgale_coordinator)
    url = reverse("accounts:deactivate", args=["zemgale", people.dobele_staff.pk])
    assert client.post(url).status_code == 404
    client.force_login(people.national)
    assert client.post(url).status_code == 302  # all regions are hers
    assert not User.objects.get(pk=people.dobele_staff.pk).is_active


def test_the_national_administrator_chooses_a_region(client, people):
    client.force_login(people.national)
    response = client.get(reverse("accounts:index"))
    assert [r.slug for r in response.context["regions"]] == ["kurzeme", "latgale", "zemgale"]
    client.force_login(people.zemgale_coordinator)
    assert client.get(reverse("accounts:index"))["Location"] == reverse(
        "accounts:people", args=["zemgale"]
    )


@pytest.mark.parametrize(
    "who", ["jelgava_staff", "zemgale_coordinator", "zemgale_council", "national"]
)
def test_everyone_resets_a_password_by_email(
    client, people, who, smtp_server, django_capture_on_commit_callbacks
):
    person = getattr(people, who)
    person.email = f"{person.username}@example.lv"
    person.save()

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(reverse("accounts:password-reset"), {"email": person.email.upper()})

    assert sent["Location"] == reverse("accounts:password-reset-done")
    (received,) = smtp_server.to(person.email)
    assert received["Subject"].strip().startswith("Izvēlieties jaunu paroli")
    assert Message.objects.get(recipient=person).kind == "password_reset"
    assert _set_password(client, _link(smtp_server, person.email)).status_code == 302
    assert _log_in(client, person.username).status_code == 302


def test_the_reset_does_not_tell_whether_an_address_has_an_account(
    client, people, smtp_server, django_capture_on_commit_callbacks
):
    people.jelgava_staff.email = ADDRESS
    people.jelgava_staff.save()
    answers = []
    for address in [ADDRESS, "neviens@example.lv"]:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("accounts:password-reset"), {"email": address}, follow=True
            )
        page = CSRF.sub("", response.text)  # masked anew on every page
        answers.append((response.redirect_chain, page))
    assert answers[0] == answers[1]
    assert [m["X-Envelope-To"] for m in smtp_server.messages] == [ADDRESS]


def test_a_reset_is_sent_at_most_three_times_an_hour(
    client, people, smtp_server, django_capture_on_commit_callbacks, monkeypatch
):
    people.jelgava_staff.email = ADDRESS
    people.jelgava_staff.save()
    # Each request is its own message: its token is of another second.
    seconds = (datetime.datetime.now() + datetime.timedelta(seconds=n) for n in range(10))
    monkeypatch.setattr(default_token_generator, "_now", lambda: next(seconds))
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("accounts:password-reset"), {"email": ADDRESS})
    assert len(smtp_server.to(ADDRESS)) == accounts.RESETS_PER_HOUR == 3


def test_an_invited_person_asks_for_a_new_link(
    client, people, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(people.zemgale_coordinator)
    _invite(client, django_capture_on_commit_callbacks)
    client.logout()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("accounts:password-reset"), {"email": ADDRESS})
    invitation, reset = smtp_server.to(ADDRESS)
    assert reset["Subject"].strip().startswith("Iestatiet savu paroli")
    assert _set_password(client, _link_of(smtp_server, reset)).status_code == 302
    assert _log_in(client, ADDRESS).status_code == 302


def _link_of(inbox, message) -> str:
    return LINK.search(inbox.text(message)).group(1)


def test_a_deactivated_persons_link_does_not_work(
    client, people, smtp_server, django_capture_on_commit_callbacks
):
    client.force_login(people.zemgale_coordinator)
    _invite(client, django_capture_on_commit_callbacks)
    User.objects.filter(email=ADDRESS).update(is_active=False)
    client.logout()
    response = client.get(_link(smtp_server, ADDRESS))
    assert response.status_code == 200 and "Saite nedarbojas" in response.text


def test_her_language_applies_after_login(client, people):
    client.force_login(people.jelgava_staff)
    saved = client.post(
        reverse("accounts:settings"), {"language": "en", "email": "dienests@jelgava.lv"}
    )
    assert saved.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert UserSettings.objects.get(user=people.jelgava_staff).language == "en"
    assert User.objects.get(pk=people.jelgava_staff.pk).email == "dienests@jelgava.lv"
    assert "Your settings are saved." in client.get(saved["Location"]).text

    other_computer = client.__class__()
    login = _log_in(other_computer, "dienests-jelgava", "parole-123456")
    assert login.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert other_computer.get(reverse("monitoring:index"))["Content-Language"] == "en"


def test_the_switch_is_remembered_while_logged_in(client, people):
    client.force_login(people.zemgale_council)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert UserSettings.objects.get(user=people.zemgale_council).language == "en"


def test_the_daily_digest_is_a_coordinators_setting(client, people):
    client.force_login(people.jelgava_staff)
    assert "daily_digest" not in client.get(reverse("accounts:settings")).context["form"].fields
    client.force_login(people.zemgale_coordinator)
    assert "daily_digest" in client.get(reverse("accounts:settings")).context["form"].fields
    client.post(reverse("accounts:settings"), {"language": "lv", "email": "k@zemgale.lv"})
    assert not UserSettings.objects.get(user=people.zemgale_coordinator).daily_digest


def test_an_address_of_another_account_is_refused_in_settings(client, people):
    people.dobele_staff.email = ADDRESS
    people.dobele_staff.save()
    client.force_login(people.jelgava_staff)
    response = client.post(
        reverse("accounts:settings"), {"language": "lv", "email": ADDRESS.upper()}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["email"] == [str(accounts.ADDRESS_TAKEN)]


def test_a_short_password_is_refused_in_good_latvian(client, people):
    link = urlsplit(accounts.set_password_link(people.jelgava_staff)).path
    page = client.get(link)["Location"]
    response = client.post(page, {"new_password1": "Ziema7", "new_password2": "Ziema7"})
    assert response.context["form"].errors["new_password2"] == [
        "Parole ir pārāk īsa: tajā jābūt vismaz 8 rakstzīmēm."
    ]
