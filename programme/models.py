"""The programme's settings: one record, kept by staff in the admin. A region that runs the
programme sets its own name, operator, funder, amounts, contact details and texts here;
nothing region-specific lives in templates or code."""

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import (
    FileExtensionValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from leercultuur.text import MultiLineField, SingleLineField
from programme import defaults

COLOUR_PATTERN = re.compile(r"^#[0-9a-fA-F]{6}$")
COLOUR = RegexValidator(COLOUR_PATTERN, _("Give a colour as # and six hex digits."))
MIN_CONTRAST = 4.5  # WCAG AA for normal text: buttons and the top bar carry white text


def _channel(value: int) -> float:
    share = value / 255
    return share / 12.92 if share <= 0.03928 else ((share + 0.055) / 1.055) ** 2.4


def contrast_with_white(colour: str) -> float:
    """WCAG's contrast ratio of white text on a #rrggbb colour."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)
    return 1.05 / (luminance + 0.05)


LOGO_MAX_BYTES = 1024 * 1024  # it goes into every PDF, as a data: URL


def validate_logo_size(logo: FieldFile) -> None:
    try:
        size = logo.size
    except OSError:  # the file of a logo saved earlier is gone; the page shows the name
        return
    if size > LOGO_MAX_BYTES:
        raise ValidationError(_("A logo may be at most 1 MB. Please make the image smaller."))


TEXT_HELP = _(
    "Plain paragraphs, separated by an empty line. These words are filled in: {naam}, "
    "{organisator}, {financier}, {provincie}, {bijdrage}, {uren}, {maanden}."
)
TEXT_MAX_LENGTH = 10000


# Each text in Dutch and in English, named in full (a name per field, for the admin and
# the audit log).
TEXT_LABELS = {
    "tagline": (_("tagline (Dutch)"), _("tagline (English)")),
    "intro": (_("introduction (Dutch)"), _("introduction (English)")),
    "audience": (_("for whom (Dutch)"), _("for whom (English)")),
    "approach": (_("how it works (Dutch)"), _("how it works (English)")),
    "offer": (_("what a company gets (Dutch)"), _("what a company gets (English)")),
    "terms": (_("terms (Dutch)"), _("terms (English)")),
    "privacy": (_("privacy statement (Dutch)"), _("privacy statement (English)")),
    "accessibility": (
        _("accessibility statement (Dutch)"),
        _("accessibility statement (English)"),
    ),
}


def _text(key: str, language: int) -> MultiLineField:
    return MultiLineField(
        TEXT_LABELS[key][language],
        max_length=TEXT_MAX_LENGTH,
        blank=language == 1,  # a missing English text falls back to the Dutch
        default=defaults.TEXTS[key][language],
        help_text=TEXT_HELP,
    )


class Programme(models.Model):
    """The programme as this region runs it (one row: its key is always 1)."""

    key = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    name = SingleLineField(_("name"), max_length=100, default=defaults.NAME)
    operator = SingleLineField(
        _("operator"), max_length=200, default=defaults.OPERATOR, help_text=_("Who runs it.")
    )
    funder = SingleLineField(
        _("funder"), max_length=200, default=defaults.FUNDER, help_text=_("Who pays for it.")
    )
    province = SingleLineField(
        _("province"),
        max_length=100,
        default=defaults.PROVINCE,
        help_text=_("Where companies must be based; named in the reports."),
    )
    partners = MultiLineField(
        _("partners"),
        max_length=2000,
        blank=True,
        default=defaults.PARTNERS,
        help_text=_("One per line."),
    )
    contribution = models.DecimalField(
        _("own contribution"),
        max_digits=10,
        decimal_places=2,
        default=defaults.CONTRIBUTION,
        validators=[MinValueValidator(Decimal("0.00"))],
        help_text=_("Excluding VAT; what a new edition starts with."),
    )
    coach_hours = models.PositiveSmallIntegerField(
        _("coach hours"),
        default=defaults.COACH_HOURS,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
    )
    trajectory_months = models.PositiveSmallIntegerField(
        _("months of a trajectory"),
        default=defaults.TRAJECTORY_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    contact_email = models.EmailField(_("e-mail address of the programme office"), blank=True)
    contact_phone = SingleLineField(
        _("phone number of the programme office"), max_length=20, blank=True
    )
    contact_address = MultiLineField(
        _("address of the programme office"), max_length=500, blank=True
    )
    logo = models.ImageField(
        _("logo"),
        upload_to="programme/",
        blank=True,
        validators=[FileExtensionValidator(["png", "jpg", "jpeg"]), validate_logo_size],
        help_text=_(
            "A PNG or JPEG of at most 1 MB, shown on every page and PDF; without one the name "
            "is shown."
        ),
    )
    primary_colour = SingleLineField(
        _("main colour"),
        max_length=7,
        default=defaults.PRIMARY_COLOUR,
        validators=[COLOUR],
        help_text=_("Buttons and the top bar: white text on it must stay readable."),
    )
    accent_colour = SingleLineField(
        _("accent colour"), max_length=7, default=defaults.ACCENT_COLOUR, validators=[COLOUR]
    )
    tagline_nl = _text("tagline", 0)
    tagline_en = _text("tagline", 1)
    intro_nl = _text("intro", 0)
    intro_en = _text("intro", 1)
    audience_nl = _text("audience", 0)
    audience_en = _text("audience", 1)
    approach_nl = _text("approach", 0)
    approach_en = _text("approach", 1)
    offer_nl = _text("offer", 0)
    offer_en = _text("offer", 1)
    terms_nl = _text("terms", 0)
    terms_en = _text("terms", 1)
    privacy_nl = _text("privacy", 0)
    privacy_en = _text("privacy", 1)
    accessibility_nl = _text("accessibility", 0)
    accessibility_en = _text("accessibility", 1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("programme settings")
        verbose_name_plural = _("programme settings")
        constraints = [
            models.CheckConstraint(condition=Q(key=1), name="programme_single_row"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (
            COLOUR_PATTERN.match(self.primary_colour)
            and contrast_with_white(self.primary_colour) < MIN_CONTRAST
        ):
            raise ValidationError(
                {
                    "primary_colour": _(
                        "White text on this colour is hard to read. Choose a darker colour."
                    )
                }
            )

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partners.splitlines() if line.strip()]

    @property
    def coach_minutes(self) -> int:
        return self.coach_hours * 60

    def text(self, key: str) -> str:
        """A page text in the active language (the Dutch where no English is given)."""
        english = get_language() == "en" and getattr(self, f"{key}_en")
        return str(english or getattr(self, f"{key}_nl"))


class Question(models.Model):
    """A question and its answer on the public questions page."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="questions",
        default=1,
        editable=False,
        verbose_name=_("programme"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    question_nl = SingleLineField(_("question (Dutch)"), max_length=200)
    answer_nl = MultiLineField(_("answer (Dutch)"), max_length=2000, help_text=TEXT_HELP)
    question_en = SingleLineField(_("question (English)"), max_length=200, blank=True)
    answer_en = MultiLineField(
        _("answer (English)"), max_length=2000, blank=True, help_text=TEXT_HELP
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions and answers")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.question_nl

    @property
    def question(self) -> str:
        return (get_language() == "en" and self.question_en) or self.question_nl

    @property
    def answer(self) -> str:
        return (get_language() == "en" and self.answer_en) or self.answer_nl
