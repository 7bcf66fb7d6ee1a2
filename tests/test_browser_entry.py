"""The entry form and the coordinator's desk in headless Chromium: by keyboard only, autosave
and restore, "as last year" into the review, and bulk approval."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from monitoring import services
from monitoring.demo import demo_users_create
from monitoring.models import ProgressEntry, Status
from programmes.models import Programme
from tests.browser import axe_violations, log_in, log_out, screenshot
from tests.test_entry_form_help import _hand_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("published_data"),
]

# Where the focused element is, and whether it is what a click at its centre would reach
# (nothing sticky over it); fields inside a closed block cannot take the focus at all.
FOCUSED = """() => {
  const el = document.activeElement;
  const r = el.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + Math.min(r.width / 2, 8), r.top + r.height / 2);
  return {
    name: el.getAttribute("name") || "",
    value: el.getAttribute("value") || "",
    tag: el.tagName,
    inView: r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight,
    unobscured: hit !== null && (hit === el || el.contains(hit) || hit.contains(el)),
  };
}"""
FIELDS = """() => Array.from(document.querySelectorAll(
  "form.entry-form input:not([type=hidden]), form.entry-form select, form.entry-form textarea"
)).map(el => el.getAttribute("name"))"""


def _round():
    zemgale = Programme.objects.get(slug="zemgale")
    coordinator = get_user_model().objects.get(username="koordinators-zemgale")
    return services.round_open(
        programme=zemgale,
        year=2015,
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        by=coordinator,
    )


def _jelgava(reporting_round):
    return reporting_round.submissions.get(municipality__name="Jelgava")


def _task(page, code):
    return page.locator("fieldset.task").filter(
        has=page.locator(f"xpath=./legend/span[text()='{code}']")
    )


def test_the_form_is_walked_by_keyboard_alone(live_server, page):
    demo_users_create()
    submission = _jelgava(_round())
    log_in(page, live_server.url, "dienests-jelgava")
    page.goto(live_server.url + submission.get_absolute_url())
    fields = set(page.evaluate(FIELDS))
    assert len(fields) > 60

    page.locator("h1").click()  # start from the top of the content, as a reader would
    reached, hidden = set(), []
    for _ in range(len(fields) * 2 + 60):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["name"]:
            reached.add(focused["name"])
            if not (focused["inView"] and focused["unobscured"]):
                hidden.append(focused)
        if focused["name"] == "action" and focused["value"] == "submit":
            break
    assert fields <= reached, sorted(fields - reached)
    assert hidden == []

    # Typed and saved without the mouse.
    narrative = _task(page, "1.1").get_by_label("Izpildes apraksts")
    narrative.focus()
    page.keyboard.type("Ierakstīts ar tastatūru.")
    page.get_by_role("button", name="Saglabāt melnrakstu").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Melnraksts saglabāts.")
    assert ProgressEntry.objects.get(
        municipality=submission.municipality, year=2015, node__code="1.1"
    ).narrative == ("Ierakstīts ar tastatūru.")


@pytest.mark.bypass_csp  # axe-core is injected as an inline script
def test_typed_input_is_kept_automatically_and_restored(live_server, page):
    demo_users_create()
    submission = _jelgava(_round())
    log_in(page, live_server.url, "dienests-jelgava")
    page.goto(live_server.url + submission.get_absolute_url())
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))

    _task(page, "1.2").get_by_label("Izpildes apraksts").fill("Teksts, kas vēl nav saglabāts.")
    expect(page.locator("[data-autosave-status]")).to_contain_text("automātiski", timeout=10000)
    page.get_by_role("link", name="Pārskati").first.click()
    page.wait_for_url("**/reporting/")
    assert dialogs == ["beforeunload"]
    assert not ProgressEntry.objects.filter(municipality=submission.municipality).exists()

    page.goto(live_server.url + submission.get_absolute_url())
    expect(page.get_by_role("heading", name="nesaglabāta ievade")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Atjaunot ievadīto").click()
    expect(_task(page, "1.2").get_by_label("Izpildes apraksts")).to_have_value(
        "Teksts, kas vēl nav saglabāts."
    )
    screenshot(page, "entry-restored")
    page.get_by_role("button", name="Saglabāt melnrakstu").click()
    expect(page.get_by_role("status")).to_contain_text("Melnraksts saglabāts.")
    expect(page.get_by_role("heading", name="nesaglabāta ievade")).to_have_count(0)


@pytest.mark.bypass_csp
def test_as_last_year_reaches_the_review_as_unchanged(live_server, page):
    demo_users_create()
    submission = _jelgava(_round())
    node = submission.round.programme.nodes.get(code="1.2")
    ProgressEntry.objects.create(
        node=node,
        municipality=submission.municipality,
        year=2014,
        status=Status.PARTIAL,
        narrative="Dienas centrs tiek būvēts.",
    )
    log_in(page, live_server.url, "dienests-jelgava")
    page.goto(live_server.url + submission.get_absolute_url())
    task = _task(page, "1.2")
    task.get_by_role("button", name="Kā 2014. gadā").click()
    expect(task.get_by_label("Statuss")).to_have_value(Status.PARTIAL)
    expect(task.get_by_label("Izpildes apraksts")).to_have_value("Dienas centrs tiek būvēts.")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Saglabāt melnrakstu").click()
    expect(page.get_by_role("status")).to_contain_text("Melnraksts saglabāts.")
    expect(_task(page, "1.2")).to_contain_text("Situācija nav mainījusies kopš 2014. gada")

    submission.refresh_from_db()
    staff = get_user_model().objects.get(username="dienests-jelgava")
    coordinator = get_user_model().objects.get(username="koordinators-zemgale")
    services.submission_approve(submission=_hand_in(submission, staff), by=coordinator)
    log_out(page)
    log_in(page, live_server.url, "padome-zemgale")
    page.goto(live_server.url + "/reports/zemgale/2015/")
    expect(page.locator("#part-tasks")).to_contain_text(
        "(situācija nav mainījusies kopš 2014. gada)"
    )


@pytest.mark.bypass_csp
def test_the_coordinator_approves_checked_reports_after_a_confirmation(live_server, page):
    demo_users_create()
    reporting_round = _round()
    handed_in = []
    for name in ("Jelgava", "Dobeles novads"):
        submission = reporting_round.submissions.get(municipality__name=name)
        handed_in.append(_hand_in(submission, _staff_of(submission)))
    log_in(page, live_server.url, "koordinators-zemgale")
    page.goto(live_server.url + reporting_round.get_absolute_url())
    page.get_by_label("Atzīmēt apstiprināšanai: Jelgava").check()
    page.get_by_label("Atzīmēt apstiprināšanai: Dobeles novads").check()
    page.get_by_role("button", name="Apstiprināt atzīmētos pārskatus").click()
    expect(page.get_by_role("heading", name="Tiks apstiprināti šie pārskati")).to_be_visible()
    assert axe_violations(page) == []
    assert all(not s.is_approved for s in handed_in)
    page.get_by_role("button", name="Apstiprināt šos pārskatus").click()
    expect(page.get_by_role("status")).to_contain_text("2")
    for submission in handed_in:
        submission.refresh_from_db()
        assert submission.is_approved


def _staff_of(submission):
    return get_user_model().objects.get(
        memberships__municipality=submission.municipality, memberships__role="staff"
    )
