"""The HTTP API's page and its published OpenAPI document say what the app does."""

import json
import re
from pathlib import Path

from contactpolicy.http import openapi_document

ROOT = Path(__file__).resolve().parents[2]


def test_the_published_openapi_document_is_the_apps() -> None:
    """docs/openapi.json is the document the app generates; if this fails,
    run: uv run python -m contactpolicy.http > docs/openapi.json"""
    published = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert published == json.loads(json.dumps(openapi_document()))


def test_the_page_lists_every_path_of_the_document() -> None:
    """Each path of the document is in docs/http.md's table of resources, and
    each command on a case is named in its list."""
    page = (ROOT / "docs" / "http.md").read_text(encoding="utf-8")
    for path in openapi_document()["paths"]:
        if path not in page:
            assert path.startswith("/v1/cases/{case_id}/"), path
            assert f"`{path.rsplit('/', 1)[1]}`" in page, path


def test_the_mounting_example_builds_an_app() -> None:
    """The page's ```python example of mounting the API runs as written, on
    an in-memory store in place of its PostgreSQL URL, and builds the app:
    every name it uses (the officer directory among them) is defined."""
    page = (ROOT / "docs" / "http.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```python\n(.*?)```", page, re.S)
    url = '"postgresql://contactpolicy@db.internal/cases"'
    assert url in block
    names: dict[str, object] = {}
    exec(compile(block.replace(url, '"memory://"'), "docs/http.md", "exec"), names)
    from litestar import Litestar

    assert isinstance(names["app"], Litestar)
