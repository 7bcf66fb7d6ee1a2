"""The review as an Excel workbook: a sheet per part, numbers as numbers."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from monitoring.excel import write_table
from monitoring.models import Status
from reports.dashboard import money_table
from reports.review import Review
from reports.summary import SUMMARY_ORDER

MONEY = "#,##0.00"


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
            (_("Draft"), _("yes") if review.is_draft else _("no")),
        ],
        widths=(24, 100),
        wrap=(2,),
    )

    def indicator_rows(lines):
        for line in lines:
            latest = line.latest
            yield (
                line.indicator.code,
                line.indicator.title,
                line.indicator.baseline_value,
                line.indicator.baseline_text,
                line.indicator.baseline_year,
                latest.year if latest else None,
                latest.value if latest else None,
                latest.text if latest else "",
                line.indicator.target_value,
                line.indicator.target_text,
                line.indicator.target_year,
                float(line.share) if line.share is not None else None,
            )

    headers = [
        _("No."),
        _("Name"),
        _("Baseline value"),
        _("Baseline as written"),
        _("Baseline year"),
        _("Latest year"),
        _("Latest value"),
        _("Latest as written"),
        _("Target value"),
        _("Target as written"),
        _("Target year"),
        _("Way to target"),
    ]
    widths = (6, 50, 12, 20, 10, 10, 12, 30, 12, 30, 10, 12)
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
            wrap=(2, 8, 10),
            formats={12: "0%"},
        )

    tasks = book.create_sheet(_("Tasks")[:31])
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
        ],
        (
            (
                line.node.code,
                line.node.title,
                line.node.get_responsible_display(),
                "\n\n".join(
                    f"{n.municipality.name} – {n.text}" if n.municipality else n.text
                    for n in line.narratives
                ),
                line.summary,
                *(line.counts.get(s) if line.counts else None for s in SUMMARY_ORDER),
                _("yes") if line.fulfilled else _("no"),
            )
            for line in review.counted_tasks
        ),
        widths=(10, 45, 18, 80, 40, *(9,) * len(SUMMARY_ORDER), 10),
        wrap=(2, 4, 5),
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
    write_table(
        projects,
        [
            _("Municipality"),
            _("Project"),
            _("Funding source"),
            _("Budget"),
            _("Currency"),
            _("Service continued"),
        ],
        (
            (
                p.municipality.name if p.municipality else str(review.programme.region),
                p.title,
                p.funding_source,
                p.budget,
                p.currency,
                {True: _("yes"), False: _("no"), None: ""}[p.continued],
            )
            for p in review.projects
        ),
        widths=(24, 60, 20, 14, 8, 12),
        wrap=(2,),
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
            (_("Tasks fulfilled"), review.fulfilled_count),
            (_("Tasks in all"), len(review.counted_tasks)),
            (_("Rule"), review.fulfilled_rule),
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
