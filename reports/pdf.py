"""The one PDF renderer: WeasyPrint, shut off from the file system and the network.

Only ``data:`` URLs and files under the project's own ``static/`` folder can be loaded,
so HTML that carries user input can never make the renderer read ``/etc/passwd`` or
call a server. Output is PDF/A-3b, optionally with embedded (XML) attachments.
"""

import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint import Attachment as WeasyAttachment
from weasyprint.urls import URLFetcher, URLFetcherResponse, URLFetchingError

from programme.selectors import current, logo_data_url
from programme.style import stylesheet

PDF_VARIANT = "pdf/a-3b"


@dataclass(frozen=True)
class Attachment:
    """A file embedded in the PDF, such as a UBL e-invoice."""

    name: str
    content: bytes
    description: str = ""
    relationship: str = "Alternative"


def static_dir() -> Path:
    return (Path(settings.BASE_DIR) / "static").resolve()


class StaticOnlyFetcher(URLFetcher):
    """Serve ``data:`` URLs and project static files; refuse everything else."""

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and (path := _static_file(url)) is not None:
            mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})
        raise URLFetchingError(f"Blocked resource outside the static folder: {url[:200]}")


def _static_file(url: str) -> Path | None:
    """The file a ``file:`` URL names, if it lies inside the static folder.

    In production ``{% static %}`` names the collected copy with its hash in the name
    (``css/pdf.6197f439f04d.css``), which only STATIC_ROOT holds: look there too.
    """
    parts = urlsplit(url)
    if parts.netloc not in {"", "localhost"}:
        return None
    relative = unquote(parts.path).removeprefix(settings.STATIC_URL).lstrip("/")
    for root in (static_dir(), Path(settings.STATIC_ROOT).resolve()):
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    return None


def render_pdf(html: str, *, attachments: tuple[Attachment, ...] = ()) -> bytes:
    """Render HTML to PDF/A-3b bytes. Links like ``/static/css/pdf.css`` resolve."""
    fetcher = StaticOnlyFetcher(allowed_protocols={"data", "file"}, allow_redirects=False)
    document = HTML(string=html, base_url="file:///", url_fetcher=fetcher)
    embedded = [
        WeasyAttachment(
            string=attachment.content,
            name=attachment.name,
            description=attachment.description or attachment.name,
            relationship=attachment.relationship,
            url_fetcher=fetcher,
        )
        for attachment in attachments
    ]
    pdf = document.write_pdf(pdf_variant=PDF_VARIANT, attachments=embedded)
    if pdf is None:  # pragma: no cover - write_pdf returns bytes when given no target
        raise RuntimeError("WeasyPrint returned no PDF")
    return bytes(pdf)


def render_pdf_template(
    template_name: str, context: dict[str, object], *, attachments: tuple[Attachment, ...] = ()
) -> bytes:
    """Render a template from ``templates/pdf/`` (which extends ``pdf/base.html``), with the
    programme's name, operator, logo and colours in its header."""
    programme = current()
    brand = {
        "programme": programme,
        "programme_logo": logo_data_url(programme),
        "programme_colours": stylesheet(programme),
    }
    return render_pdf(
        render_to_string(template_name, {**brand, **context}), attachments=attachments
    )
