# Reserved for amendments and proposals: operations written by hand (see the helper's brief).
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0007_seed_corrections"),
        ("municipalities", "0006_no_projects"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Amendment",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=300, verbose_name="title")),
                ("starts_on", models.DateField(help_text="The day of the amendment, or its period's first.", verbose_name="date or first day")),
                ("ends_on", models.DateField(blank=True, help_text="The period's last day; empty for an amendment made on one day. The amendment is part of the programme from the year of this day.", null=True, verbose_name="last day")),
                ("reason", models.TextField(blank=True, verbose_name="reason")),
                ("added", models.JSONField(blank=True, default=list, help_text="Names of the fields whose values the source document does not give.", verbose_name="added, not in the source")),
                ("programme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="amendments", to="programmes.programme", verbose_name="programme")),
            ],
            options={
                "verbose_name": "programme amendment",
                "verbose_name_plural": "programme amendments",
                "ordering": ["programme", "starts_on", "pk"],
            },
        ),
        migrations.AddField(
            model_name="indicator",
            name="added_in",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="added_indicators", to="programmes.amendment", verbose_name="added by the amendment"),
        ),
        migrations.AddField(
            model_name="indicator",
            name="removed_in",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="removed_indicators", to="programmes.amendment", verbose_name="removed by the amendment"),
        ),
        migrations.AddField(
            model_name="programmenode",
            name="added_in",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="added_nodes", to="programmes.amendment", verbose_name="added by the amendment"),
        ),
        migrations.AddField(
            model_name="programmenode",
            name="removed_in",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="removed_nodes", to="programmes.amendment", verbose_name="removed by the amendment"),
        ),
        migrations.CreateModel(
            name="AmendmentChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("added", "added"), ("changed", "changed"), ("removed", "removed")], max_length=10, verbose_name="kind of change")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                ("amendment", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="changes", to="programmes.amendment", verbose_name="amendment")),
                ("indicator", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="amendment_changes", to="programmes.indicator", verbose_name="indicator")),
                ("node", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name="amendment_changes", to="programmes.programmenode", verbose_name="task or action")),
            ],
            options={
                "verbose_name": "change made by an amendment",
                "verbose_name_plural": "changes made by amendments",
                "ordering": ["amendment", "pk"],
            },
        ),
        migrations.CreateModel(
            name="Proposal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("submitted_on", models.DateField(blank=True, null=True, verbose_name="date of the proposal")),
                ("text", models.TextField(verbose_name="proposal")),
                ("decision", models.CharField(choices=[("pending", "not decided yet"), ("included", "included in the programme"), ("not_included", "not included"), ("included_elsewhere", "included under another action")], default="pending", max_length=20, verbose_name="decision")),
                ("reason", models.TextField(blank=True, verbose_name="reason for the decision")),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                ("decided_how", models.CharField(blank=True, help_text="E.g. by a vote of the sector's representatives at a seminar.", max_length=300, verbose_name="how it was decided")),
                ("decided_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="decision recorded by")),
                ("included_in", models.ForeignKey(blank=True, help_text="The task or action the proposal went into.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="included_proposals", to="programmes.programmenode", verbose_name="included in")),
                ("municipality", models.ForeignKey(blank=True, help_text="Empty for a proposal of the planning region itself.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="proposals", to="municipalities.municipality", verbose_name="proposed by")),
                ("node", models.ForeignKey(blank=True, help_text="The task or action the proposal is about, if any.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="proposals", to="programmes.programmenode", verbose_name="concerns")),
                ("programme", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="proposals", to="programmes.programme", verbose_name="programme")),
                ("submitted_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="submitted by")),
            ],
            options={
                "verbose_name": "proposal to the programme",
                "verbose_name_plural": "proposals to the programme",
                "ordering": ["programme", "pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalProposal",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                ("submitted_on", models.DateField(blank=True, null=True, verbose_name="date of the proposal")),
                ("text", models.TextField(verbose_name="proposal")),
                ("decision", models.CharField(choices=[("pending", "not decided yet"), ("included", "included in the programme"), ("not_included", "not included"), ("included_elsewhere", "included under another action")], default="pending", max_length=20, verbose_name="decision")),
                ("reason", models.TextField(blank=True, verbose_name="reason for the decision")),
                ("decided_on", models.DateField(blank=True, null=True, verbose_name="decided on")),
                ("decided_how", models.CharField(blank=True, help_text="E.g. by a vote of the sector's representatives at a seminar.", max_length=300, verbose_name="how it was decided")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.TextField(null=True)),
                ("history_type", models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1)),
                ("decided_by", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="decision recorded by")),
                ("history_user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL)),
                ("included_in", models.ForeignKey(blank=True, db_constraint=False, help_text="The task or action the proposal went into.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="programmes.programmenode", verbose_name="included in")),
                ("municipality", models.ForeignKey(blank=True, db_constraint=False, help_text="Empty for a proposal of the planning region itself.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="municipalities.municipality", verbose_name="proposed by")),
                ("node", models.ForeignKey(blank=True, db_constraint=False, help_text="The task or action the proposal is about, if any.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="programmes.programmenode", verbose_name="concerns")),
                ("programme", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to="programmes.programme", verbose_name="programme")),
                ("submitted_by", models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="submitted by")),
            ],
            options={
                "verbose_name": "historical proposal to the programme",
                "verbose_name_plural": "historical proposals to the programme",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name="amendment",
            constraint=models.UniqueConstraint(fields=("programme", "starts_on", "title"), name="amendment_unique_title"),
        ),
        migrations.AddConstraint(
            model_name="amendment",
            constraint=models.CheckConstraint(condition=models.Q(("ends_on__isnull", True), ("ends_on__gte", models.F("starts_on")), _connector="OR"), name="amendment_period_order"),
        ),
        migrations.AddConstraint(
            model_name="amendmentchange",
            constraint=models.CheckConstraint(condition=models.Q(("kind__in", ["added", "changed", "removed"])), name="amendment_change_kind_valid"),
        ),
        migrations.AddConstraint(
            model_name="amendmentchange",
            constraint=models.CheckConstraint(condition=models.Q(("node__isnull", True), ("indicator__isnull", True), _connector="OR"), name="amendment_change_one_target"),
        ),
        migrations.AddConstraint(
            model_name="amendmentchange",
            constraint=models.CheckConstraint(condition=models.Q(("kind", "changed"), ("node__isnull", False), ("indicator__isnull", False), _connector="OR"), name="amendment_change_target_given"),
        ),
        migrations.AddConstraint(
            model_name="amendmentchange",
            constraint=models.UniqueConstraint(condition=models.Q(("node__isnull", False)), fields=("amendment", "kind", "node"), name="amendment_change_unique_node"),
        ),
        migrations.AddConstraint(
            model_name="amendmentchange",
            constraint=models.UniqueConstraint(condition=models.Q(("indicator__isnull", False)), fields=("amendment", "kind", "indicator"), name="amendment_change_unique_indicator"),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(condition=models.Q(("decision__in", ["pending", "included", "not_included", "included_elsewhere"])), name="proposal_decision_valid"),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(condition=models.Q(("decision", "pending"), models.Q(("reason", ""), _negated=True), _connector="OR"), name="proposal_decision_has_reason", violation_error_message="Give the reason for the decision."),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(condition=models.Q(models.Q(("decision", "included_elsewhere"), _negated=True), ("included_in__isnull", False), _connector="OR"), name="proposal_elsewhere_has_place", violation_error_message="Choose the task or action the proposal was included under."),
        ),
        migrations.AddConstraint(
            model_name="proposal",
            constraint=models.CheckConstraint(condition=models.Q(("included_in__isnull", True), ("decision__in", ["included", "included_elsewhere"]), _connector="OR"), name="proposal_place_only_if_included", violation_error_message="Only a proposal that was included has a place in the programme."),
        ),
    ]
