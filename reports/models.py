from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import PolicyResult, Programme


class ReviewText(models.Model):
    """What the coordinator writes into a year's annual review: conclusions and next steps."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="review_texts",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    conclusions = models.TextField(_("conclusions"), blank=True)
    next_steps = models.TextField(_("what to do next"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "year"]
        verbose_name = _("review text")
        verbose_name_plural = _("review texts")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="review_text_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.programme.region.short_name} {self.year}"


class PolicyResultVerdict(models.Model):
    """The coordinator's verdict on a policy result in a year's review."""

    policy_result = models.ForeignKey(
        PolicyResult,
        on_delete=models.CASCADE,
        related_name="verdicts",
        verbose_name=_("policy result"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("verdict"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["policy_result", "year"]
        verbose_name = _("policy result verdict")
        verbose_name_plural = _("policy result verdicts")
        constraints = [
            models.UniqueConstraint(fields=["policy_result", "year"], name="verdict_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.policy_result} ({self.year})"


class ReviewVersion(models.Model):
    """A finalised review: the PDF as it was on that day, which later edits do not change."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="review_versions",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    created_at = models.DateTimeField(_("finalised"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("finalised by"),
    )
    pdf = models.BinaryField(_("PDF"))
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64)

    class Meta:
        ordering = ["programme", "year", "-created_at"]
        verbose_name = _("final review version")
        verbose_name_plural = _("final review versions")

    def __str__(self) -> str:
        return f"{self.programme.region.short_name} {self.year} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("reports-version", args=[self.programme.slug, self.year, self.pk])
