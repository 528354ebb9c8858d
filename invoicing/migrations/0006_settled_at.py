"""``Invoice.settled_at``: when payments and credit notes first covered an invoice; the
open invoices by due date and the drafts indexed for the work surface.

The issued-invoice guard (0002) lets the column change after issuing, as it does the
document columns; invoices settled before this migration get the time of their last
payment or credit note."""

from django.db import migrations, models
from django.db.models import DateTimeField, F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest

OLD_COLUMNS = (
    "'pdf', 'pdf_sha256', 'pdf_status', 'pdf_error', 'pdf_started_at', 'pdf_rendered_at', 'sent_at'"
)
NEW_COLUMNS = OLD_COLUMNS + ", 'settled_at'"

GUARD = """
CREATE OR REPLACE FUNCTION invoicing_invoice_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.issued_at IS NOT NULL THEN
            RAISE EXCEPTION 'issued invoice % cannot be deleted', OLD.number
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.issued_at IS NOT NULL
       AND (to_jsonb(NEW) - ARRAY[{columns}])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{columns}]) THEN
        RAISE EXCEPTION 'issued invoice % cannot be changed', OLD.number
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


def _guard(columns):
    def replace(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(GUARD.format(columns=columns), params=None)

    return replace


def backfill(apps, schema_editor):
    Invoice = apps.get_model("invoicing", "Invoice")
    Payment = apps.get_model("invoicing", "Payment")
    payments = Payment.objects.filter(invoice=OuterRef("pk")).order_by().values("invoice")
    credits = (
        Invoice.objects.filter(credited_invoice=OuterRef("pk"), issued_at__isnull=False)
        .order_by()
        .values("credited_invoice")
    )

    def last(rows, field, total):
        return (
            Subquery(rows.annotate(v=Max(field)).values("v"), output_field=DateTimeField()),
            Subquery(rows.annotate(v=models.Sum(total)).values("v")),
        )

    paid_at, paid = last(payments, "recorded_at", "amount")
    credited_at, credited = last(credits, "issued_at", "total_amount")
    settled = (
        Invoice.objects.filter(kind="invoice", issued_at__isnull=False)
        .annotate(
            paid=Coalesce(paid, 0, output_field=models.DecimalField()),
            credited=Coalesce(credited, 0, output_field=models.DecimalField()),
        )
        .filter(Q(total_amount__lte=F("paid") + F("credited")))
    )
    for invoice in settled.annotate(
        at=Greatest(Coalesce(paid_at, F("issued_at")), Coalesce(credited_at, F("issued_at")))
    ).values("pk", "at"):
        Invoice.objects.filter(pk=invoice["pk"]).update(settled_at=invoice["at"])


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0005_identifier_checks")]

    operations = [
        migrations.AddField(
            model_name="invoice",
            name="settled_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="settled at"
            ),
        ),
        migrations.RunPython(_guard(NEW_COLUMNS), _guard(OLD_COLUMNS)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(
                condition=models.Q(
                    ("issued_at__isnull", False), ("kind", "invoice"), ("settled_at__isnull", True)
                ),
                fields=["due_date"],
                name="invoicing_open_by_due_date",
            ),
        ),
        migrations.AddIndex(
            model_name="invoice",
            index=models.Index(
                condition=models.Q(("issued_at", None)), fields=["id"], name="invoicing_drafts"
            ),
        ),
    ]
