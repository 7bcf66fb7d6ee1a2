# Partnership projects (seed 001): a project's partners, activities and counted results, and
# the project's duration, aims, target groups, documents served and the programme's amount.
# Operations written by hand from `makemigrations --dry-run` (the migration file is reserved).

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0011_surveys"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="HistoricalProjectActivity",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="number")),
                ("text", models.TextField(verbose_name="activity")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical project activity",
                "verbose_name_plural": "historical project activities",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProjectPartner",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                (
                    "role",
                    models.CharField(
                        choices=[("lead", "lead partner"), ("partner", "partner")],
                        default="partner",
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="Only for a partner that is neither a municipality nor a planning region.",
                        max_length=300,
                        verbose_name="name of a body outside the app",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        help_text="Two-letter country code of a body outside the app, e.g. LT.",
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "part",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="A part of the project's total, not an amount in addition to it.",
                        max_digits=14,
                        null=True,
                        verbose_name="part of the money",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=[("EUR", "euro (EUR)"), ("LVL", "lats (LVL)")],
                        default="EUR",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical project partner",
                "verbose_name_plural": "historical project partners",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalProjectResult",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                (
                    "group",
                    models.CharField(
                        blank=True,
                        help_text="The heading the source lists the result under, if any.",
                        max_length=300,
                        verbose_name="group of results",
                    ),
                ),
                ("text", models.TextField(verbose_name="result as written")),
                (
                    "count",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="number"),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical project result",
                "verbose_name_plural": "historical project results",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="ProjectActivity",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveSmallIntegerField(verbose_name="number")),
                ("text", models.TextField(verbose_name="activity")),
            ],
            options={
                "verbose_name": "project activity",
                "verbose_name_plural": "project activities",
                "ordering": ["project", "number"],
            },
        ),
        migrations.CreateModel(
            name="ProjectPartner",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                (
                    "role",
                    models.CharField(
                        choices=[("lead", "lead partner"), ("partner", "partner")],
                        default="partner",
                        max_length=10,
                        verbose_name="role",
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="Only for a partner that is neither a municipality nor a planning region.",
                        max_length=300,
                        verbose_name="name of a body outside the app",
                    ),
                ),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        help_text="Two-letter country code of a body outside the app, e.g. LT.",
                        max_length=2,
                        verbose_name="country",
                    ),
                ),
                (
                    "part",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        help_text="A part of the project's total, not an amount in addition to it.",
                        max_digits=14,
                        null=True,
                        verbose_name="part of the money",
                    ),
                ),
                (
                    "currency",
                    models.CharField(
                        choices=[("EUR", "euro (EUR)"), ("LVL", "lats (LVL)")],
                        default="EUR",
                        max_length=3,
                        verbose_name="currency",
                    ),
                ),
            ],
            options={
                "verbose_name": "project partner",
                "verbose_name_plural": "project partners",
                "ordering": ["project", "position"],
            },
        ),
        migrations.CreateModel(
            name="ProjectResult",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("position", models.PositiveSmallIntegerField(verbose_name="position")),
                (
                    "group",
                    models.CharField(
                        blank=True,
                        help_text="The heading the source lists the result under, if any.",
                        max_length=300,
                        verbose_name="group of results",
                    ),
                ),
                ("text", models.TextField(verbose_name="result as written")),
                (
                    "count",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="number"),
                ),
            ],
            options={
                "verbose_name": "project result",
                "verbose_name_plural": "project results",
                "ordering": ["project", "position"],
            },
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="title_en",
            field=models.TextField(
                blank=True,
                help_text="The project's name in English where the funding programme gives one.",
                verbose_name="title in English",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="title_en",
            field=models.TextField(
                blank=True,
                help_text="The project's name in English where the funding programme gives one.",
                verbose_name="title in English",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="aims",
            field=models.TextField(blank=True, verbose_name="aims"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="background",
            field=models.TextField(blank=True, verbose_name="rationale"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="documents",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The planning documents the project serves, each as the source names it.",
                verbose_name="planning documents it serves",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="duration_months",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="duration in months"
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="programme_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="The part of the budget the funding programme pays, in the same currency.",
                max_digits=14,
                null=True,
                verbose_name="funding programme's amount",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="programme_priority",
            field=models.TextField(
                blank=True,
                help_text="The funding programme's priority and investment priority as written.",
                verbose_name="priority of the funding programme",
            ),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="target_groups",
            field=models.JSONField(blank=True, default=list, verbose_name="target groups"),
        ),
        migrations.AddField(
            model_name="project",
            name="aims",
            field=models.TextField(blank=True, verbose_name="aims"),
        ),
        migrations.AddField(
            model_name="project",
            name="background",
            field=models.TextField(blank=True, verbose_name="rationale"),
        ),
        migrations.AddField(
            model_name="project",
            name="documents",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="The planning documents the project serves, each as the source names it.",
                verbose_name="planning documents it serves",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="duration_months",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="duration in months"
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="programme_amount",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="The part of the budget the funding programme pays, in the same currency.",
                max_digits=14,
                null=True,
                verbose_name="funding programme's amount",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="programme_priority",
            field=models.TextField(
                blank=True,
                help_text="The funding programme's priority and investment priority as written.",
                verbose_name="priority of the funding programme",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="target_groups",
            field=models.JSONField(blank=True, default=list, verbose_name="target groups"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="source_document",
            field=models.CharField(
                blank=True,
                help_text="The document the project is known from, e.g. a project idea's concept.",
                max_length=200,
                verbose_name="known from",
            ),
        ),
        migrations.AddField(
            model_name="project",
            name="source_document",
            field=models.CharField(
                blank=True,
                help_text="The document the project is known from, e.g. a project idea's concept.",
                max_length=200,
                verbose_name="known from",
            ),
        ),
        migrations.AddConstraint(
            model_name="project",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("programme_amount__isnull", True),
                    models.Q(
                        ("budget__isnull", False),
                        ("programme_amount__gte", 0),
                        ("programme_amount__lte", models.F("budget")),
                    ),
                    _connector="OR",
                ),
                name="project_programme_amount_within_budget",
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectactivity",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectactivity",
            name="project",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="monitoring.project",
                verbose_name="project",
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectpartner",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectpartner",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="A municipality of any planning region.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectpartner",
            name="planning_region",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="municipalities.planningregion",
                verbose_name="planning region",
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectpartner",
            name="project",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="monitoring.project",
                verbose_name="project",
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectresult",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectresult",
            name="project",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="monitoring.project",
                verbose_name="project",
            ),
        ),
        migrations.AddField(
            model_name="projectactivity",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="activities",
                to="monitoring.project",
                verbose_name="project",
            ),
        ),
        migrations.AddField(
            model_name="projectpartner",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                help_text="A municipality of any planning region.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="project_partnerships",
                to="municipalities.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddField(
            model_name="projectpartner",
            name="planning_region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="project_partnerships",
                to="municipalities.planningregion",
                verbose_name="planning region",
            ),
        ),
        migrations.AddField(
            model_name="projectpartner",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="partners",
                to="monitoring.project",
                verbose_name="project",
            ),
        ),
        migrations.AddField(
            model_name="historicalprojectresult",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="Empty for a result of the whole project.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="monitoring.projectpartner",
                verbose_name="partner",
            ),
        ),
        migrations.AddField(
            model_name="projectresult",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty for a result of the whole project.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="results",
                to="monitoring.projectpartner",
                verbose_name="partner",
            ),
        ),
        migrations.AddField(
            model_name="projectresult",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="results",
                to="monitoring.project",
                verbose_name="project",
            ),
        ),
        migrations.AddConstraint(
            model_name="projectactivity",
            constraint=models.UniqueConstraint(
                fields=("project", "number"), name="project_activity_unique_number"
            ),
        ),
        migrations.AddConstraint(
            model_name="projectpartner",
            constraint=models.UniqueConstraint(
                fields=("project", "position"), name="project_partner_unique_position"
            ),
        ),
        migrations.AddConstraint(
            model_name="projectpartner",
            constraint=models.UniqueConstraint(
                condition=models.Q(("role", "lead")),
                fields=("project",),
                name="project_partner_one_lead",
            ),
        ),
        migrations.AddConstraint(
            model_name="projectpartner",
            constraint=models.CheckConstraint(
                condition=models.Q(("role__in", ["lead", "partner"])),
                name="project_partner_role_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="projectpartner",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("country", ""),
                        ("municipality__isnull", False),
                        ("name", ""),
                        ("planning_region__isnull", True),
                    ),
                    models.Q(
                        ("country", ""),
                        ("municipality__isnull", True),
                        ("name", ""),
                        ("planning_region__isnull", False),
                    ),
                    models.Q(
                        ("municipality__isnull", True),
                        ("planning_region__isnull", True),
                        models.Q(("name", ""), _negated=True),
                        models.Q(("country", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="project_partner_one_kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="projectpartner",
            constraint=models.CheckConstraint(
                condition=models.Q(("part__isnull", True), ("part__gte", 0), _connector="OR"),
                name="project_partner_part_not_negative",
            ),
        ),
        migrations.AddConstraint(
            model_name="projectresult",
            constraint=models.UniqueConstraint(
                fields=("project", "position"), name="project_result_unique_position"
            ),
        ),
    ]
