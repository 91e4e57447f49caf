"""Documents the council sends or hands over, rendered from templates.

One owner for how a document is made: :func:`environment` loads Jinja2
templates — a council's own folder first, then the ones shipped in
``contactpolicy/documents/templates`` — with HTML escaping on, and
:func:`pdf` turns the same accessible HTML into PDF bytes with xhtml2pdf,
which installs from the package index alone. Letters (6.3) and subject
access exports are made here; nothing in this package reads a store.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from contactpolicy.errors import InvalidInput

if TYPE_CHECKING:
    import jinja2

__all__ = ["TEMPLATES", "environment", "pdf"]

TEMPLATES = Path(__file__).parent / "templates"
"""The templates shipped with the library."""


def environment(overrides: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment that finds a template in ``overrides`` (a
    council's folder, or ``None``) before :data:`TEMPLATES`, escapes HTML in
    ``.html`` templates, and refuses an undefined name
    (``jinja2.StrictUndefined``) so a template cannot drop a required part
    silently. A folder that does not exist is :class:`InvalidInput` naming
    ``templates`` (6.3)."""
    import jinja2

    folders = [TEMPLATES]
    if overrides is not None:
        if not overrides.is_dir():
            raise InvalidInput("templates", "must be a folder that exists", "6.3")
        folders.insert(0, overrides)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def pdf(html: str) -> bytes:
    """The PDF of ``html`` (a whole XHTML or HTML document), as bytes
    starting ``%PDF``; a document xhtml2pdf cannot lay out is
    :class:`InvalidInput` naming ``html``.

    >>> pdf('<html lang="en"><body><p>Hello</p></body></html>')[:5]
    b'%PDF-'
    """
    from xhtml2pdf import pisa

    out = io.BytesIO()
    status = pisa.CreatePDF(html, dest=out, encoding="utf-8")
    if status.err:
        raise InvalidInput("html", f"cannot be laid out as PDF ({status.err} errors)", "6.3")
    return out.getvalue()
