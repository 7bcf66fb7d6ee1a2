# The service catalogue (operations written by hand from `makemigrations --dry-run -v 3`).

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("municipalities", "0006_no_projects"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ServiceKind",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=100, unique=True, verbose_name="identifier")),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="name")),
                ("position", models.PositiveSmallIntegerField(default=0, verbose_name="position")),
            ],
            options={
                "verbose_name": "kind of service",
                "verbose_name_plural": "kinds of service",
                "ordering": ["position", "name"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalCatalogueYear",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "staff_total",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="staff in total"
                    ),
                ),
                (
                    "budget",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="budget of the social service",
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
                (
                    "budget_lines",
                    models.TextField(
                        blank=True,
                        help_text="One line of the budget a line.",
                        verbose_name="budget lines as written",
                    ),
                ),
                (
                    "to_develop",
                    models.TextField(
                        blank=True,
                        help_text="One service a line.",
                        verbose_name="services still to develop",
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
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="municipalities.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical service catalogue of a year",
                "verbose_name_plural": "historical service catalogues of a year",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStaffCount",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("role", models.CharField(max_length=200, verbose_name="role")),
                ("count", models.PositiveIntegerField(verbose_name="number of staff")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="municipalities.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical staff count",
                "verbose_name_plural": "historical staff counts",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalServiceOffer",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="Needed where the municipality offers more than one service of a kind.",
                        max_length=300,
                        verbose_name="name as the municipality writes it",
                    ),
                ),
                ("provider", models.CharField(blank=True, max_length=300, verbose_name="provider")),
                (
                    "unit_price",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=10,
                        null=True,
                        verbose_name="price per unit",
                    ),
                ),
                (
                    "price_unit",
                    models.CharField(
                        blank=True,
                        help_text="E.g. hour, visit.",
                        max_length=100,
                        verbose_name="unit of the price",
                    ),
                ),
                (
                    "price_notes",
                    models.CharField(
                        blank=True,
                        help_text="What the price depends on, e.g. free for people in need.",
                        max_length=500,
                        verbose_name="price as written",
                    ),
                ),
                (
                    "clients",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="clients in the year"
                    ),
                ),
                (
                    "places",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="places"),
                ),
                (
                    "budget",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="budget or cost of the year",
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
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="municipalities.municipality",
                        verbose_name="municipality",
                    ),
                ),
                (
                    "kind",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="municipalities.servicekind",
                        verbose_name="service",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical service offered",
                "verbose_name_plural": "historical services offered",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="CatalogueYear",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "staff_total",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="staff in total"
                    ),
                ),
                (
                    "budget",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="budget of the social service",
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
                (
                    "budget_lines",
                    models.TextField(
                        blank=True,
                        help_text="One line of the budget a line.",
                        verbose_name="budget lines as written",
                    ),
                ),
                (
                    "to_develop",
                    models.TextField(
                        blank=True,
                        help_text="One service a line.",
                        verbose_name="services still to develop",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="catalogue_years",
                        to="municipalities.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "service catalogue of a year",
                "verbose_name_plural": "service catalogues of a year",
                "ordering": ["municipality", "year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("municipality", "year"), name="catalogue_year_unique_year"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("currency", "EUR"), ("year__lt", 2014), _connector="OR"
                        ),
                        name="catalogue_year_euro_from_2014",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ServiceOffer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                (
                    "name",
                    models.CharField(
                        blank=True,
                        help_text="Needed where the municipality offers more than one service of a kind.",
                        max_length=300,
                        verbose_name="name as the municipality writes it",
                    ),
                ),
                ("provider", models.CharField(blank=True, max_length=300, verbose_name="provider")),
                (
                    "unit_price",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=10,
                        null=True,
                        verbose_name="price per unit",
                    ),
                ),
                (
                    "price_unit",
                    models.CharField(
                        blank=True,
                        help_text="E.g. hour, visit.",
                        max_length=100,
                        verbose_name="unit of the price",
                    ),
                ),
                (
                    "price_notes",
                    models.CharField(
                        blank=True,
                        help_text="What the price depends on, e.g. free for people in need.",
                        max_length=500,
                        verbose_name="price as written",
                    ),
                ),
                (
                    "clients",
                    models.PositiveIntegerField(
                        blank=True, null=True, verbose_name="clients in the year"
                    ),
                ),
                (
                    "places",
                    models.PositiveIntegerField(blank=True, null=True, verbose_name="places"),
                ),
                (
                    "budget",
                    models.DecimalField(
                        blank=True,
                        decimal_places=2,
                        max_digits=14,
                        null=True,
                        verbose_name="budget or cost of the year",
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
                ("notes", models.TextField(blank=True, verbose_name="notes")),
                (
                    "kind",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="offers",
                        to="municipalities.servicekind",
                        verbose_name="service",
                    ),
                ),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="service_offers",
                        to="municipalities.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "service offered",
                "verbose_name_plural": "services offered",
                "ordering": ["municipality", "year", "kind__position", "name"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("municipality", "year", "kind", "name"), name="service_offer_unique"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("currency", "EUR"), ("year__lt", 2014), _connector="OR"
                        ),
                        name="service_offer_euro_from_2014",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("unit_price__isnull", True),
                            models.Q(("price_unit", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="service_offer_price_has_unit",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="StaffCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("year", models.PositiveSmallIntegerField(verbose_name="year")),
                ("role", models.CharField(max_length=200, verbose_name="role")),
                ("count", models.PositiveIntegerField(verbose_name="number of staff")),
                (
                    "municipality",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="staff_counts",
                        to="municipalities.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
            options={
                "verbose_name": "staff count",
                "verbose_name_plural": "staff counts",
                "ordering": ["municipality", "year", "pk"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("municipality", "year", "role"), name="staff_count_unique_role"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("role", ""), _negated=True), name="staff_count_has_role"
                    ),
                ],
            },
        ),
    ]
