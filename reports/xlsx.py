"""The review as an Excel workbook: a sheet per part, numbers as numbers."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from monitoring.excel import write_table
from monitoring.models import Status
from reports.dashboard import money_table
from reports.review import Review
from reports.summary import MOVEMENT_ORDER, SUMMARY_ORDER

MONEY = "#,##0.00"


def _added(record) -> str:
    """The record's fields whose values the source document does not give, by their names."""
    return ", ".join(str(record._meta.get_field(name).verbose_name) for name in record.added)


def _parts(v) -> str:
    """Which municipalities a value counted from the service catalogues is made of
    (reports/service_indicators.py), each marked with its source."""
    if not v or not v.parts:
        return ""
    groups = (
        (_("From the service catalogues"), v.parts_from_catalogue),
        (_("from the values reported"), v.parts_reported),
    )
    return "; ".join(
        f"{label}: "
        + ", ".join(
            p.municipality.name + ("" if p.value == 1 else f" ({p.value:g})") for p in parts
        )
        for label, parts in groups
        if parts
    )


def review_workbook(review: Review) -> bytes:
    book = Workbook()
    programme = book.active
    programme.title = _("Programme")[:31]
    write_table(
        programme,
        [_("Field"), _("Value")],
        [
            (_("Programme"), review.programme.title),
            (_("Planning region"), str(review.programme.region)),
            (_("Year"), review.year),
            (_("Period"), f"{review.programme.period_start}–{review.programme.period_end}"),
            (_("Target year"), review.programme.target_year),
            (_("Main goal"), review.programme.main_goal),
            (_("Added, not in the source"), _added(review.programme)),
            (_("Draft"), _("yes") if review.is_draft else _("no")),
        ],
        widths=(24, 100),
        wrap=(2,),
    )

    def indicator_rows(lines):
        """A row per indicator and year with a value (one row without a year if none)."""
        for line in lines:
            indicator = line.indicator
            for v in line.values or [None]:
                share = indicator.progress_share(v.value) if v else None
                yield (
                    indicator.code,
                    indicator.title,
                    line.rule,
                    indicator.baseline_value,
                    indicator.baseline_text,
                    indicator.baseline_year,
                    v.year if v else None,
                    v.value if v else None,
                    v.text if v else "",
                    v.derived if v else None,
                    v.coverage if v and v.derived is not None else "",
                    v.given if v and v.derived is not None else None,
                    v.active if v and v.derived is not None else None,
                    v.typed_value if v else None,
                    v.typed_text if v else "",
                    v.difference if v else None,
                    indicator.target_value,
                    indicator.target_text,
                    indicator.target_year,
                    float(share) if share is not None else None,
                    _added(indicator),
                    _parts(v),
                )

    headers = [
        _("No."),
        _("Name"),
        _("Region's value"),
        _("Baseline value"),
        _("Baseline as written"),
        _("Baseline year"),
        _("Year"),
        _("Value"),
        _("As written"),
        _("Derived from the municipalities"),
        _("Municipalities"),
        _("Gave a value"),
        _("Active municipalities"),
        _("Typed by the coordinator"),
        _("Typed as written"),
        _("Difference"),
        _("Target value"),
        _("Target as written"),
        _("Target year"),
        _("Way to target"),
        _("Added, not in the source"),
        _("Municipalities counted"),
    ]
    widths = (6, 50, 28, 12, 20, 10, 8, 12, 30, 14, 22, 10, 10, 14, 30, 12, 12, 30, 10, 12, 16, 40)
    for title, lines in (
        (_("Planned results"), review.planned_results),
        (_("Indicators"), review.indicators),
    ):
        sheet = book.create_sheet(title[:31])
        write_table(
            sheet,
            headers,
            indicator_rows(lines),
            widths=widths,
            wrap=(2, 3, 9, 15, 18, 22),
            formats={20: "0%"},
        )

    tasks = book.create_sheet(_("Tasks")[:31])
    # The change since last year: the sentence, then its counts in MOVEMENT_ORDER.
    movement_headers = (
        _("Change since %(year)s"),
        _("Improved since %(year)s"),
        _("Fell back since %(year)s"),
        _("Same as in %(year)s"),
    )
    write_table(
        tasks,
        [
            _("Code"),
            _("Task"),
            _("Responsible party"),
            _("Implementation"),
            _("Summary"),
            *(str(Status(s).label) for s in SUMMARY_ORDER),
            _("Fulfilled"),
            *(header % {"year": review.year - 1} for header in movement_headers),
            _("Code in the review"),
            _("Heading in the review"),
            _("Added, not in the source"),
        ],
        (
            (
                "" if line.review_only else line.node.code,
                line.node.title,
                line.node.get_responsible_display(),
                "\n\n".join(
                    (f"{n.municipality.name} – {n.text}" if n.municipality else n.text)
                    + (f" ({n.unchanged.lower()})" if n.unchanged else "")
                    for n in line.narratives
                ),
                line.summary,
                *(line.counts.get(s) if line.counts else None for s in SUMMARY_ORDER),
                "" if line.review_only else _("yes") if line.fulfilled else _("no"),
                line.movement_summary,
                *(line.movement.get(k, 0) if line.movement else None for k in MOVEMENT_ORDER),
                line.review_code,
                line.review_title,
                _added(line.node),
            )
            for line in review.task_rows
        ),
        widths=(10, 45, 18, 80, 40, *(9,) * len(SUMMARY_ORDER), 10, 40, 12, 12, 12, 10, 45, 16),
        wrap=(2, 4, 5, 7 + len(SUMMARY_ORDER), 13 + len(SUMMARY_ORDER)),
    )

    finance = book.create_sheet(_("Finance")[:31])
    money = money_table(review)
    write_table(
        finance,
        money.headers,
        money.rows,
        widths=(24, 34, 16, 16, 16, 12),
        formats={3: MONEY, 4: MONEY, 5: MONEY},
    )

    projects = book.create_sheet(_("Projects")[:31])
    year_projects = review.year_projects
    project_rows = [
        (
            p.municipality.name if p.municipality else str(review.programme.region),
            p.title,
            p.funding_source,
            p.budget,
            p.currency,
            p.budget_text,
            {True: _("yes"), False: _("no"), None: ""}[p.continued],
            _("yes") if p.repeated else "",
        )
        for p in year_projects.projects
    ]
    # Each project counted once (reports/projects.py), then those who list none and why.
    if year_projects.total_eur is not None:
        project_rows.append(("", _("In total, EUR"), "", year_projects.total_eur, "EUR"))
    project_rows += [(m.name, reason) for m, reason in year_projects.without]
    write_table(
        projects,
        [
            _("Municipality"),
            _("Project"),
            _("Funding source"),
            _("Budget"),
            _("Currency"),
            _("Budget as written"),
            _("Service continued"),
            _("Budget counted in %(year)s") % {"year": review.year - 1},
        ],
        project_rows,
        widths=(24, 60, 20, 14, 8, 30, 12, 14),
        wrap=(2, 6),
        formats={4: MONEY},
    )

    # A partnership's partners and money, and its counted results, only in a year that has
    # one (reports/projects.py Partnership); the partners' parts are parts of the total.
    if year_projects.partnerships:
        partners = book.create_sheet(_("Project partners")[:31])
        partner_rows = []
        for partnership in year_projects.partnerships:
            p = partnership.project
            partner_rows += [
                (p.title, _("Total budget"), p.budget_text, "", p.budget, p.currency, None),
                (
                    p.title,
                    _("Funding programme"),
                    p.funding_source,
                    "",
                    p.programme_amount,
                    p.currency,
                    p.programme_share,
                ),
                *(
                    (
                        p.title,
                        partner.get_role_display(),
                        partner.display_name,
                        partner.country_code,
                        partner.part,
                        partner.currency,
                        None,
                    )
                    for partner in partnership.partners
                ),
                (
                    p.title,
                    _("Duration, months"),
                    p.duration_text,
                    "",
                    p.duration_months,
                    "",
                    None,
                ),
            ]
        write_table(
            partners,
            [
                _("Project"),
                _("Row"),
                _("Name"),
                _("Country"),
                _("Amount"),
                _("Currency"),
                _("Share of the total, %"),
            ],
            partner_rows,
            widths=(50, 20, 50, 8, 14, 8, 12),
            wrap=(1, 3),
            formats={5: MONEY},
        )
        results = book.create_sheet(_("Project results")[:31])
        write_table(
            results,
            [_("Project"), _("Partner"), _("Group of results"), _("Result"), _("Number")],
            [
                (
                    partnership.project.title,
                    partner.display_name if partner else _("The whole project"),
                    result.group,
                    result.text,
                    result.count,
                )
                for partnership in year_projects.partnerships
                for partner, group in partnership.results
                for result in group
            ],
            widths=(50, 30, 24, 60, 10),
            wrap=(1, 4),
        )

    completeness = book.create_sheet(_("Who reported")[:31])
    write_table(
        completeness,
        [_("Municipality"), _("State")],
        ((line.municipality.name, str(line.label)) for line in review.completeness),
        widths=(30, 20),
    )

    conclusions = book.create_sheet(_("Conclusions")[:31])
    write_table(
        conclusions,
        [_("Part"), _("Text")],
        [
            # A withheld share leaves the count empty and says why, as the page does.
            (
                _("Tasks fulfilled"),
                None if review.conclusions.is_withheld else review.conclusions.fulfilled_count,
            ),
            (_("Tasks in all"), review.conclusions.counted),
            (_("Share"), review.conclusions.share or review.conclusions.withheld_reason),
            (_("Computed from"), review.conclusions.ground),
            (_("Rule"), review.conclusions.rule),
            (
                _("The coordinator's (working group's) assessment"),
                review.text.assessment if review.text else "",
            ),
            (_("Conclusions"), review.text.conclusions if review.text else ""),
            *((result.text, verdict) for result, verdict in review.verdicts),
            (_("What to do next"), review.text.next_steps if review.text else ""),
        ],
        widths=(40, 100),
        wrap=(1, 2),
    )

    if review.survey:
        survey_sheet(book.create_sheet(_("Survey")[:31]), review.survey)

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def survey_sheet(sheet, part) -> None:
    """The survey (reports/survey.py): a row per question with whom it was asked of, who
    answered of how many and the summary, then a row per counted answer under it."""
    rows = []
    for line in part.questions:
        question = line.question
        rows.append(
            (
                question.get_audience_display(),
                question.number,
                question.text,
                line.response,
                question.summary,
                "",
                "",
            )
        )
        rows += [("", "", "", "", "", answer.label, answer.text) for answer in line.answers]
    write_table(
        sheet,
        [
            _("Asked of"),
            _("No."),
            _("Question"),
            _("Who answered"),
            _("Summary of the answers"),
            _("Respondent"),
            _("Answer"),
        ],
        rows,
        widths=(22, 6, 50, 40, 60, 30, 80),
        wrap=(3, 4, 5, 7),
    )
