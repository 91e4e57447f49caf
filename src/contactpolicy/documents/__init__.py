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
import logging
import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contactpolicy.domain.policy import folder_exists
from contactpolicy.domain.validation import describe
from contactpolicy.domain.wording import shown
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
    silently. Every value a template writes passes through
    :func:`contactpolicy.domain.wording.shown` first, so a control character
    in a customer's details (ESC, BEL...) shows as an escape such as
    ``\\x1b`` rather than going into the document as it is; line feeds are
    kept. ``overrides`` may be given as text or any path object; anything
    else, or a folder that does not exist, is :class:`InvalidInput` naming
    ``templates`` (6.3)."""
    import jinja2

    folders = [TEMPLATES]
    if overrides is not None:
        folder = os.fspath(overrides) if isinstance(overrides, str | os.PathLike) else None
        if not isinstance(folder, str):
            raise InvalidInput(
                "templates", f"must be the path of a folder, got {describe(overrides)}", "6.3"
            )
        if not folder_exists(folder):
            raise InvalidInput("templates", "must be a folder that exists", "6.3")
        folders.insert(0, Path(folder))
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=jinja2.select_autoescape(["html"]),
        undefined=jinja2.StrictUndefined,
        finalize=_shown,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _shown(value: Any) -> Any:
    """A value a template writes, with a plain string's control characters
    escaped; markup the templates built themselves is left as it is."""
    import markupsafe

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return shown(value, lines=True, tabs=True)
    return value


_FONTS = Path(str(resources.files("reportlab"))) / "fonts"
"""Bitstream Vera, shipped with reportlab: the only folder a document may
read a file from while it is laid out."""

_TEXT_CSS = """<style>
@font-face {{ font-family: "Document"; src: url("{regular}"); }}
@font-face {{ font-family: "Document"; src: url("{bold}"); font-weight: bold; }}
body, h1, h2, h3, p, li, dt, dd, address, span, strong, em, b, i {{
  font-family: "Document", "STSong-Light";
  overflow-wrap: break-word;
}}
</style>
"""
"""How every document's text is set, after the template's own style: in
the fonts, and with a word wider than its line (a web address, an email
address) broken between two of its characters where the line ends.
xhtml2pdf never breaks a word otherwise, however long, and draws the rest of
it past the page's edge, where it is not printed; ``overflow-wrap`` breaks
only such a word, adds no character to the text, and is inherited, so
table cells and links break too."""

_QUIET = ("xhtml2pdf", "reportlab")
"""The loggers of the PDF libraries: their warnings quote the document
around a problem — a customer's name and address — so none is let out."""


def pdf(html: str) -> bytes:
    """The PDF of ``html`` (a whole XHTML or HTML document), as bytes
    starting ``%PDF``.

    Text is set in Bitstream Vera (shipped with reportlab, so "Łucja" and
    "Zoë" print whatever the working directory), falling back for each
    character Vera lacks to reportlab's CID font STSong-Light (Chinese; a
    PDF reader draws it from its own Asian font pack, as it is not
    embedded). A word wider than its line, such as a long web address, is
    broken across lines so that no text runs off the page (the text a reader
    copies has a line break there, as at the end of any line). The document
    may read no file but those fonts and nothing over the network. Nothing
    is logged or printed while it is laid out (the PDF libraries' warnings
    quote the document); a document xhtml2pdf cannot lay out is
    :class:`InvalidInput` naming ``html`` and no content (6.3).

    >>> pdf('<html lang="en"><body><p>Hello</p></body></html>')[:5]
    b'%PDF-'
    """
    from xhtml2pdf import pisa
    from xhtml2pdf.config.resources import ResourceAccessPolicy

    css = _TEXT_CSS.format(regular=_FONTS / "Vera.ttf", bold=_FONTS / "VeraBd.ttf")
    html = html.replace("</head>", css + "</head>", 1) if "</head>" in html else css + html
    policy = ResourceAccessPolicy(allow_remote=False, base_dir=None, extra_roots=(_FONTS,))
    out = io.BytesIO()
    with _quiet():
        status = pisa.CreatePDF(html, dest=out, encoding="utf-8", resource_policy=policy)
    if status.err:
        raise InvalidInput("html", f"cannot be laid out as PDF ({status.err} errors)", "6.3")
    return out.getvalue()


@contextmanager
def _quiet() -> Iterator[None]:
    """No log record and no warning from the PDF libraries while inside: their
    top loggers keep every record, their modules' included (even one first
    made while a document is laid out), from the handlers above and from
    logging's last resort on standard error."""
    loggers = [logging.getLogger(name) for name in _QUIET]
    before = [logger.propagate for logger in loggers]
    sink = logging.NullHandler()
    for logger in loggers:
        logger.propagate = False
        logger.addHandler(sink)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, propagate in zip(loggers, before, strict=True):
            logger.removeHandler(sink)
            logger.propagate = propagate
