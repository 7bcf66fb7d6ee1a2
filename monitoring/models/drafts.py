from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FormDraft(models.Model):
    """What a person typed on a report's entry form and has not saved, kept by the form's
    autosave so that a closed tab or a lost connection loses nothing.

    It is the form as the browser sent it, not a save: it never touches the report, so an
    autosave cannot overwrite a colleague's saved work, holds a value the form would refuse,
    and creates no project twice. The person restores it into the form and saves from there,
    where the version check shows any conflict. Saving the report removes it.
    """

    submission = models.ForeignKey(
        "monitoring.Submission",
        on_delete=models.CASCADE,
        related_name="drafts",
        verbose_name=_("report"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="form_drafts",
        verbose_name=_("user"),
    )
    data = models.JSONField(_("typed values"))
    saved_at = models.DateTimeField(_("kept at"), auto_now=True)

    class Meta:
        verbose_name = _("unsaved input")
        verbose_name_plural = _("unsaved inputs")
        constraints = [
            models.UniqueConstraint(fields=["submission", "user"], name="form_draft_unique")
        ]

    def __str__(self) -> str:
        return f"{self.submission} · {self.user}"
