"""The entry form for an hour's work: numbers only where a task counts something, blocks with
their progress, "as last year", the derived "situation unchanged since", and autosave."""

import io
import json

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from monitoring import services
from monitoring.continuity import unchanged_since
from monitoring.counting import Counting
from monitoring.entry_page import ALL_OPEN_UP_TO, entry_page
from monitoring.models import FormDraft, ProgressEntry, Status
from monitoring.workbook import layout
from programmes.models import Programme
from tests.test_submission_entry import _form_data
from tests.workbooks import _download, _file, _row, _upload

pytestmark = pytest.mark.django_db


def _node(submission, code):
    return submission.round.programme.nodes.get(code=code)


def _hand_in(submission, by):
    """Give every task without an entry a status, and submit."""
    done = set(
        ProgressEntry.objects.filter(
            municipality=submission.municipality, year=submission.round.year
        ).values_list("node_id", flat=True)
    )
    entries = {
        node.pk: {"status": Status.IMPLEMENTED}
        for node in services.reportable_nodes(submission.round.programme)
        if node.pk not in done
    }
    saved = services.submission_save(
        submission=submission,
        by=by,
        version=submission.version,
        data=services.SubmissionData(entries=entries),
    )
    return services.submission_submit(submission=saved, by=by)


def _entry(municipality, node, year, status=Status.UNCHANGED, narrative="Kā iepriekš."):
    return ProgressEntry.objects.create(
        node=node, municipality=municipality, year=year, status=status, narrative=narrative
    )


# --- what each task asks ----------------------------------------------------------------


def test_a_number_is_asked_only_where_the_task_counts_something(client, people, jelgava_submission):
    programme = jelgava_submission.round.programme
    programme.nodes.filter(code="1.2").update(unit="dienas centri")
    programme.nodes.filter(code="2.1").update(unit="")
    client.force_login(people.jelgava_staff)

    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    counted, silent = _node(jelgava_submission, "1.2"), _node(jelgava_submission, "2.1")
    assert f'name="n{counted.pk}-quantity"' in html
    assert "Sasniegtais skaits (dienas centri)" in html
    assert f'name="n{silent.pk}-quantity"' not in html

    url = reverse("monitoring:workbook", args=[jelgava_submission.pk])
    book = openpyxl.load_workbook(io.BytesIO(client.get(url).getvalue()))
    cells = {row[0]: row[4] for row in book[layout.SHEET_TASKS].iter_rows(values_only=True)}
    assert cells["2.1"] == layout.NOT_APPLICABLE
    assert cells["1.2"] is None


def test_a_number_is_asked_where_one_was_reported_before_in_this_programme_only(
    client, people, jelgava_submission
):
    """A task without a unit or a plan asks a number once any municipality reported one on it
    (monitoring/questions.py); a number on another programme's task asks nothing here."""
    programme = jelgava_submission.round.programme
    programme.nodes.filter(code__in=("2.1", "2.2")).update(unit="")
    before, elsewhere = _node(jelgava_submission, "2.1"), _node(jelgava_submission, "2.2")
    other_task = Programme.objects.get(slug="latgale").nodes.filter(kind="task").first()
    ProgressEntry.objects.create(
        node=before, municipality=people.dobele, year=2014, status=Status.IMPROVED, quantity=4
    )
    ProgressEntry.objects.create(
        node=other_task, municipality=None, year=2014, status=Status.IMPROVED, quantity=7
    )
    client.force_login(people.jelgava_staff)

    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert f'name="n{before.pk}-quantity"' in html
    assert f'name="n{elsewhere.pk}-quantity"' not in html


def test_a_number_typed_where_none_is_asked_is_an_error_in_the_workbook(
    client, people, jelgava_submission
):
    client.force_login(people.jelgava_staff)
    book = _download(client, jelgava_submission)
    tasks = book[layout.SHEET_TASKS]
    tasks.cell(_row(tasks, "2.1"), 5, 7)

    response = _upload(client, jelgava_submission, _file(book))

    with translation.override("lv"):
        assert "Uzdevums „2.1” neko neskaita" in response.content.decode()
    assert not ProgressEntry.objects.filter(municipality=people.jelgava, year=2015).exists()


