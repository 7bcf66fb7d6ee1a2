# Indicators tied to a service kind (operations written by hand from `makemigrations --dry-run -v 3`).
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0008_amendments_proposals"),
        ("municipalities", "0007_service_catalogue"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="service_kind",
            field=models.ForeignKey(
                blank=True,
                help_text="Where set, a municipality's value of a year is taken from its service catalogue: with the rule “number of municipalities” whether it offers the service, with “sum” how many such services it offers.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="indicators",
                to="municipalities.servicekind",
                verbose_name="service counted",
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("service_kind__isnull", True),
                    ("rollup__in", ["sum", "count"]),
                    _connector="OR",
                ),
                name="indicator_service_kind_rollup",
            ),
        ),
    ]
