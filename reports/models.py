import hashlib

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from programmes.models import PolicyResult, Programme


class ReviewText(models.Model):
    """What the coordinator writes into a year's annual review: the introduction, her own
    assessment of the share fulfilled (beside the computed one), conclusions and next steps."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="review_texts",
        verbose_name=_("programme"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    introduction = models.TextField(_("introduction"), blank=True)
    assessment = models.TextField(
        _("the coordinator's assessment"),
        blank=True,
        help_text=_(
            "The coordinator's (working group's) own assessment of how much of the programme "
            "was fulfilled, printed beside the share computed from the reports."
        ),
    )
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
    incomplete = models.BooleanField(
        _("finalised incomplete"),
        default=False,
        help_text=_("Finalised while some municipalities' reports were missing or not approved."),
    )
    not_approved = models.TextField(
        _("reports not approved"),
        blank=True,
        help_text=_("The municipalities whose reports were not approved, with their state."),
    )
    # The development council's decision on this version. It is recorded beside the frozen
    # PDF, never into it: `pdf` and `sha256` stay as finalised, and the PDF served is the
    # frozen one with the approval line stamped on its first page (reports/pdf.py).
    decision_date = models.DateField(_("council meeting date"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=20, blank=True)
    decision_wording = models.CharField(
        _("wording of the decision"),
        max_length=100,
        blank=True,
        help_text=_("What the council decided, e.g. “apstiprināt”; printed after the number."),
    )
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision recorded by"),
    )
    decision_recorded_at = models.DateTimeField(_("decision recorded"), null=True, blank=True)

    class Meta:
        ordering = ["programme", "year", "-created_at"]
        verbose_name = _("final review version")
        verbose_name_plural = _("final review versions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(decision_date__isnull=True, decision_number="")
                | (models.Q(decision_date__isnull=False) & ~models.Q(decision_number="")),
                name="review_version_decision_date_and_number_together",
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme.region.short_name} {self.year} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("reports:version", args=[self.programme.slug, self.year, self.pk])

    @property
    def has_decision(self) -> bool:
        """The council's decision on this version is recorded."""
        return self.decision_date is not None


class ReviewPdf(models.Model):
    """A review's PDF, laid out by the background worker and kept while the review reads the same.

    Laying out a long review takes WeasyPrint half a minute, too long for a request. The key is
    the SHA-256 of the HTML the PDF is made from: the same data in the same language on the
    same day gives the same HTML, so its PDF is made once and then served at once; any change
    to the data (or a new day: the PDF is dated) gives a new key and a new PDF.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="+", verbose_name=_("programme")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    html_sha256 = models.CharField(_("SHA-256 of the HTML"), max_length=64, unique=True)
    html = models.TextField(_("HTML to lay out"), blank=True)
    requested_at = models.DateTimeField(_("requested"))
    finished_at = models.DateTimeField(_("ready"), null=True, blank=True)
    pdf = models.BinaryField(_("PDF"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    finalise_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("to be finalised by"),
        help_text=_("Who asked to keep this PDF as a final version once it is ready."),
    )
    # Only a PDF laid out as a final version while reports were not approved has these (its
    # HTML says so on the cover, so it is a PDF of its own).
    not_approved = models.TextField(
        _("reports not approved"),
        blank=True,
        help_text=_("For a final version finalised incomplete: the reports not approved."),
    )

    class Meta:
        verbose_name = _("prepared review PDF")
        verbose_name_plural = _("prepared review PDFs")
        indexes = [models.Index(fields=["programme", "year", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.year} {self.html_sha256[:12]}"

    @property
    def is_ready(self) -> bool:
        return self.finished_at is not None

    @property
    def has_failed(self) -> bool:
        return not self.is_ready and bool(self.error)

    def keep_as_version(self, *, by_id: int) -> ReviewVersion:
        """Store this (finished) PDF as a final version of its review."""
        pdf = bytes(self.pdf)
        return ReviewVersion.objects.create(
            programme_id=self.programme_id,
            year=self.year,
            created_by_id=by_id,
            pdf=pdf,
            sha256=hashlib.sha256(pdf).hexdigest(),
            incomplete=bool(self.not_approved),
            not_approved=self.not_approved,
        )
