"""The e-mail the app sends, each recorded once, and what each person chose for it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSettings(models.Model):
    """A person's language (of the e-mail they get and the pages after they log in) and
    whether a coordinator gets the daily digest of her rounds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="settings",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    daily_digest = models.BooleanField(
        _("daily digest during a reporting year"),
        default=True,
        help_text=_("For coordinators: who submitted, who is late, who has not started."),
    )

    class Meta:
        verbose_name = _("user settings")
        verbose_name_plural = _("user settings")

    def __str__(self) -> str:
        return str(self.user)


class Message(models.Model):
    """One e-mail to one person, written in their language when it became due and kept as
    sent. Its `key` names the occasion (the kind, the report or year, the person, the day
    where it matters): a message of the same key is never made twice, which is what makes
    every notice go exactly once however often, and on however many machines, the sender
    runs. A message the mail server refused stays due (`sent_at` empty) and is tried again.
    """

    class Kind(models.TextChoices):
        ROUND_OPENED = "round_opened", _("reporting year opened")
        DEADLINE_SOON = "deadline_soon", _("deadline reminder")
        OVERDUE = "overdue", _("deadline passed")
        RETURNED = "returned", _("report returned")
        APPROVED = "approved", _("report approved")
        REOPENED = "reopened", _("report reopened")
        SUBMITTED = "submitted", _("report submitted")
        DIGEST = "digest", _("daily digest")
        INVITATION = "invitation", _("invitation")
        PASSWORD_RESET = "password_reset", _("password reset")

    key = models.CharField(_("occasion"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="messages_received",
        verbose_name=_("recipient"),
    )
    to = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # Whose coordinator sees it in the list of messages sent (None: the national level's).
    region = models.ForeignKey(
        "municipalities.PlanningRegion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("planning region"),
    )
    round = models.ForeignKey(
        "monitoring.ReportingRound",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("reporting year"),
    )
    submission = models.ForeignKey(
        "monitoring.Submission",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name=_("report"),
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    html = models.TextField(_("HTML text"), blank=True)
    created_at = models.DateTimeField(_("due since"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail message")
        verbose_name_plural = _("e-mail messages")
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="message_due",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.to}"

    @property
    def is_sent(self) -> bool:
        return self.sent_at is not None
