"""Dutch identifiers, checked alike by models, forms and the admin: KvK and VAT numbers,
and phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import exceptions as stdnum
from stdnum.nl import btw

# The Tax Administration's own example: a valid number that is nobody's.
VAT_EXAMPLE = "NL000099998B57"
VAT_INVALID = _("Enter a valid Dutch VAT number, such as NL000099998B57.")


def validate_kvk_number(value: str) -> None:
    """Eight digits, and not an obvious stand-in.

    The Chamber of Commerce publishes no check digit, but no number starts with 00 (the
    old regional chambers' numbers start 01 to 41, such as 09123456) and none is one digit
    eight times (00000000, 11111111).
    """
    if not re.fullmatch(r"[0-9]{8}", value):
        raise ValidationError(_("A KvK number has exactly 8 digits."), code="invalid")
    if value.startswith("00") or len(set(value)) == 1:
        raise ValidationError(
            _(
                "This KvK number cannot be right. Check the 8 digits on the extract from "
                "the Chamber of Commerce."
            ),
            code="implausible",
        )


def vat_number_clean(value: str) -> str:
    """A Dutch VAT number as stored (NL000099998B57), however it was typed (spaces, dots,
    without NL); ValidationError when it is not a valid one (check digits included)."""
    try:
        return "NL" + btw.validate(value)
    except stdnum.ValidationError:
        raise ValidationError(VAT_INVALID, code="invalid") from None


def validate_vat_number(value: str) -> None:
    """For a model field: a valid Dutch VAT number, stored as NL000099998B57."""
    if vat_number_clean(value) != value:
        raise ValidationError(VAT_INVALID, code="invalid")


PHONE_INVALID = _(
    "Enter a phone number we can call, such as 06 12345678, 026 1234567 or +32 2 123 45 67."
)
_PHONE_SEPARATORS = re.compile(r"[\s\-./()]")


def phone_clean(value: str) -> str:
    """A phone number as stored, however it was typed (spaces, dashes, brackets): a Dutch
    number as ten digits (0612345678), any other as + and its digits (+3221234567); a Dutch
    number typed with +31 or 0031 is stored the Dutch way. ValidationError when it cannot
    be a phone number."""
    digits = _PHONE_SEPARATORS.sub("", value.strip())
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+31"):
        digits = "0" + digits[3:].removeprefix("0")  # +31 (0)6 ...
    if re.fullmatch(r"0[1-9][0-9]{8}", digits):
        return digits
    # ITU E.164: a country code (never 0) and at most 15 digits in all.
    if re.fullmatch(r"\+[1-9][0-9]{7,14}", digits) and not digits.startswith("+31"):
        return digits
    raise ValidationError(PHONE_INVALID, code="invalid")


def validate_phone(value: str) -> None:
    """For a model field: a phone number as ``phone_clean`` stores it."""
    if value and phone_clean(value) != value:
        raise ValidationError(PHONE_INVALID, code="invalid")
