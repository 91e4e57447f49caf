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
import unicodedata
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

__all__ = ["TEMPLATES", "environment", "pdf", "written"]

TEMPLATES = Path(__file__).parent / "templates"
"""The templates shipped with the library."""


def environment(overrides: Path | None = None) -> jinja2.Environment:
    """A Jinja2 environment that finds a template in ``overrides`` (a
    council's folder, or ``None``) before :data:`TEMPLATES`, escapes HTML in
    ``.html`` templates, and refuses an undefined name
    (``jinja2.StrictUndefined``) so a template cannot drop a required part
    silently. Every value a template writes passes through :func:`written`
    first, so a control character in a customer's details (ESC, BEL...)
    shows as an escape such as ``\\x1b`` rather than going into the document
    as it is, and a line of right-to-left text or with bidirectional
    controls is isolated from the letter around it, between U+2068 and
    U+2069; line feeds are kept.
    ``overrides`` may be given as text or any path object; anything else,
    or a folder that does not exist, is :class:`InvalidInput` naming
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
        finalize=_written,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _written(value: Any) -> Any:
    """A value a template writes: a plain string as :func:`written` gives
    it; markup the templates built themselves is left as it is."""
    import markupsafe

    if isinstance(value, str) and not isinstance(value, markupsafe.Markup):
        return written(value)
    return value


_ISOLATE = ("\u2068", "\u2069")
"""FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: what a line of a text
document that needs it is written between (:func:`written`)."""

_OPENERS = {
    "\u202a": "\u202c",
    "\u202b": "\u202c",
    "\u202d": "\u202c",
    "\u202e": "\u202c",
    "\u2066": "\u2069",
    "\u2067": "\u2069",
    "\u2068": "\u2069",
}
"""Each bidirectional embedding, override and isolate, and what ends it."""

_MARKS = frozenset("\u200e\u200f\u061c")
"""The left-to-right, right-to-left and Arabic letter marks: invisible,
acting only on the text beside them, so kept in a document as written."""

_DIRECTED = frozenset(
    ("R", "AL", "AN", "LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI")
)
"""The bidirectional classes a line is isolated for: right-to-left letters,
Arabic digits and the controls (Unicode Standard Annex #9)."""


def written(text: str) -> str:
    """``text`` as a document (a letter, a subject access export) writes
    it, line by line (a line feed ends every bidirectional control, so each
    line stands alone):

    - each control character as :func:`contactpolicy.domain.wording.shown`
      escapes it (``\\x1b``), but for a tab and the bidirectional ones;
    - a bidirectional embedding, override or isolate kept when it is ended
      on its line, as Word and Windows write Arabic and Hebrew (U+202B ...
      U+202C), and dropped, with any end that ends nothing, when not; the
      three marks (U+200E, U+200F, U+061C) kept;
    - a line holding right-to-left text or a control between U+2068 FIRST
      STRONG ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, so it reads as its
      writer wrote it and cannot reorder the document around it. These are
      characters, not markup, so the same holds in HTML wherever a template
      writes the value (a ``<title>``, an attribute), as it does in text.

    A line of left-to-right text is as it was, so most letters hold no such
    character at all.

    >>> written("Sam \\u202enolyaT\\u202c")
    '\\u2068Sam \\u202enolyaT\\u202c\\u2069'
    >>> written("Sam \\u202eTaylor\\x1b")
    'Sam Taylor\\\\x1b'
    >>> written("1 High St\\n\\u202bمحمد\\u202c")
    '1 High St\\n\\u2068\\u202bمحمد\\u202c\\u2069'
    """
    lines = [_balanced(line) for line in text.split("\n")]
    return "\n".join(
        _ISOLATE[0] + line + _ISOLATE[1] if _isolating(line) else line for line in lines
    )


def _balanced(line: str) -> str:
    """``line`` with its controls escaped and its bidirectional controls
    balanced (:func:`written`)."""
    if line.isprintable():  # the usual case: no control of any kind
        return line
    opened: list[int] = []
    kept: set[int] = set()
    for at, character in enumerate(line):
        if character in _OPENERS:
            opened.append(at)
        elif character == "\u202c" and opened and _OPENERS[line[opened[-1]]] == character:
            kept.update((opened.pop(), at))
        elif character == "\u2069":
            isolates = [i for i, o in enumerate(opened) if _OPENERS[line[o]] == character]
            if isolates:
                kept.update((opened[isolates[-1]], at))
                del opened[isolates[-1] :]
    return "".join(
        character
        if at in kept or character in _MARKS or character == "\t"
        else ""
        if character in _OPENERS or character in "\u202c\u2069"
        else shown(character)
        for at, character in enumerate(line)
    )


def _isolating(line: str) -> bool:
    """Whether ``line`` holds right-to-left text or a bidirectional control."""
    return not line.isascii() and any(
        unicodedata.bidirectional(character) in _DIRECTED for character in line
    )


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
