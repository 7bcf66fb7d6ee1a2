# The region's survey of social services and providers (monitoring/models/surveys.py).

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("monitoring", "0010_supported_status_budget_text"),
        ("municipalities", "0006_no_projects"),
        ("programmes", "0007_seed_corrections"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='HistoricalSurvey',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('introduction', models.TextField(blank=True, help_text='Why the region asks, shown to those who answer and in the review.', verbose_name='introduction')),
                ('source', models.CharField(blank=True, help_text='The published document the answers are taken from; empty for a survey answered in the app.', max_length=300, verbose_name='source')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('created_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('programme', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='programmes.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'historical survey',
                'verbose_name_plural': 'historical surveys',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Survey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(verbose_name='year')),
                ('title', models.CharField(max_length=300, verbose_name='title')),
                ('introduction', models.TextField(blank=True, help_text='Why the region asks, shown to those who answer and in the review.', verbose_name='introduction')),
                ('source', models.CharField(blank=True, help_text='The published document the answers are taken from; empty for a survey answered in the app.', max_length=300, verbose_name='source')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='surveys', to='programmes.programme', verbose_name='programme')),
            ],
            options={
                'verbose_name': 'survey',
                'verbose_name_plural': 'surveys',
                'ordering': ['-year', 'programme__slug'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalSurveyRespondent',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('kind', models.CharField(choices=[('social_service', 'social service'), ('provider', 'service provider')], max_length=20, verbose_name='kind')),
                ('name', models.CharField(blank=True, help_text='For a provider.', max_length=300, verbose_name="provider's name")),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                ('link_issued_at', models.DateTimeField(blank=True, null=True, verbose_name='link issued')),
                ('link_revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='link revoked')),
                ('link_used_at', models.DateTimeField(blank=True, null=True, verbose_name='link used')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='created')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('municipality', models.ForeignKey(blank=True, db_constraint=False, help_text="A social service's municipality; for a provider, where it works (optional).", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='municipalities.municipality', verbose_name='municipality')),
                ('submitted_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('survey', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.survey', verbose_name='survey')),
            ],
            options={
                'verbose_name': 'historical survey respondent',
                'verbose_name_plural': 'historical survey respondents',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalSurveyQuestion',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('audience', models.CharField(choices=[('social_services', 'municipal social services'), ('providers', 'social service providers'), ('both', 'social services and providers')], default='social_services', max_length=20, verbose_name='asked of')),
                ('number', models.PositiveSmallIntegerField(help_text="The question's number among those asked of the same people.", verbose_name='number')),
                ('text', models.TextField(verbose_name='question')),
                ('summary', models.TextField(blank=True, help_text="The region's own summary of the answers, shown in the review before them.", verbose_name='summary of the answers')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('survey', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.survey', verbose_name='survey')),
            ],
            options={
                'verbose_name': 'historical survey question',
                'verbose_name_plural': 'historical survey questions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='SurveyQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('audience', models.CharField(choices=[('social_services', 'municipal social services'), ('providers', 'social service providers'), ('both', 'social services and providers')], default='social_services', max_length=20, verbose_name='asked of')),
                ('number', models.PositiveSmallIntegerField(help_text="The question's number among those asked of the same people.", verbose_name='number')),
                ('text', models.TextField(verbose_name='question')),
                ('summary', models.TextField(blank=True, help_text="The region's own summary of the answers, shown in the review before them.", verbose_name='summary of the answers')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='monitoring.survey', verbose_name='survey')),
            ],
            options={
                'verbose_name': 'survey question',
                'verbose_name_plural': 'survey questions',
                'ordering': ['survey', 'audience', 'number'],
            },
        ),
        migrations.CreateModel(
            name='SurveyRespondent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('social_service', 'social service'), ('provider', 'service provider')], max_length=20, verbose_name='kind')),
                ('name', models.CharField(blank=True, help_text='For a provider.', max_length=300, verbose_name="provider's name")),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail address')),
                ('token_hash', models.CharField(blank=True, max_length=64, verbose_name="link's token (hash)")),
                ('link_issued_at', models.DateTimeField(blank=True, null=True, verbose_name='link issued')),
                ('link_revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='link revoked')),
                ('link_used_at', models.DateTimeField(blank=True, null=True, verbose_name='link used')),
                ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('municipality', models.ForeignKey(blank=True, help_text="A social service's municipality; for a provider, where it works (optional).", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='survey_respondents', to='municipalities.municipality', verbose_name='municipality')),
                ('submitted_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                ('survey', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='respondents', to='monitoring.survey', verbose_name='survey')),
            ],
            options={
                'verbose_name': 'survey respondent',
                'verbose_name_plural': 'survey respondents',
                'ordering': ['survey', 'kind', models.OrderBy(models.F('municipality__sort_name'), nulls_first=True), models.OrderBy(models.F('municipality__valid_from'), nulls_first=True), 'name'],
            },
        ),
        migrations.CreateModel(
            name='SurveyAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(verbose_name='answer')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                ('question', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='monitoring.surveyquestion', verbose_name='question')),
                ('respondent', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='monitoring.surveyrespondent', verbose_name='respondent')),
            ],
            options={
                'verbose_name': 'survey answer',
                'verbose_name_plural': 'survey answers',
                'ordering': ['question', 'respondent'],
            },
        ),
        migrations.CreateModel(
            name='HistoricalSurveyAnswer',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('text', models.TextField(verbose_name='answer')),
                ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.TextField(null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('question', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.surveyquestion', verbose_name='question')),
                ('respondent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='monitoring.surveyrespondent', verbose_name='respondent')),
            ],
            options={
                'verbose_name': 'historical survey answer',
                'verbose_name_plural': 'historical survey answers',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name='survey',
            constraint=models.UniqueConstraint(fields=('programme', 'year'), name='survey_unique_year'),
        ),
        migrations.AddConstraint(
            model_name='surveyquestion',
            constraint=models.UniqueConstraint(fields=('survey', 'audience', 'number'), name='survey_question_unique_number'),
        ),
        migrations.AddConstraint(
            model_name='surveyquestion',
            constraint=models.CheckConstraint(condition=models.Q(('audience__in', ['social_services', 'providers', 'both'])), name='survey_question_audience_valid'),
        ),
        migrations.AddConstraint(
            model_name='surveyrespondent',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'social_service'), ('municipality__isnull', False), ('token_hash', '')), models.Q(('kind', 'provider'), models.Q(('name', ''), _negated=True)), _connector='OR'), name='survey_respondent_scope'),
        ),
        migrations.AddConstraint(
            model_name='surveyrespondent',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'social_service')), fields=('survey', 'municipality'), name='survey_respondent_unique_service'),
        ),
        migrations.AddConstraint(
            model_name='surveyrespondent',
            constraint=models.UniqueConstraint(condition=models.Q(('kind', 'provider')), fields=('survey', 'name'), name='survey_respondent_unique_provider'),
        ),
        migrations.AddConstraint(
            model_name='surveyrespondent',
            constraint=models.UniqueConstraint(condition=models.Q(('token_hash', ''), _negated=True), fields=('token_hash',), name='survey_respondent_unique_token'),
        ),
        migrations.AddConstraint(
            model_name='surveyanswer',
            constraint=models.UniqueConstraint(fields=('respondent', 'question'), name='survey_answer_unique'),
        ),
    ]
