"""Sphinx configuration of the contactpolicy documentation site.

Build it with ``uv run sphinx-build -W -b html docs docs/_build/html``.
"""

from importlib.metadata import version as _version

from pygments.lexers.special import TextLexer
from sphinx.application import Sphinx

project = "contactpolicy"
author = "The contactpolicy developers"
copyright = "2026, The contactpolicy developers"
release = _version("contactpolicy")
version = ".".join(release.split(".")[:2])

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]

html_theme = "furo"
# The HTTP API's OpenAPI document, published beside the pages (docs/http.md).
html_extra_path = ["openapi.json"]
html_title = f"contactpolicy {release}"


def setup(app: Sphinx) -> None:
    """Show Mermaid diagrams as their source text: GitHub draws them from the
    same fence, and the text reads as a list of transitions."""
    app.add_lexer("mermaid", TextLexer)
