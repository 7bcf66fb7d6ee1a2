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
                    v.coverage if v and v.is_derived else "",
                    v.given if v and v.is_derived else None,
                    v.active if v and v.is_derived else None,
                    v.typed_value if v else None,
                    v.typed_text if v else "",
                    v.difference if v else None,
                    indicator.target_value,
                    indicator.target_text,
                    indicator.target_year,
                    float(share) if share is not None else None,
                    _added(indicator),
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
    ]
    widths = (6, 50, 28, 12, 20, 10, 8, 12, 30, 14, 22, 10, 10, 14, 30, 12, 12, 30, 10, 12, 16)
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
            wrap=(2, 3, 9, 15, 18),
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

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
