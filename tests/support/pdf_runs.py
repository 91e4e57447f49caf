"""Where a PDF's text is drawn: each run of text pypdf reads, placed on its
page and measured with the font it is set in."""

import io
from pathlib import Path

import attrs
import reportlab
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

__all__ = ["Run", "lines_run_on", "runs", "runs_off_the_page"]

_VERA = Path(reportlab.__file__).parent / "fonts"
_FACES = {
    "BitstreamVeraSans-Roman": ("VeraRun", _VERA / "Vera.ttf"),
    "BitstreamVeraSans-Bold": ("VeraBoldRun", _VERA / "VeraBd.ttf"),
}
"""The faces the documents embed (a subset, its name after a "+"): the
name reportlab measures each under, and its file."""


@attrs.frozen
class Run:
    """One line of text as drawn: its page (from 1), where it starts and
    ends in points from the page's left edge, the page's width, and its
    text."""

    page: int
    left: float
    right: float
    page_width: float
    text: str


def _measured(font: str) -> str:
    """The name reportlab measures the face ``font`` under: one of the
    PDF's standard fonts (a list's bullet is in Symbol) as it is, an
    embedded one registered on first use; any other is a ``KeyError``
    naming it."""
    face = font.removeprefix("/").split("+")[-1]
    if face in pdfmetrics.standardFonts:
        return face
    name, path = _FACES[face]
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, path))
    return name


def runs(content: bytes) -> list[Run]:
    """Every run of text of the PDF ``content``, page by page, in the order
    it is drawn. A run pypdf gives as several lines is measured as its
    widest, from where it starts."""
    found: list[Run] = []
    for number, page in enumerate(PdfReader(io.BytesIO(content)).pages, start=1):
        width = float(page.mediabox.width)

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: dict[str, object] | None,
            size: float,
            number: int = number,
            width: float = width,
        ) -> None:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if not lines:
                return
            assert font is not None
            face = _measured(str(font["/BaseFont"]))
            scale = tm[0] * cm[0] + tm[1] * cm[2]
            left = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            widest = max(pdfmetrics.stringWidth(line, face, size * scale) for line in lines)
            found.append(Run(number, left, left + widest, width, "\n".join(lines)))

        page.extract_text(visitor_text=visit)
    return found


def runs_off_the_page(content: bytes) -> list[Run]:
    """The runs of text of the PDF ``content`` that start before their
    page's left edge or end past its right edge, where nothing is
    printed."""
    return [run for run in runs(content) if run.left < 0 or run.right > run.page_width]


def lines_run_on(content: bytes) -> str:
    """The text of the PDF ``content`` as pypdf extracts it, each line run
    on into the next with nothing between: a word broken across lines
    reads whole, as it does copied from a reader and pasted once its line
    breaks are taken out."""
    pages = PdfReader(io.BytesIO(content)).pages
    return "".join("".join(page.extract_text().splitlines()) for page in pages)
