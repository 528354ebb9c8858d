"""On PostgreSQL, the database itself refuses to change or delete an issued invoice.

Only the document columns (the PDF and when it was mailed) may change after issuing;
every other column, including any added later, is frozen. SQLite (development only)
relies on the model and service guards.
"""

from django.db import migrations

DOCUMENT_COLUMNS = (
    "'pdf', 'pdf_sha256', 'pdf_status', 'pdf_error', 'pdf_started_at', 'pdf_rendered_at', "
    "'sent_at'"
)

CREATE = f"""
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
       AND (to_jsonb(NEW) - ARRAY[{DOCUMENT_COLUMNS}])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY[{DOCUMENT_COLUMNS}]) THEN
        RAISE EXCEPTION 'issued invoice % cannot be changed', OLD.number
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER invoicing_invoice_guard BEFORE UPDATE OR DELETE ON invoicing_invoice
    FOR EACH ROW EXECUTE FUNCTION invoicing_invoice_guard();
"""

DROP = """
DROP TRIGGER IF EXISTS invoicing_invoice_guard ON invoicing_invoice;
DROP FUNCTION IF EXISTS invoicing_invoice_guard();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("invoicing", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