def test_counts_are_whole_numbers(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    data = _form_data(jelgava_submission, {"1.2": {"status": "improved", "quantity": "17,5"}})
    response = client.post(jelgava_submission.get_absolute_url(), data)
    assert response.status_code == 400
    assert "Skaitlim jābūt veselam." in response.content.decode()
    data = _form_data(jelgava_submission, {"1.2": {"status": "improved", "quantity": "17"}})
    client.post(jelgava_submission.get_absolute_url(), data)
    entry = ProgressEntry.objects.get(municipality=people.jelgava, node__code="1.2", year=2015)
    assert entry.quantity == 17
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert 'value="17"' in html and "17,00" not in html


# --- blocks and progress ----------------------------------------------------------------


def test_the_form_shows_each_goal_as_a_block_with_its_progress(client, people, jelgava_submission):
    client.force_login(people.jelgava_staff)
    data = _form_data(jelgava_submission, {"1.1": {"status": "improved"}, "1.2": {"status": ""}})
    client.post(jelgava_submission.get_absolute_url(), data)

    page = entry_page(jelgava_submission)
    assert page.total == len(services.reportable_nodes(jelgava_submission.round.programme))
    assert page.answered == 1
    first = page.blocks[0]
    assert (first.top.code, first.answered) == ("1", 1)
    assert all(block.is_open for block in page.blocks)  # Zemgale: 29 tasks, all open
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert f'<a href="#block-{first.top.pk}">' in html
    assert f'<progress id="progress-all" max="{page.total}" value="1"' in html


def test_a_long_programme_opens_the_block_to_fill_and_those_with_errors(people):
    latgale = Programme.objects.get(slug="latgale")
    reporting_round = services.round_open(
        programme=latgale,
        year=2015,
        deadline=services_deadline(),
        by=people.latgale_coordinator,
    )
    submission = reporting_round.submissions.order_by("pk").first()
    page = entry_page(submission)
    assert page.total > ALL_OPEN_UP_TO
    assert [block.is_open for block in page.blocks] == [True] + [False] * (len(page.blocks) - 1)

    last = page.blocks[-1].rows[0]
    data = _form_data(submission, {last.node.code: {"status": "nezināms"}})
    bound = entry_page(submission, data)
    assert not bound.is_valid()
    assert bound.blocks[0].is_open and bound.blocks[-1].is_open


def services_deadline():
    import datetime

    from django.utils import timezone

    return timezone.localdate() + datetime.timedelta(days=30)


# --- as last year and the derived status ------------------------------------------------


def test_as_last_year_takes_last_years_status_and_text_without_saving(
    client, people, jelgava_submission
):
    node = _node(jelgava_submission, "1.2")
    _entry(people.jelgava, node, 2014, Status.PARTIAL, "Dienas centrs tiek būvēts.")
    client.force_login(people.jelgava_staff)
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert f'name="repeat" value="{node.pk}"' in html
    assert "Kā 2014. gadā" in html

    data = _form_data(jelgava_submission, {"1.1": {"narrative": "Mans teksts."}})
    data["repeat"] = str(node.pk)
    response = client.post(jelgava_submission.get_absolute_url(), data)

    assert response.status_code == 200
    form = next(r.form for r in response.context["page"].groups[0].rows if r.node == node)
    assert form["status"].value() == Status.PARTIAL
    assert form["narrative"].value() == "Dienas centrs tiek būvēts."
    assert "Mans teksts." in response.content.decode()  # the rest of the form is kept
    assert not ProgressEntry.objects.filter(municipality=people.jelgava, year=2015).exists()


def test_unchanged_since_runs_back_over_identical_years_only():
    from municipalities.models import Municipality

    zemgale = Programme.objects.get(slug="zemgale")
    node, other = zemgale.nodes.get(code="1.2"), zemgale.nodes.get(code="1.3")
    jelgava = Municipality.objects.get(name="Jelgava")
    for year in (2011, 2013, 2014, 2015):
        _entry(jelgava, node, year)
    _entry(jelgava, other, 2014, narrative="Cits teksts.")
    _entry(jelgava, other, 2015)

    since = unchanged_since(zemgale, 2015, counting=None)

    # 2012 has no entry: the run is 2013–2015. 1.3 changed its text in 2015.
    assert since == {(node.pk, jelgava.pk): 2013}
    assert unchanged_since(zemgale, 2011, counting=None) == {}


def test_the_review_says_unchanged_since_only_of_what_counts(client, people, jelgava_submission):
    node = _node(jelgava_submission, "1.2")
    for year in (2013, 2014):
        _entry(people.jelgava, node, year, Status.PARTIAL, "Dienas centrs tiek būvēts.")
    _entry(people.jelgava, node, 2015, Status.PARTIAL, "Dienas centrs tiek būvēts.")
    programme = jelgava_submission.round.programme

    # A draft does not count for the review; approved, it does.
    assert unchanged_since(programme, 2015, counting=Counting.APPROVED) == {}
    submission = _hand_in(jelgava_submission, people.jelgava_staff)
    services.submission_approve(submission=submission, by=people.zemgale_coordinator)
    assert unchanged_since(programme, 2015, counting=Counting.APPROVED) == {
        (node.pk, people.jelgava.pk): 2013
    }
    client.force_login(people.zemgale_coordinator)
    html = client.get(reverse("reports:review", args=["zemgale", 2015])).content.decode()
    assert "(situācija nav mainījusies kopš 2013. gada)" in html
    client.force_login(people.jelgava_staff)
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert "Situācija nav mainījusies kopš 2013. gada" in html


# --- autosave ---------------------------------------------------------------------------


def test_autosave_keeps_the_typed_form_and_the_page_offers_it_back(
    client, people, jelgava_submission
):
    node = _node(jelgava_submission, "1.2")
    client.force_login(people.jelgava_staff)
    data = _form_data(jelgava_submission, {"1.2": {"narrative": "Vēl neesmu saglabājusi."}})
    data["csrfmiddlewaretoken"] = "x"
    data["unrelated"] = "not kept"

    response = client.post(reverse("monitoring:autosave", args=[jelgava_submission.pk]), data)

    assert response.status_code == 200
    assert "automātiski" in json.loads(response.content)["message"]
    draft = FormDraft.objects.get(submission=jelgava_submission, user=people.jelgava_staff)
    assert draft.data[f"n{node.pk}-narrative"] == ["Vēl neesmu saglabājusi."]
    assert "unrelated" not in draft.data and "csrfmiddlewaretoken" not in draft.data
    assert not ProgressEntry.objects.filter(municipality=people.jelgava, year=2015).exists()

    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert "Atjaunot ievadīto" in html
    restored = client.get(jelgava_submission.get_absolute_url(), {"draft": "restore"})
    assert "Vēl neesmu saglabājusi." in restored.content.decode()

    # Saving the report removes what was kept.
    client.post(jelgava_submission.get_absolute_url(), _form_data(jelgava_submission))
    assert not FormDraft.objects.exists()


def test_a_restored_draft_keeps_its_version_so_a_colleagues_save_is_shown(
    client, people, jelgava_submission
):
    client.force_login(people.jelgava_staff)
    data = _form_data(jelgava_submission, {"1.2": {"narrative": "Mans melnraksts."}})
    client.post(reverse("monitoring:autosave", args=[jelgava_submission.pk]), data)
    # Meanwhile a colleague saves.
    node = _node(jelgava_submission, "1.2")
    services.submission_save(
        submission=jelgava_submission,
        by=people.jelgava_staff,
        version=jelgava_submission.version,
        data=services.SubmissionData(entries={node.pk: {"narrative": "Kolēģes teksts."}}),
    )
    restored = client.get(jelgava_submission.get_absolute_url(), {"draft": "restore"})
    assert restored.context["version"] == str(data["version"])
    kept = {**FormDraft.objects.get().data, "action": "save"}
    response = client.post(jelgava_submission.get_absolute_url(), kept)
    assert response.status_code == 409
    assert "Kolēģes teksts." in response.content.decode()


def test_discarding_removes_the_kept_input_and_others_never_see_it(
    client, people, jelgava_submission
):
    client.force_login(people.jelgava_staff)
    url = reverse("monitoring:autosave", args=[jelgava_submission.pk])
    client.post(url, _form_data(jelgava_submission, {"1.2": {"narrative": "Slepens."}}))
    client.force_login(people.zemgale_coordinator)
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert "Atjaunot ievadīto" not in html
    client.force_login(people.jelgava_staff)
    client.post(reverse("monitoring:autosave-discard", args=[jelgava_submission.pk]))
    assert not FormDraft.objects.exists()


def test_autosave_refuses_a_report_that_cannot_be_changed(client, people, jelgava_submission):
    _hand_in(jelgava_submission, people.jelgava_staff)
    client.force_login(people.jelgava_staff)
    url = reverse("monitoring:autosave", args=[jelgava_submission.pk])
    response = client.post(url, _form_data(jelgava_submission))
    assert response.status_code == 403
    assert not FormDraft.objects.exists()


# --- projects -----------------------------------------------------------------------------


def test_a_new_project_row_offers_no_delete_and_months_are_shown(
    client, people, jelgava_submission
):
    client.force_login(people.jelgava_staff)
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert 'name="projects-0-DELETE"' not in html
    assert 'type="month" name="projects-0-start"' in html
    data = _form_data(
        jelgava_submission,
        **{
            "projects-0-title": "Dienas centrs",
            "projects-0-start": "2015-03",
            "projects-0-end": "2016-12",
        },
    )
    client.post(jelgava_submission.get_absolute_url(), data)
    jelgava_submission.refresh_from_db()
    _hand_in(jelgava_submission, people.jelgava_staff)
    html = client.get(jelgava_submission.get_absolute_url()).content.decode()
    assert "2015. g. marts – 2016. g. decembris" in html
